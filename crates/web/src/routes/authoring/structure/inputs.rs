//! The inputs of the structured editor's forms (settings, fee, a question), filled from the
//! working copy or as posted when the form was refused.

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
