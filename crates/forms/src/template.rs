//! Catalogue procedures written once for every city: a definition that names the adopting
//! city's values as `{{name}}` (a *template*) is completed with that city's parameters
//! before it is linted and served.
//!
//! * `{{city}}`, `{{authority}}`: the city's name and its deciding authority, from its
//!   organisation file (`CityParameters::with_builtin`);
//! * any other `{{name}}`: a parameter the template declares in `procedure.parameters`
//!   (`{"fee_yen": {"about": {"ja", "en"}, "fact": "fee"}}`) and the city gives in its
//!   parameters file, for the procedure (`procedures.<id>.<name>`) or for every procedure
//!   (`values.<name>`), each value with its `sources`, its `to_confirm` note, or both.
//!
//! A string that is only a placeholder takes the value as it is (a number for
//! `"unit_yen": "{{fee_yen}}"`, `{"ja", "en"}` for a text); inside a longer string the
//! value is written as text, in the language of the `ja` / `en` it stands in (Japanese
//! elsewhere, e.g. in a pattern). A parameter that proves a fact (`"fact": "fee"`) brings
//! its sources and note to `procedure.facts.fee`, so a city's fee is shown with the city's
//! own provenance, never another's. `procedure.department` names the catalogue's
//! department, which the city's `departments` maps to its own (or
//! `procedure_departments`, for one procedure).

use std::collections::BTreeMap;

use madoguchi_core::Localized;
use serde::Deserialize;
use serde_json::{Map, Value};

// The facts a parameter may prove: `procedure.facts` keys.
use crate::provenance::FACTS;

mod fill;
mod sources;

use fill::fill;
use sources::only_elsewhere;

/// One city's values for the catalogue's templates (`deploy/data/municipalities/
/// <file>.parameters.json`, beside its organisation file; `docs/forms.md`, Parameters).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityParameters {
    #[serde(rename = "$comment", default)]
    pub comment: Option<String>,
    /// The local-government code of the city these are for.
    #[serde(default)]
    pub tenant: String,
    /// The catalogue's department code → the city's (a code not listed is the city's own).
    #[serde(default)]
    pub departments: BTreeMap<String, String>,
    /// A procedure's department where the city splits what the catalogue's code holds
    /// (Sendai's 保険年金課 takes the child allowance and 国保; Akita's 子ども福祉課 and
    /// 国保年金課 take one each): procedure id → the city's code, before `departments`.
    #[serde(default)]
    pub procedure_departments: BTreeMap<String, String>,
    /// Values for every procedure that asks for them.
    #[serde(default)]
    pub values: BTreeMap<String, CityValue>,
    /// Values for one procedure, by procedure id (before `values`).
    #[serde(default)]
    pub procedures: BTreeMap<String, BTreeMap<String, CityValue>>,
    /// `city`, `authority`: from the organisation file, not the parameters file.
    #[serde(skip)]
    builtins: BTreeMap<String, Value>,
    /// The catalogue procedures the city adopts (its organisation file's
    /// `procedures.adopt`); `None`: all of them.
    #[serde(skip)]
    pub adopts: Option<std::collections::BTreeSet<String>>,
}

/// A city's value with its provenance: the published texts it was read in, or what the
/// city still has to confirm (shown to residents by the to-confirm policy).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityValue {
    pub value: Value,
    #[serde(default)]
    pub sources: Vec<Value>,
    #[serde(default)]
    pub to_confirm: Option<String>,
}

/// The definition in `path` as the city of `organisation_file` serves it: a template
/// completed with the city's values, any other definition as it is (for tools and tests
/// that read one catalogue file).
pub fn read_as_city(
    path: &std::path::Path,
    organisation_file: &std::path::Path,
) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    as_city(value, organisation_file).map_err(|e| format!("{}: {e}", path.display()))
}

/// `definition` as the city of `organisation_file` serves it: completed with the city's
/// values when it is a template, as it is otherwise.
pub fn as_city(definition: Value, organisation_file: &std::path::Path) -> Result<Value, String> {
    if !is_template(&definition) {
        return Ok(definition);
    }
    let city = CityParameters::for_organisation_file(organisation_file)?;
    resolve(&definition, &city).map_err(|p| format!("{p:?}"))
}

