//! Keywords a schema may use. A misspelt keyword (`maxLenght`, `minimun`) is not an error
//! to a JSON Schema validator: it is ignored, and the rule it meant is never enforced. So
//! the lint refuses every keyword it does not know, in every subschema, and suggests the
//! nearest known one.

use serde_json::Value;

use crate::rules;

use super::*;

/// The keywords of JSON Schema 2020-12 (core, applicator, unevaluated, validation,
/// meta-data, format and content vocabularies), and `definitions`, the older name of
/// `$defs` that local references may still point into.
pub const SCHEMA_KEYWORDS: [&str; 58] = [
    "$schema",
    "$id",
    "$ref",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "$defs",
    "definitions",
    "prefixItems",
    "items",
    "contains",
    "additionalProperties",
    "properties",
    "patternProperties",
    "dependentSchemas",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "unevaluatedItems",
    "unevaluatedProperties",
    "type",
    "const",
    "enum",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
    "title",
    "description",
    "default",
    "deprecated",
    "examples",
    "readOnly",
    "writeOnly",
    "format",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];

/// Settings of the form engine carried in the schema (not validation rules).
pub const ENGINE_KEYWORDS: [&str; 3] = [COERCE, SECRET, EXTERNAL_CHECK];

/// `"x-coerce": false`: posted text is not turned into a number for this field.
pub const COERCE: &str = "x-coerce";

/// `"x-secret": true`: a text answer that is never stored, shown or sent on (a password
/// another system checks; see `registry::external_check`).
pub const SECRET: &str = "x-secret";

/// On the root schema: the answers another system checks before the form goes on
/// (`registry::external_check`).
pub const EXTERNAL_CHECK: &str = "x-external-check";

/// Keywords whose value is a map from names to schemas.
const SCHEMA_MAPS: [&str; 5] = [
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];
/// Keywords whose value is one schema.
const SCHEMA_VALUES: [&str; 10] = [
    "items",
    "contains",
    "additionalProperties",
    "propertyNames",
    "if",
    "then",
    "else",
    "not",
    "unevaluatedItems",
    "unevaluatedProperties",
];
/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: [&str; 4] = ["prefixItems", "allOf", "anyOf", "oneOf"];

/// Every keyword a schema may use: JSON Schema's, the platform's rules
/// (`rules::KEYWORDS`) and the engine's settings.
pub fn known_keywords() -> Vec<&'static str> {
    SCHEMA_KEYWORDS
        .iter()
        .chain(rules::KEYWORDS.iter())
        .chain(ENGINE_KEYWORDS.iter())
        .copied()
        .collect()
}

/// Refuses unknown keywords in `schema` and every subschema under it. `x-` keywords are
/// left to `check_schema_safety`, which names the platform's rules.
pub(super) fn check_keywords(schema: &Value, at: &str, push: &mut impl FnMut(String, Localized)) {
    let Value::Object(map) = schema else {
        return;
    };
    let known = known_keywords();
    for (key, value) in map {
        let here = format!("{at}/{}", escape(key));
        if !key.starts_with("x-") && !known.contains(&key.as_str()) {
            let message = match nearest(key, &known) {
                Some(near) => {
                    lint_text!(forms_lint_unknown_keyword_near, keyword = key, near = near)
                }
                None => lint_text!(forms_lint_unknown_keyword, keyword = key),
            };
            push(here.clone(), message);
        }
        if SCHEMA_MAPS.contains(&key.as_str()) {
            if let Value::Object(named) = value {
                for (name, sub) in named {
                    check_keywords(sub, &format!("{here}/{}", escape(name)), push);
                }
            }
        } else if SCHEMA_VALUES.contains(&key.as_str()) {
            check_keywords(value, &here, push);
        } else if SCHEMA_LISTS.contains(&key.as_str())
            && let Value::Array(items) = value
        {
            for (i, sub) in items.iter().enumerate() {
                check_keywords(sub, &format!("{here}/{i}"), push);
            }
        } else if key == rules::from_date::FROM_DATE
            && let Value::Array(entries) = value
        {
            for (i, entry) in entries.iter().enumerate() {
                if let Some(sub) = entry.get("schema") {
                    check_keywords(sub, &format!("{here}/{i}/schema"), push);
                }
            }
        }
    }
    if let Some(value) = map.get(COERCE)
        && !value.is_boolean()
    {
        push(
            format!("{at}/{COERCE}"),
            lint_text!(forms_lint_coerce_not_bool),
        );
    }
    if let Some(value) = map.get(SECRET)
        && value != &Value::Bool(true)
    {
        push(
            format!("{at}/{SECRET}"),
            lint_text!(forms_lint_secret_not_true),
        );
    }
    check_untyped_values(map, at, push);
}

