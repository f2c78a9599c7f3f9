//! Webhooks: made (the signing secret shown once), stopped, and a delivery sent again.

use crate::msg;

use actix_web::{HttpResponse, web};
use madoguchi_app::AppError;

use super::page::{Typed, page};
use crate::error::WebError;
use crate::extract::RecordKey;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::see_other;

/// A new webhook: where it posts, and the events ticked.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct HookInput {
    url: String,
    events: Vec<String>,
}

pub(super) async fn make_hook(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let HookInput { url, events } = body.parse()?;
    let (c, u) = (clerk.clerk.clone(), url.clone());
    match ctx
        .call(move |app, tenant| app.integrations(&tenant).create_webhook(&c, &u, &events))
        .await?
    {
        Ok((_, secret)) => {
            let what =
                msg::web_integrations_the_webhooks_signing_secret::text(ctx.lang).to_string();
            let typed = Typed {
                secret: Some((what, secret)),
                ..Typed::default()
            };
            page(&ctx, &clerk, csrf.0, typed).await
        }
        Err(AppError::Refused(code)) => {
            let typed = Typed {
                url,
                error: Some(code),
                ..Typed::default()
            };
            page(&ctx, &clerk, csrf.0, typed).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

pub(super) async fn disable(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<RecordKey>,
    // Read for its checks (size, content type, the CSRF token): the button posts nothing else.
    _form: FormBody,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner().into_inner());
    ctx.run(move |app, tenant| app.integrations(&tenant).disable_webhook(&c, &id))
        .await?;
    Ok(see_other("/office/integrations"))
}

pub(super) async fn replay(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<RecordKey>,
    // Read for its checks (size, content type, the CSRF token): the button posts nothing else.
    _form: FormBody,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner().into_inner());
    ctx.run(move |app, tenant| app.integrations(&tenant).replay_webhook_delivery(&c, &id))
        .await?;
    Ok(see_other("/office/integrations"))
}
