//! Field meanings (`ui.fields.<f>.meaning`): what a question asks about the person filing,
//! in a small closed vocabulary, so answers known about a signed-in resident (their profile,
//! the identity provider's verified claims, their last filing) can be offered on every form
//! that asks the same thing (項目の自動入力, once-only).

use std::fmt;

/// What a question means, when it asks about the applicant themselves (never about a
/// child, a deceased person or an agent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Meaning {
    /// 氏名: a text field.
    ApplicantName,
    /// フリガナ: a katakana field.
    ApplicantNameKana,
    /// 生年月日: a date (西暦 or 和暦) field.
    ApplicantBirthDate,
    /// 郵便番号: a postal-code field.
    ApplicantPostalCode,
    /// 住所: a structured address (prefecture, city, town, block, building).
    ApplicantAddress,
    /// 電話番号: a phone field.
    ApplicantPhone,
    /// メールアドレス: an email field.
    ApplicantEmail,
}

impl Meaning {
    /// Every meaning, in the order a profile lists them.
    pub const ALL: [Meaning; 7] = [
        Meaning::ApplicantName,
        Meaning::ApplicantNameKana,
        Meaning::ApplicantBirthDate,
        Meaning::ApplicantPostalCode,
        Meaning::ApplicantAddress,
        Meaning::ApplicantPhone,
        Meaning::ApplicantEmail,
    ];

    /// The word a definition writes (`"meaning": "applicant.name"`).
    pub fn code(self) -> &'static str {
        match self {
            Meaning::ApplicantName => "applicant.name",
            Meaning::ApplicantNameKana => "applicant.name_kana",
            Meaning::ApplicantBirthDate => "applicant.birth_date",
            Meaning::ApplicantPostalCode => "applicant.postal_code",
            Meaning::ApplicantAddress => "applicant.address",
            Meaning::ApplicantPhone => "applicant.phone",
            Meaning::ApplicantEmail => "applicant.email",
        }
    }

    pub fn parse(code: &str) -> Option<Meaning> {
        Meaning::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The kind of field the meaning needs, for the lint's message.
    pub fn needs(self) -> &'static str {
        match self {
            Meaning::ApplicantName => "text",
            Meaning::ApplicantNameKana => "katakana",
            Meaning::ApplicantBirthDate => "date / wareki-date",
            Meaning::ApplicantPostalCode => "postal-code",
            Meaning::ApplicantAddress => "group (prefecture, city, town, block, building)",
            Meaning::ApplicantPhone => "phone",
            Meaning::ApplicantEmail => "email",
        }
    }
}

impl fmt::Display for Meaning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The parts of a structured address a meaning of `applicant.address` fills.
pub const ADDRESS_PARTS: [&str; 5] = ["prefecture", "city", "town", "block", "building"];

/// The codes of every meaning, for messages.
pub fn codes() -> String {
    Meaning::ALL.map(Meaning::code).join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back() {
        for m in Meaning::ALL {
            assert_eq!(Meaning::parse(m.code()), Some(m));
        }
        assert_eq!(Meaning::parse("applicant.nickname"), None);
        assert_eq!(Meaning::parse("child.name"), None);
    }
}
