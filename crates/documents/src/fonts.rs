//! The Japanese font the documents are set in: IPAex Gothic, shipped inside the binary
//! (`fonts/`, IPA Font License), or a font file the operator names (`font_path`). Only the
//! glyphs a document uses are embedded in a PDF (a subset). No system font is looked up, so
//! a PDF looks the same on every machine.

use std::fmt;
use std::path::{Path, PathBuf};

use printpdf::ParsedFont;

use crate::DocumentError;

/// IPAex Gothic 004.01 (`ipaexg.ttf`), unmodified, as the IPA Font License requires of a
/// font passed on under its own name; its licence is beside it.
const EMBEDDED_FONT: &[u8] = include_bytes!("../fonts/ipaexg.ttf");

/// The PostScript name of the shipped font, as a PDF names it (after the subset prefix).
pub const EMBEDDED_FONT_NAME: &str = "IPAexGothic";

/// Font files known to work as `font_path` (Debian's packages), for operators who prefer
/// the Mincho face (明朝, the usual face of official notices) or Noto CJK (a collection:
/// face 0 is the Japanese one).
pub const SYSTEM_FONT_PATHS: [&str; 5] = [
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

/// Where a font came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FontSource {
    /// The IPAex Gothic inside the binary.
    Embedded,
    /// A file named in the settings.
    File(PathBuf),
}

impl fmt::Display for FontSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FontSource::Embedded => write!(f, "{EMBEDDED_FONT_NAME} (built in)"),
            FontSource::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A parsed Japanese font, loaded once and shared by every document rendered with it.
#[derive(Clone)]
pub struct Fonts {
    font: ParsedFont,
    source: FontSource,
    units_per_em: f32,
    ascent: f32,
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Fonts {
    /// The IPAex Gothic shipped inside the binary.
    pub fn embedded() -> Result<Self, DocumentError> {
        Self::parse(EMBEDDED_FONT, FontSource::Embedded)
            .ok_or(DocumentError::NoFont { tried: Vec::new() })
    }

    /// The font `path` names, or the embedded one when there is none.
    pub fn configured(path: Option<&Path>) -> Result<Self, DocumentError> {
        match path {
            Some(path) => Self::load(&[path.to_path_buf()]),
            None => Self::embedded(),
        }
    }

    /// The first of `paths` that exists and parses as a font (face 0 of a collection).
    /// None does: [`DocumentError::NoFont`] naming every path tried.
    pub fn load(paths: &[PathBuf]) -> Result<Self, DocumentError> {
        paths
            .iter()
            .find_map(|path| {
                let bytes = std::fs::read(path).ok()?;
                Self::parse(&bytes, FontSource::File(path.clone()))
            })
            .ok_or_else(|| DocumentError::NoFont {
                tried: paths.to_vec(),
            })
    }

    /// Where the font was read from.
    pub fn source(&self) -> &FontSource {
        &self.source
    }

    fn parse(bytes: &[u8], source: FontSource) -> Option<Self> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let metrics = font.font_metrics;
        let units_per_em = f32::from(metrics.units_per_em);
        if units_per_em <= 0.0 {
            return None;
        }
        // Where the baseline sits below the top of a line, as a fraction of the size.
        let ascent = (metrics.ascent / units_per_em).clamp(0.7, 1.1);
        Some(Self {
            font,
            source,
            units_per_em,
            ascent,
        })
    }

    pub(crate) fn parsed(&self) -> &ParsedFont {
        &self.font
    }

    /// Whether the font draws `c` (rather than a blank box).
    #[cfg(test)]
    pub(crate) fn has_glyph(&self, c: char) -> bool {
        self.font
            .lookup_glyph_index(u32::from(c))
            .is_some_and(|gid| gid != 0)
    }

    /// The ascent as a fraction of the font size.
    pub(crate) fn ascent(&self) -> f32 {
        self.ascent
    }

    /// The advance of `c` at `size` points, from the font's own metrics. A character the
    /// font lacks is counted as full width (CJK) or half width (the rest), so lines stay
    /// inside the margins even when a glyph is missing.
    pub(crate) fn advance(&self, c: char, size: f32) -> f32 {
        match self.font.lookup_glyph_index(u32::from(c)) {
            Some(gid) if gid != 0 => {
                f32::from(self.font.get_horizontal_advance(gid)) / self.units_per_em * size
            }
            _ if is_wide(c) => size,
            _ => size / 2.0,
        }
    }

    /// The width of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// East Asian wide and full-width characters, roughly: everything from the CJK radicals
/// up, except the half-width forms.
fn is_wide(c: char) -> bool {
    let cp = u32::from(c);
    cp >= 0x2E80 && !(0xFF61..=0xFFDC).contains(&cp)
}
