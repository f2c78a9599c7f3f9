//! Postal codes: importing Japan Post's data and looking an address up.
//!
//! Two file formats are read (the server un-gzips `.gz` files first):
//! - the project's CSV with a header:
//!   `postal_code,local_gov_code,prefecture,city,town,prefecture_kana,city_kana,town_kana`
//!   (what `deploy/data/postal-codes.csv.gz` holds);
//! - Japan Post's `utf_ken_all.csv` (15 columns, no header, UTF-8), which operators can
//!   download to refresh the data. Its quirks are handled: the catch-all town
//!   「以下に掲載がない場合」 becomes an empty town; a town split over several rows because
//!   of a long parenthesised note is joined back; half-width kana become full-width.

use std::io::Read;

use madoguchi_forms::normalize::halfwidth_kana_to_fullwidth;
use madoguchi_records::PostalCodeRecord;

use crate::kernel::{App, AppError};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: {message}")]
    Line { line: u64, message: String },
    #[error("the file is not a postal-code CSV: {0}")]
    Format(String),
}

/// Parses a postal-code file (either format, told apart by its first line) into memory.
/// A whole country's file is about 120,000 rows: [`PostalRows`] reads it row by row.
pub fn parse_postal_csv(reader: impl Read) -> Result<Vec<PostalCodeRecord>, ImportError> {
    PostalRows::new(reader)?.collect()
}

/// The records of a postal-code file, read one at a time, in file order, each town
/// numbered (`seq`) within its code.
pub struct PostalRows<R: Read> {
    rows: csv::StringRecordsIntoIter<R>,
    /// The first row, when it is a record (Japan Post's file has no header).
    first: Option<csv::StringRecord>,
    ken_all: bool,
    /// The line the next row is on.
    line: u64,
    /// A town whose parenthesised note runs over several rows, joined until the ")" closes.
    open: Option<PostalCodeRecord>,
    /// A row read while a note was open that turned out to be another code's.
    held: Option<PostalCodeRecord>,
    /// The code and number of the last record given out.
    last: Option<(String, i32)>,
    done: bool,
}

impl<R: Read> std::fmt::Debug for PostalRows<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostalRows")
            .field("ken_all", &self.ken_all)
            .field("line", &self.line)
            .finish_non_exhaustive()
    }
}

impl<R: Read> PostalRows<R> {
    /// Reads the first line to tell the format; a file that is neither is refused.
    pub fn new(reader: R) -> Result<Self, ImportError> {
        let mut rows = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(reader)
            .into_records();
        let first = match rows.next() {
            Some(r) => Some(r.map_err(|e| ImportError::Format(e.to_string()))?),
            None => None,
        };
        let ken_all = first.as_ref().is_some_and(|f| f.len() == 15);
        if let Some(first) = &first
            && !ken_all
            && first.get(0) != Some("postal_code")
        {
            return Err(ImportError::Format(format!(
                "expected the header postal_code,local_gov_code,… or Japan Post's 15-column rows; found {} columns",
                first.len()
            )));
        }
        Ok(Self {
            rows,
            first: first.filter(|_| ken_all),
            ken_all,
            line: if ken_all { 1 } else { 2 },
            open: None,
            held: None,
            last: None,
            done: false,
        })
    }

    /// The next row of the file as a record of its own (before split towns are joined).
    fn next_row(&mut self) -> Option<Result<PostalCodeRecord, ImportError>> {
        if let Some(held) = self.held.take() {
            return Some(Ok(held));
        }
        let row = match self.first.take() {
            Some(first) => first,
            None => match self.rows.next()? {
                Ok(row) => row,
                Err(e) => {
                    return Some(Err(ImportError::Line {
                        line: self.line,
                        message: e.to_string(),
                    }));
                }
            },
        };
        let line = self.line;
        self.line += 1;
        let field = |i: usize| row.get(i).unwrap_or_default().trim().to_string();
        let record = if self.ken_all {
            PostalCodeRecord {
                postal_code: field(2),
                seq: 0,
                local_gov_code: field(0),
                prefecture: field(6),
                city: field(7),
                town: field(8),
                prefecture_kana: halfwidth_kana_to_fullwidth(&field(3)),
                city_kana: halfwidth_kana_to_fullwidth(&field(4)),
                town_kana: halfwidth_kana_to_fullwidth(&field(5)),
            }
        } else {
            if row.len() != 8 {
                return Some(Err(ImportError::Line {
                    line,
                    message: format!("expected 8 columns, found {}", row.len()),
                }));
            }
            PostalCodeRecord {
                postal_code: field(0),
                seq: 0,
                local_gov_code: field(1),
                prefecture: field(2),
                city: field(3),
                town: field(4),
                prefecture_kana: field(5),
                city_kana: field(6),
                town_kana: field(7),
            }
        };
        if record.postal_code.len() != 7 || !record.postal_code.bytes().all(|b| b.is_ascii_digit())
        {
            return Some(Err(ImportError::Line {
                line,
                message: format!("`{}` is not a 7-digit postal code", record.postal_code),
            }));
        }
        Some(Ok(record))
    }

