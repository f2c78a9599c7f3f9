//! Building the field model from a definition's schema and UI hints.

use madoguchi_core::Localized;
use serde_json::Value;

use super::{ChoiceOption, Field, FieldKind, ModelProblem, Step};
use crate::definition::{FieldUi, UiSpec, Widget};
use crate::meaning::Meaning;
use crate::registry::{COERCE, SECRET, json_type};

/// Builds the steps. Problems are collected, not returned at the first one, so the lint can
/// report them all.
pub fn build_steps(schema: &Value, ui: &UiSpec) -> (Vec<Step>, Vec<ModelProblem>) {
    let mut problems = Vec::new();
    let mut steps = Vec::new();
    let required = required_names(schema);
    let past = past_dates(schema);
    for (si, step) in ui.steps.iter().enumerate() {
        let mut fields = Vec::new();
        for (fi, name) in step.fields.iter().enumerate() {
            let at = format!("/ui/steps/{si}/fields/{fi}");
            let Some(prop) = property(schema, schema, name) else {
                problems.push(ModelProblem {
                    at,
                    message: lint_text!(forms_lint_step_unknown_field, name = name.as_str()),
                });
                continue;
            };
            let Some(field_ui) = ui.fields.get(name) else {
                problems.push(ModelProblem {
                    at: format!("/ui/fields/{name}"),
                    message: lint_text!(forms_lint_no_label, name = name.as_str()),
                });
                continue;
            };
            let ctx = Ctx {
                root: schema,
                parent: resolve(schema, schema),
                ui_at: format!("/ui/fields/{name}"),
                past_dates: &past,
                window_at: format!("/{name}"),
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
                    message: lint_text!(forms_lint_not_on_step, name = name.as_str()),
                });
            }
        }
    }
    super::checks::check_unrendered(schema, schema, "/schema", &mut problems);
    super::applies::derive(schema, &mut steps);
    super::applies::hidden_when_required(schema, &steps, &mut problems);
    (steps, problems)
}

pub(super) struct Ctx<'a> {
    pub(super) root: &'a Value,
    /// The object schema the field is a property of.
    pub(super) parent: &'a Value,
    pub(super) ui_at: String,
    /// Fields of past dates, as `x-date-window` names them ([`past_dates`]).
    pub(super) past_dates: &'a [String],
    /// This field's pointer as `x-date-window` writes it (`/children/*/birth_date`).
    pub(super) window_at: String,
}

