//! The applicant's correction page (補正), reached from the emailed link, and withdrawal
//! (取下げ) with a confirmation step. The secret in the link is the only key: no account
//! or cookie is needed, and a wrong or old link is "not found".

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, filing::CorrectionOutcome, filing::CorrectionPage};
use madoguchi_core::{ErrorCode, Lang, jst};
use madoguchi_forms::FieldError;
use madoguchi_forms::input::{StepAction, apply_item_action, posted_from_data};

use super::{html, resource, see_other};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, FormBody, Upload};
use crate::views::{ErrorLink, FieldView, Page, Values, step_fields};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/corrections/{token}")
            .route(web::get().to(show))
            .route(web::post().to(answer)),
    )
    .service(resource("/corrections/{token}/files").route(web::post().to(upload)))
    .service(resource("/corrections/{token}/files/remove").route(web::post().to(remove_file)))
    .service(
        resource("/corrections/{token}/withdraw")
            .route(web::get().to(confirm_withdrawal))
            .route(web::post().to(withdraw)),
    );
}

#[derive(Template)]
#[template(path = "correction.html")]
struct CorrectionView {
    page: Page,
    c: CorrectionPage,
    token: String,
    fields: Vec<FieldView>,
    errors: Vec<ErrorLink>,
    csrf: String,
    deadline: String,
    has_lookup: bool,
}

impl CorrectionView {
    fn title(&self) -> &str {
        self.c.procedure_title.get(self.page.lang)
    }

    fn state(&self) -> String {
        self.c
            .state
            .resident_label()
            .get(self.page.lang)
            .to_string()
    }
}

fn view(
    lang: Lang,
    token: String,
    c: CorrectionPage,
    values: &[(String, String)],
    errors: &[FieldError],
    csrf: String,
) -> CorrectionView {
    let (mut fields, mut summary) = step_fields(&c.form, &c.step, &Values(values), errors, lang);
    if c.can_answer {
        for f in fields.iter_mut().filter(|f| f.kind == "file") {
            let pointer = format!("/{}", f.name.replace('.', "/"));
            f.files = c
                .files
                .iter()
                .filter(|a| a.field == pointer)
                .map(|a| {
                    (
                        // Only files sent with this correction can be taken back.
                        if a.from_correction {
                            a.id.clone()
                        } else {
                            String::new()
                        },
                        a.file_name.clone(),
                        madoguchi_app::kernel::human_size(a.size_bytes),
                    )
                })
                .collect();
            f.upload_action = Some(format!("/corrections/{token}/files"));
            f.remove_file_action = Some(format!("/corrections/{token}/files/remove"));
        }
    }
    // Errors about answers not on this page (a rule across questions) still need saying.
    let first = fields
        .first()
        .map(|f| format!("#{}", f.base_id()))
        .unwrap_or_default();
    for e in errors.iter().filter(|e| !c.step.owns_pointer(&e.pointer)) {
        summary.push(ErrorLink {
            href: first.clone(),
            text: c.form.message_in(e, lang),
        });
    }
    let mut page = Page::new(
        lang,
        format!(
            "{} - {}",
            lang.pick("申請内容の修正", "Correct your application"),
            c.procedure_title.get(lang)
        ),
        "/corrections",
    );
    page.has_errors = !summary.is_empty();
    CorrectionView {
        page,
        deadline: jst::format_date(c.deadline, lang),
        has_lookup: fields.iter().any(|f| f.lookup_action.is_some()),
        c,
        token,
        fields,
        errors: summary,
        csrf,
    }
}

async fn show(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let t = token.clone();
    let c = ctx
        .run(move |app, tenant| app.correction(&tenant, &t))
        .await?;
    // A My Number is never sent back into a page: the applicant types it again.
    let values: Vec<(String, String)> = posted_from_data(&c.step, &c.data)
        .into_iter()
        .filter(|(name, _)| !is_my_number(&c.form, name))
        .collect();
    let v = view(ctx.lang, token, c, &values, &[], csrf.0);
    html(StatusCode::OK, &v, ctx.lang)
}

async fn answer(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let lang = ctx.lang;
    if let Some(action) = body.get("_action").and_then(StepAction::parse) {
        // Add or remove an item, or look up an address: the page comes back changed,
        // nothing is stored.
        let t = token.clone();
        let c = ctx
            .run(move |app, tenant| app.correction(&tenant, &t))
            .await?;
        let pairs: Vec<(String, String)> = body
            .pairs
            .into_iter()
            .filter(|(k, _)| k != "_action")
            .collect();
        let (values, errors) = match &action {
            StepAction::LookUpAddress(field) => {
                let (step, f) = (c.step.clone(), field.clone());
                let refilled = ctx
                    .run(move |app, _| app.look_up_address_in(&step, &pairs, &f))
                    .await?;
                (refilled.values, refilled.errors)
            }
            _ => (apply_item_action(&c.step, &pairs, &action), Vec::new()),
        };
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let v = view(lang, token, c, &values, &errors, csrf.0);
        return html(status, &v, lang);
    }
    let (t, pairs) = (token.clone(), body.pairs.clone());
    match ctx
        .run(move |app, tenant| app.answer_correction(&tenant, &t, &pairs))
        .await?
    {
        CorrectionOutcome::Sent => Ok(see_other(&format!("/corrections/{token}"))),
        CorrectionOutcome::Invalid { page, errors } => {
            let v = view(lang, token, *page, &body.pairs, &errors, csrf.0);
            html(StatusCode::UNPROCESSABLE_ENTITY, &v, lang)
        }
    }
}

