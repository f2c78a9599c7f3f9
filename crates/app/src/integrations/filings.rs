//! A department's filings for its own systems (issue 44 item 7): listed in the order they
//! last changed, page by page with a cursor, then only what changed since; one filing read
//! in the documented layout (`submission::layout`) with its files and payments; a file's
//! bytes. Only the token's department's filings; every read of answers or a file audited
//! under the token's author with the token named.

use chrono::{DateTime, Utc};
use madoguchi_core::{
    AttachmentId, AuditAction, ErrorCode, PaymentChannel, ProcedureId, SubmissionId,
    SubmissionState,
};
use madoguchi_records::{QueueFilter, RecordsRead, SubmissionRecord, Timestamp};
use madoguchi_workflow::State;
use serde_json::{Value, json};

use super::Integrations;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::{require_author, require_city};
use crate::kernel::{AppError, Clerk, FileDownload};

/// The most filings a page lists (and the default).
pub const MAX_PAGE: i64 = 100;

/// What the department's system asks for, as sent.
#[derive(Clone, Debug, Default)]
pub struct FilingsQuery {
    pub procedure: Option<String>,
    pub state: Option<String>,
    /// Only filings changed at or after this time.
    pub changed_since: Option<DateTime<Utc>>,
    /// The `next_cursor` of the page before.
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

/// One filing in the list: where it stands (no answers).
#[derive(Clone, Debug, serde::Serialize)]
pub struct FilingSummary {
    pub id: SubmissionId,
    pub arrival_number: String,
    pub procedure_id: ProcedureId,
    pub state: State,
    pub arrived_at: DateTime<Utc>,
    pub due_on: Option<chrono::NaiveDate>,
    pub updated_at: DateTime<Utc>,
}

/// A page of the department's filings, in the order they last changed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FilingsPage {
    pub filings: Vec<FilingSummary>,
    /// Ask again with this for the next page; on the last page, keep it to ask later for
    /// what changed since (a filing that changes again comes again).
    pub next_cursor: Option<String>,
}

/// `{updated_at in microseconds}.{id}`: where a page ended.
fn cursor_of(row: &SubmissionRecord) -> String {
    format!("{}.{}", row.updated_at.and_utc().timestamp_micros(), row.id)
}

fn parse_cursor(text: &str) -> Option<(Timestamp, SubmissionId)> {
    let (micros, id) = text.split_once('.')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    let fine = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    fine.then(|| (at, SubmissionId::new(id)))
}

