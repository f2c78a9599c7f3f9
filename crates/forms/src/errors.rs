//! Field errors and their messages. Every error a resident can see is one of these codes;
//! each has a message in every language (catalogue `forms.ftl`) that names the field and
//! says how to fix it.

use madoguchi_core::{Lang, Localized};
use madoguchi_i18n::t;
use serde::Serialize;

use crate::model::{Field, FieldKind};

/// What follows the day in an age error's `related` when the limits are months, not years
/// (`2026-04-01;months`).
pub const MONTHS_SUFFIX: &str = ";months";

mod dates;
mod external;
mod office;

pub(crate) use dates::window_ends;
use dates::{calendar_text, outside_era_text, window_text};

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
    DateTooEarly,
    DateTooLate,
    AtLeastOne,
    AgeOutOfRange,
    PostalCodeUnknown,
    /// A routed procedure's postal code that is no address of the municipality (a business
    /// code, another city's, one that does not exist): no ward office can take the filing.
    PostalCodeOutsideCity,
    /// A routed procedure's office question (`routing.office_field`) answered with an
    /// office that does not serve the ward of the routed address.
    OfficeNotForAddress,
    HiddenCharacter,
    /// A name that may be written in the Latin alphabet holds Latin letters and characters
    /// a name in it does not have (digits, `@`…).
    NotLatinName,
    /// A date on a day of the year the place is closed (`x-closed-on`).
    ClosedDay,
    /// The system of an `x-external-check` refused the answers sent (a wrong password, or
    /// a card number it does not know: it does not say which); `related` is the system's
    /// name `"<ja>|<en>"`, as for the three below, followed by `|` and the other questions
    /// sent with this one (`/library_card_number`, comma-separated), which the message
    /// names too.
    ExternalCheckRefused,
    /// The system of an `x-external-check` could not be reached: nothing was checked.
    ExternalCheckUnavailable,
    /// Too many refusals in a row: the check is paused for a while.
    ExternalCheckPaused,
    /// A filing whose answers were not checked (or were changed since): the step that
    /// asks the secret is answered again.
    ExternalCheckNeeded,
    /// A file question answered in JSON with text that is no file uploaded first by the
    /// department's system filing it (`POST /api/v1/procedures/{id}/files`), or with one
    /// another filing has already taken.
    FileNotUploaded,
    /// A booking question answered with text that is no slot of the list (`format: booking-slot`).
    SlotInvalid,
    /// The slot chosen has no place left for this booking.
    SlotFull,
    /// The slot chosen is closed, past, outside its booking window, or no slot of the
    /// resource the other answers now choose.
    SlotUnavailable,
    /// The person already has as many bookings of the resource as it allows.
    BookingLimitReached,
    /// A waiting list (キャンセル待ち) asked for a time that still has room: it is booked
    /// on the form instead.
    SlotNotFull,
    /// The time's waiting list is as long as it may be.
    WaitlistFull,
    /// The address already waits for as many times as one may.
    WaitlistTooMany,
    /// The same applicant already has an open filing with the same key answers, and the
    /// procedure says a second one is void (`procedure.duplicates`).
    DuplicateFiling,
}