/// The correction page again after a file was attached or taken back, with what was typed
/// kept and the file's error if it was refused.
async fn again(
    ctx: &Ctx,
    csrf: String,
    token: String,
    pairs: Vec<(String, String)>,
    refused: Option<(String, ErrorCode)>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let t = token.clone();
    let c = ctx
        .run(move |app, tenant| app.correction(&tenant, &t))
        .await?;
    let mut v = view(lang, token, c, &pairs, &[], csrf);
    let status = match refused {
        Some((question, code)) => {
            v.errors.push(ErrorLink::for_code(
                code,
                lang,
                format!("#f-{}-file", question.replace('.', "-")),
            ));
            v.page.has_errors = true;
            crate::error::status_of(code)
        }
        None => StatusCode::OK,
    };
    html(status, &v, lang)
}

async fn upload(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<String>,
    upload: Upload,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let pairs: Vec<(String, String)> = upload
        .pairs
        .into_iter()
        .filter(|(k, _)| k != "_file")
        .collect();
    let Some((question, name, bytes)) = upload.file else {
        return again(&ctx, csrf.0, token, pairs, None).await;
    };
    let (t, q) = (token.clone(), format!("/{}", question.replace('.', "/")));
    let refused = match ctx
        .call(move |app, tenant| app.upload_for_correction(&tenant, &t, &q, &name, &bytes))
        .await?
    {
        Ok(_) => None,
        Err(AppError::Refused(code)) => Some((question, code)),
        Err(e) => return Err(WebError::from_app(e, ctx.lang)),
    };
    again(&ctx, csrf.0, token, pairs, refused).await
}

async fn remove_file(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let id = body.get("_attachment").unwrap_or_default().to_string();
    let t = token.clone();
    ctx.run(move |app, tenant| app.remove_correction_upload(&tenant, &t, &id))
        .await?;
    let pairs: Vec<(String, String)> = body
        .pairs
        .into_iter()
        .filter(|(k, _)| k != "_attachment")
        .collect();
    again(&ctx, csrf.0, token, pairs, None).await
}

/// Whether the input `name` (`a.b.0.c`) is a My Number field.
fn is_my_number(form: &madoguchi_forms::Form, name: &str) -> bool {
    let pointer = format!("/{}", name.replace('.', "/"));
    form.field(&pointer)
        .is_some_and(|f| f.kind == madoguchi_forms::model::FieldKind::MyNumber)
}

/// "Withdraw this application?" — from the correction link or the receipt.
#[derive(Template)]
#[template(path = "withdraw.html")]
pub(crate) struct WithdrawView {
    pub page: Page,
    pub title: String,
    pub arrival_number: String,
    /// Where the form posts, and the back link.
    pub action: String,
    pub back: String,
    pub csrf: String,
    /// Sent without ticking the confirmation.
    pub unconfirmed: bool,
}

impl WithdrawView {
    /// The page, 422 when sent back unconfirmed.
    pub(crate) fn respond(self, lang: Lang) -> Result<HttpResponse, WebError> {
        let status = if self.unconfirmed {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
        html(status, &self, lang)
    }
}

async fn confirm_withdrawal(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    withdrawal_page(ctx, csrf.0, token.into_inner(), false).await
}

async fn withdrawal_page(
    ctx: Ctx,
    csrf: String,
    token: String,
    unconfirmed: bool,
) -> Result<HttpResponse, WebError> {
    let t = token.clone();
    let c = ctx
        .run(move |app, tenant| app.correction(&tenant, &t))
        .await?;
    if !c.can_withdraw {
        return Err(WebError::from_app(AppError::InvalidTransition, ctx.lang));
    }
    let mut page = Page::new(
        ctx.lang,
        ctx.lang.pick("申請の取下げ", "Withdraw the application"),
        "/corrections",
    );
    page.has_errors = unconfirmed;
    WithdrawView {
        title: c.procedure_title.get(ctx.lang).to_string(),
        arrival_number: c.arrival_number.to_string(),
        action: format!("/corrections/{token}/withdraw"),
        back: format!("/corrections/{token}"),
        page,
        csrf,
        unconfirmed,
    }
    .respond(ctx.lang)
}

async fn withdraw(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    if body.get("confirm") != Some("yes") {
        // Not confirmed: the question again, saying what to do.
        return withdrawal_page(ctx, csrf.0, token, true).await;
    }
    let t = token.clone();
    ctx.run(move |app, tenant| app.withdraw_by_correction(&tenant, &t))
        .await?;
    Ok(see_other(&format!("/corrections/{token}")))
}
