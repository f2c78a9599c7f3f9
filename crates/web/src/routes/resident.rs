//! Resident pages: the list, a procedure's start page, its steps, the check page, submit,
//! and the receipt.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::{
    AppError, filing::CheckView, filing::ProcedureSummary, filing::StepOutcome,
    kernel::AttachmentView, kernel::IdentityGate, submission::Receipt,
};
use madoguchi_core::{ErrorCode, Lang, jst};
use madoguchi_forms::input::{StepAction, apply_item_action, posted_from_data};
use madoguchi_forms::{FieldError, Form, catalog};

use super::{html, resource, see_other};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession, Upload};
use crate::views::{
    AnswerSection, ErrorLink, FieldView, Page, SessionWarning, Values, answer_sections,
    attach_files, step_fields,
};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/").route(web::get().to(home)))
        .service(resource("/procedures").route(web::get().to(list)))
        .service(resource("/p/{id}").route(web::get().to(start)))
        .service(resource("/p/{id}/check").route(web::get().to(check)))
        .service(resource("/p/{id}/submit").route(web::post().to(submit)))
        .service(resource("/p/{id}/resume-link").route(web::post().to(email_resume_link)))
        .service(resource("/p/{id}/email-code").route(web::post().to(send_email_code)))
        .service(resource("/p/{id}/email-code/confirm").route(web::post().to(confirm_email_code)))
        .service(resource("/p/{id}/{step}/files").route(web::post().to(upload)))
        .service(resource("/p/{id}/{step}/files/remove").route(web::post().to(remove_file)))
        .service(
            resource("/p/{id}/{step}")
                .route(web::get().to(show_step))
                .route(web::post().to(save_step)),
        )
        .service(resource("/receipts/{number}").route(web::get().to(receipt)))
        .service(
            resource("/receipts/{number}/withdraw")
                .route(web::get().to(confirm_withdrawal))
                .route(web::post().to(withdraw)),
        )
        .service(resource("/receipts/{number}/notice.pdf").route(web::get().to(notice)))
        .service(resource("/my").route(web::get().to(my_applications)))
        .service(resource("/resume/{token}").route(web::get().to(resume)));
}

async fn home() -> HttpResponse {
    see_other("/procedures")
}

#[derive(Template)]
#[template(path = "procedures.html")]
struct ListPage {
    page: Page,
    /// The search, when one was made.
    query: Option<String>,
    results: Vec<ProcedureItem>,
    /// Without a search: every procedure, by category.
    groups: Vec<CategoryGroup>,
}

struct CategoryGroup {
    id: String,
    label: String,
    items: Vec<ProcedureItem>,
}

struct ProcedureItem {
    id: String,
    title: String,
    summary: String,
    meta: String,
    online: bool,
}

fn procedure_item(p: ProcedureSummary, lang: Lang) -> ProcedureItem {
    let fee = match p.unit_fee {
        Some(fee) if !fee.is_zero() => match lang {
            Lang::Ja => format!("手数料 {}", fee.format_ja()),
            Lang::En => format!("Fee {}", fee.format_en()),
        },
        _ => lang.pick("手数料なし", "No fee").to_string(),
    };
    ProcedureItem {
        title: p.title.get(lang).into(),
        summary: p.summary.get(lang).into(),
        meta: format!("{fee} ・ {}", p.department.get(lang)),
        online: p.online,
        id: p.id,
    }
}

#[derive(serde::Deserialize)]
struct SearchQuery {
    q: Option<String>,
}

