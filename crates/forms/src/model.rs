//! The field model: what pages render and what input conversion and messages rely on. Built
//! once per form version from the schema and the UI hints.

use std::collections::BTreeMap;

use madoguchi_core::Localized;
use madoguchi_i18n::t;
use serde_json::Value;

use crate::definition::Condition;

mod applies;
mod build;
mod checks;

pub use applies::conditions as derived_conditions;

pub use build::build_steps;

/// What kind of input a field is; decides the HTML widget, the normalisation rules and the
/// wording of messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Textarea,
    Katakana,
    /// An account holder's name as the bank prints it (`format: bank-kana`).
    BankKana,
    Email,
    Phone,
    PostalCode,
    /// Year, month and day inputs; stored as an ISO date.
    Date,
    /// Era, year, month and day inputs (和暦); stored as an ISO date.
    WarekiDate,
    Integer,
    /// Whole yen.
    Money,
    /// One of the schema's `enum` values; radios, or a select when `select` is true.
    Choice {
        select: bool,
    },
    /// Any number of the item schema's `enum` values, as checkboxes.
    MultiChoice,
    /// A checkbox that must be ticked (`const: true`).
    Consent,
    /// はい / いいえ.
    YesNo,
    /// A nested object shown as a fieldset (e.g. an address).
    Group,
    /// 個人番号: 12 digits with a check digit; shown masked.
    MyNumber,
    /// 法人番号: 13 digits with a check digit.
    CorporateNumber,
    /// A document to attach (declared; uploading arrives with the resident journey).
    File,
    /// A repeatable group of fields ("add another child"); stored as an array of objects.
    Repeat,
    /// A slot of a bookable resource (`format: booking-slot` with `ui.fields.<f>.booking`):
    /// the days and times offered, as a list; stored as `<resource>/<start>`.
    Booking,
    /// A password another system checks (`"x-secret": true`): a password input, never
    /// stored, shown or sent on.
    Secret,
}

impl FieldKind {
    /// Stable name used in templates and in `docs/forms.md`.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Textarea => "textarea",
            FieldKind::Katakana => "katakana",
            FieldKind::BankKana => "bank-kana",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::PostalCode => "postal-code",
            FieldKind::Date => "date",
            FieldKind::WarekiDate => "wareki-date",
            FieldKind::Integer => "integer",
            FieldKind::Money => "money",
            FieldKind::Choice { select: false } => "radios",
            FieldKind::Choice { select: true } => "select",
            FieldKind::MultiChoice => "checkboxes",
            FieldKind::Consent => "consent",
            FieldKind::YesNo => "yes-no",
            FieldKind::Group => "group",
            FieldKind::MyNumber => "my-number",
            FieldKind::CorporateNumber => "corporate-number",
            FieldKind::File => "file",
            FieldKind::Repeat => "repeat",
            FieldKind::Secret => "secret",
            FieldKind::Booking => "booking",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

#[derive(Clone, Debug)]
pub struct Field {
    /// Dotted path (`applicant_address.city`): the HTML `name`.
    pub name: String,
    /// JSON pointer (`/applicant_address/city`).
    pub pointer: String,
    pub kind: FieldKind,
    pub label: Localized,
    /// Label of the enclosing group, for messages ("申請者住所の市区町村").
    pub group_label: Option<Localized>,
    pub hint: Option<Localized>,
    /// Required whenever the enclosing object is present.
    pub required: bool,
    pub required_when: Option<Localized>,
    pub autocomplete: Option<String>,
    pub options: Vec<ChoiceOption>,
    pub max_length: Option<u64>,
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    /// The schema's `pattern`, if any (the lint wants a message for it).
    pub pattern: Option<String>,
    pub children: Vec<Field>,
    pub errors: BTreeMap<String, Localized>,
    pub show_if: Option<Condition>,
    /// Repeatable groups: the item's name and how many items are allowed.
    pub item_label: Option<Localized>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    /// Postal codes: the address group to fill.
    pub address_field: Option<String>,
    /// Posted text is turned into a number (integer and money fields); `"x-coerce": false`
    /// keeps it as typed.
    pub coerce: bool,
    /// A name or reading that may be written in the Latin alphabet (`ui.fields.<f>.latin_name`).
    pub latin_name: bool,
    /// What the question asks about the person filing (`ui.fields.<f>.meaning`), when the
    /// lint accepted it.
    pub meaning: Option<crate::meaning::Meaning>,
    /// Booking questions: which resource, and the units a booking takes.
    pub booking: Option<crate::booking::BookingUi>,
}

impl Field {
    /// The HTML id of the field's first input, for error-summary links.
    pub fn html_id(&self) -> String {
        format!("f-{}", self.name.replace('.', "-"))
    }

