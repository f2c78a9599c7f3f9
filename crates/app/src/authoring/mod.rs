//! Departments write their own procedures: a working copy (private to the department),
//! checked by the forms lint at every save, previewed as a resident sees it, and published
//! as an immutable version (its content hash, who, when, why). An earlier version can be
//! published again (rollback); retiring closes a procedure to new filings while filings
//! already made go on. Authors work only on their own department's procedures, and every
//! action is audited.
//!
//! Procedures in `forms/` seed a fresh installation; a published version of the same id
//! replaces the seed from then on (the department owns it). One municipality per
//! deployment: published procedures are offered to every request this server answers.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use madoguchi_core::{ErrorCode, Localized};
use madoguchi_forms::Form;
use madoguchi_records::{
    ApprovalRequest, FormVersionRecord, ProcedureDraftRecord, ProcedureVersionRecord, Records,
    RetirementRecord,
};
use madoguchi_workflow::Role;
use serde_json::Value;

use crate::kernel::audit::AuditEntry;
use crate::kernel::{App, AppError, Clerk};

mod approval;
mod outline;
mod question;
mod serving;
mod structure;
mod transfer;

pub use approval::PendingPublication;

pub use outline::{
    ConditionChoice, ConditionOutline, FeeOutline, QuestionOutline, StepOutline, StructureOutline,
};
pub use question::{ChoiceOption, KindOf, QuestionKind};
pub use structure::{
    Direction, FeeInput, InputProblem, QuestionInput, SettingsInput, StructureEdit,
    StructureOutcome, fee_timings, identity_levels,
};

const TEMPLATE: &str = include_str!("template.json");

/// Where a procedure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcedureStatus {
    /// Never published: only the department sees it.
    Draft,
    /// Open for filing.
    Published,
    /// Closed to new filings.
    Retired,
}

impl ProcedureStatus {
    pub fn label(self) -> Localized {
        match self {
            ProcedureStatus::Draft => Localized::new("下書き", "Draft"),
            ProcedureStatus::Published => Localized::new("公開中", "Published"),
            ProcedureStatus::Retired => Localized::new("受付終了", "Retired"),
        }
    }
}

/// One of the department's procedures, for the authoring list.
#[derive(Clone, Debug)]
pub struct AuthoredProcedure {
    pub id: String,
    pub title: Localized,
    pub status: ProcedureStatus,
    /// The latest published version's number (seeded procedures never published here: 0).
    pub version: Option<i32>,
    /// A working copy exists (changes not yet published).
    pub has_draft: bool,
}

/// A problem the lint found, at a JSON pointer of the definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintProblem {
    pub pointer: String,
    pub message: String,
}

/// The working copy, checked.
#[derive(Clone, Debug)]
pub struct ProcedureDraft {
    pub id: String,
    pub text: String,
    pub problems: Vec<LintProblem>,
    /// The form as residents would get it (when the definition loads at all).
    pub form: Option<Arc<Form>>,
    pub updated_at: DateTime<Utc>,
    pub status: ProcedureStatus,
    /// Sent for the supervisor's approval (saving again withdraws it).
    pub awaiting_approval: bool,
}

/// What publishing did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publication {
    /// Open for filing as this version.
    Published(i32),
    /// The department's supervisor approves publications first: sent to them.
    AwaitingApproval,
}

/// A published version, for the versions page.
#[derive(Clone, Debug)]
pub struct VersionView {
    pub number: i32,
    pub content_hash: String,
    pub published_by: String,
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

fn require_author(clerk: &Clerk) -> Result<(), AppError> {
    if clerk.role == Role::Author {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A change note or reason as it goes on record: trimmed, not empty, at most 500 characters.
fn on_record(text: &str) -> Result<&str, AppError> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(AppError::ReviewInput(ErrorCode::ReasonRequired)),
        n if n > 500 => Err(AppError::ReviewInput(ErrorCode::ReasonTooLong)),
        _ => Ok(text),
    }
}

fn valid_id(id: &str) -> bool {
    (3..=60).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// The definition as the lint sees it: problems at pointers, and the form when it loads.
/// Beyond the forms lint: the id must stay the one being edited, and the department the
/// author's own.
fn lint(id: &str, department: &str, text: &str) -> (Vec<LintProblem>, Option<Arc<Form>>) {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return (
                vec![LintProblem {
                    pointer: String::new(),
                    message: format!("not JSON: {e} (line {}, column {})", e.line(), e.column()),
                }],
                None,
            );
        }
    };
    let mut problems = Vec::new();
    if value.pointer("/procedure/id").and_then(Value::as_str) != Some(id) {
        problems.push(LintProblem {
            pointer: "/procedure/id".into(),
            message: format!("the id must stay `{id}` (copy the procedure to make another)"),
        });
    }
    if value
        .pointer("/procedure/department")
        .and_then(Value::as_str)
        != Some(department)
    {
        problems.push(LintProblem {
            pointer: "/procedure/department".into(),
            message: format!("the department must be yours, `{department}`"),
        });
    }
    let path = PathBuf::from(format!("{id}/form.json"));
    match Form::from_value(&path, value) {
        Ok(form) => (problems, Some(Arc::new(form))),
        Err(found) => {
            problems.extend(found.into_iter().map(|p| LintProblem {
                pointer: p.pointer,
                message: p.message,
            }));
            (problems, None)
        }
    }
}

