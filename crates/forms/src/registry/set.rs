//! `FormRegistry`: every published form of a folder, and the life-event guide.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::filing_day::ClosedDays;
use crate::guide::Guide;

use super::*;

/// All published forms, by procedure id, and the life-event guide.
#[derive(Debug, Default, Clone)]
pub struct FormRegistry {
    pub(super) forms: BTreeMap<String, Arc<Form>>,
    pub(super) guide: Arc<Guide>,
    /// Definitions written for every city, completed by `for_city` (`templates.rs`).
    pub(super) templates: Arc<BTreeMap<String, Arc<Template>>>,
    /// Templates as a city completed them, compiled when first asked for.
    pub(super) pending: Arc<BTreeMap<String, Arc<templates::Pending>>>,
}

/// What the lint found.
#[derive(Debug)]
pub struct CheckReport {
    pub forms: Vec<Form>,
    pub problems: Vec<Problem>,
    /// Examples run (0 unless asked for).
    pub examples: usize,
    pub guide: Option<Guide>,
    /// Definitions written for every city (checked with the cities given, if any).
    pub templates: Vec<Template>,
}

/// The guide's file, beside the procedure folders.
pub const GUIDE_FILE: &str = "life-events.json";

impl FormRegistry {
    /// Loads every `*/form.json` under `dir`; fails with every problem of every file.
    pub fn load_dir(dir: &Path) -> Result<FormRegistry, FormLoadError> {
        let report = Self::check(dir, None, &[])?;
        if !report.problems.is_empty() {
            return Err(FormLoadError::Invalid(report.problems));
        }
        let mut registry = Self::from_forms(report.forms);
        registry.guide = Arc::new(report.guide.unwrap_or_default());
        registry.pending = Arc::default();
        registry.templates = Arc::new(
            report
                .templates
                .into_iter()
                .map(|t| (t.id.clone(), Arc::new(t)))
                .collect(),
        );
        Ok(registry)
    }

    /// The lint: loads what it can and lists every problem. `dir` is a folder of procedure
    /// folders (with the guide), or one procedure's folder.
    pub fn check_dir(dir: &Path) -> Result<(Vec<Form>, Vec<Problem>), FormLoadError> {
        Self::check(dir, None, &[]).map(|r| (r.forms, r.problems))
    }

    /// The lint with every form's examples run too (`madoguchi forms check`), each filed
    /// on its `$filed_on` under `closed` (the national calendar of closed days, so that a
    /// deadline on a Sunday moves as it does for residents; `None`: no day is closed).
    pub fn check_with_examples(
        dir: &Path,
        closed: Option<&ClosedDays>,
    ) -> Result<CheckReport, FormLoadError> {
        Self::check(dir, Some(closed), &[])
    }

    /// The same, with each template (a definition written for every city) completed and
    /// its examples run for every one of `cities` that adopts it.
    pub fn check_for_cities(
        dir: &Path,
        closed: Option<&ClosedDays>,
        cities: &[crate::template::CityParameters],
    ) -> Result<CheckReport, FormLoadError> {
        Self::check(dir, Some(closed), cities)
    }

