//! What residents do: find a procedure, answer it step by step, check, submit, see the receipt.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::{ArrivalNumber, Localized, SubmissionId, TenantId, Yen, jst};
use madoguchi_forms::definition::{FeeTiming, Filing as FilingMode};
use madoguchi_forms::input::{FoundAddress, fill_address};
use madoguchi_forms::registry::canonical_json;
use madoguchi_forms::{FeeQuote, FieldError, Form, catalog};
use madoguchi_records::{
    DepartmentRecord, DraftRecord, EventRecord, IdempotencyRecord, Records, SubmissionRecord,
};
use madoguchi_workflow::State;
use serde_json::{Map, Value};

use crate::tokens::{looks_like_token, random_u64, sha256_hex, token_hash, valid_idempotency_key};
use crate::{App, AppError};

/// A procedure in the list.
#[derive(Clone, Debug)]
pub struct ProcedureSummary {
    pub id: String,
    pub title: Localized,
    pub summary: Localized,
    pub category: String,
    pub department: Localized,
    pub unit_fee: Option<Yen>,
    pub processing_days: Option<u32>,
    /// Completed online (`false`: prepared online, completed at a counter).
    pub online: bool,
}

/// The answers saved so far.
#[derive(Clone, Debug)]
pub struct DraftView {
    pub form: Arc<Form>,
    pub data: Value,
}

/// The result of posting one step.
#[derive(Clone, Debug)]
pub enum StepOutcome {
    /// Saved; go to the next step, or to the check page when there is none.
    Saved { next_step: Option<String> },
    /// Nothing was saved; show these errors with what was typed.
    Invalid { errors: Vec<FieldError> },
}

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
    pub gate: crate::IdentityGate,
    /// Who the session signed in as, if anyone.
    pub signed_in: Option<crate::SignedIn>,
}

/// The proof of arrival a resident keeps.
#[derive(Clone, Debug)]
pub struct Receipt {
    pub submission_id: SubmissionId,
    pub arrival_number: ArrivalNumber,
    pub arrived_at: DateTime<Utc>,
    pub procedure_id: String,
    pub procedure_title: Localized,
    pub department: Localized,
    pub fee: Yen,
    pub due_on: Option<NaiveDate>,
    pub email_notice: bool,
    /// SHA-256 of the canonical JSON of the answers, so the resident and the office can
    /// prove what was filed.
    pub data_sha256: String,
    pub state: State,
    /// For a pre-entry procedure: what to do at the counter.
    pub counter_visit: Option<Localized>,
    /// The files that came with it: (name, size in bytes).
    pub attachments: Vec<(String, i64)>,
    /// The fee's latest payment, when it is paid online.
    pub payment: Option<crate::payments::PaymentView>,
}

/// One step in the life of a filing, in plain words for the applicant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryItem {
    pub at: DateTime<Utc>,
    pub what: Localized,
    /// What the office wrote to the applicant (a correction request, reasons of a
    /// refusal or an extension).
    pub message: Option<String>,
    /// The applicant's correction was received here.
    pub resubmitted: bool,
    /// What that correction changed (My Numbers masked).
    pub changes: Vec<crate::office::Change>,
}

/// What the applicant's receipt page shows beyond the receipt.
#[derive(Clone, Debug)]
pub struct ApplicationView {
    pub receipt: Receipt,
    /// The procedure as it was filed, to show the answers with.
    pub form: Arc<Form>,
    /// The answers as they stand now (after any corrections).
    pub answers: Value,
    /// Oldest first; internal steps (assignment) left out.
    pub history: Vec<HistoryItem>,
    /// The applicant may still withdraw it (取下げ).
    pub can_withdraw: bool,
}

#[derive(Clone, Debug)]
pub enum SubmitOutcome {
    /// Stored now.
    Stored(Receipt),
    /// The same submission was sent again (same idempotency key): nothing new was stored.
    Replayed(Receipt),
}

impl SubmitOutcome {
    pub fn receipt(&self) -> &Receipt {
        match self {
            SubmitOutcome::Stored(r) | SubmitOutcome::Replayed(r) => r,
        }
    }
}