async fn list(ctx: Ctx, query: web::Query<SearchQuery>) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let q = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_string);
    let mut page = Page::new(lang, lang.pick("手続の一覧", "Procedures"), "/procedures");
    let view = match q {
        Some(q) => {
            let search = q.clone();
            let results = ctx
                .run(move |app, tenant| app.search_procedures(&tenant, &search))
                .await?;
            page.title = match lang {
                Lang::Ja => format!("「{q}」の検索結果"),
                Lang::En => format!("Search results for “{q}”"),
            };
            page.path = format!("/procedures?q={q}");
            let results = results
                .into_iter()
                .map(|p| procedure_item(p, lang))
                .collect();
            ListPage {
                page,
                query: Some(q),
                results,
                groups: Vec::new(),
            }
        }
        None => {
            let all = ctx.run(|app, tenant| app.procedures(&tenant)).await?;
            let mut groups: Vec<CategoryGroup> = Vec::new();
            for p in all {
                if groups.last().is_none_or(|g| g.id != p.category) {
                    groups.push(CategoryGroup {
                        id: p.category.clone(),
                        label: catalog::category_label(&p.category).get(lang).into(),
                        items: Vec::new(),
                    });
                }
                if let Some(g) = groups.last_mut() {
                    g.items.push(procedure_item(p, lang));
                }
            }
            ListPage {
                page,
                query: None,
                results: Vec::new(),
                groups,
            }
        }
    };
    html(StatusCode::OK, &view, lang)
}

#[derive(Template)]
#[template(path = "procedure.html")]
struct StartPage {
    page: Page,
    id: String,
    title: String,
    summary: String,
    who: String,
    fee: String,
    prepare: Vec<String>,
    delivery: String,
    days: String,
    identity: String,
    department: String,
    legal_basis: String,
    first_step: String,
    /// For procedures completed at a counter: why, and how the visit goes.
    pre_entry: Option<String>,
}

fn fee_text(form: &Form, lang: Lang) -> String {
    match &form.settings().fee {
        Some(rule) if rule.unit_yen > 0 => {
            let unit = madoguchi_core::Yen::new(rule.unit_yen);
            match lang {
                Lang::Ja => format!("1{}につき{}", rule.unit.ja, unit.format_ja()),
                Lang::En => format!(
                    "{} per {}",
                    unit.format_en(),
                    rule.unit.en.trim_end_matches('s')
                ),
            }
        }
        _ => lang.pick("無料です", "Free").to_string(),
    }
}

fn days_text(form: &Form, lang: Lang) -> String {
    match form.settings().processing_days {
        Some(d) => match lang {
            Lang::Ja => format!("到達の翌日から{d}開庁日以内(標準処理期間)"),
            Lang::En => format!("Within {d} working days of arrival (standard processing period)"),
        },
        None => lang
            .pick(
                "受付期間の終了後にまとめて決定します",
                "Decided together after the application period",
            )
            .to_string(),
    }
}

async fn start(ctx: Ctx, id: web::Path<String>) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let pid = id.into_inner();
    let (form, department) = ctx
        .run(move |app, tenant| app.procedure(&tenant, &pid))
        .await?;
    let s = form.settings();
    let view = StartPage {
        page: Page::new(lang, form.title().get(lang), format!("/p/{}", form.id())),
        id: form.id().into(),
        title: s.title.get(lang).into(),
        summary: s.summary.get(lang).into(),
        who: s.who_may_file.get(lang).into(),
        fee: fee_text(&form, lang),
        prepare: s
            .what_to_prepare
            .iter()
            .map(|t| t.get(lang).to_string())
            .collect(),
        delivery: s.result_delivery.get(lang).into(),
        days: days_text(&form, lang),
        identity: s.identity.label().get(lang).into(),
        department: department.get(lang).into(),
        legal_basis: s.legal_basis.clone(),
        first_step: form
            .steps()
            .first()
            .map(|st| st.id.clone())
            .unwrap_or_default(),
        pre_entry: (s.filing == madoguchi_forms::definition::Filing::PreEntry).then(|| {
            s.filing_note
                .as_ref()
                .map(|n| n.get(lang).to_string())
                .unwrap_or_default()
        }),
    };
    html(StatusCode::OK, &view, lang)
}

#[derive(Template)]
#[template(path = "step.html")]
struct StepPage {
    page: Page,
    procedure_id: String,
    procedure_title: String,
    step_id: String,
    step_title: String,
    step_number: usize,
    step_count: usize,
    back_href: String,
    is_last: bool,
    fields: Vec<FieldView>,
    errors: Vec<ErrorLink>,
    csrf: String,
    /// The page has postal-code look-ups, which a small script speeds up.
    has_lookup: bool,
    /// How long saved answers are kept after the last save.
    draft_hours: i64,
}