/// `enum` or `const` without `type`: the type follows from the values when they share one
/// JSON type (the field model infers it); mixed values leave the field's kind unknown.
fn check_untyped_values(
    map: &serde_json::Map<String, Value>,
    at: &str,
    push: &mut impl FnMut(String, Localized),
) {
    if map.contains_key("type") || map.contains_key("$ref") {
        return;
    }
    let values: Vec<&Value> = match (map.get("enum"), map.get("const")) {
        (Some(Value::Array(values)), _) => values.iter().collect(),
        (None, Some(value)) => vec![value],
        _ => return,
    };
    let mut types: Vec<&str> = values.iter().map(|v| json_type(v)).collect();
    types.sort_unstable();
    types.dedup();
    if types.len() > 1 {
        let keyword = if map.contains_key("enum") {
            "enum"
        } else {
            "const"
        };
        push(
            format!("{at}/{keyword}"),
            lint_text!(
                forms_lint_untyped_mixed,
                keyword = keyword,
                types = types.join(", "),
            ),
        );
    }
}

/// The JSON Schema type of a value (`integer` for whole numbers).
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The known word closest to `word`, when it is close enough to be a slip of the keyboard
/// (at most a third of its letters differ, ignoring case).
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    if let Some(same) = known.iter().find(|k| k.to_lowercase() == word) {
        return Some(same);
    }
    known
        .iter()
        .map(|k| (distance(&word, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, with a swap of two neighbours counting as one edit.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// A key the definition format does not have (`"titel"` in `procedure`, `"hnit"` in a
/// field's UI hints) is refused by the format itself, whose words name neither where the
/// key is nor the one meant. From the refusal (`unknown field `k`, expected one of `a`,
/// `b`…`) this finds the object holding the key — one whose other keys are all expected —
/// and says where and, for a slip, which key was meant.
pub(super) fn unknown_setting(definition: &Value, refusal: &str) -> Option<(String, Localized)> {
    let rest = refusal.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let at = holder(definition, "", key, &expected)?;
    let message = match nearest(key, &expected) {
        Some(near) => lint_text!(forms_lint_unknown_setting_near, key = key, near = near),
        None => lint_text!(
            forms_lint_unknown_setting,
            key = key,
            keys = expected.join(", "),
        ),
    };
    Some((format!("{at}/{}", escape(key)), message))
}

/// The pointer of the first object (outside the schema) holding `key` beside expected keys.
fn holder(v: &Value, at: &str, key: &str, expected: &[&str]) -> Option<String> {
    match v {
        Value::Object(map) => {
            if map.contains_key(key)
                && map
                    .keys()
                    .all(|k| k == key || expected.contains(&k.as_str()))
            {
                return Some(at.to_string());
            }
            map.iter()
                .filter(|(k, _)| !(at.is_empty() && *k == "schema"))
                .find_map(|(k, v)| holder(v, &format!("{at}/{}", escape(k)), key, expected))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| holder(v, &format!("{at}/{i}"), key, expected)),
        _ => None,
    }
}

/// JSON pointer escaping of one segment.
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_of_the_keyboard_find_the_keyword_meant() {
        let known = known_keywords();
        for (typo, meant) in [
            ("maxLenght", "maxLength"),
            ("minimun", "minimum"),
            ("requried", "required"),
            ("propertes", "properties"),
            ("MaxLength", "maxLength"),
            ("enums", "enum"),
        ] {
            assert_eq!(nearest(typo, &known), Some(meant), "{typo}");
        }
        for unrelated in ["colour", "widget", "placeholder"] {
            assert_eq!(nearest(unrelated, &known), None, "{unrelated}");
        }
    }
}
