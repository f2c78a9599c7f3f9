//! The checks of a definition beyond its format: a schema safe to run, settings that
//! point at real questions.

use std::path::Path;

use serde_json::Value;

use crate::definition::FormDefinition;
use crate::formats;
use crate::model::{Field, FieldKind, Step};
use crate::rules;

use super::*;

/// Refuses what would make a department's schema dangerous to run.
pub(super) fn check_schema_safety(
    schema: &Value,
    at: &str,
    push: &mut impl FnMut(String, Localized),
) {
    match schema {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (key.as_str(), v) {
                    ("$ref" | "$dynamicRef", Value::String(r)) if !r.starts_with('#') => push(
                        here.clone(),
                        lint_text!(forms_lint_ref_outside, reference = r),
                    ),
                    ("$schema", Value::String(s))
                        if s != "https://json-schema.org/draft/2020-12/schema" =>
                    {
                        push(here.clone(), lint_text!(forms_lint_schema_version))
                    }
                    ("format", Value::String(f))
                        if !formats::CUSTOM_FORMATS.contains(&f.as_str())
                            && !formats::STANDARD_FORMATS.contains(&f.as_str()) =>
                    {
                        push(
                            here.clone(),
                            lint_text!(
                                forms_lint_unknown_format,
                                format = f,
                                formats = formats::CUSTOM_FORMATS
                                    .iter()
                                    .chain(formats::STANDARD_FORMATS.iter())
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                        )
                    }
                    (k, _)
                        if k.starts_with("x-")
                            && !rules::KEYWORDS.contains(&k)
                            && !ENGINE_KEYWORDS.contains(&k) =>
                    {
                        push(
                            here.clone(),
                            lint_text!(
                                forms_lint_unknown_rule,
                                rule = k,
                                rules = rules::KEYWORDS
                                    .iter()
                                    .chain(ENGINE_KEYWORDS.iter())
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                        )
                    }
                    ("pattern", Value::String(p)) => {
                        if let Err(e) = regex::Regex::new(p) {
                            push(
                                here.clone(),
                                lint_text!(forms_lint_pattern_invalid, error = e.to_string()),
                            )
                        }
                    }
                    _ => {}
                }
                // `properties`, `$defs`… hold schemas keyed by name; recurse into everything.
                check_schema_safety(v, &here, push);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_schema_safety(v, &format!("{at}/{i}"), push);
            }
        }
        _ => {}
    }
}

