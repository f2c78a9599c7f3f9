//! Bodies of the department's filings: the list by change and one filing in the documented
//! layout (`madoguchi_app::submission::layout`, version 1).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// A page of the department's filings, in the order they last changed.
#[derive(Serialize, ToSchema, Debug)]
pub struct FilingList {
    pub filings: Vec<FilingLine>,
    /// Ask again with `cursor` set to this for the next page. On the last page it is where
    /// the list ended: keep it and ask later for what changed since (a filing that changes
    /// again comes again). Absent only when nothing was ever listed.
    pub next_cursor: Option<String>,
}

/// One filing in the list (no answers).
#[derive(Serialize, ToSchema, Debug)]
pub struct FilingLine {
    pub id: String,
    pub arrival_number: String,
    pub procedure_id: String,
    pub state: String,
    #[schema(value_type = String, format = DateTime)]
    pub arrived_at: DateTime<Utc>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<NaiveDate>,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: DateTime<Utc>,
}

impl From<madoguchi_app::integrations::FilingsPage> for FilingList {
    fn from(p: madoguchi_app::integrations::FilingsPage) -> Self {
        FilingList {
            filings: p
                .filings
                .into_iter()
                .map(|f| FilingLine {
                    id: f.id.into_inner(),
                    arrival_number: f.arrival_number,
                    procedure_id: f.procedure_id.into_inner(),
                    state: f.state.code().to_string(),
                    arrived_at: f.arrived_at,
                    due_on: f.due_on,
                    updated_at: f.updated_at,
                })
                .collect(),
            next_cursor: p.next_cursor,
        }
    }
}

/// One filing for a core system (基幹システム), layout 1: a field is only ever added within a
/// layout; a rename or removal is a new layout number. Times are Japan time (RFC 3339).
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct DepartmentFiling {
    /// The layout's version (1).
    pub layout: u32,
    pub id: String,
    pub arrival_number: String,
    pub procedure_id: String,
    pub arrived_at: String,
    pub state: String,
    pub due_on: Option<String>,
    pub decided_at: Option<String>,
    /// Business days the statutory clock had run at the decision.
    pub business_days_used: Option<i32>,
    /// Corrections asked for.
    pub corrections: i32,
    pub ward_code: Option<String>,
    /// `online`, `pre-entry` or `counter`.
    pub filing_mode: String,
    /// Entered by a clerk for the resident (書かない窓口).
    pub entered_by_staff: bool,
    pub fee_yen: i64,
    /// The published version of the procedure it was filed with.
    pub form_version: String,
    /// SHA-256 of the answers as filed.
    pub data_sha256: String,
    /// The answers by question key, My Numbers masked (`********9018`).
    #[schema(value_type = Object)]
    pub answers: Value,
    pub files: Vec<FilingFile>,
    pub payments: Vec<FilingPayment>,
}

/// A file of the filing; its bytes at `href` (with the same token).
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct FilingFile {
    pub id: String,
    /// The JSON pointer of the file question.
    pub question: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    /// Sent in answer to a correction request.
    pub sent_with_correction: bool,
    pub href: String,
}

/// A payment of the filing's fee.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct FilingPayment {
    /// `on_submission` or `after_approval`.
    pub timing: String,
    pub amount_yen: i64,
    /// `due`, `created`, `pending`, `paid`, `expired`, `failed`, `refunded`.
    pub status: String,
    /// `online` or `counter` (窓口収納).
    pub channel: String,
    /// `card`, `konbini`, `qr`, `cash`.
    pub method: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub paid_at: Option<DateTime<Utc>>,
    pub amount_refunded_yen: i64,
    /// The counter till's receipt number (counter payments).
    pub receipt_number: Option<String>,
}
