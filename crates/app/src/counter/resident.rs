//! The resident's side of a counter visit: the code for this browser, the procedures added
//! to it, and the answers carried from one procedure to another.

use super::Counter;
use crate::counter::clerk::procedures_of;
use crate::counter::code::QR_PREFIX;
use crate::counter::code::code_of;
use crate::counter::code::display_code;
use crate::counter::code::signature;
use crate::kernel::tokens::{looks_like_token, sha256_hex};
use crate::kernel::{AppError, token_hash};
use chrono::{DateTime, Utc};
use madoguchi_core::ProcedureId;
use madoguchi_core::{DraftId, Localized, VisitId};
use madoguchi_forms::registry::reused_answers;
use madoguchi_records::{CounterVisitRecord, DraftRecord, Records};
use serde_json::{Map, Value, json};

/// The code a resident shows.
#[derive(Clone, Debug)]
pub struct CounterCode {
    /// `7KQM2-XDP9R`: to read out or type.
    pub display: String,
    /// What the QR code holds.
    pub qr: String,
    pub expires_at: DateTime<Utc>,
}

/// A procedure in a visit, as the resident sees it.
#[derive(Clone, Debug)]
pub struct CounterItem {
    pub procedure_id: ProcedureId,
    pub title: Localized,
    /// Complete: can be filed at the counter.
    pub ready: bool,
}

/// A procedure the resident can prepare next with answers taken over.
#[derive(Clone, Debug)]
pub struct CounterSuggestion {
    pub procedure_id: ProcedureId,
    pub title: Localized,
    pub from_title: Localized,
}

/// The resident's "at the counter" page.
#[derive(Clone, Debug)]
pub struct ResidentVisit {
    pub items: Vec<CounterItem>,
    /// `None` when the code has expired (a new one can be asked for).
    pub code: Option<CounterCode>,
    pub suggestions: Vec<CounterSuggestion>,
    /// The times booked for the visit (its procedures' booking questions).
    pub bookings: Vec<crate::submission::FiledBooking>,
}

