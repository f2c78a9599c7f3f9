//! `/p/{id}/{step}`: one step of a filing, its answers saved in the browser's draft, and
//! the files attached on it.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, filing::Refilled, filing::StepOutcome, kernel::AttachmentView};
use madoguchi_core::AttachmentId;
use madoguchi_core::ProcedureId;
use madoguchi_forms::input::posted_from_data;
use madoguchi_forms::{FieldError, Form, Step};
use serde_json::Value;

use super::booking_offers::booking_offers;
use crate::error::WebError;
use crate::extract::{
    CsrfToken, Ctx, FormBody, ResidentSession, StagedFile, Upload, client_address,
};
use crate::routes::html;
use crate::routes::resident::step::{self, AnswersGo, Saved, StepView};
use crate::views::booking::{Offered, attach_pickers, link_waitlists};
use crate::views::prefill::note_filled;
use crate::views::{
    ErrorLink, FieldView, Page, SessionWarning, Values, anchor_actions, attach_files,
    note_warnings, step_fields,
};
use madoguchi_app::submission::PrefillMarks;

#[derive(Template)]
#[template(path = "step.html")]
pub(super) struct StepPage {
    pub(super) page: Page,
    procedure_id: ProcedureId,
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
    /// On the first step: the purpose of use of the personal data (利用目的).
    pub(super) purpose: Option<String>,
    /// On the step that asks how to pay (else the last): the fee for the answers so far,
    /// and when and how it is paid.
    fee: Option<(String, &'static str)>,
    /// An answer on this step is accepted with a warning: a note at the top says to read it.
    has_warnings: bool,
    /// Where answers were filled in from, said once above the questions.
    filled_notes: Vec<String>,
    /// The questions answered with a warning, linked from the box at the top.
    warned: Vec<ErrorLink>,
}

impl StepPage {
    /// The words of the button that saves the step: the note under it names them.
    fn button_words(&self) -> &'static str {
        let lang = self.page.lang();
        if self.is_last {
            crate::msg::web_resident_continue_to_check_your_answers::text(lang)
        } else {
            crate::msg::web_resident_continue::text(lang)
        }
    }
}

impl StepView for StepPage {
    fn push_error(&mut self, error: ErrorLink) {
        self.errors.push(error);
        self.page.has_errors = true;
    }
}

/// The step's page from the form, with `values` and `errors`; `data` are the answers
/// saved so far, which decide the questions that apply and the steps around this one.
#[allow(clippy::too_many_arguments)]
pub(super) fn step_page(
    form: &Form,
    step_id: &str,
    data: &Value,
    prefilled: &PrefillMarks,
    values: &[(String, String)],
    errors: &[FieldError],
    files: &[AttachmentView],
    offered: &[(String, Offered)],
    ctx: &Ctx,
    csrf: String,
) -> Result<StepPage, WebError> {
    let lang = ctx.lang;
    let draft_hours = ctx.app.config().draft_ttl.num_hours();
    let (index, step) = form.step(step_id).ok_or_else(|| ctx.not_found())?;
    // Questions that depend on an earlier step's answer are left out when it does not pick
    // them; those depending on this step's answers stay, under their question.
    let asked = Step {
        fields: step
            .fields
            .iter()
            .filter(|f| step.asks(f, data))
            .cloned()
            .collect(),
        ..step.clone()
    };
    let (mut fields, summary) = step_fields(form, &asked, &Values(values), errors, lang);
    // Saved answers accepted with a warning (a visit past the notification period) say so
    // under their question.
    let warnings = form.warnings(data, ctx.app.filing_day_in(&ctx.tenant));
    let has_warnings = warnings.iter().any(|w| asked.owns_pointer(&w.pointer));
    note_warnings(&mut fields, &warnings, lang);
    let mut warned = Vec::new();
    warned_questions(&fields, &mut warned);
    // A filled-in answer says so above its question, while what is shown is still it.
    let shown_as_filled = kept_as_filled(&asked, data, prefilled, values);
    let filled_notes = note_filled(&mut fields, &shown_as_filled, lang);
    attach_files(&mut fields, files, form.id(), &step.id);
    attach_pickers(&mut fields, offered, lang);
    link_waitlists(
        &mut fields,
        &format!("/p/{}/{}/waitlist", form.id(), step.id),
    );
    anchor_actions(&mut fields, &format!("/p/{}/{}", form.id(), step.id));
    let back_href = match form.previous_step(step_id, data) {
        Some(prev) => format!("/p/{}/{}", form.id(), prev.id),
        None => format!("/p/{}", form.id()),
    };
    // Steps counted as the resident meets them: those skipped are not counted.
    let shown: Vec<&str> = form.shown_steps(data).map(|s| s.id.as_str()).collect();
    let (step_number, step_count) = match shown.iter().position(|s| *s == step_id) {
        Some(i) => (i + 1, shown.len()),
        None => (index + 1, form.steps().len()),
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
        step_number,
        step_count,
        back_href,
        is_last: form.next_step(step_id, data).is_none(),
        fee: fee_note(form, step, data, lang),
        has_warnings,
        filled_notes,
        warned,
        has_lookup: fields.iter().any(|f| f.lookup_action.is_some()),
        fields,
        errors: summary,
        csrf,
        purpose: None,
    })
}

