//! A city that adopts the catalogue's procedures written for every city from nothing but
//! an organisation file and a parameters file beside it: its name, its office and its
//! values on every page of them, its clerks' queue receiving the filings — and a city
//! whose parameters lack a value is refused, naming it.

use madoguchi_app::kernel::tenancy::TenantSettings;
use madoguchi_app::operations::Municipality;
use madoguchi_app::review::QueueQuery;
use madoguchi_core::{Localized, ProcedureId};
use madoguchi_testkit::{TestApp, db_test, defaults};
use serde_json::json;

/// The three catalogue procedures the new city adopts (each written for every city).
const ADOPTED: [&str; 3] = [
    "jido-teate-genkyo",
    "jido-teate-henko",
    "jido-teate-shometsu",
];

/// A test city (試験市, a municipality number no city has: 03300 with its check digit).
fn organisation() -> serde_json::Value {
    json!({
        "tenant": {"id": "033006", "name": {"ja": "試験市", "en": "Shiken City"}},
        "wards": [],
        "departments": [
            {"code": "kodomo-katei", "name": {"ja": "子ども家庭課", "en": "Children and Families Division"}},
            {"code": "digital", "name": {"ja": "情報システム課", "en": "Information Systems Division"}}
        ],
        "procedures": {"adopt": ADOPTED},
        "appeal_notices": {"mayor": {
            "review_body": {"ja": "試験市長", "en": "the Mayor of Shiken"},
            "text": {"ja": "この処分に不服がある場合は、試験市長に審査請求をすることができます。", "en": "You may request a review of this decision from the Mayor of Shiken."},
            "basis": "行政不服審査法"
        }}
    })
}

fn parameters(with_days: bool) -> serde_json::Value {
    let days =
        |n: i64| json!({"processing_days": {"value": n, "to_confirm": "the test city's period"}});
    let mut procedures = serde_json::Map::new();
    for (i, id) in ADOPTED.iter().enumerate() {
        if with_days || i > 0 {
            procedures.insert((*id).to_string(), days(15));
        }
    }
    json!({
        "tenant": "033006",
        "departments": {"hoken-nenkin": "kodomo-katei"},
        "values": {
            "postal_code_example": {"value": "020-0023", "to_confirm": "the test city's example"},
            "name_kana_example": {"value": "シケン タロウ", "to_confirm": "the test city's example"},
            "phone_example": {"value": "019-600-1234", "to_confirm": "the test city's example"}
        },
        "procedures": procedures
    })
}

