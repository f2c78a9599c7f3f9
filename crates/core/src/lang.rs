//! Languages of the service. Japanese is the language of record; every other language is a
//! folder of message catalogues in `madoguchi-i18n`, and `Lang` has one variant per folder.
//!
//! `Localized` holds a text written by people for each language (procedure titles,
//! labels): content that travels with its data, unlike the words of the service itself,
//! which come from the catalogues.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use madoguchi_i18n::Lang;

/// A text given per language: Japanese (required: the language of record), English, and
/// any further languages by code. In JSON the further languages sit beside the two:
/// `{"ja": "…", "en": "…", "zh-Hans": "…"}`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub ja: String,
    pub en: String,
    /// Texts in languages other than Japanese and English, by language code.
    #[serde(flatten)]
    pub more: BTreeMap<String, String>,
}

impl Localized {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            ja: ja.into(),
            en: en.into(),
            more: BTreeMap::new(),
        }
    }

    /// The text in every language the service speaks, each made by `text`.
    pub fn from_fn(mut text: impl FnMut(Lang) -> String) -> Self {
        let mut out = Localized::default();
        for lang in Lang::ALL {
            out.set(lang, text(lang));
        }
        out
    }

    /// The text in `lang`; for a language it was not written in, the Japanese.
    pub fn get(&self, lang: Lang) -> &str {
        match lang.code() {
            "ja" => &self.ja,
            "en" => &self.en,
            code => self.more.get(code).unwrap_or(&self.ja),
        }
    }

    /// Sets the text in `lang`.
    pub fn set(&mut self, lang: Lang, text: impl Into<String>) {
        let text = text.into();
        match lang.code() {
            "ja" => self.ja = text,
            "en" => self.en = text,
            code => {
                self.more.insert(code.to_owned(), text);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ja.is_empty() && self.en.is_empty() && self.more.values().all(String::is_empty)
    }
}

// Written out so that a text in Japanese and English alone reads as it always has.
impl fmt::Debug for Localized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Localized");
        d.field("ja", &self.ja).field("en", &self.en);
        if !self.more.is_empty() {
            d.field("more", &self.more);
        }
        d.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn further_languages_sit_beside_japanese_and_english_in_json() {
        let json = r#"{"ja":"住民票","en":"Residence certificate","zh-Hans":"住民票副本"}"#;
        let text: Localized = serde_json::from_str(json).unwrap();
        assert_eq!(text.ja, "住民票");
        assert_eq!(text.more["zh-Hans"], "住民票副本");
        assert_eq!(serde_json::to_string(&text).unwrap(), json);
        let two = Localized::new("はい", "Yes");
        assert_eq!(
            serde_json::to_string(&two).unwrap(),
            r#"{"ja":"はい","en":"Yes"}"#
        );
        assert_eq!(format!("{two:?}"), r#"Localized { ja: "はい", en: "Yes" }"#);
    }

    #[test]
    fn japanese_is_required_and_stands_in_for_a_missing_language() {
        assert!(serde_json::from_str::<Localized>(r#"{"en":"Yes"}"#).is_err());
        let text = Localized::new("はい", "Yes");
        assert_eq!(text.get(Lang::Ja), "はい");
        assert_eq!(text.get(Lang::En), "Yes");
        let every = Localized::from_fn(|l| l.code().to_owned());
        for lang in Lang::ALL {
            assert_eq!(every.get(lang), lang.code());
        }
    }
}
