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

/// The text of a PDF, by poppler's `pdftotext` (CI installs poppler-utils).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is needed to read PDFs in tests: apt-get install poppler-utils");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}