impl App {
    /// The department's procedures: published, retired and drafts.
    pub fn authored_procedures(&self, clerk: &Clerk) -> Result<Vec<AuthoredProcedure>, AppError> {
        require_author(clerk)?;
        let tenant = clerk.tenant.as_str();
        let (department, drafts, versions, retired) = self.read(|c| {
            Ok((
                self.department_code(c, clerk)?,
                c.procedure_drafts(tenant)?,
                c.procedure_versions(tenant)?,
                c.retirements(tenant)?,
            ))
        })?;
        let forms = self.forms();
        let mut out: std::collections::BTreeMap<String, AuthoredProcedure> = Default::default();
        for form in forms
            .all()
            .filter(|f| f.settings().department == department)
        {
            out.insert(
                form.id().into(),
                AuthoredProcedure {
                    id: form.id().into(),
                    title: form.title().clone(),
                    status: ProcedureStatus::Published,
                    version: Some(0),
                    has_draft: false,
                },
            );
        }
        for v in versions.iter().filter(|v| v.department_code == department) {
            let entry = out
                .entry(v.procedure_id.clone())
                .or_insert_with(|| AuthoredProcedure {
                    id: v.procedure_id.clone(),
                    title: Localized::new(&v.procedure_id, &v.procedure_id),
                    status: ProcedureStatus::Published,
                    version: None,
                    has_draft: false,
                });
            entry.version = Some(v.number);
            if retired.iter().any(|r| r.procedure_id == v.procedure_id) {
                entry.status = ProcedureStatus::Retired;
            }
        }
        for d in drafts.iter().filter(|d| d.department_code == department) {
            let entry = out
                .entry(d.procedure_id.clone())
                .or_insert_with(|| AuthoredProcedure {
                    id: d.procedure_id.clone(),
                    title: draft_title(&d.definition, &d.procedure_id),
                    status: ProcedureStatus::Draft,
                    version: None,
                    has_draft: true,
                });
            entry.has_draft = true;
        }
        Ok(out.into_values().collect())
    }

    /// Starts a new procedure `id`: from the template, or as a copy of `from` (any
    /// procedure open for filing, of any department: the copy is the author's).
    pub fn start_procedure(
        &self,
        clerk: &Clerk,
        id: &str,
        from: Option<&str>,
    ) -> Result<(), AppError> {
        require_author(clerk)?;
        let id = id.trim();
        if !valid_id(id) {
            return Err(AppError::ReviewInput(ErrorCode::ProcedureIdInvalid));
        }
        let tenant = clerk.tenant.as_str();
        let source = match from.filter(|f| !f.is_empty()) {
            Some(from) => Some(self.forms().get(from).ok_or(AppError::NotFound)?),
            None => None,
        };
        let now = self.now().naive_utc();
        self.write(|c| {
            let department = self.department_code(c, clerk)?;
            let taken = self.forms().get(id).is_some()
                || c.find_procedure_draft(tenant, id)?.is_some()
                || c.procedure_versions(tenant)?
                    .iter()
                    .any(|v| v.procedure_id == id);
            if taken {
                return Err(AppError::ReviewInput(ErrorCode::ProcedureIdTaken));
            }
            let text = match &source {
                Some(form) => {
                    let mut value = serde_json::to_value(form.definition())
                        .map_err(|e| AppError::Internal(format!("definition: {e}")))?;
                    value["procedure"]["id"] = Value::from(id);
                    value["procedure"]["department"] = Value::from(department.as_str());
                    serde_json::to_string_pretty(&value)
                        .map_err(|e| AppError::Internal(format!("definition: {e}")))?
                }
                None => TEMPLATE
                    .replace("__ID__", id)
                    .replace("__DEPARTMENT__", &department),
            };
            c.save_procedure_draft(&ProcedureDraftRecord {
                tenant_id: tenant.into(),
                procedure_id: id.into(),
                department_code: department,
                definition: text,
                updated_by: clerk.id.to_string(),
                updated_at: now,
            })?;
            let detail = serde_json::json!({ "procedure": id, "from": from }).to_string();
            self.audit(
                c,
                clerk,
                AuditEntry::new("procedure_created").detail(detail),
            )
        })
    }