/// A step's inputs filled in by the server (address look-up), to show again.
#[derive(Clone, Debug)]
pub struct Refilled {
    pub values: Vec<(String, String)>,
    pub errors: Vec<FieldError>,
}

/// Where the answers being filed come from.
pub(crate) enum Filing {
    /// The browser session's draft (the pages).
    Draft { session_hash: String },
    /// JSON sent to the API, already normalised, with the hash that identifies the request.
    Data { data: Value, request_hash: String },
    /// A resident's draft filed by a clerk at the counter (書かない窓口), with what the clerk
    /// checked (JSON, kept on the arrival event).
    Counter {
        session_hash: String,
        clerk_id: String,
        detail: String,
    },
}

/// Answers checked without storing them (the API's validate).
#[derive(Clone, Debug)]
pub struct Checked {
    pub form: Arc<Form>,
    pub normalized: Value,
    pub errors: Vec<FieldError>,
    pub fee: Option<FeeQuote>,
}

/// A stored draft and its answers.
type LoadedDraft = (DraftRecord, Map<String, Value>);

impl App {
    /// Procedures this municipality offers (its department for the form exists).
    pub fn procedures(&self, tenant: &TenantId) -> Result<Vec<ProcedureSummary>, AppError> {
        let mut list = self.offered(tenant, self.forms().all().map(|f| (f, 0)))?;
        list.sort_by_key(|p| (catalog::category_rank(&p.category), p.id.clone()));
        Ok(list)
    }

    /// Procedures matching a search (Japanese in kanji, hiragana or katakana, English, any
    /// part of a word), best first.
    pub fn search_procedures(
        &self,
        tenant: &TenantId,
        query: &str,
    ) -> Result<Vec<ProcedureSummary>, AppError> {
        let query: String = query.chars().take(100).collect();
        let forms = self.forms();
        let mut scored: Vec<(u32, &Arc<Form>)> = forms
            .all()
            .filter_map(|f| catalog::score(f, &query).map(|s| (s, f)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id().cmp(b.1.id())));
        self.offered(tenant, scored.into_iter().map(|(s, f)| (f, s)))
    }

    /// The summaries of the procedures this municipality offers, in the order given.
    fn offered<'a>(
        &self,
        tenant: &TenantId,
        forms: impl Iterator<Item = (&'a Arc<Form>, u32)>,
    ) -> Result<Vec<ProcedureSummary>, AppError> {
        let departments = self.read(|conn| Ok(conn.departments_of(tenant.as_str())?))?;
        Ok(forms
            .filter_map(|(form, _)| {
                let s = form.settings();
                let dep = departments.iter().find(|d| d.code == s.department)?;
                Some(ProcedureSummary {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    summary: s.summary.clone(),
                    category: s.category.clone(),
                    department: Localized::new(&dep.name_ja, &dep.name_en),
                    unit_fee: s.fee.as_ref().map(|f| Yen::new(f.unit_yen)),
                    processing_days: s.processing_days,
                    online: s.filing == FilingMode::Online,
                })
            })
            .collect())
    }

    /// The current form of a procedure this municipality offers.
    pub fn procedure(
        &self,
        tenant: &TenantId,
        id: &str,
    ) -> Result<(Arc<Form>, Localized), AppError> {
        let Some(form) = self.forms().get(id) else {
            // A retired procedure says so (410), not that it never was.
            let retired = id.len() <= 60
                && self.read(|c| {
                    Ok(c.retirements(tenant.as_str())?
                        .iter()
                        .any(|r| r.procedure_id == id))
                })?;
            return Err(if retired {
                AppError::ReviewInput(madoguchi_core::ErrorCode::ProcedureRetired)
            } else {
                AppError::NotFound
            });
        };
        let dep = self.read(|conn| self.department_for(conn, tenant, &form))?;
        Ok((form, Localized::new(dep.name_ja, dep.name_en)))
    }

