//! Bodies of the departments' routes (with a department's token): their procedures'
//! working copies, publications and versions, and their filings' status.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::{Problem, Text};

/// Where a procedure stands.
#[derive(Serialize, ToSchema, Debug, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum PublicationStatus {
    Draft,
    Published,
    Retired,
}

impl From<madoguchi_app::authoring::ProcedureStatus> for PublicationStatus {
    fn from(s: madoguchi_app::authoring::ProcedureStatus) -> Self {
        match s {
            madoguchi_app::authoring::ProcedureStatus::Draft => PublicationStatus::Draft,
            madoguchi_app::authoring::ProcedureStatus::Published => PublicationStatus::Published,
            madoguchi_app::authoring::ProcedureStatus::Retired => PublicationStatus::Retired,
        }
    }
}

/// The token's department's procedures.
#[derive(Serialize, ToSchema, Debug)]
pub struct DepartmentProcedureList {
    pub procedures: Vec<DepartmentProcedure>,
}

#[derive(Serialize, ToSchema, Debug)]
pub struct DepartmentProcedure {
    pub id: String,
    pub title: Text,
    pub status: PublicationStatus,
    /// The latest published version's number.
    pub version: Option<i32>,
    /// A working copy exists (changes not yet published).
    pub has_draft: bool,
}

/// A new working copy: from the template, a copy of `from`, or the definition given.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(default)]
pub struct NewProcedure {
    #[schema(example = "pet-registration")]
    pub id: String,
    /// The procedure to copy.
    pub from: Option<String>,
    /// The definition (the format of `forms/<id>/form.json`).
    #[schema(value_type = Option<Object>)]
    pub definition: Option<Value>,
}

/// A working copy, checked by the lint.
#[derive(Serialize, ToSchema, Debug)]
pub struct Draft {
    pub id: String,
    pub status: PublicationStatus,
    /// The definition as saved (a string when it is not JSON).
    #[schema(value_type = Object)]
    pub definition: Value,
    /// No problems, and the definition loads: it can be published.
    pub publishable: bool,
    pub problems: Vec<Problem>,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: DateTime<Utc>,
}

/// Publishing: the change note (without one: 422 `reason_required`).
#[derive(Deserialize, ToSchema, Debug, Default)]
pub struct PublishRequest {
    #[schema(required = true)]
    pub note: Option<String>,
}

/// Retiring: why the procedure closes to new filings (without one: 422
/// `reason_required`).
#[derive(Deserialize, ToSchema, Debug, Default)]
pub struct RetireRequest {
    #[schema(required = true)]
    pub reason: Option<String>,
}

/// What publishing did: published (with the version), or sent for the department's
/// supervisor's approval.
#[derive(Serialize, ToSchema, Debug)]
pub struct Publication {
    #[schema(example = "published")]
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// Closed to new filings.
#[derive(Serialize, ToSchema, Debug)]
pub struct Retired {
    /// Always `retired`.
    pub status: String,
}

/// The published versions, newest first.
#[derive(Serialize, ToSchema, Debug)]
pub struct VersionList {
    pub versions: Vec<Version>,
}

#[derive(Serialize, ToSchema, Debug)]
pub struct Version {
    pub number: i32,
    pub content_hash: String,
    #[schema(value_type = String, format = DateTime)]
    pub published_at: DateTime<Utc>,
    pub change_note: String,
}

/// One of the department's filings: its status and history.
#[derive(Serialize, ToSchema, Debug)]
pub struct SubmissionStatus {
    pub id: String,
    pub arrival_number: String,
    pub procedure_id: String,
    /// arrived, in_review, correction_requested, approved, rejected, withdrawn…
    pub state: String,
    #[schema(value_type = String, format = DateTime)]
    pub arrived_at: DateTime<Utc>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<NaiveDate>,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: DateTime<Utc>,
    pub history: Vec<StatusEvent>,
}

#[derive(Serialize, ToSchema, Debug)]
pub struct StatusEvent {
    #[schema(value_type = String, format = DateTime)]
    pub at: DateTime<Utc>,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
}

impl From<madoguchi_app::integrations::SubmissionStatus> for SubmissionStatus {
    fn from(s: madoguchi_app::integrations::SubmissionStatus) -> Self {
        SubmissionStatus {
            id: s.id.into_inner(),
            arrival_number: s.arrival_number,
            procedure_id: s.procedure_id.into_inner(),
            state: s.state.code().to_string(),
            arrived_at: s.arrived_at,
            due_on: s.due_on,
            updated_at: s.updated_at,
            history: s
                .history
                .into_iter()
                .map(|e| StatusEvent {
                    at: e.at,
                    action: e.action.code().to_string(),
                    from_state: e.from_state.map(|st| st.code().to_string()),
                    to_state: e.to_state.code().to_string(),
                })
                .collect(),
        }
    }
}