pub(super) fn check_settings(
    def: &FormDefinition,
    steps: &[Step],
    file: &Path,
    push: &mut impl FnMut(String, Localized),
) {
    let p = &def.procedure;
    if p.id.is_empty()
        || !p
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        push("/procedure/id".into(), lint_text!(forms_lint_id));
    }
    let folder = file
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str());
    if file.file_name().is_some_and(|n| n == "form.json") && folder.is_some_and(|f| f != p.id) {
        push(
            "/procedure/id".into(),
            lint_text!(forms_lint_id_folder, id = &p.id),
        );
    }
    for (at, text) in [
        ("/procedure/title", &p.title),
        ("/procedure/summary", &p.summary),
        ("/procedure/who_may_file", &p.who_may_file),
        ("/procedure/result_delivery", &p.result_delivery),
    ] {
        if text.ja.trim().is_empty() || text.en.trim().is_empty() {
            push(at.into(), lint_text!(forms_lint_both_languages));
        }
    }
    if steps.is_empty() {
        push("/ui/steps".into(), lint_text!(forms_lint_no_step));
    }
    let mut seen_steps = std::collections::HashSet::new();
    for (i, step) in steps.iter().enumerate() {
        let at = format!("/ui/steps/{i}/id");
        if RESERVED_STEP_IDS.contains(&step.id.as_str()) {
            push(at, lint_text!(forms_lint_step_reserved, id = &step.id));
        } else if step.id.is_empty()
            || !step
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            push(at, lint_text!(forms_lint_step_id, id = &step.id));
        } else if !seen_steps.insert(step.id.as_str()) {
            push(at, lint_text!(forms_lint_step_twice, id = &step.id));
        }
    }
    let find = |pointer: &str| {
        steps
            .iter()
            .flat_map(|s| s.fields.iter())
            .find_map(|f| find_field(f, pointer))
    };
    if let Some(ptr) = &p.contact_email_field
        && find(ptr).map(|f| &f.kind) != Some(&FieldKind::Email)
    {
        push(
            "/procedure/contact_email_field".into(),
            lint_text!(forms_lint_not_email, field = ptr),
        );
    }
    if let Some(ptr) = &p.applicant_name_field
        && find(ptr).is_none()
    {
        push(
            "/procedure/applicant_name_field".into(),
            lint_text!(forms_lint_not_field, field = ptr),
        );
    }
    if let Some(routing) = &p.routing
        && find(&routing.ward_from).map(|f| &f.kind) != Some(&FieldKind::PostalCode)
    {
        push(
            "/procedure/routing/ward_from".into(),
            lint_text!(forms_lint_not_postal_code, field = &routing.ward_from),
        );
    }
    if let Some(routing) = &p.routing {
        check_offices(routing, &find, push);
    }
    for (source, map) in &p.reuse {
        for to in map.keys() {
            if find(to).is_none() {
                push(
                    format!("/procedure/reuse/{source}"),
                    lint_text!(forms_lint_not_field_here, field = to),
                );
            }
        }
    }
    // Personal data is collected under a law: say which. My Number above all (番号法 第9条
    // and the ordinance listing the city's uses).
    fn collects_my_number(f: &Field) -> bool {
        f.kind == FieldKind::MyNumber || f.children.iter().any(collects_my_number)
    }
    if p.legal_basis.trim().is_empty() {
        let my_number = steps
            .iter()
            .flat_map(|s| s.fields.iter())
            .any(collects_my_number);
        push(
            "/procedure/legal_basis".into(),
            if my_number {
                lint_text!(forms_lint_legal_basis_my_number)
            } else {
                lint_text!(forms_lint_legal_basis)
            },
        );
    }
    if p.filing == crate::definition::Filing::PreEntry && p.filing_note.is_none() {
        push(
            "/procedure/filing_note".into(),
            lint_text!(forms_lint_filing_note),
        );
    }
    if let Some(fee) = &p.fee {
        if let Some(by) = &fee.price_by {
            match find(&by.field) {
                Some(f) if matches!(f.kind, FieldKind::Choice { .. }) => {
                    for o in &f.options {
                        if !by.prices.contains_key(&o.value) {
                            push(
                                "/procedure/fee/price_by/prices".into(),
                                lint_text!(
                                    forms_lint_no_price,
                                    option = &o.value,
                                    field = &by.field,
                                ),
                            );
                        }
                    }
                }
                _ => push(
                    "/procedure/fee/price_by/field".into(),
                    lint_text!(forms_lint_not_single_choice, field = &by.field),
                ),
            }
        }
        if fee.online_if.is_some() && !fee.timing.is_online() {
            push(
                "/procedure/fee/online_if".into(),
                lint_text!(forms_lint_online_if_offline, timing = fee.timing.code()),
            );
        }
        if let Some(cond) = &fee.online_if {
            match find(&cond.field) {
                Some(f) if matches!(f.kind, FieldKind::Choice { .. }) => {
                    if !f
                        .options
                        .iter()
                        .any(|o| Some(o.value.as_str()) == cond.equals.as_str())
                    {
                        push(
                            "/procedure/fee/online_if/equals".into(),
                            lint_text!(
                                forms_lint_not_option,
                                value = cond.equals.to_string(),
                                field = &cond.field,
                            ),
                        );
                    }
                }
                _ => push(
                    "/procedure/fee/online_if/field".into(),
                    lint_text!(forms_lint_not_single_choice, field = &cond.field),
                ),
            }
        }
        if let Some(per) = &fee.per_item
            && find(&per.field).map(|f| &f.kind) != Some(&FieldKind::Repeat)
        {
            push(
                "/procedure/fee/per_item/field".into(),
                lint_text!(forms_lint_not_repeat, field = &per.field),
            );
        }
        if fee.unit_yen < 0 {
            push(
                "/procedure/fee/unit_yen".into(),
                lint_text!(forms_lint_negative_fee),
            );
        }
        if let Some(ptr) = &fee.quantity_field
            && !matches!(
                find(ptr).map(|f| f.kind.clone()),
                Some(FieldKind::Integer | FieldKind::Repeat | FieldKind::MultiChoice)
            )
        {
            push(
                "/procedure/fee/quantity_field".into(),
                lint_text!(forms_lint_not_quantity, field = ptr),
            );
        }
        fee_lint::check_factors(fee, &find, push);
        fee_lint::check_amount(fee, push);
        for (i, x) in fee.exemptions.iter().enumerate() {
            if find(&x.field).is_none() {
                push(
                    format!("/procedure/fee/exemptions/{i}/field"),
                    lint_text!(forms_lint_not_field, field = &x.field),
                );
            }
        }
    }
    // A postal-code look-up fills a group's prefecture, city and town.
    for step in steps {
        for field in &step.fields {
            if let Some(target) = &field.address_field {
                let group = steps
                    .iter()
                    .flat_map(|s| s.fields.iter())
                    .find(|f| &f.name == target);
                let fits = group.is_some_and(|g| {
                    g.kind == FieldKind::Group
                        && ["prefecture", "city", "town"]
                            .iter()
                            .all(|k| g.children.iter().any(|c| c.key() == *k))
                });
                if field.kind != FieldKind::PostalCode || !fits {
                    push(
                        format!("/ui/fields/{}/address_field", field.name),
                        lint_text!(forms_lint_address_group, target = target),
                    );
                }
            }
        }
    }
    // A meaning fills the question with a known answer: the field must hold it, and one
    // form asks each thing about the applicant once.
    let mut meant: Vec<(crate::meaning::Meaning, &str)> = Vec::new();
    for field in steps.iter().flat_map(|s| s.fields.iter()) {
        let Some(meaning) = field.meaning else {
            continue;
        };
        let at = format!("/ui/fields/{}/meaning", field.name);
        if !meaning_fits(meaning, field) {
            push(
                at.clone(),
                lint_text!(
                    forms_lint_meaning_kind,
                    field = &field.name,
                    meaning = meaning.code(),
                    kind = meaning.needs()
                ),
            );
        }
        match meant.iter().find(|(m, _)| *m == meaning) {
            Some((_, first)) => push(
                at,
                lint_text!(
                    forms_lint_meaning_twice,
                    field = &field.name,
                    meaning = meaning.code(),
                    first = *first
                ),
            ),
            None => meant.push((meaning, &field.name)),
        }
    }
    // A pattern's generic message cannot say how to fix the answer: the author must.
    for step in steps {
        for field in &step.fields {
            for leaf in field.leaves() {
                if leaf.pattern.is_some()
                    && !leaf.errors.contains_key("pattern")
                    && leaf.hint.is_none()
                {
                    push(
                        format!("/ui/fields/{}", leaf.name.replace('.', "/fields/")),
                        lint_text!(forms_lint_pattern_message, field = &leaf.name),
                    );
                }
            }
        }
    }
}