    pub(crate) fn department_for(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        form: &Form,
    ) -> Result<DepartmentRecord, AppError> {
        conn.find_department_by_code(tenant.as_str(), &form.settings().department)?
            .ok_or(AppError::NotFound)
    }

    /// The answers this browser session saved for a procedure (empty when none).
    pub fn draft(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        procedure_id: &str,
    ) -> Result<DraftView, AppError> {
        let (form, _) = self.procedure(tenant, procedure_id)?;
        let data = match token.filter(|t| looks_like_token(t)) {
            Some(token) => self
                .read(|conn| self.load_draft_data(conn, tenant, &token_hash(token), procedure_id))?
                .map(|(_, data)| Value::Object(data))
                .unwrap_or_else(|| Value::Object(Map::new())),
            None => Value::Object(Map::new()),
        };
        Ok(DraftView { form, data })
    }

    pub(crate) fn load_draft_data(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        session_hash: &str,
        procedure_id: &str,
    ) -> Result<Option<LoadedDraft>, AppError> {
        let now = self.now().naive_utc();
        let Some(row) = conn.find_live_draft(tenant.as_str(), session_hash, procedure_id, now)?
        else {
            return Ok(None);
        };
        let form = self.form_version(conn, &row.form_version)?;
        let data = match self.open_data(&form, &row.data) {
            Ok(Value::Object(map)) => map,
            _ => {
                return Err(AppError::Internal(format!(
                    "draft {} holds no JSON object",
                    row.id
                )));
            }
        };
        Ok(Some((row, data)))
    }

    /// Validates one step and, when it is right, saves it into the session's draft.
    /// Nothing is stored when there are errors.
    pub fn save_step(
        &self,
        tenant: &TenantId,
        token: &str,
        procedure_id: &str,
        step_id: &str,
        posted: &[(String, String)],
    ) -> Result<StepOutcome, AppError> {
        if !looks_like_token(token) {
            return Err(AppError::Internal(
                "resident session token malformed".into(),
            ));
        }
        let (form, _) = self.procedure(tenant, procedure_id)?;
        let (_, step) = form.step(step_id).ok_or(AppError::NotFound)?;
        let session_hash = token_hash(token);
        let existing =
            self.read(|conn| self.load_draft_data(conn, tenant, &session_hash, procedure_id))?;
        let (draft_id, created_at, mut data) = match existing {
            Some((row, data)) => (row.id, row.created_at, data),
            None => (
                uuid::Uuid::now_v7().to_string(),
                self.now().naive_utc(),
                Map::new(),
            ),
        };
        let errors = form.answer_step(step, posted, &mut data);
        if !errors.is_empty() {
            return Ok(StepOutcome::Invalid { errors });
        }
        let next_step = form
            .next_step(step_id, &Value::Object(data.clone()))
            .map(|s| s.id.clone());
        let now = self.now().naive_utc();
        let row = DraftRecord {
            id: draft_id,
            tenant_id: tenant.to_string(),
            session_hash,
            procedure_id: procedure_id.to_string(),
            form_version: form.version().to_string(),
            data: self.seal_data(&form, &Value::Object(data))?,
            created_at,
            updated_at: now,
            expires_at: now + self.config.draft_ttl,
        };
        self.write(|c| {
            c.save_draft(&row)?;
            // Working on a form counts as activity: a sign-in does not end mid-form.
            self.keep_alive_in(c, tenant, &row.session_hash)?;
            Ok(())
        })?;
        Ok(StepOutcome::Saved { next_step })
    }

