//! Normalisation of what residents type, before validation. Each field kind applies only
//! the rules it needs (listed in `docs/forms.md`); every function here is idempotent, which
//! the property tests check.
//!
//! Whole-string NFKC is deliberately *not* used: it rewrites CJK compatibility ideographs
//! that people use in their registered names (e.g. 﨑, 神) and turns the ideographic space
//! into an ASCII one. The conversions below are targeted instead.

use crate::model::FieldKind;

/// Applies the rules of `kind` to one typed value.
pub fn normalize(kind: &FieldKind, raw: &str) -> String {
    match kind {
        FieldKind::Text => collapse_spaces(&dashes_between_digits(&ascii_alnum_to_halfwidth(
            &halfwidth_kana_to_fullwidth(&strip_controls(raw, false)),
        ))),
        FieldKind::Textarea => halfwidth_kana_to_fullwidth(&strip_controls(raw, true))
            .trim()
            .to_string(),
        FieldKind::Katakana => katakana(raw),
        FieldKind::BankKana => katakana(&ascii_to_halfwidth(raw).to_ascii_uppercase()),
        FieldKind::Email => email(raw),
        FieldKind::Phone => phone(raw),
        FieldKind::PostalCode => postal_code(raw),
        FieldKind::Integer | FieldKind::Money => number(raw),
        FieldKind::Date | FieldKind::WarekiDate => ascii_to_halfwidth(&strip_controls(raw, false))
            .trim()
            .to_string(),
        FieldKind::MyNumber | FieldKind::CorporateNumber => digits_only(raw),
        // A password is the other system's to read: sent exactly as typed.
        FieldKind::Secret => raw.to_string(),
        FieldKind::Choice { .. }
        | FieldKind::MultiChoice
        | FieldKind::Consent
        | FieldKind::YesNo
        | FieldKind::Group
        | FieldKind::Repeat
        | FieldKind::File
        | FieldKind::Booking => strip_controls(raw, false).trim().to_string(),
    }
}

/// Any Unicode white space, including the ideographic space people type between words.
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Unifies line breaks (kept where asked, as `\n`; a space elsewhere, as a tab is), removes
/// zero-width spaces and joiners, and trims. Other control characters are kept so that
/// validation refuses them with a message (`hidden_character`) instead of the answer
/// changing silently.
fn strip_controls(raw: &str, keep_newlines: bool) -> String {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = unified
        .chars()
        .filter_map(|c| match c {
            '\n' if keep_newlines => Some('\n'),
            '\n' | '\t' => Some(' '),
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' => None,
            c => Some(c),
        })
        .collect();
    kept.trim_matches(is_space).to_string()
}

/// Runs of spaces become one; an ideographic space wins when the run has one.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run: Option<char> = None;
    for c in s.chars() {
        if is_space(c) {
            run = Some(match run {
                Some('\u{3000}') => '\u{3000}',
                _ if c == '\u{3000}' => '\u{3000}',
                _ => ' ',
            });
        } else {
            if let Some(space) = run.take() {
                out.push(space);
            }
            out.push(c);
        }
    }
    out
}

/// Full-width ASCII (U+FF01–FF5E) to ASCII, and the ideographic space to a space.
pub fn ascii_to_halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Only full-width digits and Latin letters to ASCII; punctuation such as （） stays as
/// typed in names and addresses.
fn ascii_alnum_to_halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

const HALFWIDTH_KANA: &str = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
const FULLWIDTH_KANA: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/// Half-width katakana (U+FF61–FF9F) to full-width, joining voiced marks ﾞ and ﾟ with the
/// letter before them (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ).
pub fn halfwidth_kana_to_fullwidth(s: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{FF9E}' | '\u{FF9F}' => {
                let voiced = c == '\u{FF9E}';
                let joined = out.last().and_then(|&prev| join_mark(prev, voiced));
                match joined {
                    Some(j) => {
                        out.pop();
                        out.push(j);
                    }
                    None => out.push(if voiced { '゛' } else { '゜' }),
                }
            }
            '\u{FF61}'..='\u{FF9D}' => {
                let index = HALFWIDTH_KANA.chars().position(|h| h == c);
                out.push(
                    index
                        .and_then(|i| FULLWIDTH_KANA.chars().nth(i))
                        .unwrap_or(c),
                );
            }
            _ => out.push(c),
        }
    }
    out.into_iter().collect()
}

