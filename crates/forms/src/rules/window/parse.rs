//! Reading and refusing `x-date-window` rules as written, and the keyword the schema
//! compiler registers.

use std::collections::{HashMap, HashSet};

use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

use super::bound::Step;
use super::{DateWindowRule, KEYWORD, Severity};
use crate::rules::config_error;

fn is_pointer(p: &str) -> bool {
    p.starts_with('/') && !p.ends_with('/') && !p.contains("//")
}

/// A `*` in the other date must stand for the same list item as in the rule's date
/// (`/persons/*/arrival` counted from `/persons/*/birth_date`): another list has no item
/// that goes with this one.
fn same_items(field: &str, other: &str) -> bool {
    let (f, o): (Vec<&str>, Vec<&str>) = (field.split('/').collect(), other.split('/').collect());
    o.iter()
        .enumerate()
        .filter(|(_, s)| **s == "*")
        .all(|(i, _)| f.get(i) == Some(&"*") && f.get(..i) == o.get(..i))
}

pub(super) fn parse(value: &Value) -> Result<Vec<DateWindowRule>, String> {
    let rules: Vec<DateWindowRule> =
        serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    for rule in &rules {
        let field = &rule.field;
        if !is_pointer(field) {
            return Err(format!(
                "`{field}` is not a pointer to a field: write it as `/birth_date` or `/children/*/birth_date`"
            ));
        }
        match (rule.severity, &rule.message) {
            (Severity::Warning, None) => {
                return Err(format!(
                    "the warning on `{field}` needs a `message` ({{\"ja\": …, \"en\": …}}) saying what a date outside the window means for the resident"
                ));
            }
            (Severity::Warning, Some(m)) if m.ja.trim().is_empty() || m.en.trim().is_empty() => {
                return Err(format!(
                    "the warning on `{field}` needs its `message` in Japanese and English"
                ));
            }
            (Severity::Error, Some(_)) => {
                return Err(format!(
                    "the rule on `{field}` refuses, so its `message` would never be shown: the refusal names the window itself (a `message` is for `\"severity\": \"warning\"`)"
                ));
            }
            _ => {}
        }
        for (key, answer) in [("when", &rule.when), ("unless", &rule.unless)] {
            if let Some(a) = answer
                && (!is_pointer(&a.field) || a.field.contains('*'))
            {
                return Err(format!(
                    "`{key}` of the rule on `{field}` names `{}`, which is not a pointer to one answer: write it as `/death_place_type`",
                    a.field
                ));
            }
        }
        let (from, to) = (&rule.not_before, &rule.not_after);
        if from.is_none() && to.is_none() {
            return Err(format!(
                "the rule on `{field}` needs `not_before`, `not_after` or both"
            ));
        }
        for (end, b) in rule.ends() {
            if let Some(problem) = b.problem(end, field) {
                return Err(problem);
            }
            if let Some(other) = b.field() {
                if !is_pointer(other) {
                    return Err(format!(
                        "the rule on `{field}` counts from `{other}`, which is not a pointer to a field"
                    ));
                }
                if !same_items(field, other) {
                    return Err(format!(
                        "the rule on `{field}` counts from `{other}`: a `*` there must stand for the same list item as in `{field}`"
                    ));
                }
            }
        }
        // Ends counted from the same day can be compared; from different days they can
        // only be judged on the answers.
        if let (Some(from), Some(to)) = (from, to)
            && from.field() == to.field()
        {
            match (from.step(), to.step()) {
                (Some(Step::Days(a)), Some(Step::Days(b))) if a > b => {
                    return Err(format!(
                        "the rule on `{field}` has `not_before` later than `not_after`: no day would be accepted"
                    ));
                }
                (Some(Step::Months(a)), Some(Step::Months(b))) if a >= b => {
                    return Err(format!(
                        "the rule on `{field}` has `not_before` no earlier than `not_after` in months: at most one day (and at a month's end none) would be accepted; count such a window in days"
                    ));
                }
                _ => {}
            }
        }
    }
    if let Some(cycle) = cycle(&rules) {
        return Err(format!(
            "the dates count from each other in a circle ({}): one of them must count from the filing day or be left unbounded",
            cycle.join(" → ")
        ));
    }
    Ok(rules)
}

/// A chain of dates each bounded by the next that comes back to the first, if there is one.
fn cycle(rules: &[DateWindowRule]) -> Option<Vec<String>> {
    let mut next: HashMap<&str, Vec<&str>> = HashMap::new();
    for rule in rules {
        for (_, b) in rule.ends() {
            if let Some(other) = b.field() {
                next.entry(rule.field.as_str()).or_default().push(other);
            }
        }
    }
    fn walk<'a>(
        at: &'a str,
        next: &HashMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut HashSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| *p == at) {
            let mut c: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
            c.push(at.to_string());
            return Some(c);
        }
        if !done.insert(at) {
            return None;
        }
        path.push(at);
        for other in next.get(at).into_iter().flatten() {
            if let Some(c) = walk(other, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = HashSet::new();
    let mut starts: Vec<&str> = next.keys().copied().collect();
    starts.sort_unstable();
    starts
        .into_iter()
        .find_map(|s| walk(s, &next, &mut Vec::new(), &mut done))
}

/// The keyword as the schema compiler sees it: a badly written value, or one placed below
/// the root (where `Form::validate` would not find it), refuses the schema. Checking is
/// `DateWindows::failures`, which knows the filing day.
struct Declared;

impl<'i> Keyword<'i> for Declared {
    fn validate(&self, _instance: &'i Value) -> Result<(), ValidationError<'i>> {
        Ok(())
    }

    fn is_valid(&self, _instance: &'i Value) -> bool {
        true
    }
}

pub(crate) fn date_window_factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let at = path.as_str();
    if at != format!("/{KEYWORD}") {
        return Err(config_error(
            KEYWORD,
            format!("it is at `{at}`: write it on the root schema, with pointers from the root"),
        ));
    }
    parse(value).map_err(|e| config_error(KEYWORD, e))?;
    Ok(Box::new(Declared))
}
