//! The kinds of question the structured editor offers, and how each is written in a
//! definition: the JSON Schema the forms crate infers the kind from (`type`, `format`,
//! `enum`, `const`) and the `ui` hints it needs (`widget`, `autocomplete`, `options`).
//! Questions of other kinds (groups other than an address, My Number…) are shown
//! and kept as they are; they are written in the JSON editor. An address is a group the
//! editor writes whole: prefecture, city, town, block and building, each with its label and
//! the browser's autofill token.

use madoguchi_core::Localized;
use serde_json::{Map, Value, json};

mod choices;

pub use choices::{ChoiceOption, options_text};
pub(super) use choices::{OptionsMistake, options_of, parse_options, write_options};

/// A kind of question the editor can create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    Text,
    Textarea,
    Katakana,
    Email,
    Phone,
    PostalCode,
    Date,
    /// A date asked as 和暦 (令和・平成・昭和…) or 西暦, which ever the resident picks:
    /// for a day residents know by its era year (a birth date on an old certificate, a
    /// day still to come written 「令和9年…」).
    WarekiDate,
    Integer,
    Money,
    Radios,
    Select,
    Checkboxes,
    YesNo,
    Consent,
    /// A document the applicant attaches (PDF or image), checked and kept with the filing.
    File,
    /// A Japanese address in five parts (都道府県, 市区町村, 町名・丁目, 番地・号, 建物名).
    Address,
    /// Questions asked once for each of several things (each child, each household
    /// member): the resident adds as many items as apply, up to ten. Its questions are
    /// added to it in the editor (`StructureEdit::AddQuestion` with `step: "item:<key>"`).
    Repeat,
}

/// The parts of an address question: key, label, the browser's autofill token, whether it
/// must be answered, its longest answer.
const ADDRESS_PARTS: [(&str, madoguchi_i18n::Phrase, &str, bool, u32); 5] = {
    use madoguchi_i18n::msg;
    [
        (
            "prefecture",
            msg::authoring_address_prefecture::text,
            "address-level1",
            true,
            10,
        ),
        (
            "city",
            msg::authoring_address_city::text,
            "address-level2",
            true,
            40,
        ),
        (
            "town",
            msg::authoring_address_town::text,
            "address-line1",
            true,
            60,
        ),
        (
            "block",
            msg::authoring_address_block::text,
            "address-line2",
            true,
            40,
        ),
        (
            "building",
            msg::authoring_address_building::text,
            "address-line3",
            false,
            80,
        ),
    ]
};

