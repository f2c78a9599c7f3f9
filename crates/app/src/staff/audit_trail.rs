//! The staff audit log as a supervisor or an administrator reads it: every entry about one
//! filing (by its 到達番号), or made by or about one staff member, newest first, between two
//! days, a page at a time or all of it as a CSV file. Beside the log's own entries (views,
//! reveals, exports, account changes) the trail lists the case actions of the filings'
//! histories (`audit_lines.rs`). A supervisor reads their own department's filings (and
//! ward's, for a ward supervisor) and staff; an administrator the whole municipality's.
//! Reading and exporting are themselves entries of the log.

use chrono::NaiveDate;
use madoguchi_core::{AuditAction, ClerkId, Localized, jst};
use madoguchi_records::{AuditSpan, ClerkRecord};
use madoguchi_workflow::Role;

use super::Staff;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};

use super::audit_lines::{AuditLine, Raw, cursor, in_words, newest_page, parse_cursor};

/// Lines on one page of a trail.
pub const AUDIT_PAGE: usize = 50;
/// Lines an export holds at most (a longer trail is cut, and says so).
pub const AUDIT_EXPORT_MOST: usize = 20_000;

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

/// A page of the log.
#[derive(Clone, Debug)]
pub struct AuditTrail {
    /// What was read: the filing's 到達番号 and procedure, or the staff member's name.
    pub subject: Localized,
    pub lines: Vec<AuditLine>,
    /// The next page's `after`, when there is one.
    pub next: Option<String>,
}

impl Staff<'_> {
    /// The staff members whose trail `reader` may read (the search form's choices).
    pub fn audit_staff_choices(&self, reader: &Clerk) -> Result<Vec<StaffChoice>, AppError> {
        require_city(reader, self.city)?;
        require_reader(reader)?;
        self.app.read(|c| {
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
        require_city(reader, self.city)?;
        require_reader(reader)?;
        let (trail, about) = self
            .app
            .read(|c| self.trail_page(c, reader, query, AUDIT_PAGE))?;
        self.log_reading(reader, query, about.as_ref(), AuditAction::AuditRead)?;
        Ok(trail)
    }

    /// The whole trail `query` names (from its first page, at most `AUDIT_EXPORT_MOST`
    /// lines), for a CSV file; the export is an entry of the log.
    pub fn audit_export(&self, reader: &Clerk, query: &AuditQuery) -> Result<AuditTrail, AppError> {
        require_city(reader, self.city)?;
        require_reader(reader)?;
        let mut query = AuditQuery {
            after: None,
            ..query.clone()
        };
        let (mut whole, about) = self
            .app
            .read(|c| self.trail_page(c, reader, &query, AUDIT_PAGE * 20))?;
        while let Some(after) = whole.next.take() {
            if whole.lines.len() >= AUDIT_EXPORT_MOST {
                whole.next = Some(after);
                break;
            }
            query.after = Some(after);
            let (page, _) = self
                .app
                .read(|c| self.trail_page(c, reader, &query, AUDIT_PAGE * 20))?;
            whole.lines.extend(page.lines);
            whole.next = page.next;
        }
        self.log_reading(reader, &query, about.as_ref(), AuditAction::AuditExport)?;
        Ok(whole)
    }

    /// One page of up to `size` lines, and the filing it is about (for the log).
    fn trail_page(
        &self,
        c: &mut dyn madoguchi_records::RecordsRead,
        reader: &Clerk,
        query: &AuditQuery,
        size: usize,
    ) -> Result<(AuditTrail, Option<madoguchi_core::SubmissionId>), AppError> {
        let staff = c.clerks_of(&reader.tenant)?;
        let mut span = span(query);
        let before = query.after.as_deref().and_then(parse_cursor);
        let (subject, entries, filing_id) = match &query.subject {
            AuditSubject::Filing(number) => {
                let row = c
                    .find_submission_by_arrival_number(&reader.tenant, number.trim())?
                    .ok_or(AppError::NotFound)?;
                if reader.role == Role::Supervisor {
                    self.app.visible_to(c, reader, row.id.as_str())?;
                }
                let in_span = |at: &chrono::NaiveDateTime| {
                    span.from.is_none_or(|from| *at >= from)
                        && span.until.is_none_or(|until| *at < until)
                };
                let mut entries: Vec<Raw> = c
                    .audit_of_submission(&row.id)?
                    .into_iter()
                    .filter(|r| r.tenant_id == reader.tenant && in_span(&r.at))
                    .map(Raw::Audit)
                    .collect();
                entries.extend(
                    c.events(&reader.tenant, &row.id)?
                        .into_iter()
                        .filter(|e| in_span(&e.at))
                        .map(Raw::Case),
                );
                (both(row.arrival_number.clone()), entries, Some(row.id))
            }
            AuditSubject::Staff(id) => {
                let member = staff
                    .iter()
                    .find(|r| &r.id == id && in_scope(reader, r))
                    .ok_or(AppError::NotFound)?;
                span.before = before.clone();
                let most = i64::try_from(size + 1).unwrap_or(i64::MAX);
                let mut entries: Vec<Raw> = c
                    .audit_of_clerk(&reader.tenant, id, &span, most)?
                    .into_iter()
                    .map(Raw::Audit)
                    .collect();
                entries.extend(
                    c.case_actions_of_clerk(&reader.tenant, id, &span, most)?
                        .into_iter()
                        .map(Raw::Case),
                );
                let subject = both(format!("{} ({})", member.display_name, member.login));
                (subject, entries, None)
            }
        };
        let (entries, more) = newest_page(entries, before.as_ref(), size);
        let next = more.then(|| entries.last().map(cursor)).flatten();
        let lines = in_words(c, &reader.tenant, &staff, entries)?;
        Ok((
            AuditTrail {
                subject,
                lines,
                next,
            },
            filing_id,
        ))
    }

    /// Keeps who read (or exported) whose trail.
    fn log_reading(
        &self,
        reader: &Clerk,
        query: &AuditQuery,
        filing: Option<&madoguchi_core::SubmissionId>,
        action: AuditAction,
    ) -> Result<(), AppError> {
        self.app.write(|c| {
            let entry = AuditEntry::new(action);
            let entry = match (&query.subject, filing) {
                (AuditSubject::Staff(id), _) => entry.target_clerk(id),
                (AuditSubject::Filing(_), Some(id)) => entry.submission(id),
                (AuditSubject::Filing(_), None) => entry,
            };
            self.app.audit(c, reader, entry)
        })
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

#[cfg(test)]
mod tests {
    use super::*;

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
