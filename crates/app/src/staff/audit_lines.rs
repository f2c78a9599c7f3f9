//! The lines of an audit trail: the staff audit log's entries (views, reveals, exports,
//! changes to accounts) and the case actions of the filings' histories (arrival, claim,
//! assignment, correction request and answer, extension, decision, payment, refund,
//! close, withdrawal), merged newest first and cut into pages at an `(at, id)` cursor.

use chrono::{DateTime, NaiveDateTime, Utc};
use madoguchi_core::{ActorKind, AuditAction, AuditId, ClerkId, HistoryAction, SubmissionId};
use madoguchi_records::{AuditRecord, ClerkRecord, EventRecord, RecordsRead};

use crate::kernel::AppError;

/// What a line records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditWhat {
    /// An entry of the staff audit log.
    Audit(AuditAction),
    /// A case action: an entry of a filing's history.
    Case(HistoryAction),
}

impl AuditWhat {
    /// The stored code (the CSV's `action` column): a case action's is prefixed `case:`.
    pub fn code(self) -> String {
        match self {
            AuditWhat::Audit(a) => a.code().to_string(),
            AuditWhat::Case(h) => format!("case:{}", h.code()),
        }
    }
}

/// One line, in words.
#[derive(Clone, Debug)]
pub struct AuditLine {
    pub at: DateTime<Utc>,
    /// Who did it: a member of staff, the applicant, or the service itself.
    pub actor_kind: ActorKind,
    /// The staff member, `name (login)`.
    pub actor: Option<String>,
    pub what: AuditWhat,
    /// The filing it concerns: its id (for the link) and its 到達番号.
    pub filing: Option<(SubmissionId, String)>,
    /// The staff account it concerns (an assignment's assignee).
    pub target: Option<String>,
    pub reason: Option<String>,
    /// The API token it was done with, when not in person.
    pub via_token: Option<String>,
}

/// An entry before it is put in words.
pub(super) enum Raw {
    Audit(AuditRecord),
    Case(EventRecord),
}

impl Raw {
    pub(super) fn key(&self) -> (NaiveDateTime, &str) {
        match self {
            Raw::Audit(r) => (r.at, r.id.as_str()),
            Raw::Case(e) => (e.at, e.id.as_str()),
        }
    }
}

/// The newest `page` of `entries` (after `before`, when given), and whether more follow.
pub(super) fn newest_page(
    mut entries: Vec<Raw>,
    before: Option<&(NaiveDateTime, AuditId)>,
    page: usize,
) -> (Vec<Raw>, bool) {
    if let Some((at, id)) = before {
        entries.retain(|r| r.key() < (*at, id.as_str()));
    }
    entries.sort_by(|a, b| b.key().cmp(&a.key()));
    let more = entries.len() > page;
    entries.truncate(page);
    (entries, more)
}

/// Where a page ended: the last line's time and id.
pub(super) fn cursor(r: &Raw) -> String {
    let (at, id) = r.key();
    format!("{}_{id}", at.format("%Y%m%dT%H%M%S%.6f"))
}

pub(super) fn parse_cursor(text: &str) -> Option<(NaiveDateTime, AuditId)> {
    let (at, id) = text.split_once('_')?;
    let at = NaiveDateTime::parse_from_str(at, "%Y%m%dT%H%M%S%.6f").ok()?;
    (!id.is_empty() && id.len() <= 64).then(|| (at, AuditId::new(id.to_string())))
}