/// Whether a group's schema is an address as the editor writes it (the catalogue's
/// `$defs/address` is one): the five parts and nothing else.
fn is_address(schema: &Value) -> bool {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return false;
    };
    props.len() == ADDRESS_PARTS.len()
        && ADDRESS_PARTS
            .iter()
            .all(|(key, ..)| props.get(*key).is_some_and(|p| p["type"] == "string"))
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 18] = [
        QuestionKind::Text,
        QuestionKind::Textarea,
        QuestionKind::Katakana,
        QuestionKind::Email,
        QuestionKind::Phone,
        QuestionKind::PostalCode,
        QuestionKind::Date,
        QuestionKind::WarekiDate,
        QuestionKind::Integer,
        QuestionKind::Money,
        QuestionKind::Radios,
        QuestionKind::Select,
        QuestionKind::Checkboxes,
        QuestionKind::YesNo,
        QuestionKind::Consent,
        QuestionKind::File,
        QuestionKind::Address,
        QuestionKind::Repeat,
    ];

    /// The forms crate's name of the kind (`FieldKind::name`), used in forms and docs.
    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::Textarea => "textarea",
            QuestionKind::Katakana => "katakana",
            QuestionKind::Email => "email",
            QuestionKind::Phone => "phone",
            QuestionKind::PostalCode => "postal-code",
            QuestionKind::Date => "date",
            QuestionKind::WarekiDate => "wareki-date",
            QuestionKind::Integer => "integer",
            QuestionKind::Money => "money",
            QuestionKind::Radios => "radios",
            QuestionKind::Select => "select",
            QuestionKind::Checkboxes => "checkboxes",
            QuestionKind::YesNo => "yes-no",
            QuestionKind::Consent => "consent",
            QuestionKind::File => "file",
            QuestionKind::Address => "address",
            QuestionKind::Repeat => "repeat",
        }
    }

    pub fn from_code(code: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> Localized {
        use madoguchi_i18n::msg;
        crate::kernel::words::localized(match self {
            QuestionKind::Text => msg::authoring_kind_text::text,
            QuestionKind::Textarea => msg::authoring_kind_textarea::text,
            QuestionKind::Katakana => msg::authoring_kind_katakana::text,
            QuestionKind::Email => msg::authoring_kind_email::text,
            QuestionKind::Phone => msg::authoring_kind_phone::text,
            QuestionKind::PostalCode => msg::authoring_kind_postal_code::text,
            QuestionKind::Date => msg::authoring_kind_date::text,
            QuestionKind::WarekiDate => msg::authoring_kind_wareki_date::text,
            QuestionKind::Integer => msg::authoring_kind_integer::text,
            QuestionKind::Money => msg::authoring_kind_money::text,
            QuestionKind::Radios => msg::authoring_kind_radios::text,
            QuestionKind::Select => msg::authoring_kind_select::text,
            QuestionKind::Checkboxes => msg::authoring_kind_checkboxes::text,
            QuestionKind::YesNo => msg::authoring_kind_yes_no::text,
            QuestionKind::Consent => msg::authoring_kind_consent::text,
            QuestionKind::File => msg::authoring_kind_file::text,
            QuestionKind::Address => msg::authoring_kind_address::text,
            QuestionKind::Repeat => msg::authoring_kind_repeat::text,
        })
    }

    /// The kind can be a question of a repeatable group's items (a file is attached to the
    /// filing, not to an item; a repeatable group in an item is not offered).
    pub fn can_be_in_item(self) -> bool {
        !matches!(self, QuestionKind::File | QuestionKind::Repeat)
    }

    /// The kind is answered with a day (a past one gets its window: `past_dates`).
    pub fn is_date(self) -> bool {
        matches!(self, QuestionKind::Date | QuestionKind::WarekiDate)
    }

    /// The kind is answered by picking from listed choices.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            QuestionKind::Radios | QuestionKind::Select | QuestionKind::Checkboxes
        )
    }

    /// Another question can be shown only when this one has a given answer.
    pub fn can_decide_conditions(self) -> bool {
        self.has_options() || self == QuestionKind::YesNo
    }

    /// The schema property for a new question of this kind.
    pub(super) fn schema(self, options: &[ChoiceOption]) -> Value {
        let values: Vec<Value> = options
            .iter()
            .map(|o| Value::from(o.value.as_str()))
            .collect();
        match self {
            QuestionKind::Text => json!({ "type": "string", "maxLength": 200 }),
            QuestionKind::Textarea => json!({ "type": "string", "maxLength": 2000 }),
            QuestionKind::Katakana => {
                json!({ "type": "string", "format": "katakana", "maxLength": 100 })
            }
            QuestionKind::Email => json!({ "type": "string", "format": "email", "maxLength": 254 }),
            QuestionKind::Phone => json!({ "type": "string", "format": "jp-phone" }),
            QuestionKind::PostalCode => json!({ "type": "string", "format": "jp-postal-code" }),
            QuestionKind::Date | QuestionKind::WarekiDate => {
                json!({ "type": "string", "format": "date" })
            }
            QuestionKind::Integer | QuestionKind::Money => {
                json!({ "type": "integer", "minimum": 0 })
            }
            QuestionKind::Radios | QuestionKind::Select => {
                json!({ "type": "string", "enum": values })
            }
            QuestionKind::Checkboxes => json!({
                "type": "array", "items": { "type": "string", "enum": values }, "uniqueItems": true
            }),
            QuestionKind::YesNo => json!({ "type": "boolean" }),
            QuestionKind::Consent => json!({ "type": "boolean", "const": true }),
            // The answer is the attachment's name; the file itself is kept beside the filing.
            QuestionKind::File => json!({ "type": "string", "maxLength": 200 }),
            QuestionKind::Repeat => json!({
                "type": "array", "maxItems": 10,
                "items": { "type": "object", "additionalProperties": false, "properties": {} }
            }),
            QuestionKind::Address => {
                let properties: Map<String, Value> = ADDRESS_PARTS
                    .iter()
                    .map(|(key, _, _, required, max)| {
                        let min = u32::from(*required);
                        let part = json!({ "type": "string", "minLength": min, "maxLength": max });
                        ((*key).to_string(), part)
                    })
                    .collect();
                let required: Vec<&str> =
                    ADDRESS_PARTS.iter().filter(|p| p.3).map(|p| p.0).collect();
                json!({
                    "type": "object", "additionalProperties": false,
                    "properties": properties, "required": required
                })
            }
        }
    }

    /// The `ui` entries (`order`, `fields`) of the parts of a group the kind is written as:
    /// an address's five, in the order residents meet them; none yet for a repeatable group.
    pub(super) fn parts(self) -> Option<(Value, Value)> {
        if self == QuestionKind::Repeat {
            // Its questions are added to it one by one.
            return Some((json!([]), json!({})));
        }
        if self != QuestionKind::Address {
            return None;
        }
        let order: Vec<&str> = ADDRESS_PARTS.iter().map(|p| p.0).collect();
        let fields: Map<String, Value> = ADDRESS_PARTS
            .iter()
            .map(|(key, label, autocomplete, ..)| {
                let label = crate::kernel::words::localized(*label);
                let ui = json!({
                    "label": { "ja": label.ja, "en": label.en },
                    "autocomplete": autocomplete,
                });
                ((*key).to_string(), ui)
            })
            .collect();
        Some((json!(order), Value::Object(fields)))
    }

    /// The `ui` hints the kind needs beyond its schema.
    pub(super) fn widget(self) -> Option<&'static str> {
        match self {
            QuestionKind::Textarea => Some("textarea"),
            QuestionKind::Money => Some("money"),
            QuestionKind::Select => Some("select"),
            QuestionKind::File => Some("file"),
            QuestionKind::WarekiDate => Some("wareki-date"),
            _ => None,
        }
    }

    pub(super) fn autocomplete(self) -> Option<&'static str> {
        match self {
            QuestionKind::Email => Some("email"),
            QuestionKind::Phone => Some("tel"),
            QuestionKind::PostalCode => Some("postal-code"),
            _ => None,
        }
    }
}

