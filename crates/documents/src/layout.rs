//! A small page writer on top of printpdf's operations: A4 portrait, a cursor that moves
//! down the page, wrapped paragraphs that continue on a new page, label/value rows, and a
//! footer with the document id and "1 / 2" added once the page count is known.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, TextItem,
};

use madoguchi_i18n::t;

use crate::fonts::Fonts;
use crate::linebreak::break_lines;
use crate::{DocumentError, LANG};

/// A4 portrait in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 25 mm on every side (the footer sits inside the bottom margin).
pub(crate) const MARGIN: f32 = 70.866;
const FOOTER_BASELINE: f32 = 36.0;

/// Text sizes in points.
pub(crate) const BODY: f32 = 10.5;
pub(crate) const SMALL: f32 = 9.0;
pub(crate) const TITLE: f32 = 15.0;
const FOOTER: f32 = 8.0;
/// Line height as a multiple of the text size.
const LEADING: f32 = 1.65;

/// Width of the label column of [`Writer::rows`].
const LABEL_WIDTH: f32 = 100.0;
const CELL_PAD: f32 = 5.0;

pub(crate) struct Writer<'a> {
    fonts: &'a Fonts,
    doc: PdfDocument,
    font: FontId,
    pages: Vec<Vec<Op>>,
    /// The top of the next line, in points from the bottom of the page.
    y: f32,
}

