//! `/my`: what this browser filed, newest first, with each one's status in plain words,
//! and the drafts it can continue.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::submission::Receipt;
use madoguchi_core::ProcedureId;
use madoguchi_core::jst;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, ResidentSession};
use crate::routes::html;
use crate::views::Page;

#[derive(Template)]
#[template(path = "my.html")]
struct MyPage {
    page: Page,
    items: Vec<Receipt>,
    drafts: Vec<madoguchi_app::filing::DraftSummary>,
    /// The draft whose "email me a link" form was sent with a bad address, and what was typed.
    email_error: Option<(ProcedureId, String)>,
    /// A link was just sent for this procedure.
    sent: Option<ProcedureId>,
    /// Signed in: with the card (`true`) or an account (`false`).
    card: Option<bool>,
    csrf: String,
}

impl MyPage {
    fn email_error_for(&self, pid: &ProcedureId) -> Option<&str> {
        self.email_error
            .as_ref()
            .filter(|(p, _)| p == pid)
            .map(|(_, typed)| typed.as_str())
    }
    fn was_sent(&self, pid: &ProcedureId) -> bool {
        self.sent.as_ref() == Some(pid)
    }
    fn l<'a>(&self, t: &'a madoguchi_core::Localized) -> &'a str {
        t.get(self.page.lang)
    }
    fn l_owned(&self, t: madoguchi_core::Localized) -> String {
        t.get(self.page.lang).to_string()
    }
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }
}

/// What this browser filed, newest first, with each one's status in plain words.
#[derive(serde::Deserialize)]
pub(super) struct MyQuery {
    sent: Option<ProcedureId>,
}

pub(super) async fn my_applications(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    query: web::Query<MyQuery>,
) -> Result<HttpResponse, WebError> {
    my_page(ctx, session.0, csrf.0, None, query.into_inner().sent).await
}

pub(crate) async fn my_page(
    ctx: Ctx,
    token: Option<String>,
    csrf: String,
    email_error: Option<(ProcedureId, String)>,
    sent: Option<ProcedureId>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (items, drafts, signed_in) = ctx
        .run(move |app, tenant| {
            Ok((
                app.filing(&tenant).my_applications(token.as_deref())?,
                app.filing(&tenant).my_drafts(token.as_deref())?,
                app.residents(&tenant).identity(token.as_deref())?,
            ))
        })
        .await?;
    let mut page = Page::new(lang, msg::web_resident_your_applications::text(lang), "/my");
    page.has_errors = email_error.is_some();
    let card = signed_in
        .as_ref()
        .map(|i| i.level == madoguchi_forms::definition::IdentityLevel::MyNumberCard);
    let status = if email_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html(
        status,
        &MyPage {
            page,
            items,
            drafts,
            email_error,
            sent,
            card,
            csrf,
        },
        lang,
    )
}
