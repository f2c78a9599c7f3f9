//! The structured editor (`/office/authoring/{id}/structure`): the working copy's
//! settings, fee, steps and questions edited through plain forms, for authors who do not
//! write JSON. Every form posts to the same address with an `action`; a change is saved
//! (and checked) by the app and answered with a redirect back to the page; a mistake in
//! what was typed is answered 422 with the message at its input.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use madoguchi_app::authoring::{
    ITEM_OF, InputProblem, KindOf, ProcedureDraft, QuestionKind, QuestionOutline, StructureOutcome,
};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, Lang};

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::ErrorLink;

mod inputs;
mod sent;
mod views;

use sent::{Sent, parse};

use inputs::{fee_inputs, question_inputs, settings_inputs};
use views::{Input, StructurePage, edit_view, l, step_view};

/// A refused form: what it sent, and what to fix.
struct Failure {
    sent: Sent,
    problems: Vec<InputProblem>,
    posted: Vec<(String, String)>,
}

/// What the page shows besides the working copy.
#[derive(Default)]
struct Shown {
    /// The question whose edit panel is open.
    editing: Option<String>,
    notice: Option<String>,
    failure: Option<Failure>,
}

impl Shown {
    fn failed(&self, form: &str, target: &str) -> bool {
        self.failure
            .as_ref()
            .is_some_and(|f| f.sent.form == form && f.sent.target == target)
    }

    /// The value to show in an input: as posted when its form was refused.
    fn value(&self, form: &str, target: &str, name: &str, current: &str) -> String {
        match &self.failure {
            Some(f) if self.failed(form, target) => f
                .posted
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            _ => current.to_string(),
        }
        .replace("\r\n", "\n")
    }

    /// The message for the element with this HTML id.
    fn error(&self, id: &str, lang: Lang) -> Option<String> {
        let f = self.failure.as_ref()?;
        f.problems
            .iter()
            .find(|p| f.sent.id_of(p.input) == id)
            .map(|p| p.message.get(lang).to_string())
    }
}

