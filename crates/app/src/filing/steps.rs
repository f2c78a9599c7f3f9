//! Answering a procedure step by step: the draft, each step saved, the postal-code look-up.

use std::sync::Arc;

use madoguchi_core::DraftId;
use madoguchi_core::ProcedureId;
use madoguchi_forms::input::{FoundAddress, fill_address};
use madoguchi_forms::{FieldError, Form};
use madoguchi_records::DraftRecord;
use serde_json::{Map, Value};

use super::Filing;
use crate::filing::external_check::Verdict;
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{AppError, token_hash};
use crate::submission::prefill::{self, PrefillMarks};

/// The answers saved so far (or, before the first save, those filled in for a signed-in
/// resident).
#[derive(Clone, Debug)]
pub struct DraftView {
    pub form: Arc<Form>,
    pub data: Value,
    /// The answers filled in for the resident that they have not changed, and from where.
    pub prefilled: PrefillMarks,
}

/// The result of posting one step.
#[derive(Clone, Debug)]
pub enum StepOutcome {
    /// Saved; go to the next step, or to the check page when there is none. When an
    /// answer on this step newly gives a warning (a date outside a window that only warns),
    /// `next_step` is this step again: the resident reads the warning where they answered,
    /// and sending the step again unchanged goes on.
    Saved { next_step: Option<String> },
    /// Nothing was saved; show these errors with what was typed.
    Invalid { errors: Vec<FieldError> },
}

/// A step's inputs filled in by the server (address look-up), to show again.
#[derive(Clone, Debug)]
pub struct Refilled {
    pub values: Vec<(String, String)>,
    pub errors: Vec<FieldError>,
}