    /// The next whole record: split towns joined, the catch-all town emptied.
    fn next_joined(&mut self) -> Option<Result<PostalCodeRecord, ImportError>> {
        loop {
            let mut record = match self.next_row() {
                Some(Ok(record)) => record,
                Some(Err(e)) => return Some(Err(e)),
                None => return self.open.take().map(Ok),
            };
            if let Some(mut pending) = self.open.take() {
                if pending.postal_code == record.postal_code {
                    pending.town.push_str(&record.town);
                    pending.town_kana.push_str(&record.town_kana);
                    if pending.town.contains('（') && !pending.town.contains('）') {
                        self.open = Some(pending);
                        continue;
                    }
                    return Some(Ok(pending));
                }
                // The note never closed: the pending town goes as it is, this row next.
                self.held = Some(record);
                return Some(Ok(pending));
            }
            if record.town == "以下に掲載がない場合" {
                record.town.clear();
                record.town_kana.clear();
            }
            if record.town.contains('（') && !record.town.contains('）') {
                self.open = Some(record);
                continue;
            }
            return Some(Ok(record));
        }
    }
}

impl<R: Read> Iterator for PostalRows<R> {
    type Item = Result<PostalCodeRecord, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut record = match self.next_joined() {
            Some(Ok(record)) => record,
            other => {
                // The end, or an error: nothing after it is read.
                self.done = true;
                return other;
            }
        };
        // Number the towns of each code in file order.
        record.seq = match &self.last {
            Some((code, seq)) if *code == record.postal_code => seq + 1,
            _ => 0,
        };
        self.last = Some((record.postal_code.clone(), record.seq));
        Some(Ok(record))
    }
}

impl App {
    /// Replaces the postal-code data in one transaction (readers never see half of it).
    pub fn import_postal_codes(&self, records: &[PostalCodeRecord]) -> Result<usize, AppError> {
        self.import_postal_rows(records.iter().cloned().map(Ok))
    }

    /// Replaces the postal-code data with `rows` as they are read, in one transaction: a
    /// whole country's file is never held in memory. A row that cannot be read rolls the
    /// import back (the old data stays); check the file first (reading it through
    /// [`PostalRows`]) for an error that names its line.
    pub fn import_postal_rows(
        &self,
        rows: impl Iterator<Item = Result<PostalCodeRecord, ImportError>> + Send,
    ) -> Result<usize, AppError> {
        let n = self.write(|r| {
            let mut failed = None;
            let mut good = rows.map_while(|row| row.map_err(|e| failed = Some(e)).ok());
            let n = r.replace_postal_codes(&mut good)?;
            match failed {
                Some(e) => Err(AppError::broken(format!("postal-code file: {e}"))),
                None => Ok(n),
            }
        })?;
        tracing::info!(rows = n, "postal codes imported");
        Ok(n)
    }

