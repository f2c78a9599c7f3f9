//! What the resource form shows: its inputs filled from the form's state, each with its
//! message when the form was refused, its rows of sessions and closed days, and the
//! summary of faults linking to their inputs.

use askama::Template;
use madoguchi_core::Lang;
use madoguchi_i18n::t;

use super::day_name;
use super::form::{DAYS, Fault, ResourceForm, Slip};
use crate::extract::{Ctx, CurrentClerk};
use crate::msg;
use crate::views::{ErrorLink, Page, TextInput as Field};

/// A radio or checkbox.
struct Choice {
    id: String,
    value: String,
    label: String,
    checked: bool,
}

/// A group of radios or checkboxes under one legend.
struct Group {
    name: String,
    legend: String,
    error: Option<String>,
    choices: Vec<Choice>,
}

struct RowView {
    legend: String,
    days: Option<Group>,
    fields: Vec<Field>,
    remove: String,
    remove_label: String,
}

#[derive(Template)]
#[template(path = "office/booking_resource.html")]
pub(super) struct FormView {
    page: Page,
    csrf: String,
    /// Editing a stored resource: its id is fixed.
    editing: bool,
    id: String,
    id_field: Field,
    texts: Vec<Field>,
    unit: Group,
    confirm: Group,
    sessions: Vec<RowView>,
    closed: Vec<RowView>,
    window: Vec<Field>,
    errors: Vec<ErrorLink>,
}

/// Faults as messages at their inputs, in the page's language.
struct Messages(Vec<(String, String)>);

impl Messages {
    fn at(&self, input: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(i, _)| i == input)
            .map(|(_, m)| m.clone())
    }
}
pub(super) fn slips(faults: &[Fault], lang: Lang) -> Vec<(String, String)> {
    faults
        .iter()
        .map(|f| {
            let field = label_of(&f.input, lang);
            let text = match f.slip {
                Slip::Missing => t!(lang, web_booking_resource_missing, field = field),
                Slip::NotTime => t!(lang, web_booking_resource_not_time, field = field),
                Slip::NotNumber => t!(lang, web_booking_resource_not_number, field = field),
                Slip::NotDate => t!(lang, web_booking_resource_not_date, field = field),
                Slip::Choose => t!(lang, web_booking_resource_choose, field = field),
            };
            (f.input.clone(), text)
        })
        .collect()
}