fn step_page(
    form: &Form,
    step_id: &str,
    values: &[(String, String)],
    errors: &[FieldError],
    files: &[AttachmentView],
    ctx: &Ctx,
    csrf: String,
) -> Result<StepPage, WebError> {
    let lang = ctx.lang;
    let draft_hours = ctx.app.config().draft_ttl.num_hours();
    let (index, step) = form
        .step(step_id)
        .ok_or_else(|| WebError::new(ErrorCode::NotFound, lang))?;
    let (mut fields, summary) = step_fields(form, step, &Values(values), errors, lang);
    attach_files(&mut fields, files, form.id(), &step.id);
    let back_href = match index.checked_sub(1).and_then(|i| form.steps().get(i)) {
        Some(prev) => format!("/p/{}/{}", form.id(), prev.id),
        None => format!("/p/{}", form.id()),
    };
    let mut page = Page::new(
        lang,
        format!("{} - {}", step.title.get(lang), form.title().get(lang)),
        format!("/p/{}/{}", form.id(), step.id),
    );
    page.has_errors = !summary.is_empty();
    Ok(StepPage {
        draft_hours,
        page,
        procedure_id: form.id().into(),
        procedure_title: form.title().get(lang).into(),
        step_id: step.id.clone(),
        step_title: step.title.get(lang).into(),
        step_number: index + 1,
        step_count: form.steps().len(),
        back_href,
        is_last: index + 1 == form.steps().len(),
        has_lookup: fields.iter().any(|f| f.lookup_action.is_some()),
        fields,
        errors: summary,
        csrf,
    })
}

async fn show_step(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (pid, step_id) = path.into_inner();
    let token = session.0;
    let (draft, files, signed_in) = ctx
        .run(move |app, tenant| {
            let draft = app.draft(&tenant, token.as_deref(), &pid)?;
            let files = app.draft_files(&tenant, token.as_deref(), &pid)?;
            Ok((draft, files, app.identity(&tenant, token.as_deref())?))
        })
        .await?;
    let (_, step) = draft.form.step(&step_id).ok_or_else(|| ctx.not_found())?;
    let values = posted_from_data(step, &draft.data);
    let mut page = step_page(&draft.form, &step_id, &values, &[], &files, &ctx, csrf.0)?;
    page.page.session =
        SessionWarning::new(signed_in.as_ref(), ctx.lang, &page.csrf, &page.page.path);
    html(StatusCode::OK, &page, ctx.lang)
}

async fn save_step(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(String, String)>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (pid, step_id) = path.into_inner();
    if let Some(action) = body.get("_action").and_then(StepAction::parse) {
        let files = files_of(&ctx, session.0.clone(), &pid).await?;
        return step_action(ctx, csrf, pid, step_id, body, action, files).await;
    }
    // Each saved step keeps the browser's session another day (as long as its draft).
    session.refresh(&req)?;
    let token = session.ensure(&req)?;
    let (p, s, pairs) = (pid.clone(), step_id.clone(), body.pairs.clone());
    let outcome = ctx
        .run(move |app, tenant| app.save_step(&tenant, &token, &p, &s, &pairs))
        .await?;
    match outcome {
        StepOutcome::Saved {
            next_step: Some(next),
        } => Ok(see_other(&format!("/p/{pid}/{next}"))),
        StepOutcome::Saved { next_step: None } => Ok(see_other(&format!("/p/{pid}/check"))),
        StepOutcome::Invalid { errors } => {
            let form = ctx.app.forms().get(&pid).ok_or_else(|| ctx.not_found())?;
            let files = files_of(&ctx, session.0.clone(), &pid).await?;
            let page = step_page(&form, &step_id, &body.pairs, &errors, &files, &ctx, csrf.0)?;
            html(StatusCode::UNPROCESSABLE_ENTITY, &page, ctx.lang)
        }
    }
}

