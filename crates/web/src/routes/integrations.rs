//! `/office/integrations`: a department author's API tokens and webhooks, with the delivery
//! log and "send again". A new token's or webhook's secret is shown once, on the answer to
//! the form that made it.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use madoguchi_app::{
    AppError, integrations::ApiTokenView, integrations::WebhookDelivery, integrations::WebhookView,
    notification::WebhookEvent,
};
use madoguchi_core::{ErrorCode, jst};

use super::{html, resource, see_other};
use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::views::{ErrorLink, Page};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/integrations").route(web::get().to(show)))
        .service(resource("/office/integrations/tokens").route(web::post().to(make_token)))
        .service(resource("/office/integrations/tokens/{id}/revoke").route(web::post().to(revoke)))
        .service(resource("/office/integrations/webhooks").route(web::post().to(make_hook)))
        .service(
            resource("/office/integrations/webhooks/{id}/disable").route(web::post().to(disable)),
        )
        .service(
            resource("/office/integrations/deliveries/{id}/replay").route(web::post().to(replay)),
        );
}

#[derive(Template)]
#[template(path = "office/integrations.html")]
struct IntegrationsPage {
    page: Page,
    tokens: Vec<ApiTokenView>,
    hooks: Vec<WebhookView>,
    event_choices: Vec<(&'static str, String)>,
    /// (what it is, the secret) right after making one.
    secret: Option<(String, String)>,
    csrf: String,
    errors: Vec<ErrorLink>,
    name_value: String,
    name_error: Option<String>,
    url_value: String,
    url_error: Option<String>,
    events_error: Option<String>,
}

impl IntegrationsPage {
    fn when(&self, at: &DateTime<Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }
    fn events(&self, h: &WebhookView) -> String {
        h.events
            .iter()
            .map(|e| e.label().get(self.page.lang).to_string())
            .collect::<Vec<_>>()
            .join("、")
    }
    fn state(&self, d: &WebhookDelivery) -> String {
        d.state().get(self.page.lang).to_string()
    }
}

/// What the forms sent back, for the page shown again with an error.
#[derive(Default)]
struct Typed {
    name: String,
    url: String,
    secret: Option<(String, String)>,
    error: Option<ErrorCode>,
}

async fn page(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    typed: Typed,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let (tokens, hooks) = ctx
        .run(move |app, _| Ok((app.api_tokens(&c)?, app.webhooks(&c)?)))
        .await?;
    let mut p = super::office::office_page(
        lang,
        lang.pick("システム連携", "Integrations"),
        "/office/integrations",
        clerk,
        &csrf,
    );
    let at =
        |code: ErrorCode, which: ErrorCode| (code == which).then(|| ErrorLink::text_of(code, lang));
    let errors = typed
        .error
        .map(|code| {
            let href = match code {
                ErrorCode::WebhookUrlInvalid => "#url",
                ErrorCode::WebhookEventsMissing => "#event-1",
                _ => "#name",
            };
            vec![ErrorLink::for_code(code, lang, href)]
        })
        .unwrap_or_default();
    p.has_errors = !errors.is_empty();
    let page = IntegrationsPage {
        page: p,
        tokens,
        hooks,
        event_choices: WebhookEvent::ALL
            .iter()
            .map(|e| (e.code(), e.label().get(lang).to_string()))
            .collect(),
        secret: typed.secret,
        csrf,
        name_error: typed.error.and_then(|c| at(c, ErrorCode::TokenNameInvalid)),
        url_error: typed
            .error
            .and_then(|c| at(c, ErrorCode::WebhookUrlInvalid)),
        events_error: typed
            .error
            .and_then(|c| at(c, ErrorCode::WebhookEventsMissing)),
        errors,
        name_value: typed.name,
        url_value: typed.url,
    };
    html(typed.error.map_or(StatusCode::OK, status_of), &page, lang)
}

async fn show(ctx: Ctx, clerk: CurrentClerk, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    page(&ctx, &clerk, csrf.0, Typed::default()).await
}

async fn make_token(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let name = body.get("name").unwrap_or_default().to_string();
    let write = body.get("rights") == Some("write");
    let (c, n) = (clerk.clerk.clone(), name.clone());
    match ctx
        .call(move |app, _| app.create_api_token(&c, &n, write))
        .await?
    {
        Ok(made) => {
            let what = ctx
                .lang
                .pick("新しいAPIトークン", "Your new API token")
                .to_string();
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

async fn make_hook(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let url = body.get("url").unwrap_or_default().to_string();
    let events: Vec<String> = body.all("events").map(str::to_string).collect();
    let (c, u) = (clerk.clerk.clone(), url.clone());
    match ctx
        .call(move |app, _| app.create_webhook(&c, &u, &events))
        .await?
    {
        Ok((_, secret)) => {
            let what = ctx
                .lang
                .pick(
                    "Webhookの署名用シークレット",
                    "The webhook's signing secret",
                )
                .to_string();
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

async fn revoke(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    ctx.run(move |app, _| app.revoke_api_token(&c, &id)).await?;
    Ok(see_other("/office/integrations"))
}

async fn disable(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    ctx.run(move |app, _| app.disable_webhook(&c, &id)).await?;
    Ok(see_other("/office/integrations"))
}

async fn replay(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    ctx.run(move |app, _| app.replay_webhook_delivery(&c, &id))
        .await?;
    Ok(see_other("/office/integrations"))
}
