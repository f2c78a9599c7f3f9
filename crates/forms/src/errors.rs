//! Field errors and their messages. Every error a resident can see is one of these codes;
//! each has a Japanese and an English message that names the field and says how to fix it.

use madoguchi_core::{Lang, Localized};
use serde::Serialize;

use crate::model::{Field, FieldKind};

/// Stable codes of form errors (the API returns them; pages show the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormErrorCode {
    Required,
    TooLong,
    TooShort,
    NotKatakana,
    NotEmail,
    NotPhone,
    NotPostalCode,
    NotDate,
    NotInteger,
    TooSmall,
    TooLarge,
    NotAnOption,
    MustAccept,
    TooFewChosen,
    TooManyChosen,
    ChosenTwice,
    PatternMismatch,
    UnexpectedField,
    WrongType,
    Invalid,
    NotMyNumber,
    NotCorporateNumber,
    NotBankCode,
    NotBranchCode,
    NotAccountNumber,
    NotBankKana,
    OutsideEra,
    TooFewItems,
    TooManyItems,
    DateOrder,
    AtLeastOne,
    AgeOutOfRange,
    PostalCodeUnknown,
}

impl FormErrorCode {
    pub const ALL: [FormErrorCode; 33] = [
        FormErrorCode::Required,
        FormErrorCode::TooLong,
        FormErrorCode::TooShort,
        FormErrorCode::NotKatakana,
        FormErrorCode::NotEmail,
        FormErrorCode::NotPhone,
        FormErrorCode::NotPostalCode,
        FormErrorCode::NotDate,
        FormErrorCode::NotInteger,
        FormErrorCode::TooSmall,
        FormErrorCode::TooLarge,
        FormErrorCode::NotAnOption,
        FormErrorCode::MustAccept,
        FormErrorCode::TooFewChosen,
        FormErrorCode::TooManyChosen,
        FormErrorCode::ChosenTwice,
        FormErrorCode::PatternMismatch,
        FormErrorCode::UnexpectedField,
        FormErrorCode::WrongType,
        FormErrorCode::Invalid,
        FormErrorCode::NotMyNumber,
        FormErrorCode::NotCorporateNumber,
        FormErrorCode::NotBankCode,
        FormErrorCode::NotBranchCode,
        FormErrorCode::NotAccountNumber,
        FormErrorCode::NotBankKana,
        FormErrorCode::OutsideEra,
        FormErrorCode::TooFewItems,
        FormErrorCode::TooManyItems,
        FormErrorCode::DateOrder,
        FormErrorCode::AtLeastOne,
        FormErrorCode::AgeOutOfRange,
        FormErrorCode::PostalCodeUnknown,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FormErrorCode::Required => "required",
            FormErrorCode::TooLong => "too_long",
            FormErrorCode::TooShort => "too_short",
            FormErrorCode::NotKatakana => "not_katakana",
            FormErrorCode::NotEmail => "not_email",
            FormErrorCode::NotPhone => "not_phone",
            FormErrorCode::NotPostalCode => "not_postal_code",
            FormErrorCode::NotDate => "not_date",
            FormErrorCode::NotInteger => "not_integer",
            FormErrorCode::TooSmall => "too_small",
            FormErrorCode::TooLarge => "too_large",
            FormErrorCode::NotAnOption => "not_an_option",
            FormErrorCode::MustAccept => "must_accept",
            FormErrorCode::TooFewChosen => "too_few_chosen",
            FormErrorCode::TooManyChosen => "too_many_chosen",
            FormErrorCode::ChosenTwice => "chosen_twice",
            FormErrorCode::PatternMismatch => "pattern_mismatch",
            FormErrorCode::UnexpectedField => "unexpected_field",
            FormErrorCode::WrongType => "wrong_type",
            FormErrorCode::Invalid => "invalid",
            FormErrorCode::NotMyNumber => "not_my_number",
            FormErrorCode::NotCorporateNumber => "not_corporate_number",
            FormErrorCode::NotBankCode => "not_bank_code",
            FormErrorCode::NotBranchCode => "not_branch_code",
            FormErrorCode::NotAccountNumber => "not_account_number",
            FormErrorCode::NotBankKana => "not_bank_kana",
            FormErrorCode::OutsideEra => "outside_era",
            FormErrorCode::TooFewItems => "too_few_items",
            FormErrorCode::TooManyItems => "too_many_items",
            FormErrorCode::DateOrder => "date_order",
            FormErrorCode::AtLeastOne => "at_least_one",
            FormErrorCode::AgeOutOfRange => "age_out_of_range",
            FormErrorCode::PostalCodeUnknown => "postal_code_unknown",
        }
    }

    /// The JSON Schema keyword an author can give a custom message for in `ui.errors`.
    pub fn keyword(self) -> &'static str {
        match self {
            FormErrorCode::Required => "required",
            FormErrorCode::TooLong => "maxLength",
            FormErrorCode::TooShort => "minLength",
            FormErrorCode::NotKatakana
            | FormErrorCode::NotEmail
            | FormErrorCode::NotPhone
            | FormErrorCode::NotPostalCode
            | FormErrorCode::NotDate
            | FormErrorCode::NotMyNumber
            | FormErrorCode::NotCorporateNumber
            | FormErrorCode::NotBankCode
            | FormErrorCode::NotBranchCode
            | FormErrorCode::NotAccountNumber
            | FormErrorCode::NotBankKana
            | FormErrorCode::OutsideEra => "format",
            FormErrorCode::NotInteger | FormErrorCode::WrongType => "type",
            FormErrorCode::TooSmall => "minimum",
            FormErrorCode::TooLarge => "maximum",
            FormErrorCode::NotAnOption => "enum",
            FormErrorCode::MustAccept => "const",
            FormErrorCode::TooFewChosen | FormErrorCode::TooFewItems => "minItems",
            FormErrorCode::TooManyChosen | FormErrorCode::TooManyItems => "maxItems",
            FormErrorCode::ChosenTwice => "uniqueItems",
            FormErrorCode::PatternMismatch => "pattern",
            FormErrorCode::UnexpectedField => "additionalProperties",
            FormErrorCode::Invalid => "invalid",
            FormErrorCode::DateOrder => "x-date-order",
            FormErrorCode::AtLeastOne => "x-at-least-one-of",
            FormErrorCode::AgeOutOfRange => "x-age",
            FormErrorCode::PostalCodeUnknown => "postal-code",
        }
    }
}

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON pointer of the field (`/applicant_address/city`).
    pub pointer: String,
    pub code: FormErrorCode,
    /// The limit involved (length, maximum, upper age of an age rule), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// A lower limit (the lower age of an age rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower: Option<i64>,
    /// What the rule compares with: another field's pointer (comma-separated when several),
    /// a reference date, or for `outside_era` `"<era>><actual era>"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
}