/// A date field whose words say it is a day that has happened (a birth date, 「変更があった日」,
/// 「廃業した日」) must say so in `x-date-window` (`"not_after": "today"`), which makes it a
/// 和暦-or-西暦 input like every other past date; or choose its input with `widget`
/// (`wareki-date` when it may also be a day still to come, `date` to keep it 西暦 only).
/// And a 和暦-or-西暦 input's hint must not ask for 西暦.
pub(super) fn check_past_dates(
    def: &FormDefinition,
    steps: &[Step],
    push: &mut impl FnMut(String, Localized),
) {
    for field in steps.iter().flat_map(|s| s.fields.iter()) {
        for leaf in field.leaves() {
            let chosen = field_ui(&def.ui.fields, &leaf.name).is_some_and(|u| u.widget.is_some());
            let at = format!("/ui/fields/{}", leaf.name.replace('.', "/fields/"));
            // Asked in 和暦 or 西暦: a hint that asks for 西暦 contradicts the input.
            if leaf.kind == FieldKind::WarekiDate
                && leaf
                    .hint
                    .as_ref()
                    .is_some_and(|h| h.ja.contains("西暦で入力"))
            {
                push(
                    format!("{at}/hint"),
                    lint_text!(forms_lint_wareki_hint, field = leaf.name.as_str()),
                );
            }
            if leaf.kind == FieldKind::Date && !chosen && means_past(leaf) {
                push(
                    at,
                    lint_text!(
                        forms_lint_past_date_window,
                        field = leaf.name.as_str(),
                        pointer = leaf.pointer.as_str(),
                    ),
                );
            }
        }
    }
}

