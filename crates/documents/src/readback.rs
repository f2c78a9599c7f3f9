//! Reading a PDF back: its pages, the words on them with their positions, and its fonts.
//! Tests use it to check what a document says without outside tools (poppler). It follows
//! the text operators printpdf writes (and most simple PDFs use); it is not a general PDF
//! renderer: no Type3 fonts, no vertical writing, no text inside form XObjects.

use std::collections::BTreeMap;

use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Encoding, Object};

/// A PDF that could not be read back.
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be read back: {0}")]
pub struct ReadError(String);

fn err(what: &str, e: impl std::fmt::Display) -> ReadError {
    ReadError(format!("{what}: {e}"))
}

/// What a PDF shows.
#[derive(Debug)]
pub struct Readout {
    pub pages: Vec<PageText>,
    pub fonts: Vec<FontInfo>,
}

/// One page: its size in points and its words in the order they were drawn.
#[derive(Debug)]
pub struct PageText {
    pub width: f32,
    pub height: f32,
    pub words: Vec<Word>,
}

/// A run of characters without white space, in points; `top` is the baseline's distance
/// from the top of the page.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x_min: f32,
    pub x_max: f32,
    pub top: f32,
}

/// A font a page uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontInfo {
    /// `BaseFont`, with its subset tag (`ABCDEF+IPAexGothic`).
    pub name: String,
    /// The font program is in the file (`FontFile`, `FontFile2` or `FontFile3`).
    pub embedded: bool,
    /// The name carries a subset tag: six capitals and `+`.
    pub subset: bool,
    /// A `ToUnicode` map lets readers copy and search the text.
    pub unicode: bool,
}

impl FontInfo {
    /// The name without its subset tag.
    pub fn family(&self) -> &str {
        self.name.split_once('+').map_or(&self.name, |(_, n)| n)
    }
}

impl Readout {
    pub fn parse(pdf: &[u8]) -> Result<Self, ReadError> {
        let doc = Document::load_mem(pdf).map_err(|e| err("parse", e))?;
        let mut pages = Vec::new();
        let mut fonts: BTreeMap<String, FontInfo> = BTreeMap::new();
        for (_, page_id) in doc.get_pages() {
            let page_fonts = doc.get_page_fonts(page_id).map_err(|e| err("fonts", e))?;
            let mut by_resource = BTreeMap::new();
            for (resource, dict) in page_fonts {
                let font = PageFont::read(&doc, dict)?;
                fonts.insert(font.info.name.clone(), font.info.clone());
                by_resource.insert(resource, font);
            }
            let (width, height) = media_box(&doc, page_id)?;
            let content = doc
                .get_and_decode_page_content(page_id)
                .map_err(|e| err("page content", e))?;
            let mut reader = TextState::new(height, &by_resource);
            for op in &content.operations {
                reader.apply(op)?;
            }
            reader.end_word();
            pages.push(PageText {
                width,
                height,
                words: reader.words,
            });
        }
        Ok(Self {
            pages,
            fonts: fonts.into_values().collect(),
        })
    }

    /// The text page by page, one line per baseline (top to bottom, left to right), the
    /// words of a line separated by a space.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for page in &self.pages {
            let mut words: Vec<&Word> = page.words.iter().collect();
            words.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x_min.total_cmp(&b.x_min)));
            let mut line_top: Option<f32> = None;
            for w in words {
                match line_top {
                    Some(top) if (w.top - top).abs() < 1.0 => out.push(' '),
                    Some(_) => out.push('\n'),
                    None => {}
                }
                line_top = Some(w.top);
                out.push_str(&w.text);
            }
            out.push('\n');
        }
        out
    }
}

fn media_box(doc: &Document, page_id: lopdf::ObjectId) -> Result<(f32, f32), ReadError> {
    let mut id = page_id;
    // MediaBox may be inherited from the page tree.
    for _ in 0..32 {
        let dict = doc.get_dictionary(id).map_err(|e| err("page", e))?;
        if let Ok(b) = dict.get(b"MediaBox").and_then(|o| doc.dereference(o)) {
            let nums: Vec<f32> =
                b.1.as_array()
                    .map_err(|e| err("MediaBox", e))?
                    .iter()
                    .filter_map(|n| n.as_float().ok())
                    .collect();
            if let [x0, y0, x1, y1] = nums[..] {
                return Ok((x1 - x0, y1 - y0));
            }
            return Err(ReadError("MediaBox is not four numbers".into()));
        }
        id = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .map_err(|e| err("MediaBox", e))?;
    }
    Err(ReadError("no MediaBox".into()))
}