impl FormErrorCode {
    pub const ALL: [FormErrorCode; 53] = [
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
        FormErrorCode::DateTooEarly,
        FormErrorCode::DateTooLate,
        FormErrorCode::AtLeastOne,
        FormErrorCode::AgeOutOfRange,
        FormErrorCode::PostalCodeUnknown,
        FormErrorCode::PostalCodeOutsideCity,
        FormErrorCode::OfficeNotForAddress,
        FormErrorCode::HiddenCharacter,
        FormErrorCode::NotLatinName,
        FormErrorCode::ClosedDay,
        FormErrorCode::ExternalCheckRefused,
        FormErrorCode::ExternalCheckUnavailable,
        FormErrorCode::ExternalCheckPaused,
        FormErrorCode::ExternalCheckNeeded,
        FormErrorCode::FileNotUploaded,
        FormErrorCode::SlotInvalid,
        FormErrorCode::SlotFull,
        FormErrorCode::SlotUnavailable,
        FormErrorCode::BookingLimitReached,
        FormErrorCode::SlotNotFull,
        FormErrorCode::WaitlistFull,
        FormErrorCode::WaitlistTooMany,
        FormErrorCode::DuplicateFiling,
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
            FormErrorCode::DateTooEarly => "date_too_early",
            FormErrorCode::DateTooLate => "date_too_late",
            FormErrorCode::AtLeastOne => "at_least_one",
            FormErrorCode::AgeOutOfRange => "age_out_of_range",
            FormErrorCode::PostalCodeUnknown => "postal_code_unknown",
            FormErrorCode::PostalCodeOutsideCity => "postal_code_outside_city",
            FormErrorCode::OfficeNotForAddress => "office_not_for_address",
            FormErrorCode::HiddenCharacter => "hidden_character",
            FormErrorCode::NotLatinName => "not_latin_name",
            FormErrorCode::ClosedDay => "closed_day",
            FormErrorCode::ExternalCheckRefused => "external_check_refused",
            FormErrorCode::ExternalCheckUnavailable => "external_check_unavailable",
            FormErrorCode::ExternalCheckPaused => "external_check_paused",
            FormErrorCode::ExternalCheckNeeded => "external_check_needed",
            FormErrorCode::FileNotUploaded => "file_not_uploaded",
            FormErrorCode::SlotInvalid => "slot_invalid",
            FormErrorCode::SlotFull => "slot_full",
            FormErrorCode::SlotUnavailable => "slot_unavailable",
            FormErrorCode::BookingLimitReached => "booking_limit_reached",
            FormErrorCode::SlotNotFull => "slot_not_full",
            FormErrorCode::WaitlistFull => "waitlist_full",
            FormErrorCode::WaitlistTooMany => "waitlist_too_many",
            FormErrorCode::DuplicateFiling => "duplicate_filing",
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
            | FormErrorCode::NotLatinName
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
            FormErrorCode::DateTooEarly | FormErrorCode::DateTooLate => "x-date-window",
            FormErrorCode::AtLeastOne => "x-at-least-one-of",
            FormErrorCode::AgeOutOfRange => "x-age",
            FormErrorCode::PostalCodeUnknown => "postal-code",
            FormErrorCode::PostalCodeOutsideCity | FormErrorCode::OfficeNotForAddress => "routing",
            FormErrorCode::HiddenCharacter => "x-hidden-character",
            FormErrorCode::ClosedDay => "x-closed-on",
            FormErrorCode::ExternalCheckRefused
            | FormErrorCode::ExternalCheckUnavailable
            | FormErrorCode::ExternalCheckPaused
            | FormErrorCode::ExternalCheckNeeded => "x-external-check",
            FormErrorCode::FileNotUploaded => "x-upload",
            FormErrorCode::SlotInvalid => "format",
            FormErrorCode::SlotFull
            | FormErrorCode::SlotUnavailable
            | FormErrorCode::BookingLimitReached
            | FormErrorCode::SlotNotFull
            | FormErrorCode::WaitlistFull
            | FormErrorCode::WaitlistTooMany => "x-booking",
            FormErrorCode::DuplicateFiling => "x-duplicates",
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
    /// a reference date (for `age_out_of_range` counted in months, followed by `;months`:
    /// `lower` and `limit` are then months of age), for `outside_era` `"<era>><actual era>"`, for `date_too_early` and
    /// `date_too_late` the allowed dates `"<first>..<last>"` (an open end empty; `lower`
    /// and `limit` then hold each end's days from the filing day, 0 for the day itself, or
    /// from the date in `lower_field` / `limit_field` — only for an end written in days
    /// that does not move past closed days), or for `postal_code_outside_city` the
    /// municipality's name `"<ja>|<en>"`, or for `office_not_for_address` the routed ward and
    /// the offices serving it `"<ward ja>|<ward en>|<postal-code pointer>|<option>,<option>"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
    /// For `date_too_early`: the other date of the filing the first allowed day is counted
    /// from (`/move_date`), when it is not the filing day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower_field: Option<String>,
    /// For `date_too_late`: the other date the last allowed day is counted from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_field: Option<String>,
    /// The schema keyword that failed (`multipleOf`, `pattern`…), when the validator said:
    /// the key of the author's message for it in `ui.errors`.
    #[serde(skip)]
    pub keyword: Option<String>,
}

impl FieldError {
    pub fn new(pointer: impl Into<String>, code: FormErrorCode) -> Self {
        Self {
            pointer: pointer.into(),
            code,
            limit: None,
            lower: None,
            related: None,
            lower_field: None,
            limit_field: None,
            keyword: None,
        }
    }

