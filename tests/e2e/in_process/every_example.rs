//! Every answer a form accepts can be given through its pages (issue 50, item 1). Each
//! valid example of every procedure every demo city offers — the catalogue as Sendai adopts
//! it, Akita's and Shiroishi's own — is filed through the HTML pages as a browser without
//! JavaScript fills them: it reads each step's form, puts each answer in the input the page
//! shows for it (pressing "add another" for more items), posts what the form posts, and
//! submits from the check page. An answer the page has no input for, or a value its radios
//! or selects do not offer, fails the test. What is stored must equal what the API stores for
//! the same example. The app's clock stands on each example's own filing day.

use chrono::{NaiveDate, TimeZone, Utc};
use madoguchi_core::TenantId;
use madoguchi_forms::Form;
use madoguchi_forms::input::posted_from_data;
use madoguchi_store::prelude::SubmissionsRead;
use madoguchi_testkit::{Engine, TestApp, defaults};
use serde_json::Value;

use super::html_form;
use super::support::{Browser, service_limited};

/// The app with the demo's three cities and every procedure of the catalogue, Sendai's
/// library reservation checking cards at the stand-in library (kept running as long as the
/// app).
fn three_cities(engine: Engine) -> (TestApp, madoguchi_stublibrary::Running) {
    const TOKEN: &str = "every-example-library-token";
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let library =
        madoguchi_stublibrary::spawn(listener, madoguchi_stublibrary::StubLibrary::new(TOKEN))
            .unwrap();
    let check = madoguchi_app::kernel::CheckEndpoint {
        url: library.check_url.clone(),
        token: TOKEN.to_string(),
    };
    let t = TestApp::builder()
        .engine(engine)
        .forms_dir(defaults::forms_dir())
        .config(move |c| {
            c.external_checks
                .insert((defaults::tenant_id(), "library".to_string()), check);
        })
        .build();
    let settings = madoguchi_server::Settings {
        municipality_file: defaults::municipality_file(),
        forms_dir: defaults::forms_dir(),
        public_url: defaults::PUBLIC_URL.to_string(),
        ..Default::default()
    };
    let cities = madoguchi_server::tenants::seed_demo_cities(
        &t.app,
        &settings,
        &defaults::municipality(),
        Vec::new(),
    )
    .unwrap();
    assert_eq!(cities.len(), 3, "Sendai, Akita and Shiroishi");
    (t, library)
}

/// Where a form's examples are: its city's folder, or the catalogue's (the city's own
/// there, if it has them).
fn examples_of(tenant: &TenantId, form: &Form) -> Vec<std::path::PathBuf> {
    let own = defaults::forms_dir()
        .join("cities")
        .join(tenant.as_str())
        .join(form.id());
    let examples = if own.is_dir() {
        own.join("examples")
    } else {
        // A catalogue procedure: the city's own examples where its answers differ.
        madoguchi_forms::examples::examples_for_city(
            &defaults::forms_dir().join(form.id()),
            tenant.as_str(),
        )
    };
    let mut files: Vec<_> = std::fs::read_dir(examples.join("valid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// 10:00 in Japan on `day`.
pub(super) fn morning_of(day: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).unwrap())
}

/// The stored answers of a filing, My Numbers opened to compare (each filing seals them
/// with a nonce of its own).
pub(super) fn stored(t: &TestApp, tenant: &TenantId, form: &Form, number: &str) -> Value {
    use madoguchi_app::kernel::secrets::{Purpose, Sealer};
    let row =
        t.db.db
            .conn()
            .unwrap()
            .find_submission_by_arrival_number(tenant, number)
            .unwrap()
            .unwrap_or_else(|| panic!("{number} is stored"));
    let mut data: Value = serde_json::from_str(&row.data).unwrap();
    let sealer = Sealer::new(Purpose::MyNumber, &defaults::keys().my_number);
    form.map_my_numbers(&mut data, &mut |sealed| {
        if Sealer::is_sealed(sealed) {
            sealer.open(sealed)
        } else {
            Ok(sealed.to_string())
        }
    })
    .unwrap();
    data
}

/// What went wrong for one example, or its arrival number through the pages.
pub(super) async fn file_through_pages<S, B>(
    service: &S,
    host: &str,
    form: &Form,
    data: &Value,
) -> Result<String, String>
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    // No host: the test request's own, the app's default city.
    let browser = if host.is_empty() {
        Browser::default()
    } else {
        Browser::on_host(host)
    };
    file_in(service, &browser, form, data).await
}