/// A font as text showing needs it: how to decode codes and how wide each one is.
struct PageFont<'a> {
    info: FontInfo,
    encoding: Encoding<'a>,
    /// Two-byte codes (a Type0 font with Identity-H).
    two_byte: bool,
    widths: BTreeMap<u32, f32>,
    default_width: f32,
}

impl<'a> PageFont<'a> {
    fn read(doc: &'a Document, dict: &'a Dictionary) -> Result<Self, ReadError> {
        let name = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let two_byte = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let described = if two_byte {
            let descendants = deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first());
            deref(doc, descendants)
                .and_then(|o| o.as_dict().ok())
                .unwrap_or(dict)
        } else {
            dict
        };
        let descriptor =
            deref(doc, described.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
        let embedded = descriptor.is_some_and(|d| {
            [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| d.has(k))
        });
        let subset = name.len() > 7
            && name.as_bytes()[6] == b'+'
            && name.as_bytes()[..6].iter().all(u8::is_ascii_uppercase);
        let (widths, default_width) = if two_byte {
            cid_widths(doc, described)
        } else {
            simple_widths(doc, dict)
        };
        let encoding = dict
            .get_font_encoding(doc)
            .map_err(|e| err(&format!("encoding of {name}"), e))?;
        Ok(Self {
            info: FontInfo {
                name,
                embedded,
                subset,
                unicode: dict.has(b"ToUnicode"),
            },
            encoding,
            two_byte,
            widths,
            default_width,
        })
    }

    fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    o.and_then(|o| doc.dereference(o).ok()).map(|(_, o)| o)
}

fn number(o: &Object) -> Option<f32> {
    o.as_float().ok()
}

/// `W` of a CIDFont: `c [w1 w2 …]` and `c_first c_last w` entries; `DW` (1000) for the rest.
fn cid_widths(doc: &Document, cid_font: &Dictionary) -> (BTreeMap<u32, f32>, f32) {
    let default_width = cid_font.get(b"DW").ok().and_then(number).unwrap_or(1000.0);
    let mut widths = BTreeMap::new();
    let items = deref(doc, cid_font.get(b"W").ok())
        .and_then(|o| o.as_array().ok())
        .cloned()
        .unwrap_or_default();
    let mut i = 0;
    while i + 1 < items.len() {
        let Some(first) = number(&items[i]) else {
            break;
        };
        let first = first as u32;
        if let Some(list) = deref(doc, Some(&items[i + 1])).and_then(|o| o.as_array().ok()) {
            for (k, w) in list.iter().enumerate() {
                widths.insert(first + k as u32, number(w).unwrap_or(default_width));
            }
            i += 2;
        } else if i + 2 < items.len() {
            let last = number(&items[i + 1]).unwrap_or(0.0) as u32;
            let w = number(&items[i + 2]).unwrap_or(default_width);
            for c in first..=last {
                widths.insert(c, w);
            }
            i += 3;
        } else {
            break;
        }
    }
    (widths, default_width)
}

