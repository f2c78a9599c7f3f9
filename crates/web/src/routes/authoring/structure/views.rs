//! What the structured editor's page shows: its inputs (filled from the working copy, or
//! as posted when a form was refused, with their messages) and its steps and questions.

use askama::Template;
use madoguchi_app::{
    authoring::KindOf, authoring::QuestionKind, authoring::QuestionOutline, authoring::StepOutline,
    authoring::StructureOutline, authoring::fee_timings, authoring::identity_levels,
};
use madoguchi_core::{Lang, Localized};

use super::Shown;
use crate::views::{ErrorLink, Page};

/// One option of a select.
pub(super) struct Opt {
    pub(super) value: String,
    pub(super) label: String,
    pub(super) selected: bool,
}

/// One labelled input, as `authoring_input.html` draws it.
pub(super) struct Input {
    pub(super) id: String,
    pub(super) name: &'static str,
    pub(super) label: String,
    pub(super) hint: Option<String>,
    pub(super) value: String,
    pub(super) error: Option<String>,
    /// `text`, `textarea` or `select`.
    pub(super) kind: &'static str,
    pub(super) width: &'static str,
    pub(super) numeric: bool,
    pub(super) options: Vec<Opt>,
}

impl Input {
    pub(super) fn text(id: String, name: &'static str, label: &str, value: String) -> Input {
        Input {
            id,
            name,
            label: label.into(),
            hint: None,
            value,
            error: None,
            kind: "text",
            width: "",
            numeric: false,
            options: Vec::new(),
        }
    }

    pub(super) fn hint(mut self, hint: &str) -> Input {
        self.hint = Some(hint.into());
        self
    }

    pub(super) fn width(mut self, width: &'static str) -> Input {
        self.width = width;
        self
    }

    pub(super) fn textarea(mut self) -> Input {
        self.kind = "textarea";
        self
    }

    pub(super) fn select(mut self, options: Vec<(String, String)>) -> Input {
        self.kind = "select";
        self.options = options
            .into_iter()
            .map(|(value, label)| Opt {
                selected: value == self.value,
                value,
                label,
            })
            .collect();
        self
    }

    fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

pub(super) struct QuestionView {
    pub(super) key: String,
    pub(super) label: String,
    pub(super) kind: String,
    pub(super) required: bool,
    pub(super) hint: Option<String>,
    pub(super) options: Vec<String>,
    pub(super) condition: Option<String>,
    pub(super) problems: Vec<String>,
    pub(super) error: Option<String>,
    pub(super) first: bool,
    pub(super) last: bool,
}

pub(super) struct StepView {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) number: usize,
    pub(super) first: bool,
    pub(super) last: bool,
    pub(super) has_condition: bool,
    pub(super) questions: Vec<QuestionView>,
    pub(super) problems: Vec<String>,
    pub(super) error: Option<String>,
    pub(super) rename: Vec<Input>,
    pub(super) rename_open: bool,
}

/// The open "edit the question" panel.
pub(super) struct EditView {
    pub(super) key: String,
    pub(super) label: String,
    pub(super) inputs: Vec<Input>,
    pub(super) required: bool,
    pub(super) condition: Option<String>,
    /// The condition was written in JSON: setting one here replaces it.
    pub(super) condition_in_json: bool,
    pub(super) when: Option<Input>,
}

#[derive(Template)]
#[template(path = "office/authoring_structure.html")]
pub(super) struct StructurePage {
    pub(super) page: Page,
    pub(super) csrf: String,
    pub(super) id: String,
    pub(super) title: String,
    pub(super) status: String,
    pub(super) notice: Option<String>,
    pub(super) errors: Vec<ErrorLink>,
    /// The working copy is JSON (otherwise only the way to the JSON editor is offered).
    pub(super) readable: bool,
    pub(super) problem_count: usize,
    /// Problems of the check that are not at a step, a question, the settings or the fee.
    pub(super) other_problems: Vec<(String, String)>,
    /// Links to the steps and questions where the check found something.
    pub(super) problem_links: Vec<(String, String)>,
    pub(super) settings: Vec<Input>,
    pub(super) settings_problems: Vec<String>,
    pub(super) has_fee: bool,
    pub(super) fee: Vec<Input>,
    pub(super) fee_more: bool,
    pub(super) fee_problems: Vec<String>,
    pub(super) steps: Vec<StepView>,
    pub(super) edit: Option<EditView>,
    pub(super) add_step: Vec<Input>,
    pub(super) add_question: Vec<Input>,
    pub(super) add_required: bool,
}

