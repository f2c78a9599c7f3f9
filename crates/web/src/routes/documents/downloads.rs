//! PDFs and attached files: by emailed link, for the browser that filed, for clerks.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use madoguchi_app::notification::Pdf;
use madoguchi_core::AttachmentId;

use crate::error::WebError;
use crate::extract::{ArrivalKey, LinkToken, RecordKey};
use crate::extract::{Ctx, CurrentClerk, ResidentSession};

fn pdf(doc: Pdf) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/pdf"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("inline; filename=\"{}\"", doc.filename),
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(doc.body)
}

pub(super) async fn by_link(
    ctx: Ctx,
    token: web::Path<LinkToken>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner().into_inner();
    let doc = ctx
        .run(move |app, tenant| app.filing(&tenant).decision_notice_by_link(&token))
        .await?;
    Ok(pdf(doc))
}

pub(super) async fn receipt(
    ctx: Ctx,
    session: ResidentSession,
    number: web::Path<ArrivalKey>,
) -> Result<HttpResponse, WebError> {
    let (token, number) = (session.0, number.into_inner().into_inner());
    let doc = ctx
        .run(move |app, tenant| app.filing(&tenant).receipt_pdf(token.as_deref(), &number))
        .await?;
    Ok(pdf(doc))
}

/// An attached file, for a clerk who may see the filing. Always a download (never shown
/// inline), with its detected type.
pub(super) async fn file(
    ctx: Ctx,
    clerk: CurrentClerk,
    path: web::Path<(RecordKey, RecordKey)>,
) -> Result<HttpResponse, WebError> {
    let (c, (id, file)) = (clerk.clerk, path.into_inner());
    let f = ctx
        .run(move |app, tenant| {
            app.review(&tenant)
                .attachment_for_clerk(&c, &id, &AttachmentId::new(file.into_inner()))
        })
        .await?;
    Ok(download(f))
}

/// A file as a download (never shown inline), with its detected type, not cached.
pub(crate) fn download(f: madoguchi_app::kernel::FileDownload) -> HttpResponse {
    // RFC 6266: an ASCII fallback and the UTF-8 name.
    let encoded: String = f
        .file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, f.content_type))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"attachment\"; filename*=UTF-8''{encoded}"),
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .no_chunking(u64::try_from(f.size_bytes).unwrap_or(0))
        .streaming(crate::blocking::stream_reader(f.content))
}

pub(super) async fn for_clerk(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<RecordKey>,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk, id.into_inner().into_inner());
    let doc = ctx
        .run(move |app, tenant| app.review(&tenant).decision_notice_for_clerk(&c, &id))
        .await?;
    Ok(pdf(doc))
}