    /// `examples`: run them, filed under these closed days.
    fn check(
        dir: &Path,
        examples_under: Option<Option<&ClosedDays>>,
        cities: &[crate::template::CityParameters],
    ) -> Result<CheckReport, FormLoadError> {
        let with_examples = examples_under.is_some();
        let closed = examples_under.flatten();
        let mut templates = Vec::new();
        let mut examples = 0;
        let paths_are_all = !dir.join("form.json").is_file();
        let mut paths: Vec<PathBuf> = if dir.join("form.json").is_file() {
            vec![dir.join("form.json")]
        } else {
            let entries =
                std::fs::read_dir(dir).map_err(|e| FormLoadError::Io(dir.to_path_buf(), e))?;
            entries
                .filter_map(Result::ok)
                .map(|e| e.path().join("form.json"))
                .filter(|p| p.is_file())
                .collect()
        };
        paths.sort();
        let mut forms = Vec::new();
        let mut problems = Vec::new();
        let mut ids = BTreeMap::new();
        for path in paths {
            let text =
                std::fs::read_to_string(&path).map_err(|e| FormLoadError::Io(path.clone(), e))?;
            // A definition written for every city waits for one to complete it.
            let value = match read_definition(&path, &text) {
                Ok(v) => v,
                Err(mut p) => {
                    problems.append(&mut p);
                    continue;
                }
            };
            if crate::template::is_template(&value) {
                let template = Template::new(path.clone(), value);
                if with_examples {
                    let (mut p, n) = templates::check_template(&template, cities, Some(closed));
                    problems.append(&mut p);
                    examples += n;
                }
                if let Some(other) = ids.insert(template.id.clone(), path.clone()) {
                    problems.push(Problem {
                        file: path.clone(),
                        pointer: "/procedure/id".into(),
                        message: lint_text!(
                            forms_lint_id_twice,
                            id = template.id.as_str(),
                            file = other.display().to_string(),
                        ),
                    });
                }
                templates.push(template);
                continue;
            }
            match Form::from_value(&path, value) {
                Ok(form) => {
                    if with_examples {
                        let folder = path.parent().unwrap_or(Path::new("."));
                        let (mut p, n) =
                            crate::examples::check_examples_under(&form, folder, closed);
                        problems.append(&mut p);
                        examples += n;
                    }
                    if let Some(other) = ids.insert(form.id().to_string(), path.clone()) {
                        problems.push(Problem {
                            file: path.clone(),
                            pointer: "/procedure/id".into(),
                            message: lint_text!(
                                forms_lint_id_twice,
                                id = form.id(),
                                file = other.display().to_string(),
                            ),
                        });
                    }
                    forms.push(form);
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        // Answers taken over from other procedures: they must exist, with fields of the
        // same kind (checked when the whole folder is loaded).
        if paths_are_all {
            problems.extend(check_reuse(&forms, &ids));
        }
        // The life-event guide, when `dir` is the folder of all procedures.
        let guide_path = dir.join(GUIDE_FILE);
        let mut guide = None;
        if guide_path.is_file() {
            let text = std::fs::read_to_string(&guide_path)
                .map_err(|e| FormLoadError::Io(guide_path.clone(), e))?;
            let ids: std::collections::HashSet<String> = forms
                .iter()
                .map(|f| f.id().to_string())
                .chain(templates.iter().map(|t| t.id.clone()))
                .collect();
            match Guide::from_json(&guide_path, &text, &ids) {
                Ok(g) => guide = Some(g),
                Err(mut p) => problems.append(&mut p),
            }
        }
        Ok(CheckReport {
            forms,
            problems,
            examples,
            guide,
            templates,
        })
    }

    pub fn from_forms(forms: impl IntoIterator<Item = Form>) -> Self {
        FormRegistry {
            forms: forms
                .into_iter()
                .map(|f| (f.id().to_string(), Arc::new(f)))
                .collect(),
            guide: Arc::new(Guide::default()),
            templates: Arc::default(),
            pending: Arc::default(),
        }
    }

    pub fn guide(&self) -> &Guide {
        &self.guide
    }

    /// The same registry with `guide` as its life-event guide.
    pub fn with_guide(&self, guide: Arc<Guide>) -> FormRegistry {
        FormRegistry {
            forms: self.forms.clone(),
            guide,
            templates: Arc::clone(&self.templates),
            pending: Arc::clone(&self.pending),
        }
    }

    /// The guide, shared (for a registry built from this one's).
    pub fn shared_guide(&self) -> Arc<Guide> {
        Arc::clone(&self.guide)
    }

    /// Only the procedures `keep` accepts, with no guide (its items name procedures
    /// that may have been left out).
    pub fn only(&self, keep: impl Fn(&str) -> bool) -> FormRegistry {
        FormRegistry {
            forms: self
                .forms
                .iter()
                .filter(|(id, _)| keep(id))
                .map(|(id, f)| (id.clone(), Arc::clone(f)))
                .collect(),
            guide: Arc::new(Guide::default()),
            templates: Arc::new(
                self.templates
                    .iter()
                    .filter(|(id, _)| keep(id))
                    .map(|(id, t)| (id.clone(), Arc::clone(t)))
                    .collect(),
            ),
            pending: Arc::new(
                self.pending
                    .iter()
                    .filter(|(id, _)| keep(id))
                    .map(|(id, p)| (id.clone(), Arc::clone(p)))
                    .collect(),
            ),
        }
    }

    /// The same procedures with `form` added, or replacing the one with its id.
    pub fn with_form(&self, form: Arc<Form>) -> FormRegistry {
        let mut next = self.clone();
        if next.pending.contains_key(form.id()) {
            let mut pending = (*next.pending).clone();
            pending.remove(form.id());
            next.pending = Arc::new(pending);
        }
        next.forms.insert(form.id().to_string(), form);
        next
    }

    /// The same procedures without `id` (retired: closed to new filings).
    pub fn without(&self, id: &str) -> FormRegistry {
        let mut next = self.clone();
        next.forms.remove(id);
        if next.pending.contains_key(id) {
            let mut pending = (*next.pending).clone();
            pending.remove(id);
            next.pending = Arc::new(pending);
        }
        next
    }

    /// The form of procedure `id` (a city's template compiled now if it was not yet).
    pub fn get(&self, id: &str) -> Option<Arc<Form>> {
        self.forms
            .get(id)
            .cloned()
            .or_else(|| self.pending.get(id).and_then(|p| p.form()).cloned())
    }

    /// Every form, by procedure id (a city's templates compiled now if they were not yet).
    pub fn all(&self) -> impl Iterator<Item = &Arc<Form>> {
        let mut all: Vec<(&String, &Arc<Form>)> = self.forms.iter().collect();
        if !self.pending.is_empty() {
            all.extend(
                self.pending
                    .iter()
                    .filter_map(|(id, p)| Some((id, p.form()?))),
            );
            all.sort_by(|a, b| a.0.cmp(b.0));
        }
        all.into_iter().map(|(_, f)| f)
    }

    /// The form of `version` among those compiled already (none is compiled to find it).
    pub fn compiled_version(&self, version: &str) -> Option<Arc<Form>> {
        self.forms
            .values()
            .chain(self.pending.values().filter_map(|p| p.form_if_compiled()))
            .find(|f| f.version() == version)
            .cloned()
    }

    pub fn len(&self) -> usize {
        self.forms.len() + self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty() && self.pending.is_empty()
    }
}
