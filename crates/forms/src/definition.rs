//! The definition document a department writes: `forms/<id>/form.json`.

use std::collections::BTreeMap;

use madoguchi_core::Localized;
use madoguchi_i18n::msg;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One procedure's whole definition.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDefinition {
    /// Free text for authors (why a field differs from the catalogue, …).
    #[serde(rename = "$comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub procedure: ProcedureSettings,
    /// JSON Schema 2020-12 for the submitted data.
    pub schema: Value,
    pub ui: UiSpec,
}

/// How strongly the applicant's identity must be established online.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdentityLevel {
    /// Contact details only.
    None,
    /// A registered account.
    Account,
    /// A JPKI signature with the My Number Card.
    MyNumberCard,
}

impl IdentityLevel {
    pub fn label(self) -> Localized {
        let text = match self {
            IdentityLevel::None => msg::forms_identity_none::text,
            IdentityLevel::Account => msg::forms_identity_account::text,
            IdentityLevel::MyNumberCard => msg::forms_identity_my_number_card::text,
        };
        Localized::from_fn(|lang| text(lang).to_owned())
    }
}

/// Settings of the procedure (who handles it, what it costs, how long it takes…).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureSettings {
    /// Kebab-case id; also the folder name and the URL segment.
    pub id: String,
    pub title: Localized,
    /// One or two sentences: what the procedure is for.
    pub summary: Localized,
    pub category: String,
    /// Code of the owning department (所管課), e.g. `koseki-jumin`.
    pub department: String,
    pub identity: IdentityLevel,
    /// 標準処理期間 in business days; `null` when decided in rounds.
    pub processing_days: Option<u32>,
    pub legal_basis: String,
    /// Where the legal basis, the fee, its refund rule and the processing period come
    /// from, or what the city still has to confirm (see `provenance`).
    #[serde(default, skip_serializing_if = "crate::provenance::Facts::is_empty")]
    pub facts: crate::provenance::Facts,
    /// Retention category (保存年限) of the filed data, e.g. `5y`.
    pub retention: String,
    pub who_may_file: Localized,
    pub what_to_prepare: Vec<Localized>,
    pub result_delivery: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeRule>,
    /// JSON pointer of the field holding the applicant's email for notices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email_field: Option<String>,
    /// JSON pointer of the field holding the applicant's name (shown in queues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant_name_field: Option<String>,
    /// Ward-office procedures: which answer decides the ward the filing goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<Routing>,
    /// Words people search with besides the title (readings in hiragana, common names).
    #[serde(default, skip_serializing_if = "Keywords::is_empty")]
    pub keywords: Keywords,
    /// Whether the procedure is completed online, or prepared online and finished at a
    /// counter (when the law needs a visit or an original document).
    #[serde(default)]
    pub filing: Filing,
    /// Why and how the counter visit happens, for `pre-entry` procedures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filing_note: Option<Localized>,
    /// The purpose of use of the personal data (利用目的) shown before the first step;
    /// absent means the default built from the department and the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose_of_use: Option<Localized>,
    /// Which appeal-rights notice (教示, 行政不服審査法 第82条 and 行政事件訴訟法 第46条)
    /// decisions on this procedure carry: a key of the municipality's `appeal_notices`.
    /// Absent means `mayor` (審査請求 to the mayor, 取消訴訟 against the city).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appeal: Option<String>,
    /// Answers this procedure takes over from another prepared in the same counter visit
    /// (the moving-in bundle): the other procedure's id → (this form's pointer → the other
    /// form's pointer). Both fields must be of the same kind (the lint checks).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reuse: BTreeMap<String, BTreeMap<String, String>>,
    /// Which answers make two filings the same, and whether a second is flagged or void
    /// (`registry/duplicates.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<DuplicateRule>,
}

impl ProcedureSettings {
    /// The key of the appeal-rights notice for decisions on this procedure.
    pub fn appeal_key(&self) -> &str {
        self.appeal.as_deref().unwrap_or(DEFAULT_APPEAL)
    }
}

/// The notice decisions carry when a procedure names none.
pub const DEFAULT_APPEAL: &str = "mayor";