    /// "Look up address" on a step: fills the address fields tied to the postal-code field
    /// `postal_field` from the postal-code data and returns the values to show again
    /// (nothing is saved), with an error on the field when no address was found.
    pub fn look_up_address_on_step(
        &self,
        tenant: &TenantId,
        procedure_id: &str,
        step_id: &str,
        posted: &[(String, String)],
        postal_field: &str,
    ) -> Result<Refilled, AppError> {
        let (form, _) = self.procedure(tenant, procedure_id)?;
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

    /// The check page: every answer validated together. Errors point at the first step
    /// that needs attention.
    pub fn check(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        procedure_id: &str,
    ) -> Result<CheckView, AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let (form, department) = self.procedure(tenant, procedure_id)?;
        let (_, data) = self
            .read(|conn| self.load_draft_data(conn, tenant, &token_hash(token), procedure_id))?
            .ok_or(AppError::DraftMissing)?;
        let data = Value::Object(data);
        validate_all(&form, &data)?;
        let fee = form.fee(&data);
        let fee_timing = fee
            .as_ref()
            .filter(|f| f.total.amount() > 0)
            .and(form.fee_timing());
        let (gate, signed_in) = self.read(|c| {
            let hash = token_hash(token);
            let (gate, _) = self.gate_in(c, tenant, &form, &data, Some(&hash))?;
            Ok((
                gate,
                crate::identity::identity_in(c, tenant, &hash, self.now().naive_utc())?,
            ))
        })?;
        let due_if_filed_now = form
            .settings()
            .processing_days
            .map(|days| self.calendar.add_business_days(jst::date(self.now()), days));
        Ok(CheckView {
            form,
            data,
            fee,
            department,
            due_if_filed_now,
            fee_timing,
            gate,
            signed_in,
        })
    }

    /// Files the draft. The same idempotency key sent again — once or fifty times at once —
    /// stores one submission and answers with its receipt every time.
    pub fn submit(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        procedure_id: &str,
        idempotency_key: &str,
    ) -> Result<SubmitOutcome, AppError> {
        if !valid_idempotency_key(idempotency_key) {
            return Err(AppError::IdempotencyKeyMissing);
        }
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let (form, _) = self.procedure(tenant, procedure_id)?;
        let filing = Filing::Draft {
            session_hash: token_hash(token),
        };
        self.file(tenant, &form, &filing, idempotency_key)
    }

    /// Files answers sent as JSON (the API). They are normalised and validated like a
    /// form's; the same key with the same answers replays the receipt, with other answers it
    /// is refused.
    pub fn submit_data(
        &self,
        tenant: &TenantId,
        procedure_id: &str,
        data: Value,
        idempotency_key: &str,
    ) -> Result<SubmitOutcome, AppError> {
        if !valid_idempotency_key(idempotency_key) {
            return Err(AppError::IdempotencyKeyMissing);
        }
        let (form, _) = self.procedure(tenant, procedure_id)?;
        let data = form.normalize_json(data);
        let request_hash =
            sha256_hex(format!("{}\n{}", form.id(), canonical_json(&data)).as_bytes());
        self.file(
            tenant,
            &form,
            &Filing::Data { data, request_hash },
            idempotency_key,
        )
    }

    /// Normalises and validates answers sent as JSON without storing anything.
    pub fn validate_data(
        &self,
        tenant: &TenantId,
        procedure_id: &str,
        data: Value,
    ) -> Result<Checked, AppError> {
        let (form, _) = self.procedure(tenant, procedure_id)?;
        let normalized = form.normalize_json(data);
        let errors = form.validate(&normalized);
        let fee = form.fee(&normalized);
        Ok(Checked {
            form,
            normalized,
            errors,
            fee,
        })
    }

