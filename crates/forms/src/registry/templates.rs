//! Catalogue definitions written for every city (`crate::template`): kept as read until a
//! city completes them with its values, then linted and compiled as any definition.

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use crate::template::{self, CityParameters};

use super::*;

/// A definition that uses the adopting city's values, as read from its file.
#[derive(Debug)]
pub struct Template {
    pub id: String,
    pub file: PathBuf,
    pub value: Value,
}

impl Template {
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
        self.forms.contains_key(id) || self.templates.contains_key(id)
    }

    /// This registry with `other`'s forms and templates added (the catalogue loaded one
    /// procedure folder at a time); `other`'s win on a shared id.
    pub fn merged(&self, other: &FormRegistry) -> FormRegistry {
        let mut next = self.clone();
        for (id, f) in &other.forms {
            next.forms.insert(id.clone(), Arc::clone(f));
        }
        let mut templates = (*self.templates).clone();
        for (id, t) in other.templates.iter() {
            templates.insert(id.clone(), Arc::clone(t));
        }
        next.templates = Arc::new(templates);
        next
    }

    /// The registry as `city` serves it: its forms, and each template `keep` accepts
    /// completed with the city's values. A template the city's values cannot complete is
    /// left out, with its problems.
    pub fn for_city(
        &self,
        city: &CityParameters,
        keep: impl Fn(&str) -> bool,
    ) -> (FormRegistry, Vec<Problem>) {
        let mut next = FormRegistry {
            forms: self.forms.clone(),
            guide: Arc::clone(&self.guide),
            templates: Arc::default(),
        };
        let mut problems = Vec::new();
        for t in self.templates.values().filter(|t| keep(&t.id)) {
            match t.complete(city) {
                Ok(form) => {
                    next.forms.insert(t.id.clone(), Arc::new(form));
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        (next, problems)
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
                    let (p, n) = crate::examples::check_examples_under(&form, folder, closed);
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
