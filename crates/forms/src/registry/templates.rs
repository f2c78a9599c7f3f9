//! Catalogue definitions written for every city (`crate::template`): kept as read until a
//! city completes them with its values, then linted and compiled as any definition.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use crate::template::{self, CityParameters};

use super::*;

/// A definition that uses the adopting city's values, as read from its file.
#[derive(Debug)]
pub struct Template {
    pub id: String,
    pub file: PathBuf,
    pub value: Value,
    /// Its own problems, whichever city completes it (`template::own_problems`).
    own: Vec<template::TemplateProblem>,
}

impl Template {
    /// The template of a definition read from `file`.
    pub fn new(file: PathBuf, value: Value) -> Template {
        Template {
            id: value
                .pointer("/procedure/id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            own: template::own_problems(&value),
            file,
            value,
        }
    }

    /// What keeps `city` from completing it, without completing it.
    pub fn problems_for(&self, city: &CityParameters) -> Vec<Problem> {
        self.own
            .iter()
            .cloned()
            .chain(template::city_problems(&self.value, city))
            .map(|(pointer, message)| Problem {
                file: self.file.clone(),
                pointer,
                message,
            })
            .collect()
    }

    /// The definition `city` serves: completed with its values, linted and compiled.
    pub fn complete(&self, city: &CityParameters) -> Result<Form, Vec<Problem>> {
        let problem = |(pointer, message)| Problem {
            file: self.file.clone(),
            pointer,
            message,
        };
        let value = template::resolve(&self.value, city)
            .map_err(|p| p.into_iter().map(problem).collect::<Vec<_>>())?;
        Form::from_value(&self.file, value).map_err(|p| {
            // Each problem says for which city: the same template may fit another.
            p.into_iter()
                .map(|mut p| {
                    p.message = marked(&p.message, &city.tenant);
                    p
                })
                .collect()
        })
    }
}

impl FormRegistry {
    /// The catalogue's templates, by procedure id (not served until a city completes them).
    pub fn templates(&self) -> impl Iterator<Item = &Arc<Template>> {
        self.templates.values()
    }

    /// Whether it holds procedure `id`, as a form or as a template.
    pub fn holds(&self, id: &str) -> bool {
        self.forms.contains_key(id)
            || self.templates.contains_key(id)
            || self.pending.contains_key(id)
    }

    /// This registry with `other`'s forms and templates added (the catalogue loaded one
    /// procedure folder at a time); `other`'s win on a shared id.
    pub fn merged(&self, other: &FormRegistry) -> FormRegistry {
        let mut next = self.clone();
        for (id, f) in &other.forms {
            next.forms.insert(id.clone(), Arc::clone(f));
        }
        let mut pending = (*self.pending).clone();
        for (id, p) in other.pending.iter() {
            pending.insert(id.clone(), Arc::clone(p));
        }
        next.pending = Arc::new(pending);
        let mut templates = (*self.templates).clone();
        for (id, t) in other.templates.iter() {
            templates.insert(id.clone(), Arc::clone(t));
        }
        next.templates = Arc::new(templates);
        next
    }

    /// The registry as `city` serves it: its forms, and each template `keep` accepts as
    /// the city completes it. A template the city's values cannot complete (a value
    /// missing, …) is left out, with its problems. The rest are compiled when first asked
    /// for (`Pending`): a node serving many cities compiles only what their residents open.
    pub fn for_city(
        &self,
        city: &CityParameters,
        keep: impl Fn(&str) -> bool,
    ) -> (FormRegistry, Vec<Problem>) {
        let mut next = FormRegistry {
            forms: self.forms.clone(),
            guide: Arc::clone(&self.guide),
            templates: Arc::default(),
            pending: Arc::clone(&self.pending),
        };
        let city = Arc::new(city.clone());
        let mut pending = (*self.pending).clone();
        let mut problems = Vec::new();
        for t in self.templates.values().filter(|t| keep(&t.id)) {
            let found = t.problems_for(&city);
            if found.is_empty() {
                pending.insert(
                    t.id.clone(),
                    Arc::new(Pending {
                        template: Arc::clone(t),
                        city: Arc::clone(&city),
                        form: OnceLock::new(),
                    }),
                );
            } else {
                problems.extend(found);
            }
        }
        next.pending = Arc::new(pending);
        (next, problems)
    }

