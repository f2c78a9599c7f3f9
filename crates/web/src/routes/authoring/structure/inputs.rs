//! The inputs of the structured editor's forms (settings, fee, a question), filled from the
//! working copy or as posted when the form was refused.

use crate::msg;

use madoguchi_app::{
    authoring::KindOf, authoring::QuestionOutline, authoring::StructureOutline,
    authoring::fee_timings, authoring::identity_levels,
};
use madoguchi_core::Lang;

use super::Shown;
use super::views::{Input, kinds, l};

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
                format!("{name}({})", msg::web_authoring_keep_as_it_is::text(lang)),
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
            msg::web_authoring_kind_of_question::text(lang),
            value("kind", &default_kind),
        )
        .hint(msg::web_authoring_changing_the_kind_resets_its::text(lang))
        .select(kind_options),
        Input::text(
            format!("{prefix}-label_ja"),
            "label_ja",
            msg::web_authoring_question_text_japanese::text(lang),
            value("label_ja", &current(|q| q.label.ja.clone())),
        ),
        Input::text(
            format!("{prefix}-label_en"),
            "label_en",
            msg::web_authoring_question_text_english::text(lang),
            value("label_en", &current(|q| q.label.en.clone())),
        ),
        Input::text(
            format!("{prefix}-hint_ja"),
            "hint_ja",
            msg::web_authoring_hint_japanese_optional::text(lang),
            value("hint_ja", &current(|q| q.hint.ja.clone())),
        )
        .hint(msg::web_authoring_shown_under_the_question_write::text(
            lang,
        )),
        Input::text(
            format!("{prefix}-hint_en"),
            "hint_en",
            msg::web_authoring_hint_english_optional::text(lang),
            value("hint_en", &current(|q| q.hint.en.clone())),
        ),
        Input::text(
            format!("{prefix}-options"),
            "options",
            msg::web_authoring_choices_choice_questions_only::text(lang),
            value("options", &current(QuestionOutline::options_text)),
        )
        .hint(msg::web_authoring_one_a_line_as_value_english_the::text(
            lang,
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
            msg::web_authoring_procedure_name_japanese::text(lang),
            value("title_ja", &o.title.ja),
        ),
        Input::text(
            "s-title_en".into(),
            "title_en",
            msg::web_authoring_procedure_name_english::text(lang),
            value("title_en", &o.title.en),
        ),
        Input::text(
            "s-summary_ja".into(),
            "summary_ja",
            msg::web_authoring_summary_japanese::text(lang),
            value("summary_ja", &o.summary.ja),
        )
        .hint(msg::web_authoring_say_in_one_or_two_sentences_what::text(
            lang,
        ))
        .textarea(),
        Input::text(
            "s-summary_en".into(),
            "summary_en",
            msg::web_authoring_summary_english::text(lang),
            value("summary_en", &o.summary.en),
        )
        .textarea(),
        Input::text(
            "s-who_may_file_ja".into(),
            "who_may_file_ja",
            msg::web_authoring_who_may_file_japanese::text(lang),
            value("who_may_file_ja", &o.who_may_file.ja),
        )
        .hint(msg::web_authoring_who_may_file_hint::text(lang))
        .textarea(),
        Input::text(
            "s-who_may_file_en".into(),
            "who_may_file_en",
            msg::web_authoring_who_may_file_english::text(lang),
            value("who_may_file_en", &o.who_may_file.en),
        )
        .textarea(),
        Input::text(
            "s-result_delivery_ja".into(),
            "result_delivery_ja",
            msg::web_authoring_result_delivery_japanese::text(lang),
            value("result_delivery_ja", &o.result_delivery.ja),
        )
        .hint(msg::web_authoring_result_delivery_hint::text(lang))
        .textarea(),
        Input::text(
            "s-result_delivery_en".into(),
            "result_delivery_en",
            msg::web_authoring_result_delivery_english::text(lang),
            value("result_delivery_en", &o.result_delivery.en),
        )
        .textarea(),
        Input::text(
            "s-what_to_prepare_ja".into(),
            "what_to_prepare_ja",
            msg::web_authoring_what_to_prepare_japanese::text(lang),
            value("what_to_prepare_ja", &o.what_to_prepare.ja),
        )
        .hint(msg::web_authoring_what_to_prepare_hint::text(lang))
        .textarea(),
        Input::text(
            "s-what_to_prepare_en".into(),
            "what_to_prepare_en",
            msg::web_authoring_what_to_prepare_english::text(lang),
            value("what_to_prepare_en", &o.what_to_prepare.en),
        )
        .textarea(),
        Input::text(
            "s-identity".into(),
            "identity",
            msg::web_common_identity_check::text(lang),
            value("identity", &o.identity),
        )
        .select(identities),
        Input::text(
            "s-processing_days".into(),
            "processing_days",
            msg::web_authoring_processing_time_business_days::text(lang),
            value("processing_days", &o.processing_days),
        )
        .hint(msg::web_authoring_in_digits_leave_it_empty_when_it::text(
            lang,
        ))
        .width("w-5"),
        Input::text(
            "s-legal_basis".into(),
            "legal_basis",
            msg::web_authoring_legal_basis_law_or_ordinance::text(lang),
            value("legal_basis", &o.legal_basis),
        )
        .hint(msg::web_authoring_for_example_rabies_prevention::text(lang)),
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
            msg::web_authoring_amount_yen::text(lang),
            value(
                "unit_yen",
                &fee.map(|f| f.unit_yen.to_string()).unwrap_or_default(),
            ),
        )
        .hint(msg::web_authoring_for_each_filing_or_copy_in::text(lang))
        .width("w-10"),
        Input::text(
            "fee-unit_ja".into(),
            "unit_ja",
            msg::web_authoring_unit_japanese::text(lang),
            value(
                "unit_ja",
                &fee.map(|f| f.unit.ja.clone())
                    .unwrap_or_else(|| "件".into()),
            ),
        )
        .hint(msg::web_authoring_for_example::text(lang))
        .width("w-10"),
        Input::text(
            "fee-unit_en".into(),
            "unit_en",
            msg::web_authoring_unit_english::text(lang),
            value(
                "unit_en",
                &fee.map(|f| f.unit.en.clone())
                    .unwrap_or_else(|| "filings".into()),
            ),
        )
        .hint(msg::web_authoring_for_example_filings_copies::text(lang))
        .width("w-10"),
        Input::text(
            "fee-timing".into(),
            "timing",
            msg::web_authoring_when_it_is_paid::text(lang),
            value(
                "timing",
                &fee.map(|f| f.timing.clone())
                    .unwrap_or_else(|| "on_submission".into()),
            ),
        )
        .select(timings),
        Input::text(
            "fee-quantity".into(),
            "quantity",
            msg::web_authoring_fee_quantity::text(lang),
            value(
                "quantity",
                &fee.map(|f| f.quantity.clone()).unwrap_or_default(),
            ),
        )
        .hint(msg::web_authoring_fee_quantity_hint::text(lang))
        .select(
            std::iter::once((
                String::new(),
                msg::web_authoring_fee_quantity_none::text(lang).to_string(),
            ))
            .chain(
                o.quantity_choices
                    .iter()
                    .map(|(key, label)| (key.clone(), format!("{} ({key})", l(label, lang)))),
            )
            .collect(),
        ),
    ];
    for input in &mut inputs {
        input.numeric = input.name == "unit_yen";
        input.error = shown.error(&input.id, lang);
    }
    inputs
}
