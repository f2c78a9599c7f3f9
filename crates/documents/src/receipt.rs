//! 受付控え: the applicant's copy of what arrived.

use chrono::NaiveDateTime;
use madoguchi_core::{Lang, Yen, jst};
use madoguchi_i18n::{msg, t};

use crate::fonts::Fonts;
use crate::layout::{Align, BODY, SMALL, TITLE, Writer};
use crate::{DocumentError, LANG, digest, label};

/// What a 受付控え says. Every text is printed as given; empty optional texts are left
/// out.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// The municipality, printed at the top right: `みどり市`.
    pub municipality: String,
    /// The receiving office, under the municipality; empty for none.
    pub office: String,
    /// The procedure's title: `住民票の写しの交付申請`.
    pub procedure_title: String,
    /// The procedure's English title, printed under the Japanese one; empty for none.
    pub procedure_title_en: String,
    /// The 到達番号.
    pub arrival_number: String,
    /// When the filing arrived, in Japan time (JST): `2026年11月23日 10時05分`.
    pub arrived_at: NaiveDateTime,
    /// The answers as (question label, answer) pairs, in form order. Long answers wrap;
    /// `'\n'` separates lines.
    pub answers: Vec<(String, String)>,
    /// The files that came with the filing.
    pub attachments: Vec<Attachment>,
    /// The fee in whole yen: `300` prints `300円`.
    pub fee_yen: i64,
    /// The visits booked with it, each as its time and place (`'\n'` between): printed
    /// under the fee, one row each.
    pub bookings: Vec<String>,
    /// A closing note (what happens next, whom to ask); empty for none.
    pub note: String,
    /// The document id for the footer; empty: the SHA-256 of the answers.
    pub reference: String,
}

/// One attached file.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The file name as uploaded.
    pub file_name: String,
    /// Its size in bytes.
    pub size_bytes: i64,
}

impl Receipt {
    /// `reference` if given, otherwise the SHA-256 (hex) of the answers (labels and
    /// values, in order).
    pub fn document_id(&self) -> String {
        if !self.reference.trim().is_empty() {
            return self.reference.trim().to_owned();
        }
        digest(
            self.answers
                .iter()
                .flat_map(|(label, value)| [label.as_str(), value.as_str()]),
        )
    }
}

/// Renders a 受付控え as an A4 PDF.
pub fn receipt(receipt: &Receipt, fonts: &Fonts) -> Result<Vec<u8>, DocumentError> {
    let title = t!(
        LANG,
        doc_receipt_document_title,
        procedure = receipt.procedure_title.as_str()
    );
    let mut w = Writer::new(fonts, &title);

    w.paragraph(&receipt.municipality, BODY, Align::Right);
    if !receipt.office.trim().is_empty() {
        w.paragraph(&receipt.office, BODY, Align::Right);
    }
    w.gap(BODY);
    w.paragraph(t!(LANG, doc_receipt_title), TITLE, Align::Center);
    w.paragraph(t!(Lang::En, doc_receipt_title), SMALL, Align::Center);
    w.gap(BODY / 2.0);
    w.paragraph(&receipt.procedure_title, 12.0, Align::Center);
    if !receipt.procedure_title_en.trim().is_empty() {
        w.paragraph(&receipt.procedure_title_en, SMALL, Align::Center);
    }
    w.gap(BODY);

    let arrived = jst::format_local(receipt.arrived_at, LANG);
    let mut facts = vec![
        (
            label(msg::doc_arrival_number::text),
            receipt.arrival_number.clone(),
        ),
        (
            label(msg::doc_receipt_arrived_at::text),
            t!(LANG, doc_receipt_arrived_at_value, time = arrived),
        ),
        (
            label(msg::doc_receipt_fee::text),
            Yen::new(receipt.fee_yen).format(LANG),
        ),
    ];
    for booking in &receipt.bookings {
        facts.push((label(msg::doc_receipt_booking::text), booking.clone()));
    }
    w.rows(&facts, BODY);
    w.gap(BODY * 1.5);

    w.ensure(100.0);
    w.paragraph(t!(LANG, doc_receipt_answers), 12.0, Align::Left);
    w.gap(BODY / 3.0);
    if receipt.answers.is_empty() {
        w.paragraph(t!(LANG, doc_none), BODY, Align::Left);
    } else {
        w.rows(&receipt.answers, SMALL + 0.5);
    }
    w.gap(BODY * 1.5);

    w.ensure(80.0);
    w.paragraph(t!(LANG, doc_receipt_attachments), 12.0, Align::Left);
    w.gap(BODY / 3.0);
    if receipt.attachments.is_empty() {
        w.paragraph(t!(LANG, doc_none), BODY, Align::Left);
    } else {
        let rows: Vec<(String, String)> = receipt
            .attachments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (
                    format!("{}", i + 1),
                    t!(
                        LANG,
                        doc_receipt_attachment,
                        name = a.file_name.as_str(),
                        size = file_size(a.size_bytes)
                    ),
                )
            })
            .collect();
        w.rows(&rows, SMALL + 0.5);
    }

    if !receipt.note.trim().is_empty() {
        w.gap(BODY * 1.5);
        w.paragraphs(receipt.note.trim(), SMALL + 0.5, 3.0);
    }

    w.finish(&receipt.document_id())
}

/// `512 B`, `245 KB`, `2.4 MB`: 1 KB = 1,024 bytes, rounded up, integers only.
fn file_size(bytes: i64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let bytes = u64::try_from(bytes).unwrap_or(0);
    if bytes < KIB {
        format!("{bytes} B")
    } else if bytes < MIB {
        format!("{} KB", bytes.div_ceil(KIB))
    } else {
        let tenths = bytes.saturating_mul(10).div_ceil(MIB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_in_whole_units() {
        assert_eq!(file_size(0), "0 B");
        assert_eq!(file_size(1023), "1023 B");
        assert_eq!(file_size(1024), "1 KB");
        assert_eq!(file_size(250_000), "245 KB");
        assert_eq!(file_size(1024 * 1024), "1.0 MB");
        assert_eq!(file_size(2_500_000), "2.4 MB");
        assert_eq!(file_size(-5), "0 B");
    }
}