impl Integrations<'_> {
    /// A page of the department's filings (`selection_invalid` for a cursor, state or
    /// limit it cannot read; an unknown procedure simply matches nothing).
    pub fn department_filings(
        &self,
        clerk: &Clerk,
        q: &FilingsQuery,
    ) -> Result<FilingsPage, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let invalid = || AppError::Refused(ErrorCode::SelectionInvalid);
        let limit = q.limit.unwrap_or(MAX_PAGE);
        if !(1..=MAX_PAGE).contains(&limit) {
            return Err(invalid());
        }
        let mut filter = QueueFilter::of_department(self.city.clone(), clerk.department.clone());
        if let Some(state) = q.state.as_deref().filter(|s| !s.is_empty()) {
            filter.states = vec![state.parse::<SubmissionState>().map_err(|_| invalid())?];
        }
        if let Some(p) = q.procedure.as_deref().filter(|p| !p.is_empty()) {
            if p.len() > 64 {
                return Err(invalid());
            }
            filter.procedure_id = Some(ProcedureId::new(p));
        }
        let after = match (&q.cursor, q.changed_since) {
            (Some(c), _) if !c.is_empty() => Some(parse_cursor(c).ok_or_else(invalid)?),
            // At or after the time: before every id of that instant.
            (_, Some(since)) => Some((since.naive_utc(), SubmissionId::new(""))),
            _ => None,
        };
        let rows = self
            .app
            .read(|c| Ok(c.changed_filings(&filter, after.as_ref(), limit)?))?;
        let next_cursor = rows.last().map(cursor_of).or_else(|| q.cursor.clone());
        Ok(FilingsPage {
            filings: rows
                .into_iter()
                .map(|r| FilingSummary {
                    id: r.id,
                    arrival_number: r.arrival_number,
                    procedure_id: r.procedure_id,
                    state: r.state,
                    arrived_at: r.arrived_at.and_utc(),
                    due_on: r.due_on,
                    updated_at: r.updated_at.and_utc(),
                })
                .collect(),
            next_cursor,
        })
    }

    /// One of the department's filings (by id or arrival number) in the layout, with its
    /// files (each with the route that serves it) and payments; the read is audited.
    pub fn department_filing(&self, clerk: &Clerk, id: &str) -> Result<Value, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        self.app.write(|c| {
            let row = self.departments_filing(c, clerk, id)?;
            let mut record = self.app.filing_record(c, &row)?;
            let files: Vec<Value> = c
                .attachments_of(&row.id)?
                .into_iter()
                .map(|a| {
                    json!({
                        "id": a.id,
                        "question": a.field,
                        "file_name": a.file_name,
                        "content_type": a.content_type,
                        "size_bytes": a.size_bytes,
                        "sha256": a.sha256,
                        "sent_with_correction": a.correction_id.is_some(),
                        "href": format!("/api/v1/department/submissions/{}/files/{}", row.id, a.id),
                    })
                })
                .collect();
            let payments: Vec<Value> = c
                .payments_of(&row.id)?
                .into_iter()
                .map(|p| {
                    json!({
                        "timing": p.timing,
                        "amount_yen": p.amount_yen,
                        "status": p.status,
                        "channel": p.channel,
                        "method": p.method,
                        "paid_at": p.paid_at.map(|t| t.and_utc()),
                        "amount_refunded_yen": p.amount_refunded_yen,
                        "receipt_number": (p.channel == PaymentChannel::Counter)
                            .then_some(p.receipt_number)
                            .flatten(),
                    })
                })
                .collect();
            record["files"] = Value::Array(files);
            record["payments"] = Value::Array(payments);
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::View)
                    .submission(&row.id)
                    .detail(json!({ "answers": true }).to_string()),
            )?;
            Ok(record)
        })
    }

    /// A file of one of the department's filings; the read is audited.
    pub fn department_file(
        &self,
        clerk: &Clerk,
        id: &str,
        file: &AttachmentId,
    ) -> Result<FileDownload, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let record = self.app.write(|c| {
            let row = self.departments_filing(c, clerk, id)?;
            self.app.audited_attachment(c, clerk, &row, file)
        })?;
        self.app.hand_out(record)
    }

    /// The filing by id or arrival number, if the token's department's ("not found"
    /// otherwise).
    pub(super) fn departments_filing(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
        id: &str,
    ) -> Result<SubmissionRecord, AppError> {
        if id.is_empty() || id.len() > 64 {
            return Err(AppError::NotFound);
        }
        match c.find_submission(self.city, &SubmissionId::new(id))? {
            Some(row) => Some(row),
            None => c.find_submission_by_arrival_number(self.city, id)?,
        }
        .filter(|r| r.department_id == clerk.department)
        .ok_or(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_and_nothing_else_does() {
        let at = DateTime::from_timestamp_micros(1_780_000_000_123_456).unwrap();
        let row_at = at.naive_utc();
        let (t, id) = parse_cursor(&format!("{}.0190-abc", at.timestamp_micros())).unwrap();
        assert_eq!((t, id.as_str()), (row_at, "0190-abc"));
        for bad in ["", ".", "12", "x.abc", "12.", "12.a b", "12.<x>"] {
            assert!(parse_cursor(bad).is_none(), "{bad}");
        }
    }
}