pub(super) fn l(text: &Localized, lang: Lang) -> String {
    text.get(lang).to_string()
}

pub(super) fn kind_label(kind: KindOf, lang: Lang) -> String {
    match kind {
        KindOf::Editable(k) => l(&k.label(), lang),
        KindOf::Other(name) => format!("{name}({})", lang.pick("JSON で編集", "edited as JSON")),
    }
}

pub(super) fn kinds(lang: Lang) -> Vec<(String, String)> {
    QuestionKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), l(&k.label(), lang)))
        .collect()
}

/// The inputs of a question form (add: prefix `nq`, edit: `eq`), in page order.
pub(super) fn question_inputs(
    lang: Lang,
    prefix: &str,
    value: &dyn Fn(&str, &str) -> String,
    q: Option<&QuestionOutline>,
    shown: &Shown,
) -> Vec<Input> {
    let current = |f: fn(&QuestionOutline) -> String| q.map(f).unwrap_or_default();
    let mut kind_options = kinds(lang);
    if let Some(KindOf::Other(name)) = q.map(|q| q.kind) {
        kind_options.insert(
            0,
            (
                name.to_string(),
                format!("{name}({})", lang.pick("変えない", "keep as it is")),
            ),
        );
    }
    let default_kind = if q.is_none() {
        "text".to_string()
    } else {
        current(|q| q.kind.code().into())
    };
    let mut inputs = vec![
        Input::text(
            format!("{prefix}-kind"),
            "kind",
            lang.pick("質問の種類", "Kind of question"),
            value("kind", &default_kind),
        )
        .hint(lang.pick(
            "種類を変えると、文字数などの細かい設定はその種類の標準に戻ります。",
            "Changing the kind resets its finer limits (such as length) to that kind's defaults.",
        ))
        .select(kind_options),
        Input::text(
            format!("{prefix}-label_ja"),
            "label_ja",
            lang.pick("質問の文(日本語)", "Question text (Japanese)"),
            value("label_ja", &current(|q| q.label.ja.clone())),
        ),
        Input::text(
            format!("{prefix}-label_en"),
            "label_en",
            lang.pick("質問の文(英語)", "Question text (English)"),
            value("label_en", &current(|q| q.label.en.clone())),
        ),
        Input::text(
            format!("{prefix}-hint_ja"),
            "hint_ja",
            lang.pick("ヒント(日本語・任意)", "Hint (Japanese, optional)"),
            value("hint_ja", &current(|q| q.hint.ja.clone())),
        )
        .hint(lang.pick(
            "質問の下に表示します。日本語と英語の両方を書くか、両方とも空にしてください。",
            "Shown under the question. Write it in both languages or leave both empty.",
        )),
        Input::text(
            format!("{prefix}-hint_en"),
            "hint_en",
            lang.pick("ヒント(英語・任意)", "Hint (English, optional)"),
            value("hint_en", &current(|q| q.hint.en.clone())),
        ),
        Input::text(
            format!("{prefix}-options"),
            "options",
            lang.pick("選択肢(選択式の質問のみ)", "Choices (choice questions only)"),
            value("options", &current(QuestionOutline::options_text)),
        )
        .hint(lang.pick(
            "1行に1つ、「値 | 日本語 | English」の形で書きます。値は半角の英小文字・数字・_・- で、回答として記録されます。例: small | 小型犬 | Small",
            "One a line, as “value | 日本語 | English”. The value (lower-case letters, digits, _ and -) is what the answer records. For example: small | 小型犬 | Small",
        ))
        .textarea(),
    ];
    if q.is_none() {
        // Only an existing question's kind can be changed (and lose its finer limits).
        inputs[0].hint = None;
    }
    for input in &mut inputs {
        input.error = shown.error(&input.id, lang);
    }
    inputs
}