/// The date fields that hold past dates: those the root's `x-date-window` bounds by the
/// filing day or earlier (`"not_after": "today"`, or `{"days": n}`, `{"months": n}` or
/// `{"years": n}` with n ≤ 0) — birth dates,
/// events that happened. They are asked as 和暦 or 西暦 ([`FieldKind::WarekiDate`]), the way
/// people read such dates off their documents; dates still to come stay 西暦 inputs.
fn past_dates(schema: &Value) -> Vec<String> {
    let Some(Value::Array(windows)) = schema.get("x-date-window") else {
        return Vec::new();
    };
    windows
        .iter()
        // A warning says nothing of what the date can be.
        .filter(|w| w.get("severity").and_then(Value::as_str) != Some("warning"))
        .filter(|w| match w.get("not_after") {
            Some(Value::String(s)) => s == "today",
            // Counted from another date, the end says nothing about the filing day.
            Some(end) if end.get("field").is_some() => false,
            Some(end) => ["days", "months", "years"]
                .iter()
                .find_map(|unit| end.get(*unit))
                .and_then(Value::as_i64)
                .is_some_and(|n| n <= 0),
            None => false,
        })
        .filter_map(|w| w.get("field").and_then(Value::as_str).map(str::to_string))
        .collect()
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
pub(super) fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
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
    let kind = match infer_kind(schema, ui) {
        // A past date without a widget of its own is asked as 和暦 or 西暦.
        Some(FieldKind::Date) if ui.widget.is_none() && ctx.past_dates.contains(&ctx.window_at) => {
            FieldKind::WarekiDate
        }
        Some(k) => k,
        None => {
            problems.push(ModelProblem {
                at: ctx.ui_at.clone(),
                message: lint_text!(forms_lint_kind_unknown, name = name),
            });
            FieldKind::Text
        }
    };
    if ui.label.ja.trim().is_empty() || ui.label.en.trim().is_empty() {
        problems.push(ModelProblem {
            at: format!("{}/label", ctx.ui_at),
            message: lint_text!(forms_lint_label_languages, name = name),
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
                message: lint_text!(forms_lint_option_no_label, value = value, name = name),
            }),
        }
    }
    super::checks::check_error_keys(ctx, name, schema, ui, &kind, problems);
    if ui.latin_name && !matches!(kind, FieldKind::Text | FieldKind::Katakana) {
        problems.push(ModelProblem {
            at: format!("{}/latin_name", ctx.ui_at),
            message: lint_text!(forms_lint_latin_name_kind, field = name),
        });
    }
    let meaning = ui.meaning.as_deref().and_then(|code| {
        let at = format!("{}/meaning", ctx.ui_at);
        let Some(meaning) = Meaning::parse(code) else {
            problems.push(ModelProblem {
                at,
                message: lint_text!(
                    forms_lint_meaning_unknown,
                    field = name,
                    meaning = code,
                    meanings = crate::meaning::codes()
                ),
            });
            return None;
        };
        if name.contains('.') {
            problems.push(ModelProblem {
                at,
                message: lint_text!(forms_lint_meaning_nested, field = name, meaning = code),
            });
            return None;
        }
        Some(meaning)
    });
    let coerce = schema.get(COERCE) != Some(&Value::Bool(false));
    if !coerce && matches!(json_type_of(schema), Some("integer" | "number")) {
        problems.push(ModelProblem {
            at: format!("{}/{COERCE}", ctx.ui_at),
            message: lint_text!(forms_lint_coerce_number, field = name),
        });
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
        super::checks::check_unrendered(ctx.root, schema, &ctx.ui_at, problems);
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
                    message: lint_text!(
                        forms_lint_order_unknown,
                        name = name,
                        child = child.as_str()
                    ),
                });
                continue;
            };
            let Some(child_ui) = ui.fields.get(&child) else {
                problems.push(ModelProblem {
                    at: child_at,
                    message: lint_text!(forms_lint_no_label, name = format!("{name}.{child}")),
                });
                continue;
            };
            let child_ctx = Ctx {
                root: ctx.root,
                parent: resolve(ctx.root, schema),
                ui_at: child_at,
                past_dates: ctx.past_dates,
                window_at: match kind {
                    FieldKind::Repeat => format!("{}/*/{child}", ctx.window_at),
                    _ => format!("{}/{child}", ctx.window_at),
                },
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
        coerce,
        latin_name: ui.latin_name,
        meaning,
        booking: ui.booking.clone(),
    }
}

fn object_items(schema: &Value, key: &str) -> Option<u64> {
    schema.get(key).and_then(Value::as_u64)
}

/// The schema's `type`; without one, the type its `enum` or `const` values share (the lint
/// refuses values of mixed types).
pub(super) fn json_type_of(schema: &Value) -> Option<&'static str> {
    const TYPES: [&str; 7] = [
        "string", "integer", "number", "boolean", "object", "array", "null",
    ];
    if let Some(ty) = schema.get("type") {
        return ty
            .as_str()
            .and_then(|t| TYPES.into_iter().find(|k| *k == t));
    }
    let values: Vec<&Value> = match (schema.get("enum"), schema.get("const")) {
        (Some(Value::Array(values)), _) => values.iter().collect(),
        (None, Some(value)) => vec![value],
        _ => return None,
    };
    let first = json_type(values.first()?);
    values
        .iter()
        .all(|v| json_type(v) == first)
        .then_some(first)
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
    let ty = json_type_of(schema);
    let format = schema.get("format").and_then(Value::as_str);
    Some(match (ty, format) {
        (Some("string"), _) if schema.get(SECRET) == Some(&Value::Bool(true)) => FieldKind::Secret,
        (Some("string"), Some("booking-slot")) => FieldKind::Booking,
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
