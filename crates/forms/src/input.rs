//! Posted HTML form fields → JSON, after normalisation. Empty inputs become absent keys so
//! that `required` (not a format error) is what a resident is told about.
//!
//! Field names are dotted paths: `applicant_address.city`, `birth_date.year`, and for items
//! of a repeatable group `children.0.name` (each item also posts `children.0._item` so an
//! empty item still counts).

use chrono::NaiveDate;
use serde_json::{Map, Number, Value};

use crate::errors::{FieldError, FormErrorCode};
use crate::model::{Field, FieldKind, Step};
use crate::normalize::normalize;
use crate::wareki::{self, Era, WarekiError};

/// Field values as posted: name → every value sent under it (checkboxes send several).
pub trait Posted {
    fn values(&self, name: &str) -> Vec<&str>;
    fn first(&self, name: &str) -> Option<&str> {
        self.values(name).into_iter().next()
    }
    /// Every name posted (for counting the items of repeatable groups).
    fn names(&self) -> Vec<&str>;
}

impl Posted for [(String, String)] {
    fn values(&self, name: &str) -> Vec<&str> {
        self.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    fn names(&self) -> Vec<&str> {
        self.iter().map(|(k, _)| k.as_str()).collect()
    }
}

impl Posted for Vec<(String, String)> {
    fn values(&self, name: &str) -> Vec<&str> {
        self.as_slice().values(name)
    }
    fn names(&self) -> Vec<&str> {
        self.as_slice().names()
    }
}

/// Reads the answers of one step into `data` (a draft's data object): every field of the
/// step is replaced, so clearing an input removes the answer. Returns the problems found
/// while reading (a 和暦 date outside its era); schema validation comes after.
pub fn read_step(
    step: &Step,
    posted: &(impl Posted + ?Sized),
    data: &mut Map<String, Value>,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    // A file question's answer is what is attached to it (`Form::answer_files`), never a
    // posted value: it is kept as it is.
    for field in step.fields.iter().filter(|f| f.kind != FieldKind::File) {
        data.remove(&field.name);
        if let Some(value) = read_field(field, posted, &mut problems) {
            data.insert(field.name.clone(), value);
        }
    }
    problems
}

fn read_field(
    field: &Field,
    posted: &(impl Posted + ?Sized),
    problems: &mut Vec<FieldError>,
) -> Option<Value> {
    if sent_twice(field, posted) {
        // Which of two answers counts must not depend on who reads the form: neither does.
        problems.push(FieldError::new(&field.pointer, FormErrorCode::Invalid));
        return None;
    }
    let text = |name: &str| {
        posted
            .first(name)
            .map(|raw| crate::names::normalize(field, raw))
            .filter(|s| !s.is_empty())
    };
    match &field.kind {
        FieldKind::Group => read_object(&field.children, posted, problems),
        FieldKind::Repeat => {
            let limit = crate::bounds::item_limit(field);
            if posted_items(field, posted) > limit {
                // Refused, not cut short: the items over the limit are not read.
                problems.push(too_many(field, FormErrorCode::TooManyItems, limit));
            }
            let items: Vec<Value> = (0..item_count(field, posted))
                .filter_map(|i| read_object(&field.item(i).children, posted, problems))
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        FieldKind::Date => read_date(field, posted),
        FieldKind::WarekiDate => read_wareki(field, posted, problems),
        FieldKind::Integer | FieldKind::Money if field.coerce => {
            text(&field.name).map(|s| match s.parse::<i64>() {
                Ok(n) => Value::Number(Number::from(n)),
                // Kept as text so the schema reports "enter a number".
                Err(_) => Value::String(s),
            })
        }
        FieldKind::MultiChoice => {
            let values = posted.values(&field.name);
            let limit = crate::bounds::item_limit(field);
            if values.len() > limit {
                problems.push(too_many(field, FormErrorCode::TooManyChosen, limit));
            }
            let chosen: Vec<Value> = values
                .into_iter()
                .take(limit)
                .map(|raw| normalize(&field.kind, raw))
                .filter(|s| !s.is_empty())
                .map(Value::String)
                .collect();
            (!chosen.is_empty()).then_some(Value::Array(chosen))
        }
        FieldKind::Consent => text(&field.name).map(|s| match s.as_str() {
            "true" | "on" | "yes" => Value::Bool(true),
            _ => Value::String(s),
        }),
        FieldKind::YesNo => text(&field.name).map(|s| match s.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(s),
        }),
        // Documents are uploaded separately; nothing to read from the form itself.
        FieldKind::File => None,
        _ => text(&field.name).map(Value::String),
    }
}

fn read_object(
    children: &[Field],
    posted: &(impl Posted + ?Sized),
    problems: &mut Vec<FieldError>,
) -> Option<Value> {
    let mut object = Map::new();
    for child in children {
        if let Some(v) = read_field(child, posted, problems) {
            object.insert(child.key().to_string(), v);
        }
    }
    (!object.is_empty()).then_some(Value::Object(object))
}

/// Was one answer sent twice: a question of one value under its name, or one part of a
/// date (`<name>.year`…)? Only a multiple choice sends its name several times.
fn sent_twice(field: &Field, posted: &(impl Posted + ?Sized)) -> bool {
    match field.kind {
        FieldKind::Group | FieldKind::Repeat | FieldKind::MultiChoice | FieldKind::File => false,
        FieldKind::Date | FieldKind::WarekiDate => {
            let prefix = format!("{}.", field.name);
            let mut parts: Vec<&str> = posted
                .names()
                .into_iter()
                .filter(|n| n.starts_with(&prefix))
                .collect();
            let sent = parts.len();
            parts.sort_unstable();
            parts.dedup();
            parts.len() < sent
        }
        _ => posted.values(&field.name).len() > 1,
    }
}

/// How many items of a repeatable group are read: one more than the highest index seen,
/// at most the group's limit ([`crate::bounds::item_limit`]).
pub fn item_count(field: &Field, posted: &(impl Posted + ?Sized)) -> usize {
    posted_items(field, posted).min(crate::bounds::item_limit(field))
}

/// How many items of a repeatable group were posted: one more than the highest index seen.
fn posted_items(field: &Field, posted: &(impl Posted + ?Sized)) -> usize {
    let prefix = format!("{}.", field.name);
    posted
        .names()
        .into_iter()
        .filter_map(|n| n.strip_prefix(&prefix))
        .filter_map(|rest| rest.split('.').next()?.parse::<usize>().ok())
        .map(|i| i.saturating_add(1))
        .max()
        .unwrap_or(0)
}

fn too_many(field: &Field, code: FormErrorCode, limit: usize) -> FieldError {
    FieldError::new(&field.pointer, code).with_limit(i64::try_from(limit).unwrap_or(i64::MAX))
}

/// Year, month and day inputs named `<name>.year`, `.month`, `.day`. A date that is
/// incomplete or not numeric is kept as text, so `format: date` reports it.
fn read_date(field: &Field, posted: &(impl Posted + ?Sized)) -> Option<Value> {
    let part = |suffix: &str| {
        posted
            .first(&format!("{}.{suffix}", field.name))
            .map(|raw| normalize(&FieldKind::Date, raw))
            .unwrap_or_default()
    };
    let (y, m, d) = (part("year"), part("month"), part("day"));
    if y.is_empty() && m.is_empty() && d.is_empty() {
        return None;
    }
    let numeric = |s: &str, max_len: usize| {
        !s.is_empty() && s.len() <= max_len && s.chars().all(|c| c.is_ascii_digit())
    };
    if y.len() == 4 && numeric(&y, 4) && numeric(&m, 2) && numeric(&d, 2) {
        let (m, d) = (m.parse::<u32>().unwrap_or(0), d.parse::<u32>().unwrap_or(0));
        Some(Value::String(format!("{y}-{m:02}-{d:02}")))
    } else {
        Some(Value::String(format!("{y}-{m}-{d}")))
    }
}

/// Era select and year (元 allowed), month and day inputs: `<name>.era`, `.year`, `.month`,
/// `.day`; the select also offers 西暦 ([`wareki::SEIREKI`]), whose year has four digits.
/// What cannot be read is reported here, saying which part: no calendar chosen
/// (`related: "calendar"`), a year not written as the calendar writes it
/// (`"year:<era>"`), a day outside its era (`outside_era`, with the era it belongs to).
fn read_wareki(
    field: &Field,
    posted: &(impl Posted + ?Sized),
    problems: &mut Vec<FieldError>,
) -> Option<Value> {
    let part = |suffix: &str| {
        posted
            .first(&format!("{}.{suffix}", field.name))
            .map(|raw| normalize(&FieldKind::WarekiDate, raw))
            .unwrap_or_default()
    };
    let (mut era, y, m, d) = (part("era"), part("year"), part("month"), part("day"));
    if y.is_empty() && m.is_empty() && d.is_empty() {
        return None;
    }
    // A page from before the date became an era input (open in a browser when the form
    // changed) posts no era at all, only a Western year: read it as 西暦. The era select
    // itself always posts `.era`, empty when nothing was chosen.
    if posted.first(&format!("{}.era", field.name)).is_none() {
        era = wareki::SEIREKI.to_string();
    }
    let invalid = Value::String(format!("{era}-{y}-{m}-{d}"));
    let mut unreadable = |related: String| {
        let mut e = FieldError::new(&field.pointer, FormErrorCode::NotDate);
        e.related = Some(related);
        problems.push(e);
        Some(invalid.clone())
    };
    let (month, day) = (m.parse::<u32>().ok(), d.parse::<u32>().ok());
    if era == wareki::SEIREKI {
        let Some(year) = wareki::parse_western_year(&y) else {
            return unreadable(format!("year:{era}"));
        };
        let date = month
            .zip(day)
            .and_then(|(m, d)| NaiveDate::from_ymd_opt(year, m, d));
        return match date {
            // 西暦 dates before 1873 have no era to be shown in (see registry::normalize).
            Some(date) if wareki::era_of(date).is_some() => {
                Some(Value::String(date.format("%Y-%m-%d").to_string()))
            }
            Some(_) => {
                problems.push(FieldError::new(&field.pointer, FormErrorCode::OutsideEra));
                Some(invalid)
            }
            None => unreadable(String::new()),
        };
    }
    let Some(era) = Era::by_code(&era) else {
        return unreadable("calendar".into());
    };
    let Some(year) = wareki::parse_era_year(&y) else {
        return unreadable(format!("year:{}", era.code));
    };
    let (Some(month), Some(day)) = (month, day) else {
        return unreadable(String::new());
    };
    match wareki::to_date(era, year, month, day) {
        Ok(date) => Some(Value::String(date.format("%Y-%m-%d").to_string())),
        Err(WarekiError::NotADate) => unreadable(String::new()),
        Err(WarekiError::OutsideEra { era, actual }) => {
            let mut e = FieldError::new(&field.pointer, FormErrorCode::OutsideEra);
            e.related = Some(format!("{}>{}", era.code, actual.map_or("", |a| a.code)));
            problems.push(e);
            Some(invalid)
        }
    }
}

/// The values to show in a step's inputs: name → values, from stored data (for "change"
/// links from the check page).
pub fn posted_from_data(step: &Step, data: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for field in &step.fields {
        flatten(field, data.pointer(&field.pointer), &mut out);
    }
    out
}

fn flatten(field: &Field, value: Option<&Value>, out: &mut Vec<(String, String)>) {
    let Some(value) = value else { return };
    match (&field.kind, value) {
        (FieldKind::Group, Value::Object(_)) => {
            for child in &field.children {
                flatten(child, value.get(child.key()), out);
            }
        }
        (FieldKind::Repeat, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let instance = field.item(i);
                out.push((format!("{}._item", instance.name), "1".into()));
                for child in &instance.children {
                    flatten(child, item.get(child.key()), out);
                }
            }
        }
        (FieldKind::Date, Value::String(s)) => {
            let mut parts = s.splitn(3, '-');
            for suffix in ["year", "month", "day"] {
                let part = parts.next().unwrap_or_default();
                // Month and day are shown as typed: 5, not 05.
                let shown = if suffix == "year" {
                    part
                } else {
                    part.trim_start_matches('0')
                };
                out.push((format!("{}.{suffix}", field.name), shown.to_string()));
            }
        }
        (FieldKind::WarekiDate, Value::String(s)) => {
            if let Some((era, year, month, day)) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(wareki::from_date)
            {
                let year = if year == 1 {
                    "元".to_string()
                } else {
                    year.to_string()
                };
                for (suffix, v) in [
                    ("era", era.code.to_string()),
                    ("year", year),
                    ("month", month.to_string()),
                    ("day", day.to_string()),
                ] {
                    out.push((format!("{}.{suffix}", field.name), v));
                }
            }
        }
        (_, Value::Array(items)) => {
            for item in items {
                out.push((field.name.clone(), scalar_text(item)));
            }
        }
        (_, v) => out.push((field.name.clone(), scalar_text(v))),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// What a button other than "continue" asks for on a step page (forms work without
/// JavaScript, so adding an item is a round trip).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepAction {
    /// Add an item to the repeatable group `name`.
    Add(String),
    /// Remove item `index` of the repeatable group `name`.
    Remove(String, usize),
    /// Fill the address from the postal code field `name`.
    LookUpAddress(String),
}

impl StepAction {
    /// Reads the `_action` value (`add:children`, `remove:children:1`, `lookup:postal_code`).
    pub fn parse(value: &str) -> Option<StepAction> {
        let mut parts = value.splitn(3, ':');
        match (parts.next()?, parts.next(), parts.next()) {
            ("add", Some(name), None) => Some(StepAction::Add(name.into())),
            ("remove", Some(name), Some(i)) => {
                Some(StepAction::Remove(name.into(), i.parse().ok()?))
            }
            ("lookup", Some(name), None) => Some(StepAction::LookUpAddress(name.into())),
            _ => None,
        }
    }
}

/// Applies an add or remove to posted values, for showing the step again: the values of
/// later items move up when one is removed.
pub fn apply_item_action(
    step: &Step,
    posted: &[(String, String)],
    action: &StepAction,
) -> Vec<(String, String)> {
    match action {
        StepAction::Add(name) => {
            let mut out = posted.to_vec();
            if let Some(field) = repeat_named(&step.fields, name) {
                let count = item_count(&field, posted);
                if count < crate::bounds::item_limit(&field) {
                    out.push((format!("{name}.{count}._item"), "1".into()));
                }
            }
            out
        }
        StepAction::Remove(name, index) => {
            let prefix = format!("{name}.");
            posted
                .iter()
                .filter_map(|(k, v)| {
                    let Some(rest) = k.strip_prefix(&prefix) else {
                        return Some((k.clone(), v.clone()));
                    };
                    let (i, tail) = rest.split_once('.').unwrap_or((rest, ""));
                    match i.parse::<usize>() {
                        Ok(i) if i == *index => None,
                        Ok(i) if i > *index => {
                            Some((format!("{name}.{}.{tail}", i - 1), v.clone()))
                        }
                        _ => Some((k.clone(), v.clone())),
                    }
                })
                .collect()
        }
        StepAction::LookUpAddress(_) => posted.to_vec(),
    }
}

/// The repeatable group named `name` among `fields`, at any depth: in a group
/// (`household.members`) or in an item of another repeatable group (`children.0.visits`,
/// whose fields are those of item 0).
fn repeat_named(fields: &[Field], name: &str) -> Option<Field> {
    for field in fields {
        if field.name == name {
            return (field.kind == FieldKind::Repeat).then(|| field.clone());
        }
        let Some(rest) = name.strip_prefix(&format!("{}.", field.name)) else {
            continue;
        };
        return match field.kind {
            FieldKind::Group => repeat_named(&field.children, name),
            FieldKind::Repeat => {
                let index = rest.split('.').next()?.parse::<usize>().ok()?;
                repeat_named(&field.item(index).children, name)
            }
            _ => None,
        };
    }
    None
}

/// Removes answers to fields that are not asked given the other answers (a field whose
/// `show_if` no longer holds), so a changed answer does not leave stale data behind.
pub fn drop_hidden(steps: &[Step], data: &mut Map<String, Value>) {
    let snapshot = Value::Object(data.clone());
    for step in steps {
        let step_shown = step.is_shown(&snapshot);
        for field in &step.fields {
            let shown = step_shown && field.show_if.as_ref().is_none_or(|c| c.holds(&snapshot));
            if !shown {
                data.remove(&field.name);
            }
        }
    }
}

/// A town found for a postal code, as the address group's fields want it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundAddress {
    pub prefecture: String,
    pub city: String,
    pub town: String,
}