impl FieldError {
    pub fn new(pointer: impl Into<String>, code: FormErrorCode) -> Self {
        Self {
            pointer: pointer.into(),
            code,
            limit: None,
            lower: None,
            related: None,
        }
    }

    pub fn with_limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// The message for `error` about `field` (or about an unknown part of the data when the
/// field is not in the model, which only API clients can cause). `lookup` finds other
/// fields a rule names (the earlier date of a date-order rule).
pub fn message(
    error: &FieldError,
    field: Option<&Field>,
    lookup: &dyn Fn(&str) -> Option<Field>,
) -> Localized {
    // A value outside the allowed ones fails `enum` or, on a yes/no question that must be
    // answered one way, `const`: either key holds the author's message.
    let custom = field.and_then(|f| {
        f.errors.get(error.code.keyword()).or_else(|| {
            (error.code == FormErrorCode::NotAnOption)
                .then(|| f.errors.get("const"))
                .flatten()
        })
    });
    if let Some(custom) = custom {
        return custom.clone();
    }
    let label = field.map(Field::message_label).unwrap_or_else(|| {
        Localized::new(
            format!("「{}」", error.pointer),
            format!("\"{}\"", error.pointer),
        )
    });
    let kind = field.map(|f| &f.kind);
    let hint = field.and_then(|f| f.hint.clone());
    let (l_ja, l_en) = (label.ja.as_str(), label.en.as_str());
    let n = error.limit.unwrap_or_default();
    let related_labels = || -> Localized {
        let labels: Vec<Localized> = error
            .related
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| {
                lookup(p)
                    .map(|f| f.message_label())
                    .unwrap_or_else(|| Localized::new(p, p))
            })
            .collect();
        Localized::new(
            labels
                .iter()
                .map(|l| l.ja.as_str())
                .collect::<Vec<_>>()
                .join("か"),
            labels
                .iter()
                .map(|l| l.en.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
        )
    };
    let era_names = || {
        let (era, actual) = error
            .related
            .as_deref()
            .unwrap_or_default()
            .split_once('>')
            .unwrap_or_default();
        let name = |code: &str| crate::wareki::Era::by_code(code).map(|e| e.label());
        (name(era), name(actual))
    };
    let choose = matches!(
        kind,
        Some(FieldKind::Choice { .. } | FieldKind::MultiChoice | FieldKind::YesNo)
    );
    let (ja, en) = match error.code {
        FormErrorCode::Required if kind == Some(&FieldKind::Consent) => (
            format!("{l_ja}の内容を確認し、チェックを入れてください"),
            format!("Read {l_en} and tick the box to confirm"),
        ),
        FormErrorCode::Required if kind == Some(&FieldKind::File) => (
            format!("{l_ja}のファイルを添付してください"),
            format!("Attach a file of {l_en}"),
        ),
        FormErrorCode::Required if choose => {
            (format!("{l_ja}を選んでください"), format!("Select {l_en}"))
        }
        FormErrorCode::Required => (format!("{l_ja}を入力してください"), format!("Enter {l_en}")),
        FormErrorCode::TooLong => (
            format!("{l_ja}は{n}文字以内で入力してください"),
            format!("{l_en} must be {n} characters or fewer"),
        ),
        FormErrorCode::TooShort => (
            format!("{l_ja}は{n}文字以上で入力してください"),
            format!("{l_en} must be at least {n} characters"),
        ),
        FormErrorCode::NotKatakana => (
            format!("{l_ja}はカタカナで入力してください(例: ヤマダ タロウ)"),
            format!("{l_en} must be written in katakana, like ヤマダ タロウ"),
        ),
        FormErrorCode::NotEmail => (
            format!("{l_ja}は taro@example.jp のような形式で入力してください"),
            format!("Enter {l_en} in the correct format, like taro@example.jp"),
        ),
        FormErrorCode::NotPhone => (
            format!(
                "{l_ja}は市外局番から数字で入力してください。固定電話は10桁、携帯電話・IP電話(070・080・090・050)は11桁です(例: 022-214-1111)"
            ),
            format!(
                "Enter {l_en} from the area code: 10 digits for a landline, 11 for a mobile or IP phone (070, 080, 090, 050), like 022-214-1111"
            ),
        ),
        FormErrorCode::NotPostalCode => (
            format!("{l_ja}は7桁の数字で入力してください(例: 980-8671)"),
            format!("Enter {l_en} as 7 digits, like 980-8671"),
        ),
        FormErrorCode::NotDate => (
            format!("{l_ja}は実在する日付を、年・月・日の数字で入力してください"),
            format!("{l_en} must be a real date: enter the year, month and day as numbers"),
        ),
        FormErrorCode::NotInteger => (
            format!("{l_ja}は数字で入力してください(例: 2)"),
            format!("Enter {l_en} as a whole number, like 2"),
        ),
        FormErrorCode::TooSmall => (
            format!("{l_ja}は{n}以上の数を入力してください"),
            format!("{l_en} must be {n} or more"),
        ),
        FormErrorCode::TooLarge => (
            format!("{l_ja}は{n}以下の数を入力してください"),
            format!("{l_en} must be {n} or less"),
        ),
        FormErrorCode::NotAnOption => (
            format!("{l_ja}は表示された選択肢から選んでください"),
            format!("Select {l_en} from the options shown"),
        ),
        FormErrorCode::MustAccept => (
            format!("{l_ja}の内容を確認し、チェックを入れてください"),
            format!("Read {l_en} and tick the box to confirm"),
        ),
        FormErrorCode::TooFewChosen => (
            format!("{l_ja}は{n}つ以上選んでください"),
            format!("Select at least {n} for {l_en}"),
        ),
        FormErrorCode::TooManyChosen => (
            format!("{l_ja}は{n}つまで選べます。選択を減らしてください"),
            format!("Select no more than {n} for {l_en}"),
        ),
        FormErrorCode::ChosenTwice => (
            format!("{l_ja}で同じものが重ねて選ばれています。重複を外してください"),
            format!("{l_en} has the same choice twice: remove the duplicate"),
        ),
        FormErrorCode::PatternMismatch | FormErrorCode::Invalid => match hint {
            Some(h) => (
                format!("{l_ja}の形式が正しくありません。{}", h.ja),
                format!("{l_en} is not in the right format. {}", h.en),
            ),
            None => (
                format!("{l_ja}の入力内容を確認し、入力し直してください"),
                format!("Check {l_en} and enter it again"),
            ),
        },
        FormErrorCode::UnexpectedField => (
            format!("{l_ja}はこの手続では受け付けていない項目です。送信データから除いてください"),
            format!("{l_en} is not a field of this procedure: remove it from the data"),
        ),
        FormErrorCode::WrongType => (
            format!("{l_ja}の値の種類が正しくありません。手続の定義に合わせてください"),
            format!("{l_en} has the wrong type of value: follow the procedure's definition"),
        ),
        FormErrorCode::NotMyNumber => (
            format!(
                "{l_ja}は、マイナンバーカードの裏面にある12桁の番号を、誤りのないように入力してください"
            ),
            format!(
                "Enter {l_en}: the 12 digits on the back of the My Number Card, checking each digit"
            ),
        ),
        FormErrorCode::NotCorporateNumber => (
            format!(
                "{l_ja}は13桁の法人番号を入力してください(国税庁法人番号公表サイトで確認できます)"
            ),
            format!(
                "Enter {l_en}: the 13-digit corporate number (you can look it up on the National Tax Agency's site)"
            ),
        ),
        FormErrorCode::NotBankCode => (
            format!("{l_ja}は4桁の数字で入力してください(例: 0001)"),
            format!("Enter {l_en} as 4 digits, like 0001"),
        ),
        FormErrorCode::NotBranchCode => (
            format!("{l_ja}は3桁の数字で入力してください(例: 123)"),
            format!("Enter {l_en} as 3 digits, like 123"),
        ),
        FormErrorCode::NotAccountNumber => (
            format!(
                "{l_ja}は7桁の数字で入力してください。7桁に満たない場合は先頭に0を付けてください"
            ),
            format!("Enter {l_en} as 7 digits; add zeros at the front if it is shorter"),
        ),
        FormErrorCode::NotBankKana => (
            format!("{l_ja}は通帳に記載されているとおり、カタカナで入力してください"),
            format!("Enter {l_en} in katakana, exactly as printed in the bankbook"),
        ),
        FormErrorCode::OutsideEra => match era_names() {
            (Some(era), Some(actual)) => (
                format!(
                    "{l_ja}は{}の期間にない日付です。{}で入力してください",
                    era.ja, actual.ja
                ),
                format!(
                    "{l_en} is not a date in the {} era: choose {} instead",
                    era.en, actual.en
                ),
            ),
            _ => (
                format!("{l_ja}の元号と年を確認して、入力し直してください"),
                format!("Check the era and year of {l_en} and enter it again"),
            ),
        },
        FormErrorCode::TooFewItems => (
            format!("{l_ja}を{n}件以上入力してください"),
            format!("Add at least {n} to {l_en}"),
        ),
        FormErrorCode::TooManyItems => (
            format!("{l_ja}は{n}件まで入力できます。減らしてください"),
            format!("{l_en} can have no more than {n}: remove some"),
        ),
        FormErrorCode::DateOrder => {
            let earlier = related_labels();
            if n == 1 {
                (
                    format!(
                        "{l_ja}は{}と同じ日かそれより後の日付を入力してください",
                        earlier.ja
                    ),
                    format!("{l_en} must be the same as or after {}", earlier.en),
                )
            } else {
                (
                    format!("{l_ja}は{}より後の日付を入力してください", earlier.ja),
                    format!("{l_en} must be after {}", earlier.en),
                )
            }
        }
        FormErrorCode::AtLeastOne => {
            let others = related_labels();
            (
                format!("{l_ja}か{}のどちらかを入力してください", others.ja),
                format!("Enter {l_en} or {}", others.en),
            )
        }
        FormErrorCode::PostalCodeUnknown => (
            format!(
                "{l_ja}に当てはまる住所が見つかりません。番号を確認するか、住所を直接入力してください"
            ),
            format!(
                "No address was found for {l_en}: check the number, or type the address yourself"
            ),
        ),
        FormErrorCode::AgeOutOfRange => {
            let on = error
                .related
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| {
                    Localized::new(
                        madoguchi_core::jst::format_date(d, Lang::Ja),
                        madoguchi_core::jst::format_date(d, Lang::En),
                    )
                })
                .unwrap_or_default();
            let (ja, en) = match (error.lower, error.limit) {
                (Some(lower), Some(upper)) => (
                    format!("{lower}歳から{upper}歳までの方"),
                    format!("people aged {lower} to {upper}"),
                ),
                (Some(lower), None) => (
                    format!("{lower}歳以上の方"),
                    format!("people aged {lower} or over"),
                ),
                (None, Some(upper)) => (
                    format!("{upper}歳以下の方"),
                    format!("people aged {upper} or under"),
                ),
                (None, None) => ("対象年齢の方".into(), "people of the eligible age".into()),
            };
            (
                format!(
                    "{l_ja}を確認してください。この手続の対象は{}時点で{ja}です",
                    on.ja
                ),
                format!("Check {l_en}: this procedure is for {en} on {}", on.en),
            )
        }
    };
    Localized::new(ja, en)
}

/// One error per field: the first for each pointer wins (problems found while reading the
/// input come before schema errors, so they are the ones shown).
pub fn dedupe(errors: &mut Vec<FieldError>) {
    let mut seen = std::collections::HashSet::new();
    errors.retain(|e| seen.insert(e.pointer.clone()));
}
