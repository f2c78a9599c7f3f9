//! The staff audit log as a supervisor or an administrator reads it: every entry about one
//! filing (by its 到達番号), or made by or about one staff member, newest first, between two
//! days, a page at a time. A supervisor reads their own department's filings (and ward's,
//! for a ward supervisor) and staff; an administrator the whole municipality's. Reading is
//! itself an entry of the log.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use madoguchi_core::{AuditAction, AuditId, ClerkId, Localized, SubmissionId, jst};
use madoguchi_records::{AuditRecord, AuditSpan, ClerkRecord};
use madoguchi_workflow::Role;

use crate::kernel::audit::AuditEntry;
use crate::kernel::{App, AppError, Clerk};

/// Entries on one page of a staff member's trail.
pub const AUDIT_PAGE: usize = 50;

/// A staff member the reader may choose: their id, and `name (login)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffChoice {
    pub id: ClerkId,
    pub label: String,
}

/// Whose trail to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditSubject {
    /// A filing, by its 到達番号.
    Filing(String),
    /// A staff member, by id: what they did and what was done to their account.
    Staff(ClerkId),
}

/// A search of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditQuery {
    pub subject: AuditSubject,
    /// From this day (Japan time), inclusive.
    pub from: Option<NaiveDate>,
    /// Until this day (Japan time), inclusive.
    pub until: Option<NaiveDate>,
    /// Where the previous page ended (`AuditTrail::next`).
    pub after: Option<String>,
}

/// One entry, in words.
#[derive(Clone, Debug)]
pub struct AuditLine {
    pub at: DateTime<Utc>,
    /// Who did it (`name (login)`); `None` for the service itself.
    pub actor: Option<String>,
    pub action: AuditAction,
    /// The filing it concerns: its id (for the link) and its 到達番号.
    pub filing: Option<(SubmissionId, String)>,
    /// The staff account it concerns.
    pub target: Option<String>,
    pub reason: Option<String>,
    /// The API token it was done with, when not in person.
    pub via_token: Option<String>,
}

/// A page of the log.
#[derive(Clone, Debug)]
pub struct AuditTrail {
    /// What was read: the filing's 到達番号 and procedure, or the staff member's name.
    pub subject: Localized,
    pub lines: Vec<AuditLine>,
    /// The next page's `after`, when there is one.
    pub next: Option<String>,
}

impl App {
    /// The staff members whose trail `reader` may read (the search form's choices).
    pub fn audit_staff_choices(&self, reader: &Clerk) -> Result<Vec<StaffChoice>, AppError> {
        require_reader(reader)?;
        self.read(|c| {
            Ok(c.clerks_of(&reader.tenant)?
                .into_iter()
                .filter(|r| in_scope(reader, r))
                .map(|r| StaffChoice {
                    label: format!("{} ({})", r.display_name, r.login),
                    id: r.id,
                })
                .collect())
        })
    }

    /// A page of the trail `query` names. A filing or staff member outside the reader's
    /// scope is "not found", as if it did not exist.
    pub fn audit_trail(&self, reader: &Clerk, query: &AuditQuery) -> Result<AuditTrail, AppError> {
        require_reader(reader)?;
        let (trail, filing_id) = self.read(|c| {
            let staff = c.clerks_of(&reader.tenant)?;
            let name = |id: &ClerkId| {
                staff
                    .iter()
                    .find(|r| &r.id == id)
                    .map(|r| format!("{} ({})", r.display_name, r.login))
            };
            let (subject, records, next, filing_id) = match &query.subject {
                AuditSubject::Filing(number) => {
                    let row = c
                        .find_submission_by_arrival_number(&reader.tenant, number.trim())?
                        .ok_or(AppError::NotFound)?;
                    if reader.role == Role::Supervisor {
                        self.visible_to(c, reader, row.id.as_str())?;
                    }
                    let span = span(query);
                    let mut records: Vec<AuditRecord> = c
                        .audit_of_submission(&row.id)?
                        .into_iter()
                        .filter(|r| r.tenant_id == reader.tenant)
                        .filter(|r| span.from.is_none_or(|from| r.at >= from))
                        .filter(|r| span.until.is_none_or(|until| r.at < until))
                        .collect();
                    records.reverse();
                    let subject = both(row.arrival_number.clone());
                    (subject, records, None, Some(row.id))
                }
                AuditSubject::Staff(id) => {
                    let member = staff
                        .iter()
                        .find(|r| &r.id == id && in_scope(reader, r))
                        .ok_or(AppError::NotFound)?;
                    let mut span = span(query);
                    span.before = query.after.as_deref().and_then(parse_cursor);
                    let mut records =
                        c.audit_of_clerk(&reader.tenant, id, &span, AUDIT_PAGE as i64 + 1)?;
                    let next = (records.len() > AUDIT_PAGE).then(|| {
                        records.truncate(AUDIT_PAGE);
                        records.last().map(cursor).unwrap_or_default()
                    });
                    let subject = both(format!("{} ({})", member.display_name, member.login));
                    (subject, records, next, None)
                }
            };
            let mut lines = Vec::with_capacity(records.len());
            // Each filing a page names is read once, however many entries name it.
            let mut filings = std::collections::HashMap::new();
            for r in records {
                let filing = match &r.submission_id {
                    Some(id) => match filings.get(id) {
                        Some(found) => Clone::clone(found),
                        None => {
                            let found = c
                                .find_submission(&reader.tenant, id)?
                                .map(|s| (s.id, s.arrival_number));
                            filings.insert(id.clone(), found.clone());
                            found
                        }
                    },
                    None => None,
                };
                lines.push(AuditLine {
                    at: r.at.and_utc(),
                    actor: r.clerk_id.as_ref().and_then(&name),
                    action: r.action,
                    filing,
                    target: r.target_clerk_id.as_ref().and_then(&name),
                    reason: r.reason,
                    via_token: r.detail.as_deref().and_then(token_of),
                });
            }
            Ok((
                AuditTrail {
                    subject,
                    lines,
                    next,
                },
                filing_id,
            ))
        })?;
        // Who read whose trail is itself kept.
        self.write(|c| {
            let entry = AuditEntry::new(AuditAction::AuditRead);
            let entry = match (&query.subject, &filing_id) {
                (AuditSubject::Staff(id), _) => entry.target_clerk(id),
                (AuditSubject::Filing(_), Some(id)) => entry.submission(id),
                (AuditSubject::Filing(_), None) => entry,
            };
            self.audit(c, reader, entry)
        })?;
        Ok(trail)
    }
}

