//! The applicant's side of a correction request (補正): the page reached from the emailed
//! link shows only the questions the clerk named; the answer is checked like a new filing,
//! replaces those answers (the old ones are kept on the correction), and restarts the clock.
//! The same link lets the applicant withdraw (取下げ) while the matter is open.

use std::sync::Arc;

use chrono::NaiveDate;
use madoguchi_core::{ArrivalNumber, Localized, RefundReason, jst};
use madoguchi_forms::input::Posted;
use madoguchi_forms::model::Step;
use madoguchi_forms::registry::canonical_json;
use madoguchi_forms::{FieldError, Form};
use madoguchi_records::{CorrectionRecord, DataUpdate, Records, RecordsRead, SubmissionRecord};
use madoguchi_workflow::{Action, Role, State, transition};
use serde_json::{Map, Value, json};

use super::Filing;
use crate::kernel::audit::{Actor, HistoryEntry};
use crate::kernel::tokens::{looks_like_token, sha256_hex};
use crate::kernel::{AppError, token_hash};
use crate::submission::access::{parse_fields, parse_number};
use crate::submission::forms::search_key;

/// What the correction page shows.
#[derive(Clone, Debug)]
pub struct CorrectionPage {
    pub form: Arc<Form>,
    /// The answers as they are now.
    pub data: Value,
    /// The questions to answer again.
    pub step: Step,
    pub message: String,
    pub deadline: NaiveDate,
    /// Past the deadline (the office may still accept it, or reject the application).
    pub lapsed: bool,
    pub arrival_number: ArrivalNumber,
    pub procedure_title: Localized,
    pub state: State,
    /// This request was answered already.
    pub answered: bool,
    /// The applicant may still answer it.
    pub can_answer: bool,
    /// The applicant may still withdraw the application.
    pub can_withdraw: bool,
    /// The filing's files: those filed before, and those sent with this correction (which
    /// can be taken back until it is sent), for the questions named or that the new answers
    /// make necessary. The page shows those of the questions it asks.
    pub files: Vec<crate::kernel::files::AttachmentView>,
    /// Once answered: what the applicant changed (My Numbers masked).
    pub changes: Vec<crate::submission::changes::Change>,
}

#[derive(Debug)]
pub enum CorrectionOutcome {
    Sent,
    /// Something in the answers is wrong; nothing was stored.
    Invalid {
        page: Box<CorrectionPage>,
        errors: Vec<FieldError>,
    },
}

