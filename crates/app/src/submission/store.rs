//! Storing a filing: once per idempotency key, in one transaction, with its first history event.

use madoguchi_core::{
    ArrivalNumber, ClerkId, DepartmentCode, DraftId, FilingMode, Localized, SubmissionId, TenantId,
    Yen, jst,
};
use madoguchi_forms::Form;
use madoguchi_forms::definition::FeeTiming;
use madoguchi_forms::registry::canonical_json;
use madoguchi_records::{
    DepartmentRecord, EventRecord, IdempotencyRecord, Records, RecordsRead, SubmissionRecord,
};
use madoguchi_workflow::State;
use serde_json::Value;

use crate::kernel::audit::{Actor, HistoryEntry, history_event};
use crate::kernel::municipality::{department_label, route_to_ward};
use crate::kernel::tokens::{random_u64, sha256_hex};
use crate::kernel::{App, AppError};
use crate::submission::forms::{search_key, validate_all};
use crate::submission::{Receipt, SubmitOutcome};

/// A filing just stored, for its announcement (receipt email, request to pay, webhooks).
#[derive(Debug)]
pub(crate) struct Arrival {
    pub row: SubmissionRecord,
    pub event: EventRecord,
    /// The secret of the link to pay the fee, when it is paid online now.
    pub pay_token: Option<String>,
    /// The department it went to (whose webhooks hear of it).
    pub department_code: DepartmentCode,
    /// The bookings made with it (each told by its own mail).
    pub bookings: Vec<madoguchi_core::BookingId>,
}

/// A filing worked out and ready to write (see `App::prepare_filing`).
#[derive(Debug)]
pub(crate) struct Prepared {
    row: SubmissionRecord,
    /// The secret of the resident's status link (only its hash is stored).
    status_key: String,
    /// Who the filing was made as, for its first history event.
    identity: Option<Value>,
    department_code: DepartmentCode,
    /// The department (and ward) as the receipt names it.
    label: Localized,
    /// The answers, kept when the form has a booking question (its places are booked as
    /// the filing is stored).
    booking_answers: Option<Value>,
    /// The due date rests on a processing period the city has not confirmed.
    due_to_confirm: bool,
}

/// The files a filing sent as JSON names: uploads of a department's system, found among
/// its uploads (`filing/api_files.rs`), which the filing takes as it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NamedUploads {
    /// Whose uploads they are (`attachments.session_hash`).
    pub owner: String,
    /// Each file's question (its pointer) and id.
    pub files: Vec<(String, madoguchi_core::AttachmentId)>,
}

impl NamedUploads {
    pub fn ids(&self) -> Vec<madoguchi_core::AttachmentId> {
        self.files.iter().map(|(_, id)| id.clone()).collect()
    }

    /// The refusal when another filing took one of the files first.
    pub fn taken_by_another(&self) -> AppError {
        AppError::Validation {
            step: String::new(),
            errors: self
                .files
                .iter()
                .take(1)
                .map(|(pointer, _)| {
                    madoguchi_forms::FieldError::new(
                        pointer.as_str(),
                        madoguchi_forms::FormErrorCode::FileNotUploaded,
                    )
                })
                .collect(),
        }
    }
}

/// What a filing from a draft brings besides its answers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FromDraft<'a> {
    /// When the draft was shown the privacy notice.
    pub shown_at: Option<chrono::NaiveDateTime>,
    /// The mark of the draft's external check, if it passed one.
    pub check_mark: Option<&'a str>,
}

/// Where the answers being filed come from.
pub(crate) enum Filing {
    /// The browser session's draft (the pages).
    Draft { session_hash: String },
    /// JSON sent to the API, already normalised, with the hash that identifies the request
    /// and the files uploaded first that it names (filed alone, not in a batch).
    Data {
        data: Value,
        request_hash: String,
        uploads: Option<NamedUploads>,
    },
    /// A resident's draft filed by a clerk at the counter (書かない窓口), with what the clerk
    /// checked (JSON, kept on the arrival event).
    Counter {
        session_hash: String,
        clerk_id: ClerkId,
        detail: String,
        /// The clerk who entered the answers with the resident at the desk (a staff
        /// entry); `None`: the resident prepared them.
        entered_by: Option<ClerkId>,
    },
}