/// What makes two filings of the procedure the same.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateRule {
    /// Pointers of the answers that name the applicant (`["/my_number"]`); left out, the
    /// questions whose meaning is the applicant's name and birth date
    /// (`applicant.name`, `applicant.birth_date`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applicant: Vec<String>,
    /// Pointers of the answers that must also be the same (`["/child_name",
    /// "/child_birth_date"]`); none: one open filing per applicant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
    /// `flagged` (default): the resident is warned and may go on, the clerk sees both
    /// filings linked. `void`: a second filing while the first is open is refused (the law
    /// or the city's rule says a second one has no effect; cite it in `$comment`).
    #[serde(default)]
    pub second_filing: SecondFiling,
    /// Why these answers, and for `void` the rule that makes a second filing void.
    #[serde(rename = "$comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// What happens to a second filing while the first is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecondFiling {
    #[default]
    Flagged,
    Void,
}

/// Routing to a ward office.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routing {
    /// Pointer of the postal-code field whose address decides the ward.
    pub ward_from: String,
    /// Pointer of a choice question naming the office the resident will go to (a visit
    /// booked at a ward office): its answer must be an office of the routed ward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_field: Option<String>,
    /// Each option of `office_field` → the code of the ward it serves, as the
    /// municipality's wards carry it (`04101`); a ward can have several offices.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub offices: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keywords {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ja: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
}

impl Keywords {
    pub fn is_empty(&self) -> bool {
        self.ja.is_empty() && self.en.is_empty()
    }
}

/// How a procedure is completed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Filing {
    /// Filed online: the filing legally arrives when submitted.
    #[default]
    Online,
    /// Prepared online (事前入力) and completed at a counter visit, where the prepared
    /// answers are read from the arrival number (書かない窓口).
    PreEntry,
}

/// A declarative fee, computed in whole yen. In order: the unit price (`unit_yen`, or by an
/// answer with `price_by`), times the quantity (an integer field, or the number of items
/// of an array); or, with `per_item`, the sum over a repeatable group's items. Free when an
/// exemption matches. A fee the form cannot compute (rates per facility, by weight, set when
/// the permit is given) is stated in words instead (`amount_text`), and never charged here.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeRule {
    /// 0 with `amount_text`, or when `price_by` or `per_item` gives the prices.
    #[serde(default)]
    pub unit_yen: i64,
    /// What the resident is told about the amount when the form cannot compute it
    /// (「料金は駐輪場ごとに異なり、管理事務所でお支払いください」): shown on the procedure's
    /// page and the check page instead of an amount. Nothing is computed or charged here, so
    /// the timing is one paid elsewhere (`at_counter`, `bought_elsewhere`,
    /// `information_only`), and there is no price, quantity or exemption beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_text: Option<Localized>,
    /// The unit price depends on an answer (戸籍謄本 450円, 除籍謄本 750円).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_by: Option<PriceBy>,
    /// JSON pointer of an integer field (copies), or of an array (one unit per item); 1
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_field: Option<String>,
    /// The quantity is the product of two or more answers (fiscal years × properties ×
    /// copies), each an integer or a list counted by its items, shown each with its unit:
    /// 「300円 × 2年度 × 3通」.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantity_factors: Vec<QuantityFactor>,
    /// Each item of a repeatable group has its own price (bulky waste by kind of item).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_item: Option<PerItem>,
    /// What one unit is, for "300円 × 2通" (left out with `amount_text`).
    #[serde(default)]
    pub unit: Localized,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exemptions: Vec<FeeExemption>,
    /// How and when the fee is paid; always stated (no default).
    pub timing: FeeTiming,
    /// Refunded in full when the filing is rejected or withdrawn (the ordinance allows
    /// 還付); `false`: a paid fee is kept (既納の手数料は還付しない) — except that a
    /// payment arriving after the filing was already rejected or withdrawn is always
    /// returned. Always stated, with its source in `facts.refund`.
    pub refundable: bool,
    /// Paid online only when this answer says so (the form asks how the resident will pay:
    /// online, a postal money order, at the counter…); otherwise always online at `timing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_if: Option<FieldEquals>,
}