/// The entries in words: names of `staff`, each filing read once.
pub(super) fn in_words(
    c: &mut dyn RecordsRead,
    tenant: &madoguchi_core::TenantId,
    staff: &[ClerkRecord],
    entries: Vec<Raw>,
) -> Result<Vec<AuditLine>, AppError> {
    let name = |id: &ClerkId| {
        staff
            .iter()
            .find(|r| &r.id == id)
            .map(|r| format!("{} ({})", r.display_name, r.login))
    };
    let mut filings = std::collections::HashMap::new();
    let mut lines = Vec::with_capacity(entries.len());
    for entry in entries {
        let submission = match &entry {
            Raw::Audit(r) => r.submission_id.clone(),
            Raw::Case(e) => Some(e.submission_id.clone()),
        };
        let filing = match submission {
            Some(id) => match filings.get(&id) {
                Some(found) => Clone::clone(found),
                None => {
                    let found = c
                        .find_submission(tenant, &id)?
                        .map(|s| (s.id, s.arrival_number));
                    filings.insert(id, found.clone());
                    found
                }
            },
            None => None,
        };
        lines.push(match entry {
            Raw::Audit(r) => AuditLine {
                at: r.at.and_utc(),
                actor_kind: if r.clerk_id.is_some() {
                    ActorKind::Clerk
                } else {
                    ActorKind::System
                },
                actor: r.clerk_id.as_ref().and_then(&name),
                what: AuditWhat::Audit(r.action),
                filing,
                target: r.target_clerk_id.as_ref().and_then(&name),
                reason: r.reason,
                via_token: r.detail.as_deref().and_then(|d| detail_str(d, "api_token")),
            },
            Raw::Case(e) => AuditLine {
                at: e.at.and_utc(),
                actor_kind: e.actor_kind,
                actor: e.actor_id.as_ref().and_then(&name),
                what: AuditWhat::Case(e.action),
                filing,
                target: match e.action {
                    HistoryAction::Assign => e
                        .detail
                        .as_deref()
                        .and_then(|d| detail_str(d, "assignee"))
                        .and_then(|id| name(&ClerkId::new(id))),
                    _ => None,
                },
                reason: e.reason,
                via_token: e.detail.as_deref().and_then(|d| detail_str(d, "api_token")),
            },
        });
    }
    Ok(lines)
}

/// A string member of an entry's JSON detail (`{"api_token": "…"}`, `{"assignee": "…"}`).
fn detail_str(detail: &str, key: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(detail).ok()?;
    value.get(key).and_then(|t| t.as_str()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;
    use madoguchi_core::{EventId, SubmissionState};

    use super::*;

    fn at(second: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_micro_opt(3, 4, second, 123_456)
            .unwrap()
    }

    fn view(id: &str, second: u32) -> Raw {
        Raw::Audit(AuditRecord {
            id: AuditId::new(id.to_string()),
            tenant_id: "041009".into(),
            at: at(second),
            clerk_id: None,
            action: AuditAction::View,
            submission_id: None,
            target_clerk_id: None,
            reason: None,
            detail: None,
        })
    }

    fn claim(id: &str, second: u32) -> Raw {
        Raw::Case(EventRecord {
            id: EventId::new(id.to_string()),
            tenant_id: "041009".into(),
            submission_id: SubmissionId::new("s".to_string()),
            seq: 2,
            at: at(second),
            actor_kind: ActorKind::Clerk,
            actor_id: None,
            action: HistoryAction::Claim,
            from_state: Some(SubmissionState::Arrived),
            to_state: SubmissionState::InReview,
            reason: None,
            detail: None,
        })
    }

    fn ids(page: &[Raw]) -> Vec<&str> {
        page.iter().map(|r| r.key().1).collect()
    }

    #[test]
    fn a_cursor_reads_back_and_a_forged_one_is_ignored() {
        let r = view("0190-abc", 5);
        let (at, id) = parse_cursor(&cursor(&r)).unwrap();
        assert_eq!((at, id.as_str()), r.key());
        assert_eq!(parse_cursor("yesterday_x"), None);
        assert_eq!(parse_cursor("20261124T030405.000000_"), None);
    }

    #[test]
    fn views_and_case_actions_are_paged_together_newest_first() {
        let entries = || vec![view("a", 1), claim("e1", 2), view("b", 3), claim("e2", 4)];
        let (first, more) = newest_page(entries(), None, 3);
        assert_eq!(ids(&first), ["e2", "b", "e1"]);
        assert!(more);
        let next = parse_cursor(&cursor(first.last().unwrap())).unwrap();
        let (second, more) = newest_page(entries(), Some(&next), 3);
        assert_eq!(ids(&second), ["a"]);
        assert!(!more);
    }

    #[test]
    fn case_actions_read_as_such_in_the_csv() {
        assert_eq!(
            AuditWhat::Case(HistoryAction::Approve).code(),
            "case:approve"
        );
        assert_eq!(AuditWhat::Audit(AuditAction::View).code(), "view");
    }
}