/// A button other than "continue": add or remove an item, or look up the address. The step
/// comes back with the change; nothing is saved until the resident continues.
async fn step_action(
    ctx: Ctx,
    csrf: CsrfToken,
    pid: String,
    step_id: String,
    body: FormBody,
    action: StepAction,
    files: Vec<AttachmentView>,
) -> Result<HttpResponse, WebError> {
    let form = ctx.app.forms().get(&pid).ok_or_else(|| ctx.not_found())?;
    let (_, step) = form.step(&step_id).ok_or_else(|| ctx.not_found())?;
    let pairs: Vec<(String, String)> = body
        .pairs
        .into_iter()
        .filter(|(k, _)| k != "_action")
        .collect();
    let (values, errors) = match &action {
        StepAction::LookUpAddress(field) => {
            let (p, s, f, posted) = (pid.clone(), step_id.clone(), field.clone(), pairs);
            let refilled = ctx
                .run(move |app, tenant| app.look_up_address_on_step(&tenant, &p, &s, &posted, &f))
                .await?;
            (refilled.values, refilled.errors)
        }
        _ => (apply_item_action(step, &pairs, &action), Vec::new()),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = step_page(&form, &step_id, &values, &errors, &files, &ctx, csrf.0)?;
    html(status, &page, ctx.lang)
}

async fn files_of(
    ctx: &Ctx,
    token: Option<String>,
    pid: &str,
) -> Result<Vec<AttachmentView>, WebError> {
    let pid = pid.to_string();
    ctx.run(move |app, tenant| app.draft_files(&tenant, token.as_deref(), &pid))
        .await
}

/// The step again after attaching or removing a file: what was typed is kept (nothing is
/// saved until the resident continues), with the question's error if the file was refused.
#[allow(clippy::too_many_arguments)]
async fn step_with_files(
    ctx: &Ctx,
    csrf: String,
    token: Option<String>,
    pid: &str,
    step_id: &str,
    pairs: &[(String, String)],
    refused: Option<(String, ErrorCode)>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let form = ctx.app.forms().get(pid).ok_or_else(|| ctx.not_found())?;
    let files = files_of(ctx, token, pid).await?;
    let mut page = step_page(&form, step_id, pairs, &[], &files, ctx, csrf)?;
    let status = match &refused {
        Some((question, code)) => {
            page.errors.push(ErrorLink::for_code(
                *code,
                lang,
                format!("#f-{}-file", question.replace('.', "-")),
            ));
            page.page.has_errors = true;
            crate::error::status_of(*code)
        }
        None => StatusCode::OK,
    };
    html(status, &page, lang)
}

async fn upload(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(String, String)>,
    upload: Upload,
) -> Result<HttpResponse, WebError> {
    let (pid, step_id) = path.into_inner();
    let token = session.ensure(&req)?;
    let pairs: Vec<(String, String)> = upload
        .pairs
        .into_iter()
        .filter(|(k, _)| k != "_file")
        .collect();
    let Some((question, name, bytes)) = upload.file else {
        return step_with_files(&ctx, csrf.0, Some(token), &pid, &step_id, &pairs, None).await;
    };
    let (t, p, q) = (
        token.clone(),
        pid.clone(),
        format!("/{}", question.replace('.', "/")),
    );
    let outcome = ctx
        .call(move |app, tenant| app.upload(&tenant, Some(&t), &p, &q, &name, &bytes))
        .await?;
    let refused = match outcome {
        Ok(_) => None,
        Err(AppError::Refused(code)) => Some((question, code)),
        Err(e) => return Err(WebError::from_app(e, ctx.lang)),
    };
    step_with_files(&ctx, csrf.0, Some(token), &pid, &step_id, &pairs, refused).await
}

async fn remove_file(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(String, String)>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (pid, step_id) = path.into_inner();
    let id = body.get("_attachment").unwrap_or_default().to_string();
    let token = session.0;
    let t = token.clone();
    ctx.run(move |app, tenant| app.remove_upload(&tenant, t.as_deref(), &id))
        .await?;
    let pairs: Vec<(String, String)> = body
        .pairs
        .into_iter()
        .filter(|(k, _)| k != "_attachment")
        .collect();
    step_with_files(&ctx, csrf.0, token, &pid, &step_id, &pairs, None).await
}

#[derive(Template)]
#[template(path = "check.html")]
struct CheckPage {
    page: Page,
    procedure_id: String,
    procedure_title: String,
    sections: Vec<AnswerSection>,
    fee: Option<String>,
    department: String,
    due: Option<String>,
    csrf: String,
    idempotency_key: String,
    /// Attached files: (name, size).
    files: Vec<(String, String)>,
    /// When the fee is paid: `on_submission`, `after_approval`, `at_counter` (none when
    /// nothing is due).
    fee_timing: Option<&'static str>,
    /// What must happen before it can be sent: `open`, `email` (a guest confirms the
    /// contact address with a code), `sign-in` or `card`.
    gate: &'static str,
    /// The contact address a code goes to, and whether one was sent.
    gate_email: String,
    code_sent: bool,
    /// The procedure needs the My Number Card and residents can sign in with it.
    needs_card: bool,
    /// The session signed in with the card.
    card_confirmed: bool,
    /// Signed in (an account or at the provider): shown with a sign-out option.
    signed_in: bool,
    /// Residents can sign in at the provider too.
    provider_sign_in: bool,
    /// Why the resident was sent back here (the gate's error), or a wrong code.
    gate_error: Option<ErrorLink>,
}

#[derive(serde::Deserialize)]
struct CheckQuery {
    identity: Option<String>,
}

/// The check page's `?identity=` values, from the refusal that sent the resident back.
fn gate_refusal(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::IdentityRequired => Some("required"),
        ErrorCode::SignInRequired => Some("sign-in"),
        ErrorCode::EmailUnconfirmed => Some("email"),
        ErrorCode::EmailCodeInvalid => Some("code"),
        _ => None,
    }
}