/// The city as `tenant add` and the start read it: its file, with the parameters beside it.
fn read(dir: &std::path::Path, params: serde_json::Value) -> Municipality {
    let file = dir.join("shiken.json");
    std::fs::write(&file, organisation().to_string()).unwrap();
    std::fs::write(dir.join("shiken.parameters.json"), params.to_string()).unwrap();
    Municipality::from_json(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .with_parameters_of(&file)
        .unwrap()
}

db_test!(fn a_fourth_city_adopts_catalogue_procedures_from_its_two_files_and_takes_their_filings(db) {
    let t = TestApp::builder().db(db).catalogue_forms(ADOPTED).build();
    let app = &t.app;
    let dir = tempfile::tempdir().unwrap();
    let org = read(dir.path(), parameters(true));
    assert_eq!(org.problems_with(&app.catalogue()), Vec::<String>::new());
    let city = app
        .add_tenant("033006", &Localized::new("試験市", "Shiken City"), &TenantSettings::default())
        .unwrap()
        .unwrap();
    app.seed_demo_city(&org, "shiken.example").unwrap();

    // Each procedure as the city serves it: its name, its division, its period.
    let served = app.forms_for(&city);
    let mut ids: Vec<&str> = served.all().map(|f| f.id()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["jido-teate-genkyo", "jido-teate-henko", "jido-teate-shometsu"]);
    for id in ADOPTED {
        let form = served.get(id).unwrap();
        assert_eq!(form.settings().department.as_str(), "kodomo-katei", "{id}");
        assert_eq!(form.settings().processing_days, Some(15), "{id}");
        let text = form.canonical_json();
        assert!(!text.contains("{{"), "{id} keeps a placeholder");
        let shown = serde_json::to_string(&form.definition().ui).unwrap()
            + &serde_json::to_string(&form.settings().who_may_file).unwrap();
        assert!(!shown.contains("仙台") && !shown.contains("Sendai"), "{id} names Sendai");
        // The period's provenance is the city's own note.
        assert!(form.to_confirm().iter().any(|n| n.note.contains("the test city's period")), "{id}");
    }
    assert!(served.get("jido-teate-genkyo").unwrap().settings().who_may_file.ja.contains("試験市"));
    // Sendai serves the same procedures with its own values, unchanged.
    let sendai = app.forms_for(&t.tenant());
    assert!(sendai.get("jido-teate-genkyo").unwrap().settings().who_may_file.ja.contains("仙台市"));
    assert_eq!(sendai.get("jido-teate-genkyo").unwrap().settings().department.as_str(), "hoken-nenkin");

    // Three filings, one of each, reach the city's division.
    let examples = [
        ("jido-teate-genkyo", defaults::example_today("jido-teate-genkyo", &first_valid("jido-teate-genkyo"))),
        ("jido-teate-henko", defaults::example_today("jido-teate-henko", &first_valid("jido-teate-henko"))),
        ("jido-teate-shometsu", defaults::example_today("jido-teate-shometsu", &first_valid("jido-teate-shometsu"))),
    ];
    for (id, data) in examples {
        app.filing(&city)
            .submit_data(&ProcedureId::new(id), data, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS)
            .unwrap_or_else(|e| panic!("{id}: {e:?}"));
    }
    let clerk = t.sign_in_at(&city, "kodomo-katei@shiken.example");
    let queue = app.review(&city).queue(&clerk, &QueueQuery::default()).unwrap();
    assert_eq!(queue.total, 3);
    // Nothing of it in Sendai's queue.
    let sendai_clerk = t.sign_in("hoken-nenkin@sendai.example");
    assert_eq!(app.review(&t.tenant()).queue(&sendai_clerk, &QueueQuery::default()).unwrap().total, 0);
});

db_test!(fn a_city_whose_parameters_lack_a_value_is_told_which(db) {
    let t = TestApp::builder().db(db).catalogue_forms(ADOPTED).build();
    let dir = tempfile::tempdir().unwrap();
    let org = read(dir.path(), parameters(false));
    let problems = org.problems_with(&t.app.catalogue());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("processing_days") && problems[0].contains("jido-teate-genkyo") && problems[0].contains("033006"), "{}", problems[0]);
});

/// The name of a valid example of a shipped procedure (the first, by name).
fn first_valid(id: &str) -> String {
    let mut names: Vec<String> =
        std::fs::read_dir(defaults::forms_dir().join(id).join("examples/valid"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    names.sort();
    names.remove(0)
}

db_test!(fn a_value_that_makes_a_procedure_invalid_is_found_when_compiled_and_the_procedure_is_not_offered(db) {
    let t = TestApp::builder().db(db).catalogue_forms(ADOPTED).build();
    let dir = tempfile::tempdir().unwrap();
    let mut params = parameters(true);
    params["procedures"]["jido-teate-henko"]["processing_days"]["value"] = json!("ten days");
    let org = read(dir.path(), params);
    // A restart's check (no compiling) passes it; the full one (tenant add, forms check) names it.
    assert_eq!(org.problems_before_compiling(&t.app.catalogue()), Vec::<String>::new());
    let problems = org.problems_with(&t.app.catalogue());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("jido-teate-henko") && problems[0].contains("033006"), "{}", problems[0]);
    // Applied all the same (a file changed after the city was added): not offered.
    let city = t.app
        .add_tenant("033006", &Localized::new("試験市", "Shiken City"), &TenantSettings::default())
        .unwrap()
        .unwrap();
    t.app.apply_municipality(&org).unwrap();
    assert!(t.app.forms_for(&city).get("jido-teate-henko").is_none());
    assert!(t.app.forms_for(&city).get("jido-teate-genkyo").is_some());
});
