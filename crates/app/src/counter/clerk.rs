//! The clerk's side of a counter visit: open a code, see the prepared answers, check the
//! applicant's identity and file them.

use super::Counter;
use crate::counter::clean_code;
use crate::counter::code::QR_PREFIX;
use crate::counter::code::signature;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_case_worker;
use crate::kernel::staff::require_city;
use crate::kernel::tokens::sha256_hex;
use crate::kernel::{AppError, Clerk};
use crate::submission::store::Filing;
use chrono::{DateTime, Utc};
use madoguchi_core::AuditAction;
use madoguchi_core::ProcedureId;
use madoguchi_core::{
    ClerkId, CounterFiling, CounterOutcome, ErrorCode, FiledProcedure, IdentityDocument, Localized,
    VisitId, jst,
};
use madoguchi_forms::{FeeQuote, FieldError, Form};
use madoguchi_records::CounterVisitRecord;
use serde_json::{Value, json};
use std::sync::Arc;

/// A procedure in a visit, as the clerk sees it.
#[derive(Clone, Debug)]
pub struct ClerkItem {
    pub form: Arc<Form>,
    /// The prepared answers (`Null` when the draft is gone).
    pub data: Value,
    pub errors: Vec<FieldError>,
    pub fee: Option<FeeQuote>,
    pub ready: bool,
    /// The section whose queue it goes to.
    pub department: Localized,
}

/// What was filed from a visit.
#[derive(Clone, Debug)]
pub struct CounterFiled {
    pub at: DateTime<Utc>,
    pub by: String,
    /// The identity document the clerk checked.
    pub identity: IdentityDocument,
    /// (procedure id, title, arrival number).
    pub filed: Vec<(ProcedureId, Localized, String)>,
}

/// The clerk's view of a visit.
#[derive(Clone, Debug)]
pub struct ClerkVisit {
    pub id: VisitId,
    pub prepared_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub items: Vec<ClerkItem>,
    pub filed: Option<CounterFiled>,
}

pub(super) fn procedures_of(visit: &CounterVisitRecord) -> Result<Vec<ProcedureId>, AppError> {
    serde_json::from_str(&visit.procedures)
        .map_err(|e| AppError::internal(format!("counter visit {}", visit.id), e))
}

