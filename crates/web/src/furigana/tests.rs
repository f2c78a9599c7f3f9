//! Readings over labels, checked against the generated word list.

use super::*;

fn ruby(base: &str, reading: &str) -> String {
    format!("<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>")
}

fn sample() -> Readings {
    Readings::new([
        ("住民", "じゅうみん"),
        ("住民票", "じゅうみんひょう"),
        ("票", "ひょう"),
        ("写し", "うつし"),
        ("申し込む", "もうしこむ"),
        ("届け出る", "とどけでる"),
        ("方", "かた"),
        ("1日", "1にち"),
        ("お子さん", "おこさん"),
    ])
}

#[test]
fn the_longest_known_word_wins() {
    let html = sample().to_html("住民票の写し");
    assert_eq!(
        html,
        format!(
            "{}の{}し",
            ruby("住民票", "じゅうみんひょう"),
            ruby("写", "うつ")
        )
    );
    // Where the longer word is not there, the shorter ones are used.
    assert_eq!(
        sample().to_html("住民の票"),
        format!("{}の{}", ruby("住民", "じゅうみん"), ruby("票", "ひょう"))
    );
}

#[test]
fn okurigana_stay_outside_the_ruby() {
    assert_eq!(
        sample().to_html("申し込む方"),
        format!(
            "{}し{}む{}",
            ruby("申", "もう"),
            ruby("込", "こ"),
            ruby("方", "かた")
        )
    );
    // Kana before the kanji, and digits, are shown as they are too.
    assert_eq!(
        sample().to_html("お子さんは1日"),
        format!("お{}さんは1{}", ruby("子", "こ"), ruby("日", "にち"))
    );
}

#[test]
fn the_word_list_reads_person_nouns_and_daytime_as_a_clerk_would() {
    // MeCab's own readings are corrected for these (tools/furigana.py, OVERRIDES).
    for (text, reading) in [
        ("日中の連絡先電話番号", "にっちゅう"),
        ("届出人", "とどけでにん"),
        ("相続人", "そうぞくにん"),
        ("成年後見人・保佐人など", "ほさにん"),
    ] {
        let html = to_html(text);
        assert!(
            html.contains(&format!("<rt>{reading}</rt>")),
            "{text}: {html}"
        );
    }
}

#[test]
fn a_reading_that_does_not_line_up_covers_the_whole_word() {
    // The kana of the word are not in the reading: no clean split.
    let r = Readings::new([("取り扱い", "とりあつかう")]);
    assert_eq!(r.to_html("取り扱い"), ruby("取り扱い", "とりあつかう"));
}

#[test]
fn words_not_in_the_list_stay_plain() {
    assert_eq!(sample().to_html("戸籍の附属"), "戸籍の附属");
    assert_eq!(sample().to_html("メールアドレス"), "メールアドレス");
    let runs = sample().kanji_runs("戸籍の附属と住民票、写し");
    let missing: Vec<Vec<&str>> = runs
        .iter()
        .map(|(_, m)| m.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(missing, [vec!["戸籍"], vec!["附属"], vec![], vec![]]);
    // A run only partly known: the unknown part is named.
    let runs = sample().kanji_runs("戸籍住民票");
    assert_eq!(runs, [("戸籍住民票".to_string(), vec!["戸籍".to_string()])]);
}

#[test]
fn everything_else_is_escaped() {
    let html = sample().to_html("<script>alert(\"住民票\")</script>&'");
    assert_eq!(
        html,
        format!(
            "&#60;script&#62;alert(&#34;{}&#34;)&#60;/script&#62;&#38;&#39;",
            ruby("住民票", "じゅうみんひょう")
        )
    );
    assert!(!html.contains("<script"));
    // A hostile word list is escaped as well.
    let hostile = Readings::new([("漢<b>", "<i>かん")]);
    assert_eq!(
        hostile.to_html("漢<b>"),
        ruby("漢&#60;b&#62;", "&#60;i&#62;かん")
    );
}

#[test]
fn escaping_matches_the_templates() {
    #[derive(askama::Template)]
    #[template(source = "{{ label }}", ext = "html")]
    struct Label<'a> {
        label: &'a str,
    }
    for text in [
        "住民票の写し",
        "<script>\"a\" & 'b'</script>",
        "氏名(フリガナ)",
        "",
    ] {
        let templated = askama::Template::render(&Label { label: text }).unwrap();
        assert_eq!(escape(text), templated);
    }
}

#[test]
fn the_generated_word_list_loads() {
    let readings = Readings::from_json(WORDS_JSON).expect("forms/furigana.json parses");
    assert!(readings.len() > 1000, "{} words", readings.len());
    assert!(to_html("住民票の写し").contains("<rt>"));
}

/// Every kanji in what the resident pages show of the 108 procedures (titles, step
/// titles, question, group and option labels) is covered by the word list, except the
/// few words MeCab cannot read, listed here.
#[test]
fn the_word_list_covers_the_labels_of_every_form() {
    // 々 in 前々年 (MeCab gives it no reading), 受療 (受療証), 置 of 置場 (資材置場;
    // its 場 is known) and 頸 (子宮頸がん).
    const UNKNOWN: [&str; 4] = ["々", "受療", "置", "頸"];
    fn texts(field: &madoguchi_forms::Field, out: &mut Vec<String>) {
        out.push(field.label.ja.clone());
        out.extend(field.item_label.iter().map(|l| l.ja.clone()));
        out.extend(field.options.iter().map(|o| o.label.ja.clone()));
        for child in &field.children {
            texts(child, out);
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    // As Sendai serves them: its procedures written for every city completed.
    let sendai = madoguchi_forms::CityParameters::for_organisation_file(
        &dir.join("../deploy/data/municipalities/sendai.json"),
    )
    .expect("sendai.json");
    let (forms, problems) = madoguchi_forms::FormRegistry::load_dir(&dir)
        .expect("forms/ loads")
        .for_city(&sendai, |_| true);
    assert!(problems.is_empty(), "{problems:?}");
    let readings = Readings::from_json(WORDS_JSON).expect("the word list parses");
    let (mut runs, mut covered) = (0, 0);
    let mut missing = std::collections::BTreeSet::new();
    for form in forms.all() {
        let mut shown = vec![form.title().ja.clone()];
        for step in form.steps() {
            shown.push(step.title.ja.clone());
            for field in &step.fields {
                texts(field, &mut shown);
            }
        }
        for text in shown {
            for (_, parts) in readings.kanji_runs(&text) {
                runs += 1;
                if parts.is_empty() {
                    covered += 1;
                }
                missing.extend(parts);
            }
        }
    }
    println!(
        "furigana: {covered} of {runs} kanji runs covered ({:.2}%) in the labels of {} forms",
        100.0 * covered as f64 / runs as f64,
        forms.len()
    );
    assert_eq!(forms.len(), 108);
    assert_eq!(
        missing.iter().map(String::as_str).collect::<Vec<_>>(),
        UNKNOWN
    );
}

#[test]
fn outside_a_request_furigana_are_off() {
    assert!(!wanted());
}
