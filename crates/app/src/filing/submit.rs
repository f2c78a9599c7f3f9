//! The check page and the submission: from the pages (a draft) or the API (JSON).

use std::sync::Arc;

use chrono::NaiveDate;
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, Localized};
use madoguchi_forms::definition::FeeTiming;
use madoguchi_forms::registry::canonical_json;
use madoguchi_forms::{FeeQuote, FieldError, Form};
use serde_json::Value;

use super::Filing;
use crate::filing::external_check::{Verdict, check_needed, mark_holds};
use crate::kernel::staff::require_city;
use crate::kernel::tokens::{looks_like_token, sha256_hex, valid_idempotency_key};
use crate::kernel::{AppError, token_hash};
use crate::submission::SubmitOutcome;
use crate::submission::forms::validate_all;
use crate::submission::store::Filing as Sent;

/// Everything the check-your-answers page shows.
#[derive(Clone, Debug)]
pub struct CheckView {
    pub form: Arc<Form>,
    pub data: Value,
    pub fee: Option<FeeQuote>,
    pub department: Localized,
    /// The date a decision is due if the filing arrived now.
    pub due_if_filed_now: Option<NaiveDate>,
    /// When the fee is paid (none when nothing is due).
    pub fee_timing: Option<FeeTiming>,
    /// What must happen before it can be sent (sign in, confirm the email or the card).
    pub gate: crate::kernel::identity::IdentityGate,
    /// Who the session signed in as, if anyone.
    pub signed_in: Option<crate::kernel::identity::SignedIn>,
    /// The answers filled in for the resident that they kept, and from where.
    pub prefilled: crate::submission::PrefillMarks,
    /// Answers accepted with a warning if filed today (a notification past its period).
    pub warnings: Vec<madoguchi_forms::FieldWarning>,
    /// This resident's open filings of the procedure for the same person and key answers
    /// (`procedure.duplicates`): a warning, or for a void second filing the reason it
    /// cannot be sent.
    pub alike: Vec<crate::submission::FilingAlike>,
    /// Whether the procedure refuses a second filing while the first is open.
    pub second_is_void: bool,
    /// The facts the city has not confirmed (the page says so beside the fee and the
    /// expected date).
    pub unconfirmed: crate::kernel::confirmed_facts::Unconfirmed,
}

/// Answers checked without storing them (the API's validate).
#[derive(Clone, Debug)]
pub struct Checked {
    pub form: Arc<Form>,
    pub normalized: Value,
    pub errors: Vec<FieldError>,
    /// Dates outside a warning window (a notification past its legal period): they do not
    /// stop the filing.
    pub warnings: Vec<madoguchi_forms::FieldWarning>,
    pub fee: Option<FeeQuote>,
}