    pub fn postal_codes_loaded(&self) -> Result<i64, AppError> {
        self.read(|r| Ok(r.count_postal_codes()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_projects_csv() {
        let text = "postal_code,local_gov_code,prefecture,city,town,prefecture_kana,city_kana,town_kana\n\
                    9800811,04101,宮城県,仙台市青葉区,一番町,ミヤギケン,センダイシアオバク,イチバンチョウ\n\
                    9800000,04101,宮城県,仙台市青葉区,,ミヤギケン,センダイシアオバク,\n";
        let rows = parse_postal_csv(text.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].postal_code.as_str(), rows[0].town.as_str()),
            ("9800811", "一番町")
        );
        assert_eq!(rows[1].town, "");
    }

    #[test]
    fn reads_japan_posts_utf_ken_all_with_its_quirks() {
        let text = "04101,\"980  \",\"9800000\",\"ﾐﾔｷﾞｹﾝ\",\"ｾﾝﾀﾞｲｼｱｵﾊﾞｸ\",\"ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ\",\"宮城県\",\"仙台市青葉区\",\"以下に掲載がない場合\",0,0,0,0,0,0\n\
                    04101,\"980  \",\"9808001\",\"ﾐﾔｷﾞｹﾝ\",\"ｾﾝﾀﾞｲｼｱｵﾊﾞｸ\",\"ﾁｭｳｵｳ(ﾂｷﾞﾉﾋﾞﾙｦ\",\"宮城県\",\"仙台市青葉区\",\"中央（次のビルを\",0,0,0,0,0,0\n\
                    04101,\"980  \",\"9808001\",\"ﾐﾔｷﾞｹﾝ\",\"ｾﾝﾀﾞｲｼｱｵﾊﾞｸ\",\"ﾉｿﾞｸ)\",\"宮城県\",\"仙台市青葉区\",\"除く）\",0,0,0,0,0,0\n";
        let rows = parse_postal_csv(text.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].town, "", "the catch-all row has no town");
        assert_eq!(
            rows[0].prefecture_kana, "ミヤギケン",
            "half-width kana are widened"
        );
        assert_eq!(
            rows[1].town, "中央（次のビルを除く）",
            "a split row is joined"
        );
    }

    #[test]
    fn numbers_each_codes_towns_and_lets_an_unclosed_note_go_at_the_next_code() {
        let row = |code: &str, town: &str| {
            format!(
                "04101,\"980  \",\"{code}\",\"ﾐﾔｷﾞｹﾝ\",\"ｾﾝﾀﾞｲｼ\",\"ｱ\",\"宮城県\",\"仙台市青葉区\",\"{town}\",0,0,0,0,0,0\n"
            )
        };
        let text = [
            row("9800001", "一番町"),
            row("9800001", "二番町"),
            row("9800002", "中央（次のビルを"),
            row("9800003", "本町"),
            row("9800003", "以下に掲載がない場合"),
        ]
        .concat();
        let rows: Vec<_> = PostalRows::new(text.as_bytes())
            .unwrap()
            .map(|r| r.map(|r| (r.postal_code, r.seq, r.town)).unwrap())
            .collect();
        let expected = [
            ("9800001", 0, "一番町"),
            ("9800001", 1, "二番町"),
            ("9800002", 0, "中央（次のビルを"),
            ("9800003", 0, "本町"),
            ("9800003", 1, ""),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(c, s, t)| (c.to_string(), *s, t.to_string()))
            .collect();
        assert_eq!(rows, expected);
    }

    #[test]
    fn stops_at_the_first_bad_row_naming_its_line() {
        let text = "postal_code,local_gov_code,prefecture,city,town,prefecture_kana,city_kana,town_kana\n\
                    9800811,04101,a,b,c,d,e,f\n\
                    98008,04101,a,b,c,d,e,f\n\
                    9800812,04101,a,b,c,d,e,f\n";
        let rows: Vec<_> = PostalRows::new(text.as_bytes()).unwrap().collect();
        assert_eq!(rows.len(), 2, "the good row, then the error, then nothing");
        assert!(rows[0].is_ok());
        assert!(matches!(rows[1], Err(ImportError::Line { line: 3, .. })));
    }

    #[test]
    fn refuses_other_files() {
        assert!(parse_postal_csv("a,b,c\n1,2,3\n".as_bytes()).is_err());
        let bad = "postal_code,local_gov_code,prefecture,city,town,prefecture_kana,city_kana,town_kana\n98008,04101,a,b,c,d,e,f\n";
        assert!(matches!(
            parse_postal_csv(bad.as_bytes()),
            Err(ImportError::Line { line: 2, .. })
        ));
    }
}
