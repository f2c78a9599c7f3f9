//! `/p/{id}`: a procedure's start page — who may file, the fee, what to prepare.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::kernel::IdentityNeed;
use madoguchi_core::ProcedureId;

use crate::error::WebError;
use crate::extract::state;
use crate::extract::{Ctx, ResidentSession};
use crate::page_cache::{SharedPage, StartVersion, StepVersion};
use crate::routes::html;
use crate::routes::shared_page::{etag_of, is_shared, kept_body, page_html};
use crate::views::Page;
use crate::views::procedure_facts::{ProcedureFacts, procedure_facts};
use actix_web::web::Bytes;
use std::sync::Arc;

#[derive(Template)]
#[template(path = "procedure.html")]
struct StartPage {
    page: Page,
    id: String,
    title: String,
    summary: String,
    /// Who may file, the fee, what to prepare, the result, the time, the basis, the
    /// department and the purpose of use (the designer's preview shows the same).
    facts: ProcedureFacts,
    first_step: String,
    /// What identity filing online needs, announced before step 1.
    need: IdentityNeed,
    /// The session is signed in (an account or at the provider; `Some(true)` with the card).
    signed_in: Option<bool>,
    /// Residents can sign in at the provider too.
    provider_sign_in: bool,
    /// For procedures completed at a counter: why, and how the visit goes.
    pre_entry: Option<String>,
}

pub(super) async fn start(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    id: web::Path<ProcedureId>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let pid = id.into_inner();
    let token = session.0;
    let token_absent = token.is_none();
    // Without a session nothing here is the reader's own: answered from memory when the
    // app has the procedure there, else (and with a session) on the blocking pool.
    let cached = match token {
        None => ctx.app.cached_procedure(&ctx.tenant, &pid),
        Some(_) => None,
    };
    let (form, department, signed_in, unconfirmed) = match cached {
        Some(found) => {
            let (form, department) = found.map_err(|e| WebError::from_app(e, lang))?;
            // Which facts the city has not confirmed: from memory, else on the pool.
            let unconfirmed = match ctx.app.cached_unconfirmed_facts(&ctx.tenant, &form) {
                Some(known) => known,
                None => {
                    let form = Arc::clone(&form);
                    ctx.run(move |app, tenant| app.unconfirmed_facts(&tenant, &form))
                        .await?
                }
            };
            (form, department, None, unconfirmed)
        }
        None => {
            let pid = pid.clone();
            ctx.run(move |app, tenant| {
                let (form, department) = app.procedure(&tenant, &pid)?;
                let signed_in = app.residents(&tenant).identity(token.as_deref())?;
                let unconfirmed = app.unconfirmed_facts(&tenant, &form)?;
                Ok((form, department, signed_in, unconfirmed))
            })
            .await?
        }
    };
    let need = ctx.app.identity_need(&ctx.tenant, &form);
    let shared = signed_in.is_none();
    let page = Page::new(lang, form.title().get(lang), format!("/p/{}", form.id()));
    // Without a session, and for a reader whose header names nobody, the page is the same
    // for every reader of this city, language and form version: kept rendered (see
    // `crate::page_cache`), with its tag.
    let kept = (token_absent && is_shared()).then(|| {
        let key = (ctx.tenant.clone(), pid.clone(), lang, page.furigana);
        let version = StartVersion {
            step: StepVersion {
                form: Arc::clone(&form),
                department: department.clone(),
                city: page.city.clone(),
            },
            need,
            sign_in: ctx.app.sign_in_available(&ctx.tenant),
            unconfirmed: unconfirmed.clone(),
        };
        (key, version)
    });
    let pages = match &kept {
        Some(_) => Some(Arc::clone(&state(&req)?.pages)),
        None => None,
    };
    if let (Some((key, version)), Some(pages)) = (&kept, &pages)
        && let Some(found) = pages.starts.get(key, version)
    {
        return Ok(kept_body(&req, &found, HTML));
    }
    let s = form.settings();
    let view = StartPage {
        page,
        id: form.id().into(),
        title: s.title.get(lang).into(),
        summary: s.summary.get(lang).into(),
        facts: procedure_facts(&form, &department, lang, &unconfirmed),
        first_step: form
            .steps()
            .first()
            .map(|st| st.id.clone())
            .unwrap_or_default(),
        need,
        signed_in: signed_in.map(|i| i.level == madoguchi_forms::IdentityLevel::MyNumberCard),
        provider_sign_in: ctx.app.sign_in_available(&ctx.tenant),
        pre_entry: (s.filing == madoguchi_forms::definition::Filing::PreEntry).then(|| {
            s.filing_note
                .as_ref()
                .map(|n| n.get(lang).to_string())
                .unwrap_or_default()
        }),
    };
    if let (Some((key, version)), Some(pages)) = (kept, pages) {
        let body = view.render().map_err(|e| WebError::internal(e, lang))?;
        let etag = etag_of(body.as_bytes());
        let body = Bytes::from(body);
        let page = pages.starts.put(key, version, SharedPage::new(body, etag));
        return Ok(kept_body(&req, &page, HTML));
    }
    if shared {
        // The same page for every reader of this city, language and form version.
        page_html(&req, &view, lang)
    } else {
        html(StatusCode::OK, &view, lang)
    }
}

const HTML: &str = "text/html; charset=utf-8";