    /// The working copy of `id`, checked; editing a published procedure that has none
    /// starts one from the version open for filing.
    pub fn procedure_draft(&self, clerk: &Clerk, id: &str) -> Result<ProcedureDraft, AppError> {
        require_author(clerk)?;
        let tenant = clerk.tenant.as_str();
        let now = self.now().naive_utc();
        let (department, draft, status, awaiting) = self.write(|c| {
            let department = self.department_code(c, clerk)?;
            let status = self.status_in(c, tenant, id)?;
            let draft = match c.find_procedure_draft(tenant, id)? {
                Some(d) => d,
                None => {
                    let form = self
                        .published_form(c, tenant, id)?
                        .ok_or(AppError::NotFound)?;
                    if form.settings().department != department {
                        return Err(AppError::Forbidden);
                    }
                    let text = serde_json::to_string_pretty(form.definition())
                        .map_err(|e| AppError::Internal(format!("definition: {e}")))?;
                    let d = ProcedureDraftRecord {
                        tenant_id: tenant.into(),
                        procedure_id: id.into(),
                        department_code: department.clone(),
                        definition: text,
                        updated_by: clerk.id.to_string(),
                        updated_at: now,
                    };
                    c.save_procedure_draft(&d)?;
                    d
                }
            };
            if draft.department_code != department {
                return Err(AppError::Forbidden);
            }
            let awaiting = c.procedure_approval_request(tenant, id)?.is_some();
            Ok((department, draft, status, awaiting))
        })?;
        let (problems, form) = lint(id, &department, &draft.definition);
        Ok(ProcedureDraft {
            id: id.into(),
            text: draft.definition,
            problems,
            form,
            updated_at: draft.updated_at.and_utc(),
            status,
            awaiting_approval: awaiting,
        })
    }

    /// Saves the working copy as typed (even when the lint finds problems: nothing typed is
    /// lost) and returns it checked.
    pub fn save_procedure_draft(
        &self,
        clerk: &Clerk,
        id: &str,
        text: &str,
    ) -> Result<ProcedureDraft, AppError> {
        let current = self.procedure_draft(clerk, id)?;
        let now = self.now().naive_utc();
        let tenant = clerk.tenant.as_str();
        self.write(|c| {
            let department = self.department_code(c, clerk)?;
            c.save_procedure_draft(&ProcedureDraftRecord {
                tenant_id: tenant.into(),
                procedure_id: id.into(),
                department_code: department,
                definition: text.into(),
                updated_by: clerk.id.to_string(),
                updated_at: now,
            })?;
            let detail = serde_json::json!({ "procedure": id }).to_string();
            self.audit(c, clerk, AuditEntry::new("procedure_saved").detail(detail))
        })?;
        let department = self.read(|c| self.department_code(c, clerk))?;
        let (problems, form) = lint(id, &department, text);
        Ok(ProcedureDraft {
            text: text.into(),
            problems,
            form,
            updated_at: now.and_utc(),
            awaiting_approval: false,
            ..current
        })
    }

    /// Publishes the working copy as the next version: refused while the lint finds
    /// anything (a form collecting My Number without its legal basis included), and without
    /// a change note. The procedure is open for filing at once (and reopened if retired) —
    /// or, where the department's supervisor approves publications first, sent to them.
    pub fn publish_procedure(
        &self,
        clerk: &Clerk,
        id: &str,
        note: &str,
    ) -> Result<Publication, AppError> {
        let draft = self.procedure_draft(clerk, id)?;
        let note = on_record(note)?;
        let form = match (&draft.form, draft.problems.is_empty()) {
            (Some(form), true) => Arc::clone(form),
            _ => return Err(AppError::ReviewInput(ErrorCode::DefinitionInvalid)),
        };
        let tenant = clerk.tenant.as_str();
        let now = self.now().naive_utc();
        let sent = self.write(|c| {
            let department = self.department_code(c, clerk)?;
            if !c.publish_needs_approval(tenant, &department)? {
                return Ok(false);
            }
            c.request_procedure_approval(
                tenant,
                id,
                &ApprovalRequest {
                    submitted_by: clerk.id.to_string(),
                    submitted_at: now,
                    note: note.into(),
                },
            )?;
            let detail = serde_json::json!({ "procedure": id, "note": note }).to_string();
            self.audit(
                c,
                clerk,
                AuditEntry::new("procedure_sent_for_approval").detail(detail),
            )?;
            Ok(true)
        })?;
        if sent {
            return Ok(Publication::AwaitingApproval);
        }
        let number = self.publish_version(clerk, &form, note, true)?;
        tracing::info!(procedure = id, number, "procedure published");
        Ok(Publication::Published(number))
    }

