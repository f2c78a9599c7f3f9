//! `/corrections/{token}`: the step the office asked to correct, its answers stored in
//! the application (through the step handler filing uses too), and its files.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{
    AppError, filing::CorrectionOutcome, filing::CorrectionPage, filing::Refilled,
};
use madoguchi_core::{AttachmentId, Lang, jst};
use madoguchi_forms::input::posted_from_data;
use madoguchi_forms::{FieldError, Step};

use crate::error::WebError;
use crate::extract::LinkToken;
use crate::extract::{CsrfToken, Ctx, FormBody, StagedFile, Upload};
use crate::routes::html;
use crate::routes::resident::step::{self, AnswersGo, Saved, StepView};
use crate::views::{ErrorLink, FieldView, Page, Values, anchor_actions, step_fields};

#[derive(Template)]
#[template(path = "correction.html")]
pub(super) struct CorrectionView {
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

    /// Whether a My Number is among the questions asked again (it is never shown back, so
    /// it must be typed again); the page says so only then.
    fn asks_my_number(&self) -> bool {
        fn any(fields: &[FieldView]) -> bool {
            fields.iter().any(|f| {
                f.kind == madoguchi_forms::model::FieldKind::MyNumber
                    || any(&f.children)
                    || any(&f.items)
                    || any(&f.dependents)
            })
        }
        any(&self.fields)
    }

    fn state(&self) -> String {
        self.c
            .state
            .resident_label()
            .get(self.page.lang)
            .to_string()
    }
}

impl StepView for CorrectionView {
    fn push_error(&mut self, error: ErrorLink) {
        self.errors.push(error);
        self.page.has_errors = true;
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
    anchor_actions(&mut fields, &format!("/corrections/{token}"));
    if c.can_answer {
        for f in fields.iter_mut().filter(|f| f.is_file()) {
            let pointer = format!("/{}", f.name.replace('.', "/"));
            f.files = c
                .files
                .iter()
                .filter(|a| a.field == pointer)
                .map(|a| {
                    (
                        // Only files sent with this correction can be taken back.
                        if a.from_correction {
                            a.id.to_string()
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
            msg::web_resident_correct_your_application::text(lang),
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

/// The application under correction: where its answers go.
struct Correction {
    token: String,
}

impl AnswersGo for Correction {
    type Loaded = CorrectionPage;
    type View = CorrectionView;

    async fn load(&self, ctx: &Ctx) -> Result<CorrectionPage, WebError> {
        let t = self.token.clone();
        ctx.run(move |app, tenant| app.filing(&tenant).correction(&t))
            .await
    }

    fn step(loaded: &CorrectionPage) -> Option<&Step> {
        Some(&loaded.step)
    }

    fn view(
        &self,
        ctx: &Ctx,
        loaded: CorrectionPage,
        values: &[(String, String)],
        errors: &[FieldError],
        csrf: String,
    ) -> Result<CorrectionView, WebError> {
        Ok(view(
            ctx.lang,
            self.token.clone(),
            loaded,
            values,
            errors,
            csrf,
        ))
    }

    async fn look_up(
        &self,
        ctx: &Ctx,
        loaded: &CorrectionPage,
        posted: Vec<(String, String)>,
        field: String,
    ) -> Result<Refilled, WebError> {
        let step = loaded.step.clone();
        ctx.run(move |app, tenant| {
            app.filing(&tenant)
                .look_up_address_in(&step, &posted, &field)
        })
        .await
    }

    async fn save(
        &self,
        ctx: &Ctx,
        answers: Vec<(String, String)>,
    ) -> Result<Saved<CorrectionPage>, WebError> {
        let t = self.token.clone();
        let outcome = ctx
            .run(move |app, tenant| app.filing(&tenant).answer_correction(&t, &answers))
            .await?;
        Ok(match outcome {
            CorrectionOutcome::Sent => Saved::Next(format!("/corrections/{}", self.token)),
            CorrectionOutcome::Invalid { page, errors } => Saved::Invalid(*page, errors),
        })
    }

    async fn attach(
        &self,
        ctx: &Ctx,
        pointer: String,
        file: StagedFile,
    ) -> Result<Result<(), AppError>, WebError> {
        let t = self.token.clone();
        ctx.call(move |app, tenant| {
            app.filing(&tenant)
                .upload_for_correction(&t, &pointer, &file.file_name, file.path())
                .map(|_| ())
        })
        .await
    }

    async fn detach(&self, ctx: &Ctx, id: String) -> Result<(), WebError> {
        let t = self.token.clone();
        ctx.run(move |app, tenant| {
            app.filing(&tenant)
                .remove_correction_upload(&t, &AttachmentId::new(id))
        })
        .await
    }
}

pub(super) async fn show(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<LinkToken>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner().into_inner();
    let c = Correction {
        token: token.clone(),
    }
    .load(&ctx)
    .await?;
    // A My Number is never sent back into a page: the applicant types it again.
    let values: Vec<(String, String)> = posted_from_data(&c.step, &c.data)
        .into_iter()
        .filter(|(name, _)| !is_my_number(&c.form, name))
        .collect();
    let v = view(ctx.lang, token, c, &values, &[], csrf.0);
    html(StatusCode::OK, &v, ctx.lang)
}

pub(super) async fn answer(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<LinkToken>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let target = Correction {
        token: token.into_inner().into_inner(),
    };
    step::post(&ctx, csrf.0, &target, body).await
}

pub(super) async fn upload(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<LinkToken>,
    upload: Upload,
) -> Result<HttpResponse, WebError> {
    let target = Correction {
        token: token.into_inner().into_inner(),
    };
    step::upload(&ctx, csrf.0, &target, upload).await
}

pub(super) async fn remove_file(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<LinkToken>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let target = Correction {
        token: token.into_inner().into_inner(),
    };
    step::remove_file(&ctx, csrf.0, &target, body).await
}

/// Whether the input `name` (`a.b.0.c`) is a My Number field.
fn is_my_number(form: &madoguchi_forms::Form, name: &str) -> bool {
    let pointer = format!("/{}", name.replace('.', "/"));
    form.field(&pointer)
        .is_some_and(|f| f.kind == madoguchi_forms::model::FieldKind::MyNumber)
}