fn join_mark(base: char, voiced: bool) -> Option<char> {
    let code = base as u32;
    if voiced {
        match base {
            'ウ' => Some('ヴ'),
            'ワ' => Some('ヷ'),
            'ヲ' => Some('ヺ'),
            // カ..ト (with their small/voiced neighbours) and ハ..ホ take +1.
            'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ'
            | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => {
                char::from_u32(code + 1)
            }
            _ => None,
        }
    } else {
        match base {
            'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(code + 2),
            _ => None,
        }
    }
}

/// Any dash or long-vowel mark between two digits becomes `-` (`7ー1`, `７－１` → `7-1`),
/// as in block numbers of addresses.
fn dashes_between_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        out.push(if between_digits && is_dash(c) { '-' } else { c });
    }
    out
}

/// Hiragana to katakana (ぁ–ゖ, ゝ ゞ).
pub fn hiragana_to_katakana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => {
                char::from_u32(c as u32 + 0x60).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Characters people type for a dash or a long vowel mark.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{FF0D}'
                | '\u{FE63}'
                | '\u{30FC}'
                | '\u{FF70}'
                | '\u{2500}'
                | '\u{2501}'
    )
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FD}' | '\u{30FE}')
}

/// Furigana: katakana only, long vowels as ー, one ideographic space between words.
fn katakana(raw: &str) -> String {
    let base = hiragana_to_katakana(&halfwidth_kana_to_fullwidth(&strip_controls(raw, false)));
    let mut out = String::with_capacity(base.len());
    let mut prev: Option<char> = None;
    for c in base.chars() {
        let c = if is_dash(c) && prev.is_some_and(|p| is_kana(p) || p == 'ー') {
            'ー'
        } else {
            c
        };
        out.push(c);
        prev = Some(c);
    }
    let spaced: String = out
        .chars()
        .map(|c| if is_space(c) { '\u{3000}' } else { c })
        .collect();
    collapse_spaces(&spaced)
}

fn email(raw: &str) -> String {
    let s = ascii_to_halfwidth(&strip_controls(raw, false));
    let s = s.trim();
    match s.rsplit_once('@') {
        Some((local, domain)) => format!("{local}@{}", domain.to_ascii_lowercase()),
        None => s.to_string(),
    }
}

/// Digits and single hyphens; brackets around the local exchange (022(214)1111) become
/// hyphens.
fn phone(raw: &str) -> String {
    let s = ascii_to_halfwidth(&strip_controls(raw, false));
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '(' | ')' => '-',
            c if is_dash(c) => '-',
            c => c,
        };
        if c == ' ' {
            continue;
        }
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `9808671`, `９８０－８６７１`, `980 8671` → `980-8671`.
fn postal_code(raw: &str) -> String {
    let s: String = ascii_to_halfwidth(&strip_controls(raw, false))
        .chars()
        .filter(|&c| c != ' ')
        .map(|c| if is_dash(c) { '-' } else { c })
        .collect();
    let s = s.trim_start_matches('〒').to_string();
    if s.len() == 7 && s.chars().all(|c| c.is_ascii_digit()) {
        format!("{}-{}", &s[..3], &s[3..])
    } else {
        s
    }
}

/// Identifiers typed in groups (`1234 5678 9018`, `1234-5678-9018`): full-width digits to
/// ASCII, spaces and dashes removed. Other characters are kept so the format check sees them.
fn digits_only(raw: &str) -> String {
    ascii_to_halfwidth(&strip_controls(raw, false))
        .chars()
        .filter(|&c| c != ' ' && !is_dash(c))
        .collect()
}