/// One answer the fee's quantity is multiplied by, and what one of it is (年度, 通).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityFactor {
    pub field: String,
    pub unit: Localized,
}

/// An answer that must equal a value.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldEquals {
    pub field: String,
    pub equals: Value,
}

pub use madoguchi_core::FeeTiming;

/// A price per value of a choice field.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBy {
    pub field: String,
    pub prices: BTreeMap<String, i64>,
}

/// Prices over the items of a repeatable group: each item's `price_key` answer picks its
/// price from `prices`; `quantity_key` (an integer in the item) multiplies it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerItem {
    pub field: String,
    pub price_key: String,
    pub prices: BTreeMap<String, i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_key: Option<String>,
}

/// No fee when the field at `field` equals `equals`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeExemption {
    pub field: String,
    pub equals: Value,
    pub reason: Localized,
}

/// Presentation of the form: steps and per-field hints.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiSpec {
    pub steps: Vec<StepSpec>,
    pub fields: BTreeMap<String, FieldUi>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    pub id: String,
    pub title: Localized,
    /// Top-level property names, in display order.
    pub fields: Vec<String>,
    /// The step is asked only when this holds (on answers of earlier steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

/// A test on one answer, used to show a field or a step only when it applies.
/// Every test given must hold. For a multiple-choice answer, `equals` and `in` mean "one of
/// the chosen values is", `not_in` "none of the chosen values is".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// JSON pointer of the answer (`/relation_to_subject`).
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<Value>,
    #[serde(default, rename = "in", skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_in: Vec<Value>,
    /// `true`: holds when the question was answered; `false`: when it was not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<bool>,
}

impl Condition {
    pub fn holds(&self, data: &Value) -> bool {
        let answer = data.pointer(&self.field).filter(|v| !v.is_null());
        let values: Vec<&Value> = match answer {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(v) => vec![v],
            None => vec![],
        };
        let answered_ok = self.answered.is_none_or(|want| want != values.is_empty());
        let equals_ok = self.equals.as_ref().is_none_or(|e| values.contains(&e));
        let in_ok = self.one_of.is_empty() || values.iter().any(|v| self.one_of.contains(v));
        let not_in_ok = values.iter().all(|v| !self.not_in.contains(v))
            && (self.not_in.is_empty() || !values.is_empty());
        answered_ok && equals_ok && in_ok && not_in_ok
    }
}

/// How a field looks. Its kind comes from the schema (type, format, enum) unless
/// `widget` says otherwise.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldUi {
    pub label: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Localized>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub widget: Option<Widget>,
    /// HTML `autocomplete` token (`name`, `bday`, `postal-code`, `tel`, `email`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<String>,
    /// Labels of `enum` values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, Localized>,
    /// Sub-fields of an object field, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, FieldUi>,
    /// When the field is required only in some cases: the condition in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<Localized>,
    /// Messages for keywords whose generic message cannot say how to fix (e.g. `pattern`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, Localized>,
    /// The field is asked only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Repeatable groups: what one item is called ("子ども" → 子ども1, 子ども2 …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_label: Option<Localized>,
    /// Postal codes: the address group (top-level name) that "look up address" fills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_field: Option<String>,
    /// A person's name (a text field) or its reading (a katakana field) that may also be
    /// written in the Latin alphabet, as the resident register records foreign residents'
    /// names (see `names.rs`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub latin_name: bool,
    /// What the question asks about the person filing (`applicant.name`, …; see
    /// `meaning.rs`): answers known about a signed-in resident fill it in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// A booking question's resource and units (see `booking.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking: Option<crate::booking::BookingUi>,
}

/// Widgets that cannot be inferred from the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Widget {
    Text,
    Textarea,
    Radios,
    Select,
    Checkboxes,
    Consent,
    Date,
    /// 和暦: era, year (元年 allowed), month, day; stored as an ISO date.
    WarekiDate,
    Money,
    /// An uploaded document (declared now; uploading arrives with the resident journey).
    File,
}