async fn check(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    id: web::Path<String>,
    query: web::Query<CheckQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let pid = id.into_inner();
    let (token, p) = (session.0, pid.clone());
    let files = files_of(&ctx, token.clone(), &pid).await?;
    let view: CheckView = match ctx
        .call(move |app, tenant| app.check(&tenant, token.as_deref(), &p))
        .await?
    {
        Ok(v) => v,
        // Something is missing: back to the step that needs it.
        Err(AppError::Validation { step, .. }) => {
            return Ok(see_other(&format!("/p/{pid}/{step}")));
        }
        Err(AppError::DraftMissing) => return Ok(see_other(&format!("/p/{pid}"))),
        Err(e) => return Err(WebError::from_app(e, lang)),
    };
    let mut page = Page::new(
        lang,
        lang.pick("入力内容の確認", "Check your answers"),
        format!("/p/{pid}/check"),
    );
    page.title = format!("{} - {}", page.title, view.form.title().get(lang));
    let (gate, gate_email, code_sent) = match &view.gate {
        IdentityGate::Open => ("open", String::new(), false),
        IdentityGate::ConfirmEmail { email, code_sent } => ("email", email.clone(), *code_sent),
        IdentityGate::SignIn => ("sign-in", String::new(), false),
        IdentityGate::Card => ("card", String::new(), false),
    };
    let card_confirmed = view
        .signed_in
        .as_ref()
        .is_some_and(|i| i.level == madoguchi_forms::IdentityLevel::MyNumberCard);
    let needs_card = gate == "card"
        || (card_confirmed
            && view.form.settings().identity == madoguchi_forms::IdentityLevel::MyNumberCard);
    // Sent back from "submit" (or a wrong code): the reason, pointing at what to do.
    let gate_error = match (query.identity.as_deref(), gate) {
        (Some("required"), "card") => Some((ErrorCode::IdentityRequired, "#sign-in-card")),
        (Some("sign-in"), "sign-in") => Some((ErrorCode::SignInRequired, "#sign-in")),
        (Some("email"), "email") => Some((
            ErrorCode::EmailUnconfirmed,
            if code_sent { "#code" } else { "#send-code" },
        )),
        (Some("code"), "email") => Some((
            ErrorCode::EmailCodeInvalid,
            if code_sent { "#code" } else { "#send-code" },
        )),
        _ => None,
    }
    .map(|(code, href)| ErrorLink::for_code(code, lang, href));
    page.has_errors = gate_error.is_some();
    let provider_sign_in = ctx.app.sign_in_available();
    page.session = SessionWarning::new(view.signed_in.as_ref(), lang, &csrf.0, &page.path);
    let check = CheckPage {
        gate,
        gate_email,
        code_sent,
        needs_card,
        card_confirmed,
        signed_in: view.signed_in.is_some(),
        provider_sign_in,
        gate_error,
        page,
        procedure_id: pid.clone(),
        procedure_title: view.form.title().get(lang).into(),
        sections: answer_sections(&view.form, &view.data, lang, Some(&format!("/p/{pid}"))),
        fee: view
            .fee
            .as_ref()
            .map(|f| f.breakdown().get(lang).to_string()),
        department: view.department.get(lang).into(),
        due: view.due_if_filed_now.map(|d| jst::format_date(d, lang)),
        csrf: csrf.0,
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        files: files
            .into_iter()
            .map(|f| (f.file_name, madoguchi_app::kernel::human_size(f.size_bytes)))
            .collect(),
        fee_timing: view.fee_timing.map(|t| t.code()),
    };
    html(StatusCode::OK, &check, lang)
}