/// Who decides when the organisation file names nobody: 「<name>長」.
pub fn default_authority(name: &Localized) -> Localized {
    Localized::new(format!("{}長", name.ja), format!("Mayor of {}", name.en))
}

/// The parameters file beside an organisation file: `akita.json` → `akita.parameters.json`.
pub fn parameters_file(organisation_file: &std::path::Path) -> std::path::PathBuf {
    let stem = organisation_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    organisation_file.with_file_name(format!("{stem}.parameters.json"))
}

/// Every city of the organisation files in `folder` (`*.json` but `*.parameters.json`).
pub fn cities_in(folder: &std::path::Path) -> Result<Vec<CityParameters>, String> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && !p.to_string_lossy().ends_with(".parameters.json")
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| CityParameters::for_organisation_file(f))
        .collect()
}

/// The names a template may use without declaring them: the city's name (「仙台市」,
/// "Sendai City"), the same as said in an English sentence ("Sendai": 「仙台市」 in
/// Japanese), and its deciding authority.
pub const BUILTINS: [&str; 3] = ["city", "city_short", "authority"];

impl CityParameters {
    pub fn from_json(text: &str) -> Result<CityParameters, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// A city's parameters as its organisation file (`<name>.json`) and the parameters file
    /// beside it (`<name>.parameters.json`, when there is one) give them: its name and
    /// authority, what it adopts, its values.
    pub fn for_organisation_file(path: &std::path::Path) -> Result<CityParameters, String> {
        let read = |p: &std::path::Path| {
            std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
        };
        let org: Value =
            serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
        let params = parameters_file(path);
        let mut city = if params.is_file() {
            CityParameters::from_json(&read(&params)?)
                .map_err(|e| format!("{}: {e}", params.display()))?
        } else {
            CityParameters::default()
        };
        let tenant = org
            .pointer("/tenant/id")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if params.is_file() && city.tenant != tenant {
            return Err(format!(
                "{}: `tenant` is \"{}\", but {} is the file of {tenant}",
                params.display(),
                city.tenant,
                path.display()
            ));
        }
        city.tenant = tenant.to_string();
        let name: Localized = org
            .pointer("/tenant/name")
            .and_then(|n| serde_json::from_value(n.clone()).ok())
            .unwrap_or_else(|| Localized::new(tenant, tenant));
        let authority: Localized = org
            .pointer("/tenant/authority")
            .and_then(|n| serde_json::from_value(n.clone()).ok())
            .unwrap_or_else(|| default_authority(&name));
        city.adopts = match org.pointer("/procedures/adopt") {
            Some(Value::Array(ids)) => Some(
                ids.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
            ),
            _ => None,
        };
        Ok(city.with_city(&name, &authority))
    }

    /// The same with the city's name and deciding authority (`BUILTINS`).
    pub fn with_city(self, name: &Localized, authority: &Localized) -> CityParameters {
        let short = ["City", "Town", "Village"]
            .iter()
            .find_map(|w| name.en.strip_suffix(&format!(" {w}")))
            .unwrap_or(&name.en)
            .to_string();
        self.with_builtin("city", name)
            .with_builtin("city_short", &Localized::new(name.ja.clone(), short))
            .with_builtin("authority", authority)
    }

    /// Whether the city adopts the catalogue procedure `id`.
    pub fn adopts(&self, id: &str) -> bool {
        self.adopts.as_ref().is_none_or(|ids| ids.contains(id))
    }

    /// The same with a value from the organisation file (`city`, `authority`).
    pub fn with_builtin(mut self, name: &str, value: &Localized) -> CityParameters {
        self.builtins.insert(
            name.to_string(),
            serde_json::json!({"ja": value.ja, "en": value.en}),
        );
        self
    }

