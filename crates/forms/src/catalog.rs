//! Finding procedures: categories and search.
//!
//! Search is forgiving the way residents type: full- and half-width forms are the same,
//! hiragana and katakana are the same (so 「じゅうみんひょう」 finds a procedure whose
//! keywords give the reading), case does not matter, spaces are ignored, and any part of a
//! word matches. Kanji are matched as written; readings in `procedure.keywords` connect them
//! to kana.

use madoguchi_core::Localized;

use crate::normalize::{ascii_to_halfwidth, halfwidth_kana_to_fullwidth, hiragana_to_katakana};
use crate::registry::Form;

/// The catalogue's categories, in the order the list shows them.
pub const CATEGORIES: [(&str, &str, &str); 19] = [
    ("certificates", "証明書", "Certificates"),
    (
        "resident-records",
        "住民登録・マイナンバー",
        "Resident registration and My Number",
    ),
    (
        "family-register",
        "戸籍の届出",
        "Family register notifications",
    ),
    ("tax", "税金", "Taxes"),
    ("child-care", "子育て", "Children and child care"),
    ("education", "教育・図書館", "Education and libraries"),
    (
        "health-insurance",
        "健康保険・健診",
        "Health insurance and check-ups",
    ),
    ("pension", "年金", "Pensions"),
    (
        "elderly-care",
        "高齢者・介護",
        "Older people and long-term care",
    ),
    ("disability", "障害のある方", "Disability"),
    ("welfare", "生活の支援", "Living support"),
    ("environment-waste", "ごみ・環境", "Waste and environment"),
    ("animals", "ペット", "Pets"),
    ("roads-parks", "道路・公園", "Roads and parks"),
    ("housing-building", "住まい・建築", "Housing and building"),
    ("business-permits", "事業者向け", "For businesses"),
    (
        "facilities-events",
        "施設・イベント",
        "Facilities and events",
    ),
    ("disaster", "災害", "Disasters"),
    ("other", "その他", "Other"),
];

pub fn category_label(code: &str) -> Localized {
    CATEGORIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, ja, en)| Localized::new(*ja, *en))
        .unwrap_or_else(|| Localized::new(code, code))
}

/// Position of a category in the list (unknown ones last).
pub fn category_rank(code: &str) -> usize {
    CATEGORIES
        .iter()
        .position(|(c, _, _)| *c == code)
        .unwrap_or(CATEGORIES.len())
}

/// The form of text that search compares: widths unified, kana as katakana, lower case,
/// no spaces or middle dots.
pub fn fold(text: &str) -> String {
    hiragana_to_katakana(&halfwidth_kana_to_fullwidth(&ascii_to_halfwidth(text)))
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '・' | '-' | 'ー' | '_'))
        .collect()
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
        assert!(
            CATEGORIES
                .iter()
                .all(|(c, ja, en)| !c.is_empty() && !ja.is_empty() && !en.is_empty())
        );
    }
}
