//! The catalogue's procedures written for every city (`madoguchi_forms::template`): each
//! city that adopts one completes it with its own values, and a city that lacks a value is
//! told which, for which procedure.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use madoguchi_forms::{CityParameters, FormRegistry};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cities() -> Vec<CityParameters> {
    madoguchi_forms::template::cities_in(&root().join("deploy/data/municipalities")).unwrap()
}

/// Words of Sendai that a resident of another city must never read: its name, its wards,
/// its ward offices and 総合支所, its postal codes.
const SENDAI: [&str; 16] = [
    "仙台",
    "Sendai",
    "青葉区",
    "宮城野区",
    "若林区",
    "太白区",
    "泉区",
    "区役所",
    "総合支所",
    "ward office",
    "Ward Office",
    "980-",
    "981-",
    "982-",
    "センダイ",
    "022-",
];

/// Each text of `v` that speaks of Sendai, by its pointer; staff material aside
/// (`$comment`, `facts`, `examples`, and a rule's `sources` and `to_confirm`: another town's
/// page may support a national rule).
fn sendai_words(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map {
                if !["$comment", "facts", "examples", "sources", "to_confirm"].contains(&k.as_str())
                {
                    sendai_words(x, &format!("{at}/{k}"), out);
                }
            }
        }
        serde_json::Value::Array(list) => {
            for (i, x) in list.iter().enumerate() {
                sendai_words(x, &format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::String(text) if SENDAI.iter().any(|w| text.contains(w)) => {
            out.push(format!("{at}: {text}"));
        }
        _ => {}
    }
}

/// The codes of a city's departments and the keys of its appeal notices.
fn organisation_of(tenant: &str) -> (Vec<String>, Vec<String>) {
    let folder = root().join("deploy/data/municipalities");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".parameters.json") {
            continue;
        }
        let file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if file["tenant"]["id"] == tenant {
            let departments = file["departments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect();
            let appeals = file["appeal_notices"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            return (departments, appeals);
        }
    }
    panic!("no organisation file for {tenant}")
}

#[test]
fn every_city_completes_the_templates_it_adopts_with_its_own_office_and_name() {
    let catalogue = FormRegistry::load_dir(&root().join("forms")).unwrap();
    assert!(catalogue.templates().count() >= 5);
    let mut completed = 0;
    for city in cities() {
        let (served, problems) = catalogue.for_city(&city, |id| city.adopts(id));
        assert!(problems.is_empty(), "{}: {problems:?}", city.tenant);
        let (departments, appeals) = organisation_of(&city.tenant);
        // Where each adopted procedure sits, read as the start reads it (a template not
        // compiled): the city's department and appeal notice, a placeholder filled.
        for place in served.placements().iter().filter(|p| city.adopts(&p.id)) {
            assert!(
                departments.contains(&place.department) && appeals.contains(&place.appeal),
                "{} {}: {} / {}",
                city.tenant,
                place.id,
                place.department,
                place.appeal
            );
        }
        for t in catalogue.templates().filter(|t| city.adopts(&t.id)) {
            let form = served.get(&t.id).unwrap();
            let text = form.canonical_json();
            assert!(
                !text.contains("{{"),
                "{}: {} keeps a placeholder",
                city.tenant,
                t.id
            );
            completed += 1;
            // Its own division, one of its organisation's.
            let department = form.settings().department.as_str().to_string();
            assert!(
                departments.contains(&department),
                "{}: {} goes to {department}, not one of {departments:?}",
                city.tenant,
                t.id
            );
            if city.tenant == "041009" {
                continue;
            }
            // Its name, never Sendai's.
            let mut found = Vec::new();
            sendai_words(&serde_json::from_str(text).unwrap(), "", &mut found);
            assert!(found.is_empty(), "{} {}: {found:#?}", city.tenant, t.id);
            if t.value.to_string().contains("{{city}}") {
                let own = if city.tenant == "052019" {
                    "秋田市"
                } else {
                    "白石市"
                };
                assert!(text.contains(own), "{} {}", city.tenant, t.id);
            }
        }
    }
    assert!(completed >= 5 + 5 + 4, "{completed} completions");
}

#[test]
fn a_city_without_a_value_is_told_which_and_for_which_procedure() {
    let catalogue = FormRegistry::load_dir(&root().join("forms")).unwrap();
    let mut bare: CityParameters = CityParameters::from_json(r#"{"tenant": "011002"}"#).unwrap();
    bare = bare.with_city(
        &madoguchi_core::Localized::new("札幌市", "Sapporo City"),
        &madoguchi_core::Localized::new("札幌市長", "Mayor of Sapporo"),
    );
    let (served, problems) = catalogue.for_city(&bare, |id| id == "jido-teate-genkyo");
    assert!(
        served.get("jido-teate-genkyo").is_none(),
        "not served half-filled"
    );
    // Each value it lacks, named with the city and the procedure.
    let names = [
        "processing_days",
        "postal_code_example",
        "name_kana_example",
        "phone_example",
    ];
    assert_eq!(problems.len(), names.len(), "{problems:?}");
    for name in names {
        assert!(
            problems
                .iter()
                .map(|p| p.to_string())
                .any(|text| text.contains(name)
                    && text.contains("011002")
                    && text.contains("jido-teate-genkyo")),
            "{name}: {problems:?}"
        );
    }
}

#[test]
fn a_template_no_city_adopts_is_a_problem_of_the_check_not_a_silent_pass() {
    let report = FormRegistry::check_for_cities(&root().join("forms"), None, &[]).unwrap();
    assert!(
        report
            .problems
            .iter()
            .filter(|p| p.file.ends_with("jido-teate-genkyo/form.json"))
            .count()
            == 1,
        "{:?}",
        report.problems
    );
}

#[test]
fn a_city_s_templates_are_compiled_when_first_opened() {
    let catalogue = FormRegistry::load_dir(&root().join("forms")).unwrap();
    let akita = cities().into_iter().find(|c| c.tenant == "052019").unwrap();
    let (served, problems) = catalogue.for_city(&akita, |id| akita.adopts(id));
    assert!(problems.is_empty(), "{problems:?}");
    let form = served.get("jido-teate-henko").unwrap();
    assert!(form.canonical_json().contains("秋田市"));
    assert!(served.compiled_version(form.version()).is_some());
    let (again, _) = catalogue.for_city(&akita, |id| akita.adopts(id));
    assert!(
        again.compiled_version(form.version()).is_none(),
        "not compiled by being offered"
    );
    assert_eq!(again.len(), served.len());
    assert!(served.completion_problems().is_empty());
}
