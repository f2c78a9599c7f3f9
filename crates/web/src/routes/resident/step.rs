//! The step handler filing and correction share: a step's form posted back is either a
//! button that changes the page (add or remove an item, look up an address: nothing is
//! stored), or the answers to store — in a draft when filing, in the application when
//! correcting. Files are attached and taken back the same way. What differs is only where
//! the answers go, which an [`AnswersGo`] says.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use madoguchi_app::{AppError, filing::Refilled};
use madoguchi_core::ErrorCode;
use madoguchi_forms::input::{StepAction, apply_item_action};
use madoguchi_forms::{FieldError, Step};

use crate::error::{WebError, status_of};
use crate::extract::{Ctx, FormBody, StagedFile, Upload, parse_pairs};
use crate::routes::{html, see_other};
use crate::views::ErrorLink;

/// Where a step's answers go (a draft, a correction), and the page that shows the step.
pub(crate) trait AnswersGo {
    /// What the page is drawn from (the form and step, the files so far).
    type Loaded;
    type View: StepView;

    async fn load(&self, ctx: &Ctx) -> Result<Self::Loaded, WebError>;

    /// The step's questions; `None` when the step does not exist.
    fn step(loaded: &Self::Loaded) -> Option<&Step>;

    /// The page with `values` in its inputs and `errors` at them.
    fn view(
        &self,
        ctx: &Ctx,
        loaded: Self::Loaded,
        values: &[(String, String)],
        errors: &[FieldError],
        csrf: String,
    ) -> Result<Self::View, WebError>;

    /// Fills the address questions from the postal code at `field`.
    async fn look_up(
        &self,
        ctx: &Ctx,
        loaded: &Self::Loaded,
        posted: Vec<(String, String)>,
        field: String,
    ) -> Result<Refilled, WebError>;

    /// Stores the answers.
    async fn save(
        &self,
        ctx: &Ctx,
        answers: Vec<(String, String)>,
    ) -> Result<Saved<Self::Loaded>, WebError>;

    /// Attaches a file (waiting on disk) to the question at `pointer`: the app's refusal
    /// comes back as is.
    async fn attach(
        &self,
        ctx: &Ctx,
        pointer: String,
        file: StagedFile,
    ) -> Result<Result<(), AppError>, WebError>;

    /// Takes back the attached file `id`.
    async fn detach(&self, ctx: &Ctx, id: String) -> Result<(), WebError>;
}

/// What storing the answers led to.
pub(crate) enum Saved<L> {
    /// Stored: where the resident goes next.
    Next(String),
    /// Refused: the page again, with the errors.
    Invalid(L, Vec<FieldError>),
}

/// A step page: it takes one more error in its summary (a file that was refused).
pub(crate) trait StepView: Template {
    fn push_error(&mut self, error: ErrorLink);
}

/// The fixed controls of a step form. Everything else is an answer, named by the
/// procedure's questions (data, not a fixed input type).
#[derive(serde::Deserialize)]
struct StepControls {
    /// A button other than "continue" (`add:…`, `remove:…`, `lookup:…`).
    #[serde(rename = "_action")]
    action: Option<String>,
}

/// "Remove" next to an attached file.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct RemoveFile {
    #[serde(rename = "_attachment")]
    attachment: String,
}

/// The posted pairs without the control `name`: the answers.
fn answers_without(pairs: Vec<(String, String)>, name: &str) -> Vec<(String, String)> {
    pairs.into_iter().filter(|(k, _)| k != name).collect()
}

/// A step's form posted back.
pub(crate) async fn post<T: AnswersGo>(
    ctx: &Ctx,
    csrf: String,
    target: &T,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let controls: StepControls = body.parse()?;
    if let Some(action) = controls.action.as_deref().and_then(StepAction::parse) {
        let answers = answers_without(body.pairs, "_action");
        return changed(ctx, csrf, target, answers, action).await;
    }
    match target.save(ctx, body.pairs.clone()).await? {
        Saved::Next(to) => Ok(see_other(&to)),
        Saved::Invalid(loaded, errors) => {
            let view = target.view(ctx, loaded, &body.pairs, &errors, csrf)?;
            html(StatusCode::UNPROCESSABLE_ENTITY, &view, ctx.lang)
        }
    }
}

/// A button other than "continue": the page comes back with the change, nothing is stored
/// until the resident continues.
async fn changed<T: AnswersGo>(
    ctx: &Ctx,
    csrf: String,
    target: &T,
    answers: Vec<(String, String)>,
    action: StepAction,
) -> Result<HttpResponse, WebError> {
    let loaded = target.load(ctx).await?;
    let (values, errors) = match &action {
        StepAction::LookUpAddress(field) => {
            let refilled = target.look_up(ctx, &loaded, answers, field.clone()).await?;
            (refilled.values, refilled.errors)
        }
        _ => {
            let step = T::step(&loaded).ok_or_else(|| ctx.not_found())?;
            (apply_item_action(step, &answers, &action), Vec::new())
        }
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = target.view(ctx, loaded, &values, &errors, csrf)?;
    html(status, &view, ctx.lang)
}

/// A file for one question (`file:<name>`), sent with what was typed so far.
pub(crate) async fn upload<T: AnswersGo>(
    ctx: &Ctx,
    csrf: String,
    target: &T,
    upload: Upload,
) -> Result<HttpResponse, WebError> {
    let answers = answers_without(upload.pairs, "_file");
    let Some(file) = upload.file else {
        return again(ctx, csrf, target, &answers, None).await;
    };
    let question = file.question.clone();
    let pointer = format!("/{}", question.replace('.', "/"));
    let refused = match target.attach(ctx, pointer, file).await? {
        Ok(()) => None,
        Err(AppError::Refused(code)) => Some((question, code)),
        Err(e) => return Err(WebError::from_app(e, ctx.lang)),
    };
    again(ctx, csrf, target, &answers, refused).await
}

/// Takes back an attached file, keeping what was typed.
pub(crate) async fn remove_file<T: AnswersGo>(
    ctx: &Ctx,
    csrf: String,
    target: &T,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let input: RemoveFile = parse_pairs(&body.pairs, ctx.lang)?;
    target.detach(ctx, input.attachment).await?;
    let answers = answers_without(body.pairs, "_attachment");
    again(ctx, csrf, target, &answers, None).await
}

/// The page again after a file was attached or taken back: what was typed is kept
/// (nothing is saved until the resident continues), with the question's error if the
/// file was refused.
async fn again<T: AnswersGo>(
    ctx: &Ctx,
    csrf: String,
    target: &T,
    answers: &[(String, String)],
    refused: Option<(String, ErrorCode)>,
) -> Result<HttpResponse, WebError> {
    let loaded = target.load(ctx).await?;
    let mut view = target.view(ctx, loaded, answers, &[], csrf)?;
    let status = match refused {
        Some((question, code)) => {
            view.push_error(ErrorLink::for_code(
                code,
                ctx.lang,
                format!("#f-{}-file", question.replace('.', "-")),
            ));
            status_of(code)
        }
        None => StatusCode::OK,
    };
    html(status, &view, ctx.lang)
}
