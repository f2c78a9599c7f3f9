//! Counter pre-entry (書かない窓口): a resident prepares one or more procedures on a phone and
//! shows a QR code at the counter; a clerk scans it (or types its 10-character code), sees
//! the prepared answers, checks the applicant's identity and files them on their behalf.
//!
//! The QR code holds no personal data: only the code, its expiry and a signature
//! (`MDG1-<code>-<expiry>-<signature>`). The code is derived from the visit with a server key
//! and only its SHA-256 is stored; the answers stay in the resident's drafts until filed.
//! Procedures that declare `reuse` take answers from another one in the same visit (the
//! moving-in bundle: 転入 first, then health insurance, child allowance… prefilled).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use madoguchi_core::{ErrorCode, Localized, TenantId, jst};
use madoguchi_forms::registry::reused_answers;
use madoguchi_forms::{FeeQuote, FieldError, Form};
use madoguchi_records::{CounterVisitRecord, DraftRecord, Records};
use serde_json::{Map, Value, json};

use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_case_worker;
use crate::kernel::tokens::{looks_like_token, sha256_hex};
use crate::kernel::{App, AppError, Clerk, token_hash};
use crate::submission::IDENTITY_DOCUMENTS;
use crate::submission::store::Filing;

/// Crockford's base-32 alphabet: no I, L, O or U, so a typed code is hard to get wrong.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code (50 bits).
const CODE_LEN: usize = 10;
const QR_PREFIX: &str = "MDG1";

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
    pub procedure_id: String,
    pub title: Localized,
    /// Complete: can be filed at the counter.
    pub ready: bool,
}

/// A procedure the resident can prepare next with answers taken over.
#[derive(Clone, Debug)]
pub struct CounterSuggestion {
    pub procedure_id: String,
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
}

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
    /// Identity document code (see [`IDENTITY_DOCUMENTS`]).
    pub identity: String,
    /// (procedure id, title, arrival number).
    pub filed: Vec<(String, Localized, String)>,
}

/// The clerk's view of a visit.
#[derive(Clone, Debug)]
pub struct ClerkVisit {
    pub id: String,
    pub prepared_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub items: Vec<ClerkItem>,
    pub filed: Option<CounterFiled>,
}

type HmacSha256 = Hmac<sha2::Sha256>;

fn mac(key: &[u8; 32], parts: &[&str]) -> Result<Vec<u8>, AppError> {
    let mut m = <HmacSha256 as KeyInit>::new_from_slice(key)
        .map_err(|e| AppError::Internal(format!("counter key: {e}")))?;
    for p in parts {
        m.update(p.as_bytes());
        m.update(b"\n");
    }
    Ok(m.finalize().into_bytes().to_vec())
}