    fn lookup(&self, procedure: &str, name: &str) -> Option<Found<'_>> {
        if let Some(v) = self.procedures.get(procedure).and_then(|p| p.get(name)) {
            return Some(Found::City(v));
        }
        if let Some(v) = self.values.get(name) {
            return Some(Found::City(v));
        }
        self.builtins.get(name).map(Found::Builtin)
    }

    /// `value` of procedure `id`'s template with the city's values in place of its
    /// placeholders (a text only a placeholder takes the value as it is).
    pub fn filled(&self, id: &str, value: &Value) -> Value {
        fill(value, None, id, self)
    }

    /// The city's department for procedure `id`, whose template names the catalogue's
    /// department `code`.
    pub fn department(&self, id: &str, code: &str) -> String {
        self.procedure_departments
            .get(id)
            .or_else(|| self.departments.get(code))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }
}

enum Found<'a> {
    City(&'a CityValue),
    Builtin(&'a Value),
}

impl Found<'_> {
    fn value(&self) -> &Value {
        match self {
            Found::City(v) => &v.value,
            Found::Builtin(v) => v,
        }
    }
}

/// A problem of a template or of a city's values for it: where, and what.
pub type TemplateProblem = (String, Localized);

/// Whether a definition is a template: it declares parameters or uses a placeholder.
pub fn is_template(definition: &Value) -> bool {
    definition.pointer("/procedure/parameters").is_some() || !placeholders(definition).is_empty()
}

/// Every `{{name}}` a definition uses, with the pointer of its first use.
pub fn placeholders(definition: &Value) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    walk_strings(definition, "", &mut |at, text| {
        for name in names_in(text) {
            found.entry(name).or_insert_with(|| at.to_string());
        }
    });
    found
}

fn walk_strings(value: &Value, at: &str, f: &mut dyn FnMut(&str, &str)) {
    match value {
        Value::String(s) => f(at, s),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk_strings(v, &format!("{at}/{i}"), f);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                walk_strings(v, &format!("{at}/{}", escape(k)), f);
            }
        }
        _ => {}
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The names of the placeholders in a text, in order.
fn names_in(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = &after[..end];
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            names.push(name.to_string());
        }
        rest = &after[end + 2..];
    }
    names
}

