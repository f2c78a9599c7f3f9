//! Fields of a step as the templates draw them, with their values and errors.

use crate::msg;

use madoguchi_core::Lang;
use madoguchi_forms::bounds::MAX_SHOWN_ERRORS;
use madoguchi_forms::input::item_count;
use madoguchi_forms::{Field, FieldError, FieldKind, Form, Step, wareki};

use super::ErrorLink;
use super::reveal::{Reveal, nest};

#[derive(Clone, Debug)]
pub struct OptionView {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// Ids of the blocks of dependent questions this choice reveals (`aria-controls`).
    pub controls: String,
}

/// One field as the template draws it.
#[derive(Clone, Debug)]
pub struct FieldView {
    /// What the field is (the template draws each kind its own way).
    pub kind: FieldKind,
    /// Id of the first input (error links point here).
    pub id: String,
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    pub condition: Option<String>,
    pub error: Option<String>,
    /// An answer accepted but worth knowing about (a notification past its period).
    pub warning: Option<String>,
    pub value: String,
    pub options: Vec<OptionView>,
    pub children: Vec<FieldView>,
    pub autocomplete: Option<String>,
    pub input_type: &'static str,
    pub inputmode: Option<&'static str>,
    pub width_class: &'static str,
    pub maxlength: Option<u64>,
    pub year: String,
    pub month: String,
    pub day: String,
    pub checked: bool,
    pub suffix: Option<String>,
    /// Repeatable groups: the items, and the buttons that add or remove one.
    pub items: Vec<FieldView>,
    pub add_action: Option<String>,
    pub add_label: String,
    pub remove_action: Option<String>,
    /// Postal codes: the "look up address" button and the address group it fills.
    pub lookup_action: Option<String>,
    pub address_target: Option<String>,
    /// File questions on a step: the files attached so far (id, name, size), and where the
    /// "attach" and "remove" buttons post (none where files cannot be changed).
    pub files: Vec<(String, String, String)>,
    pub upload_action: Option<String>,
    pub remove_file_action: Option<String>,
    /// Questions of the step that depend on this one's answer, drawn under it.
    pub dependents: Vec<FieldView>,
    /// A dependent question: what shows it (with JavaScript).
    pub reveal: Option<Reveal>,
    /// Where "add another", "remove" and "find address" post, with the fragment of what
    /// they change (the new item, the list, the address): the page comes back there.
    pub add_formaction: Option<String>,
    pub remove_formaction: Option<String>,
    pub lookup_formaction: Option<String>,
    /// What a screen reader is told once the page comes back: a repeatable group's
    /// "removed" line, an item's "added" line.
    pub announce: String,
    /// Filled in for a signed-in resident: the sentence above the question saying so.
    pub filled: Option<String>,
    /// A booking question: the days and times to choose from (set by the step's page).
    pub picker: Option<super::booking::SlotPicker>,
}

impl FieldView {
    /// The field itself as a one-item list (templates loop over leaves).
    pub fn as_leaf(&self) -> &[FieldView] {
        std::slice::from_ref(self)
    }

    pub fn is_booking(&self) -> bool {
        self.kind == FieldKind::Booking
    }

    pub fn is_file(&self) -> bool {
        self.kind == FieldKind::File
    }

    pub fn is_group(&self) -> bool {
        self.kind == FieldKind::Group
    }

    pub fn is_repeat(&self) -> bool {
        self.kind == FieldKind::Repeat
    }

    /// Several inputs under one legend: choices, yes/no, a date's three parts.
    pub fn is_fieldset(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Choice { select: false }
                | FieldKind::MultiChoice
                | FieldKind::YesNo
                | FieldKind::Date
        )
    }

    pub fn is_date(&self) -> bool {
        self.kind == FieldKind::Date
    }

    pub fn is_wareki_date(&self) -> bool {
        self.kind == FieldKind::WarekiDate
    }

    /// Checkboxes (several answers), not radios.
    pub fn is_checkboxes(&self) -> bool {
        self.kind == FieldKind::MultiChoice
    }

    pub fn is_consent(&self) -> bool {
        self.kind == FieldKind::Consent
    }

    pub fn is_select(&self) -> bool {
        self.kind == FieldKind::Choice { select: true }
    }

    /// A required list with one option: that option is the answer, chosen as the page
    /// comes (no 「選択してください」 to pick it from).
    pub fn only_choice(&self) -> bool {
        self.required && self.options.len() == 1
    }

    /// An email address: no spell-checking.
    pub fn is_email(&self) -> bool {
        self.kind == FieldKind::Email
    }

    pub fn is_textarea(&self) -> bool {
        self.kind == FieldKind::Textarea
    }

    /// `aria-describedby` of the input: hint and error, when present.
    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.filled.is_some() {
            ids.push(format!("{}-filled", self.base_id()));
        }
        if self.hint.is_some() || self.condition.is_some() {
            ids.push(format!("{}-hint", self.base_id()));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.base_id()));
        }
        if self.warning.is_some() {
            ids.push(format!("{}-warning", self.base_id()));
        }
        ids.join(" ")
    }

    /// `autocomplete` of a date part: a birthday's year is `bday-year`, and so on.
    pub fn part_autocomplete(&self, part: &str) -> Option<String> {
        (self.autocomplete.as_deref() == Some("bday")).then(|| format!("bday-{part}"))
    }

    /// Id stem shared by the field's hint and error.
    pub fn base_id(&self) -> String {
        format!("f-{}", self.name.replace('.', "-"))
    }
}

