//! The published versions of a procedure and the line differences between two of them.

use super::Authoring;
use crate::kernel::staff::require_author;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};
use chrono::{DateTime, Utc};
use madoguchi_core::ClerkId;
use madoguchi_core::ProcedureId;
use madoguchi_records::ProcedureVersionRecord;

/// A published version, for the versions page.
#[derive(Clone, Debug)]
pub struct VersionView {
    pub number: i32,
    pub content_hash: String,
    pub published_by: ClerkId,
    pub published_at: DateTime<Utc>,
    pub change_note: String,
}

/// One line of a difference between two versions' JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// A line diff (longest common subsequence): definitions are a few hundred lines.
pub fn diff_lines(a: &str, b: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].into()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(DiffLine::Added(b[j].into()));
            j += 1;
        } else {
            out.push(DiffLine::Removed(a[i].into()));
            i += 1;
        }
    }
    out
}

impl Authoring<'_> {
    /// The published versions of `id`, newest first.
    pub fn procedure_versions(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
    ) -> Result<Vec<VersionView>, AppError> {
        require_author(clerk)?;
        require_city(clerk, self.city)?;
        self.app.read(|c| {
            let department = self.app.department_code(c, clerk)?;
            let mut out: Vec<VersionView> = c
                .procedure_versions(self.city)?
                .into_iter()
                .filter(|v| v.procedure_id == *id && v.department_code == department)
                .map(|v| VersionView {
                    number: v.number,
                    content_hash: v.form_version,
                    published_by: v.published_by,
                    published_at: v.published_at.and_utc(),
                    change_note: v.change_note,
                })
                .collect();
            out.reverse();
            Ok(out)
        })
    }

    /// What changed from version `a` to version `b` (0: the seed in `forms/`), line by
    /// line of the pretty-printed definitions.
    pub fn procedure_diff(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
        a: i32,
        b: i32,
    ) -> Result<Vec<DiffLine>, AppError> {
        require_author(clerk)?;
        require_city(clerk, self.city)?;
        let (left, right) = self.app.read(|c| {
            let department = self.app.department_code(c, clerk)?;
            let versions: Vec<ProcedureVersionRecord> = c
                .procedure_versions(self.city)?
                .into_iter()
                .filter(|v| v.procedure_id == *id && v.department_code == department)
                .collect();
            let mut text_of = |n: i32| -> Result<String, AppError> {
                let v = versions
                    .iter()
                    .find(|v| v.number == n)
                    .ok_or(AppError::NotFound)?;
                let form = self.app.form_version(c, &v.form_version)?;
                serde_json::to_string_pretty(form.definition())
                    .map_err(|e| AppError::internal("definition", e))
            };
            Ok((text_of(a)?, text_of(b)?))
        })?;
        Ok(diff_lines(&left, &right))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_shows_removed_and_added_lines() {
        let d = diff_lines("a\nb\nc", "a\nx\nc");
        assert_eq!(
            d,
            [
                DiffLine::Same("a".into()),
                DiffLine::Added("x".into()),
                DiffLine::Removed("b".into()),
                DiffLine::Same("c".into()),
            ]
        );
    }
}
