//! What a clerk does from the day list, each a form posted from the booking's row and
//! back to the same day: confirm a request (本受付), and mark whether the person came.

use actix_web::{HttpResponse, web};
use madoguchi_core::{Attendance, BookingId};

use crate::error::WebError;
use crate::extract::{Ctx, CurrentClerk, FormBody, RecordKey};
use crate::routes::see_other;

/// The day list to come back to.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct Back {
    resource: String,
    day: String,
    /// `arrived`, `no_show`, or `clear` (the attendance form).
    attendance: String,
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
