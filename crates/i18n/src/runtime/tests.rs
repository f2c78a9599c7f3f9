use super::*;

#[allow(dead_code)]
#[path = "../../build/analysis.rs"]
mod analysis;

fn with(lang: Lang, ftl: &str) -> FluentBundle<FluentResource> {
    let mut b = bundle(lang);
    let resource = FluentResource::try_new(ftl.to_owned()).unwrap();
    b.add_resource_overriding(resource);
    b
}

fn format_in(b: &FluentBundle<FluentResource>, id: &str, n: f64) -> String {
    let _ = &*CATALOGUE; // the separators are read with the catalogue
    let mut args = FluentArgs::new();
    args.set("n", number_value(Number(n)));
    plain(b, id, Some(&args)).unwrap()
}

#[test]
fn yen_is_grouped_by_thousands_in_each_language() {
    assert_eq!(crate::t!(Lang::Ja, money_yen, amount = 300), "300円");
    assert_eq!(
        crate::t!(Lang::Ja, money_yen, amount = 1_234_567),
        "1,234,567円"
    );
    assert_eq!(crate::t!(Lang::Ja, money_yen, amount = 0), "0円");
    assert_eq!(crate::t!(Lang::En, money_yen, amount = 1200), "¥1,200");
    assert_eq!(crate::t!(Lang::En, money_yen, amount = -5000), "¥-5,000");
    assert_eq!(crate::t!(Lang::En, money_yen, amount = 999), "¥999");
}

#[test]
fn plurals_follow_the_language_and_numbers_are_grouped() {
    let en = with(
        Lang::En,
        "t-files = { $n -> \n    [one] one file\n   *[other] { $n } files\n}\n",
    );
    assert_eq!(format_in(&en, "t-files", 1.0), "one file");
    assert_eq!(format_in(&en, "t-files", 2.0), "2 files");
    assert_eq!(format_in(&en, "t-files", 1200.0), "1,200 files");
    // Japanese has no plural forms: `one` never matches, every count is `other`.
    let ja = with(
        Lang::Ja,
        "t-files = { $n -> \n    [one] 一件\n   *[other] { $n }件\n}\n",
    );
    assert_eq!(format_in(&ja, "t-files", 1.0), "1件");
    assert_eq!(format_in(&ja, "t-files", 12345.0), "12,345件");
    // An exact number wins over the plural category.
    let exact = with(
        Lang::Ja,
        "t-year = { $n -> \n    [1] 元\n   *[other] { $n }\n}年\n",
    );
    assert_eq!(format_in(&exact, "t-year", 1.0), "元年");
    assert_eq!(format_in(&exact, "t-year", 8.0), "8年");
}

#[test]
fn grouping_can_be_turned_off_and_fractions_are_left_to_fluent() {
    let b = with(
        Lang::Ja,
        "t-plain = { NUMBER($n, useGrouping: \"false\") }文字\nt-grouped = { $n }\n",
    );
    assert_eq!(format_in(&b, "t-plain", 2000.0), "2000文字");
    assert_eq!(format_in(&b, "t-grouped", -1_000_000.0), "-1,000,000");
    assert_eq!(format_in(&b, "t-grouped", 2.5), "2.5");
}

#[test]
fn arguments_are_not_wrapped_in_isolation_marks() {
    let text = crate::t!(Lang::En, money_yen, amount = 5);
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
}

#[test]
fn a_message_missing_in_a_language_falls_back_to_japanese() {
    let bundles = vec![with(Lang::Ja, "t-only-ja = 日本語だけ\n"), bundle(Lang::En)];
    assert_eq!(in_lang(&bundles, Lang::En, "t-only-ja", None), "日本語だけ");
    assert_eq!(in_lang(&bundles, Lang::En, "t-nowhere", None), "");
}

#[test]
fn texts_without_arguments_are_the_catalogue_texts() {
    for lang in Lang::ALL {
        for (i, id) in STATIC_IDS.iter().enumerate() {
            let fluent = plain(&CATALOGUE.bundles[lang.index()], id, None);
            let fluent = fluent.unwrap_or_else(|| plain(&CATALOGUE.bundles[0], id, None).unwrap());
            assert_eq!(static_text(lang, i), fluent, "{lang} {id}");
            assert!(!fluent.is_empty(), "{lang} {id} is empty");
        }
    }
}

/// Every message of every language formats without a Fluent error when given the
/// arguments its accessor takes (text, and the numbers 1, 2 and 1200 for plural forms).
#[test]
fn every_message_formats_without_errors_in_every_language() {
    let files: Vec<(Lang, Vec<(String, String)>)> = Lang::ALL
        .into_iter()
        .map(|l| {
            let files = SOURCES[l.index()]
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
                .collect();
            (l, files)
        })
        .collect();
    let languages: Vec<analysis::Language> = files
        .iter()
        .map(|(_, f)| analysis::analyse(f).unwrap())
        .collect();
    let mut failures = Vec::new();
    for (id, reference) in &languages[0].messages {
        let others: Vec<_> = languages[1..]
            .iter()
            .filter_map(|l| l.messages.get(id))
            .collect();
        let signature = analysis::signature(reference, &others);
        for n in [1.0, 2.0, 1200.0] {
            let mut args = FluentArgs::new();
            for (name, (kind, _)) in &signature {
                match kind {
                    analysis::ArgKind::Text => args.set(name.as_str(), "x"),
                    analysis::ArgKind::Number => args.set(name.as_str(), number_value(Number(n))),
                }
            }
            for lang in Lang::ALL {
                let b = &CATALOGUE.bundles[lang.index()];
                let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = Vec::new();
                let _ = b.format_pattern(pattern, Some(&args), &mut errors);
                if !errors.is_empty() {
                    failures.push(format!("{lang} {id}: {errors:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