    fn file(
        &self,
        tenant: &TenantId,
        form: &Form,
        filing: &Filing,
        key: &str,
    ) -> Result<SubmitOutcome, AppError> {
        let replay = || self.read(|conn| self.replay(conn, tenant, key, filing));
        // A few rounds at most: a lost race on the key (replayed below) or an arrival-number
        // collision (drawn again) are the only reasons to go round.
        for _ in 0..5 {
            match self.write(|c| self.submit_in_tx(c, tenant, form, filing, key)) {
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
        Err(AppError::Internal(
            "could not store the submission after several attempts".into(),
        ))
    }

    /// The receipt of an earlier submission with this key, if the key was used by the same
    /// browser session (forms) or with the same answers (API); otherwise the key is refused.
    fn replay(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        key: &str,
        filing: &Filing,
    ) -> Result<Option<Receipt>, AppError> {
        let Some(k) = conn.find_idempotency(tenant.as_str(), key)? else {
            return Ok(None);
        };
        let row = conn
            .find_submission(tenant.as_str(), &k.submission_id)?
            .ok_or_else(|| AppError::Internal("idempotency key without submission".into()))?;
        let same = match filing {
            Filing::Draft { session_hash } | Filing::Counter { session_hash, .. } => {
                row.resident_session_hash.as_deref() == Some(session_hash.as_str())
            }
            Filing::Data { request_hash, .. } => k.request_hash == *request_hash,
        };
        if !same {
            return Err(AppError::IdempotencyKeyReused);
        }
        Ok(Some(self.receipt_of(conn, &row)?))
    }

    pub(crate) fn submit_in_tx(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        form: &Form,
        filing: &Filing,
        key: &str,
    ) -> Result<SubmitOutcome, AppError> {
        if let Some(receipt) = self.replay(c, tenant, key, filing)? {
            return Ok(SubmitOutcome::Replayed(receipt));
        }
        let (draft_id, data) = match filing {
            Filing::Draft { session_hash } | Filing::Counter { session_hash, .. } => {
                let (draft, data) = self
                    .load_draft_data(c, tenant, session_hash, form.id())?
                    .ok_or(AppError::DraftMissing)?;
                (Some(draft.id), Value::Object(data))
            }
            Filing::Data { data, .. } => (None, data.clone()),
        };
        validate_all(form, &data)?;
        // The clerk checks identity at the counter; online, the procedure's level.
        let (identity, resident_account) = match filing {
            Filing::Counter { .. } => (None, None),
            Filing::Draft { session_hash } => {
                self.identity_for_filing(c, tenant, form, &data, Some(session_hash))?
            }
            Filing::Data { .. } => self.identity_for_filing(c, tenant, form, &data, None)?,
        };
        let department = self.department_for(c, tenant, form)?;
        let ward_code = route_to_ward(c, tenant, &department, form, &data)?;
        let now = self.now();
        let arrival_number = ArrivalNumber::generate(jst::date(now), random_u64()?);
        let canonical = canonical_json(&data);
        let data_sha256 = sha256_hex(canonical.as_bytes());
        let fee = form.fee(&data).map(|q| q.total).unwrap_or(Yen::ZERO);
        // Counted from the first business day the office is open at or after arrival
        // (初日不算入): a filing on Friday evening counts from Monday.
        let due_on = form.settings().processing_days.map(|d| {
            let from = madoguchi_workflow::clock::received_on(
                now,
                &self.calendar,
                self.config.office_hours,
            );
            self.calendar.add_business_days(from, d)
        });
        let contact_email = form.contact_email(&data);
        let row = SubmissionRecord {
            id: uuid::Uuid::now_v7().to_string(),
            tenant_id: tenant.to_string(),
            department_id: department.id.clone(),
            procedure_id: form.id().to_string(),
            form_version: form.version().to_string(),
            arrival_number: arrival_number.to_string(),
            arrived_at: now.naive_utc(),
            due_on,
            state: State::Arrived.code().to_string(),
            // My Numbers are sealed at rest; the digest is of the answers as given.
            data: self.seal_data(form, &data)?,
            data_sha256,
            fee_yen: fee.amount(),
            applicant_name: form.applicant_name(&data),
            contact_email: contact_email.clone(),
            resident_session_hash: match filing {
                Filing::Draft { session_hash } | Filing::Counter { session_hash, .. } => {
                    Some(session_hash.clone())
                }
                Filing::Data { .. } => None,
            },
            updated_at: now.naive_utc(),
            ward_code,
            assignee_id: None,
            search_key: search_key(form, &data),
            filing_mode: match filing {
                Filing::Counter { .. } => "counter".to_string(),
                _ => crate::figures::filing_mode_code(form.settings().filing).to_string(),
            },
            decided_at: None,
            days_used: None,
            correction_count: 0,
            resident_account,
        };
        c.insert_submission(&row)?;
        // The draft's files go with it.
        if let Filing::Draft { session_hash } | Filing::Counter { session_hash, .. } = filing {
            c.claim_attachments(tenant.as_str(), session_hash, form.id(), &row.id)?;
        }
        let event = EventRecord {
            id: uuid::Uuid::now_v7().to_string(),
            tenant_id: tenant.to_string(),
            submission_id: row.id.clone(),
            seq: 1,
            at: now.naive_utc(),
            actor_kind: match filing {
                Filing::Counter { .. } => "clerk".into(),
                _ => "resident".into(),
            },
            actor_id: match filing {
                Filing::Counter { clerk_id, .. } => Some(clerk_id.clone()),
                _ => None,
            },
            action: "submit".into(),
            from_state: None,
            to_state: State::Arrived.code().into(),
            reason: None,
            detail: match filing {
                Filing::Counter { detail, .. } => Some(detail.clone()),
                _ => identity.map(|i| i.to_string()),
            },
        };
        c.append_event(&event)?;
        self.queue_webhooks(c, &row, &event)?;
        c.insert_idempotency(&IdempotencyRecord {
            tenant_id: tenant.to_string(),
            idem_key: key.to_string(),
            request_hash: match filing {
                Filing::Data { request_hash, .. } => request_hash.clone(),
                Filing::Draft { .. } | Filing::Counter { .. } => sha256_hex(
                    format!("{}\n{}\n{}", form.id(), form.version(), row.data_sha256).as_bytes(),
                ),
            },
            submission_id: row.id.clone(),
            created_at: now.naive_utc(),
        })?;
        let pay_token = if self.online_fee(form, &row, FeeTiming::OnSubmission)? {
            Some(self.add_due_payment(c, &row, FeeTiming::OnSubmission)?)
        } else {
            None
        };
        let receipt = self.receipt_of(c, &row)?;
        if let Some(email) = contact_email {
            let mail = self.receipt_mail(c, tenant, &receipt, &email)?;
            c.enqueue_mail(&mail)?;
            if let Some(token) = &pay_token {
                let mail = self.payment_request_mail(c, &receipt, tenant, token, &email)?;
                c.enqueue_mail(&mail)?;
            }
        }
        if let Some(id) = &draft_id {
            c.delete_draft(id)?;
        }
        tracing::info!(arrival_number = %receipt.arrival_number, procedure = form.id(), "submission arrived");
        Ok(SubmitOutcome::Stored(receipt))
    }

    /// What this browser session filed (my applications), and what the resident signed in
    /// on it filed on any device, newest first.
    pub fn my_applications(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
    ) -> Result<Vec<Receipt>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(Vec::new());
        };
        let hash = token_hash(token);
        self.read(|conn| {
            let account = self.account_of(conn, tenant, &hash)?;
            conn.submissions_of_resident(tenant.as_str(), &hash, account.as_deref())?
                .iter()
                .map(|row| self.receipt_of(conn, row))
                .collect()
        })
    }