impl Counter<'_> {
    fn code_of_visit(&self, visit: &CounterVisitRecord) -> Result<CounterCode, AppError> {
        let expires = visit.expires_at.and_utc().timestamp();
        let code = code_of(&self.app.config.keys.counter, &visit.id, expires)?;
        let sig = signature(&self.app.config.keys.counter, &code, expires)?;
        Ok(CounterCode {
            display: display_code(&code),
            qr: format!("{QR_PREFIX}-{code}-{expires}-{sig}"),
            expires_at: visit.expires_at.and_utc(),
        })
    }

    /// A fresh code for the visit, valid for `counter_code_ttl` and at least to the end of
    /// the day the resident booked for it; the session's drafts are kept as long.
    fn new_code_for(
        &self,
        c: &mut dyn Records,
        visit: &mut CounterVisitRecord,
    ) -> Result<(), AppError> {
        let now = self.app.now();
        let booked = self
            .app
            .booked_until(c, self.city, &visit.session_hash)?
            .map(|t| t.and_utc());
        let lasts = (now + self.app.config.counter_code_ttl).max(booked.unwrap_or(now));
        // Whole seconds, so the expiry in the QR code is the stored one.
        let expires = DateTime::from_timestamp(lasts.timestamp(), 0)
            .ok_or_else(|| AppError::broken("expiry out of range"))?;
        visit.expires_at = expires.naive_utc();
        let code = code_of(
            &self.app.config.keys.counter,
            &visit.id,
            expires.timestamp(),
        )?;
        visit.code_hash = sha256_hex(code.as_bytes());
        c.extend_drafts(
            &visit.tenant_id,
            &visit.session_hash,
            now.naive_utc(),
            visit.expires_at,
        )?;
        Ok(())
    }

    pub(super) fn session_of(token: Option<&str>) -> Result<String, AppError> {
        token
            .filter(|t| looks_like_token(t))
            .map(token_hash)
            .ok_or(AppError::DraftMissing)
    }

    /// The resident's visit being prepared, if any.
    pub fn visit(&self, token: Option<&str>) -> Result<Option<ResidentVisit>, AppError> {
        let Ok(session) = Self::session_of(token) else {
            return Ok(None);
        };
        self.app.read(|c| {
            let Some(visit) = c.find_open_counter_visit(self.city, &session)? else {
                return Ok(None);
            };
            let ids = procedures_of(&visit)?;
            let mut items = Vec::new();
            for id in &ids {
                let Some(form) = self.app.forms_for(self.city).get(id.as_str()) else {
                    continue;
                };
                let ready = match self.app.load_draft_data(c, self.city, &session, id)? {
                    Some((draft, data)) => self
                        .blockers(&form, &draft, &Value::Object(data))
                        .is_empty(),
                    None => false,
                };
                items.push(CounterItem {
                    procedure_id: id.clone(),
                    title: form.title().clone(),
                    ready,
                });
            }
            let mut suggestions = Vec::new();
            for form in self.app.forms_for(self.city).all() {
                if ids.iter().any(|i| i == form.id()) {
                    continue;
                }
                if let Some(source) = ids
                    .iter()
                    .find(|i| form.settings().reuse.contains_key(i.as_str()))
                    && let Some(from) = self.app.forms_for(self.city).get(source.as_str())
                {
                    suggestions.push(CounterSuggestion {
                        procedure_id: form.procedure_id(),
                        title: form.title().clone(),
                        from_title: from.title().clone(),
                    });
                }
            }
            let code = (visit.expires_at > self.app.now().naive_utc())
                .then(|| self.code_of_visit(&visit))
                .transpose()?;
            let bookings = c
                .unfiled_bookings_of(self.city, &session)?
                .iter()
                .map(|b| self.app.filed_booking(c, self.city, b))
                .collect::<Result<_, _>>()?;
            Ok(Some(ResidentVisit {
                items,
                code,
                suggestions,
                bookings,
            }))
        })
    }

    /// Adds a completed procedure to the session's visit (starting one, with a code).
    /// An incomplete draft is refused with its errors (`Validation`).
    pub fn add(&self, token: Option<&str>, procedure_id: &ProcedureId) -> Result<(), AppError> {
        let session = Self::session_of(token)?;
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        self.app.write(|c| {
            let (_, data) = self
                .app
                .load_draft_data(c, self.city, &session, procedure_id)?
                .ok_or(AppError::DraftMissing)?;
            let data = Value::Object(data);
            crate::submission::forms::validate_all(
                &form,
                &data,
                self.app.filing_day_in(self.city),
            )?;
            // Its times are booked now: the day may be weeks away.
            self.app
                .book_before_filing(c, self.city, &form, &data, &session)?;
            let booked = self.app.booked_until(c, self.city, &session)?;
            let now = self.app.now().naive_utc();
            match c.find_open_counter_visit(self.city, &session)? {
                Some(mut visit) => {
                    let mut ids = procedures_of(&visit)?;
                    if !ids.contains(procedure_id) {
                        ids.push(procedure_id.clone());
                    }
                    visit.procedures = json!(ids).to_string();
                    // Adding to a visit whose code ran out, or that must now last to a
                    // later booked day, makes a new code.
                    if visit.expires_at <= now || booked.is_some_and(|b| b > visit.expires_at) {
                        self.new_code_for(c, &mut visit)?;
                    } else {
                        c.extend_drafts(self.city, &session, now, visit.expires_at)?;
                    }
                    c.update_counter_visit(&visit)?;
                }
                None => {
                    let mut visit = CounterVisitRecord {
                        id: VisitId::new(uuid::Uuid::now_v7().to_string()),
                        tenant_id: self.city.clone(),
                        session_hash: session.clone(),
                        code_hash: String::new(),
                        procedures: json!([procedure_id]).to_string(),
                        created_at: now,
                        expires_at: now,
                        opened_by: None,
                        opened_at: None,
                        filed_by: None,
                        filed_at: None,
                        outcome: None,
                    };
                    self.new_code_for(c, &mut visit)?;
                    c.insert_counter_visit(&visit)?;
                }
            }
            Ok(())
        })
    }

    /// Takes a procedure out of the visit (its draft stays).
    pub fn remove(&self, token: Option<&str>, procedure_id: &ProcedureId) -> Result<(), AppError> {
        let session = Self::session_of(token)?;
        self.app.write(|c| {
            let mut visit = c
                .find_open_counter_visit(self.city, &session)?
                .ok_or(AppError::NotFound)?;
            let ids: Vec<ProcedureId> = procedures_of(&visit)?
                .into_iter()
                .filter(|i| i != procedure_id)
                .collect();
            visit.procedures = json!(ids).to_string();
            c.update_counter_visit(&visit).map_err(AppError::from)
        })
    }

    /// A new code for the session's visit (the old one stops working).
    pub fn renew_code(&self, token: Option<&str>) -> Result<(), AppError> {
        let session = Self::session_of(token)?;
        self.app.write(|c| {
            let mut visit = c
                .find_open_counter_visit(self.city, &session)?
                .ok_or(AppError::NotFound)?;
            self.new_code_for(c, &mut visit)?;
            c.update_counter_visit(&visit).map_err(AppError::from)
        })
    }

    /// Starts (or completes) the draft of a procedure that takes answers from one in the
    /// visit, and returns the id of its first step. Answers already given are kept.
    pub fn prepare(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
    ) -> Result<String, AppError> {
        let session = Self::session_of(token)?;
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        let first = form
            .steps()
            .first()
            .map(|s| s.id.clone())
            .ok_or(AppError::NotFound)?;
        self.app.write(|c| {
            let visit = c
                .find_open_counter_visit(self.city, &session)?
                .ok_or(AppError::NotFound)?;
            let ids = procedures_of(&visit)?;
            let existing = self
                .app
                .load_draft_data(c, self.city, &session, procedure_id)?;
            let (draft_id, created_at, mut data, prefilled, checked) = match existing {
                Some((row, data)) => (
                    row.id,
                    row.created_at,
                    data,
                    row.prefilled,
                    row.external_check,
                ),
                None => (
                    DraftId::new(uuid::Uuid::now_v7().to_string()),
                    self.app.now().naive_utc(),
                    Map::new(),
                    "{}".to_string(),
                    None,
                ),
            };
            let mut took = false;
            for source in ids
                .iter()
                .filter(|i| form.settings().reuse.contains_key(i.as_str()))
            {
                let Some((_, source_data)) =
                    self.app.load_draft_data(c, self.city, &session, source)?
                else {
                    continue;
                };
                for (k, v) in reused_answers(&form, source.as_str(), &Value::Object(source_data)) {
                    data.entry(k).or_insert(v);
                    took = true;
                }
            }
            if !took {
                return Err(AppError::NotFound);
            }
            self.app.keep_form_version(c, &form)?;
            let now = self.app.now().naive_utc();
            c.save_draft(&DraftRecord {
                id: draft_id,
                tenant_id: self.city.clone(),
                session_hash: session.clone(),
                procedure_id: procedure_id.clone(),
                form_version: form.version().to_string(),
                data: self.app.seal_data(&form, &Value::Object(data))?,
                created_at,
                updated_at: now,
                expires_at: (now + self.app.config.draft_ttl).max(visit.expires_at),
                // Prepared at the counter from another filing: the resident reads the
                // notice when they open it.
                privacy_notice_shown_at: None,
                prefilled,
                // Answers already given are kept, and so is the mark of their check: it
                // holds only for the answers it checked (a digest of them), so answers taken
                // over here (never over given ones) cannot stand on it.
                external_check: checked,
            })?;
            Ok(())
        })?;
        Ok(first)
    }
}
