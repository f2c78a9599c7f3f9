#![doc = include_str!("../README.md")]

mod era;
mod fonts;
mod layout;
mod linebreak;
mod notice;
pub mod readback;
mod receipt;

use std::path::PathBuf;

use madoguchi_core::Lang;
use sha2::{Digest, Sha256};

pub use era::{era_year, format_wareki, format_wareki_iso};
pub use fonts::{EMBEDDED_FONT_NAME, FontSource, Fonts, SYSTEM_FONT_PATHS};
pub use notice::{DecisionNotice, decision_notice};
pub use receipt::{Attachment, Receipt, receipt};

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The font file named in the settings does not exist or is not a font.
    #[error(
        "no Japanese font for PDFs: {} does not exist or is not a TrueType/OpenType font; set font_path (MADOGUCHI_FONT_PATH) to a Japanese font such as /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf (Debian package fonts-ipaexfont-mincho) or /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc (fonts-noto-cjk), or leave it empty to use the built-in IPAex Gothic",
        list(tried)
    )]
    NoFont { tried: Vec<PathBuf> },
    /// A refusal (`granted: false`) without its reasons: the law requires them (行政手続法 §8).
    #[error("a decision that refuses the application must give its reasons (理由)")]
    MissingReasons,
    /// printpdf reported an error while writing the file.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Official documents are written in Japanese, the language of record.
const LANG: Lang = Lang::Ja;

/// A label of a ruled block, from the catalogue.
fn label(text: madoguchi_i18n::Phrase) -> String {
    text(LANG).to_owned()
}

fn list(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "(no paths given)".to_owned();
    }
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// SHA-256 over length-prefixed fields, as lowercase hex: the same fields always give the
/// same id, and no two different field lists run together into the same bytes.
fn digest<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_font_names_the_paths_and_the_package() {
        let missing = PathBuf::from("/nonexistent/fonts/ipaexm.ttf");
        let not_a_font = PathBuf::from(file!());
        let err = Fonts::load(&[missing.clone(), not_a_font.clone()]).unwrap_err();
        match &err {
            DocumentError::NoFont { tried } => assert_eq!(tried, &[missing, not_a_font]),
            other => panic!("expected NoFont, got {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.contains("/nonexistent/fonts/ipaexm.ttf"),
            "{message}"
        );
        assert!(message.contains("fonts-ipaexfont"), "{message}");
        assert!(message.contains("fonts-noto-cjk"), "{message}");
        assert!(message.contains("MADOGUCHI_FONT_PATH"), "{message}");
        assert!(message.contains("font_path"), "{message}");
        assert!(matches!(
            Fonts::load(&[]),
            Err(DocumentError::NoFont { tried }) if tried.is_empty()
        ));
    }

    #[test]
    fn the_built_in_font_is_used_unless_a_path_is_set() {
        let built_in = Fonts::configured(None).unwrap();
        assert_eq!(built_in.source(), &FontSource::Embedded);
        assert!(built_in.source().to_string().contains(EMBEDDED_FONT_NAME));
        // The shipped font has the glyphs of a Japanese name and of 髙 (a common variant).
        for c in ['山', '田', '髙', 'カ', '円', 'A'] {
            assert!(built_in.has_glyph(c), "{c}");
        }
        assert!(!built_in.has_glyph('😀'));
        let missing = PathBuf::from("/nonexistent/ipaexm.ttf");
        let err = Fonts::configured(Some(&missing)).unwrap_err();
        assert!(matches!(err, DocumentError::NoFont { tried } if tried == [missing]));
    }

    #[test]
    fn digests_separate_fields() {
        assert_ne!(digest(["ab", "c"]), digest(["a", "bc"]));
        assert_eq!(digest(["a"]).len(), 64);
    }
}
