//! A file question answered in JSON with a number, `true`, a list, an object or `null` is
//! refused on that question (issue 50, item 8): such answers were taken as valid and
//! silently dropped. The API's validate and submit alike; nothing is stored.

use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use madoguchi_testkit::{Engine, TestApp, defaults};
use serde_json::{Value, json};

use super::support::service;

const ID: &str = "kouki-sosaihi";

async fn post<S, B>(web: &S, path: &str, body: &Value) -> (StatusCode, Value)
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let req = TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .insert_header(("idempotency-key", uuid::Uuid::new_v4().to_string()))
        .set_payload(body.to_string());
    let res = test::call_service(web, req.to_request()).await;
    let status = res.status();
    let body = serde_json::from_slice(&test::read_body(res).await).unwrap_or_default();
    (status, body)
}

async fn refused_on_that_question(engine: Engine) {
    let t = TestApp::builder().engine(engine).forms([ID]).build();
    let web = service(&t).await;
    let (day, example) = madoguchi_forms::examples::read_valid(
        &defaults::forms_dir()
            .join(ID)
            .join("examples/valid/other-person-account.json"),
    )
    .unwrap();
    t.clock.set(chrono::TimeZone::from_utc_datetime(
        &chrono::Utc,
        &day.and_hms_opt(1, 0, 0).unwrap(),
    ));
    for wrong in [
        json!(12),
        json!(true),
        json!([]),
        json!(["a.pdf", 3]),
        json!({"id": "x"}),
        Value::Null,
    ] {
        let mut data = example.clone();
        data["funeral_proof"] = wrong.clone();
        for path in [
            format!("/api/v1/procedures/{ID}/validate"),
            format!("/api/v1/procedures/{ID}/submissions"),
        ] {
            let (status, body) = post(&web, &path, &data).await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path} {wrong}: {body}"
            );
            let errors = body["errors"].as_array().unwrap();
            let on_it: Vec<&Value> = errors
                .iter()
                .filter(|e| e["pointer"] == "/funeral_proof")
                .collect();
            assert_eq!(on_it.len(), 1, "{path} {wrong}: {body}");
            assert_eq!(on_it[0]["code"], "wrong_type", "{body}");
            let ja = on_it[0]["message"]["ja"].as_str().unwrap();
            assert!(ja.contains("葬儀"), "the message names the question: {ja}");
        }
    }
    assert_eq!(t.submissions(), 0);
}

#[actix_web::test]
async fn a_file_question_answered_with_no_text_is_refused_on_that_question_sqlite() {
    refused_on_that_question(Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_file_question_answered_with_no_text_is_refused_on_that_question_postgres() {
    refused_on_that_question(Engine::Postgres).await;
}

/// A body that is not an object of answers (a list, a string, a number) is refused naming
/// the body, not an empty 「」 (issue 50, item 8).
#[actix_web::test]
async fn a_body_that_is_no_object_is_refused_naming_the_body() {
    let t = TestApp::builder()
        .engine(Engine::Sqlite)
        .forms([ID])
        .build();
    let web = service(&t).await;
    for wrong in [json!([]), json!("answers"), json!(3)] {
        let (status, body) = post(&web, &format!("/api/v1/procedures/{ID}/validate"), &wrong).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{wrong}: {body}");
        assert!(!body.to_string().contains("「」"), "{wrong}: {body}");
        let errors = body["errors"].as_array().unwrap();
        let root: Vec<&Value> = errors.iter().filter(|e| e["pointer"] == "").collect();
        assert_eq!(root.len(), 1, "{body}");
        assert!(
            root[0]["message"]["ja"]
                .as_str()
                .unwrap()
                .starts_with("送信データ全体"),
            "{body}"
        );
        assert!(
            root[0]["message"]["en"]
                .as_str()
                .unwrap()
                .starts_with("The request body"),
            "{body}"
        );
    }
    assert_eq!(t.submissions(), 0);
}