impl App {
    /// The receipt of an earlier submission with this key, if the key was used by the same
    /// browser session (forms) or with the same answers (API); otherwise the key is refused.
    pub(crate) fn replay(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        key: &str,
        filing: &Filing,
    ) -> Result<Option<Receipt>, AppError> {
        let Some(k) = conn.find_idempotency(tenant, key)? else {
            return Ok(None);
        };
        let row = conn
            .find_submission(tenant, &k.submission_id)?
            .ok_or_else(|| AppError::broken("idempotency key without submission"))?;
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

    /// Stores a filing inside the caller's transaction: the submission, its first history
    /// event, the idempotency key and a due payment; the draft goes. A key used before
    /// replays its receipt. A new filing comes back with what is left to announce
    /// ([`Arrival`]: the caller queues its emails and webhooks in the same transaction).
    pub(crate) fn submit_in_tx(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        form: &Form,
        filing: &Filing,
        key: &str,
    ) -> Result<(SubmitOutcome, Option<Arrival>), AppError> {
        if let Some(receipt) = self.replay(c, tenant, key, filing)? {
            return Ok((SubmitOutcome::Replayed(receipt), None));
        }
        let (draft_id, shown_at, data, checked) = match filing {
            Filing::Draft { session_hash } | Filing::Counter { session_hash, .. } => {
                let (draft, data) = self
                    .load_draft_data(c, tenant, session_hash, &form.procedure_id())?
                    .ok_or(AppError::DraftMissing)?;
                (
                    Some(draft.id),
                    draft.privacy_notice_shown_at,
                    Value::Object(data),
                    draft.external_check,
                )
            }
            // The API's answers were checked just before (`Filing::submit_data`).
            Filing::Data { data, .. } => (None, None, data.clone(), None),
        };
        let department = self.department_for(c, tenant, form)?;
        let from_draft = draft_id.is_some().then_some(FromDraft {
            shown_at,
            check_mark: checked.as_deref(),
        });
        let prepared =
            self.prepare_filing(c, tenant, form, filing, &data, department, from_draft)?;
        self.insert_prepared(c, tenant, form, filing, key, prepared, draft_id)
    }

    /// Everything a filing stores that follows from its answers alone, worked out before
    /// its turn to write: the answers validated and sealed, the ward it goes to, its arrival
    /// number, fee and due date. `c` is only read (postal codes, wards, the session's
    /// identity), so for answers sent as JSON this runs outside the write's transaction and
    /// the write lane's turn carries only the statements (docs/performance.md).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn prepare_filing(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        form: &Form,
        filing: &Filing,
        data: &Value,
        department: DepartmentRecord,
        from_draft: Option<FromDraft<'_>>,
    ) -> Result<Prepared, AppError> {
        let data = validate_all(form, data, self.filing_day_in(tenant))?;
        // A draft carries the mark of its check, for the answers as they are now.
        if let Some(draft) = &from_draft
            && !crate::submission::check_mark::mark_holds(form, draft.check_mark, &data)
        {
            return Err(crate::submission::check_mark::check_needed(form));
        }
        let shown_at = from_draft.and_then(|d| d.shown_at);
        // The clerk checks identity at the counter; online, the procedure's level.
        let (identity, resident_account) = match filing {
            Filing::Counter { .. } => (None, None),
            Filing::Draft { session_hash } => {
                self.identity_for_filing(c, tenant, form, &data, Some(session_hash))?
            }
            Filing::Data { .. } => self.identity_for_filing(c, tenant, form, &data, None)?,
        };
        let ward_code = route_to_ward(c, tenant, &department, form, &data)?;
        let now = self.now();
        let arrival_number = ArrivalNumber::generate(jst::date(now), random_u64()?);
        let canonical = canonical_json(&data);
        let data_sha256 = sha256_hex(canonical.as_bytes());
        let fee = form.fee(&data).map(|q| q.total).unwrap_or(Yen::ZERO);
        // Counted from the first business day the office is open at or after arrival
        // (初日不算入): a filing on Friday evening counts from Monday. The municipality's own
        // hours and closing days decide.
        let due_on = form.settings().processing_days.map(|d| {
            let office = self.office_calendar(tenant);
            let from = madoguchi_workflow::clock::received_on(now, &office.days, office.hours);
            office.days.add_business_days(from, d)
        });
        let status_key = crate::kernel::new_status_key()?;
        let row = SubmissionRecord {
            id: SubmissionId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: tenant.clone(),
            department_id: department.id.clone(),
            procedure_id: form.procedure_id(),
            form_version: form.version().to_string(),
            arrival_number: arrival_number.to_string(),
            arrived_at: now.naive_utc(),
            due_on,
            state: State::Arrived,
            // My Numbers are sealed at rest; the digest is of the answers as given.
            data: self.seal_data(form, &data)?,
            data_sha256,
            fee_yen: fee.amount(),
            applicant_name: form.applicant_name(&data),
            contact_email: form.contact_email(&data),
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
                Filing::Counter { .. } => FilingMode::Counter,
                _ => crate::submission::forms::filing_mode(form.settings().filing),
            },
            decided_at: None,
            days_used: None,
            correction_count: 0,
            resident_account,
            status_key_hash: crate::kernel::status_key_hash(&status_key),
            privacy_notice_shown_at: shown_at,
            entered_by: match filing {
                Filing::Counter { entered_by, .. } => entered_by.clone(),
                _ => None,
            },
            duplicate_key: self.duplicate_key(tenant, form, &data)?,
        };
        let label = department_label(
            c,
            tenant,
            Localized::new(&department.name_ja, &department.name_en),
            row.ward_code.as_deref(),
        )?;
        let booking_answers = form
            .booking_questions()
            .next()
            .is_some()
            .then(|| data.clone());
        let due_to_confirm = row.due_on.is_some()
            && self
                .unconfirmed_facts_in(c, tenant, form)?
                .has("processing_days");
        Ok(Prepared {
            row,
            status_key,
            identity,
            department_code: department.code,
            label,
            booking_answers,
            due_to_confirm,
        })
    }

    /// Writes a prepared filing in the caller's transaction, whose key the caller has just
    /// found unused (see `replay`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn insert_prepared(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        form: &Form,
        filing: &Filing,
        key: &str,
        prepared: Prepared,
        draft_id: Option<DraftId>,
    ) -> Result<(SubmitOutcome, Option<Arrival>), AppError> {
        let Prepared {
            row,
            status_key,
            identity,
            department_code,
            label,
            booking_answers,
            due_to_confirm,
        } = prepared;
        // A second filing the procedure calls void, while the same resident's first is open.
        // At a counter the clerk files what the resident prepared (a visit's slip files
        // together): flagged on the filing for the clerk, never refused there.
        if let Filing::Draft { session_hash } = filing {
            let filer = crate::submission::duplicates::Filer {
                session_hash,
                account: row.resident_account.as_deref(),
            };
            self.refuse_void_second(c, form, &row, &filer)?;
        }
        self.keep_form_version(c, form)?;
        c.insert_submission(&row)?;
        // The places its booking questions chose, booked with it or the filing is refused
        // on the question (the whole unit of writes rolled back).
        let mut bookings = Vec::new();
        if let Some(answers) = &booking_answers {
            let holder = match filing {
                Filing::Draft { session_hash } | Filing::Counter { session_hash, .. } => {
                    session_hash.clone()
                }
                // A department's system books for the person it files for, once per key.
                Filing::Data { .. } => sha256_hex(format!("api:{}:{key}", tenant).as_bytes()),
            };
            bookings = self.book_answers(c, tenant, form, answers, &holder, &row.id)?;
        }
        // The draft's files go with it.
        let claimed = match filing {
            Filing::Draft { session_hash } | Filing::Counter { session_hash, .. } => {
                c.claim_attachments(tenant, session_hash, &form.procedure_id(), &row.id)?
            }
            Filing::Data {
                uploads: Some(named),
                ..
            } => {
                let ids = named.ids();
                let taken = c.claim_uploads(tenant, &named.owner, &ids, &row.id)?;
                // Another filing took one of them between the look-up and now.
                if taken != ids.len() {
                    return Err(named.taken_by_another());
                }
                taken
            }
            Filing::Data { uploads: None, .. } => 0,
        };
        let event = first_event(&row, filing, identity);
        c.append_event(&event)?;
        c.insert_idempotency(&idempotency_record(tenant, form, filing, key, &row))?;
        let pay_token = if self.online_fee(form, &row, FeeTiming::OnSubmission)? {
            Some(self.add_due_payment(c, &row, FeeTiming::OnSubmission)?)
        } else {
            None
        };
        // The receipt from what this filing knows: its files and its payment are read back
        // only when it has some (a new filing has no other payment).
        let attachments = if claimed > 0 {
            crate::submission::receipt::files_of(c, &row.id)?
        } else {
            Vec::new()
        };
        let payment = match pay_token {
            Some(_) => self.latest_payment(c, &row.id)?,
            None => None,
        };
        let mut receipt = self.receipt_from(form, &row, label, attachments, payment)?;
        receipt.status_key = Some(status_key);
        receipt.due_to_confirm = due_to_confirm;
        if let Some(id) = &draft_id {
            c.delete_draft(id)?;
        }
        tracing::info!(arrival_number = %receipt.arrival_number, procedure = form.id(), "submission arrived");
        let arrival = Arrival {
            row,
            event,
            pay_token,
            department_code,
            bookings,
        };
        Ok((SubmitOutcome::Stored(receipt), Some(arrival)))
    }

    /// A filing sent as JSON, worked out to the rows that store it, for a batch of filings
    /// written together (`filing/batch.rs`); `None` when it has more to write than a batch
    /// does (a fee paid online on filing: its payment), and is filed on its own.
    pub(crate) fn stage_data_filing(
        &self,
        tenant: &TenantId,
        form: &Form,
        filing: &Filing,
        key: &str,
        prepared: Prepared,
    ) -> Result<Option<Staged>, AppError> {
        let Filing::Data { uploads: None, .. } = filing else {
            return Ok(None);
        };
        if self.online_fee(form, &prepared.row, FeeTiming::OnSubmission)? {
            return Ok(None);
        }
        let Prepared {
            row,
            status_key,
            identity,
            department_code,
            label,
            booking_answers,
            due_to_confirm,
        } = prepared;
        // A booking is written with its filing, alone.
        if booking_answers.is_some() {
            return Ok(None);
        }
        let event = first_event(&row, filing, identity);
        let idempotency = idempotency_record(tenant, form, filing, key, &row);
        let mut receipt = self.receipt_from(form, &row, label, Vec::new(), None)?;
        receipt.status_key = Some(status_key);
        receipt.due_to_confirm = due_to_confirm;
        Ok(Some(Staged {
            receipt,
            idempotency,
            arrival: Arrival {
                row,
                event,
                pay_token: None,
                department_code,
                bookings: Vec::new(),
            },
        }))
    }
}