    /// The decision notice of a filing, for the browser session that filed it.
    pub fn decision_notice_for_session(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        arrival_number: &str,
    ) -> Result<crate::documents::Pdf, AppError> {
        let receipt = self.receipt(tenant, token, arrival_number)?;
        let doc = self
            .read(|c| {
                Ok(c.find_document(
                    receipt.submission_id.as_str(),
                    crate::documents::DECISION_NOTICE,
                )?)
            })?
            .ok_or(AppError::NotFound)?;
        self.render_notice(&doc)
    }

    /// A receipt, shown only to the resident who filed it (`residents_filing`).
    pub fn receipt(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        arrival_number: &str,
    ) -> Result<Receipt, AppError> {
        self.read(|conn| {
            let row = self.residents_filing(conn, tenant, token, arrival_number)?;
            self.receipt_of(conn, &row)
        })
    }

    /// The receipt with its history, for the browser session that filed it.
    pub fn application(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        arrival_number: &str,
    ) -> Result<ApplicationView, AppError> {
        let (receipt, form, answers, history) = self.read(|c| {
            let row = self.residents_filing(c, tenant, token, arrival_number)?;
            let receipt = self.receipt_of(c, &row)?;
            let form = self.form_version(c, &row.form_version)?;
            let answers = self.open_data(&form, &row.data)?;
            // Each answered correction's changes go with its "received" line, in order.
            let corrections = c.corrections_of(&row.id)?;
            let mut changes = corrections
                .iter()
                .zip(self.correction_changes(&form, &corrections, &row)?)
                .filter(|(c, _)| c.previous_data.is_some())
                .map(|(_, changes)| changes);
            let history = c
                .events(tenant.as_str(), &row.id)?
                .iter()
                .filter_map(history_item)
                .map(|mut item| {
                    if item.resubmitted {
                        item.changes = changes.next().unwrap_or_default();
                    }
                    item
                })
                .collect();
            Ok((receipt, form, answers, history))
        })?;
        let can_withdraw = madoguchi_workflow::transition(
            receipt.state,
            &madoguchi_workflow::Action::Withdraw,
            madoguchi_workflow::Role::Resident,
        )
        .is_ok();
        Ok(ApplicationView {
            receipt,
            form,
            answers,
            history,
            can_withdraw,
        })
    }