#[derive(Clone, Copy)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(fonts: &'a Fonts, title: &str) -> Self {
        let mut doc = PdfDocument::new(title);
        doc.metadata.info.creator = "Madoguchi".to_owned();
        doc.metadata.info.producer = "Madoguchi (printpdf)".to_owned();
        let font = doc.add_font(fonts.parsed());
        Self {
            fonts,
            doc,
            font,
            pages: vec![Vec::new()],
            y: PAGE_HEIGHT - MARGIN,
        }
    }

    fn left(&self) -> f32 {
        MARGIN
    }

    fn right(&self) -> f32 {
        PAGE_WIDTH - MARGIN
    }

    pub(crate) fn text_width(&self) -> f32 {
        self.right() - self.left()
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Whatever comes next starts on a page of its own.
    pub(crate) fn page_break(&mut self) {
        if self.y < PAGE_HEIGHT - MARGIN {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_HEIGHT - MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one (a heading asks
    /// for room for itself and a few lines after it).
    pub(crate) fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN && self.y < PAGE_HEIGHT - MARGIN {
            self.new_page();
        }
    }

    /// Vertical space; whatever comes next starts a new page if this one is full.
    pub(crate) fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    /// One line of text with its baseline at `baseline`, starting at `x`.
    fn put(&mut self, x: f32, baseline: f32, size: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        let font = PdfFontHandle::External(self.font.clone());
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font,
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    fn baseline(&self, top: f32, size: f32) -> f32 {
        let leading = size * LEADING;
        top - (leading - size) / 2.0 - self.fonts.ascent() * size
    }

    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        break_lines(text, width, |c| self.fonts.advance(c, size))
    }

    /// A paragraph over the full text width, wrapped, continuing on a new page when the
    /// page is full. `'\n'` starts a new line.
    pub(crate) fn paragraph(&mut self, text: &str, size: f32, align: Align) {
        let width = self.text_width();
        let leading = size * LEADING;
        for line in self.wrap(text, size, width) {
            self.ensure(leading);
            let w = self.fonts.width(&line, size);
            let x = match align {
                Align::Left => self.left(),
                Align::Center => self.left() + (width - w).max(0.0) / 2.0,
                Align::Right => self.right() - w,
            };
            let baseline = self.baseline(self.y, size);
            self.put(x, baseline, size, &line);
            self.y -= leading;
        }
    }

    /// Paragraphs separated by `'\n'`, with `gap` points between them.
    pub(crate) fn paragraphs(&mut self, text: &str, size: f32, gap: f32) {
        for (i, paragraph) in text.split('\n').enumerate() {
            if i > 0 {
                self.gap(gap);
            }
            self.paragraph(paragraph, size, Align::Left);
        }
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        let point = |x: f32, y: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale {
                    percent: 0.35,
                    icc_profile: None,
                }),
            },
            Op::SetOutlineThickness { pt: Pt(0.6) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1, y1), point(x2, y2)],
                    is_closed: false,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// Label/value rows between rules, the value wrapped in its column. A row that does
    /// not fit goes on (with its label repeated) on the next page.
    pub(crate) fn rows(&mut self, rows: &[(String, String)], size: f32) {
        let leading = size * LEADING;
        let value_x = self.left() + LABEL_WIDTH;
        let value_width = self.text_width() - LABEL_WIDTH - 2.0 * CELL_PAD;
        let label_width = LABEL_WIDTH - 2.0 * CELL_PAD;
        for (label, value) in rows {
            let labels = self.wrap(label, size, label_width);
            let values = self.wrap(value, size, value_width);
            let height = labels.len().max(values.len()) as f32 * leading + 2.0 * CELL_PAD;
            // Rows of a few lines are kept together; longer ones may split.
            self.ensure(height.min(6.0 * leading + 2.0 * CELL_PAD));
            let mut top = self.y;
            self.row_rules(top);
            self.y -= CELL_PAD;
            let count = labels.len().max(values.len());
            let mut continued = false;
            for i in 0..count {
                if self.y - leading < MARGIN {
                    self.row_bottom(top);
                    self.new_page();
                    top = self.y;
                    self.row_rules(top);
                    self.y -= CELL_PAD;
                    continued = true;
                }
                let baseline = self.baseline(self.y, size);
                // The first line of a row continued on a new page says which row it is.
                let label = match labels.get(i) {
                    Some(label) => label.as_str(),
                    None if continued => labels.first().map_or("", String::as_str),
                    None => "",
                }
                .to_owned();
                continued = false;
                self.put(self.left() + CELL_PAD, baseline, size, &label);
                if let Some(value) = values.get(i) {
                    self.put(value_x + CELL_PAD, baseline, size, value);
                }
                self.y -= leading;
            }
            self.y -= CELL_PAD;
            self.row_bottom(top);
        }
    }

    /// The top rule of a row.
    fn row_rules(&mut self, top: f32) {
        let (left, right) = (self.left(), self.right());
        self.line(left, top, right, top);
    }

    /// The side and middle rules of a row from `top` down to the cursor, and its bottom
    /// rule (the next row may be on the next page).
    fn row_bottom(&mut self, top: f32) {
        let bottom = self.y;
        let (left, right) = (self.left(), self.right());
        let split = left + LABEL_WIDTH;
        self.line(left, bottom, right, bottom);
        self.line(left, top, left, bottom);
        self.line(split, top, split, bottom);
        self.line(right, top, right, bottom);
    }

    /// Adds the footer to every page (`document_id` at the left, "1 / 2" at the right)
    /// and writes the PDF with the font subset.
    pub(crate) fn finish(mut self, document_id: &str) -> Result<Vec<u8>, DocumentError> {
        let total = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let mut finished = Vec::with_capacity(total);
        for (index, ops) in pages.into_iter().enumerate() {
            self.pages = vec![ops];
            let number = t!(LANG, doc_page_number, page = index + 1, pages = total);
            let number_width = self.fonts.width(&number, SMALL);
            let right = self.right();
            self.put(right - number_width, FOOTER_BASELINE, SMALL, &number);
            // The id shrinks to fit beside the page number rather than run off the page.
            let id = t!(LANG, doc_document_id, id = document_id);
            let room = self.text_width() - number_width - 12.0;
            let natural = self.fonts.width(&id, FOOTER);
            let size = if natural > room {
                (FOOTER * room / natural).max(4.0)
            } else {
                FOOTER
            };
            let left = self.left();
            self.put(left, FOOTER_BASELINE, size, &id);
            let ops = self.pages.pop().unwrap_or_default();
            finished.push(PdfPage::new(
                Mm(PAGE_WIDTH * 25.4 / 72.0),
                Mm(PAGE_HEIGHT * 25.4 / 72.0),
                ops,
            ));
        }
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..PdfSaveOptions::default()
        };
        let mut warnings = Vec::new();
        let bytes = self.doc.with_pages(finished).save(&options, &mut warnings);
        let errors: Vec<String> = warnings
            .into_iter()
            .filter(|w| w.severity == PdfParseErrorSeverity::Error)
            .map(|w| w.msg)
            .collect();
        if !errors.is_empty() {
            return Err(DocumentError::Pdf(errors.join("; ")));
        }
        Ok(bytes)
    }
}