/// An input's label as messages name it (`受付時間帯2 の 1枠の定員`).
pub(super) fn label_of(input: &str, lang: Lang) -> String {
    let row = |rest: &str| -> Option<(usize, String)> {
        let (index, name) = rest.split_once('-')?;
        Some((index.parse::<usize>().ok()? + 1, name.to_string()))
    };
    if let Some((n, name)) = input.strip_prefix('s').and_then(row) {
        let part = match name.as_str() {
            "from" => msg::web_booking_resource_from::text(lang),
            "until" => msg::web_booking_resource_until::text(lang),
            "every" => msg::web_booking_resource_every::text(lang),
            "capacity" => msg::web_booking_resource_capacity::text(lang),
            "valid-from" => msg::web_booking_resource_valid_from::text(lang),
            "valid-until" => msg::web_booking_resource_valid_until::text(lang),
            _ => msg::web_booking_resource_days::text(lang),
        };
        let session = t!(lang, web_booking_resource_session, n = n.to_string());
        return format!("{session}: {part}");
    }
    if let Some((n, name)) = input.strip_prefix('c').and_then(row) {
        let part = match name.as_str() {
            "day" => msg::web_booking_resource_day::text(lang),
            _ => msg::web_booking_resource_reason_ja::text(lang),
        };
        let day = t!(lang, web_booking_resource_closed_day, n = n.to_string());
        return format!("{day}: {part}");
    }
    match input {
        "id" => msg::web_booking_resource_id::text(lang),
        "name-ja" => msg::web_booking_resource_name_ja::text(lang),
        "place-ja" => msg::web_booking_resource_place_ja::text(lang),
        "unit-persons" => msg::web_booking_resource_unit::text(lang),
        "confirm-on_filing" => msg::web_booking_resource_confirm::text(lang),
        "opens" => msg::web_booking_resource_opens::text(lang),
        "closes" => msg::web_booking_resource_closes::text(lang),
        "cutoff" => msg::web_booking_resource_cutoff::text(lang),
        _ => msg::web_booking_resource_per_person::text(lang),
    }
    .to_string()
}
pub(super) fn form_view(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    editing: bool,
    form: ResourceForm,
    messages: &[(String, String)],
) -> FormView {
    let lang = ctx.lang;
    let messages = Messages(messages.to_vec());
    let title = if editing {
        msg::web_booking_resource_edit_title::text(lang)
    } else {
        msg::web_booking_resource_new_title::text(lang)
    };
    let mut page =
        crate::views::office_page(lang, title, "/office/bookings/resources/new", clerk, &csrf);
    page.has_errors = !messages.0.is_empty();
    let field = |id: &str, label: &str, value: &str| Field {
        id: id.to_string(),
        label: label.to_string(),
        hint: None,
        value: value.to_string(),
        error: messages.at(id),
        width: "",
        numeric: false,
    };
    let short = |id: &str, label: &str, value: &str, numeric: bool| Field {
        width: if numeric { "w-5" } else { "w-8" },
        numeric,
        ..field(id, label, value)
    };
    let group = |name: &str, legend: &str, chosen: &str, options: &[(&str, &str)]| Group {
        name: name.to_string(),
        legend: legend.to_string(),
        error: messages.at(&format!("{name}-{}", options[0].0)),
        choices: options
            .iter()
            .map(|(value, label)| Choice {
                id: format!("{name}-{value}"),
                value: value.to_string(),
                label: label.to_string(),
                checked: *value == chosen,
            })
            .collect(),
    };
    let translation = Some(msg::web_booking_resource_translation_hint::text(lang).to_string());
    let texts = vec![
        field(
            "name-ja",
            msg::web_booking_resource_name_ja::text(lang),
            &form.name_ja,
        ),
        Field {
            hint: translation.clone(),
            ..field(
                "name-en",
                msg::web_booking_resource_name_en::text(lang),
                &form.name_en,
            )
        },
        field(
            "place-ja",
            msg::web_booking_resource_place_ja::text(lang),
            &form.place_ja,
        ),
        Field {
            hint: translation,
            ..field(
                "place-en",
                msg::web_booking_resource_place_en::text(lang),
                &form.place_en,
            )
        },
    ];
    let sessions = form
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = |name: &str| format!("s{i}-{name}");
            let days = DAYS
                .iter()
                .zip(s.days)
                .map(|((code, _), checked)| Choice {
                    id: at(&format!("day-{code}")),
                    value: code.to_string(),
                    label: day_name(code, lang).to_string(),
                    checked,
                })
                .collect();
            RowView {
                legend: t!(lang, web_booking_resource_session, n = (i + 1).to_string()),
                days: Some(Group {
                    name: at("day"),
                    legend: msg::web_booking_resource_days::text(lang).to_string(),
                    error: messages.at(&at("day-mon")),
                    choices: days,
                }),
                fields: vec![
                    Field {
                        hint: Some("09:00".into()),
                        ..short(
                            &at("from"),
                            msg::web_booking_resource_from::text(lang),
                            &s.from,
                            false,
                        )
                    },
                    Field {
                        hint: Some("11:30".into()),
                        ..short(
                            &at("until"),
                            msg::web_booking_resource_until::text(lang),
                            &s.until,
                            false,
                        )
                    },
                    short(
                        &at("every"),
                        msg::web_booking_resource_every::text(lang),
                        &s.every,
                        true,
                    ),
                    short(
                        &at("capacity"),
                        msg::web_booking_resource_capacity::text(lang),
                        &s.capacity,
                        true,
                    ),
                    Field {
                        hint: Some("2027-04-01".into()),
                        ..short(
                            &at("valid-from"),
                            msg::web_booking_resource_valid_from::text(lang),
                            &s.valid_from,
                            false,
                        )
                    },
                    Field {
                        hint: Some("2028-03-31".into()),
                        ..short(
                            &at("valid-until"),
                            msg::web_booking_resource_valid_until::text(lang),
                            &s.valid_until,
                            false,
                        )
                    },
                ],
                remove: at("remove"),
                remove_label: msg::web_booking_resource_remove_session::text(lang).to_string(),
            }
        })
        .collect();
    let closed = form
        .closed
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let at = |name: &str| format!("c{i}-{name}");
            RowView {
                legend: t!(
                    lang,
                    web_booking_resource_closed_day,
                    n = (i + 1).to_string()
                ),
                days: None,
                fields: vec![
                    Field {
                        hint: Some("2027-01-04".into()),
                        ..short(
                            &at("day"),
                            msg::web_booking_resource_day::text(lang),
                            &c.day,
                            false,
                        )
                    },
                    field(
                        &at("reason-ja"),
                        msg::web_booking_resource_reason_ja::text(lang),
                        &c.reason_ja,
                    ),
                    field(
                        &at("reason-en"),
                        msg::web_booking_resource_reason_en::text(lang),
                        &c.reason_en,
                    ),
                ],
                remove: at("remove"),
                remove_label: msg::web_booking_resource_remove_closed::text(lang).to_string(),
            }
        })
        .collect();
    let window = vec![
        short(
            "opens",
            msg::web_booking_resource_opens::text(lang),
            &form.opens,
            true,
        ),
        Field {
            hint: Some(msg::web_booking_resource_closes_hint::text(lang).to_string()),
            ..short(
                "closes",
                msg::web_booking_resource_closes::text(lang),
                &form.closes,
                true,
            )
        },
        Field {
            hint: Some("16:00".into()),
            ..short(
                "cutoff",
                msg::web_booking_resource_cutoff::text(lang),
                &form.cutoff,
                false,
            )
        },
        short(
            "per-person",
            msg::web_booking_resource_per_person::text(lang),
            &form.per_person,
            true,
        ),
    ];
    let errors = messages
        .0
        .iter()
        .map(|(input, text)| ErrorLink {
            href: format!("#{input}"),
            text: text.clone(),
        })
        .collect();
    FormView {
        id_field: Field {
            hint: Some(msg::web_booking_resource_id_hint::text(lang).to_string()),
            width: "w-15",
            ..short(
                "id",
                msg::web_booking_resource_id::text(lang),
                &form.id,
                false,
            )
        },
        id: form.id.clone(),
        unit: group(
            "unit",
            msg::web_booking_resource_unit::text(lang),
            &form.unit,
            &[
                (
                    "persons",
                    msg::web_booking_resource_unit_persons::text(lang),
                ),
                (
                    "minutes",
                    msg::web_booking_resource_unit_minutes::text(lang),
                ),
                ("points", msg::web_booking_resource_unit_points::text(lang)),
            ],
        ),
        confirm: group(
            "confirm",
            msg::web_booking_resource_confirm::text(lang),
            &form.confirm,
            &[
                (
                    "on_filing",
                    msg::web_booking_resource_confirm_on_filing::text(lang),
                ),
                (
                    "by_clerk",
                    msg::web_booking_resource_confirm_by_clerk::text(lang),
                ),
            ],
        ),
        page,
        csrf,
        editing,
        texts,
        sessions,
        closed,
        window,
        errors,
    }
}