/// A group or a repeatable group inside another (an address in a repeatable item, a list in
/// a group), drawn as `field.html` draws a question of the step: askama inlines includes
/// and cannot include a template in itself, so nesting is rendered here, one level a call.
#[derive(askama::Template)]
#[template(path = "field.html")]
pub struct NestedField<'a> {
    pub f: &'a FieldView,
    pub page: &'a super::Page,
}

/// Values as posted (or as saved): name → values.
pub struct Values<'a>(pub &'a [(String, String)]);

impl Values<'_> {
    fn first(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Builds the fields of a step with their values and errors, and the error summary.
pub fn step_fields(
    form: &Form,
    step: &Step,
    values: &Values<'_>,
    errors: &[FieldError],
    lang: Lang,
) -> (Vec<FieldView>, Vec<ErrorLink>) {
    let mut summary = Vec::new();
    let fields = step
        .fields
        .iter()
        .map(|f| field_view(form, f, values, errors, lang, &mut summary))
        .collect();
    cap_summary(&mut summary, lang);
    (nest(step, fields, lang), summary)
}

/// The summary lists the first [`MAX_SHOWN_ERRORS`] problems; the rest are counted in a
/// last line ("and N more") that links to the first of them.
fn cap_summary(summary: &mut Vec<ErrorLink>, lang: Lang) {
    if summary.len() <= MAX_SHOWN_ERRORS {
        return;
    }
    let more = summary.len() - MAX_SHOWN_ERRORS;
    let first_unlisted = summary.swap_remove(MAX_SHOWN_ERRORS).href;
    summary.truncate(MAX_SHOWN_ERRORS);
    summary.push(ErrorLink {
        href: first_unlisted,
        text: madoguchi_i18n::t!(lang, web_common_and_more_problems, count = more),
    });
}

/// The field an error belongs to: the one at its pointer, or the nearest enclosing one.
fn owner<'f>(field: &'f Field, pointer: &str) -> Option<&'f Field> {
    if pointer == field.pointer {
        return Some(field);
    }
    if !pointer.starts_with(&format!("{}/", field.pointer)) {
        return None;
    }
    field
        .children
        .iter()
        .find_map(|c| owner(c, pointer))
        .or(Some(field))
}