    /// Records `form` as the next version of its procedure and opens it for filing.
    fn publish_version(
        &self,
        clerk: &Clerk,
        form: &Arc<Form>,
        note: &str,
        from_draft: bool,
    ) -> Result<i32, AppError> {
        let tenant = clerk.tenant.as_str();
        let now = self.now().naive_utc();
        let number = self.write(|c| {
            let department = self.department_code(c, clerk)?;
            c.ensure_form_version(&FormVersionRecord {
                version: form.version().into(),
                procedure_id: form.id().into(),
                definition: form.canonical_json().into(),
                first_loaded_at: now,
            })?;
            let number = c
                .procedure_versions(tenant)?
                .iter()
                .filter(|v| v.procedure_id == form.id())
                .map(|v| v.number)
                .max()
                .unwrap_or(0)
                + 1;
            c.insert_procedure_version(&ProcedureVersionRecord {
                id: uuid::Uuid::now_v7().to_string(),
                tenant_id: tenant.into(),
                procedure_id: form.id().into(),
                number,
                form_version: form.version().into(),
                department_code: department,
                published_by: clerk.id.to_string(),
                published_at: now,
                change_note: note.into(),
            })?;
            if from_draft {
                c.delete_procedure_draft(tenant, form.id())?;
            }
            c.reopen_procedure(tenant, form.id())?;
            let detail = serde_json::json!({
                "procedure": form.id(), "number": number, "version": form.version(), "note": note
            })
            .to_string();
            self.audit(
                c,
                clerk,
                AuditEntry::new("procedure_published").detail(detail),
            )?;
            Ok(number)
        })?;
        self.update_forms(|forms| forms.with_form(Arc::clone(form)));
        Ok(number)
    }

    /// Publishes version `number` again, as a new version (rollback).
    pub fn republish_procedure(
        &self,
        clerk: &Clerk,
        id: &str,
        number: i32,
        note: &str,
    ) -> Result<i32, AppError> {
        require_author(clerk)?;
        let note = on_record(note)?;
        let tenant = clerk.tenant.as_str();
        let form = self.read(|c| {
            let department = self.department_code(c, clerk)?;
            let v = c
                .procedure_versions(tenant)?
                .into_iter()
                .find(|v| v.procedure_id == id && v.number == number)
                .ok_or(AppError::NotFound)?;
            if v.department_code != department {
                return Err(AppError::Forbidden);
            }
            self.form_version(c, &v.form_version)
        })?;
        self.publish_version(clerk, &form, note, false)
    }

    /// Closes `id` to new filings; filings already made go on. Publishing reopens it.
    pub fn retire_procedure(&self, clerk: &Clerk, id: &str, reason: &str) -> Result<(), AppError> {
        require_author(clerk)?;
        let reason = on_record(reason)?;
        let tenant = clerk.tenant.as_str();
        let now = self.now().naive_utc();
        self.write(|c| {
            let department = self.department_code(c, clerk)?;
            let form = self
                .published_form(c, tenant, id)?
                .ok_or(AppError::NotFound)?;
            if form.settings().department != department {
                return Err(AppError::Forbidden);
            }
            c.retire_procedure(&RetirementRecord {
                tenant_id: tenant.into(),
                procedure_id: id.into(),
                retired_by: clerk.id.to_string(),
                retired_at: now,
                reason: reason.into(),
            })?;
            let detail = serde_json::json!({ "procedure": id, "reason": reason }).to_string();
            self.audit(
                c,
                clerk,
                AuditEntry::new("procedure_retired").detail(detail),
            )
        })?;
        self.update_forms(|forms| forms.without(id));
        tracing::info!(procedure = id, "procedure retired");
        Ok(())
    }

