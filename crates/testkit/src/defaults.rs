//! What the in-process app (`TestApp`) and the e2e server (`madoguchi-e2e`'s `TestServer`)
//! share: the demo municipality, the public address, the repository's forms and data.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use madoguchi_forms::Form;

/// The demo municipality (Sendai, local-government code 04100 with its check digit).
pub const TENANT: &str = madoguchi_app::operations::DEMO_TENANT;

/// `TENANT` as the id the app's calls take.
pub fn tenant_id() -> madoguchi_core::TenantId {
    madoguchi_core::TenantId::new(TENANT)
}

/// The public address tests run under (links in mail, provider pages).
pub const PUBLIC_URL: &str = "https://madoguchi.test";

/// The sign-in address of in-process staff sign-ins.
pub const CLERK_ADDRESS: &str = "192.0.2.10";
/// The address a test resident's requests come from (counted by the throttles).
pub const RESIDENT_ADDRESS: &str = "198.51.100.20";

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The procedures the service ships (`forms/`).
pub fn forms_dir() -> PathBuf {
    repo_root().join("forms")
}

/// Sendai's organisation: departments, wards, appeal notices.
pub fn municipality_file() -> PathBuf {
    repo_root().join("deploy/data/municipalities/sendai.json")
}

/// A few rows of Japan Post's data (`deploy/data/postal-codes.csv.gz`): real codes of each of
/// Sendai's five wards and one Tokyo code; loading all 120,720 per test is slow.
pub fn postal_sample() -> PathBuf {
    repo_root().join("tests/fixtures/postal-sample.csv")
}

/// The municipality of `municipality_file`.
pub fn municipality() -> madoguchi_app::operations::Municipality {
    let text = std::fs::read_to_string(municipality_file()).expect("read sendai.json");
    madoguchi_app::operations::Municipality::from_json(&text)
        .and_then(|m| m.with_parameters_of(&municipality_file()))
        .expect("sendai.json")
}

/// The shipped catalogue as Sendai (the demo municipality, adopting all of it) serves it:
/// its procedures written for every city completed with Sendai's values.
pub fn catalogue() -> madoguchi_forms::FormRegistry {
    static CATALOGUE: std::sync::LazyLock<madoguchi_forms::FormRegistry> =
        std::sync::LazyLock::new(|| {
            let sendai =
                madoguchi_forms::CityParameters::for_organisation_file(&municipality_file())
                    .unwrap_or_else(|e| panic!("{e}"));
            let (forms, problems) = madoguchi_forms::FormRegistry::load_dir(&forms_dir())
                .unwrap_or_else(|e| panic!("forms/: {e}"))
                .for_city(&sendai, |_| true);
            assert!(problems.is_empty(), "{problems:?}");
            forms
        });
    CATALOGUE.clone()
}

/// The path of a shipped procedure's definition.
pub fn form_path(id: &str) -> PathBuf {
    forms_dir().join(id).join("form.json")
}

/// A shipped procedure's definition as Sendai (the demo municipality) serves it: a
/// procedure written for every city completed with Sendai's values; to change in a test.
pub fn definition(id: &str) -> serde_json::Value {
    madoguchi_forms::template::read_as_city(&form_path(id), &municipality_file())
        .unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// A shipped procedure's definition as its file says it (a procedure written for every
/// city keeps its placeholders): to change and write to a server's forms folder.
pub fn file_definition(id: &str) -> serde_json::Value {
    let path = form_path(id);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// `definition` (a file's, perhaps changed) as Sendai serves it: completed with Sendai's
/// values when it is written for every city.
pub fn as_sendai(definition: serde_json::Value) -> serde_json::Value {
    madoguchi_forms::template::as_city(definition, &municipality_file())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A shipped procedure, as Sendai (the demo municipality) serves it.
pub fn form(id: &str) -> Form {
    Form::from_value(&form_path(id), definition(id)).unwrap_or_else(|p| panic!("{id}: {p:?}"))
}

/// A valid example of a shipped procedure (`forms/{id}/examples/valid/{name}`), as filed:
/// its answers, without the `$filed_on`, `$comment`, `$warnings` and `$fee_yen` the forms
/// check reads. Dates are
/// judged on the app's clock, so use an example valid on the test's day (one without
/// `$filed_on` is valid on `madoguchi_forms::examples::FILED_ON`).
pub fn example(id: &str, name: &str) -> serde_json::Value {
    let path = forms_dir().join(id).join("examples/valid").join(name);
    madoguchi_forms::examples::read_valid(&path)
        .unwrap_or_else(|p| panic!("{p}"))
        .1
}

/// A valid example of a shipped procedure as filed on `day`: every date in it (`YYYY-MM-DD`)
/// moved by the days between the day the example is filed on (`$filed_on`) and `day`, so a
/// visit booked a week ahead is still a week ahead and a birth date stays in the past.
pub fn example_on(id: &str, name: &str, day: NaiveDate) -> serde_json::Value {
    let path = forms_dir().join(id).join("examples/valid").join(name);
    let (filed_on, data) =
        madoguchi_forms::examples::read_valid(&path).unwrap_or_else(|p| panic!("{p}"));
    moved(data, (day - filed_on).num_days())
}

/// [`example_on`] today: for a server on the real clock (the e2e `TestServer`), whose
/// filing day is today in Japan.
pub fn example_today(id: &str, name: &str) -> serde_json::Value {
    example_on(id, name, today_in_japan())
}

/// The date in Japan (UTC+9, no daylight saving) now: a real-clock server's filing day.
pub fn today_in_japan() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(9)).date_naive()
}

/// `value` with every `YYYY-MM-DD` string moved by `days`.
pub fn moved(value: serde_json::Value, days: i64) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) => Value::String((d + chrono::Duration::days(days)).to_string()),
            Err(_) => Value::String(s),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(|v| moved(v, days)).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, moved(v, days))).collect())
        }
        other => other,
    }
}

/// Friday 2026-11-20 10:00 JST: the in-process clock's start unless a test says otherwise
/// (three business days later is Thursday 26th: the 23rd is a holiday).
pub fn friday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0)
        .single()
        .expect("a valid time")
}

/// Fixed keys: an app restarted over the same database opens what the first one sealed.
pub fn keys() -> madoguchi_app::SecretKeys {
    madoguchi_app::SecretKeys {
        totp: [1; 32],
        my_number: [2; 32],
        enrolment: [3; 32],
        counter: [4; 32],
    }
}

/// The demo accounts' authenticator code `steps_ahead` 30-second steps from `now`.
pub fn demo_code(now: DateTime<Utc>, steps_ahead: i64) -> String {
    let step = madoguchi_app::kernel::totp::step_of(now.timestamp()) + steps_ahead;
    madoguchi_app::kernel::totp::code_at_step(madoguchi_app::kernel::DEMO_TOTP_SECRET, step)
        .expect("a code")
}

/// Text answers as the pages post them.
pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}