/// Whole numbers: full-width digits to ASCII, thousands separators and spaces removed.
fn number(raw: &str) -> String {
    ascii_to_halfwidth(&strip_controls(raw, false))
        .chars()
        .filter(|&c| c != ',' && c != ' ' && c != '、')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn n(kind: FieldKind, s: &str) -> String {
        normalize(&kind, s)
    }

    #[test]
    fn furigana_accepts_half_width_hiragana_and_dash_variants() {
        assert_eq!(n(FieldKind::Katakana, "ﾔﾏﾀﾞ　ﾀﾛｳ"), "ヤマダ\u{3000}タロウ");
        assert_eq!(
            n(FieldKind::Katakana, "やまだ  たろう"),
            "ヤマダ\u{3000}タロウ"
        );
        assert_eq!(n(FieldKind::Katakana, "ｺｰﾋｰ"), "コーヒー");
        assert_eq!(n(FieldKind::Katakana, "コ-ヒ―"), "コーヒー");
        assert_eq!(n(FieldKind::Katakana, "ﾊﾟﾊﾞｳﾞ"), "パバヴ");
        assert_eq!(n(FieldKind::Katakana, " スズキ　"), "スズキ");
        // Bank names: kana of any kind become katakana, letters capitals as banks print.
        assert_eq!(
            n(FieldKind::BankKana, "やまだ　ﾀﾛｳ"),
            "ヤマダ\u{3000}タロウ"
        );
        assert_eq!(n(FieldKind::BankKana, "ｶ)ｾﾝﾀﾞｲｼｮｳｼﾞ"), "カ)センダイショウジ");
        assert_eq!(
            n(FieldKind::BankKana, "ｓｍｉｔｈ ｊｏｈｎ"),
            "SMITH\u{3000}JOHN"
        );
    }

    #[test]
    fn numbers_codes_and_addresses() {
        assert_eq!(n(FieldKind::PostalCode, "９８０８６７１"), "980-8671");
        assert_eq!(n(FieldKind::PostalCode, "〒980ー8671"), "980-8671");
        assert_eq!(
            n(FieldKind::Phone, "０２２（２１４）１１１１"),
            "022-214-1111"
        );
        assert_eq!(n(FieldKind::Phone, "090 1234 5678"), "09012345678");
        assert_eq!(n(FieldKind::Integer, "１，０００"), "1000");
        assert_eq!(n(FieldKind::Email, "Taro＠Example.JP "), "Taro@example.jp");
        assert_eq!(
            n(FieldKind::MyNumber, "１２３４ ５６７８－９０１８"),
            "123456789018"
        );
        assert_eq!(
            n(FieldKind::CorporateNumber, "7000-0120-50002"),
            "7000012050002"
        );
    }

    #[test]
    fn names_keep_their_characters() {
        // Compatibility ideographs and the ideographic space survive; full-width Latin
        // letters become ASCII; half-width kana become full-width.
        assert_eq!(n(FieldKind::Text, "髙﨑　神"), "髙﨑\u{3000}神");
        assert_eq!(n(FieldKind::Text, "ＳＭＩＴＨ John"), "SMITH John");
        assert_eq!(n(FieldKind::Text, "ｻﾄｳ"), "サトウ");
        // Zero-width spaces go; a control character stays for validation to refuse.
        assert_eq!(n(FieldKind::Text, "ab\u{200B}"), "ab");
        assert_eq!(n(FieldKind::Text, "a\u{0007}b\u{200B}"), "a\u{0007}b");
        assert_eq!(n(FieldKind::Textarea, "a\u{0}\r\nb"), "a\u{0}\nb");
    }

    proptest! {
        #[test]
        fn normalisation_is_idempotent(s in "\\PC{0,24}", kind_index in 0usize..11) {
            let kinds = [
                FieldKind::Text, FieldKind::Textarea, FieldKind::Katakana, FieldKind::Email,
                FieldKind::Phone, FieldKind::PostalCode, FieldKind::Integer, FieldKind::Date,
                FieldKind::Choice { select: false }, FieldKind::MyNumber, FieldKind::BankKana,
            ];
            let kind = &kinds[kind_index];
            let once = normalize(kind, &s);
            prop_assert_eq!(normalize(kind, &once), once.clone(), "kind {:?}", kind);
        }

        #[test]
        fn japanese_input_normalisation_is_idempotent(
            s in "[ぁ-ゖァ-ヺｦ-ﾟ０-９Ａ-Ｚａ-ｚ0-9a-z \u{3000}ー－‐―\\-()（）@＠,，]{0,20}",
            kind_index in 0usize..7,
        ) {
            let kinds = [
                FieldKind::Text, FieldKind::Katakana, FieldKind::Email,
                FieldKind::Phone, FieldKind::PostalCode, FieldKind::Integer, FieldKind::BankKana,
            ];
            let kind = &kinds[kind_index];
            let once = normalize(kind, &s);
            prop_assert_eq!(normalize(kind, &once), once.clone(), "kind {:?}", kind);
        }
    }
}
