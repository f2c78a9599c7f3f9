//! What a step's booking questions offer: read for the answers saved so far, before the
//! step's page is drawn (the page itself is drawn without the database).

use madoguchi_forms::Form;
use serde_json::Value;

use crate::error::WebError;
use crate::extract::Ctx;
use crate::views::booking::Offered;

/// What each booking question of the step offers, for the answers saved so far: the
/// resource they choose (its days and times), or a word to choose the place first.
pub(super) async fn booking_offers(
    ctx: &Ctx,
    form: &Form,
    step_id: &str,
    data: &Value,
) -> Result<Vec<(String, Offered)>, WebError> {
    let Some((_, step)) = form.step(step_id) else {
        return Ok(Vec::new());
    };
    let mut asked = Vec::new();
    for a in form.booking_answers(data) {
        if !step.owns_pointer(&a.field.pointer) {
            continue;
        }
        let chooser = a
            .field
            .booking
            .as_ref()
            .and_then(|b| b.resource_from.as_deref())
            .and_then(|p| form.field(p))
            .map(|f| f.label.get(ctx.lang).to_string())
            .unwrap_or_default();
        asked.push((a.field.name.clone(), a.resource.clone(), a.units, chooser));
    }
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    ctx.run(move |app, tenant| {
        asked
            .into_iter()
            .map(|(name, resource, units, chooser)| {
                Ok((
                    name,
                    match resource {
                        None => Offered::ChooseFirst(chooser),
                        Some(r) => Offered::Resource(app.bookings(&tenant).offer(&r)?, units),
                    },
                ))
            })
            .collect()
    })
    .await
}