/// The procedure id a definition states.
fn id_of(definition: &Value) -> String {
    definition
        .pointer("/procedure/id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The parameters a template declares: name → (what it is, the fact it proves).
fn declared(definition: &Value) -> BTreeMap<String, (Option<Localized>, Option<String>)> {
    let Some(Value::Object(map)) = definition.pointer("/procedure/parameters") else {
        return BTreeMap::new();
    };
    map.iter()
        .map(|(name, d)| {
            let about = d
                .get("about")
                .and_then(|a| serde_json::from_value::<Localized>(a.clone()).ok());
            let fact = d.get("fact").and_then(Value::as_str).map(str::to_string);
            (name.clone(), (about, fact))
        })
        .collect()
}

/// The template completed with `city`'s values, or every problem of `problems`.
pub fn resolve(definition: &Value, city: &CityParameters) -> Result<Value, Vec<TemplateProblem>> {
    let problems = problems(definition, city);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(completed(definition, city))
}

/// What keeps `city` from completing the template, without completing it: a placeholder
/// not declared, a declared parameter the city does not give (named with what it is), a
/// city value without provenance or sourced only from another town.
pub fn problems(definition: &Value, city: &CityParameters) -> Vec<TemplateProblem> {
    let mut problems = own_problems(definition);
    problems.extend(city_problems(definition, city));
    problems
}

/// The template's own problems, whichever city completes it: a built-in name declared, a
/// `fact` that is none, a placeholder not declared (read once per template: it walks every
/// text).
pub fn own_problems(definition: &Value) -> Vec<TemplateProblem> {
    let declared = declared(definition);
    let mut problems = Vec::new();
    for (name, (_, fact)) in &declared {
        let at = format!("/procedure/parameters/{}", escape(name));
        if BUILTINS.contains(&name.as_str()) {
            problems.push((
                at,
                lint_text!(forms_lint_parameter_builtin, name = name.as_str()),
            ));
        } else if let Some(f) = fact.as_deref().filter(|f| !FACTS.contains(f)) {
            problems.push((
                at,
                lint_text!(
                    forms_lint_parameter_fact,
                    name = name.as_str(),
                    fact = f,
                    facts = FACTS.join(", ")
                ),
            ));
        }
    }
    for (name, at) in placeholders(definition) {
        if !BUILTINS.contains(&name.as_str()) && !declared.contains_key(&name) {
            problems.push((
                at,
                lint_text!(forms_lint_parameter_undeclared, name = name.as_str()),
            ));
        }
    }
    problems
}

/// What `city` lacks for the template: a declared value it does not give, or gives without
/// provenance or from another town only.
pub fn city_problems(definition: &Value, city: &CityParameters) -> Vec<TemplateProblem> {
    let (id, declared) = (id_of(definition), declared(definition));
    let mut problems = Vec::new();
    for (name, (about, _)) in &declared {
        match city.lookup(&id, name) {
            None => problems.push((
                format!("/procedure/parameters/{}", escape(name)),
                lint_text!(
                    forms_lint_parameter_missing,
                    name = name.as_str(),
                    city = city.tenant.as_str(),
                    id = id.as_str(),
                    about_ja = about.as_ref().map(|a| a.ja.clone()).unwrap_or_default(),
                    about_en = about.as_ref().map(|a| a.en.clone()).unwrap_or_default(),
                ),
            )),
            Some(Found::City(v)) if v.sources.is_empty() && v.to_confirm.is_none() => problems
                .push((
                    format!("/procedure/parameters/{}", escape(name)),
                    lint_text!(
                        forms_lint_parameter_unsourced,
                        name = name.as_str(),
                        city = city.tenant.as_str(),
                    ),
                )),
            Some(Found::City(v)) => {
                if let Some(other) = only_elsewhere(&v.sources, city) {
                    problems.push((
                        format!("/procedure/parameters/{}", escape(name)),
                        lint_text!(
                            forms_lint_parameter_elsewhere,
                            name = name.as_str(),
                            city = city.tenant.as_str(),
                            other = other,
                        ),
                    ));
                }
            }
            Some(Found::Builtin(_)) => {}
        }
    }
    problems
}

/// The template with `city`'s values, which `problems` found nothing against.
fn completed(definition: &Value, city: &CityParameters) -> Value {
    let (id, declared) = (id_of(definition), declared(definition));
    let mut out = fill(definition, None, &id, city);
    let Some(procedure) = out.get_mut("procedure").and_then(Value::as_object_mut) else {
        return out;
    };
    procedure.remove("parameters");
    if let Some(Value::String(d)) = procedure.get("department") {
        let mapped = city.department(&id, d);
        procedure.insert("department".into(), Value::String(mapped));
    }
    let mut facts: BTreeMap<String, (Vec<Value>, Vec<String>)> = BTreeMap::new();
    for (name, (_, fact)) in &declared {
        let (Some(fact), Some(Found::City(v))) = (fact, city.lookup(&id, name)) else {
            continue;
        };
        let entry = facts.entry(fact.clone()).or_default();
        entry.0.extend(v.sources.iter().cloned());
        entry.1.extend(v.to_confirm.iter().cloned());
    }
    if !facts.is_empty() {
        let all = procedure
            .entry("facts")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(all) = all.as_object_mut() {
            for (fact, (sources, notes)) in facts {
                let slot = all.entry(fact).or_insert_with(|| Value::Object(Map::new()));
                let Some(slot) = slot.as_object_mut() else {
                    continue;
                };
                if !sources.is_empty() {
                    let list = slot
                        .entry("sources")
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Some(list) = list.as_array_mut() {
                        list.extend(sources);
                    }
                }
                if !notes.is_empty() {
                    let mut note = slot
                        .get("to_confirm")
                        .and_then(Value::as_str)
                        .map(|n| vec![n.to_string()])
                        .unwrap_or_default();
                    note.extend(notes);
                    slot.insert("to_confirm".into(), Value::String(note.join(" / ")));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