/// The marks of the filled-in answers that `values` (what the page shows) still hold.
fn kept_as_filled(
    step: &Step,
    data: &Value,
    prefilled: &PrefillMarks,
    values: &[(String, String)],
) -> PrefillMarks {
    let filled = posted_from_data(step, data);
    let of = |pairs: &[(String, String)], name: &str| -> Vec<(String, String)> {
        let nested = format!("{name}.");
        pairs
            .iter()
            .filter(|(k, _)| k == name || k.starts_with(&nested))
            .cloned()
            .collect()
    };
    prefilled
        .iter()
        .filter(|(name, _)| of(values, name) == of(&filled, name))
        .map(|(name, source)| (name.clone(), *source))
        .collect()
}

/// The fee and how it is paid, for the step where the resident chooses how to pay (or, with
/// no such choice, the last step): before the check page, not first on it.
fn fee_note(
    form: &Form,
    step: &Step,
    data: &Value,
    lang: madoguchi_core::Lang,
) -> Option<(String, &'static str)> {
    let rule = form.settings().fee.as_ref()?;
    let here = match &rule.online_if {
        Some(choice) => step.owns_pointer(&choice.field),
        None => form.steps().last().is_some_and(|last| last.id == step.id),
    };
    if !here {
        return None;
    }
    let quote = form.fee(data)?;
    let how = crate::views::procedure_facts::fee_how(form.fee_timing()?, lang);
    Some((quote.breakdown().get(lang).to_string(), how))
}

/// The purpose of use (利用目的) for the first step's page: sending that page is when the
/// draft records it was shown.
async fn first_step_purpose(
    ctx: &Ctx,
    form: &Form,
    step_id: &str,
) -> Result<Option<String>, WebError> {
    if form.steps().first().map(|s| s.id.as_str()) != Some(step_id) {
        return Ok(None);
    }
    let pid = form.procedure_id();
    let (form, department) = match ctx.app.cached_procedure(&ctx.tenant, &pid) {
        Some(found) => found.map_err(|e| WebError::from_app(e, ctx.lang))?,
        None => {
            ctx.run(move |app, tenant| app.procedure(&tenant, &pid))
                .await?
        }
    };
    Ok(Some(crate::views::purpose_of_use(
        &form,
        &department,
        ctx.lang,
    )))
}

/// A step of the browser's draft: where filing puts the answers.
struct Draft {
    req: HttpRequest,
    session: ResidentSession,
    pid: ProcedureId,
    step_id: String,
}

/// The form, the step's place in it, and the files the draft has so far.
struct DraftStep {
    form: Arc<Form>,
    index: usize,
    files: Vec<AttachmentView>,
    /// On the first step: the purpose of use of the personal data.
    purpose: Option<String>,
    /// The answers saved so far.
    data: Value,
    /// Which of them were filled in for the resident.
    prefilled: PrefillMarks,
    /// What the step's booking questions offer.
    offered: Vec<(String, Offered)>,
}

