//! A department's working copy of a procedure: started from the template, a copy or an
//! import, checked by the forms lint at every save.

use super::Authoring;
use crate::authoring::ProcedureStatus;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_author;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};
use chrono::{DateTime, Utc};
use madoguchi_core::AuditAction;
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, Localized};
use madoguchi_forms::Form;
use madoguchi_i18n::msg;
use madoguchi_records::ProcedureDraftRecord;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

pub(super) const TEMPLATE: &str = include_str!("template.json");

/// One of the department's procedures, for the authoring list.
#[derive(Clone, Debug)]
pub struct AuthoredProcedure {
    pub id: ProcedureId,
    pub title: Localized,
    pub status: ProcedureStatus,
    /// The latest published version's number (seeded procedures never published here: 0).
    pub version: Option<i32>,
    /// A working copy exists (changes not yet published).
    pub has_draft: bool,
}

/// A problem the lint found, at a JSON pointer of the definition, in every language (the
/// page and the API show the author's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintProblem {
    pub pointer: String,
    pub message: Localized,
}

/// The working copy, checked.
#[derive(Clone, Debug)]
pub struct ProcedureDraft {
    pub id: ProcedureId,
    pub text: String,
    pub problems: Vec<LintProblem>,
    /// The form as residents would get it (when the definition loads at all).
    pub form: Option<Arc<Form>>,
    pub updated_at: DateTime<Utc>,
    pub status: ProcedureStatus,
    /// Sent for the supervisor's approval (saving again withdraws it).
    pub awaiting_approval: bool,
}

/// The definition as the lint sees it: problems at pointers, and the form when it loads.
/// Beyond the forms lint: the id must stay the one being edited, and the department the
/// author's own.
pub(super) fn lint(
    id: &ProcedureId,
    department: &str,
    text: &str,
) -> (Vec<LintProblem>, Option<Arc<Form>>) {
    let path = PathBuf::from(format!("{id}/form.json"));
    // Read as the lint reads `forms/`: one way only (a key twice is refused where it is).
    let value: Value = match madoguchi_forms::registry::read_definition(&path, text) {
        Ok(v) => v,
        Err(found) => return (found.into_iter().map(LintProblem::from).collect(), None),
    };
    let mut problems = Vec::new();
    if value.pointer("/procedure/id").and_then(Value::as_str) != Some(id.as_str()) {
        problems.push(LintProblem {
            pointer: "/procedure/id".into(),
            message: Localized::from_fn(|lang| {
                msg::authoring_lint_id_kept::text(
                    lang,
                    msg::authoring_lint_id_kept::Args {
                        id: id.as_str().into(),
                    },
                )
            }),
        });
    }
    if value
        .pointer("/procedure/department")
        .and_then(Value::as_str)
        != Some(department)
    {
        problems.push(LintProblem {
            pointer: "/procedure/department".into(),
            message: Localized::from_fn(|lang| {
                msg::authoring_lint_department_own::text(
                    lang,
                    msg::authoring_lint_department_own::Args {
                        department: department.into(),
                    },
                )
            }),
        });
    }
    let unwritten = placeholders(&value);
    let form = match Form::from_value(&path, value) {
        Ok(form) => Some(Arc::new(form)),
        Err(found) => {
            problems.extend(found.into_iter().map(LintProblem::from));
            None
        }
    };
    problems.extend(unwritten);
    (problems, form)
}

/// The procedure page's texts the template asks the author to write: while one still reads
/// as the template wrote it (in either language), publishing would show residents the
/// request instead of the text (「申請できる方を書いてください。」).
const WRITTEN_BY_THE_AUTHOR: [(&str, madoguchi_i18n::Phrase); 3] = [
    ("/procedure/summary", msg::authoring_name_summary::text),
    (
        "/procedure/who_may_file",
        msg::authoring_name_who_may_file::text,
    ),
    (
        "/procedure/result_delivery",
        msg::authoring_name_result_delivery::text,
    ),
];

fn placeholders(definition: &Value) -> Vec<LintProblem> {
    static TEMPLATE_TEXTS: std::sync::LazyLock<Value> =
        std::sync::LazyLock::new(|| serde_json::from_str(TEMPLATE).unwrap_or(Value::Null));
    let mut problems = Vec::new();
    for (at, name) in WRITTEN_BY_THE_AUTHOR {
        for lang in ["ja", "en"] {
            let text = |v: &Value| {
                v.pointer(&format!("{at}/{lang}"))
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .map(str::to_owned)
            };
            let Some(written) = text(definition) else {
                continue;
            };
            if !written.is_empty() && Some(&written) == text(&TEMPLATE_TEXTS).as_ref() {
                problems.push(LintProblem {
                    pointer: format!("{at}/{lang}"),
                    message: Localized::from_fn(|l| {
                        madoguchi_i18n::t!(
                            l,
                            authoring_lint_placeholder,
                            name = name(l),
                            text = &written
                        )
                    }),
                });
            }
        }
    }
    problems
}