/// Fills the address group tied to the postal-code field `postal_field` (its `prefecture`,
/// `city` and `town` inputs) from what the look-up found. With several towns only the
/// prefecture and city are filled; with none, the postal-code field gets an error.
pub fn fill_address(
    step: &Step,
    posted: &[(String, String)],
    postal_field: &str,
    found: &[FoundAddress],
) -> (Vec<(String, String)>, Option<FieldError>) {
    let Some(field) = step.fields.iter().find(|f| f.name == postal_field) else {
        return (posted.to_vec(), None);
    };
    let Some(target) = field.address_field.as_deref() else {
        return (posted.to_vec(), None);
    };
    let Some(first) = found.first() else {
        return (
            posted.to_vec(),
            Some(FieldError::new(
                &field.pointer,
                FormErrorCode::PostalCodeUnknown,
            )),
        );
    };
    let same_town = found.iter().all(|a| a.town == first.town);
    let mut fills = vec![
        ("prefecture", first.prefecture.clone()),
        ("city", first.city.clone()),
    ];
    if same_town {
        fills.push(("town", first.town.clone()));
    }
    let mut out: Vec<(String, String)> = posted.to_vec();
    for (part, value) in fills {
        let name = format!("{target}.{part}");
        out.retain(|(k, _)| *k != name);
        out.push((name, value));
    }
    (out, None)
}