fn field_view(
    form: &Form,
    field: &Field,
    values: &Values<'_>,
    errors: &[FieldError],
    lang: Lang,
    summary: &mut Vec<ErrorLink>,
) -> FieldView {
    let base = format!("f-{}", field.name.replace('.', "-"));
    // A repeatable group shows one fieldset per item, each built from the item's own fields.
    let (children, items) = if field.kind == FieldKind::Repeat {
        let posted = values.0;
        let shown = item_count(field, posted).max(field.min_items.unwrap_or(1).max(1) as usize);
        let items: Vec<FieldView> = (0..shown)
            .map(|i| {
                let item = field.item(i);
                let mut view = field_view(form, &item, values, errors, lang, summary);
                let removable = shown > field.min_items.unwrap_or(0) as usize;
                view.remove_action = removable.then(|| format!("remove:{}:{i}", field.name));
                view.announce =
                    madoguchi_i18n::t!(lang, web_fields_item_added, item = view.label.as_str());
                view
            })
            .collect();
        (Vec::new(), items)
    } else {
        let children = field
            .children
            .iter()
            .map(|c| field_view(form, c, values, errors, lang, summary))
            .collect();
        (children, Vec::new())
    };
    let own_error = errors.iter().find(|e| {
        if field.kind == FieldKind::Repeat {
            return e.pointer == field.pointer;
        }
        let mine = owner(field, &e.pointer).is_some_and(|o| o.pointer == field.pointer);
        mine && !field
            .children
            .iter()
            .any(|c| owner(c, &e.pointer).is_some())
    });
    let id = match &field.kind {
        FieldKind::Date => format!("{base}-year"),
        FieldKind::WarekiDate => format!("{base}-era"),
        FieldKind::Choice { select: false } | FieldKind::MultiChoice | FieldKind::YesNo => {
            format!("{base}-0")
        }
        FieldKind::Group => children
            .first()
            .map(|c: &FieldView| c.id.clone())
            .unwrap_or_else(|| base.clone()),
        FieldKind::Repeat => items
            .first()
            .map(|c| c.id.clone())
            .unwrap_or_else(|| base.clone()),
        _ => base.clone(),
    };
    let error = own_error.map(|e| {
        let text = form.message(e).get(lang).to_string();
        summary.push(ErrorLink {
            href: format!("#{id}"),
            text: text.clone(),
        });
        text
    });
    let chosen = values.all(&field.name);
    let option = |i: usize, value: &str, label: &str, checked: bool| OptionView {
        id: format!("{base}-{i}"),
        value: value.into(),
        label: label.into(),
        checked,
        controls: String::new(),
    };
    let options: Vec<OptionView> = match &field.kind {
        FieldKind::YesNo => [
            ("true", msg::forms_yes::text as madoguchi_i18n::Phrase),
            ("false", msg::forms_no::text),
        ]
        .iter()
        .enumerate()
        .map(|(i, (v, words))| option(i, v, words(lang), chosen.contains(v)))
        .collect(),
        FieldKind::WarekiDate => {
            let era = values.first(&format!("{}.era", field.name));
            // The eras, newest first, then 西暦: one input takes a date in either calendar.
            let western = (wareki::SEIREKI, wareki::seireki_label());
            wareki::ERAS
                .iter()
                .map(|e| (e.code, e.label()))
                .chain(std::iter::once(western))
                .enumerate()
                .map(|(i, (code, label))| option(i, code, label.get(lang), era == code))
                .collect()
        }
        _ => field
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                option(
                    i,
                    &o.value,
                    o.label.get(lang),
                    chosen.contains(&o.value.as_str()),
                )
            })
            .collect(),
    };
    let (input_type, inputmode, width_class) = match &field.kind {
        FieldKind::Email => ("email", Some("email"), "w-30"),
        FieldKind::Phone => ("tel", Some("tel"), "w-15"),
        FieldKind::PostalCode => ("text", Some("numeric"), "w-8"),
        FieldKind::Integer => ("text", Some("numeric"), "w-5"),
        FieldKind::Money => ("text", Some("numeric"), "w-10"),
        FieldKind::MyNumber | FieldKind::CorporateNumber => ("text", Some("numeric"), "w-15"),
        FieldKind::Katakana | FieldKind::BankKana => ("text", None, "w-20"),
        FieldKind::Secret => ("password", None, "w-20"),
        _ => ("text", None, "w-full"),
    };
    // A secret is never given back to the page, not even after an error on its step.
    let value = if field.kind == FieldKind::Secret {
        String::new()
    } else {
        values.first(&field.name)
    };
    let shown_items = items.len() as u64;
    FieldView {
        kind: field.kind.clone(),
        id,
        name: field.name.clone(),
        label: field.label.get(lang).into(),
        hint: field.hint.as_ref().map(|h| h.get(lang).to_string()),
        required: field.required,
        condition: field
            .required_when
            .as_ref()
            .map(|c| c.get(lang).to_string()),
        error,
        warning: None,
        checked: matches!(value.as_str(), "true" | "on"),
        value,
        options,
        children,
        // A My Number or a secret is never given to the browser to remember.
        autocomplete: if matches!(field.kind, FieldKind::MyNumber | FieldKind::Secret) {
            Some("off".into())
        } else {
            field.autocomplete.clone()
        },
        input_type,
        inputmode,
        width_class,
        maxlength: field.max_length,
        year: values.first(&format!("{}.year", field.name)),
        month: values.first(&format!("{}.month", field.name)),
        day: values.first(&format!("{}.day", field.name)),
        suffix: (field.kind == FieldKind::Money)
            .then(|| msg::web_fields_yen::text(lang).to_string()),
        add_action: (field.kind == FieldKind::Repeat
            && field.max_items.is_none_or(|m| shown_items < m))
        .then(|| format!("add:{}", field.name)),
        add_label: field
            .item_label
            .as_ref()
            .map(|l| {
                let item = l.get(lang);
                madoguchi_i18n::t!(
                    lang,
                    web_fields_add_item,
                    item = item,
                    item_lower = item.to_lowercase()
                )
            })
            .unwrap_or_else(|| msg::web_fields_add_another::text(lang).into()),
        remove_action: None,
        items,
        lookup_action: field
            .address_field
            .as_ref()
            .map(|_| format!("lookup:{}", field.name)),
        address_target: field.address_field.clone(),
        files: Vec::new(),
        upload_action: None,
        remove_file_action: None,
        dependents: Vec::new(),
        reveal: None,
        add_formaction: None,
        remove_formaction: None,
        lookup_formaction: None,
        announce: if field.kind == FieldKind::Repeat {
            madoguchi_i18n::t!(lang, web_fields_item_removed, list = field.label.get(lang))
        } else {
            String::new()
        },
        filled: None,
        picker: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_required_list_with_one_option_comes_chosen_and_an_optional_one_does_not() {
        let definition = serde_json::json!({
            "procedure": {
                "id": "one-option", "title": {"ja": "t", "en": "t"}, "summary": {"ja": "s", "en": "s"},
                "category": "other", "department": "koseki-jumin", "identity": "none",
                "processing_days": null, "legal_basis": "x",
                "facts": {"legal_basis": {"to_confirm": "which article"}},
                "retention": "1y", "who_may_file": {"ja": "w", "en": "w"}, "what_to_prepare": [],
                "result_delivery": {"ja": "r", "en": "r"}
            },
            "schema": {
                "type": "object", "additionalProperties": false,
                "properties": {
                    "office": {"type": "string", "enum": ["main"]},
                    "branch": {"type": "string", "enum": ["north"]}
                },
                "required": ["office"]
            },
            "ui": {
                "steps": [{"id": "where", "title": {"ja": "a", "en": "a"}, "fields": ["office", "branch"]}],
                "fields": {
                    "office": {"label": {"ja": "窓口", "en": "Counter"}, "widget": "select",
                               "options": {"main": {"ja": "本庁", "en": "City hall"}}},
                    "branch": {"label": {"ja": "支所", "en": "Branch"}, "widget": "select",
                               "options": {"north": {"ja": "北支所", "en": "North"}}}
                }
            }
        });
        let form = Form::from_value(std::path::Path::new("one-option/form.json"), definition)
            .unwrap_or_else(|p| panic!("{:?}", p.iter().map(|p| &p.pointer).collect::<Vec<_>>()));
        let step = &form.steps()[0];
        let (fields, _) = step_fields(&form, step, &Values(&[]), &[], Lang::Ja);
        let chosen: Vec<(bool, bool)> = fields
            .iter()
            .map(|f| (f.is_select(), f.only_choice()))
            .collect();
        assert_eq!(chosen, [(true, true), (true, false)]);
    }

    #[test]
    fn the_summary_lists_the_first_problems_and_counts_the_rest() {
        for n in [0, 1, MAX_SHOWN_ERRORS, MAX_SHOWN_ERRORS + 1, 5000] {
            for lang in Lang::ALL {
                let mut summary: Vec<ErrorLink> = (0..n)
                    .map(|i| ErrorLink {
                        href: format!("#f-{i}"),
                        text: format!("problem {i}"),
                    })
                    .collect();
                cap_summary(&mut summary, lang);
                if n <= MAX_SHOWN_ERRORS {
                    assert_eq!(summary.len(), n);
                    continue;
                }
                assert_eq!(summary.len(), MAX_SHOWN_ERRORS + 1, "{n}");
                assert_eq!(
                    summary[MAX_SHOWN_ERRORS - 1].text,
                    format!("problem {}", MAX_SHOWN_ERRORS - 1)
                );
                let last = &summary[MAX_SHOWN_ERRORS];
                let more = n - MAX_SHOWN_ERRORS;
                // The count as the catalogue writes numbers (4,900).
                assert!(
                    last.text.replace(',', "").contains(&more.to_string()),
                    "{lang:?}: {}",
                    last.text
                );
                assert_eq!(
                    last.href,
                    format!("#f-{MAX_SHOWN_ERRORS}"),
                    "the first not listed"
                );
            }
        }
    }
}