    pub(crate) fn receipt_of(
        &self,
        conn: &mut dyn Records,
        row: &SubmissionRecord,
    ) -> Result<Receipt, AppError> {
        let form = self.form_version(conn, &row.form_version)?;
        let department = department_name(
            conn,
            &row.tenant_id,
            &row.department_id,
            row.ward_code.as_deref(),
        )?;
        Ok(Receipt {
            submission_id: SubmissionId::new(row.id.clone()),
            arrival_number: row
                .arrival_number
                .parse()
                .map_err(|e| AppError::Internal(format!("stored arrival number: {e}")))?,
            arrived_at: row.arrived_at.and_utc(),
            procedure_id: row.procedure_id.clone(),
            procedure_title: form.title().clone(),
            department,
            fee: Yen::new(row.fee_yen),
            due_on: row.due_on,
            email_notice: row.contact_email.is_some(),
            data_sha256: row.data_sha256.clone(),
            attachments: conn
                .attachments_of(&row.id)?
                .into_iter()
                .map(|a| (a.file_name, a.size_bytes))
                .collect(),
            payment: self.latest_payment(conn, &row.id)?,
            counter_visit: (form.settings().filing == FilingMode::PreEntry)
                .then(|| form.settings().filing_note.clone().unwrap_or_default()),
            state: row
                .state
                .parse()
                .map_err(|e| AppError::Internal(format!("{e}")))?,
        })
    }

    /// The form a submission was filed under: the current one, or an older version from
    /// the database.
    pub(crate) fn form_version(
        &self,
        conn: &mut dyn Records,
        version: &str,
    ) -> Result<Arc<Form>, AppError> {
        if let Some(form) = self.forms().all().find(|f| f.version() == version) {
            return Ok(Arc::clone(form));
        }
        if let Some(form) = self
            .old_forms
            .lock()
            .ok()
            .and_then(|m| m.get(version).cloned())
        {
            return Ok(form);
        }
        let row = conn
            .find_form_version(version)?
            .ok_or_else(|| AppError::Internal(format!("form version {version} is not recorded")))?;
        let value: Value = serde_json::from_str(&row.definition)
            .map_err(|e| AppError::Internal(format!("form version {version}: {e}")))?;
        let path = std::path::PathBuf::from(format!("{}/form.json", row.procedure_id));
        let form = Arc::new(Form::from_value(&path, value).map_err(|p| {
            AppError::Internal(format!("form version {version} no longer loads: {p:?}"))
        })?);
        if let Ok(mut cache) = self.old_forms.lock() {
            cache.insert(version.to_string(), Arc::clone(&form));
        }
        Ok(form)
    }
}

