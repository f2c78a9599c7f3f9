//! The Japanese font the documents are set in. Fonts are not shipped with Madoguchi: they
//! come from the system (Debian packages `fonts-ipaexfont` or `fonts-noto-cjk`) or from
//! paths in the settings. Only the glyphs a document uses are embedded (a subset).

use std::fmt;
use std::path::{Path, PathBuf};

use printpdf::ParsedFont;

use crate::DocumentError;

/// Where Debian puts the fonts, in order of preference: IPAex Mincho (明朝, the usual face
/// of official notices), IPAex Gothic, then Noto Serif/Sans CJK (collections; face 0 is
/// the Japanese one).
pub const SYSTEM_FONT_PATHS: [&str; 5] = [
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

/// A parsed Japanese font, loaded once and shared by every document rendered with it.
#[derive(Clone)]
pub struct Fonts {
    font: ParsedFont,
    path: PathBuf,
    units_per_em: f32,
    ascent: f32,
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Fonts {
    /// The first of `paths` that exists and parses as a font (face 0 of a collection).
    /// None does: [`DocumentError::NoFont`] naming every path tried.
    pub fn load(paths: &[PathBuf]) -> Result<Self, DocumentError> {
        paths
            .iter()
            .find_map(|path| Self::from_file(path))
            .ok_or_else(|| DocumentError::NoFont {
                tried: paths.to_vec(),
            })
    }

    /// [`Fonts::load`] with [`SYSTEM_FONT_PATHS`].
    pub fn system() -> Result<Self, DocumentError> {
        let paths: Vec<PathBuf> = SYSTEM_FONT_PATHS.iter().map(PathBuf::from).collect();
        Self::load(&paths)
    }

    /// The file the font was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn from_file(path: &Path) -> Option<Self> {
        let bytes = std::fs::read(path).ok()?;
        let font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())?;
        let metrics = font.font_metrics;
        let units_per_em = f32::from(metrics.units_per_em);
        if units_per_em <= 0.0 {
            return None;
        }
        // Where the baseline sits below the top of a line, as a fraction of the size.
        let ascent = (metrics.ascent / units_per_em).clamp(0.7, 1.1);
        Some(Self {
            font,
            path: path.to_path_buf(),
            units_per_em,
            ascent,
        })
    }

    pub(crate) fn parsed(&self) -> &ParsedFont {
        &self.font
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
