//! Finding procedures: categories and search.
//!
//! Search is forgiving the way residents type: full- and half-width forms are the same,
//! hiragana and katakana are the same (so 「じゅうみんひょう」 finds a procedure whose
//! keywords give the reading), case does not matter, spaces are ignored, and any part of a
//! word matches. Kanji are matched as written; readings in `procedure.keywords` connect them
//! to kana.

use madoguchi_core::Localized;
use madoguchi_i18n::{Phrase, msg};

use crate::normalize::{ascii_to_halfwidth, halfwidth_kana_to_fullwidth, hiragana_to_katakana};
use crate::registry::Form;

/// The catalogue's categories, in the order the list shows them, with their names
/// (catalogue: `forms-category-<code>`).
pub const CATEGORIES: [(&str, Phrase); 19] = [
    ("certificates", msg::forms_category_certificates::text),
    (
        "resident-records",
        msg::forms_category_resident_records::text,
    ),
    ("family-register", msg::forms_category_family_register::text),
    ("tax", msg::forms_category_tax::text),
    ("child-care", msg::forms_category_child_care::text),
    ("education", msg::forms_category_education::text),
    (
        "health-insurance",
        msg::forms_category_health_insurance::text,
    ),
    ("pension", msg::forms_category_pension::text),
    ("elderly-care", msg::forms_category_elderly_care::text),
    ("disability", msg::forms_category_disability::text),
    ("welfare", msg::forms_category_welfare::text),
    (
        "environment-waste",
        msg::forms_category_environment_waste::text,
    ),
    ("animals", msg::forms_category_animals::text),
    ("roads-parks", msg::forms_category_roads_parks::text),
    (
        "housing-building",
        msg::forms_category_housing_building::text,
    ),
    (
        "business-permits",
        msg::forms_category_business_permits::text,
    ),
    (
        "facilities-events",
        msg::forms_category_facilities_events::text,
    ),
    ("disaster", msg::forms_category_disaster::text),
    ("other", msg::forms_category_other::text),
];

pub fn category_label(code: &str) -> Localized {
    CATEGORIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| Localized::from_fn(|lang| name(lang).to_owned()))
        .unwrap_or_else(|| Localized::new(code, code))
}

/// Position of a category in the list (unknown ones last).
pub fn category_rank(code: &str) -> usize {
    CATEGORIES
        .iter()
        .position(|(c, _)| *c == code)
        .unwrap_or(CATEGORIES.len())
}

/// The form of text that search compares: widths unified, kana as katakana, lower case,
/// no spaces or middle dots, and no okurigana between two kanji (引っ越し, 引越し and 引越
/// all read 引越…; 申し込み and 申込み, 届け出 and 届出 alike).
pub fn fold(text: &str) -> String {
    let chars: Vec<char> =
        hiragana_to_katakana(&halfwidth_kana_to_fullwidth(&ascii_to_halfwidth(text)))
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '・' | '-' | 'ー' | '_'))
            .collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            let between_kanji =
                i > 0 && is_kanji(chars[i - 1]) && chars.get(i + 1).copied().is_some_and(is_kanji);
            !(between_kanji && is_kana(*c))
        })
        .map(|(_, c)| *c)
        .collect()
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

/// Kana as `fold` leaves them: katakana (small ones included).
fn is_kana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}')
}

/// How well `form` matches the query (higher is better); `None` when it does not. Every
/// word of the query must appear somewhere.
pub fn score(form: &Form, query: &str) -> Option<u32> {
    let words: Vec<String> = query
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let s = form.settings();
    let fields: [(u32, Vec<String>); 4] = [
        (10, vec![fold(&s.title.ja), fold(&s.title.en)]),
        (
            6,
            s.keywords
                .ja
                .iter()
                .chain(&s.keywords.en)
                .map(|k| fold(k))
                .collect(),
        ),
        (
            2,
            vec![
                fold(&s.summary.ja),
                fold(&s.summary.en),
                fold(&category_label(&s.category).ja),
                fold(&category_label(&s.category).en),
            ],
        ),
        (1, vec![fold(&s.who_may_file.ja), fold(&s.who_may_file.en)]),
    ];
    let mut total = 0;
    for word in &words {
        let best = fields
            .iter()
            .filter(|(_, texts)| texts.iter().any(|t| t.contains(word.as_str())))
            .map(|(weight, _)| *weight)
            .max()?;
        total += best;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_kana_widths_and_case_equal() {
        assert_eq!(fold("じゅうみんひょう"), fold("ジュウミンヒョウ"));
        assert_eq!(fold("ｼﾞｭｳﾐﾝﾋｮｳ"), fold("ジュウミンヒョウ"));
        assert_eq!(fold("Resident Record"), "residentrecord");
        assert_eq!(fold("ＲＥＳＩＤＥＮＴ"), "resident");
        // Okurigana between kanji are not compared: the ways of writing one word meet.
        assert_eq!(fold("引っ越し"), fold("引越し"));
        assert!(fold("引越し").starts_with(&fold("引越")));
        assert_eq!(fold("申し込み"), fold("申込み"));
        assert_eq!(fold("届け出"), fold("届出"));
        // Kana not between kanji stay: じゅうみんひょう is not shortened.
        assert_eq!(fold("じゅうみんひょう").chars().count(), 8);
        assert!(CATEGORIES.iter().all(|(c, name)| {
            !c.is_empty()
                && madoguchi_core::Lang::ALL
                    .into_iter()
                    .all(|lang| !name(lang).is_empty())
        }));
    }
}