/// A name or number, the same in every language.
fn both(text: String) -> Localized {
    Localized::new(text.clone(), text)
}

/// Supervisors and administrators read the log.
fn require_reader(clerk: &Clerk) -> Result<(), AppError> {
    match clerk.role {
        Role::Supervisor | Role::Administrator => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// A supervisor reads their department's staff; an administrator everyone's.
fn in_scope(reader: &Clerk, member: &ClerkRecord) -> bool {
    member.tenant_id == reader.tenant
        && (reader.role == Role::Administrator || member.department_id == reader.department)
}

/// The query's days as a span of UTC times (Japan's days start at 15:00 UTC the day before).
fn span(query: &AuditQuery) -> AuditSpan {
    AuditSpan {
        from: query.from.map(jst::start_utc),
        until: query.until.and_then(|d| d.succ_opt()).map(jst::start_utc),
        before: None,
    }
}

/// Where a page ended: the last entry's time and id.
fn cursor(r: &AuditRecord) -> String {
    format!("{}_{}", r.at.format("%Y%m%dT%H%M%S%.6f"), r.id)
}

fn parse_cursor(text: &str) -> Option<(NaiveDateTime, AuditId)> {
    let (at, id) = text.split_once('_')?;
    let at = NaiveDateTime::parse_from_str(at, "%Y%m%dT%H%M%S%.6f").ok()?;
    (!id.is_empty() && id.len() <= 64).then(|| (at, AuditId::new(id.to_string())))
}

/// The API token an entry names in its detail (`{"api_token": "…"}`), if any.
fn token_of(detail: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(detail).ok()?;
    value
        .get("api_token")
        .and_then(|t| t.as_str())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_and_a_forged_one_is_ignored() {
        let r = AuditRecord {
            id: AuditId::new("0190-abc".to_string()),
            tenant_id: "041009".into(),
            at: NaiveDate::from_ymd_opt(2026, 11, 24)
                .unwrap()
                .and_hms_micro_opt(3, 4, 5, 123_456)
                .unwrap(),
            clerk_id: None,
            action: AuditAction::View,
            submission_id: None,
            target_clerk_id: None,
            reason: None,
            detail: None,
        };
        assert_eq!(parse_cursor(&cursor(&r)), Some((r.at, r.id.clone())));
        assert_eq!(parse_cursor("yesterday_x"), None);
        assert_eq!(parse_cursor("20261124T030405.000000_"), None);
    }

    #[test]
    fn a_day_of_japan_starts_at_15_utc_the_day_before() {
        let q = AuditQuery {
            subject: AuditSubject::Filing("x".into()),
            from: NaiveDate::from_ymd_opt(2026, 11, 24),
            until: NaiveDate::from_ymd_opt(2026, 11, 24),
            after: None,
        };
        let s = span(&q);
        assert_eq!(s.from.unwrap().to_string(), "2026-11-23 15:00:00");
        assert_eq!(s.until.unwrap().to_string(), "2026-11-24 15:00:00");
    }
}