impl Filing<'_> {
    /// The check page: every answer validated together. Errors point at the first step
    /// that needs attention.
    pub fn check(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
    ) -> Result<CheckView, AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let (form, department) = self.app.procedure(self.city, procedure_id)?;
        let (row, data) = self
            .app
            .read(|conn| {
                self.app
                    .load_draft_data(conn, self.city, &token_hash(token), procedure_id)
            })?
            .ok_or(AppError::DraftMissing)?;
        let prefilled = crate::submission::prefill::marks_of(&row.prefilled);
        let data = validate_all(
            &form,
            &Value::Object(data),
            self.app.filing_day_in(self.city),
        )?;
        if !mark_holds(&form, row.external_check.as_deref(), &data) {
            return Err(check_needed(&form));
        }
        let unconfirmed = self.app.read(|c| {
            self.app.check_routing(c, self.city, &form, &data)?;
            self.app.unconfirmed_facts_in(c, self.city, &form)
        })?;
        let fee = form.fee(&data);
        // A fee stated in words is not computed, but its timing still says where it is paid.
        let stated = matches!(form.fee_summary(), madoguchi_forms::FeeSummary::Stated(_));
        let due = stated || fee.as_ref().is_some_and(|f| f.total.amount() > 0);
        let fee_timing = form.fee_timing().filter(|_| due);
        let (gate, signed_in, alike) = self.app.read(|c| {
            let hash = token_hash(token);
            let (gate, _) = self.app.gate_in(c, self.city, &form, &data, Some(&hash))?;
            let account = self.app.account_of(c, self.city, &hash)?;
            let filer = crate::submission::duplicates::Filer {
                session_hash: &hash,
                account: account.as_deref(),
            };
            let alike = self
                .app
                .own_filings_alike(c, self.city, &form, &data, &filer)?;
            Ok((
                gate,
                crate::kernel::identity::identity_in(
                    c,
                    self.city,
                    &hash,
                    self.app.now().naive_utc(),
                )?,
                alike,
            ))
        })?;
        let second_is_void = form.second_filing_is_void();
        let due_if_filed_now = form.settings().processing_days.map(|days| {
            let office = self.app.office_calendar(self.city);
            let from =
                madoguchi_workflow::clock::received_on(self.app.now(), &office.days, office.hours);
            office.days.add_business_days(from, days)
        });
        let warnings = form.warnings(&data, self.app.filing_day_in(self.city));
        Ok(CheckView {
            warnings,
            alike,
            second_is_void,
            form,
            data,
            fee,
            department,
            due_if_filed_now,
            fee_timing,
            gate,
            signed_in,
            prefilled,
            unconfirmed,
        })
    }

    /// Files the draft. The same idempotency key sent again — once or fifty times at once —
    /// stores one submission and answers with its receipt every time.
    pub fn submit(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
        idempotency_key: &str,
    ) -> Result<SubmitOutcome, AppError> {
        if !valid_idempotency_key(idempotency_key) {
            return Err(AppError::IdempotencyKeyMissing);
        }
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        let filing = Sent::Draft {
            session_hash: token_hash(token),
        };
        self.file(&form, &filing, idempotency_key)
    }

    /// Files answers sent as JSON (the API). They are normalised and validated like a
    /// form's; the same key with the same answers replays the receipt, with other answers it
    /// is refused. `address` is the client's, for the external check's throttle. Without a
    /// department's token no file can be named (see [`Filing::submit_data_with_files`]).
    pub fn submit_data(
        &self,
        procedure_id: &ProcedureId,
        data: Value,
        idempotency_key: &str,
        address: &str,
    ) -> Result<SubmitOutcome, AppError> {
        self.submit_json(procedure_id, data, idempotency_key, address, None)
    }

    /// Files answers sent as JSON by a department's system with its token (`client`: the
    /// author the token acts as): a file question's answer names the files it uploaded
    /// first ([`Filing::upload_for_api`]), which the filing takes.
    pub fn submit_data_with_files(
        &self,
        client: &crate::kernel::staff::Clerk,
        procedure_id: &ProcedureId,
        data: Value,
        idempotency_key: &str,
        address: &str,
    ) -> Result<SubmitOutcome, AppError> {
        let uploader = crate::filing::api_files::uploader_of(client)?;
        require_city(client, self.city)?;
        self.submit_json(
            procedure_id,
            data,
            idempotency_key,
            address,
            Some(&uploader),
        )
    }

    fn submit_json(
        &self,
        procedure_id: &ProcedureId,
        data: Value,
        idempotency_key: &str,
        address: &str,
        uploader: Option<&str>,
    ) -> Result<SubmitOutcome, AppError> {
        if !valid_idempotency_key(idempotency_key) {
            return Err(AppError::IdempotencyKeyMissing);
        }
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        let mut data = form.normalize_json(data);
        let wrong = form.file_answer_type_errors(&data);
        if let Some(first) = wrong.first() {
            return Err(AppError::Validation {
                step: form.step_id_asking(&first.pointer),
                errors: wrong,
            });
        }
        // The request is identified by the answers as sent (the files by their ids). A
        // secret is never stored, nor hashed into the request's key (a password's hash
        // could be guessed back).
        let mut sent = data.clone();
        form.drop_secret_answers(&mut sent);
        let request_hash =
            sha256_hex(format!("{}\n{}", form.id(), canonical_json(&sent)).as_bytes());
        let names_files = !form.file_references(&data).is_empty();
        // A retry of a filing that took its files replays it (the files are taken now).
        if (names_files || form.external_check().is_some())
            && let Some(receipt) = self.app.read(|c| {
                let probe = Sent::Data {
                    data: Value::Null,
                    request_hash: request_hash.clone(),
                    uploads: None,
                };
                self.app.replay(c, self.city, idempotency_key, &probe)
            })?
        {
            return Ok(SubmitOutcome::Replayed(receipt));
        }
        // Each file question answered by the names of the files it names.
        let uploads = self.take_named_uploads(&form, &mut data, uploader)?;
        let mut kept = data.clone();
        form.drop_secret_answers(&mut kept);
        let filing = Sent::Data {
            data: kept,
            request_hash,
            uploads,
        };
        if form.external_check().is_some() {
            self.check_sent_secrets(&form, &data, address)?;
        }
        self.file(&form, &filing, idempotency_key)
    }

    /// The API's filing of a form with an external check: the answers (the secret
    /// included) valid, then checked by the system; a refusal is a 422 on the field, an
    /// unreachable system a 503.
    fn check_sent_secrets(&self, form: &Form, data: &Value, address: &str) -> Result<(), AppError> {
        let missing: Vec<FieldError> = form
            .secret_questions()
            .filter(|q| data.pointer(&q.pointer).is_none())
            .map(|q| FieldError::new(q.pointer.clone(), madoguchi_forms::FormErrorCode::Required))
            .collect();
        let step_of = |pointer: &str| form.step_id_asking(pointer);
        if let Some(first) = missing.first() {
            return Err(AppError::Validation {
                step: step_of(&first.pointer),
                errors: missing,
            });
        }
        validate_all(form, data, self.app.filing_day_in(self.city))?;
        match self.external_check(form, data, address)? {
            Some(Verdict::Failed(e))
                if e.code == madoguchi_forms::FormErrorCode::ExternalCheckUnavailable =>
            {
                Err(AppError::Outside(ErrorCode::ExternalCheckUnavailable))
            }
            Some(Verdict::Failed(e)) => Err(AppError::Validation {
                step: step_of(&e.pointer),
                errors: vec![e],
            }),
            Some(Verdict::Passed(_)) | None => Ok(()),
        }
    }

    /// Normalises and validates answers sent as JSON without storing anything.
    pub fn validate_data(
        &self,
        procedure_id: &ProcedureId,
        data: Value,
    ) -> Result<Checked, AppError> {
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        let mut normalized = form.normalize_json(data);
        let mut wrong = form.file_answer_type_errors(&normalized);
        // A file answer naming uploads is taken as answered: which uploads exist is known
        // only to the filing, with its token.
        let (named, unnamed) = crate::filing::api_files::named_ids(&form, &normalized);
        wrong.extend(unnamed);
        if let Value::Object(map) = &mut normalized {
            let pairs = named.iter().map(|(p, id)| (p.as_str(), id.as_str()));
            form.answer_files(map, pairs.collect::<Vec<_>>());
        }
        let mut errors = form.validate(&normalized, self.app.filing_day_in(self.city));
        // A wrong answer to a file question is that question's one problem.
        errors.retain(|e| !wrong.iter().any(|w| w.pointer == e.pointer));
        errors.extend(wrong);
        // Checked for its form, never sent to the system here, never given back.
        form.drop_secret_answers(&mut normalized);
        if errors.is_empty() {
            // Answers that are right in themselves may still have no ward to go to.
            match self
                .app
                .read(|c| self.app.check_routing(c, self.city, &form, &normalized))
            {
                Err(AppError::Validation {
                    errors: refused, ..
                }) => errors = refused,
                other => other?,
            }
        }
        let fee = form.fee(&normalized);
        let warnings = form.warnings(&normalized, self.app.filing_day_in(self.city));
        Ok(Checked {
            form,
            normalized,
            errors,
            warnings,
            fee,
        })
    }

    fn file(&self, form: &Arc<Form>, filing: &Sent, key: &str) -> Result<SubmitOutcome, AppError> {
        // Answers sent as JSON go in a batch with the node's other filings; one the batch
        // leaves out is filed alone, below.
        if let Sent::Data {
            data,
            uploads: None,
            ..
        } = filing
            && let Some(outcome) = self.file_data_in_batch(form, filing, data, key)?
        {
            return Ok(outcome);
        }
        let replay = || {
            self.app
                .read(|conn| self.app.replay(conn, self.city, key, filing))
        };
        // A few rounds at most: a lost race on the key (replayed below) or an arrival-number
        // collision (drawn again) are the only reasons to go round.
        for _ in 0..5 {
            let stored = match filing {
                Sent::Data { data, .. } => self.file_data(form, filing, data, key),
                Sent::Draft { .. } | Sent::Counter { .. } => self.app.write(|c| {
                    let (outcome, arrival) =
                        self.app.submit_in_tx(c, self.city, form, filing, key)?;
                    if let Some(arrival) = &arrival {
                        self.app
                            .announce_arrival(c, self.city, outcome.receipt(), arrival)?;
                    }
                    Ok(outcome)
                }),
            };
            match stored {
                Ok(outcome) => return Ok(outcome),
                // A concurrent request with the same key may have filed the draft between
                // our look-up of the key and of the draft (PostgreSQL runs them side by
                // side): if so, this request is a replay of it.
                Err(AppError::DraftMissing) => {
                    return match replay()? {
                        Some(receipt) => Ok(SubmitOutcome::Replayed(receipt)),
                        None => Err(AppError::DraftMissing),
                    };
                }
                // Either the same key won a race (replay it) or an arrival number collided
                // (go round and draw another).
                Err(AppError::Store(e)) if e.is_unique_violation() => {
                    if let Some(receipt) = replay()? {
                        return Ok(SubmitOutcome::Replayed(receipt));
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(AppError::broken(
            "could not store the submission after several attempts",
        ))
    }

    /// Files answers sent as JSON in a batch (`filing/batch.rs`); `None` when the batch
    /// left it to be filed alone. Everything that follows from the answers alone
    /// (validation, sealing, the ward, the arrival number, the receipt and its mail in
    /// every language) is worked out before, on a reading connection and in parallel
    /// across requests, so that a batch's writer, which filings take one at a time, does
    /// little more than its statements.
    fn file_data_in_batch(
        &self,
        form: &Arc<Form>,
        filing: &Sent,
        data: &Value,
        key: &str,
    ) -> Result<Option<SubmitOutcome>, AppError> {
        let department = self.app.department_of(self.city, form)?;
        let worked_out = self.app.read(|c| {
            let prepared = self.app.prepare_filing(
                c,
                self.city,
                form,
                filing,
                data,
                department.clone(),
                None,
            )?;
            // A fee paid online on filing adds its payment: filed alone.
            let Some(staged) = self
                .app
                .stage_data_filing(self.city, form, filing, key, prepared)?
            else {
                return Ok(None);
            };
            // The webhooks' deliveries are left to the batch's write, which finds the
            // department's webhooks as it stores the filing.
            let notices =
                self.app
                    .arrival_notices(c, self.city, &staged.receipt, &staged.arrival, &[])?;
            Ok(Some(crate::filing::batch::Job {
                staged,
                mails: notices.mails,
            }))
        });
        let job = match worked_out {
            Ok(Some(job)) => job,
            Ok(None) => return Ok(None),
            // Answers that no longer pass (a window that closed at midnight) may still be
            // the retry of a filing stored under this key: that one is replayed.
            Err(refused @ AppError::Validation { .. }) => {
                return match self
                    .app
                    .read(|c| self.app.replay(c, self.city, key, filing))?
                {
                    Some(receipt) => Ok(Some(SubmitOutcome::Replayed(receipt))),
                    None => Err(refused),
                };
            }
            Err(e) => return Err(e),
        };
        Ok(self.app.file_in_batch(job)?.map(SubmitOutcome::Stored))
    }

    /// Files answers sent as JSON alone, in a write of their own: a key used before
    /// replays, and an answer that does not pass gets its own error.
    fn file_data(
        &self,
        form: &Form,
        filing: &Sent,
        data: &Value,
        key: &str,
    ) -> Result<SubmitOutcome, AppError> {
        let department = self.app.department_of(self.city, form)?;
        self.app.write(|c| {
            if let Some(receipt) = self.app.replay(c, self.city, key, filing)? {
                return Ok(SubmitOutcome::Replayed(receipt));
            }
            let prepared = self
                .app
                .prepare_filing(c, self.city, form, filing, data, department, None)?;
            let (outcome, arrival) = self
                .app
                .insert_prepared(c, self.city, form, filing, key, prepared, None)?;
            if let Some(arrival) = &arrival {
                self.app
                    .announce_arrival(c, self.city, outcome.receipt(), arrival)?;
            }
            Ok(outcome)
        })
    }
}