/// [`file_through_pages`] in `browser` (which keeps the filing's session for its receipt).
pub(super) async fn file_in<S, B>(
    service: &S,
    browser: &Browser,
    form: &Form,
    data: &Value,
) -> Result<String, String>
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let id = form.id();
    let first = &form.steps()[0].id;
    let mut path = format!("/p/{id}/{first}");
    let mut page = browser.get(service, &path).await;
    for _ in 0..40 {
        if path == format!("/p/{id}/check") {
            break;
        }
        if page.status != 200 {
            return Err(format!("{path}: {}", page.status));
        }
        let step_id = path.rsplit('/').next().unwrap_or_default().to_string();
        let step = form
            .steps()
            .iter()
            .find(|s| s.id == step_id)
            .ok_or_else(|| format!("{path}: no such step"))?;
        let answers = posted_from_data(step, data);
        // Press "add another" until the page shows an input for every item's answer.
        let mut pressed = 0;
        let posted = loop {
            let controls = html_form::controls(&page.text, &path)
                .ok_or_else(|| format!("{path}: no form posting to the step"))?;
            match html_form::fill(&controls, &answers, None) {
                Ok(posted) => break posted,
                Err(problems) => {
                    let add = controls.iter().find(|c| {
                        c.name == "_action"
                            && c.value.strip_prefix("add:").is_some_and(|list| {
                                problems.iter().any(|p| p.contains(&format!(" {list}.")))
                            })
                    });
                    let Some(add) = add.filter(|_| pressed < 50) else {
                        return Err(format!("{path}: {}", problems.join("; ")));
                    };
                    pressed += 1;
                    let partial = html_form::fill(&controls, &[], Some(("_action", &add.value)))
                        .map_err(|p| p.join("; "))?;
                    page = browser.post_pairs(service, &path, &partial).await;
                    if page.status != 200 {
                        return Err(format!("{path}: add answered {}", page.status));
                    }
                }
            }
        };
        let mut answer = browser.post_pairs(service, &path, &posted).await;
        if answer.status == 200 && !answer.text.contains("error-summary") {
            // A step with a warning shows it once; continuing again goes on.
            let controls = html_form::controls(&answer.text, &path).unwrap_or_default();
            let again = html_form::fill(&controls, &answers, None).map_err(|p| p.join("; "))?;
            answer = browser.post_pairs(service, &path, &again).await;
        }
        if answer.status != 303 {
            // The summary's links: each names a question and what to do.
            let summary: Vec<String> = answer
                .text
                .split("error-summary-list")
                .nth(1)
                .unwrap_or_default()
                .split("<a href=\"#")
                .skip(1)
                .take(5)
                .filter_map(|a| {
                    a.split_once("\">").map(|(id, rest)| {
                        format!("{id}: {}", rest.split("</a>").next().unwrap_or(rest))
                    })
                })
                .collect();
            let summary = summary.join(", ");
            return Err(format!(
                "{path}: posted, answered {}: {summary}",
                answer.status
            ));
        }
        path = answer.header("location").to_string();
        page = browser.get(service, &path).await;
    }
    let check = browser.get(service, &format!("/p/{id}/check")).await;
    shows_parts(&check.text, form, data).map_err(|e| format!("check page: {e}"))?;
    let csrf = madoguchi_e2e::input_value(&check.text, "csrf_token");
    let key = madoguchi_e2e::input_value(&check.text, "idempotency_key");
    let sent = browser
        .post_form(
            service,
            &format!("/p/{id}/submit"),
            Some(&csrf),
            &[("idempotency_key", &key)],
        )
        .await;
    let location = sent.header("location");
    let number = location
        .strip_prefix("/receipts/")
        .map(|n| n.split('?').next().unwrap_or(n).to_string())
        .ok_or_else(|| format!("submit answered {} to {location}", sent.status))?;
    let receipt = browser.get(service, &format!("/receipts/{number}")).await;
    shows_parts(&receipt.text, form, data).map_err(|e| format!("receipt: {e}"))?;
    Ok(number)
}

/// Whether a check or receipt page lists each item of a repeatable question, and each
/// question in it, as a row with its own label and answer (three levels deep, as the page
/// does), rather than one line of values.
fn shows_parts(page: &str, form: &Form, data: &Value) -> Result<(), String> {
    fn escaped(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&#34;")
            .replace('\'', "&#39;")
    }
    // In the page's order: each row is looked for after the one before it.
    fn walk(
        page: &str,
        from: &mut usize,
        part: &madoguchi_forms::Answer,
        depth: usize,
    ) -> Result<(), String> {
        let row = format!(
            "<dt class=\"summary-part-key\">{}</dt><dd class=\"summary-part-value\">",
            escaped(&part.label)
        );
        let Some(at) = page[*from..].find(&row) else {
            return Err(format!("no row {} (in order)", part.label));
        };
        *from += at + row.len();
        if part.parts.is_empty() || depth == 3 {
            let value = escaped(&part.value);
            return match page[*from..].starts_with(&value) {
                true => Ok(()),
                false => Err(format!("{}: not {}", part.label, part.value)),
            };
        }
        part.parts
            .iter()
            .try_for_each(|p| walk(page, from, p, depth + 1))
    }
    let mut from = 0;
    form.answers(data, madoguchi_core::Lang::Ja)
        .iter()
        .flat_map(|(_, answers)| answers)
        .flat_map(|a| &a.parts)
        .try_for_each(|part| walk(page, &mut from, part, 1))
}