/// The ward office a filing goes to: for a ward-office department, the ward of the postal
/// code named by the procedure's `routing.ward_from` (none when the address is outside the
/// municipality's wards, so central processing takes it).
pub(crate) fn route_to_ward(
    c: &mut dyn Records,
    tenant: &TenantId,
    department: &DepartmentRecord,
    form: &Form,
    data: &Value,
) -> Result<Option<String>, AppError> {
    let Some(routing) = form
        .settings()
        .routing
        .as_ref()
        .filter(|_| department.ward_office)
    else {
        return Ok(None);
    };
    let Some(code) = data.pointer(&routing.ward_from).and_then(Value::as_str) else {
        return Ok(None);
    };
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    let towns = c.find_postal_code(&digits)?;
    let wards = c.wards_of(tenant.as_str())?;
    Ok(towns
        .iter()
        .find_map(|t| wards.iter().find(|w| w.code == t.local_gov_code))
        .map(|w| w.code.clone()))
}

/// "泉区 区役所 戸籍住民課" for a filing routed to a ward; the department's name otherwise.
pub(crate) fn department_name(
    conn: &mut dyn Records,
    tenant_id: &str,
    department_id: &str,
    ward_code: Option<&str>,
) -> Result<Localized, AppError> {
    let dep = conn
        .find_department(department_id)?
        .map(|d| Localized::new(d.name_ja, d.name_en))
        .unwrap_or_default();
    let ward = match ward_code {
        Some(code) => conn
            .wards_of(tenant_id)?
            .into_iter()
            .find(|w| w.code == code),
        None => None,
    };
    Ok(match ward {
        Some(w) => Localized::new(
            format!("{} {}", w.name_ja, dep.ja),
            format!("{}, {}", dep.en, w.name_en),
        ),
        None => dep,
    })
}

/// An event as the applicant reads it; `None` for the office's internal steps.
fn history_item(e: &EventRecord) -> Option<HistoryItem> {
    let (ja, en) = match e.action.as_str() {
        "submit" => ("申請が到達しました", "Your application arrived"),
        "claim" => (
            "担当者が確認を始めました",
            "A member of staff started checking it",
        ),
        "request_correction" => (
            "修正(補正)をお願いしました",
            "We asked you to correct something",
        ),
        "resubmit" => ("修正を受け付けました", "Your correction was received"),
        "extend" => (
            "審査の期間を延ばしました",
            "The processing period was extended",
        ),
        "approve" => ("認められました", "Approved"),
        "reject" => ("認められませんでした", "Not approved"),
        "withdraw" => ("取り下げました", "You withdrew it"),
        "close" => ("手続が完了しました", "Completed"),
        "payment" => ("手数料のお支払いを確認しました", "Your fee payment arrived"),
        "refund" => ("手数料を返金しました", "Your fee was refunded"),
        _ => return None,
    };
    let message = match e.action.as_str() {
        "request_correction" | "reject" | "extend" => e.reason.clone(),
        _ => None,
    };
    Some(HistoryItem {
        at: e.at.and_utc(),
        what: Localized::new(ja, en),
        message,
        resubmitted: e.action == "resubmit",
        changes: Vec::new(),
    })
}

/// Full validation, with errors pointing at the first step that has one.
pub(crate) fn validate_all(form: &Form, data: &Value) -> Result<(), AppError> {
    let errors = form.validate(data);
    let Some(first) = errors.first() else {
        return Ok(());
    };
    let step = form
        .shown_steps(data)
        .find(|s| s.owns_pointer(&first.pointer))
        .or_else(|| form.steps().first())
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let errors = errors
        .into_iter()
        .filter(|e| {
            form.step(&step)
                .is_some_and(|(_, s)| s.owns_pointer(&e.pointer))
        })
        .collect();
    Err(AppError::Validation { step, errors })
}

/// What the clerks' search compares: the applicant's name and its reading, folded (widths,
/// kana, case and spaces unified) so 「せんだい」, 「センダイ」 and 「ｾﾝﾀﾞｲ」 all find センダイ.
pub(crate) fn search_key(form: &Form, data: &Value) -> String {
    let name = form.applicant_name(data).unwrap_or_default();
    let kana = form.applicant_kana(data).unwrap_or_default();
    format!("{}/{}", catalog::fold(&name), catalog::fold(&kana))
}
