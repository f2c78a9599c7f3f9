//! What a clerk does from the day list, each a form posted from the booking's row and
//! back to the same day: confirm a request (本受付), mark whether the person came, and
//! stop a slot or the day with a reason (or lift the stop).

use actix_web::{HttpResponse, web};
use madoguchi_core::{Attendance, BookingId};

use crate::error::WebError;
use crate::extract::{Ctx, CurrentClerk, FormBody, RecordKey};
use crate::routes::see_other;

/// The day list to come back to, and what its forms send.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct Back {
    resource: String,
    day: String,
    /// `arrived`, `no_show`, or `clear` (the attendance form).
    attendance: String,
    /// `all` or a slot's start, `HH:MM` (the block form).
    time: String,
    /// Why the slots are stopped (the block form); with `lift`, the block is lifted.
    reason: String,
    lift: String,
}

impl Back {
    fn location(&self) -> String {
        let resource = Some(self.resource.as_str())
            .filter(|r| madoguchi_core::booking::is_resource_id(r))
            .unwrap_or_default();
        let day = chrono::NaiveDate::parse_from_str(&self.day, "%Y-%m-%d")
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        format!("/office/bookings?resource={resource}&day={day}")
    }
}

pub(super) async fn confirm(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let back: Back = body.parse()?;
    let (c, id) = (
        clerk.clerk.clone(),
        BookingId::new(id.into_inner().into_inner()),
    );
    ctx.run(move |app, tenant| app.bookings(&tenant).confirm(&c, &id))
        .await?;
    Ok(see_other(&back.location()))
}

pub(super) async fn attendance(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let back: Back = body.parse()?;
    let mark = match back.attendance.as_str() {
        "arrived" => Some(Attendance::Arrived),
        "no_show" => Some(Attendance::NoShow),
        "clear" => None,
        _ => {
            return Err(WebError::new(
                madoguchi_core::ErrorCode::MalformedRequest,
                ctx.lang,
            ));
        }
    };
    let (c, id) = (
        clerk.clerk.clone(),
        BookingId::new(id.into_inner().into_inner()),
    );
    ctx.run(move |app, tenant| app.bookings(&tenant).mark(&c, &id, mark))
        .await?;
    Ok(see_other(&back.location()))
}

/// Stops a slot of the day, or all of it, with the reason residents read; or lifts a
/// stop. Back on the day list with what was done, or with the reason asked for.
pub(super) async fn block(
    ctx: Ctx,
    clerk: CurrentClerk,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let back: Back = body.parse()?;
    let lang = ctx.lang;
    let resource = Some(back.resource.as_str())
        .filter(|r| madoguchi_core::booking::is_resource_id(r))
        .map(madoguchi_core::ResourceId::new);
    let day = chrono::NaiveDate::parse_from_str(&back.day, "%Y-%m-%d").ok();
    let at = match back.time.as_str() {
        "all" | "" => Ok(None),
        t => chrono::NaiveTime::parse_from_str(t, "%H:%M").map(Some),
    };
    let (Some(resource), Some(day), Ok(at)) = (resource, day, at) else {
        return Err(WebError::new(
            madoguchi_core::ErrorCode::MalformedRequest,
            lang,
        ));
    };
    let reason = (back.lift.is_empty()).then(|| back.reason.clone());
    let c = clerk.clerk.clone();
    let done = ctx
        .call(move |app, tenant| {
            app.bookings(&tenant)
                .block(&c, &resource, day, at, reason.as_deref())
        })
        .await?;
    match done {
        Ok(b) if back.lift.is_empty() => Ok(see_other(&format!(
            "{}&stopped={}&told={}",
            back.location(),
            b.slots,
            b.told
        ))),
        Ok(b) => Ok(see_other(&format!(
            "{}&lifted={}",
            back.location(),
            b.slots
        ))),
        Err(madoguchi_app::AppError::Validation { errors, .. }) => {
            let problem = match errors.first().map(|e| e.code) {
                Some(madoguchi_forms::FormErrorCode::TooLong) => "reason-too-long",
                _ => "reason-missing",
            };
            Ok(see_other(&format!("{}&problem={problem}", back.location())))
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}