/// `FirstChar` and `Widths` of a simple font.
fn simple_widths(doc: &Document, font: &Dictionary) -> (BTreeMap<u32, f32>, f32) {
    let first = font.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
    let widths = deref(doc, font.get(b"Widths").ok())
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .enumerate()
                .map(|(k, w)| (first + k as u32, number(w).unwrap_or(0.0)))
                .collect()
        })
        .unwrap_or_default();
    (widths, 500.0)
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` for PDF's row-vector matrices.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn translate(tx: f32, ty: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

/// The graphics and text state of a content stream, as far as placing text needs it.
struct TextState<'f, 'a> {
    page_height: f32,
    fonts: &'f BTreeMap<Vec<u8>, PageFont<'a>>,
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    font: Option<&'f PageFont<'a>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scaling: f32,
    leading: f32,
    words: Vec<Word>,
    word: Option<Word>,
}

impl<'f, 'a> TextState<'f, 'a> {
    fn new(page_height: f32, fonts: &'f BTreeMap<Vec<u8>, PageFont<'a>>) -> Self {
        Self {
            page_height,
            fonts,
            ctm: IDENTITY,
            saved: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            words: Vec::new(),
            word: None,
        }
    }

    fn nums(op: &Operation) -> Vec<f32> {
        op.operands.iter().filter_map(number).collect()
    }

    fn apply(&mut self, op: &Operation) -> Result<(), ReadError> {
        let n = Self::nums(op);
        match op.operator.as_str() {
            "q" => self.saved.push(self.ctm),
            "Q" => self.ctm = self.saved.pop().unwrap_or(IDENTITY),
            "cm" if n.len() == 6 => {
                let m = [n[0], n[1], n[2], n[3], n[4], n[5]];
                self.ctm = mul(&m, &self.ctm);
            }
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "ET" => self.end_word(),
            "Tf" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok());
                self.font = name.and_then(|name| self.fonts.get(name));
                self.size = n.first().copied().unwrap_or(0.0);
            }
            "Tc" => self.char_spacing = n.first().copied().unwrap_or(0.0),
            "Tw" => self.word_spacing = n.first().copied().unwrap_or(0.0),
            "Tz" => self.scaling = n.first().copied().unwrap_or(100.0) / 100.0,
            "TL" => self.leading = n.first().copied().unwrap_or(0.0),
            "Td" | "TD" if n.len() == 2 => {
                if op.operator == "TD" {
                    self.leading = -n[1];
                }
                self.next_line(n[0], n[1]);
            }
            "Tm" if n.len() == 6 => {
                self.end_word();
                self.tlm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                self.tm = self.tlm;
            }
            "T*" => self.next_line(0.0, -self.leading),
            "Tj" | "'" | "\"" => {
                if op.operator != "Tj" {
                    self.next_line(0.0, -self.leading);
                }
                if let Some(Ok(bytes)) = op.operands.last().map(Object::as_str) {
                    self.show(bytes)?;
                }
            }
            "TJ" => {
                let items = op
                    .operands
                    .first()
                    .and_then(|o| o.as_array().ok())
                    .cloned()
                    .unwrap_or_default();
                for item in items {
                    if let Ok(bytes) = item.as_str() {
                        self.show(bytes)?;
                    } else if let Some(adjust) = number(&item) {
                        let tx = -adjust / 1000.0 * self.size * self.scaling;
                        self.tm = mul(&translate(tx, 0.0), &self.tm);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.end_word();
        self.tlm = mul(&translate(tx, ty), &self.tlm);
        self.tm = self.tlm;
    }

    /// Places each code of a shown string, growing words and ending them at white space.
    fn show(&mut self, bytes: &[u8]) -> Result<(), ReadError> {
        let Some(font) = self.font else {
            return Err(ReadError("text shown before a font was set".into()));
        };
        let step = if font.two_byte { 2 } else { 1 };
        for chunk in bytes.chunks(step) {
            let code = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
            let text = Document::decode_text(&font.encoding, chunk)
                .map_err(|e| err(&format!("text in {}", font.info.name), e))?;
            let start = mul(&self.tm, &self.ctm);
            let mut advance = font.width(code) / 1000.0 * self.size + self.char_spacing;
            let space = text.chars().all(char::is_whitespace);
            if chunk == [b' '] {
                advance += self.word_spacing;
            }
            advance *= self.scaling;
            self.tm = mul(&translate(advance, 0.0), &self.tm);
            let end = mul(&self.tm, &self.ctm);
            if space {
                self.end_word();
                continue;
            }
            let top = self.page_height - start[5];
            match &mut self.word {
                // The same line and no gap: the same word.
                Some(w) if (w.top - top).abs() < 0.5 && (start[4] - w.x_max).abs() < 1.0 => {
                    w.text.push_str(&text);
                    w.x_max = w.x_max.max(end[4]);
                }
                _ => {
                    self.end_word();
                    self.word = Some(Word {
                        text,
                        x_min: start[4],
                        x_max: end[4],
                        top,
                    });
                }
            }
        }
        Ok(())
    }

    fn end_word(&mut self) {
        if let Some(w) = self.word.take()
            && !w.text.is_empty()
        {
            self.words.push(w);
        }
    }
}