impl From<madoguchi_forms::Problem> for LintProblem {
    fn from(p: madoguchi_forms::Problem) -> Self {
        LintProblem {
            pointer: p.pointer,
            message: p.message,
        }
    }
}

pub(super) fn valid_id(id: &str) -> bool {
    (3..=60).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// The title in a working copy, or the id when it does not parse.
pub(super) fn draft_title(text: &str, id: &ProcedureId) -> Localized {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| {
            let t = v.pointer("/procedure/title")?;
            Some(Localized::new(
                t.get("ja")?.as_str()?,
                t.get("en")?.as_str()?,
            ))
        })
        .unwrap_or_else(|| Localized::new(id.as_str(), id.as_str()))
}

impl Authoring<'_> {
    /// The department's procedures: published, retired and drafts.
    pub fn authored_procedures(&self, clerk: &Clerk) -> Result<Vec<AuthoredProcedure>, AppError> {
        require_author(clerk)?;
        require_city(clerk, self.city)?;
        let (department, drafts, versions, retired) = self.app.read(|c| {
            Ok((
                self.app.department_code(c, clerk)?,
                c.procedure_drafts(self.city)?,
                c.procedure_versions(self.city)?,
                c.retirements(self.city)?,
            ))
        })?;
        let forms = self.app.forms_for(self.city);
        let mut out: std::collections::BTreeMap<ProcedureId, AuthoredProcedure> =
            Default::default();
        for form in forms
            .all()
            .filter(|f| f.settings().department.as_str() == department.as_str())
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
                    title: Localized::new(v.procedure_id.as_str(), v.procedure_id.as_str()),
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
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let id = id.trim();
        if !valid_id(id) {
            return Err(AppError::Refused(ErrorCode::ProcedureIdInvalid));
        }
        let id = &ProcedureId::new(id);
        let source = match from.filter(|f| !f.is_empty()) {
            Some(from) => Some(
                self.app
                    .forms_for(self.city)
                    .get(from)
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            let taken = self.app.forms_for(self.city).get(id.as_str()).is_some()
                || c.find_procedure_draft(self.city, id)?.is_some()
                || c.procedure_versions(self.city)?
                    .iter()
                    .any(|v| v.procedure_id == *id);
            if taken {
                return Err(AppError::Refused(ErrorCode::ProcedureIdTaken));
            }
            let text = match &source {
                Some(form) => {
                    let mut value = serde_json::to_value(form.definition())
                        .map_err(|e| AppError::internal("definition", e))?;
                    value["procedure"]["id"] = Value::from(id.as_str());
                    value["procedure"]["department"] = Value::from(department.as_str());
                    serde_json::to_string_pretty(&value)
                        .map_err(|e| AppError::internal("definition", e))?
                }
                None => TEMPLATE
                    .replace("__ID__", id.as_str())
                    .replace("__DEPARTMENT__", department.as_str()),
            };
            c.save_procedure_draft(&ProcedureDraftRecord {
                tenant_id: self.city.clone(),
                procedure_id: id.clone(),
                department_code: department,
                definition: text,
                updated_by: clerk.id.clone(),
                updated_at: now,
            })?;
            let detail = serde_json::json!({ "procedure": id, "from": from }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ProcedureCreated).detail(detail),
            )
        })
    }

    /// The working copy of `id`, checked; editing a published procedure that has none
    /// starts one from the version open for filing.
    pub fn procedure_draft(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
    ) -> Result<ProcedureDraft, AppError> {
        require_author(clerk)?;
        require_city(clerk, self.city)?;
        let now = self.app.now().naive_utc();
        let (department, draft, status, awaiting) = self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            let status = self.status_in(c, id)?;
            let draft = match c.find_procedure_draft(self.city, id)? {
                Some(d) => d,
                None => {
                    let form = self.published_form(c, id)?.ok_or(AppError::NotFound)?;
                    if form.settings().department.as_str() != department.as_str() {
                        return Err(AppError::Forbidden);
                    }
                    let text = serde_json::to_string_pretty(form.definition())
                        .map_err(|e| AppError::internal("definition", e))?;
                    let d = ProcedureDraftRecord {
                        tenant_id: self.city.clone(),
                        procedure_id: id.clone(),
                        department_code: department.clone(),
                        definition: text,
                        updated_by: clerk.id.clone(),
                        updated_at: now,
                    };
                    c.save_procedure_draft(&d)?;
                    d
                }
            };
            if draft.department_code != department {
                return Err(AppError::Forbidden);
            }
            let awaiting = c.procedure_approval_request(self.city, id)?.is_some();
            Ok((department, draft, status, awaiting))
        })?;
        let (problems, form) = lint(id, department.as_str(), &draft.definition);
        Ok(ProcedureDraft {
            id: id.clone(),
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
        id: &ProcedureId,
        text: &str,
    ) -> Result<ProcedureDraft, AppError> {
        let current = self.procedure_draft(clerk, id)?;
        let now = self.app.now().naive_utc();
        require_city(clerk, self.city)?;
        self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            c.save_procedure_draft(&ProcedureDraftRecord {
                tenant_id: self.city.clone(),
                procedure_id: id.clone(),
                department_code: department,
                definition: text.into(),
                updated_by: clerk.id.clone(),
                updated_at: now,
            })?;
            let detail = serde_json::json!({ "procedure": id }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ProcedureSaved).detail(detail),
            )
        })?;
        let department = self.app.read(|c| self.app.department_code(c, clerk))?;
        let (problems, form) = lint(id, department.as_str(), text);
        Ok(ProcedureDraft {
            text: text.into(),
            problems,
            form,
            updated_at: now.and_utc(),
            awaiting_approval: false,
            ..current
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_passes_the_lint_but_for_its_legal_basis_and_its_texts_for_residents() {
        let text = TEMPLATE
            .replace("__ID__", "new-thing")
            .replace("__DEPARTMENT__", "koseki-jumin");
        let (problems, form) = lint(&ProcedureId::new("new-thing"), "koseki-jumin", &text);
        assert_eq!(
            problems
                .iter()
                .map(|p| p.pointer.as_str())
                .collect::<Vec<_>>(),
            [
                "/procedure/legal_basis",
                "/procedure/summary/ja",
                "/procedure/summary/en",
                "/procedure/who_may_file/ja",
                "/procedure/who_may_file/en",
                "/procedure/result_delivery/ja",
                "/procedure/result_delivery/en",
            ],
            "{problems:?}"
        );
        assert!(
            form.is_none(),
            "nothing to preview or publish until it is fixed"
        );
        let mut fixed: Value = serde_json::from_str(
            &text.replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法\""),
        )
        .unwrap();
        for (at, _) in WRITTEN_BY_THE_AUTHOR {
            let at = at.trim_start_matches("/procedure/");
            fixed["procedure"][at] = serde_json::json!({ "ja": "書いた文", "en": "Written" });
        }
        let (problems, form) = lint(
            &ProcedureId::new("new-thing"),
            "koseki-jumin",
            &fixed.to_string(),
        );
        assert!(problems.is_empty() && form.is_some(), "{problems:?}");
    }
    #[test]
    fn the_lint_keeps_the_id_and_the_department() {
        let text = TEMPLATE
            .replace("__ID__", "other-id")
            .replace("__DEPARTMENT__", "kojo")
            .replace("\"legal_basis\": \"\"", "\"legal_basis\": \"条例\"");
        let (problems, _) = lint(&ProcedureId::new("new-thing"), "koseki-jumin", &text);
        let at: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
        assert!(
            at.contains(&"/procedure/id") && at.contains(&"/procedure/department"),
            "{at:?}"
        );
        let (problems, form) = lint(&ProcedureId::new("x"), "y", "{ not json");
        assert!(form.is_none() && problems[0].message.en.starts_with("not valid JSON"));
    }
    #[test]
    fn a_key_twice_is_refused_naming_the_key_and_where_it_is() {
        let text = TEMPLATE
            .replace("__ID__", "dog-walk")
            .replace("__DEPARTMENT__", "koseki-jumin");
        let twice = |pair: &str| {
            assert!(text.contains(pair), "{pair}");
            text.replacen(pair, &format!("{pair} {pair}"), 1)
        };
        let root = format!(
            "{}, \"ui\": {{}}}}",
            text.trim_end().strip_suffix('}').unwrap_or_default()
        );
        for (doubled, key, pointer) in [
            (twice("\"id\": \"dog-walk\","), "id", "/procedure"),
            (
                twice("\"department\": \"koseki-jumin\","),
                "department",
                "/procedure",
            ),
            (twice("\"id\": \"applicant\","), "id", "/ui/steps/0"),
            (
                twice("\"minLength\": 1,"),
                "minLength",
                "/schema/properties/name",
            ),
            (root, "ui", ""),
        ] {
            let (problems, form) = lint(&ProcedureId::new("dog-walk"), "koseki-jumin", &doubled);
            assert!(form.is_none(), "{key}");
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].pointer, pointer, "{key}");
            assert!(
                problems[0]
                    .message
                    .en
                    .contains(&format!("`{key}` appears twice")),
                "{problems:?}"
            );
        }
    }
    #[test]
    fn ids_are_kebab_case() {
        assert!(valid_id("dog-walk-permit"));
        for bad in ["", "ab", "Dog", "dog_walk", "-dog", "dog-", "犬", "../x"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
