//! The field model: what pages render and what input conversion and messages rely on. Built
//! once per form version from the schema and the UI hints.

use std::collections::BTreeMap;

use madoguchi_core::Localized;
use madoguchi_i18n::t;
use serde_json::Value;

use crate::definition::{Condition, FieldUi, UiSpec, Widget};

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
        f.children = self
            .children
            .iter()
            .map(|c| c.rebased(from_name, to_name, from_ptr, to_ptr, group))
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
    pub fn is_shown(&self, data: &Value) -> bool {
        self.show_if.as_ref().is_none_or(|c| c.holds(data))
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
    pub message: String,
}

/// Builds the steps. Problems are collected, not returned at the first one, so the lint can
/// report them all.
pub fn build_steps(schema: &Value, ui: &UiSpec) -> (Vec<Step>, Vec<ModelProblem>) {
    let mut problems = Vec::new();
    let mut steps = Vec::new();
    let required = required_names(schema);
    for (si, step) in ui.steps.iter().enumerate() {
        let mut fields = Vec::new();
        for (fi, name) in step.fields.iter().enumerate() {
            let at = format!("/ui/steps/{si}/fields/{fi}");
            let Some(prop) = property(schema, schema, name) else {
                problems.push(ModelProblem {
                    at,
                    message: format!("step lists `{name}`, which the schema does not define"),
                });
                continue;
            };
            let Some(field_ui) = ui.fields.get(name) else {
                problems.push(ModelProblem {
                    at: format!("/ui/fields/{name}"),
                    message: format!("field `{name}` has no label"),
                });
                continue;
            };
            let ctx = Ctx {
                root: schema,
                ui_at: format!("/ui/fields/{name}"),
            };
            let field = build_field(
                &ctx,
                name,
                &format!("/{name}"),
                prop,
                field_ui,
                required.contains(name),
                None,
                &mut problems,
            );
            fields.push(field);
        }
        steps.push(Step {
            id: step.id.clone(),
            title: step.title.clone(),
            fields,
            show_if: step.show_if.clone(),
        });
    }
    // Every schema property must be placed on a step, or residents could never fill it.
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for name in props.keys() {
            if !ui.steps.iter().any(|s| s.fields.contains(name)) {
                problems.push(ModelProblem {
                    at: format!("/schema/properties/{name}"),
                    message: format!("property `{name}` is not placed on any step"),
                });
            }
        }
    }
    (steps, problems)
}

struct Ctx<'a> {
    root: &'a Value,
    ui_at: String,
}

fn required_names(schema: &Value) -> Vec<String> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Follows a local `$ref` (`#/$defs/...`) once; remote references are refused by the lint.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) if r.starts_with("#/") => root.pointer(&r[1..]).unwrap_or(schema),
        _ => schema,
    }
}

fn property<'a>(root: &'a Value, object: &'a Value, name: &str) -> Option<&'a Value> {
    let object = resolve(root, object);
    object
        .get("properties")?
        .get(name)
        .map(|p| resolve(root, p))
}