pub(super) fn question_view(
    q: &QuestionOutline,
    first: bool,
    last: bool,
    lang: Lang,
    shown: &Shown,
) -> QuestionView {
    QuestionView {
        key: q.key.clone(),
        label: l(&q.label, lang),
        kind: kind_label(q.kind, lang),
        required: q.required,
        hint: (!q.hint.is_empty()).then(|| l(&q.hint, lang)),
        options: q
            .options
            .iter()
            .map(|o| format!("{}({})", l(&o.label, lang), o.value))
            .collect(),
        condition: q.condition.as_ref().map(|c| l(&c.text, lang)),
        problems: q.problems.clone(),
        error: shown.error(&format!("q-{}", q.key), lang),
        first,
        last,
    }
}

pub(super) fn step_view(
    s: &StepOutline,
    index: usize,
    outline: &StructureOutline,
    lang: Lang,
    shown: &Shown,
) -> StepView {
    let total: usize = outline.steps.iter().map(|s| s.questions.len()).sum();
    let before: usize = outline.steps[..index]
        .iter()
        .map(|s| s.questions.len())
        .sum();
    let value = |name: &str, current: &str| shown.value("rename_step", &s.id, name, current);
    let mut rename = vec![
        Input::text(
            format!("st-{}-step_title_ja", s.id),
            "step_title_ja",
            lang.pick("手順の名前(日本語)", "Step title (Japanese)"),
            value("step_title_ja", &s.title.ja),
        ),
        Input::text(
            format!("st-{}-step_title_en", s.id),
            "step_title_en",
            lang.pick("手順の名前(英語)", "Step title (English)"),
            value("step_title_en", &s.title.en),
        ),
    ];
    for input in &mut rename {
        input.error = shown.error(&input.id, lang);
    }
    StepView {
        id: s.id.clone(),
        title: l(&s.title, lang),
        number: index + 1,
        first: index == 0,
        last: index + 1 == outline.steps.len(),
        has_condition: s.has_condition,
        questions: s
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| question_view(q, before + i == 0, before + i + 1 == total, lang, shown))
            .collect(),
        problems: s.problems.clone(),
        error: shown.error(&format!("step-{}", s.id), lang),
        rename,
        rename_open: shown.failed("rename_step", &s.id),
    }
}

pub(super) fn edit_view(q: &QuestionOutline, lang: Lang, shown: &Shown) -> EditView {
    let value = |name: &str, current: &str| shown.value("edit_question", &q.key, name, current);
    let required = if shown.failed("edit_question", &q.key) {
        shown.value("edit_question", &q.key, "required", "") == "yes"
    } else {
        q.required
    };
    let when = (!q.condition_choices.is_empty()).then(|| {
        let current = q
            .condition
            .as_ref()
            .and_then(|c| c.code.clone())
            .unwrap_or_default();
        let mut options = vec![(String::new(), lang.pick("選んでください", "Select").to_string())];
        options.extend(
            q.condition_choices
                .iter()
                .map(|c| (c.code.clone(), l(&c.text, lang))),
        );
        let mut input = Input::text(
            "c-when".into(),
            "when",
            lang.pick("この質問を表示するのは", "Show this question only when"),
            shown.value("condition", &q.key, "when", &current),
        )
        .hint(lang.pick(
            "この質問より前にある選択式の質問の答えから選びます。必須の質問は、表示されるときだけ必須になります。",
            "Pick an answer to an earlier choice question. A required question is required only when it is shown.",
        ))
        .select(options);
        input.error = shown.error("c-when", lang);
        input
    });
    EditView {
        key: q.key.clone(),
        label: l(&q.label, lang),
        inputs: question_inputs(lang, "eq", &value, Some(q), shown),
        required,
        condition: q.condition.as_ref().map(|c| l(&c.text, lang)),
        condition_in_json: q.condition.as_ref().is_some_and(|c| c.code.is_none()),
        when,
    }
}