/// The words of a day that has happened: a birth date, or a Japanese label in the past
/// tense (「…した日」「…があった日」) that is not a plan (「予定」).
fn means_past(field: &Field) -> bool {
    reads_as_past(field.key(), &field.label.ja)
}

/// Whether a date question with this key and Japanese label reads as a day that has
/// happened (the lint's test, which the structured editor uses to give such a question its
/// past window itself).
pub fn reads_as_past(key: &str, label: &str) -> bool {
    (key.contains("birth") && !key.contains("expected"))
        || ["生年月日", "生まれた日", "出生日", "死亡日", "亡くなった日"]
            .iter()
            .any(|w| label.contains(w))
        || (label.contains("た日") && !label.contains("予定"))
}

/// The presentation of the field named `name` (`children.0.birth_date`: item numbers and
/// `*` are not keys of the presentation).
fn field_ui<'a>(
    fields: &'a std::collections::BTreeMap<String, crate::definition::FieldUi>,
    name: &str,
) -> Option<&'a crate::definition::FieldUi> {
    let mut parts = name
        .split('.')
        .filter(|p| *p != "*" && p.parse::<usize>().is_err());
    let mut ui = fields.get(parts.next()?)?;
    for part in parts {
        ui = ui.fields.get(part)?;
    }
    Some(ui)
}

fn find_field<'a>(field: &'a Field, pointer: &str) -> Option<&'a Field> {
    if field.pointer == pointer {
        return Some(field);
    }
    field.children.iter().find_map(|c| find_field(c, pointer))
}

/// `routing.office_field` and `routing.offices`: a question with one choice whose every
/// option has a ward, and no ward for what is not an option.
fn check_offices<'a>(
    routing: &crate::definition::Routing,
    find: &dyn Fn(&str) -> Option<&'a Field>,
    push: &mut impl FnMut(String, Localized),
) {
    let at = "/procedure/routing/offices";
    let Some(pointer) = &routing.office_field else {
        if !routing.offices.is_empty() {
            push(at.into(), lint_text!(forms_lint_offices_without_field));
        }
        return;
    };
    let Some(field) = find(pointer).filter(|f| matches!(f.kind, FieldKind::Choice { .. })) else {
        push(
            "/procedure/routing/office_field".into(),
            lint_text!(forms_lint_office_not_choice, field = pointer),
        );
        return;
    };
    for option in &field.options {
        if !routing.offices.contains_key(&option.value) {
            push(
                at.into(),
                lint_text!(
                    forms_lint_office_without_ward,
                    field = pointer,
                    option = &option.value
                ),
            );
        }
    }
    for key in routing.offices.keys() {
        if !field.options.iter().any(|o| &o.value == key) {
            push(
                format!("{at}/{key}"),
                lint_text!(forms_lint_office_not_option, field = pointer, option = key),
            );
        }
    }
}

/// Whether a field of this kind can hold an answer of `meaning`.
fn meaning_fits(meaning: crate::meaning::Meaning, field: &crate::model::Field) -> bool {
    use crate::meaning::{ADDRESS_PARTS, Meaning};
    use crate::model::FieldKind;
    match meaning {
        Meaning::ApplicantName => field.kind == FieldKind::Text,
        Meaning::ApplicantNameKana => field.kind == FieldKind::Katakana,
        Meaning::ApplicantBirthDate => {
            matches!(field.kind, FieldKind::Date | FieldKind::WarekiDate)
        }
        Meaning::ApplicantPostalCode => field.kind == FieldKind::PostalCode,
        Meaning::ApplicantAddress => {
            field.kind == FieldKind::Group
                && ADDRESS_PARTS
                    .iter()
                    .all(|p| field.children.iter().any(|c| c.key() == *p))
        }
        Meaning::ApplicantPhone => field.kind == FieldKind::Phone,
        Meaning::ApplicantEmail => field.kind == FieldKind::Email,
    }
}
