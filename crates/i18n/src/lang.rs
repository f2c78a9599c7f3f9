//! What a `Lang` can do beyond what is generated from the folders (`code`, `ALL`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Lang;

/// Spellings accepted by [`Lang::parse`] besides the folder names; kept from the first
/// version of the service, where links and cookies may carry them.
const ALIASES: [(&str, &str); 4] = [
    ("jp", "ja"),
    ("ja-jp", "ja"),
    ("en-us", "en"),
    ("en-gb", "en"),
];

impl Lang {
    /// The language whose folder is named `code` exactly (as stored).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// A language asked for by a person or a browser: a folder name in any case, or an
    /// alias (`jp`, `ja-JP`, `en-US`, `en-GB`), spaces around ignored.
    pub fn parse(code: &str) -> Option<Lang> {
        let wanted = code.trim().to_ascii_lowercase();
        let wanted = ALIASES
            .iter()
            .find(|(alias, _)| *alias == wanted)
            .map_or(wanted.as_str(), |(_, code)| code);
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(wanted))
    }

    /// Position in `ALL`.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Lang::from_code(&code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown language `{code}` (no folder of that name)"
            ))
        })
    }
}