impl Counter<'_> {
    /// A clerk opens a visit by what the QR code holds or by its typed code. A QR code is
    /// checked for its signature and expiry before anything is looked up.
    pub fn open_code(&self, clerk: &Clerk, input: &str) -> Result<VisitId, AppError> {
        require_case_worker(clerk)?;
        require_city(clerk, self.city)?;
        let input = input.trim();
        let now = self.app.now();
        let code = if let Some(rest) = input
            .strip_prefix(QR_PREFIX)
            .and_then(|r| r.strip_prefix('-'))
        {
            let mut parts = rest.split('-');
            let (Some(code), Some(expires), Some(sig), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(AppError::Refused(ErrorCode::CounterCodeInvalid));
            };
            let expires: i64 = expires
                .parse()
                .map_err(|_| AppError::Refused(ErrorCode::CounterCodeInvalid))?;
            let expected = signature(&self.app.config.keys.counter, code, expires)?;
            if !bool::from(subtle::ConstantTimeEq::ct_eq(
                expected.as_bytes(),
                sig.as_bytes(),
            )) {
                tracing::warn!(clerk = %clerk.id, "counter QR code with a wrong signature");
                return Err(AppError::Refused(ErrorCode::CounterCodeInvalid));
            }
            if expires <= now.timestamp() {
                return Err(AppError::Refused(ErrorCode::CounterCodeExpired));
            }
            code.to_string()
        } else {
            clean_code(input).ok_or(AppError::Refused(ErrorCode::CounterCodeInvalid))?
        };
        self.app.write(|c| {
            let mut visit = c
                .find_counter_visit_by_code(&sha256_hex(code.as_bytes()))?
                .filter(|v| v.tenant_id == clerk.tenant)
                .ok_or(AppError::NotFound)?;
            if visit.filed_at.is_none() && visit.expires_at <= now.naive_utc() {
                return Err(AppError::Refused(ErrorCode::CounterCodeExpired));
            }
            visit.opened_by = Some(clerk.id.clone());
            visit.opened_at = Some(now.naive_utc());
            c.update_counter_visit(&visit)?;
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::CounterOpen)
                    .detail(json!({ "counter_visit": visit.id }).to_string()),
            )?;
            Ok(visit.id)
        })
    }

    /// The visit a clerk opened (and only theirs: another clerk must scan the code too).
    pub fn visit_for_clerk(&self, clerk: &Clerk, id: &VisitId) -> Result<ClerkVisit, AppError> {
        require_case_worker(clerk)?;
        require_city(clerk, self.city)?;
        let visit = self.app.read(|c| {
            c.find_counter_visit(id)?
                .filter(|v| v.tenant_id == clerk.tenant && v.opened_by.as_ref() == Some(&clerk.id))
                .ok_or(AppError::NotFound)
        })?;
        let filed = visit.outcome.as_ref().map(|o| o.filing().clone());
        let items = if filed.is_some() {
            Vec::new()
        } else {
            self.app.read(|c| {
                let mut items = Vec::new();
                for pid in procedures_of(&visit)? {
                    let Some(form) = self.app.forms_for(self.city).get(pid.as_str()) else {
                        continue;
                    };
                    let (data, errors) =
                        match self
                            .app
                            .load_draft_data(c, self.city, &visit.session_hash, &pid)?
                        {
                            Some((row, d)) => {
                                let data = Value::Object(d);
                                let errors = self.blockers(&form, &row, &data);
                                (data, errors)
                            }
                            None => (Value::Null, Vec::new()),
                        };
                    let fee = (!data.is_null()).then(|| form.fee(&data)).flatten();
                    let dep = self.app.department_for(c, self.city, &form)?;
                    items.push(ClerkItem {
                        department: Localized::new(dep.name_ja, dep.name_en),
                        ready: !data.is_null() && errors.is_empty(),
                        form,
                        data,
                        errors,
                        fee,
                    });
                }
                Ok(items)
            })?
        };
        self.app.write(|c| {
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::View)
                    .detail(json!({ "counter_visit": visit.id }).to_string()),
            )
        })?;
        let filed = filed.map(|filing| CounterFiled {
            at: visit.filed_at.map(|t| t.and_utc()).unwrap_or_default(),
            by: visit
                .filed_by
                .clone()
                .map(ClerkId::into_inner)
                .unwrap_or_default(),
            identity: filing.identity_document,
            filed: filing
                .filed
                .into_iter()
                .map(
                    |FiledProcedure {
                         procedure: pid,
                         arrival_number: number,
                     }| {
                        let title = self
                            .app
                            .forms_for(self.city)
                            .get(pid.as_str())
                            .map(|f| f.title().clone())
                            .unwrap_or_else(|| Localized::new(pid.as_str(), pid.as_str()));
                        (pid, title, number)
                    },
                )
                .collect(),
        });
        Ok(ClerkVisit {
            id: visit.id.clone(),
            prepared_at: visit.created_at.and_utc(),
            expires_at: visit.expires_at.and_utc(),
            items,
            filed,
        })
    }

    /// Files every complete procedure of the visit on the applicant's behalf, in one
    /// transaction: each goes to its own department's queue with the clerk and the identity
    /// document on its arrival event. Filing twice is refused (`CounterFiled`).
    pub fn file(
        &self,
        clerk: &Clerk,
        id: &VisitId,
        identity: &str,
        confirmed: bool,
    ) -> Result<Vec<(ProcedureId, String)>, AppError> {
        require_case_worker(clerk)?;
        require_city(clerk, self.city)?;
        let identity = match identity.parse::<IdentityDocument>() {
            Ok(document) if confirmed => document,
            _ => return Err(AppError::Refused(ErrorCode::IdentityUnchecked)),
        };
        for _ in 0..3 {
            let attempt = self.app.write(|c| {
                let visit = c
                    .find_counter_visit(id)?
                    .filter(|v| {
                        v.tenant_id == clerk.tenant && v.opened_by.as_ref() == Some(&clerk.id)
                    })
                    .ok_or(AppError::NotFound)?;
                if visit.filed_at.is_some() {
                    return Err(AppError::Refused(ErrorCode::CounterFiled));
                }
                let now = self.app.now();
                // Entered by a clerk with the resident at the desk, or prepared online.
                let entered_by = c
                    .find_staff_entry(&visit.session_hash)?
                    .filter(|e| e.tenant_id == *self.city)
                    .map(|e| e.clerk_id);
                let detail = match &entered_by {
                    Some(by) => json!({
                        "counter_visit": visit.id,
                        "identity_document": identity,
                        "entered_by_staff": by,
                    }),
                    None => json!({
                        "counter_visit": visit.id,
                        "identity_document": identity,
                        "prepared_online_at": jst::to_jst(visit.created_at.and_utc()).to_rfc3339(),
                    }),
                }
                .to_string();
                let mut filed = Vec::new();
                for pid in procedures_of(&visit)? {
                    let Some(form) = self.app.forms_for(self.city).get(pid.as_str()) else {
                        continue;
                    };
                    let Some((draft, data)) =
                        self.app
                            .load_draft_data(c, self.city, &visit.session_hash, &pid)?
                    else {
                        continue;
                    };
                    // What the clerk was shown as not ready stays: the rest is filed.
                    if !self
                        .blockers(&form, &draft, &Value::Object(data))
                        .is_empty()
                    {
                        continue;
                    }
                    let (outcome, arrival) = self.app.submit_in_tx(
                        c,
                        self.city,
                        &form,
                        &Filing::Counter {
                            session_hash: visit.session_hash.clone(),
                            clerk_id: clerk.id.clone(),
                            detail: detail.clone(),
                            entered_by: entered_by.clone(),
                        },
                        &format!("counter-{}-{pid}", visit.id),
                    )?;
                    if let Some(arrival) = &arrival {
                        self.app
                            .announce_arrival(c, self.city, outcome.receipt(), arrival)?;
                    }
                    filed.push((pid, outcome.receipt().arrival_number.to_string()));
                }
                if filed.is_empty() {
                    return Err(AppError::Refused(ErrorCode::CounterNothingReady));
                }
                let outcome = CounterOutcome::new(CounterFiling {
                    filed: filed
                        .iter()
                        .map(|(procedure, number)| FiledProcedure {
                            arrival_number: number.clone(),
                            procedure: procedure.clone(),
                        })
                        .collect(),
                    identity_document: identity,
                });
                if !c.mark_counter_visit_filed(&visit.id, &clerk.id, now.naive_utc(), &outcome)? {
                    return Err(AppError::Refused(ErrorCode::CounterFiled));
                }
                self.app.audit(
                    c,
                    clerk,
                    AuditEntry::new(AuditAction::CounterFile).detail(outcome.as_json().to_owned()),
                )?;
                Ok(filed)
            });
            match attempt {
                // An arrival number drawn twice: draw again.
                Err(AppError::Store(e)) if e.is_unique_violation() => continue,
                other => return other,
            }
        }
        Err(AppError::broken(
            "could not file the counter visit after several attempts",
        ))
    }
}
