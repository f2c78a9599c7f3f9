//! What several context modules need beyond `TestApp`.

use madoguchi_app::review::ReviewInput;

/// A review action with nothing else filled in.
pub fn input(action: &str) -> ReviewInput {
    ReviewInput {
        action: action.into(),
        ..ReviewInput::default()
    }
}

/// A calendar date.
pub fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The text of a PDF, read back in process (no PDF tool needed).
pub fn pdf_text(pdf: &[u8]) -> String {
    madoguchi_documents::readback::Readout::parse(pdf)
        .unwrap()
        .text()
}
