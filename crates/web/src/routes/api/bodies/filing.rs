//! Bodies of the residents' routes: procedures, postal codes, validation and filing.

use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

use super::{FieldProblem, Text};

/// How strongly the applicant's identity must be established online.
#[derive(Serialize, ToSchema, Debug, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub enum Identity {
    /// Contact details only: can be filed through the API.
    None,
    /// A registered account (file on the pages).
    Account,
    /// The My Number Card (file on the pages).
    MyNumberCard,
}

impl From<madoguchi_forms::IdentityLevel> for Identity {
    fn from(level: madoguchi_forms::IdentityLevel) -> Self {
        match level {
            madoguchi_forms::IdentityLevel::None => Identity::None,
            madoguchi_forms::IdentityLevel::Account => Identity::Account,
            madoguchi_forms::IdentityLevel::MyNumberCard => Identity::MyNumberCard,
        }
    }
}

/// Every procedure open for filing.
#[derive(Serialize, ToSchema, Debug)]
pub struct ProcedureList {
    pub procedures: Vec<ProcedureSummary>,
}

#[derive(Serialize, ToSchema, Debug)]
pub struct ProcedureSummary {
    #[schema(example = "juminhyo-copy")]
    pub id: String,
    pub title: Text,
    /// The department's code.
    #[schema(example = "koseki-jumin")]
    pub department: String,
    pub identity: Identity,
    /// The content hash of the version open for filing.
    pub version: String,
}

/// A procedure's definition as open for filing.
#[derive(Serialize, ToSchema, Debug)]
pub struct ProcedureDocument {
    pub id: String,
    pub version: String,
    /// The definition (the format of `forms/<id>/form.json`): its steps, questions, the
    /// JSON Schema of the answers, fee and settings, with the sources of its facts. The
    /// authors' notes of what the city has yet to confirm (`to_confirm`) are left out;
    /// `version` is the hash of the definition as written.
    #[schema(value_type = Object)]
    pub definition: Value,
}

/// Every town a postal code means (some codes cover several).
#[derive(Serialize, ToSchema, Debug)]
pub struct PostalCodeAnswer {
    #[schema(example = "980-0811")]
    pub postal_code: String,
    pub addresses: Vec<Address>,
}

#[derive(Serialize, ToSchema, Debug)]
pub struct Address {
    #[schema(example = "980-0811")]
    pub postal_code: String,
    #[schema(example = "宮城県")]
    pub prefecture: String,
    #[schema(example = "仙台市青葉区")]
    pub city: String,
    #[schema(example = "一番町")]
    pub town: String,
    pub prefecture_kana: String,
    pub city_kana: String,
    pub town_kana: String,
    /// 5-digit local-government code; in a designated city it names the ward (how filings
    /// are routed).
    #[schema(example = "04101")]
    pub local_gov_code: String,
}

impl From<madoguchi_app::kernel::Address> for Address {
    fn from(a: madoguchi_app::kernel::Address) -> Self {
        Address {
            postal_code: a.postal_code,
            prefecture: a.prefecture,
            city: a.city,
            town: a.town,
            prefecture_kana: a.prefecture_kana,
            city_kana: a.city_kana,
            town_kana: a.town_kana,
            local_gov_code: a.local_gov_code,
        }
    }
}

/// The answers to a procedure's questions, by question key (see [`Answers::DESCRIPTION`]).
#[derive(Serialize, Debug)]
pub struct Answers(pub Map<String, Value>);

impl Answers {
    const DESCRIPTION: &str = "The answers to a procedure's questions, by question key, as \
        the JSON Schema in its definition describes them (GET /procedures/{id}, \
        definition.schema): text as strings (cleaned up as on the pages: full-width digits, \
        kana, dashes), whole yen and counts as numbers (numbers sent as text are cleaned \
        into numbers), dates as ISO (2026-11-22), an address as an object of its parts, a \
        repeated group as an array of objects. At most max_form_bytes (64 KiB by default).";

    /// Answers to `juminhyo-copy` (a copy of the residence certificate).
    fn example() -> Value {
        serde_json::json!({
            "applicant_name": "仙台 太郎",
            "applicant_name_kana": "せんだい たろう",
            "applicant_birth_date": "1985-04-01",
            "applicant_postal_code": "980-0011",
            "applicant_address": {
                "prefecture": "宮城県", "city": "仙台市青葉区", "town": "一番町", "block": "1-1"
            },
            "applicant_phone": "022-214-1111",
            "copies": 1
        })
    }
}

// Written by hand: the answers' shape is each procedure's own JSON Schema, so the API
// describes it as an object by question key, with an example, rather than any object.
impl PartialSchema for Answers {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(Self::DESCRIPTION))
            .additional_properties(Some(AdditionalProperties::FreeForm(true)))
            .examples([Self::example()])
            .into()
    }
}

impl ToSchema for Answers {}

/// The answers are valid: as they would be stored, and the fee.
#[derive(Serialize, ToSchema, Debug)]
pub struct Validated {
    /// Always `true`.
    pub valid: bool,
    /// The answers cleaned up (kana, digits, postal codes) as they would be stored.
    #[schema(value_type = Object)]
    pub normalized: Value,
    pub fee: Option<Fee>,
    /// Answers that do not stop the filing but that the office will ask about (a
    /// notification past its legal period), each naming its field; empty when none.
    pub warnings: Vec<FieldProblem>,
}

/// What filing these answers costs.
#[derive(Serialize, ToSchema, Debug)]
pub struct Fee {
    pub total_yen: i64,
    /// The unit price; `null` when items have prices of their own.
    pub unit_yen: Option<i64>,
    pub quantity: i64,
    pub text: Text,
}

/// A file a department's system uploaded, to be named by a filing's answers.
#[derive(Serialize, ToSchema, Debug)]
pub struct Upload {
    /// What the answer to the file question names (`"funeral_proof": "<id>"`).
    pub id: String,
    /// The file question's JSON pointer.
    pub field: String,
    /// The file's name, cleaned (no folders).
    pub file_name: String,
    /// Its kind, recognised from its content.
    pub content_type: String,
    pub size_bytes: i64,
}

/// The receipt of a filing.
#[derive(Serialize, ToSchema, Debug)]
pub struct Receipt {
    /// 到達番号.
    pub arrival_number: String,
    #[schema(format = DateTime)]
    pub arrived_at: String,
    /// The same moment in Japan Standard Time.
    #[schema(format = DateTime)]
    pub arrived_at_jst: String,
    pub procedure_id: String,
    #[schema(example = "arrived")]
    pub state: String,
    pub fee_yen: i64,
    /// The standard processing period's last day.
    #[schema(format = Date)]
    pub due_on: Option<String>,
    /// SHA-256 of the stored answers.
    pub data_sha256: String,
    /// A fee paid online: the applicant is emailed the link to pay.
    pub payment: Option<PaymentDue>,
}

#[derive(Serialize, ToSchema, Debug)]
pub struct PaymentDue {
    pub amount_yen: i64,
    /// `due`, or the payment's status.
    #[schema(example = "due")]
    pub status: String,
}
