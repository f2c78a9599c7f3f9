//! A form's booking questions (`crate::booking`): each with the slot the answers chose and
//! the resource and units they make, and the lint of their settings.

use serde_json::Value;

use crate::booking::SlotAnswer;
use crate::model::{Field, FieldKind};

use super::Form;

/// A booking question of a form and what the answers make of it.
#[derive(Clone, Debug)]
pub struct BookingAnswer<'a> {
    pub field: &'a Field,
    /// The slot chosen, if one is.
    pub slot: Option<SlotAnswer>,
    /// The resource the other answers choose now.
    pub resource: Option<String>,
    pub units: u32,
}

impl Form {
    /// The booking questions (top level), in page order.
    pub fn booking_questions(&self) -> impl Iterator<Item = &Field> {
        self.steps()
            .iter()
            .flat_map(|s| s.fields.iter())
            .filter(|f| f.kind == FieldKind::Booking)
    }

    /// Each booking question with the slot the answers chose and the resource and units
    /// they make.
    pub fn booking_answers<'a>(&'a self, data: &Value) -> Vec<BookingAnswer<'a>> {
        self.booking_questions()
            .map(|field| {
                let ui = field.booking.clone().unwrap_or_default();
                BookingAnswer {
                    field,
                    slot: data
                        .pointer(&field.pointer)
                        .and_then(Value::as_str)
                        .and_then(SlotAnswer::parse),
                    resource: ui.resource_for(data),
                    units: ui.units_for(data),
                }
            })
            .collect()
    }
}

/// The booking questions of a definition name a resource the answers can reach: a
/// `booking` setting on every `format: booking-slot` question (and on no other), a
/// resource named or chosen by a one-choice question of an earlier step whose every option
/// has a resource, units from a whole-number question of an earlier step, and only at the
/// top of a step. Earlier, not the same: the step's page lists the chosen place's times, so
/// without JavaScript the place must be known when the page is drawn.
pub(crate) fn check(
    steps: &[crate::model::Step],
    push: &mut impl FnMut(String, madoguchi_core::Localized),
) {
    let top: Vec<(usize, &Field)> = steps
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.fields.iter().map(move |f| (i, f)))
        .collect();
    let find = |pointer: &str| top.iter().find(|(_, f)| f.pointer == pointer).copied();
    for (step, field) in &top {
        for leaf in field
            .leaves()
            .into_iter()
            .filter(|l| l.pointer != field.pointer)
        {
            if leaf.kind == FieldKind::Booking || leaf.booking.is_some() {
                push(
                    at(&leaf.name),
                    lint_text!(forms_lint_booking_nested, field = leaf.name.as_str()),
                );
            }
        }
        let at_field = at(&field.name);
        let ui = match (&field.kind, &field.booking) {
            (FieldKind::Booking, Some(ui)) => ui,
            (FieldKind::Booking, None) => {
                push(
                    at_field,
                    lint_text!(forms_lint_booking_no_resource, field = field.name.as_str()),
                );
                continue;
            }
            (_, Some(_)) => {
                push(
                    format!("{at_field}/booking"),
                    lint_text!(forms_lint_booking_not_slot, field = field.name.as_str()),
                );
                continue;
            }
            (_, None) => continue,
        };
        let named_ok = |id: &str| SlotAnswer::parse(&format!("{id}/2000-01-01T00:00")).is_some();
        match (&ui.resource, &ui.resource_from) {
            (Some(id), None) if named_ok(id) => {}
            (None, Some(from)) => match find(from) {
                Some((from_step, chooser))
                    if from_step < *step && matches!(chooser.kind, FieldKind::Choice { .. }) =>
                {
                    for option in &chooser.options {
                        let ok = ui
                            .resources
                            .get(&option.value)
                            .is_some_and(|id| named_ok(id));
                        if !ok {
                            push(
                                format!("{at_field}/booking/resources"),
                                lint_text!(
                                    forms_lint_booking_option_without_resource,
                                    field = field.name.as_str(),
                                    option = option.value.as_str(),
                                ),
                            );
                        }
                    }
                }
                _ => push(
                    format!("{at_field}/booking/resource_from"),
                    lint_text!(
                        forms_lint_booking_chooser,
                        field = field.name.as_str(),
                        pointer = from.as_str()
                    ),
                ),
            },
            _ => push(
                format!("{at_field}/booking"),
                lint_text!(forms_lint_booking_no_resource, field = field.name.as_str()),
            ),
        }
        if let Some(units) = &ui.units_from
            && !find(units).is_some_and(|(s, f)| s < *step && f.kind == FieldKind::Integer)
        {
            push(
                format!("{at_field}/booking/units_from"),
                lint_text!(
                    forms_lint_booking_units,
                    field = field.name.as_str(),
                    pointer = units.as_str()
                ),
            );
        }
    }
}

fn at(name: &str) -> String {
    format!("/ui/fields/{}", name.replace('.', "/fields/"))
}
