//! The JSON API's request and response bodies. The OpenAPI document is generated from
//! these types (`openapi.rs`), so what the API sends and what its document says are one
//! thing: a new field here is a new field there.

mod bookings;
mod department;
mod filing;
mod filings;

use madoguchi_core::Localized;
use serde::Serialize;
use utoipa::{ToResponse, ToSchema};

pub use bookings::{ResourceStored, SlotBody, SlotList, SlotQuery};
pub use department::{
    DepartmentProcedure, DepartmentProcedureList, Draft, NewProcedure, Publication, PublishRequest,
    RetireRequest, Retired, SubmissionStatus, Version, VersionList,
};
pub use filing::{
    Answers, Fee, PaymentDue, PostalCodeAnswer, ProcedureDocument, ProcedureList, ProcedureSummary,
    Receipt, Upload, Validated,
};
pub use filings::{DepartmentFiling, FilingList};

/// A text in Japanese and English.
#[derive(Serialize, ToSchema, Debug, Clone)]
#[schema(as = Localized)]
pub struct Text {
    pub ja: String,
    pub en: String,
}

impl From<&Localized> for Text {
    fn from(t: &Localized) -> Self {
        Text {
            ja: t.ja.clone(),
            en: t.en.clone(),
        }
    }
}

/// The one envelope of every failure that is not about the answers.
#[derive(Serialize, ToSchema, ToResponse, Debug)]
#[schema(as = Error)]
#[response(description = "The one error envelope")]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Serialize, ToSchema, Debug)]
pub struct ErrorBody {
    /// A stable snake_case code (see docs/API.md).
    #[schema(example = "not_found")]
    pub code: String,
    pub message: Text,
    /// With `definition_invalid`: what the lint found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<Problem>>,
}

/// A problem the lint found in a procedure's definition.
#[derive(Serialize, ToSchema, Debug, Clone)]
pub struct Problem {
    /// JSON pointer into the definition.
    pub pointer: String,
    /// What is wrong and how to fix it, in every language (as every message of the API).
    pub message: Text,
}

/// Problems with the answers: one per field, in page order, at most the first 100.
#[derive(Serialize, ToSchema, ToResponse, Debug)]
#[response(
    description = "Problems with the answers, one per field, in page order: at most the first 100, with the count of all"
)]
pub struct Invalid {
    /// Always `false`.
    pub valid: bool,
    /// The first problems (at most 100), one per field, in page order.
    pub errors: Vec<FieldProblem>,
    /// How many problems there are in all; more than `errors` holds when over 100.
    #[schema(example = 1)]
    pub total: usize,
}

/// A problem with one answer.
#[derive(Serialize, ToSchema, Debug, Clone)]
pub struct FieldProblem {
    /// JSON pointer of the field (`/children/1/birth_date`).
    #[schema(example = "/applicant_phone")]
    pub pointer: String,
    /// One of the form engine's codes (docs/forms.md).
    #[schema(example = "not_phone")]
    pub code: String,
    pub message: Text,
}
