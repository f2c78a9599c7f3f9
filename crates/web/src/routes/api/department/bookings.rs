//! A department's bookable resources over the API (issue 49): a resource defined or
//! replaced with the department's write token, and the slots of a resource — rows anyone
//! may read ("why is 3 March full?").

use actix_web::{HttpResponse, web};
use madoguchi_app::bookings::Defined;
use madoguchi_core::{ErrorCode, ResourceId};
use serde_json::Value;

use super::Bearer;
use super::auth::with_client;
use crate::extract::Ctx;
use crate::routes::api::bodies::{
    ErrorEnvelope, Problem, ResourceStored, SlotBody, SlotList, SlotQuery, Text,
};
use crate::routes::api::error::ApiError;
use crate::routes::api::json::JsonBody;
use crate::routes::api::run;

/// The most days one request for slots may cover.
const MOST_DAYS: i64 = 62;

/// A resource id as a path may carry it.
fn resource_id(id: &str) -> Result<ResourceId, ApiError> {
    let fits = madoguchi_core::booking::is_resource_id(id);
    if fits {
        Ok(ResourceId::new(id))
    } else {
        Err(ApiError::Code(ErrorCode::NotFound))
    }
}

/// 200 with the slots opened; 422 with each fault at its field (a JSON pointer into the
/// definition) when the definition cannot be used. The body's `id` is the path's (given or
/// left out).
#[utoipa::path(
    put,
    path = "/booking-resources/{id}",
    operation_id = "defineBookingResource",
    tag = "departments",
    security(("departmentToken" = [])),
    params(("id" = String, Path, description = "The resource's id", pattern = "^[a-z0-9-]{1,60}$")),
    request_body(content = Object, description = "The resource's definition (docs/bookings.md)"),
    responses(
        (status = 200, description = "Stored, its slots opened", body = ResourceStored),
        (status = 401, response = ErrorEnvelope),
        (status = 403, response = ErrorEnvelope),
        (status = 422, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn define(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<String>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let id = resource_id(&id.into_inner())?;
    let mut definition = body.0;
    let Value::Object(map) = &mut definition else {
        return Err(ApiError::Code(ErrorCode::MalformedRequest));
    };
    match map.get("id") {
        None => {
            map.insert("id".into(), Value::from(id.as_str()));
        }
        Some(given) if given == id.as_str() => {}
        Some(_) => {
            let message = madoguchi_core::Localized::new(
                "/id: パスのIDと定義のIDが違います。同じIDにするか、定義のIDを省いてください",
                "/id: the id in the path and in the definition differ. Make them the same, or leave the definition's out",
            );
            return Err(ApiError::WithProblems(
                ErrorCode::DefinitionInvalid,
                vec![Problem {
                    pointer: "/id".into(),
                    message: Text::from(&message),
                }],
            ));
        }
    }
    let text = definition.to_string();
    let defined = with_client(&ctx, bearer, move |app, client| {
        let clerk = client.writer()?;
        app.bookings(&clerk.tenant).define(clerk, &text)
    })
    .await?;
    match defined {
        Defined::Stored { id, slots_opened } => Ok(HttpResponse::Ok().json(ResourceStored {
            id: id.into_inner(),
            slots_opened,
        })),
        Defined::Faults(faults) => Err(ApiError::WithProblems(
            ErrorCode::DefinitionInvalid,
            faults
                .iter()
                .map(|f| Problem {
                    pointer: f.field.clone(),
                    message: Text::from(&f.message()),
                })
                .collect(),
        )),
    }
}

/// The resource's slots on the days asked for: each slot's time, capacity, what is booked,
/// held and free, why it is closed, and whether it may be booked now. Anyone may read them.
#[utoipa::path(
    get,
    path = "/booking-resources/{id}/slots",
    operation_id = "bookingSlots",
    tag = "residents",
    params(
        ("id" = String, Path, description = "The resource's id", pattern = "^[a-z0-9-]{1,60}$"),
        ("from" = Option<String>, Query, description = "First day (YYYY-MM-DD, Japan); today without it"),
        ("to" = Option<String>, Query, description = "Last day (YYYY-MM-DD), at most 62 days after `from`")
    ),
    responses(
        (status = 200, description = "The slots", body = SlotList),
        (status = 404, response = ErrorEnvelope),
        (status = 422, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn slots(
    ctx: Ctx,
    id: web::Path<String>,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    let id = resource_id(&id.into_inner())?;
    let asked = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let SlotQuery { from, to } = SlotQuery {
        from: asked("from"),
        to: asked("to"),
    };
    let day = |text: Option<String>| match text {
        None => Ok(None),
        Some(t) => chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::Code(ErrorCode::SelectionInvalid)),
    };
    let (from, to) = (day(from)?, day(to)?);
    let list = run(&ctx, move |app, tenant| {
        let today = madoguchi_core::jst::date(app.now());
        let from = from.unwrap_or(today);
        let to = to.unwrap_or(from + chrono::Duration::days(MOST_DAYS - 1));
        if to < from || (to - from).num_days() >= MOST_DAYS {
            return Err(madoguchi_app::AppError::Refused(
                ErrorCode::SelectionInvalid,
            ));
        }
        app.bookings(&tenant).slots(&id, from, to).map(|s| (id, s))
    })
    .await?
    .map_err(|e| ApiError::from_app(e, None))?;
    let (id, slots) = list;
    Ok(HttpResponse::Ok().json(SlotList {
        slots: slots
            .into_iter()
            .map(|s| SlotBody {
                answer: madoguchi_forms::booking::SlotAnswer::new(id.as_str(), s.starts)
                    .to_string(),
                starts: s.starts,
                ends: s.ends,
                capacity: s.capacity,
                booked: s.booked,
                held: s.held,
                free: s.free,
                waiting: s.waiting,
                closed: s.closed.as_ref().map(Text::from),
                bookable: s.bookable.is_ok(),
            })
            .collect(),
        resource: id.into_inner(),
    }))
}