pub(super) fn settings_inputs(o: &StructureOutline, lang: Lang, shown: &Shown) -> Vec<Input> {
    let value = |name: &str, current: &str| shown.value("settings", "", name, current);
    let identities = identity_levels()
        .into_iter()
        .map(|(code, label)| (code.to_string(), l(&label, lang)))
        .collect();
    let mut inputs = vec![
        Input::text(
            "s-title_ja".into(),
            "title_ja",
            lang.pick("手続の名前(日本語)", "Procedure name (Japanese)"),
            value("title_ja", &o.title.ja),
        ),
        Input::text(
            "s-title_en".into(),
            "title_en",
            lang.pick("手続の名前(英語)", "Procedure name (English)"),
            value("title_en", &o.title.en),
        ),
        Input::text(
            "s-summary_ja".into(),
            "summary_ja",
            lang.pick("手続の説明(日本語)", "Summary (Japanese)"),
            value("summary_ja", &o.summary.ja),
        )
        .hint(lang.pick(
            "この手続で何ができるかを、1〜2文で書きます。",
            "Say in one or two sentences what the procedure is for.",
        ))
        .textarea(),
        Input::text(
            "s-summary_en".into(),
            "summary_en",
            lang.pick("手続の説明(英語)", "Summary (English)"),
            value("summary_en", &o.summary.en),
        )
        .textarea(),
        Input::text(
            "s-identity".into(),
            "identity",
            lang.pick("本人確認", "Identity check"),
            value("identity", &o.identity),
        )
        .select(identities),
        Input::text(
            "s-processing_days".into(),
            "processing_days",
            lang.pick("標準処理期間(開庁日)", "Processing time (business days)"),
            value("processing_days", &o.processing_days),
        )
        .hint(lang.pick(
            "半角数字。決まっていないときは空にします。",
            "In digits; leave it empty when it is not fixed.",
        ))
        .width("w-5"),
        Input::text(
            "s-legal_basis".into(),
            "legal_basis",
            lang.pick("根拠となる法令・条例", "Legal basis (law or ordinance)"),
            value("legal_basis", &o.legal_basis),
        )
        .hint(lang.pick(
            "例: 狂犬病予防法 第4条",
            "For example: Rabies Prevention Act, Article 4",
        )),
    ];
    for input in &mut inputs {
        input.numeric = input.name == "processing_days";
        input.error = shown.error(&input.id, lang);
    }
    inputs
}

pub(super) fn fee_inputs(o: &StructureOutline, lang: Lang, shown: &Shown) -> Vec<Input> {
    let value = |name: &str, current: &str| shown.value("fee", "", name, current);
    let fee = o.fee.as_ref();
    let timings = fee_timings()
        .into_iter()
        .map(|(code, label)| (code.to_string(), l(&label, lang)))
        .collect();
    let mut inputs = vec![
        Input::text(
            "fee-unit_yen".into(),
            "unit_yen",
            lang.pick("金額(円)", "Amount (yen)"),
            value(
                "unit_yen",
                &fee.map(|f| f.unit_yen.to_string()).unwrap_or_default(),
            ),
        )
        .hint(lang.pick(
            "1件(1通)あたりの金額。半角数字。例: 300",
            "For each filing (or copy), in digits. For example: 300",
        ))
        .width("w-10"),
        Input::text(
            "fee-unit_ja".into(),
            "unit_ja",
            lang.pick("単位(日本語)", "Unit (Japanese)"),
            value(
                "unit_ja",
                &fee.map(|f| f.unit.ja.clone())
                    .unwrap_or_else(|| "件".into()),
            ),
        )
        .hint(lang.pick("例: 件、通", "For example: 件, 通"))
        .width("w-10"),
        Input::text(
            "fee-unit_en".into(),
            "unit_en",
            lang.pick("単位(英語)", "Unit (English)"),
            value(
                "unit_en",
                &fee.map(|f| f.unit.en.clone())
                    .unwrap_or_else(|| "filings".into()),
            ),
        )
        .hint(lang.pick("例: filings、copies", "For example: filings, copies"))
        .width("w-10"),
        Input::text(
            "fee-timing".into(),
            "timing",
            lang.pick("支払いの時期", "When it is paid"),
            value(
                "timing",
                &fee.map(|f| f.timing.clone())
                    .unwrap_or_else(|| "on_submission".into()),
            ),
        )
        .select(timings),
    ];
    for input in &mut inputs {
        input.numeric = input.name == "unit_yen";
        input.error = shown.error(&input.id, lang);
    }
    inputs
}