/// A filing worked out to its rows (see `App::stage_data_filing`).
#[derive(Debug)]
pub(crate) struct Staged {
    pub receipt: Receipt,
    pub idempotency: IdempotencyRecord,
    /// The submission and its first event, and what to announce.
    pub arrival: Arrival,
}

/// A filing's first history event: its arrival, by the resident (or the clerk at the
/// counter, with what they checked), with the identity it was made as.
fn first_event(row: &SubmissionRecord, filing: &Filing, identity: Option<Value>) -> EventRecord {
    history_event(
        row,
        row.arrived_at.and_utc(),
        HistoryEntry {
            actor: match filing {
                Filing::Counter { clerk_id, .. } => Actor::Clerk(clerk_id.clone()),
                _ => Actor::Resident,
            },
            action: madoguchi_core::HistoryAction::Submit,
            from: None,
            to: State::Arrived,
            reason: None,
            detail: match filing {
                Filing::Counter { detail, .. } => Some(detail.clone()),
                _ => identity.map(|i| i.to_string()),
            },
        },
        1,
    )
}

/// The idempotency key's row: what a retry must match to replay the filing (the answers'
/// request for the API, the form and answers for a draft).
fn idempotency_record(
    tenant: &TenantId,
    form: &Form,
    filing: &Filing,
    key: &str,
    row: &SubmissionRecord,
) -> IdempotencyRecord {
    IdempotencyRecord {
        tenant_id: tenant.clone(),
        idem_key: key.to_string(),
        request_hash: match filing {
            Filing::Data { request_hash, .. } => request_hash.clone(),
            Filing::Draft { .. } | Filing::Counter { .. } => sha256_hex(
                format!("{}\n{}\n{}", form.id(), form.version(), row.data_sha256).as_bytes(),
            ),
        },
        submission_id: row.id.clone(),
        created_at: row.arrived_at,
    }
}
