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

#[test]
fn every_city_completes_the_templates_it_adopts_with_its_own_office_and_name() {
    let catalogue = FormRegistry::load_dir(&root().join("forms")).unwrap();
    assert!(catalogue.templates().count() >= 5);
    let mut completed = 0;
    for city in cities() {
        let (served, problems) = catalogue.for_city(&city, |id| city.adopts(id));
        assert!(problems.is_empty(), "{}: {problems:?}", city.tenant);
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
            if city.tenant == "052019" {
                // Akita's: its name, its division, never Sendai's.
                assert_eq!(form.settings().department.as_str(), "kodomo-fukushi");
                let shown = format!(
                    "{} {}",
                    serde_json::to_string(&form.definition().ui).unwrap(),
                    serde_json::to_string(&form.settings().who_may_file).unwrap()
                );
                assert!(
                    !shown.contains("仙台") && !shown.contains("Sendai"),
                    "{}",
                    t.id
                );
                if t.value.to_string().contains("{{city}}") {
                    assert!(
                        shown.contains("秋田市") || text.contains("秋田市"),
                        "{}",
                        t.id
                    );
                }
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
    assert_eq!(problems.len(), 1, "{problems:?}");
    let text = problems[0].to_string();
    assert!(
        text.contains("processing_days")
            && text.contains("011002")
            && text.contains("jido-teate-genkyo"),
        "{text}"
    );
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