    /// The published versions of `id`, newest first.
    pub fn procedure_versions(
        &self,
        clerk: &Clerk,
        id: &str,
    ) -> Result<Vec<VersionView>, AppError> {
        require_author(clerk)?;
        let tenant = clerk.tenant.as_str();
        self.read(|c| {
            let department = self.department_code(c, clerk)?;
            let mut out: Vec<VersionView> = c
                .procedure_versions(tenant)?
                .into_iter()
                .filter(|v| v.procedure_id == id && v.department_code == department)
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
        id: &str,
        a: i32,
        b: i32,
    ) -> Result<Vec<DiffLine>, AppError> {
        require_author(clerk)?;
        let tenant = clerk.tenant.as_str();
        let (left, right) = self.read(|c| {
            let department = self.department_code(c, clerk)?;
            let versions: Vec<ProcedureVersionRecord> = c
                .procedure_versions(tenant)?
                .into_iter()
                .filter(|v| v.procedure_id == id && v.department_code == department)
                .collect();
            let mut text_of = |n: i32| -> Result<String, AppError> {
                let v = versions
                    .iter()
                    .find(|v| v.number == n)
                    .ok_or(AppError::NotFound)?;
                let form = self.form_version(c, &v.form_version)?;
                serde_json::to_string_pretty(form.definition())
                    .map_err(|e| AppError::Internal(format!("definition: {e}")))
            };
            Ok((text_of(a)?, text_of(b)?))
        })?;
        Ok(diff_lines(&left, &right))
    }

    /// Where `id` stands in the municipality.
    fn status_in(
        &self,
        c: &mut dyn Records,
        tenant: &str,
        id: &str,
    ) -> Result<ProcedureStatus, AppError> {
        if c.retirements(tenant)?.iter().any(|r| r.procedure_id == id) {
            return Ok(ProcedureStatus::Retired);
        }
        if self.forms().get(id).is_some() {
            return Ok(ProcedureStatus::Published);
        }
        Ok(ProcedureStatus::Draft)
    }

    /// The version of `id` last published (or seeded), even when retired.
    fn published_form(
        &self,
        c: &mut dyn Records,
        tenant: &str,
        id: &str,
    ) -> Result<Option<Arc<Form>>, AppError> {
        if let Some(v) = c
            .procedure_versions(tenant)?
            .into_iter()
            .filter(|v| v.procedure_id == id)
            .max_by_key(|v| v.number)
        {
            return self.form_version(c, &v.form_version).map(Some);
        }
        Ok(self.forms().get(id))
    }
}

/// The title in a working copy, or the id when it does not parse.
fn draft_title(text: &str, id: &str) -> Localized {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| {
            let t = v.pointer("/procedure/title")?;
            Some(Localized::new(
                t.get("ja")?.as_str()?,
                t.get("en")?.as_str()?,
            ))
        })
        .unwrap_or_else(|| Localized::new(id, id))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_passes_the_lint_but_for_its_legal_basis() {
        let text = TEMPLATE
            .replace("__ID__", "new-thing")
            .replace("__DEPARTMENT__", "koseki-jumin");
        let (problems, form) = lint("new-thing", "koseki-jumin", &text);
        assert_eq!(
            problems
                .iter()
                .map(|p| p.pointer.as_str())
                .collect::<Vec<_>>(),
            ["/procedure/legal_basis"],
            "{problems:?}"
        );
        assert!(
            form.is_none(),
            "nothing to preview or publish until it is fixed"
        );
        let fixed = text.replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法\"");
        let (problems, form) = lint("new-thing", "koseki-jumin", &fixed);
        assert!(problems.is_empty() && form.is_some(), "{problems:?}");
    }

    #[test]
    fn the_lint_keeps_the_id_and_the_department() {
        let text = TEMPLATE
            .replace("__ID__", "other-id")
            .replace("__DEPARTMENT__", "kojo")
            .replace("\"legal_basis\": \"\"", "\"legal_basis\": \"条例\"");
        let (problems, _) = lint("new-thing", "koseki-jumin", &text);
        let at: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
        assert!(
            at.contains(&"/procedure/id") && at.contains(&"/procedure/department"),
            "{at:?}"
        );
        let (problems, form) = lint("x", "y", "{ not json");
        assert!(form.is_none() && problems[0].message.starts_with("not JSON"));
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(valid_id("dog-walk-permit"));
        for bad in ["", "ab", "Dog", "dog_walk", "-dog", "dog-", "犬", "../x"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

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