#[allow(clippy::too_many_arguments)]
fn build_field(
    ctx: &Ctx<'_>,
    name: &str,
    pointer: &str,
    schema: &Value,
    ui: &FieldUi,
    required: bool,
    group_label: Option<&Localized>,
    problems: &mut Vec<ModelProblem>,
) -> Field {
    let kind = infer_kind(schema, ui);
    let kind = match kind {
        Some(k) => k,
        None => {
            problems.push(ModelProblem {
                at: ctx.ui_at.clone(),
                message: format!("cannot tell what kind of input `{name}` is from its schema"),
            });
            FieldKind::Text
        }
    };
    if ui.label.ja.trim().is_empty() || ui.label.en.trim().is_empty() {
        problems.push(ModelProblem {
            at: format!("{}/label", ctx.ui_at),
            message: format!("`{name}` needs a label in both Japanese and English"),
        });
    }
    let enum_values: Vec<String> = match kind {
        FieldKind::MultiChoice => schema.get("items").map(|i| resolve(ctx.root, i)),
        _ => Some(schema),
    }
    .and_then(|s| s.get("enum"))
    .and_then(Value::as_array)
    .map(|values| {
        values
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default();
    let mut options = Vec::new();
    for value in enum_values {
        match ui.options.get(&value) {
            Some(label) => options.push(ChoiceOption {
                value,
                label: label.clone(),
            }),
            None => problems.push(ModelProblem {
                at: format!("{}/options", ctx.ui_at),
                message: format!("option `{value}` of `{name}` has no label"),
            }),
        }
    }
    let mut children = Vec::new();
    // A repeatable group's item fields come from `items`.
    let object_schema = match kind {
        FieldKind::Repeat => schema
            .get("items")
            .map(|i| resolve(ctx.root, i))
            .unwrap_or(schema),
        _ => schema,
    };
    if matches!(kind, FieldKind::Group | FieldKind::Repeat) {
        let schema = object_schema;
        let required_children = required_names(schema);
        let order: Vec<String> = if ui.order.is_empty() {
            schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default()
        } else {
            ui.order.clone()
        };
        for child in order {
            let child_at = format!("{}/fields/{child}", ctx.ui_at);
            let Some(child_schema) = property(ctx.root, schema, &child) else {
                problems.push(ModelProblem {
                    at: format!("{}/order", ctx.ui_at),
                    message: format!("`{name}` orders `{child}`, which its schema does not define"),
                });
                continue;
            };
            let Some(child_ui) = ui.fields.get(&child) else {
                problems.push(ModelProblem {
                    at: child_at,
                    message: format!("field `{name}.{child}` has no label"),
                });
                continue;
            };
            let child_ctx = Ctx {
                root: ctx.root,
                ui_at: child_at,
            };
            children.push(build_field(
                &child_ctx,
                &format!("{name}.{child}"),
                &format!("{pointer}/{child}"),
                child_schema,
                child_ui,
                required_children.contains(&child),
                Some(&ui.label),
                problems,
            ));
        }
    }
    Field {
        name: name.to_string(),
        pointer: pointer.to_string(),
        kind,
        label: ui.label.clone(),
        group_label: group_label.cloned(),
        hint: ui.hint.clone(),
        required,
        required_when: ui.required_when.clone(),
        autocomplete: ui.autocomplete.clone(),
        options,
        max_length: schema.get("maxLength").and_then(Value::as_u64),
        minimum: schema.get("minimum").and_then(Value::as_i64),
        maximum: schema.get("maximum").and_then(Value::as_i64),
        pattern: schema
            .get("pattern")
            .and_then(Value::as_str)
            .map(str::to_string),
        children,
        errors: ui.errors.clone(),
        show_if: ui.show_if.clone(),
        item_label: ui.item_label.clone(),
        min_items: object_items(schema, "minItems"),
        max_items: object_items(schema, "maxItems"),
        address_field: ui.address_field.clone(),
    }
}

fn object_items(schema: &Value, key: &str) -> Option<u64> {
    schema.get(key).and_then(Value::as_u64)
}

fn infer_kind(schema: &Value, ui: &FieldUi) -> Option<FieldKind> {
    if let Some(widget) = ui.widget {
        return Some(match widget {
            Widget::Text => FieldKind::Text,
            Widget::Textarea => FieldKind::Textarea,
            Widget::Radios => FieldKind::Choice { select: false },
            Widget::Select => FieldKind::Choice { select: true },
            Widget::Checkboxes => FieldKind::MultiChoice,
            Widget::Consent => FieldKind::Consent,
            Widget::Date => FieldKind::Date,
            Widget::WarekiDate => FieldKind::WarekiDate,
            Widget::Money => FieldKind::Money,
            Widget::File => FieldKind::File,
        });
    }
    let ty = schema.get("type").and_then(Value::as_str);
    let format = schema.get("format").and_then(Value::as_str);
    Some(match (ty, format) {
        (Some("string"), Some("katakana")) => FieldKind::Katakana,
        (Some("string"), Some("bank-kana")) => FieldKind::BankKana,
        (Some("string"), Some("email")) => FieldKind::Email,
        (Some("string"), Some("jp-phone")) => FieldKind::Phone,
        (Some("string"), Some("jp-postal-code")) => FieldKind::PostalCode,
        (Some("string"), Some("date")) => FieldKind::Date,
        (Some("string"), Some("my-number")) => FieldKind::MyNumber,
        (Some("string"), Some("corporate-number")) => FieldKind::CorporateNumber,
        (Some("string"), _) if schema.get("enum").is_some() => FieldKind::Choice { select: false },
        (Some("string"), _) => FieldKind::Text,
        (Some("integer"), _) => FieldKind::Integer,
        (Some("boolean"), _) if schema.get("const") == Some(&Value::Bool(true)) => {
            FieldKind::Consent
        }
        (Some("boolean"), _) => FieldKind::YesNo,
        (Some("array"), _) if schema.pointer("/items/enum").is_some() => FieldKind::MultiChoice,
        (Some("array"), _)
            if schema.pointer("/items/type") == Some(&Value::from("object"))
                || schema.pointer("/items/$ref").is_some() =>
        {
            FieldKind::Repeat
        }
        (Some("object"), _) => FieldKind::Group,
        _ => return None,
    })
}
