#![doc = include_str!("../README.md")]

mod lang;
mod runtime;

pub use runtime::Number;

/// A text argument: `&str`, `String` or `&String` all convert with `.into()`.
pub type Text<'a> = std::borrow::Cow<'a, str>;

/// A message without arguments as a value (`msg::forms_yes::text`), for tables that map a
/// code to its words.
pub type Phrase = fn(Lang) -> &'static str;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The text of a message in a language, by its id (hyphens written as underscores), with
/// its arguments by name:
///
/// ```
/// use madoguchi_i18n::{Lang, t};
/// assert_eq!(t!(Lang::Ja, money_yen, amount = 1200), "1,200円");
/// assert_eq!(t!(Lang::En, money_yen, amount = 1200), "¥1,200");
/// ```
///
/// An unknown id, a missing or unknown argument, or an argument of the wrong kind does
/// not compile. Messages without arguments give `&'static str`, the others `String`.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:ident $(,)?) => {
        $crate::msg::$id::text($lang)
    };
    ($lang:expr, $id:ident, $($arg:ident = $value:expr),+ $(,)?) => {
        $crate::msg::$id::text(
            $lang,
            $crate::msg::$id::Args { $($arg: ::core::convert::Into::into($value)),+ },
        )
    };
}
