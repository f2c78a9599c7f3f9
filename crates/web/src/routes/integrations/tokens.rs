//! API tokens: made (the secret shown once) and revoked.

use crate::msg;

use actix_web::{HttpResponse, web};
use madoguchi_app::AppError;

use super::page::{Typed, page};
use crate::error::WebError;
use crate::extract::RecordKey;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::see_other;

/// A new token: its name, and whether it may change things.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct TokenInput {
    name: String,
    rights: Option<Rights>,
}

#[derive(serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Rights {
    Write,
    #[serde(other)]
    Read,
}

pub(super) async fn make_token(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let TokenInput { name, rights } = body.parse()?;
    let write = rights == Some(Rights::Write);
    let (c, n) = (clerk.clerk.clone(), name.clone());
    match ctx
        .call(move |app, tenant| app.integrations(&tenant).create_api_token(&c, &n, write))
        .await?
    {
        Ok(made) => {
            let what = msg::web_integrations_your_new_api_token::text(ctx.lang).to_string();
            let typed = Typed {
                secret: Some((what, made.secret)),
                ..Typed::default()
            };
            page(&ctx, &clerk, csrf.0, typed).await
        }
        Err(AppError::Refused(code)) => {
            let typed = Typed {
                name,
                error: Some(code),
                ..Typed::default()
            };
            page(&ctx, &clerk, csrf.0, typed).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

pub(super) async fn revoke(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<RecordKey>,
    // Read for its checks (size, content type, the CSRF token): the button posts nothing else.
    _form: FormBody,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner().into_inner());
    ctx.run(move |app, tenant| app.integrations(&tenant).revoke_api_token(&c, &id))
        .await?;
    Ok(see_other("/office/integrations"))
}