impl Draft {
    async fn load_for(&self, ctx: &Ctx, token: Option<String>) -> Result<DraftStep, WebError> {
        let form = ctx
            .app
            .forms_for(&ctx.tenant)
            .get(self.pid.as_str())
            .ok_or_else(|| ctx.not_found())?;
        let (index, _) = form.step(&self.step_id).ok_or_else(|| ctx.not_found())?;
        let pid = self.pid.clone();
        let (files, draft) = ctx
            .run(move |app, tenant| {
                let files = app.filing(&tenant).draft_files(token.as_deref(), &pid)?;
                Ok((files, app.filing(&tenant).draft(token.as_deref(), &pid)?))
            })
            .await?;
        let purpose = first_step_purpose(ctx, &form, &self.step_id).await?;
        let offered = booking_offers(ctx, &form, &self.step_id, &draft.data).await?;
        Ok(DraftStep {
            form,
            index,
            files,
            purpose,
            data: draft.data,
            prefilled: draft.prefilled,
            offered,
        })
    }
}

impl AnswersGo for Draft {
    type Loaded = DraftStep;
    type View = StepPage;

    async fn load(&self, ctx: &Ctx) -> Result<DraftStep, WebError> {
        self.load_for(ctx, self.session.0.clone()).await
    }

    fn step(loaded: &DraftStep) -> Option<&Step> {
        loaded.form.steps().get(loaded.index)
    }

    fn view(
        &self,
        ctx: &Ctx,
        loaded: DraftStep,
        values: &[(String, String)],
        errors: &[FieldError],
        csrf: String,
    ) -> Result<StepPage, WebError> {
        let mut page = step_page(
            &loaded.form,
            &self.step_id,
            &loaded.data,
            &loaded.prefilled,
            values,
            errors,
            &loaded.files,
            &loaded.offered,
            ctx,
            csrf,
        )?;
        page.purpose = loaded.purpose;
        Ok(page)
    }

    async fn look_up(
        &self,
        ctx: &Ctx,
        _loaded: &DraftStep,
        posted: Vec<(String, String)>,
        field: String,
    ) -> Result<Refilled, WebError> {
        let (p, s) = (self.pid.clone(), self.step_id.clone());
        ctx.run(move |app, tenant| {
            app.filing(&tenant)
                .look_up_address_on_step(&p, &s, &posted, &field)
        })
        .await
    }

    async fn save(
        &self,
        ctx: &Ctx,
        answers: Vec<(String, String)>,
    ) -> Result<Saved<DraftStep>, WebError> {
        // Each saved step keeps the browser's session another day (as long as its draft).
        let mut session = self.session.clone();
        session.refresh(&self.req)?;
        let token = session.ensure(&self.req)?;
        let (t, p, s) = (token.clone(), self.pid.clone(), self.step_id.clone());
        let address = client_address(&self.req);
        let outcome = ctx
            .run(move |app, tenant| {
                app.filing(&tenant)
                    .save_step(&t, &p, &s, &answers, &address)
            })
            .await?;
        Ok(match outcome {
            StepOutcome::Saved {
                next_step: Some(next),
            } => Saved::Next(format!("/p/{}/{next}", self.pid)),
            StepOutcome::Saved { next_step: None } => Saved::Next(format!("/p/{}/check", self.pid)),
            StepOutcome::Invalid { errors } => {
                Saved::Invalid(self.load_for(ctx, Some(token)).await?, errors)
            }
        })
    }

    async fn attach(
        &self,
        ctx: &Ctx,
        pointer: String,
        file: StagedFile,
    ) -> Result<Result<(), AppError>, WebError> {
        let (t, p) = (self.session.0.clone(), self.pid.clone());
        ctx.call(move |app, tenant| {
            app.filing(&tenant)
                .upload(t.as_deref(), &p, &pointer, &file.file_name, file.path())
                .map(|_| ())
        })
        .await
    }

    async fn detach(&self, ctx: &Ctx, id: String) -> Result<(), WebError> {
        let t = self.session.0.clone();
        ctx.run(move |app, tenant| {
            app.filing(&tenant)
                .remove_upload(t.as_deref(), &AttachmentId::new(id))
        })
        .await
    }
}