/// The first `n` base-32 characters of `bytes`.
fn base32(bytes: &[u8], n: usize) -> String {
    let mut out = String::with_capacity(n);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in bytes {
        acc = (acc << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 && out.len() < n {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
        if out.len() == n {
            break;
        }
    }
    out
}

/// The code of a visit with this expiry (a new expiry makes a new code).
fn code_of(key: &[u8; 32], visit_id: &str, expires: i64) -> Result<String, AppError> {
    Ok(base32(
        &mac(key, &["code", visit_id, &expires.to_string()])?,
        CODE_LEN,
    ))
}

fn signature(key: &[u8; 32], code: &str, expires: i64) -> Result<String, AppError> {
    Ok(base32(&mac(key, &["qr", code, &expires.to_string()])?, 16))
}

/// A typed code, cleaned: spaces and hyphens dropped, case and width ignored, the letters
/// people confuse with digits (O, I, L) read as the digits.
pub fn clean_code(typed: &str) -> Option<String> {
    let mut out = String::new();
    for ch in typed.chars() {
        // Full-width ASCII (ＡＢＣ１２３) as typed on a Japanese keyboard.
        let ch = match ch {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            _ => ch,
        };
        let ch = match ch.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if ch == '-' || ch == 'ー' || ch == '－' || ch.is_whitespace() {
            continue;
        }
        if !ALPHABET.contains(&(ch as u8)) || !ch.is_ascii() {
            return None;
        }
        out.push(ch);
    }
    (out.len() == CODE_LEN).then_some(out)
}

fn display_code(code: &str) -> String {
    format!("{}-{}", &code[..5], &code[5..])
}

impl App {
    fn counter_code(&self, visit: &CounterVisitRecord) -> Result<CounterCode, AppError> {
        let expires = visit.expires_at.and_utc().timestamp();
        let code = code_of(&self.config.keys.counter, &visit.id, expires)?;
        let sig = signature(&self.config.keys.counter, &code, expires)?;
        Ok(CounterCode {
            display: display_code(&code),
            qr: format!("{QR_PREFIX}-{code}-{expires}-{sig}"),
            expires_at: visit.expires_at.and_utc(),
        })
    }

    /// A fresh code for the visit, valid for `counter_code_ttl`; the session's drafts are
    /// kept at least as long.
    fn renew_code(
        &self,
        c: &mut dyn Records,
        visit: &mut CounterVisitRecord,
    ) -> Result<(), AppError> {
        let now = self.now();
        // Whole seconds, so the expiry in the QR code is the stored one.
        let expires = DateTime::from_timestamp((now + self.config.counter_code_ttl).timestamp(), 0)
            .ok_or_else(|| AppError::Internal("expiry out of range".into()))?;
        visit.expires_at = expires.naive_utc();
        let code = code_of(&self.config.keys.counter, &visit.id, expires.timestamp())?;
        visit.code_hash = sha256_hex(code.as_bytes());
        c.extend_drafts(
            &visit.tenant_id,
            &visit.session_hash,
            now.naive_utc(),
            visit.expires_at,
        )?;
        Ok(())
    }

    fn session_of(token: Option<&str>) -> Result<String, AppError> {
        token
            .filter(|t| looks_like_token(t))
            .map(token_hash)
            .ok_or(AppError::DraftMissing)
    }

    /// The resident's visit being prepared, if any.
    pub fn counter_visit(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
    ) -> Result<Option<ResidentVisit>, AppError> {
        let Ok(session) = Self::session_of(token) else {
            return Ok(None);
        };
        self.read(|c| {
            let Some(visit) = c.find_open_counter_visit(tenant.as_str(), &session)? else {
                return Ok(None);
            };
            let ids = procedures_of(&visit)?;
            let mut items = Vec::new();
            for id in &ids {
                let Some(form) = self.forms().get(id) else {
                    continue;
                };
                let ready = match self.load_draft_data(c, tenant, &session, id)? {
                    Some((_, data)) => form.validate(&Value::Object(data)).is_empty(),
                    None => false,
                };
                items.push(CounterItem {
                    procedure_id: id.clone(),
                    title: form.title().clone(),
                    ready,
                });
            }
            let mut suggestions = Vec::new();
            for form in self.forms().all() {
                if ids.iter().any(|i| i == form.id()) {
                    continue;
                }
                if let Some(source) = ids
                    .iter()
                    .find(|i| form.settings().reuse.contains_key(i.as_str()))
                    && let Some(from) = self.forms().get(source)
                {
                    suggestions.push(CounterSuggestion {
                        procedure_id: form.id().to_string(),
                        title: form.title().clone(),
                        from_title: from.title().clone(),
                    });
                }
            }
            let code = (visit.expires_at > self.now().naive_utc())
                .then(|| self.counter_code(&visit))
                .transpose()?;
            Ok(Some(ResidentVisit {
                items,
                code,
                suggestions,
            }))
        })
    }

    /// Adds a completed procedure to the session's visit (starting one, with a code).
    /// An incomplete draft is refused with its errors (`Validation`).
    pub fn add_to_counter_visit(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        procedure_id: &str,
    ) -> Result<(), AppError> {
        let session = Self::session_of(token)?;
        let (form, _) = self.procedure(tenant, procedure_id)?;
        self.write(|c| {
            let (_, data) = self
                .load_draft_data(c, tenant, &session, procedure_id)?
                .ok_or(AppError::DraftMissing)?;
            crate::submission::forms::validate_all(&form, &Value::Object(data))?;
            let now = self.now().naive_utc();
            match c.find_open_counter_visit(tenant.as_str(), &session)? {
                Some(mut visit) => {
                    let mut ids = procedures_of(&visit)?;
                    if !ids.iter().any(|i| i == procedure_id) {
                        ids.push(procedure_id.to_string());
                    }
                    visit.procedures = json!(ids).to_string();
                    // Adding to a visit whose code ran out makes a new code.
                    if visit.expires_at <= now {
                        self.renew_code(c, &mut visit)?;
                    } else {
                        c.extend_drafts(tenant.as_str(), &session, now, visit.expires_at)?;
                    }
                    c.update_counter_visit(&visit)?;
                }
                None => {
                    let mut visit = CounterVisitRecord {
                        id: uuid::Uuid::now_v7().to_string(),
                        tenant_id: tenant.to_string(),
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
                    self.renew_code(c, &mut visit)?;
                    c.insert_counter_visit(&visit)?;
                }
            }
            Ok(())
        })
    }

    /// Takes a procedure out of the visit (its draft stays).
    pub fn remove_from_counter_visit(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        procedure_id: &str,
    ) -> Result<(), AppError> {
        let session = Self::session_of(token)?;
        self.write(|c| {
            let mut visit = c
                .find_open_counter_visit(tenant.as_str(), &session)?
                .ok_or(AppError::NotFound)?;
            let ids: Vec<String> = procedures_of(&visit)?
                .into_iter()
                .filter(|i| i != procedure_id)
                .collect();
            visit.procedures = json!(ids).to_string();
            c.update_counter_visit(&visit).map_err(AppError::from)
        })
    }

    /// A new code for the session's visit (the old one stops working).
    pub fn renew_counter_code(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
    ) -> Result<(), AppError> {
        let session = Self::session_of(token)?;
        self.write(|c| {
            let mut visit = c
                .find_open_counter_visit(tenant.as_str(), &session)?
                .ok_or(AppError::NotFound)?;
            self.renew_code(c, &mut visit)?;
            c.update_counter_visit(&visit).map_err(AppError::from)
        })
    }

    /// Starts (or completes) the draft of a procedure that takes answers from one in the
    /// visit, and returns the id of its first step. Answers already given are kept.
    pub fn prepare_from_counter_visit(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        procedure_id: &str,
    ) -> Result<String, AppError> {
        let session = Self::session_of(token)?;
        let (form, _) = self.procedure(tenant, procedure_id)?;
        let first = form
            .steps()
            .first()
            .map(|s| s.id.clone())
            .ok_or(AppError::NotFound)?;
        self.write(|c| {
            let visit = c
                .find_open_counter_visit(tenant.as_str(), &session)?
                .ok_or(AppError::NotFound)?;
            let ids = procedures_of(&visit)?;
            let existing = self.load_draft_data(c, tenant, &session, procedure_id)?;
            let (draft_id, created_at, mut data) = match existing {
                Some((row, data)) => (row.id, row.created_at, data),
                None => (
                    uuid::Uuid::now_v7().to_string(),
                    self.now().naive_utc(),
                    Map::new(),
                ),
            };
            let mut took = false;
            for source in ids
                .iter()
                .filter(|i| form.settings().reuse.contains_key(i.as_str()))
            {
                let Some((_, source_data)) = self.load_draft_data(c, tenant, &session, source)?
                else {
                    continue;
                };
                for (k, v) in reused_answers(&form, source, &Value::Object(source_data)) {
                    data.entry(k).or_insert(v);
                    took = true;
                }
            }
            if !took {
                return Err(AppError::NotFound);
            }
            let now = self.now().naive_utc();
            c.save_draft(&DraftRecord {
                id: draft_id,
                tenant_id: tenant.to_string(),
                session_hash: session.clone(),
                procedure_id: procedure_id.to_string(),
                form_version: form.version().to_string(),
                data: self.seal_data(&form, &Value::Object(data))?,
                created_at,
                updated_at: now,
                expires_at: (now + self.config.draft_ttl).max(visit.expires_at),
            })?;
            Ok(())
        })?;
        Ok(first)
    }

    /// A clerk opens a visit by what the QR code holds or by its typed code. A QR code is
    /// checked for its signature and expiry before anything is looked up.
    pub fn open_counter_code(&self, clerk: &Clerk, input: &str) -> Result<String, AppError> {
        require_case_worker(clerk)?;
        let input = input.trim();
        let now = self.now();
        let code = if let Some(rest) = input
            .strip_prefix(QR_PREFIX)
            .and_then(|r| r.strip_prefix('-'))
        {
            let mut parts = rest.split('-');
            let (Some(code), Some(expires), Some(sig), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(AppError::ReviewInput(ErrorCode::CounterCodeInvalid));
            };
            let expires: i64 = expires
                .parse()
                .map_err(|_| AppError::ReviewInput(ErrorCode::CounterCodeInvalid))?;
            let expected = signature(&self.config.keys.counter, code, expires)?;
            if !bool::from(subtle::ConstantTimeEq::ct_eq(
                expected.as_bytes(),
                sig.as_bytes(),
            )) {
                tracing::warn!(clerk = %clerk.id, "counter QR code with a wrong signature");
                return Err(AppError::ReviewInput(ErrorCode::CounterCodeInvalid));
            }
            if expires <= now.timestamp() {
                return Err(AppError::ReviewInput(ErrorCode::CounterCodeExpired));
            }
            code.to_string()
        } else {
            clean_code(input).ok_or(AppError::ReviewInput(ErrorCode::CounterCodeInvalid))?
        };
        self.write(|c| {
            let mut visit = c
                .find_counter_visit_by_code(&sha256_hex(code.as_bytes()))?
                .filter(|v| v.tenant_id == clerk.tenant.as_str())
                .ok_or(AppError::NotFound)?;
            if visit.filed_at.is_none() && visit.expires_at <= now.naive_utc() {
                return Err(AppError::ReviewInput(ErrorCode::CounterCodeExpired));
            }
            visit.opened_by = Some(clerk.id.to_string());
            visit.opened_at = Some(now.naive_utc());
            c.update_counter_visit(&visit)?;
            self.audit(
                c,
                clerk,
                AuditEntry::new("counter_open")
                    .detail(json!({ "counter_visit": visit.id }).to_string()),
            )?;
            Ok(visit.id)
        })
    }

    /// The visit a clerk opened (and only theirs: another clerk must scan the code too).
    pub fn counter_visit_for_clerk(&self, clerk: &Clerk, id: &str) -> Result<ClerkVisit, AppError> {
        require_case_worker(clerk)?;
        let visit = self.read(|c| {
            c.find_counter_visit(id)?
                .filter(|v| {
                    v.tenant_id == clerk.tenant.as_str()
                        && v.opened_by.as_deref() == Some(clerk.id.as_str())
                })
                .ok_or(AppError::NotFound)
        })?;
        let tenant: TenantId = clerk.tenant.clone();
        let filed = visit.outcome.as_deref().map(filed_of).transpose()?;
        let items = if filed.is_some() {
            Vec::new()
        } else {
            self.read(|c| {
                let mut items = Vec::new();
                for pid in procedures_of(&visit)? {
                    let Some(form) = self.forms().get(&pid) else {
                        continue;
                    };
                    let data = self
                        .load_draft_data(c, &tenant, &visit.session_hash, &pid)?
                        .map(|(_, d)| Value::Object(d))
                        .unwrap_or(Value::Null);
                    let errors = if data.is_null() {
                        Vec::new()
                    } else {
                        form.validate(&data)
                    };
                    let fee = (!data.is_null()).then(|| form.fee(&data)).flatten();
                    let dep = self.department_for(c, &tenant, &form)?;
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
        self.write(|c| {
            self.audit(
                c,
                clerk,
                AuditEntry::new("view").detail(json!({ "counter_visit": visit.id }).to_string()),
            )
        })?;
        let filed = filed.map(|(identity, list)| CounterFiled {
            at: visit.filed_at.map(|t| t.and_utc()).unwrap_or_default(),
            by: visit.filed_by.clone().unwrap_or_default(),
            identity,
            filed: list
                .into_iter()
                .map(|(pid, number)| {
                    let title = self
                        .forms()
                        .get(&pid)
                        .map(|f| f.title().clone())
                        .unwrap_or_else(|| Localized::new(pid.clone(), pid.clone()));
                    (pid, title, number)
                })
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
    pub fn file_counter_visit(
        &self,
        clerk: &Clerk,
        id: &str,
        identity: &str,
        confirmed: bool,
    ) -> Result<Vec<(String, String)>, AppError> {
        require_case_worker(clerk)?;
        if !confirmed || !IDENTITY_DOCUMENTS.iter().any(|(c, _, _)| *c == identity) {
            return Err(AppError::ReviewInput(ErrorCode::IdentityUnchecked));
        }
        let tenant: TenantId = clerk.tenant.clone();
        for _ in 0..3 {
            let attempt = self.write(|c| {
                let visit = c
                    .find_counter_visit(id)?
                    .filter(|v| {
                        v.tenant_id == clerk.tenant.as_str()
                            && v.opened_by.as_deref() == Some(clerk.id.as_str())
                    })
                    .ok_or(AppError::NotFound)?;
                if visit.filed_at.is_some() {
                    return Err(AppError::ReviewInput(ErrorCode::CounterFiled));
                }
                let now = self.now();
                let detail = json!({
                    "counter_visit": visit.id,
                    "identity_document": identity,
                    "prepared_online_at": jst::to_jst(visit.created_at.and_utc()).to_rfc3339(),
                })
                .to_string();
                let mut filed = Vec::new();
                for pid in procedures_of(&visit)? {
                    let Some(form) = self.forms().get(&pid) else {
                        continue;
                    };
                    let Some((_, data)) =
                        self.load_draft_data(c, &tenant, &visit.session_hash, &pid)?
                    else {
                        continue;
                    };
                    if !form.validate(&Value::Object(data)).is_empty() {
                        continue;
                    }
                    let (outcome, arrival) = self.submit_in_tx(
                        c,
                        &tenant,
                        &form,
                        &Filing::Counter {
                            session_hash: visit.session_hash.clone(),
                            clerk_id: clerk.id.to_string(),
                            detail: detail.clone(),
                        },
                        &format!("counter-{}-{pid}", visit.id),
                    )?;
                    if let Some(arrival) = &arrival {
                        self.announce_arrival(c, &tenant, outcome.receipt(), arrival)?;
                    }
                    filed.push((pid, outcome.receipt().arrival_number.to_string()));
                }
                if filed.is_empty() {
                    return Err(AppError::ReviewInput(ErrorCode::CounterNothingReady));
                }
                let outcome = json!({
                    "identity_document": identity,
                    "filed": filed.iter().map(|(p, n)| json!({"procedure": p, "arrival_number": n})).collect::<Vec<_>>(),
                })
                .to_string();
                if !c.mark_counter_visit_filed(&visit.id, clerk.id.as_str(), now.naive_utc(), &outcome)? {
                    return Err(AppError::ReviewInput(ErrorCode::CounterFiled));
                }
                self.audit(c, clerk, AuditEntry::new("counter_file").detail(outcome))?;
                Ok(filed)
            });
            match attempt {
                // An arrival number drawn twice: draw again.
                Err(AppError::Store(e)) if e.is_unique_violation() => continue,
                other => return other,
            }
        }
        Err(AppError::Internal(
            "could not file the counter visit after several attempts".into(),
        ))
    }
}

fn procedures_of(visit: &CounterVisitRecord) -> Result<Vec<String>, AppError> {
    serde_json::from_str(&visit.procedures)
        .map_err(|e| AppError::Internal(format!("counter visit {}: {e}", visit.id)))
}

type FiledList = (String, Vec<(String, String)>);

fn filed_of(outcome: &str) -> Result<FiledList, AppError> {
    let v: Value = serde_json::from_str(outcome)
        .map_err(|e| AppError::Internal(format!("counter outcome: {e}")))?;
    let identity = v["identity_document"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let list = v["filed"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["procedure"].as_str().unwrap_or_default().to_string(),
                        f["arrival_number"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok((identity, list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ten_unambiguous_characters_and_typing_slips_are_forgiven() {
        let key = [7u8; 32];
        let code = code_of(&key, "visit-1", 1_800_000_000).unwrap();
        assert_eq!(code.len(), CODE_LEN);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(code, code_of(&key, "visit-1", 1_800_000_001).unwrap());
        assert_ne!(code, code_of(&[8u8; 32], "visit-1", 1_800_000_000).unwrap());
        let shown = display_code(&code);
        assert_eq!(clean_code(&shown).as_deref(), Some(code.as_str()));
        assert_eq!(
            clean_code(&shown.to_lowercase()).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(clean_code("7KQM2 XDP9R").as_deref(), Some("7KQM2XDP9R"));
        assert_eq!(
            clean_code("ｏｉＬ２３-45678").as_deref(),
            Some("0112345678")
        );
        assert_eq!(clean_code("7KQM2-XDP9"), None);
        assert_eq!(clean_code("7KQM2-XDP9U"), None, "U is not in the alphabet");
        assert_eq!(clean_code("仙台"), None);
    }

    #[test]
    fn signatures_bind_the_code_and_its_expiry() {
        let key = [7u8; 32];
        let s = signature(&key, "0123456789", 100).unwrap();
        assert_eq!(s.len(), 16);
        assert_ne!(s, signature(&key, "0123456789", 101).unwrap());
        assert_ne!(s, signature(&key, "0123456788", 100).unwrap());
    }
}
