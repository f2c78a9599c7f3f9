//! Japanese formats for JSON Schema's `format` keyword. The engine turns format checking
//! on (in 2020-12 it is only an annotation by default) and registers these names:
//!
//! | format | accepts |
//! |---|---|
//! | `katakana` | full-width katakana, ー, ・ and the ideographic space between words |
//! | `jp-phone` | a Japanese number from its leading 0, hyphens allowed: 11 digits for 070/080/090, 050, 060, 020 and 0800, 10 for fixed lines, 0120 and 0570 |
//! | `jp-postal-code` | `980-8671` (the engine adds the hyphen when 7 digits are typed) |
//! | `email` | a practical address check: one `@`, a dotted domain, no spaces |
//! | `my-number` | 12 digits with a valid check digit (個人番号) |
//! | `corporate-number` | 13 digits with a valid check digit (法人番号) |
//! | `jp-bank-code` | 4 digits (金融機関コード) |
//! | `jp-branch-code` | 3 digits (支店コード) |
//! | `jp-account-number` | 7 digits (口座番号) |
//! | `bank-kana` | an account holder's name as banks print it: katakana, ASCII capitals and digits, space and `( ) . - /` |
//! | `booking-slot` | a slot of a booking question: `<resource id>/<YYYY-MM-DD>T<HH:MM>` (Japan time) |
//! | `date` | built in: an ISO date that exists on the calendar |

use crate::checkdigits;

/// Every format name the engine registers, for the lint.
pub const CUSTOM_FORMATS: [&str; 11] = [
    "katakana",
    "jp-phone",
    "jp-postal-code",
    "email",
    "my-number",
    "corporate-number",
    "jp-bank-code",
    "jp-branch-code",
    "jp-account-number",
    "bank-kana",
    "booking-slot",
];

/// A booking question's answer: the resource's id, `/`, and the slot's start on Japan's
/// wall clock (`aoba-mynumber/2027-03-02T09:30`).
pub fn is_booking_slot(s: &str) -> bool {
    crate::booking::SlotAnswer::parse(s).is_some()
}

pub fn is_my_number(s: &str) -> bool {
    checkdigits::is_my_number(s)
}

pub fn is_corporate_number(s: &str) -> bool {
    checkdigits::is_corporate_number(s)
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

pub fn is_bank_code(s: &str) -> bool {
    is_digits(s, 4)
}

pub fn is_branch_code(s: &str) -> bool {
    is_digits(s, 3)
}

pub fn is_account_number(s: &str) -> bool {
    is_digits(s, 7)
}

/// Characters of the 全銀 (Zengin) holder-name set, in full-width katakana form.
pub fn is_bank_kana(s: &str) -> bool {
    !s.trim().is_empty()
        && s.chars().any(|c| matches!(c, '\u{30A1}'..='\u{30FA}'))
        && s.chars().all(|c| {
            matches!(
                c,
                '\u{30A1}'
                    ..='\u{30FA}'
                        | '\u{30FC}'
                        | '\u{3000}'
                        | ' '
                        | '('
                        | ')'
                        | '.'
                        | '-'
                        | '/'
                        | ','
            ) || c.is_ascii_uppercase()
                || c.is_ascii_digit()
        })
}
/// Formats JSON Schema defines that forms may use as they are.
pub const STANDARD_FORMATS: [&str; 1] = ["date"];

pub fn is_katakana(s: &str) -> bool {
    let mut has_letter = false;
    for c in s.chars() {
        match c {
            '\u{30A1}'..='\u{30FA}' | '\u{30FD}' | '\u{30FE}' => has_letter = true,
            '\u{30FB}' | '\u{30FC}' | '\u{3000}' => {}
            _ => return false,
        }
    }
    has_letter
}

pub fn is_jp_phone(s: &str) -> bool {
    if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
        return false;
    }
    if !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return false;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let hyphens = s.len() - digits.len();
    // Mobile, IP and M2M numbers (070/080/090, 050, 060, 020) and 0800 free dial have 11
    // digits; fixed lines, 0120 and 0570 have 10 (総務省 電気通信番号計画). 010 is the
    // international prefix, not a number.
    let long = ["020", "050", "060", "070", "080", "090", "0800"]
        .iter()
        .any(|p| digits.starts_with(p));
    let expected = if long { 11 } else { 10 };
    digits.starts_with('0')
        && !digits.starts_with("010")
        && digits.len() == expected
        && hyphens <= 3
}

pub fn is_jp_postal_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8 && b[3] == b'-' && b[..3].iter().chain(&b[4..]).all(u8::is_ascii_digit)
}

pub fn is_email(s: &str) -> bool {
    if s.len() > 254 || !s.is_ascii() {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana() {
        for ok in [
            "ヤマダ\u{3000}タロウ",
            "コーヒー",
            "ヴァイオリン",
            "ジョン・スミス",
        ] {
            assert!(is_katakana(ok), "{ok}");
        }
        for bad in [
            "",
            "\u{3000}",
            "ーー",
            "やまだ",
            "ﾔﾏﾀﾞ",
            "Yamada",
            "山田",
            "ヤマダ タロウ",
        ] {
            assert!(!is_katakana(bad), "{bad}");
        }
    }

    #[test]
    fn phone_numbers() {
        for ok in [
            "022-214-1111",
            "0222141111",
            "090-1234-5678",
            "09012345678",
            "0120-123-456",
            "050-1234-5678",
            "0800-123-4567",
            "0570-01-2345",
        ] {
            assert!(is_jp_phone(ok), "{ok}");
        }
        for bad in [
            "22-214-1111",
            "022-214-111",
            "090123456789",
            "-0222141111",
            "022--2141111",
            "022-214-1111x",
            "+81222141111",
            "080-4444-555",
            "022-2141-11112",
            "050-123-4567",
            "010-1234-5678",
        ] {
            assert!(!is_jp_phone(bad), "{bad}");
        }
    }

    #[test]
    fn postal_codes() {
        assert!(is_jp_postal_code("980-8671"));
        for bad in ["9808671", "980-867", "98-08671", "980-867a", "980ー8671"] {
            assert!(!is_jp_postal_code(bad), "{bad}");
        }
    }

    #[test]
    fn bank_fields() {
        assert!(is_bank_code("0001") && !is_bank_code("001") && !is_bank_code("00a1"));
        assert!(is_branch_code("123") && !is_branch_code("1234"));
        assert!(is_account_number("1234567") && !is_account_number("123456"));
        assert!(is_bank_kana("ヤマダ\u{3000}タロウ"));
        assert!(is_bank_kana("カ)マドグチ"));
        assert!(!is_bank_kana("山田"), "kanji are not printed by banks");
        assert!(!is_bank_kana("YAMADA"), "a holder name has kana");
    }

    #[test]
    fn emails() {
        for ok in [
            "taro@example.jp",
            "t.yamada+city@mail.example.co.jp",
            "a_b@x-y.com",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "taro",
            "taro@",
            "@example.jp",
            "taro@example",
            "ta ro@example.jp",
            "taro@exa_mple.jp",
            "taro..x@example.jp",
            "たろう@example.jp",
            "taro@example.j",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
