//! CSV files people open in a spreadsheet. A cell beginning with `=`, `+`, `-`, `@`, a tab
//! or a carriage return is read there as a formula, so an answer like
//! `=HYPERLINK("https://…")` would run on a clerk's desktop. Every CSV the platform writes
//! goes through [`CsvFile`], which writes such a cell with a leading `'` (OWASP's advice
//! for CSV injection); plain numbers (`-300`) stay numbers. JSON exports are not touched.

use std::borrow::Cow;

/// A CSV file being written, UTF-8, optionally with a byte order mark (spreadsheet tools
/// then read it as UTF-8); every cell is made safe to open in a spreadsheet.
#[derive(Debug)]
pub struct CsvFile {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvFile {
    pub fn new(bom: bool) -> Self {
        let start = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        CsvFile {
            writer: csv::Writer::from_writer(start),
        }
    }

    /// One line; each cell as [`safe_cell`] makes it.
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.writer.write_record(
            cells
                .into_iter()
                .map(|c| safe_cell(c.as_ref()).into_owned()),
        )
    }

    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, std::io::Error> {
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}

/// `cell` as written to a CSV: with a leading `'` when a spreadsheet would read it as a
/// formula, unchanged otherwise (a negative number like `-300` or `-1.5` is a number, not
/// a formula, and stays one).
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    let starts_formula = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if starts_formula && !is_negative_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn is_negative_number(cell: &str) -> bool {
    let Some(rest) = cell.strip_prefix('-') else {
        return false;
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_text() {
        for cell in [
            "=1+1",
            "+81 90",
            "-1+2",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "=HYPERLINK(\"https://evil.example\",\"click\")",
            "-",
            "-1.",
        ] {
            assert_eq!(safe_cell(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in [
            "",
            "山田 太郎",
            "1+1",
            "a=b",
            "-300",
            "-1.5",
            "0",
            "'quoted",
        ] {
            assert_eq!(safe_cell(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn a_file_with_and_without_bom() {
        for bom in [false, true] {
            let mut f = CsvFile::new(bom);
            f.row(["name", "amount"]).unwrap();
            f.row(["=cmd|' /C calc'!A0", "-300"]).unwrap();
            let bytes = f.finish().unwrap();
            let text = String::from_utf8(bytes).unwrap();
            let body = text.strip_prefix('\u{feff}');
            assert_eq!(body.is_some(), bom);
            assert_eq!(
                body.unwrap_or(&text),
                "name,amount\n'=cmd|' /C calc'!A0,-300\n"
            );
        }
    }
}

#[cfg(test)]
mod every_writer {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// A CSV written another way would skip the neutralising: app and web write theirs
    /// only through `CsvFile`.
    #[test]
    fn every_csv_is_written_through_csv_file() {
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        rust_files(&crates.join("app/src"), &mut files);
        rust_files(&crates.join("web/src"), &mut files);
        let own = Path::new("kernel").join("spreadsheet.rs");
        let elsewhere: Vec<String> = files
            .iter()
            .filter(|p| !p.ends_with(&own))
            .filter(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                text.contains(concat!("csv::", "Writer")) || text.contains("csv::WriterBuilder")
            })
            .map(|p| p.display().to_string())
            .collect();
        assert!(files.len() > 50, "the sources were found");
        assert!(
            elsewhere.is_empty(),
            "CSV written without CsvFile: {elsewhere:?}"
        );
    }
}
