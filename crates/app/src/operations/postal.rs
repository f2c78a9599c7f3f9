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

/// Parses a postal-code file (either format, told apart by its first line).
pub fn parse_postal_csv(reader: impl Read) -> Result<Vec<PostalCodeRecord>, ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut rows = csv.records();
    let first = match rows.next() {
        Some(r) => r.map_err(|e| ImportError::Format(e.to_string()))?,
        None => return Ok(Vec::new()),
    };
    let mut out: Vec<PostalCodeRecord> = Vec::new();
    let ken_all = first.len() == 15;
    if !ken_all && first.get(0) != Some("postal_code") {
        return Err(ImportError::Format(format!(
            "expected the header postal_code,local_gov_code,… or Japan Post's 15-column rows; found {} columns",
            first.len()
        )));
    }
    // A town whose parenthesised note runs over several rows is joined until the ")" closes.
    let mut open: Option<PostalCodeRecord> = None;
    let records = std::iter::once(Ok(first))
        .chain(rows)
        .skip(usize::from(!ken_all));
    for (index, row) in records.enumerate() {
        let line = index as u64 + 1 + u64::from(!ken_all);
        let row = row.map_err(|e| ImportError::Line {
            line,
            message: e.to_string(),
        })?;
        let field = |i: usize| row.get(i).unwrap_or_default().trim().to_string();
        let record = if ken_all {
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
                return Err(ImportError::Line {
                    line,
                    message: format!("expected 8 columns, found {}", row.len()),
                });
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
            return Err(ImportError::Line {
                line,
                message: format!("`{}` is not a 7-digit postal code", record.postal_code),
            });
        }
        if let Some(mut pending) = open.take() {
            if pending.postal_code == record.postal_code {
                pending.town.push_str(&record.town);
                pending.town_kana.push_str(&record.town_kana);
                if pending.town.contains('（') && !pending.town.contains('）') {
                    open = Some(pending);
                } else {
                    out.push(pending);
                }
                continue;
            }
            out.push(pending);
        }
        let mut record = record;
        if record.town == "以下に掲載がない場合" {
            record.town.clear();
            record.town_kana.clear();
        }
        if record.town.contains('（') && !record.town.contains('）') {
            open = Some(record);
        } else {
            out.push(record);
        }
    }
    out.extend(open);
    // Number the towns of each code in file order.
    let mut seq = 0;
    for i in 0..out.len() {
        seq = if i > 0 && out[i - 1].postal_code == out[i].postal_code {
            seq + 1
        } else {
            0
        };
        out[i].seq = seq;
    }
    Ok(out)
}

impl App {
    /// Replaces the postal-code data in one transaction (readers never see half of it).
    pub fn import_postal_codes(&self, records: &[PostalCodeRecord]) -> Result<usize, AppError> {
        let n = self.write(|r| Ok(r.replace_postal_codes(records)?))?;
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
    fn refuses_other_files() {
        assert!(parse_postal_csv("a,b,c\n1,2,3\n".as_bytes()).is_err());
        let bad = "postal_code,local_gov_code,prefecture,city,town,prefecture_kana,city_kana,town_kana\n98008,04101,a,b,c,d,e,f\n";
        assert!(matches!(
            parse_postal_csv(bad.as_bytes()),
            Err(ImportError::Line { line: 2, .. })
        ));
    }
}