/// What kind a question in a definition is: one the editor offers, or another one (by the
/// forms crate's name) that is kept as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindOf {
    Editable(QuestionKind),
    Other(&'static str),
}

impl KindOf {
    pub fn code(self) -> &'static str {
        match self {
            KindOf::Editable(k) => k.code(),
            KindOf::Other(name) => name,
        }
    }

    pub fn editable(self) -> Option<QuestionKind> {
        match self {
            KindOf::Editable(k) => Some(k),
            KindOf::Other(_) => None,
        }
    }
}

/// Follows a local `$ref` once, as the forms crate does.
pub(super) fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) if r.starts_with("#/") => root.pointer(&r[1..]).unwrap_or(schema),
        _ => schema,
    }
}

/// The kind of the question whose schema property is `prop` (in the schema `root`) and
/// whose `ui.fields` entry is `ui`: the same inference as the forms crate's field model.
pub fn kind_of(root: &Value, prop: &Value, ui: &Value) -> KindOf {
    use KindOf::{Editable, Other};
    let schema = resolve(root, prop);
    match ui.get("widget").and_then(Value::as_str) {
        Some("text") => return Editable(QuestionKind::Text),
        Some("textarea") => return Editable(QuestionKind::Textarea),
        Some("radios") => return Editable(QuestionKind::Radios),
        Some("select") => return Editable(QuestionKind::Select),
        Some("checkboxes") => return Editable(QuestionKind::Checkboxes),
        Some("consent") => return Editable(QuestionKind::Consent),
        Some("date") => return Editable(QuestionKind::Date),
        Some("money") => return Editable(QuestionKind::Money),
        Some("wareki-date") => return Editable(QuestionKind::WarekiDate),
        Some("file") => return Editable(QuestionKind::File),
        _ => {}
    }
    let ty = schema.get("type").and_then(Value::as_str);
    let format = schema.get("format").and_then(Value::as_str);
    match (ty, format) {
        (Some("string"), Some("katakana")) => Editable(QuestionKind::Katakana),
        (Some("string"), Some("bank-kana")) => Other("bank-kana"),
        (Some("string"), Some("email")) => Editable(QuestionKind::Email),
        (Some("string"), Some("jp-phone")) => Editable(QuestionKind::Phone),
        (Some("string"), Some("jp-postal-code")) => Editable(QuestionKind::PostalCode),
        (Some("string"), Some("date")) => Editable(QuestionKind::Date),
        (Some("string"), Some("my-number")) => Other("my-number"),
        (Some("string"), Some("corporate-number")) => Other("corporate-number"),
        (Some("string"), _) if schema.get("enum").is_some() => Editable(QuestionKind::Radios),
        (Some("string"), _) => Editable(QuestionKind::Text),
        (Some("integer"), _) => Editable(QuestionKind::Integer),
        (Some("boolean"), _) if schema.get("const") == Some(&Value::Bool(true)) => {
            Editable(QuestionKind::Consent)
        }
        (Some("boolean"), _) => Editable(QuestionKind::YesNo),
        (Some("array"), _) if resolve(root, &schema["items"]).get("enum").is_some() => {
            Editable(QuestionKind::Checkboxes)
        }
        (Some("array"), _) if resolve(root, &schema["items"])["type"] == "object" => {
            Editable(QuestionKind::Repeat)
        }
        (Some("array"), _) => Other("repeat"),
        (Some("object"), _) if is_address(schema) => Editable(QuestionKind::Address),
        (Some("object"), _) => Other("group"),
        _ => Other("unknown"),
    }
}