impl Filing<'_> {
    /// The answers this browser session saved for a procedure (empty when none).
    pub fn draft(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
    ) -> Result<DraftView, AppError> {
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(DraftView {
                form,
                data: Value::Object(Map::new()),
                prefilled: PrefillMarks::new(),
            });
        };
        let hash = token_hash(token);
        let (data, prefilled) = self.app.read(|conn| {
            Ok(
                match self
                    .app
                    .load_draft_data(conn, self.city, &hash, procedure_id)?
                {
                    Some((row, data)) => (data, prefill::marks_of(&row.prefilled)),
                    // Not started yet: what the first save will start the draft with.
                    None => {
                        let p = self.app.prefill_in(conn, self.city, &hash, &form)?;
                        (p.data, p.marks)
                    }
                },
            )
        })?;
        Ok(DraftView {
            form,
            data: Value::Object(data),
            prefilled,
        })
    }

    /// A browser without a session's draft (nothing answered yet) from memory alone: `None`
    /// when answering would read the database (see [`crate::kernel::App::cached_procedure`]).
    pub fn cached_blank_draft(
        &self,
        procedure_id: &ProcedureId,
    ) -> Option<Result<DraftView, AppError>> {
        let found = self.app.cached_procedure(self.city, procedure_id)?;
        Some(found.map(|(form, _)| DraftView {
            form,
            data: Value::Object(Map::new()),
            prefilled: PrefillMarks::new(),
        }))
    }

    /// Answers saved on `step_id` that the routing now refuses — the office of another
    /// ward, when the postal code was changed on its own step afterwards — for the step's
    /// page to show when the check page sends the resident back to it.
    pub fn routing_refusals(
        &self,
        form: &Form,
        data: &Value,
        step_id: &str,
    ) -> Result<Vec<FieldError>, AppError> {
        let Some((_, step)) = form.step(step_id) else {
            return Ok(Vec::new());
        };
        // Only a step that asks the postal code or the office can hold a refusal: the
        // others read nothing.
        let asks_routed = form.settings().routing.as_ref().is_some_and(|r| {
            step.owns_pointer(&r.ward_from)
                || r.office_field
                    .as_deref()
                    .is_some_and(|p| step.owns_pointer(p))
        });
        if !asks_routed {
            return Ok(Vec::new());
        }
        match self
            .app
            .read(|c| self.app.check_routing(c, self.city, form, data))
        {
            Err(AppError::Validation { errors, .. }) => Ok(errors
                .into_iter()
                .filter(|e| step.owns_pointer(&e.pointer) && data.pointer(&e.pointer).is_some())
                .collect()),
            other => other.map(|()| Vec::new()),
        }
    }

    /// Validates one step and, when it is right, saves it into the session's draft.
    /// Nothing is stored when there are errors. `address` is the client's, for the
    /// external check's throttle.
    pub fn save_step(
        &self,
        token: &str,
        procedure_id: &ProcedureId,
        step_id: &str,
        posted: &[(String, String)],
        address: &str,
    ) -> Result<StepOutcome, AppError> {
        if !looks_like_token(token) {
            return Err(AppError::broken("resident session token malformed"));
        }
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        let (_, step) = form.step(step_id).ok_or(AppError::NotFound)?;
        let session_hash = token_hash(token);
        let existing = self.app.read(|conn| {
            Ok(
                match self
                    .app
                    .load_draft_data(conn, self.city, &session_hash, procedure_id)?
                {
                    Some(found) => Ok(found),
                    None => {
                        let mut filled =
                            self.app.prefill_in(conn, self.city, &session_hash, &form)?;
                        // Files attached before the first step was saved answer theirs.
                        self.app.answer_attached_files(
                            conn,
                            self.city,
                            &session_hash,
                            &form,
                            &mut filled.data,
                        )?;
                        Err(filled)
                    }
                },
            )
        })?;
        let (draft_id, created_at, shown_at, mut data, mut prefilled, mut checked) = match existing
        {
            Ok((row, data)) => (
                row.id,
                row.created_at,
                row.privacy_notice_shown_at,
                data,
                prefill::marks_of(&row.prefilled),
                row.external_check,
            ),
            // The first save starts the draft with the answers filled in for the resident
            // (their own, on the later steps too).
            Err(filled) => (
                DraftId::new(uuid::Uuid::now_v7().to_string()),
                self.app.now().naive_utc(),
                None,
                filled.data,
                filled.marks,
                None,
            ),
        };
        let before = data.clone();
        let mut errors =
            form.answer_step(step, posted, &mut data, self.app.filing_day_in(self.city));
        prefill::keep_unchanged(&mut prefilled, &before, &data);
        // The step that asks the postal code deciding the ward, or the office that must be
        // one of that ward's once the postal code is known.
        let answers = Value::Object(data.clone());
        let routed_here = form.settings().routing.as_ref().is_some_and(|r| {
            step.owns_pointer(&r.ward_from)
                || r.office_field.as_deref().is_some_and(|office| {
                    step.owns_pointer(office) && answers.pointer(&r.ward_from).is_some()
                })
        });
        if errors.is_empty() && routed_here {
            // Refused where it is asked, not only when filing sends the resident back here;
            // a refusal of another step's question (the office, when the postal code
            // changes) waits for the check page, which leads to that step.
            match self
                .app
                .read(|c| self.app.check_routing(c, self.city, &form, &answers))
            {
                Err(AppError::Validation {
                    errors: refused, ..
                }) => {
                    errors = refused
                        .into_iter()
                        .filter(|e| step.owns_pointer(&e.pointer))
                        .collect()
                }
                other => other?,
            }
        }
        // The step that asks the secret: its answers go to the system that checks them.
        let checked_here = form
            .external_check()
            .is_some_and(|c| step.owns_pointer(&c.error_field));
        if errors.is_empty() && checked_here {
            match self.external_check(&form, &Value::Object(data.clone()), address)? {
                Some(Verdict::Passed(mark)) => checked = Some(mark.to_json()),
                Some(Verdict::Failed(refused)) => errors = vec![refused],
                None => {}
            }
        }
        if !errors.is_empty() {
            return Ok(StepOutcome::Invalid { errors });
        }
        // The secret has been read: it is never stored.
        let mut kept = Value::Object(data);
        form.drop_secret_answers(&mut kept);
        let Value::Object(data) = kept else {
            return Err(AppError::broken("answers are an object"));
        };
        let after = Value::Object(data.clone());
        let next_step = if warns_anew(
            &form,
            step,
            &Value::Object(before),
            &after,
            self.app.filing_day_in(self.city),
        ) {
            Some(step_id.to_string())
        } else {
            form.next_step(step_id, &after).map(|s| s.id.clone())
        };
        let now = self.app.now().naive_utc();
        let row = DraftRecord {
            id: draft_id,
            tenant_id: self.city.clone(),
            session_hash,
            procedure_id: procedure_id.clone(),
            form_version: form.version().to_string(),
            data: self.app.seal_data(&form, &after)?,
            created_at,
            updated_at: now,
            expires_at: now + self.app.config.draft_ttl,
            // The first step's page shows the purpose of use (利用目的): sending it is
            // when the resident had it before them.
            privacy_notice_shown_at: shown_at.or_else(|| {
                (form.steps().first().map(|s| s.id.as_str()) == Some(step_id)).then_some(now)
            }),
            prefilled: prefill::stored_marks(&prefilled),
            external_check: checked,
        };
        // A booking question on this step holds the place chosen, with the draft; working
        // on the form keeps the places held. A place no longer to be had is said on its
        // question, and nothing of the step is saved.
        let chosen: Vec<_> = form
            .booking_answers(&after)
            .into_iter()
            .filter(|a| step.owns_pointer(&a.field.pointer))
            .collect();
        let saved = self.app.write(|c| {
            self.app.keep_form_version(c, &form)?;
            self.app
                .hold_answers(c, self.city, &row.session_hash, &chosen)?;
            c.save_draft(&row)?;
            // Working on a form counts as activity: a sign-in does not end mid-form.
            self.app.keep_alive_in(c, self.city, &row.session_hash)?;
            Ok(())
        });
        match saved {
            Err(AppError::Validation { errors, .. }) => Ok(StepOutcome::Invalid { errors }),
            other => other.map(|()| StepOutcome::Saved { next_step }),
        }
    }

    /// "Look up address" on a step: fills the address fields tied to the postal-code field
    /// `postal_field` from the postal-code data and returns the values to show again
    /// (nothing is saved), with an error on the field when no address was found.
    pub fn look_up_address_on_step(
        &self,
        procedure_id: &ProcedureId,
        step_id: &str,
        posted: &[(String, String)],
        postal_field: &str,
    ) -> Result<Refilled, AppError> {
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        let (_, step) = form.step(step_id).ok_or(AppError::NotFound)?;
        self.look_up_address_in(step, posted, postal_field)
    }

    /// The same, on any page of questions (a correction page holds only some of them).
    pub fn look_up_address_in(
        &self,
        step: &madoguchi_forms::model::Step,
        posted: &[(String, String)],
        postal_field: &str,
    ) -> Result<Refilled, AppError> {
        let code = posted
            .iter()
            .find(|(k, _)| k == postal_field)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        let found: Vec<FoundAddress> = self
            .app
            .lookup_address(code)?
            .into_iter()
            .map(|a| FoundAddress {
                prefecture: a.prefecture,
                city: a.city,
                town: a.town,
            })
            .collect();
        let (values, error) = fill_address(step, posted, postal_field, &found);
        Ok(Refilled {
            values,
            errors: error.into_iter().collect(),
        })
    }
}

/// Whether the answers on `step` give a warning they did not give before this save (so the
/// resident has not been shown it yet).
fn warns_anew(
    form: &Form,
    step: &madoguchi_forms::model::Step,
    before: &Value,
    after: &Value,
    filed_on: madoguchi_forms::FilingDay,
) -> bool {
    let on_step = |data: &Value| -> Vec<(String, madoguchi_forms::FormErrorCode)> {
        form.warnings(data, filed_on.clone())
            .into_iter()
            .filter(|w| step.owns_pointer(&w.pointer))
            .map(|w| (w.pointer, w.code))
            .collect()
    };
    let seen = on_step(before);
    on_step(after).iter().any(|w| !seen.contains(w))
}