    /// What keeps each of its templates from compiling as its city completed them (a
    /// value that makes the definition invalid): every one is compiled now.
    pub fn completion_problems(&self) -> Vec<Problem> {
        self.pending
            .values()
            .filter_map(|p| p.compiled().as_ref().err().cloned())
            .flatten()
            .collect()
    }
}

/// Where a procedure sits in a city's organisation: the department it goes to, the appeal
/// notice its decisions carry, how it finds the ward — what the city's organisation file
/// must have for it (read from a city's template without compiling it).
#[derive(Clone, Debug)]
pub struct Placement {
    pub id: String,
    pub department: String,
    pub appeal: String,
    pub routing: Option<crate::definition::Routing>,
}

impl FormRegistry {
    /// Every procedure's place (none of its templates is compiled to say it).
    pub fn placements(&self) -> Vec<Placement> {
        let mut all: Vec<Placement> = self
            .forms
            .values()
            .map(|f| {
                let p = f.settings();
                Placement {
                    id: p.id.clone(),
                    department: p.department.as_str().to_string(),
                    appeal: p.appeal_key().to_string(),
                    routing: p.routing.clone(),
                }
            })
            .collect();
        for (id, pending) in self.pending.iter() {
            let at = |pointer: &str| pending.template.value.pointer(pointer);
            let department = at("/procedure/department")
                .and_then(Value::as_str)
                .map(|d| pending.city.department(id, d))
                .unwrap_or_default();
            all.push(Placement {
                id: id.clone(),
                department,
                // The city's notice where the template names it by a placeholder.
                appeal: at("/procedure/appeal")
                    .map(|a| pending.city.filled(id, a))
                    .as_ref()
                    .and_then(Value::as_str)
                    .unwrap_or(crate::definition::DEFAULT_APPEAL)
                    .to_string(),
                routing: at("/procedure/routing")
                    .and_then(|r| serde_json::from_value(r.clone()).ok()),
            });
        }
        all.sort_by(|a, b| a.id.cmp(&b.id));
        all
    }
}

/// A template as one city completes it, compiled on first use and kept.
#[derive(Debug)]
pub(super) struct Pending {
    template: Arc<Template>,
    city: Arc<CityParameters>,
    form: OnceLock<Result<Arc<Form>, Vec<Problem>>>,
}

impl Pending {
    fn compiled(&self) -> &Result<Arc<Form>, Vec<Problem>> {
        self.form
            .get_or_init(|| self.template.complete(&self.city).map(Arc::new))
    }

    /// The form, compiled now if it was not; none when the city's values make it invalid
    /// (`completion_problems` says why; start-up and `tenant add` refuse such a city).
    pub(super) fn form(&self) -> Option<&Arc<Form>> {
        self.compiled().as_ref().ok()
    }

    /// The form if it was compiled already.
    pub(super) fn form_if_compiled(&self) -> Option<&Arc<Form>> {
        self.form.get().and_then(|r| r.as_ref().ok())
    }
}

/// What the lint says of a template in a folder checked with `cities`: each city that
/// adopts it completes it, and its examples are run as that city's; one no city adopts
/// (or checked with no city at all) cannot be checked, which is a problem.
pub(super) fn check_template(
    t: &Template,
    cities: &[CityParameters],
    examples: Option<Option<&crate::filing_day::ClosedDays>>,
) -> (Vec<Problem>, usize) {
    let mut problems = Vec::new();
    let mut run = 0;
    let adopting: Vec<&CityParameters> = cities.iter().filter(|c| c.adopts(&t.id)).collect();
    if adopting.is_empty() {
        problems.push(Problem {
            file: t.file.clone(),
            pointer: String::new(),
            message: lint_text!(forms_lint_template_unchecked),
        });
    }
    for city in adopting {
        match t.complete(city) {
            Ok(form) => {
                if let Some(closed) = examples {
                    let folder = t.file.parent().unwrap_or(std::path::Path::new("."));
                    let examples = crate::examples::examples_for_city(folder, &city.tenant);
                    let (p, n) =
                        crate::examples::check_examples_in(&form, folder, &examples, closed);
                    problems.extend(p.into_iter().map(|mut p| {
                        p.message = marked(&p.message, &city.tenant);
                        p
                    }));
                    run += n;
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    (problems, run)
}

/// A problem's message marked with the city it was found for.
fn marked(message: &Localized, tenant: &str) -> Localized {
    Localized::from_fn(|lang| format!("[{tenant}] {}", message.get(lang)))
}