/// Writes a new question's `ui.fields` entry (label, hint, and what its kind needs).
pub(super) fn write_kind_hints(
    ui: &mut Map<String, Value>,
    kind: QuestionKind,
    options: &[ChoiceOption],
) {
    ui.remove("widget");
    ui.remove("autocomplete");
    ui.remove("options");
    ui.remove("order");
    ui.remove("fields");
    if let Some((order, fields)) = kind.parts() {
        ui.insert("order".into(), order);
        ui.insert("fields".into(), fields);
    }
    if let Some(w) = kind.widget() {
        ui.insert("widget".into(), w.into());
    }
    if let Some(a) = kind.autocomplete() {
        ui.insert("autocomplete".into(), a.into());
    }
    write_options(ui, options);
}

/// A key as one segment of a JSON pointer.
pub(super) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_as_itself() {
        for kind in QuestionKind::ALL {
            let options = [ChoiceOption {
                value: "a".into(),
                label: Localized::new("あ", "A"),
            }];
            let mut ui = Map::new();
            write_kind_hints(
                &mut ui,
                kind,
                if kind.has_options() { &options } else { &[] },
            );
            let ui = Value::Object(ui);
            let schema = kind.schema(&options);
            assert_eq!(
                kind_of(&Value::Null, &schema, &ui),
                KindOf::Editable(kind),
                "{kind:?}"
            );
            assert_eq!(QuestionKind::from_code(kind.code()), Some(kind));
        }
    }
}