impl Filing<'_> {
    /// The correction page for the secret in an emailed link.
    pub fn correction(&self, token: &str) -> Result<CorrectionPage, AppError> {
        self.app.read(|c| Ok(self.correction_in(c, token)?.0))
    }

    pub(crate) fn correction_in(
        &self,
        c: &mut dyn RecordsRead,
        token: &str,
    ) -> Result<(CorrectionPage, CorrectionRecord, SubmissionRecord), AppError> {
        if !looks_like_token(token) {
            return Err(AppError::NotFound);
        }
        let correction = c
            .find_correction_by_token(&token_hash(token))?
            .filter(|k| k.tenant_id == *self.city)
            .ok_or(AppError::NotFound)?;
        let row = c
            .find_submission(self.city, &correction.submission_id)?
            .ok_or(AppError::NotFound)?;
        let form = self.app.form_version(c, &row.form_version)?;
        let data = self.app.open_data(&form, &row.data)?;
        let pointers = parse_fields(&correction.fields)?;
        let step = form.step_of(
            "correction",
            crate::kernel::words::localized(madoguchi_i18n::msg::app_correction_step_title::text),
            &pointers,
        );
        let state = row.state;
        let corrections = c.corrections_of(&row.id)?;
        let latest = corrections
            .last()
            .is_some_and(|last| last.id == correction.id);
        let answered = correction.resubmitted_at.is_some();
        let changes = if answered {
            let at = corrections.iter().position(|r| r.id == correction.id);
            self.app
                .correction_changes(&form, &corrections, &row)?
                .into_iter()
                .nth(at.unwrap_or(usize::MAX))
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let today = jst::date(self.app.now());
        let files = c
            .attachments_of(&row.id)?
            .into_iter()
            .filter(|a| {
                a.correction_id.is_none() || a.correction_id.as_ref() == Some(&correction.id)
            })
            .map(Into::into)
            .collect();
        let page = CorrectionPage {
            procedure_title: form.title().clone(),
            form,
            data,
            step,
            message: correction.message.clone(),
            deadline: correction.deadline,
            lapsed: !answered && today > correction.deadline,
            arrival_number: parse_number(&row)?,
            state,
            answered,
            can_answer: latest && !answered && state == State::CorrectionRequested,
            // Only the newest link of an open filing can withdraw it.
            can_withdraw: latest && transition(state, &Action::Withdraw, Role::Resident).is_ok(),
            files,
            changes,
        };
        Ok((page, correction, row))
    }

    /// Checks and stores the applicant's correction.
    pub fn answer_correction(
        &self,
        token: &str,
        posted: &(impl Posted + ?Sized),
    ) -> Result<CorrectionOutcome, AppError> {
        let (page, _, row) = self.app.read(|c| self.correction_in(c, token))?;
        if !page.can_answer {
            return Err(AppError::InvalidTransition);
        }
        // A correction completes the filing: its dates are judged as on the day it arrived.
        let filed_on = jst::date(row.arrived_at.and_utc());
        // The named questions, plus any question the new answers make necessary (a changed
        // answer can make another question required): those are asked too, and only those.
        let mut pointers: Vec<String> =
            page.step.fields.iter().map(|f| f.pointer.clone()).collect();
        let (mut data, mut errors) = (Map::new(), Vec::new());
        for _ in 0..4 {
            let step = page
                .form
                .step_of(&page.step.id, page.step.title.clone(), &pointers);
            data = page.data.as_object().cloned().unwrap_or_default();
            // A file question is answered by the filing's files, those sent with this
            // correction included.
            page.form.answer_files(
                &mut data,
                page.files
                    .iter()
                    .map(|a| (a.field.as_str(), a.file_name.as_str())),
            );
            errors = page.form.answer_fields(
                &step,
                posted,
                &mut data,
                madoguchi_forms::FilingDay::new(filed_on)
                    .with_closed_days(self.app.closed_days(self.city)),
            );
            let answers = Value::Object(data.clone());
            let questions: Vec<String> = page
                .form
                .questions(&answers)
                .map(|f| f.pointer.clone())
                .collect();
            let more: Vec<String> = errors
                .iter()
                .filter_map(|e| e.pointer.split('/').nth(1).map(|top| format!("/{top}")))
                .filter(|top| !pointers.contains(top) && questions.contains(top))
                .collect();
            if more.is_empty() {
                break;
            }
            pointers.extend(more);
            pointers.dedup();
        }
        // A named file question needs a new file sent with this correction.
        for f in page
            .step
            .fields
            .iter()
            .filter(|f| f.kind == madoguchi_forms::FieldKind::File)
        {
            if !page
                .files
                .iter()
                .any(|a| a.from_correction && a.field == f.pointer)
            {
                errors.push(FieldError::new(
                    &f.pointer,
                    madoguchi_forms::FormErrorCode::Required,
                ));
            }
        }
        if !errors.is_empty() {
            let step = page
                .form
                .step_of(&page.step.id, page.step.title.clone(), &pointers);
            return Ok(CorrectionOutcome::Invalid {
                page: Box::new(CorrectionPage { step, ..page }),
                errors,
            });
        }
        // The answers as they are kept (whole numbers as integers), errors already refused.
        let mut new_data = madoguchi_forms::integers::canonical(Value::Object(data));
        // Never a secret, whatever was posted (no correction asks one).
        page.form.drop_secret_answers(&mut new_data);
        let now = self.app.now();
        self.app.write(|c| {
            // Read again inside the transaction: the clerk may have acted meanwhile.
            let (page, correction, row) = self.correction_in(c, token)?;
            if !page.can_answer {
                return Err(AppError::InvalidTransition);
            }
            let from = page.state;
            let to = transition(from, &Action::Resubmit, Role::Resident)
                .map_err(|_| AppError::InvalidTransition)?;
            if !c.mark_correction_answered(&correction.id, now.naive_utc(), &row.data)? {
                return Err(AppError::InvalidTransition);
            }
            let changed: Vec<String> = page
                .form
                .questions(&new_data)
                .filter(|f| {
                    page.data.pointer(&f.pointer) != new_data.pointer(&f.pointer)
                        || page
                            .files
                            .iter()
                            .any(|a| a.from_correction && a.field == f.pointer)
                })
                .map(|f| f.pointer.clone())
                .collect();
            // Everything derived from the answers follows them: a corrected address can move
            // the filing to another ward, a corrected email gets the next messages, a
            // corrected number of copies changes the fee.
            // The digest is of the answers as given; what is stored has My Numbers sealed.
            let canonical = canonical_json(&new_data);
            let stored = self.app.seal_data(&page.form, &new_data)?;
            let department = c.find_department(&row.department_id)?.ok_or_else(|| {
                AppError::broken(format!("submission {} has no department", row.id))
            })?;
            let ward_code = crate::kernel::municipality::route_to_ward(
                c,
                self.city,
                &department,
                &page.form,
                &new_data,
            )?;
            if ward_code != row.ward_code {
                // Another ward's office takes it over.
                c.set_assignee(&row.id, None, now.naive_utc())?;
            }
            c.replace_submission_data(
                &row.id,
                &DataUpdate {
                    data_sha256: sha256_hex(canonical.as_bytes()),
                    data: stored,
                    search_key: search_key(&page.form, &new_data),
                    applicant_name: page.form.applicant_name(&new_data),
                    contact_email: page.form.contact_email(&new_data),
                    ward_code,
                    fee_yen: page.form.fee(&new_data).map_or(0, |q| q.total.amount()),
                    duplicate_key: self.app.duplicate_key(self.city, &page.form, &new_data)?,
                },
                now.naive_utc(),
            )?;
            if !c.update_submission_state(&row.id, from, to, now.naive_utc())? {
                return Err(AppError::InvalidTransition);
            }
            self.applicant_event(
                c,
                &row,
                madoguchi_core::HistoryAction::Resubmit,
                from,
                to,
                Some(json!({ "changed": changed })),
            )?;
            self.app
                .update_due_date(c, &page.form, &row, jst::date(now))?;
            if let Some(email) = &row.contact_email {
                let receipt = self.app.receipt_of(c, &row)?;
                let mail = self.app.applicant_action_mail(
                    c,
                    self.city,
                    &receipt,
                    madoguchi_core::MailKind::Resubmitted,
                    email,
                )?;
                c.enqueue_mail(&mail)?;
            }
            tracing::info!(arrival_number = %row.arrival_number, "correction received");
            Ok(CorrectionOutcome::Sent)
        })
    }

    /// Withdraws the application from the correction link.
    pub fn withdraw_by_correction(&self, token: &str) -> Result<State, AppError> {
        self.app.write(|c| {
            let (page, _, row) = self.correction_in(c, token)?;
            if !page.can_withdraw {
                return Err(AppError::InvalidTransition);
            }
            self.withdraw_in(c, &row)
        })
    }

    /// Withdraws the application from the receipt, in the browser that filed it.
    pub fn withdraw_by_receipt(
        &self,
        session_token: Option<&str>,
        arrival_number: &str,
    ) -> Result<State, AppError> {
        self.app.write(|c| {
            let row = self
                .app
                .residents_filing(c, self.city, session_token, arrival_number)?;
            self.withdraw_in(c, &row)
        })
    }

    fn withdraw_in(&self, c: &mut dyn Records, row: &SubmissionRecord) -> Result<State, AppError> {
        let now = self.app.now();
        let from = row.state;
        let to = transition(from, &Action::Withdraw, Role::Resident)
            .map_err(|_| AppError::InvalidTransition)?;
        if !c.update_submission_state(&row.id, from, to, now.naive_utc())? {
            return Err(AppError::InvalidTransition);
        }
        self.applicant_event(
            c,
            row,
            madoguchi_core::HistoryAction::Withdraw,
            from,
            to,
            None,
        )?;
        let form = self.app.form_version(c, &row.form_version)?;
        self.app.update_due_date(c, &form, row, jst::date(now))?;
        self.app
            .refund_if_allowed(c, &form, row, RefundReason::Withdrawn)?;
        // A withdrawn filing's booked places are free again.
        c.cancel_bookings_of(self.city, &row.id, now.naive_utc())?;
        if let Some(email) = &row.contact_email {
            let receipt = self.app.receipt_of(c, row)?;
            let mail = self.app.applicant_action_mail(
                c,
                self.city,
                &receipt,
                madoguchi_core::MailKind::Withdrawn,
                email,
            )?;
            c.enqueue_mail(&mail)?;
        }
        tracing::info!(arrival_number = %row.arrival_number, "application withdrawn");
        Ok(to)
    }

    fn applicant_event(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        action: madoguchi_core::HistoryAction,
        from: State,
        to: State,
        detail: Option<Value>,
    ) -> Result<(), AppError> {
        let event = self.app.append_history(
            c,
            row,
            self.app.now(),
            HistoryEntry {
                actor: Actor::Resident,
                action,
                from: Some(from),
                to,
                reason: None,
                detail: detail.map(|d| d.to_string()),
            },
        )?;
        self.app.queue_webhooks(c, row, &event)?;
        Ok(())
    }
}
