#![doc = include_str!("../README.md")]

/// A lint message (`forms-lint-…`) in every language: the catalogue id with its typed
/// arguments, rendered where the author reads it (`Localized::get`).
macro_rules! lint_text {
    ($id:ident $(,)?) => {
        ::madoguchi_core::Localized::from_fn(|lang| {
            ::madoguchi_i18n::msg::$id::text(lang).to_string()
        })
    };
    ($id:ident, $($arg:ident = $value:expr),+ $(,)?) => {{
        let args = ::madoguchi_i18n::msg::$id::Args {
            $($arg: ::core::convert::Into::into($value)),+
        };
        ::madoguchi_core::Localized::from_fn(|lang| {
            ::madoguchi_i18n::msg::$id::text(lang, args.clone())
        })
    }};
}

pub mod booking;
pub mod bounds;
pub mod catalog;
pub mod checkdigits;
pub mod definition;
pub mod display;
pub mod errors;
pub mod examples;
pub mod fee;
pub mod filing_day;
pub mod formats;
pub mod guide;
pub mod hidden;
pub mod input;
pub mod integers;
pub mod meaning;
pub mod model;
mod month_days;
pub mod names;
pub mod normalize;
pub mod provenance;
pub mod registry;
pub mod rules;
pub mod strict_json;
pub mod template;
mod validate;
pub mod wareki;
pub mod warnings;

pub use definition::{FormDefinition, IdentityLevel, ProcedureSettings};
pub use display::Answer;
pub use errors::{FieldError, FormErrorCode, reads_as_sentence};
pub use fee::{FeeQuote, FeeSummary};
pub use filing_day::{ClosedDays, FilingDay};
pub use meaning::Meaning;
pub use model::{Field, FieldKind, Step};
pub use registry::{Form, FormLoadError, FormRegistry, Problem};
pub use template::CityParameters;
pub use warnings::FieldWarning;
