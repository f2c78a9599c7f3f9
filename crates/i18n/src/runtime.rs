//! The loaded catalogues: one Fluent bundle per language, built on first use from the
//! embedded files, and the texts of messages without arguments formatted once.

use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use crate::{Lang, SOURCES, STATIC_IDS};

/// A number argument. Integers print exactly (grouped as the language groups digits unless
/// the message says `NUMBER($n, useGrouping: "false")`) and select plural forms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(f64);

macro_rules! number_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Self {
                // Amounts and counts: exact up to 2^53, far beyond any fee or count.
                Number(n as f64)
            }
        }
    )*};
}
number_from!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize, f32);

impl From<f64> for Number {
    fn from(n: f64) -> Self {
        Number(n)
    }
}

struct Catalogue {
    bundles: Vec<FluentBundle<FluentResource>>,
    /// `[language][index in STATIC_IDS]`.
    statics: Vec<Vec<String>>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(Catalogue::load);

/// Digit-group separators by language, read from each catalogue before any number is
/// formatted (`number-grouping-separator`).
static SEPARATORS: OnceLock<Vec<String>> = OnceLock::new();

impl Catalogue {
    fn load() -> Catalogue {
        let bundles: Vec<_> = Lang::ALL.into_iter().map(bundle).collect();
        let separators = bundles
            .iter()
            .map(|b| {
                plain(b, crate::msg::number_grouping_separator::ID, None)
                    .unwrap_or_else(|| ",".to_owned())
            })
            .collect();
        let _ = SEPARATORS.set(separators);
        let statics = Lang::ALL
            .into_iter()
            .map(|lang| {
                STATIC_IDS
                    .iter()
                    .map(|id| in_lang(&bundles, lang, id, None))
                    .collect()
            })
            .collect();
        Catalogue { bundles, statics }
    }
}

/// One language's bundle. The files were checked by the build script, so parse errors
/// cannot happen here; were one to, the entries read before it still load.
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the texts go into HTML, mails and PDFs
    // exactly as written.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_number));
    let _ = bundle.add_builtins();
    for (_, text) in SOURCES[lang.index()] {
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(r) | Err((r, _)) => r,
        };
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn plain(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs<'_>>,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The message in `lang`, or in Japanese when `lang` does not have it (the catalogue tests
/// fail on such a gap; this keeps a page readable meanwhile).
fn in_lang(
    bundles: &[FluentBundle<FluentResource>],
    lang: Lang,
    id: &str,
    args: Option<&FluentArgs<'_>>,
) -> String {
    plain(&bundles[lang.index()], id, args)
        .or_else(|| plain(&bundles[0], id, args))
        .unwrap_or_default()
}

/// For the generated `text` of a message without arguments.
pub(crate) fn static_text(lang: Lang, index: usize) -> &'static str {
    CATALOGUE.statics[lang.index()]
        .get(index)
        .map_or("", String::as_str)
}

/// For the generated `text` of a message with arguments.
pub(crate) fn format<'a>(
    lang: Lang,
    id: &str,
    args: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(name, value);
    }
    in_lang(&CATALOGUE.bundles, lang, id, Some(&fluent_args))
}

pub(crate) fn text_value(text: crate::Text<'_>) -> FluentValue<'_> {
    FluentValue::String(text)
}

pub(crate) fn number_value(n: Number) -> FluentValue<'static> {
    FluentValue::Number(FluentNumber::new(n.0, FluentNumberOptions::default()))
}

/// Fluent prints numbers with Rust's `f64` formatting and no grouping; integers are printed
/// here instead, grouped by threes with the language's separator (`1,200`).
fn format_number(value: &FluentValue<'_>, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let whole = n.value.is_finite() && n.value.fract() == 0.0;
    if !whole || n.options.minimum_fraction_digits.is_some_and(|d| d > 0) {
        return None;
    }
    let digits = (n.value as i64).to_string();
    if !n.options.use_grouping {
        return Some(digits);
    }
    intls
        .with_try_get::<Grouping, _, _>((), |g| group(&digits, &g.separator))
        .ok()
}

fn group(digits: &str, separator: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let mut out = String::with_capacity(digits.len() * 2);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// The digit grouping of one bundle's language, memoized by Fluent per bundle.
struct Grouping {
    separator: String,
}

impl Memoizable for Grouping {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let code = lang.to_string();
        let index = Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(&code))
            .map_or(0, Lang::index);
        let separator = SEPARATORS
            .get()
            .and_then(|s| s.get(index))
            .cloned()
            .unwrap_or_else(|| ",".to_owned());
        Ok(Grouping { separator })
    }
}

#[cfg(test)]
mod tests;
