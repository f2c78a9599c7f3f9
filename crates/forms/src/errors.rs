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
}

impl FormErrorCode {
    pub const ALL: [FormErrorCode; 20] = [
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
            | FormErrorCode::NotDate => "format",
            FormErrorCode::NotInteger | FormErrorCode::WrongType => "type",
            FormErrorCode::TooSmall => "minimum",
            FormErrorCode::TooLarge => "maximum",
            FormErrorCode::NotAnOption => "enum",
            FormErrorCode::MustAccept => "const",
            FormErrorCode::TooFewChosen => "minItems",
            FormErrorCode::TooManyChosen => "maxItems",
            FormErrorCode::ChosenTwice => "uniqueItems",
            FormErrorCode::PatternMismatch => "pattern",
            FormErrorCode::UnexpectedField => "additionalProperties",
            FormErrorCode::Invalid => "invalid",
        }
    }
}

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON pointer of the field (`/applicant_address/city`).
    pub pointer: String,
    pub code: FormErrorCode,
    /// The limit involved (length, minimum…), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

impl FieldError {
    pub fn new(pointer: impl Into<String>, code: FormErrorCode) -> Self {
        Self {
            pointer: pointer.into(),
            code,
            limit: None,
        }
    }

    pub fn with_limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// The message for `error` about `field` (or about an unknown part of the data when the
/// field is not in the model, which only API clients can cause).
pub fn message(error: &FieldError, field: Option<&Field>) -> Localized {
    if let Some(custom) = field.and_then(|f| f.errors.get(error.code.keyword())) {
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
    let choose = matches!(
        kind,
        Some(FieldKind::Choice { .. } | FieldKind::MultiChoice | FieldKind::YesNo)
    );
    let (ja, en) = match error.code {
        FormErrorCode::Required if kind == Some(&FieldKind::Consent) => (
            format!("{l_ja}の内容を確認し、チェックを入れてください"),
            format!("Read {l_en} and tick the box to confirm"),
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
            format!("{l_ja}は市外局番から10桁または11桁の数字で入力してください(例: 022-214-1111)"),
            format!("Enter {l_en} with the area code, 10 or 11 digits, like 022-214-1111"),
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
    };
    Localized::new(ja, en)
}

/// Convenience for pages.
pub fn message_in(error: &FieldError, field: Option<&Field>, lang: Lang) -> String {
    message(error, field).get(lang).to_string()
}