/// The same example over the API: its arrival number.
async fn file_over_api<S, B>(
    service: &S,
    host: &str,
    form: &Form,
    data: &Value,
) -> Result<String, String>
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let req = actix_web::test::TestRequest::post()
        .uri(&format!("/api/v1/procedures/{}/submissions", form.id()))
        .insert_header(("host", host))
        .insert_header(("content-type", "application/json"))
        .insert_header(("idempotency-key", uuid::Uuid::new_v4().to_string()))
        .set_payload(data.to_string());
    let res = actix_web::test::call_service(service, req.to_request()).await;
    let status = res.status();
    let body: Value =
        serde_json::from_slice(&actix_web::test::read_body(res).await).unwrap_or_default();
    if status != 201 {
        return Err(format!("API answered {status}: {body}"));
    }
    Ok(body["arrival_number"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

async fn every_example_is_filed_through_the_pages(engine: Engine) {
    let (t, _library) = three_cities(engine);
    let service = service_limited(&t, u32::MAX).await;
    let mut problems = Vec::new();
    let mut filed = 0;
    let mut attaching = 0;
    let mut with_items = 0;
    for (tenant, host) in [
        ("041009", "sendai.localhost"),
        ("052019", "akita.localhost"),
        ("042064", "shiroishi.localhost"),
    ] {
        let tenant = TenantId::new(tenant);
        let forms = t.app.forms_for(&tenant);
        for form in forms.all() {
            for file in examples_of(&tenant, form) {
                let name = format!(
                    "{host} {}/{}",
                    form.id(),
                    file.file_name().unwrap().to_string_lossy()
                );
                let (day, example) = madoguchi_forms::examples::read_valid(&file).unwrap();
                // A file is attached over the step's upload form, which this browser does not fill.
                if form
                    .file_questions()
                    .any(|q| example.get(&q.name).is_some())
                {
                    attaching += 1;
                    continue;
                }
                t.clock.set(morning_of(day));
                let data = form.normalize_json(example.clone());
                let through_pages = match file_through_pages(&service, host, form, &data).await {
                    Ok(number) => number,
                    Err(e) => {
                        problems.push(format!("{name}: {e}"));
                        continue;
                    }
                };
                let over_api = match file_over_api(&service, host, form, &example).await {
                    Ok(number) => number,
                    Err(e) => {
                        problems.push(format!("{name}: {e}"));
                        continue;
                    }
                };
                let (pages, api) = (
                    stored(&t, &tenant, form, &through_pages),
                    stored(&t, &tenant, form, &over_api),
                );
                let differences = differences("", &pages, &api);
                if !differences.is_empty() {
                    problems.push(format!(
                        "{name}: stored differently (pages / API): {}",
                        differences.join("; ")
                    ));
                    continue;
                }
                filed += 1;
                // Its check page and receipt were read for the items' rows.
                if form
                    .answers(&data, madoguchi_core::Lang::Ja)
                    .iter()
                    .any(|(_, answers)| answers.iter().any(|a| !a.parts.is_empty()))
                {
                    with_items += 1;
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} examples could not be filed through the pages as the API files them:\n{}",
        problems.len(),
        problems.len() + filed,
        problems.join("\n")
    );
    assert!(
        with_items >= 10,
        "{with_items} examples with items of repeatable questions"
    );
    assert!(
        filed >= 450,
        "{filed} examples filed through the pages ({attaching} attach files)"
    );
}

#[actix_web::test]
async fn every_example_of_every_city_is_filed_through_the_pages_sqlite() {
    every_example_is_filed_through_the_pages(Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn every_example_of_every_city_is_filed_through_the_pages_postgres() {
    every_example_is_filed_through_the_pages(Engine::Postgres).await;
}

/// Where two stored answers differ: `pointer: pages value / API value`.
fn differences(at: &str, pages: &Value, api: &Value) -> Vec<String> {
    match (pages, api) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .flat_map(|k| {
                    let (x, y) = (
                        a.get(k).unwrap_or(&Value::Null),
                        b.get(k).unwrap_or(&Value::Null),
                    );
                    differences(&format!("{at}/{k}"), x, y)
                })
                .collect()
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .flat_map(|(i, (x, y))| differences(&format!("{at}/{i}"), x, y))
            .collect(),
        (a, b) if a == b => Vec::new(),
        (a, b) => vec![format!("{at}: {a} / {b}")],
    }
}