    /// The label used in messages: the group's label joined with the field's.
    pub fn message_label(&self) -> Localized {
        match &self.group_label {
            Some(group) => Localized::from_fn(|lang| {
                t!(
                    lang,
                    forms_label_in_group,
                    group = group.get(lang),
                    label = self.label.get(lang)
                )
            }),
            None => self.label.clone(),
        }
    }

    /// Every leaf field under this one (itself when it is not a group).
    pub fn leaves(&self) -> Vec<&Field> {
        if matches!(self.kind, FieldKind::Group | FieldKind::Repeat) {
            self.children.iter().flat_map(Field::leaves).collect()
        } else {
            vec![self]
        }
    }

    /// The key of this field inside its parent object (the last part of its name).
    pub fn key(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(&self.name)
    }

    /// Item `index` of a repeatable group: the item's fields with names such as
    /// `children.1.name` and pointers such as `/children/1/name`, labelled "子ども2".
    pub fn item(&self, index: usize) -> Field {
        let label = self
            .item_label
            .clone()
            .unwrap_or_else(|| self.label.clone());
        let numbered = Localized::from_fn(|lang| {
            t!(
                lang,
                forms_repeat_item,
                label = label.get(lang),
                number = index + 1
            )
        });
        let mut item = self.clone();
        item.kind = FieldKind::Group;
        item.label = numbered.clone();
        item.name = format!("{}.{index}", self.name);
        item.pointer = format!("{}/{index}", self.pointer);
        item.required = false;
        item.children = self
            .children
            .iter()
            .map(|c| {
                c.rebased(
                    &self.name,
                    &item.name,
                    &self.pointer,
                    &item.pointer,
                    &numbered,
                )
            })
            .collect();
        item
    }

    fn rebased(
        &self,
        from_name: &str,
        to_name: &str,
        from_ptr: &str,
        to_ptr: &str,
        group: &Localized,
    ) -> Field {
        let mut f = self.clone();
        f.name = format!("{to_name}{}", &self.name[from_name.len()..]);
        f.pointer = format!("{to_ptr}{}", &self.pointer[from_ptr.len()..]);
        if self.group_label.is_some() {
            f.group_label = Some(group.clone());
        }
        // A group inside the item: its fields are named by the item and then by it
        // (「お子さん1の希望する施設の第1希望」), not by the item alone.
        let inner = match self.kind {
            FieldKind::Group => Localized::from_fn(|lang| {
                t!(
                    lang,
                    forms_label_in_group,
                    group = group.get(lang),
                    label = self.label.get(lang)
                )
            }),
            _ => group.clone(),
        };
        f.children = self
            .children
            .iter()
            .map(|c| c.rebased(from_name, to_name, from_ptr, to_ptr, &inner))
            .collect();
        f
    }

    pub fn option_label(&self, value: &str) -> Option<&Localized> {
        self.options
            .iter()
            .find(|o| o.value == value)
            .map(|o| &o.label)
    }
}

#[derive(Clone, Debug)]
pub struct Step {
    pub id: String,
    pub title: Localized,
    pub fields: Vec<Field>,
    pub show_if: Option<Condition>,
}

impl Step {
    /// Asked given the answers so far: its own condition holds and at least one of its
    /// questions applies (a step left with none is skipped).
    pub fn is_shown(&self, data: &Value) -> bool {
        self.show_if.as_ref().is_none_or(|c| c.holds(data))
            && self.fields.iter().any(|f| self.asks(f, data))
    }

    /// Whether the step's page shows `field` given the saved answers: always, unless it
    /// depends on an answer of an earlier step that does not pick it. A question that
    /// depends on an answer of this step is shown (under its controlling question), as the
    /// page must work without JavaScript.
    pub fn asks(&self, field: &Field, data: &Value) -> bool {
        field
            .show_if
            .as_ref()
            .is_none_or(|c| self.owns_pointer(&c.field) || c.holds(data))
    }

    /// The question of this step that `field`'s condition depends on, if any: the page
    /// shows `field` under it.
    pub fn controller_of(&self, field: &Field) -> Option<&Field> {
        let on = &field.show_if.as_ref()?.field;
        self.fields.iter().find(|f| &f.pointer == on)
    }

    /// Whether an error at `pointer` belongs to this step.
    pub fn owns_pointer(&self, pointer: &str) -> bool {
        self.fields
            .iter()
            .any(|f| pointer == f.pointer || pointer.starts_with(&format!("{}/", f.pointer)))
    }
}

/// Why a schema and its UI hints do not make a usable field model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelProblem {
    /// JSON pointer inside the definition document.
    pub at: String,
    pub message: Localized,
}
