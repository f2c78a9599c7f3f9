//! `/office/integrations`: the section's API tokens, webhooks and their deliveries.

use crate::msg;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use chrono::{DateTime, Utc};
use madoguchi_app::{
    integrations::ApiTokenView, integrations::WebhookDelivery, integrations::WebhookView,
    notification::WebhookEvent,
};
use madoguchi_core::{ErrorCode, jst};

use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::html;
use crate::views::{ErrorLink, Page};

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
            .join(msg::web_integrations_list_separator::text(self.page.lang))
    }
    fn state(&self, d: &WebhookDelivery) -> String {
        d.state().get(self.page.lang).to_string()
    }
}

/// What the forms sent back, for the page shown again with an error.
#[derive(Default)]
pub(super) struct Typed {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) secret: Option<(String, String)>,
    pub(super) error: Option<ErrorCode>,
}

pub(super) async fn page(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    typed: Typed,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let (tokens, hooks) = ctx
        .run(move |app, tenant| {
            let door = app.integrations(&tenant);
            Ok((door.api_tokens(&c)?, door.webhooks(&c)?))
        })
        .await?;
    let mut p = crate::views::office_page(
        lang,
        msg::web_common_integrations::text(lang),
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

pub(super) async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    page(&ctx, &clerk, csrf.0, Typed::default()).await
}