fn render(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    draft: ProcedureDraft,
    shown: Shown,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let outline = draft.outline();
    let mut errors: Vec<ErrorLink> = shown
        .failure
        .iter()
        .flat_map(|f| {
            f.problems.iter().map(|p| ErrorLink {
                href: format!("#{}", f.sent.id_of(p.input)),
                text: p.message.get(lang).to_string(),
            })
        })
        .collect();
    if outline.is_none() {
        // The only refusal possible: the working copy is not JSON (said on the page).
        errors.clear();
    }
    let mut p = crate::views::office_page(
        lang,
        msg::web_authoring_edit_questions::text(lang),
        &format!("/office/authoring/{}/structure", draft.id),
        clerk,
        &csrf,
    );
    p.has_errors = !errors.is_empty();
    let o = outline.clone().unwrap_or_default();
    let add_value = |name: &str, current: &str| shown.value("add_question", "", name, current);
    let mut add_question = question_inputs(lang, "nq", &add_value, None, &shown);
    // The repeatable groups, whose items can be given questions.
    let groups: Vec<&QuestionOutline> = o
        .steps
        .iter()
        .flat_map(|s| &s.questions)
        .filter(|q| q.kind == KindOf::Editable(QuestionKind::Repeat))
        .collect();
    let mut step_select = Input::text(
        "nq-step".into(),
        "step",
        msg::web_authoring_step_it_goes_on::text(lang),
        add_value(
            "step",
            &o.steps.last().map(|s| s.id.clone()).unwrap_or_default(),
        ),
    )
    .select(
        o.steps
            .iter()
            .map(|s| (s.id.clone(), l(&s.title, lang)))
            .chain(groups.iter().map(|q| {
                let label = l(&q.label, lang);
                (
                    format!("{ITEM_OF}{}", q.key),
                    madoguchi_i18n::t!(lang, web_authoring_in_each_item, label = label),
                )
            }))
            .collect(),
    );
    step_select.error = shown.error("nq-step", lang);
    let mut key = Input::text(
        "nq-key".into(),
        "key",
        msg::web_authoring_question_key::text(lang),
        add_value("key", ""),
    )
    .hint(msg::web_authoring_the_name_the_answer_is_recorded::text(
        lang,
    ))
    .width("w-20");
    key.error = shown.error("nq-key", lang);
    add_question.insert(0, key);
    add_question.insert(0, step_select);
    let mut add_step = vec![
        Input::text(
            "ns-step_id".into(),
            "step_id",
            msg::web_authoring_step_id::text(lang),
            shown.value("add_step", "", "step_id", ""),
        )
        .hint(msg::web_authoring_page_id_hint::text(lang))
        .width("w-20"),
        Input::text(
            "ns-step_title_ja".into(),
            "step_title_ja",
            msg::web_authoring_step_title_japanese::text(lang),
            shown.value("add_step", "", "step_title_ja", ""),
        ),
        Input::text(
            "ns-step_title_en".into(),
            "step_title_en",
            msg::web_authoring_step_title_english::text(lang),
            shown.value("add_step", "", "step_title_en", ""),
        ),
    ];
    for input in &mut add_step {
        input.error = shown.error(&input.id, lang);
    }
    let has_fee = if shown.failed("fee", "") {
        shown.value("fee", "", "fee", "") != "none"
    } else {
        o.fee.is_some()
    };
    let editing = shown.editing.as_deref();
    let edit = o
        .steps
        .iter()
        .flat_map(|s| &s.questions)
        .flat_map(|q| std::iter::once(q).chain(&q.items))
        .find(|q| Some(q.key.as_str()) == editing)
        .map(|q| edit_view(q, lang, &shown));
    let mut problem_links = Vec::new();
    for s in &o.steps {
        if !s.problems.is_empty() {
            problem_links.push((
                format!("#step-{}", s.id),
                format!(
                    "{}: {}",
                    msg::web_authoring_step::text(lang),
                    l(&s.title, lang)
                ),
            ));
        }
        for q in s.questions.iter().filter(|q| !q.problems.is_empty()) {
            problem_links.push((
                format!("#q-{}", q.key),
                format!(
                    "{}: {}",
                    msg::web_authoring_question::text(lang),
                    l(&q.label, lang)
                ),
            ));
        }
    }
    if !o.settings_problems.is_empty() {
        problem_links.insert(
            0,
            (
                "#settings".into(),
                msg::web_authoring_settings::text(lang).into(),
            ),
        );
    }
    if !o.fee_problems.is_empty() {
        problem_links.push(("#fee".into(), msg::web_common_fee::text(lang).into()));
    }
    let status = if shown.failure.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = StructurePage {
        page: p,
        csrf,
        title: if o.title.get(lang).is_empty() {
            draft.id.to_string()
        } else {
            l(&o.title, lang)
        },
        id: draft.id.clone(),
        status: draft.status.label().get(lang).to_string(),
        notice: shown.notice.clone(),
        readable: outline.is_some(),
        problem_count: draft.problems.len(),
        other_problems: o
            .other_problems
            .iter()
            .map(|p| {
                (
                    if p.pointer.is_empty() {
                        "/".into()
                    } else {
                        p.pointer.clone()
                    },
                    p.message.get(lang).to_string(),
                )
            })
            .collect(),
        problem_links,
        settings: settings_inputs(&o, lang, &shown),
        settings_problems: views::texts(&o.settings_problems, lang),
        has_fee,
        fee: fee_inputs(&o, lang, &shown),
        fee_more: o.fee.as_ref().is_some_and(|f| f.more),
        fee_problems: views::texts(&o.fee_problems, lang),
        steps: o
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| step_view(s, i, &o, lang, &shown))
            .collect(),
        edit,
        add_step,
        add_question,
        // New questions are required unless the author says otherwise.
        add_required: !shown.failed("add_question", "")
            || shown.value("add_question", "", "required", "") == "yes",
        errors,
    };
    html(status, &page, lang)
}

#[derive(serde::Deserialize)]
pub(super) struct StructureQuery {
    edit: Option<String>,
    saved: Option<String>,
}

pub(super) async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    query: web::Query<StructureQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let draft = ctx
        .run(move |app, tenant| app.authoring(&tenant).procedure_draft(&c, &id))
        .await?;
    let notice = query.saved.as_ref().map(|_| match draft.problems.len() {
        0 => msg::web_authoring_saved_the_check_found_no::text(lang).to_string(),
        n => madoguchi_i18n::t!(lang, web_authoring_saved_check_found_problems, count = n),
    });
    let shown = Shown {
        editing: query.edit.clone(),
        notice,
        failure: None,
    };
    render(&ctx, &clerk, csrf.0, draft, shown)
}

pub(super) async fn change(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let sent =
        parse(body.parse()?).ok_or_else(|| WebError::new(ErrorCode::MalformedRequest, ctx.lang))?;
    let (c, i, edit) = (clerk.clerk.clone(), id.clone(), sent.edit.clone());
    let outcome = ctx
        .run(move |app, tenant| {
            app.authoring(&tenant)
                .apply_procedure_structure(&c, &i, &edit)
        })
        .await?;
    match outcome {
        StructureOutcome::Saved(_) => Ok(see_other(&format!(
            "/office/authoring/{id}/structure?saved=1#{}",
            sent.anchor()
        ))),
        StructureOutcome::Refused { draft, problems } => {
            let editing =
                matches!(sent.form, "edit_question" | "condition").then(|| sent.target.clone());
            let posted = body
                .pairs
                .iter()
                .filter(|(k, _)| k != "csrf_token")
                .cloned()
                .collect();
            let shown = Shown {
                editing,
                notice: None,
                failure: Some(Failure {
                    sent,
                    problems,
                    posted,
                }),
            };
            render(&ctx, &clerk, csrf.0, draft, shown)
        }
    }
}
