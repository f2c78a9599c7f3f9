//! `/p/{id}/check`: every answer together, the fee, and what must happen before the
//! application can be sent (sign in, the card, or a code to the contact address).

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, filing::CheckView, kernel::IdentityGate};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, Lang, jst};
use madoguchi_forms::FeeSummary;
use madoguchi_forms::definition::FeeTiming;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::routes::{html, see_other};
use crate::views::{AnswerSection, ErrorLink, Page, SessionWarning, answer_sections};

#[derive(Template)]
#[template(path = "check.html")]
pub(super) struct CheckPage {
    page: Page,
    procedure_id: ProcedureId,
    procedure_title: String,
    sections: Vec<AnswerSection>,
    fee: Option<String>,
    department: String,
    due: Option<String>,
    /// What a fact the city has not confirmed says beside the fee (`None`: confirmed).
    fee_to_confirm: Option<String>,
    csrf: String,
    idempotency_key: String,
    /// Attached files: (name, size).
    files: Vec<(String, String)>,
    /// When the fee is paid (none when nothing is due).
    fee_timing: Option<FeeTiming>,
    /// How the fee is paid, in the resident's words.
    fee_how: Option<&'static str>,
    /// What must happen before it can be sent.
    gate: Gate,
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
    /// Some answers are accepted with a warning, shown under them.
    has_warnings: bool,
    /// The questions whose answers carry a warning, named in the box at the top.
    warned: Vec<String>,
    /// The resident's open applications alike: (arrival number, when and where it is).
    alike: Vec<(String, String)>,
    /// The procedure refuses a second application while the first is open.
    second_is_void: bool,
}

/// What must happen before the application can be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gate {
    Open,
    /// A guest confirms the contact address with a code.
    Email,
    SignIn,
    Card,
}

#[derive(serde::Deserialize)]
pub(super) struct CheckQuery {
    identity: Option<Refusal>,
}

/// The check page's `?identity=`: the refusal that sent the resident back.
#[derive(serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Refusal {
    Required,
    SignIn,
    Email,
    Code,
    #[serde(other)]
    Other,
}

impl CheckPage {
    /// The send button's words (the warning box names them).
    fn submit_words(&self) -> &'static str {
        let lang = self.page.lang();
        if self.fee_timing == Some(FeeTiming::OnSubmission) {
            msg::web_resident_submit_and_go_on_to_pay::text(lang)
        } else {
            msg::web_resident_submit_application::text(lang)
        }
    }
}

impl Refusal {
    fn as_str(self) -> &'static str {
        match self {
            Refusal::Required => "required",
            Refusal::SignIn => "sign-in",
            Refusal::Email => "email",
            Refusal::Code => "code",
            Refusal::Other => "",
        }
    }
}

/// The refusal an identity error code means, if it is one.
pub(super) fn gate_refusal(code: ErrorCode) -> Option<Refusal> {
    match code {
        ErrorCode::IdentityRequired => Some(Refusal::Required),
        ErrorCode::SignInRequired => Some(Refusal::SignIn),
        ErrorCode::EmailUnconfirmed => Some(Refusal::Email),
        ErrorCode::EmailCodeInvalid => Some(Refusal::Code),
        _ => None,
    }
}