async fn submit(
    ctx: Ctx,
    session: ResidentSession,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = id.into_inner();
    let key = body.get("idempotency_key").unwrap_or_default().to_string();
    let (token, p) = (session.0, pid.clone());
    let filed = ctx
        .call(move |app, tenant| {
            let outcome = app.submit(&tenant, token.as_deref(), &p, &key)?;
            let receipt = outcome.receipt().clone();
            // A fee due now: straight on to the provider's page. When the provider cannot
            // be reached the filing stands and the receipt offers "pay" again.
            let pay = match &receipt.payment {
                Some(p) if !p.after_approval && p.can_pay() => Some(
                    app.start_payment(
                        &tenant,
                        madoguchi_app::fees::PayAccess::Session {
                            token: token.as_deref(),
                            arrival_number: receipt.arrival_number.as_str(),
                        },
                    )
                    .map_err(|_| ()),
                ),
                _ => None,
            };
            Ok((receipt, pay))
        })
        .await?;
    match filed {
        Ok((_, Some(Ok(url)))) => Ok(see_other(&url)),
        Ok((receipt, Some(Err(())))) => Ok(see_other(&format!(
            "/receipts/{}?pay=unavailable",
            receipt.arrival_number
        ))),
        Ok((receipt, None)) => Ok(see_other(&format!("/receipts/{}", receipt.arrival_number))),
        Err(AppError::Validation { step, .. }) => Ok(see_other(&format!("/p/{pid}/{step}"))),
        Err(e @ AppError::Refused(code)) if gate_refusal(code).is_some() => {
            back_to_check(&pid, e, ctx.lang)
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

#[derive(Template)]
#[template(path = "receipt.html")]
struct ReceiptPage {
    page: Page,
    receipt: Receipt,
    arrived_at: String,
    due: Option<String>,
    fee: String,
    csrf: String,
    /// Coming back after the provider could not be reached.
    pay_unavailable: bool,
    history: Vec<madoguchi_app::submission::HistoryItem>,
    can_withdraw: bool,
    /// The answers as they stand now, step by step.
    sections: Vec<AnswerSection>,
}

impl ReceiptPage {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }

    fn what(&self, item: &madoguchi_app::submission::HistoryItem) -> String {
        item.what.get(self.page.lang).to_string()
    }

    fn payment_status(&self) -> String {
        self.receipt
            .payment
            .as_ref()
            .map(|p| p.label().get(self.page.lang).to_string())
            .unwrap_or_default()
    }

    fn payment_method(&self) -> String {
        self.receipt
            .payment
            .as_ref()
            .and_then(|p| p.method)
            .map(|m| {
                madoguchi_app::submission::method_label(m)
                    .get(self.page.lang)
                    .to_string()
            })
            .unwrap_or_default()
    }

    fn status(&self) -> String {
        self.receipt
            .state
            .resident_label()
            .get(self.page.lang)
            .to_string()
    }

    fn decided(&self) -> bool {
        matches!(
            self.receipt.state,
            madoguchi_workflow::State::Approved
                | madoguchi_workflow::State::Rejected
                | madoguchi_workflow::State::Closed
        )
    }

    fn size(&self, bytes: &i64) -> String {
        madoguchi_app::kernel::human_size(*bytes)
    }

    fn title(&self) -> &str {
        self.receipt.procedure_title.get(self.page.lang)
    }

    fn department(&self) -> &str {
        self.receipt.department.get(self.page.lang)
    }

    fn counter_visit(&self) -> &str {
        self.receipt
            .counter_visit
            .as_ref()
            .map(|v| v.get(self.page.lang))
            .unwrap_or_default()
    }
}

#[derive(serde::Deserialize)]
struct ReceiptQuery {
    pay: Option<String>,
}

async fn receipt(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    number: web::Path<String>,
    query: web::Query<ReceiptQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (token, n) = (session.0, number.into_inner());
    let madoguchi_app::filing::ApplicationView {
        receipt,
        form,
        answers,
        history,
        can_withdraw,
    } = ctx
        .run(move |app, tenant| app.application(&tenant, token.as_deref(), &n))
        .await?;
    let page = Page::new(
        lang,
        lang.pick("申請が到達しました", "Application received"),
        format!("/receipts/{}", receipt.arrival_number),
    );
    let view = ReceiptPage {
        page,
        arrived_at: jst::format_datetime(receipt.arrived_at, lang),
        due: receipt.due_on.map(|d| jst::format_date(d, lang)),
        fee: receipt.fee.format(lang),
        csrf: csrf.0,
        history,
        can_withdraw,
        sections: answer_sections(&form, &answers, lang, None),
        pay_unavailable: query.pay.as_deref() == Some("unavailable")
            && receipt.payment.as_ref().is_some_and(|p| p.can_pay()),
        receipt,
    };
    html(StatusCode::OK, &view, lang)
}

async fn withdrawal_page(
    ctx: Ctx,
    token: Option<String>,
    csrf: String,
    number: String,
    unconfirmed: bool,
) -> Result<HttpResponse, WebError> {
    let n = number.clone();
    let view = ctx
        .run(move |app, tenant| app.application(&tenant, token.as_deref(), &n))
        .await?;
    if !view.can_withdraw {
        return Err(WebError::from_app(AppError::InvalidTransition, ctx.lang));
    }
    let mut page = Page::new(
        ctx.lang,
        ctx.lang.pick("申請の取下げ", "Withdraw the application"),
        format!("/receipts/{number}/withdraw"),
    );
    page.has_errors = unconfirmed;
    super::correction::WithdrawView {
        title: view.receipt.procedure_title.get(ctx.lang).to_string(),
        arrival_number: number.clone(),
        action: format!("/receipts/{number}/withdraw"),
        back: format!("/receipts/{number}"),
        page,
        csrf,
        unconfirmed,
    }
    .respond(ctx.lang)
}

async fn confirm_withdrawal(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    number: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    withdrawal_page(ctx, session.0, csrf.0, number.into_inner(), false).await
}

/// Withdraws (取下げ) from the receipt, in the browser that filed it, after the
/// confirmation box is ticked.
async fn withdraw(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    number: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let number = number.into_inner();
    if body.get("confirm") != Some("yes") {
        return withdrawal_page(ctx, session.0, csrf.0, number, true).await;
    }
    let (token, n) = (session.0, number.clone());
    ctx.run(move |app, tenant| app.withdraw_by_receipt(&tenant, token.as_deref(), &n))
        .await?;
    Ok(see_other(&format!("/receipts/{number}")))
}

#[derive(Template)]
#[template(path = "my.html")]
struct MyPage {
    page: Page,
    items: Vec<Receipt>,
    drafts: Vec<madoguchi_app::filing::DraftSummary>,
    /// The draft whose "email me a link" form was sent with a bad address, and what was typed.
    email_error: Option<(String, String)>,
    /// A link was just sent for this procedure.
    sent: Option<String>,
    /// Signed in: with the card (`true`) or an account (`false`).
    card: Option<bool>,
    csrf: String,
}

impl MyPage {
    fn email_error_for(&self, pid: &str) -> Option<&str> {
        self.email_error
            .as_ref()
            .filter(|(p, _)| p == pid)
            .map(|(_, typed)| typed.as_str())
    }
    fn was_sent(&self, pid: &str) -> bool {
        self.sent.as_deref() == Some(pid)
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
struct MyQuery {
    sent: Option<String>,
}

async fn my_applications(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    query: web::Query<MyQuery>,
) -> Result<HttpResponse, WebError> {
    my_page(ctx, session.0, csrf.0, None, query.into_inner().sent).await
}

async fn my_page(
    ctx: Ctx,
    token: Option<String>,
    csrf: String,
    email_error: Option<(String, String)>,
    sent: Option<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (items, drafts, signed_in) = ctx
        .run(move |app, tenant| {
            Ok((
                app.my_applications(&tenant, token.as_deref())?,
                app.my_drafts(&tenant, token.as_deref())?,
                app.identity(&tenant, token.as_deref())?,
            ))
        })
        .await?;
    let mut page = Page::new(lang, lang.pick("申請の状況", "Your applications"), "/my");
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

/// "Email me a link to continue" for one draft.
async fn email_resume_link(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = id.into_inner();
    let email = body.get("email").unwrap_or_default().to_string();
    let (token, p, e) = (session.0.clone(), pid.clone(), email.clone());
    match ctx
        .call(move |app, tenant| app.email_resume_link(&tenant, token.as_deref(), &p, &e))
        .await?
    {
        Ok(()) => Ok(see_other(&format!("/my?sent={pid}"))),
        Err(AppError::Refused(ErrorCode::EmailInvalid)) => {
            my_page(ctx, session.0, csrf.0, Some((pid, email)), None).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

/// The emailed link: the draft continues in this browser.
async fn resume(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    link: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = session.ensure(&req)?;
    let link = link.into_inner();
    let pid = ctx
        .run(move |app, tenant| app.resume_draft(&tenant, &token, &link))
        .await?;
    Ok(see_other(&format!("/p/{pid}/check")))
}

/// The decision notice, for the browser that filed the application.
async fn notice(
    ctx: Ctx,
    session: ResidentSession,
    number: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (token, number) = (session.0, number.into_inner());
    let doc = ctx
        .run(move |app, tenant| app.decision_notice_for_session(&tenant, token.as_deref(), &number))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CONTENT_TYPE, "application/pdf"))
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{}\"", doc.filename),
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(doc.body))
}

/// A guest asks for a code to confirm the contact address (check page).
async fn send_email_code(
    ctx: Ctx,
    session: ResidentSession,
    id: web::Path<String>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = id.into_inner();
    let (token, p) = (session.0, pid.clone());
    match ctx
        .call(move |app, tenant| app.send_email_code(&tenant, token.as_deref(), &p))
        .await?
    {
        Ok(_) => Ok(see_other(&format!("/p/{pid}/check#code"))),
        Err(e) => back_to_check(&pid, e, ctx.lang),
    }
}

/// The guest types the code from the mail.
async fn confirm_email_code(
    ctx: Ctx,
    session: ResidentSession,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = id.into_inner();
    let code = body.get("code").unwrap_or_default().to_string();
    let (token, p) = (session.0, pid.clone());
    match ctx
        .call(move |app, tenant| app.confirm_email_code(&tenant, token.as_deref(), &p, &code))
        .await?
    {
        Ok(()) => Ok(see_other(&format!("/p/{pid}/check#submit"))),
        Err(e) => back_to_check(&pid, e, ctx.lang),
    }
}

/// Where a refused identity step sends the resident: the check page with the reason, or
/// the procedure's start when the answers are gone.
fn back_to_check(pid: &str, e: AppError, lang: Lang) -> Result<HttpResponse, WebError> {
    match e {
        AppError::DraftMissing => Ok(see_other(&format!("/p/{pid}"))),
        AppError::Refused(code) if gate_refusal(code).is_some() => Ok(see_other(&format!(
            "/p/{pid}/check?identity={}",
            gate_refusal(code).unwrap_or_default()
        ))),
        e => Err(WebError::from_app(e, lang)),
    }
}