pub(super) async fn show(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ProcedureId, String)>,
) -> Result<HttpResponse, WebError> {
    let (pid, step_id) = path.into_inner();
    let token = session.0;
    if token.is_none()
        && crate::routes::shared_page::is_shared()
        && let Some(page) = super::blank_step::page(&req, &ctx, &pid, &step_id, &csrf.0)?
    {
        return Ok(page);
    }
    // Without a session there is no draft, no file and no sign-in yet: the blank step from
    // memory when the app has the procedure there.
    let blank = match token {
        None => ctx.app.filing(&ctx.tenant).cached_blank_draft(&pid),
        Some(_) => None,
    };
    let (draft, files, signed_in, refused) = match blank {
        Some(found) => {
            let draft = found.map_err(|e| WebError::from_app(e, ctx.lang))?;
            (draft, Vec::new(), None, Vec::new())
        }
        None => {
            let step_id = step_id.clone();
            ctx.run(move |app, tenant| {
                let draft = app.filing(&tenant).draft(token.as_deref(), &pid)?;
                let files = app.filing(&tenant).draft_files(token.as_deref(), &pid)?;
                // An answer of this step the routing refuses since a later change (the
                // office of another ward): said here, where the check page sends them.
                let refused =
                    app.filing(&tenant)
                        .routing_refusals(&draft.form, &draft.data, &step_id)?;
                let signed_in = app.residents(&tenant).identity(token.as_deref())?;
                Ok((draft, files, signed_in, refused))
            })
            .await?
        }
    };
    let (_, step) = draft.form.step(&step_id).ok_or_else(|| ctx.not_found())?;
    if !step.is_shown(&draft.data) {
        // No question of this step applies given the answers: on to the next that does.
        let next = match draft.form.next_step(&step_id, &draft.data) {
            Some(next) => format!("/p/{}/{}", draft.form.id(), next.id),
            None => format!("/p/{}/check", draft.form.id()),
        };
        return Ok(crate::routes::see_other(&next));
    }
    let values = posted_from_data(step, &draft.data);
    let offered = booking_offers(&ctx, &draft.form, &step_id, &draft.data).await?;
    let mut page = step_page(
        &draft.form,
        &step_id,
        &draft.data,
        &draft.prefilled,
        &values,
        &refused,
        &files,
        &offered,
        &ctx,
        csrf.0,
    )?;
    page.purpose = first_step_purpose(&ctx, &draft.form, &step_id).await?;
    page.page.session =
        SessionWarning::new(signed_in.as_ref(), ctx.lang, &page.csrf, &page.page.path);
    html(StatusCode::OK, &page, ctx.lang)
}

pub(super) async fn post(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ProcedureId, String)>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (pid, step_id) = path.into_inner();
    let draft = Draft {
        req,
        session,
        pid,
        step_id,
    };
    step::post(&ctx, csrf.0, &draft, body).await
}

pub(super) async fn upload(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ProcedureId, String)>,
    upload: Upload,
) -> Result<HttpResponse, WebError> {
    let (pid, step_id) = path.into_inner();
    // The file belongs to a draft: a browser without a session gets one first.
    session.ensure(&req)?;
    let draft = Draft {
        req,
        session,
        pid,
        step_id,
    };
    step::upload(&ctx, csrf.0, &draft, upload).await
}

pub(super) async fn remove_file(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ProcedureId, String)>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (pid, step_id) = path.into_inner();
    let draft = Draft {
        req,
        session,
        pid,
        step_id,
    };
    step::remove_file(&ctx, csrf.0, &draft, body).await
}

/// The questions (at any depth) whose answer carries a warning, as links to them.
fn warned_questions(fields: &[FieldView], found: &mut Vec<ErrorLink>) {
    for f in fields {
        if f.warning.is_some() {
            found.push(ErrorLink {
                href: format!("#{}", f.id),
                text: f.label.clone(),
            });
        }
        warned_questions(&f.children, found);
        warned_questions(&f.dependents, found);
    }
}