    pub fn with_limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// The message for `error` about `field` (or about an unknown part of the data when the
/// field is not in the model, which only API clients can cause), in every language.
/// `lookup` finds other fields a rule names (the earlier date of a date-order rule).
pub fn message(
    error: &FieldError,
    field: Option<&Field>,
    lookup: &dyn Fn(&str) -> Option<Field>,
) -> Localized {
    // A value outside the allowed ones fails `enum` or, on a yes/no question that must be
    // answered one way, `const`: either key holds the author's message.
    // The message for the keyword that failed comes first (`multipleOf`), then the one
    // for the code's keyword (`minLength` of 1 reads as `required`).
    let custom = field.and_then(|f| {
        let failed = error.keyword.as_deref().and_then(|k| f.errors.get(k));
        failed
            .or_else(|| f.errors.get(error.code.keyword()))
            .or_else(|| {
                (error.code == FormErrorCode::NotAnOption)
                    .then(|| f.errors.get("const"))
                    .flatten()
            })
    });
    if let Some(custom) = custom {
        // `{limit}` is the limit that failed, which may depend on the filing day
        // (`x-from-date`): the message names the one in force.
        return match error.limit {
            Some(n) => {
                Localized::from_fn(|lang| custom.get(lang).replace("{limit}", &n.to_string()))
            }
            None => custom.clone(),
        };
    }
    let label = field.map(Field::message_label);
    Localized::from_fn(|lang| {
        let label = match &label {
            Some(l) => l.get(lang).to_owned(),
            // The body itself (an array or a string where the answers' object belongs).
            None if error.pointer.is_empty() => t!(lang, forms_the_answers_as_a_whole).to_owned(),
            None => t!(lang, forms_unknown_field, pointer = error.pointer.as_str()),
        };
        // A label written as a question or a statement (「…ですか」, "Is …?", 「…を確認しました」)
        // is quoted, and the messages that would not read with it say it another way.
        let sentence = field.is_some_and(|f| reads_as_sentence(f.label.get(lang)));
        let label = if sentence {
            t!(lang, forms_quoted_label, label = label.as_str())
        } else {
            label
        };
        text(error, field, lookup, &label, sentence, lang)
    })
}

/// Whether a label is a sentence (a question, or a statement a box confirms) rather than
/// the name of a thing: it cannot be put into "Select …" or 「…を選んでください」 as it is.
pub fn reads_as_sentence(label: &str) -> bool {
    let label = label.trim_end();
    ['?', '？', '。', '.', '!', '！']
        .iter()
        .any(|end| label.ends_with(*end))
        || ["か", "ます", "ました", "ません", "です"]
            .iter()
            .any(|end| label.ends_with(end))
        // "I confirm that …", "I agree to …"
        || label.starts_with("I ")
}

/// The message in one language, `label` naming the field.
fn text(
    error: &FieldError,
    field: Option<&Field>,
    lookup: &dyn Fn(&str) -> Option<Field>,
    label: &str,
    sentence: bool,
    lang: Lang,
) -> String {
    let kind = field.map(|f| &f.kind);
    let n = error.limit.unwrap_or_default();
    // The labels of the fields a rule names, "A or B".
    let related_labels = || -> String {
        error
            .related
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| {
                lookup(p)
                    .map(|f| f.message_label().get(lang).to_owned())
                    .unwrap_or_else(|| p.to_owned())
            })
            .reduce(|first, second| t!(lang, forms_label_or, first = first, second = second))
            .unwrap_or_default()
    };
    let choose = matches!(
        kind,
        Some(FieldKind::Choice { .. } | FieldKind::MultiChoice | FieldKind::YesNo)
    );
    let tick = || {
        if sentence {
            t!(lang, forms_tick_the_statement, label = label)
        } else {
            t!(lang, forms_tick_to_confirm, label = label)
        }
    };
    match error.code {
        // A box to tick is answered by ticking it, whatever the check that failed.
        FormErrorCode::Required
        | FormErrorCode::MustAccept
        | FormErrorCode::NotAnOption
        | FormErrorCode::Invalid
        | FormErrorCode::PatternMismatch
            if kind == Some(&FieldKind::Consent) =>
        {
            tick()
        }
        FormErrorCode::Required if kind == Some(&FieldKind::File) => {
            t!(lang, forms_required_file, label = label)
        }
        FormErrorCode::Required if choose && sentence => {
            t!(lang, forms_answer_the_question, label = label)
        }
        FormErrorCode::Required if choose => t!(lang, forms_required_choice, label = label),
        FormErrorCode::Required => t!(lang, forms_required, label = label),
        FormErrorCode::TooLong => t!(lang, forms_too_long, label = label, max = n),
        FormErrorCode::TooShort => t!(lang, forms_too_short, label = label, min = n),
        FormErrorCode::NotKatakana if field.is_some_and(|f| f.latin_name) => {
            t!(lang, forms_not_katakana_or_latin, label = label)
        }
        FormErrorCode::NotKatakana if error.related.as_deref() == Some("latin") => {
            t!(lang, forms_not_katakana_latin, label = label)
        }
        FormErrorCode::NotKatakana => t!(lang, forms_not_katakana, label = label),
        FormErrorCode::NotLatinName => t!(lang, forms_not_latin_name, label = label),
        FormErrorCode::NotEmail => t!(lang, forms_not_email, label = label),
        FormErrorCode::NotPhone => t!(lang, forms_not_phone, label = label),
        FormErrorCode::NotPostalCode => t!(lang, forms_not_postal_code, label = label),
        FormErrorCode::NotDate if kind == Some(&FieldKind::WarekiDate) => {
            calendar_text(error, label, lang)
        }
        FormErrorCode::NotDate => t!(lang, forms_not_date, label = label),
        FormErrorCode::NotInteger => t!(lang, forms_not_integer, label = label),
        FormErrorCode::TooSmall => t!(lang, forms_too_small, label = label, min = n),
        FormErrorCode::TooLarge => t!(lang, forms_too_large, label = label, max = n),
        FormErrorCode::NotAnOption => t!(lang, forms_not_an_option, label = label),
        FormErrorCode::MustAccept => tick(),
        FormErrorCode::TooFewChosen => t!(lang, forms_too_few_chosen, label = label, min = n),
        FormErrorCode::TooManyChosen => t!(lang, forms_too_many_chosen, label = label, max = n),
        FormErrorCode::ChosenTwice => t!(lang, forms_chosen_twice, label = label),
        FormErrorCode::PatternMismatch | FormErrorCode::Invalid => {
            match field.and_then(|f| f.hint.as_ref()) {
                Some(hint) => t!(
                    lang,
                    forms_wrong_format,
                    label = label,
                    hint = hint.get(lang)
                ),
                None => t!(lang, forms_check_and_enter_again, label = label),
            }
        }
        FormErrorCode::UnexpectedField => t!(lang, forms_unexpected_field, label = label),
        FormErrorCode::WrongType => t!(lang, forms_wrong_type, label = label),
        FormErrorCode::FileNotUploaded => t!(lang, forms_file_not_uploaded, label = label),
        FormErrorCode::SlotInvalid => t!(lang, forms_slot_invalid, label = label),
        FormErrorCode::SlotFull => t!(lang, forms_slot_full, label = label),
        FormErrorCode::SlotUnavailable => t!(lang, forms_slot_unavailable, label = label),
        FormErrorCode::BookingLimitReached => t!(lang, forms_booking_limit_reached, label = label),
        FormErrorCode::SlotNotFull => t!(lang, forms_slot_not_full, label = label),
        FormErrorCode::WaitlistFull => t!(lang, forms_waitlist_full, label = label),
        FormErrorCode::WaitlistTooMany => t!(lang, forms_waitlist_too_many, label = label),
        FormErrorCode::DuplicateFiling => t!(lang, forms_duplicate_filing, label = label),
        FormErrorCode::NotMyNumber => t!(lang, forms_not_my_number, label = label),
        FormErrorCode::NotCorporateNumber => t!(lang, forms_not_corporate_number, label = label),
        FormErrorCode::NotBankCode => t!(lang, forms_not_bank_code, label = label),
        FormErrorCode::NotBranchCode => t!(lang, forms_not_branch_code, label = label),
        FormErrorCode::NotAccountNumber => t!(lang, forms_not_account_number, label = label),
        FormErrorCode::NotBankKana => t!(lang, forms_not_bank_kana, label = label),
        FormErrorCode::OutsideEra => outside_era_text(error, label, lang),
        FormErrorCode::TooFewItems => t!(lang, forms_too_few_items, label = label, min = n),
        FormErrorCode::TooManyItems => t!(lang, forms_too_many_items, label = label, max = n),
        // The limit 1 says the same day is allowed.
        FormErrorCode::DateOrder if n == 1 => t!(
            lang,
            forms_date_same_or_after,
            label = label,
            earlier = related_labels()
        ),
        FormErrorCode::DateOrder => {
            t!(
                lang,
                forms_date_after,
                label = label,
                earlier = related_labels()
            )
        }
        FormErrorCode::DateTooEarly | FormErrorCode::DateTooLate => {
            window_text(error, field, label, lang, lookup)
        }
        FormErrorCode::AtLeastOne => {
            t!(
                lang,
                forms_at_least_one,
                label = label,
                others = related_labels()
            )
        }
        FormErrorCode::PostalCodeUnknown => t!(lang, forms_postal_code_unknown, label = label),
        FormErrorCode::PostalCodeOutsideCity => {
            let city = related_name(error, lang);
            t!(
                lang,
                forms_postal_code_outside_city,
                label = label,
                city = city
            )
        }
        FormErrorCode::OfficeNotForAddress => office::text(error, field, label, lang, lookup),
        FormErrorCode::HiddenCharacter => t!(lang, forms_hidden_character, label = label),
        FormErrorCode::ExternalCheckRefused
        | FormErrorCode::ExternalCheckUnavailable
        | FormErrorCode::ExternalCheckPaused
        | FormErrorCode::ExternalCheckNeeded => external::text(error, label, lang, lookup),
        FormErrorCode::ClosedDay => {
            let days = error.related.as_deref().unwrap_or_default();
            let days = crate::month_days::named_days(days, lang);
            t!(lang, forms_closed_day, label = label, days = days)
        }
        FormErrorCode::AgeOutOfRange => {
            let related = error.related.as_deref().unwrap_or_default();
            let (day, in_months) = match related.strip_suffix(MONTHS_SUFFIX) {
                Some(day) => (day, true),
                None => (related, false),
            };
            let on = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map(|d| madoguchi_core::jst::format_date(d, lang))
                .unwrap_or_default();
            let who = match (error.lower, error.limit, in_months) {
                (Some(lower), Some(upper), false) => {
                    t!(lang, forms_age_between, lower = lower, upper = upper)
                }
                (Some(lower), None, false) => t!(lang, forms_age_at_least, lower = lower),
                (None, Some(upper), false) => t!(lang, forms_age_at_most, upper = upper),
                (Some(lower), Some(upper), true) => {
                    t!(lang, forms_age_months_between, lower = lower, upper = upper)
                }
                (Some(lower), None, true) => t!(lang, forms_age_months_at_least, lower = lower),
                (None, Some(upper), true) => t!(lang, forms_age_months_at_most, upper = upper),
                (None, None, _) => t!(lang, forms_age_eligible).to_owned(),
            };
            t!(
                lang,
                forms_age_out_of_range,
                label = label,
                date = on,
                who = who
            )
        }
    }
}

/// One error per field: the first for each pointer wins (problems found while reading the
/// input come before schema errors, so they are the ones shown).
pub fn dedupe(errors: &mut Vec<FieldError>) {
    let mut seen = std::collections::HashSet::new();
    errors.retain(|e| seen.insert(e.pointer.clone()));
}

/// A name an error carries in `related` as `ja|en` (the city, the checking system), in
/// `lang`.
fn related_name(error: &FieldError, lang: Lang) -> &str {
    let mut parts = error.related.as_deref().unwrap_or_default().split('|');
    let (ja, en) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if lang == Lang::Ja { ja } else { en }
}