pub(super) async fn check(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    query: web::Query<CheckQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let pid = id.into_inner();
    let (token, p, p2) = (session.0, pid.clone(), pid.clone());
    let t = token.clone();
    let files = ctx
        .run(move |app, tenant| app.filing(&tenant).draft_files(t.as_deref(), &p2))
        .await?;
    let view: CheckView = match ctx
        .call(move |app, tenant| app.filing(&tenant).check(token.as_deref(), &p))
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
        msg::web_resident_check_your_answers::text(lang),
        format!("/p/{pid}/check"),
    );
    page.title = format!("{} - {}", page.title, view.form.title().get(lang));
    let (gate, gate_email, code_sent) = match &view.gate {
        IdentityGate::Open => (Gate::Open, String::new(), false),
        IdentityGate::ConfirmEmail { email, code_sent } => (Gate::Email, email.clone(), *code_sent),
        IdentityGate::SignIn => (Gate::SignIn, String::new(), false),
        IdentityGate::Card => (Gate::Card, String::new(), false),
    };
    let card_confirmed = view
        .signed_in
        .as_ref()
        .is_some_and(|i| i.level == madoguchi_forms::IdentityLevel::MyNumberCard);
    let needs_card = gate == Gate::Card
        || (card_confirmed
            && view.form.settings().identity == madoguchi_forms::IdentityLevel::MyNumberCard);
    // Sent back from "submit" (or a wrong code): the reason, pointing at what to do.
    let gate_error = match (query.identity, gate) {
        (Some(Refusal::Required), Gate::Card) => {
            Some((ErrorCode::IdentityRequired, "#sign-in-card"))
        }
        (Some(Refusal::SignIn), Gate::SignIn) => Some((ErrorCode::SignInRequired, "#sign-in")),
        (Some(Refusal::Email), Gate::Email) => Some((
            ErrorCode::EmailUnconfirmed,
            if code_sent { "#code" } else { "#send-code" },
        )),
        (Some(Refusal::Code), Gate::Email) => Some((
            ErrorCode::EmailCodeInvalid,
            if code_sent { "#code" } else { "#send-code" },
        )),
        _ => None,
    }
    .map(|(code, href)| ErrorLink::for_code(code, lang, href));
    page.has_errors = gate_error.is_some();
    let provider_sign_in = ctx.app.sign_in_available(&ctx.tenant);
    page.session = SessionWarning::new(view.signed_in.as_ref(), lang, &csrf.0, &page.path);
    let mut sections = answer_sections(&view.form, &view.data, lang, Some(&format!("/p/{pid}")));
    crate::views::prefill::mark_filled(&mut sections, &view.prefilled, lang);
    crate::views::mark_warnings(&mut sections, &view.warnings, lang);
    let warned = sections
        .iter()
        .flat_map(|s| s.rows.iter())
        .filter(|r| r.warning.is_some())
        .map(|r| r.label.clone())
        .collect();
    let alike = view
        .alike
        .iter()
        .map(|a| {
            let line = msg::web_resident_alike_item::text(
                lang,
                msg::web_resident_alike_item::Args {
                    date: jst::format_date(jst::date(a.arrived_at), lang).into(),
                    state: a.state.resident_label().get(lang).to_owned().into(),
                },
            );
            (a.arrival_number.clone(), line)
        })
        .collect();
    let check = CheckPage {
        alike,
        second_is_void: view.second_is_void,
        has_warnings: !view.warnings.is_empty(),
        warned,
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
        sections,
        fee: match (&view.fee, view.form.fee_summary()) {
            (Some(f), _) => Some(f.breakdown().get(lang).to_string()),
            (None, FeeSummary::Stated(text)) => Some(text.get(lang).to_string()),
            (None, _) => None,
        },
        department: view.department.get(lang).into(),
        due: view
            .due_if_filed_now
            .map(|d| crate::views::due_text(d, view.unconfirmed.has("processing_days"), lang)),
        fee_to_confirm: (view.unconfirmed.has("fee") || view.unconfirmed.has("refund")).then(
            || {
                madoguchi_i18n::t!(
                    lang,
                    web_resident_to_confirm,
                    department = view.department.get(lang)
                )
            },
        ),
        csrf: csrf.0,
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        files: files
            .into_iter()
            .map(|f| (f.file_name, madoguchi_app::kernel::human_size(f.size_bytes)))
            .collect(),
        fee_timing: view.fee_timing,
        fee_how: view
            .fee_timing
            .filter(|_| view.fee.is_some())
            .map(|t| crate::views::procedure_facts::fee_how(t, lang)),
    };
    html(StatusCode::OK, &check, lang)
}

/// A guest asks for a code to confirm the contact address (check page).
pub(super) async fn send_email_code(
    ctx: Ctx,
    session: ResidentSession,
    id: web::Path<ProcedureId>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = id.into_inner();
    let (token, p) = (session.0, pid.clone());
    match ctx
        .call(move |app, tenant| app.residents(&tenant).send_email_code(token.as_deref(), &p))
        .await?
    {
        Ok(_) => Ok(see_other(&format!("/p/{pid}/check#code"))),
        Err(e) => back_to_check(&pid, e, ctx.lang),
    }
}

/// The code a guest types from the mail.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct CodeInput {
    code: String,
}

/// The guest types the code from the mail.
pub(super) async fn confirm_email_code(
    ctx: Ctx,
    session: ResidentSession,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = id.into_inner();
    let CodeInput { code } = body.parse()?;
    let (token, p) = (session.0, pid.clone());
    match ctx
        .call(move |app, tenant| {
            app.residents(&tenant)
                .confirm_email_code(token.as_deref(), &p, &code)
        })
        .await?
    {
        Ok(()) => Ok(see_other(&format!("/p/{pid}/check#submit"))),
        Err(e) => back_to_check(&pid, e, ctx.lang),
    }
}

/// Where a refused identity step sends the resident: the check page with the reason, or
/// the procedure's start when the answers are gone.
pub(super) fn back_to_check(
    pid: &ProcedureId,
    e: AppError,
    lang: Lang,
) -> Result<HttpResponse, WebError> {
    match e {
        AppError::DraftMissing => Ok(see_other(&format!("/p/{pid}"))),
        AppError::Refused(code) => match gate_refusal(code) {
            Some(refusal) => Ok(see_other(&format!(
                "/p/{pid}/check?identity={}",
                refusal.as_str()
            ))),
            None => Err(WebError::from_app(AppError::Refused(code), lang)),
        },
        e => Err(WebError::from_app(e, lang)),
    }
}
