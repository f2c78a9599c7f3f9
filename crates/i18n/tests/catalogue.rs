//! The catalogues agree with each other and with the code: every language has every
//! message, with the same arguments, and every message is used somewhere in the crates.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../build/analysis.rs"]
mod analysis;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use analysis::Language;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn languages() -> Vec<(String, Language)> {
    analysis::read_locales(&crate_dir().join("locales"))
        .unwrap()
        .into_iter()
        .map(|(code, files)| {
            let language = analysis::analyse(&files)
                .unwrap_or_else(|e| panic!("locales/{code}:\n{}", e.join("\n")));
            (code, language)
        })
        .collect()
}

#[test]
fn there_is_a_folder_per_language_with_japanese_first() {
    let langs = languages();
    let codes: Vec<&str> = langs.iter().map(|(c, _)| c.as_str()).collect();
    let known: Vec<&str> = madoguchi_i18n::Lang::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(codes, known, "Lang::ALL is the folders, Japanese first");
    assert_eq!(codes[0], "ja");
}

#[test]
fn every_language_has_every_message_and_no_other() {
    let langs = languages();
    let (_, reference) = &langs[0];
    let ids: BTreeSet<&String> = reference.messages.keys().collect();
    let mut problems = Vec::new();
    for (code, language) in &langs[1..] {
        let theirs: BTreeSet<&String> = language.messages.keys().collect();
        for missing in ids.difference(&theirs) {
            let m = &reference.messages[*missing];
            problems.push(format!(
                "locales/{code}: `{missing}` is missing (ja/{}:{})",
                m.file, m.line
            ));
        }
        for extra in theirs.difference(&ids) {
            let m = &language.messages[*extra];
            problems.push(format!(
                "locales/{code}/{}:{}: `{extra}` is not in the Japanese catalogue",
                m.file, m.line
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_language_uses_the_same_arguments() {
    let langs = languages();
    let (_, reference) = &langs[0];
    let mut problems = Vec::new();
    for (id, message) in &reference.messages {
        let others: Vec<&analysis::MessageInfo> = langs[1..]
            .iter()
            .filter_map(|(_, l)| l.messages.get(id))
            .collect();
        let signature = analysis::signature(message, &others);
        for (code, language) in &langs {
            let Some(m) = language.messages.get(id) else {
                continue;
            };
            for (arg, (kind, optional)) in &signature {
                match m.uses.get(arg) {
                    None if !optional => problems.push(format!(
                        "locales/{code}/{}:{}: `{id}` does not use ${arg}, which other languages use \
                         (declare `# ${arg} (optional)` in ja/{} if that is meant)",
                        m.file, m.line, message.file
                    )),
                    Some(analysis::ArgKind::Number) if *kind == analysis::ArgKind::Text => {
                        problems.push(format!(
                            "locales/{code}/{}:{}: `{id}` uses ${arg} as a number, but it is declared Text",
                            m.file, m.line
                        ));
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An id is used when its accessor name (`forms_too_long`) or the id itself
/// (`forms-too-long`) appears in a crate's `src/` or `templates/`. The catalogues, this
/// crate's tests and the build output are not looked at.
#[test]
fn every_message_is_used_in_the_crates() {
    let langs = languages();
    let crates = crate_dir().join("..");
    let mut words = BTreeSet::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let dir = entry.unwrap().path();
        for sub in ["src", "templates"] {
            collect_words(&dir.join(sub), &mut words);
        }
    }
    assert!(
        words.contains("ErrorCode"),
        "the scan read the crates' sources"
    );
    let unused: Vec<String> = langs[0]
        .1
        .messages
        .values()
        .filter(|m| !words.contains(&m.id) && !words.contains(&m.id.replace('-', "_")))
        .map(|m| {
            format!(
                "locales/ja/{}:{}: `{}` is used nowhere (remove it from every language, or use it)",
                m.file, m.line, m.id
            )
        })
        .collect();
    assert!(unused.is_empty(), "{}", unused.join("\n"));
}

fn collect_words(dir: &Path, words: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_words(&path, words);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            // Rust names and hyphenated ids are both runs of these characters.
            let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
            words.extend(
                text.split(|c: char| !is_word(c))
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned),
            );
        }
    }
}

#[test]
fn the_check_finds_a_message_missing_in_a_language_or_with_other_arguments() {
    let ja = analysis::analyse(&[(
        "t.ftl".into(),
        "t-a = あ { $n }\n# $date (Text, optional)\nt-b = い{ $x }\nt-c = う\n".into(),
    )])
    .unwrap();
    let en = analysis::analyse(&[(
        "t.ftl".into(),
        "t-a = { $n -> \n [one] a\n*[other] as\n}\nt-b = { $x } on { $date }\n".into(),
    )])
    .unwrap();
    assert!(!en.messages.contains_key("t-c"), "t-c is missing in en");
    let sig = analysis::signature(&ja.messages["t-a"], &[&en.messages["t-a"]]);
    assert_eq!(
        sig,
        BTreeMap::from([("n".to_owned(), (analysis::ArgKind::Number, false))]),
        "a plural selector in one language makes $n a number"
    );
    let sig = analysis::signature(&ja.messages["t-b"], &[&en.messages["t-b"]]);
    assert_eq!(sig["date"], (analysis::ArgKind::Text, true));
    assert!(!ja.messages["t-b"].uses.contains_key("date"));
}

#[test]
fn the_check_refuses_broken_catalogues() {
    let broken = |text: &str| analysis::analyse(&[("t.ftl".into(), text.into())]).unwrap_err();
    assert!(broken("t-a = { $n\n")[0].contains("t.ftl:1"));
    assert!(broken("t-a = a\nt-a = b\n")[0].contains("defined twice"));
    assert!(broken("t-a = { DATETIME($d) }\n")[0].contains("unknown function"));
    assert!(broken("t-a = { t-b }\n")[0].contains("does not have"));
    assert!(broken("t-a = { -brand }\n")[0].contains("no term"));
    assert!(broken("t-a = { $userName }\n")[0].contains("snake_case"));
    assert!(broken("t-a = { $type }\n")[0].contains("keyword"));
    assert!(broken("T_a = x\n")[0].contains("lower-case words"));
    assert!(broken("t-a = x\n    .title = y\n")[0].contains("attributes"));
}

#[test]
fn languages_are_named_by_their_folders() {
    use madoguchi_i18n::Lang;
    assert_eq!(Lang::default(), Lang::Ja);
    assert_eq!(Lang::parse(" EN "), Some(Lang::En));
    for alias in ["jp", "ja-JP", "ja"] {
        assert_eq!(Lang::parse(alias), Some(Lang::Ja), "{alias}");
    }
    for alias in ["en-us", "en-GB"] {
        assert_eq!(Lang::parse(alias), Some(Lang::En), "{alias}");
    }
    assert_eq!(
        Lang::parse("en-au"),
        None,
        "only the aliases kept from the first version"
    );
    assert_eq!(Lang::parse("xx"), None);
    assert_eq!(Lang::En.to_string(), "en");
    assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    assert_eq!(serde_json::from_str::<Lang>("\"ja\"").unwrap(), Lang::Ja);
    assert!(
        serde_json::from_str::<Lang>("\"jp\"").is_err(),
        "stored codes are exact"
    );
}
