//! A department's resources over its API (issue 49, item 1): defined with a write token,
//! refused with each fault at its field in both languages, and their slots read by anyone.

use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use madoguchi_testkit::{Engine, TestApp};
use serde_json::{Value, json};

use super::support::service;

async fn call<S, B>(web: &S, req: TestRequest) -> (StatusCode, Value)
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let res = test::call_service(web, req.to_request()).await;
    let status = res.status();
    (
        status,
        serde_json::from_slice(&test::read_body(res).await).unwrap_or_default(),
    )
}

fn put(token: &str, id: &str, body: &Value) -> TestRequest {
    TestRequest::put()
        .uri(&format!("/api/v1/booking-resources/{id}"))
        .insert_header(("authorization", format!("Bearer {token}")))
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_string())
}

async fn resources_over_the_api(engine: Engine) {
    let t = TestApp::builder().engine(engine).build();
    let web = service(&t).await;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    let integrations = t.app.integrations(&author.tenant);
    let write = integrations
        .create_api_token(&author, "予約システム", true)
        .unwrap()
        .secret;
    let read = integrations
        .create_api_token(&author, "閲覧", false)
        .unwrap()
        .secret;
    let mut definition: Value =
        serde_json::from_str(&madoguchi_testkit::bookings::counter("aoba-mynumber", 2)).unwrap();
    definition.as_object_mut().unwrap().remove("id");

    // Without a token, or with a read token: refused; nothing stored.
    let anonymous = TestRequest::put()
        .uri("/api/v1/booking-resources/aoba-mynumber")
        .insert_header(("content-type", "application/json"))
        .set_payload(definition.to_string());
    assert_eq!(call(&web, anonymous).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        call(&web, put(&read, "aoba-mynumber", &definition)).await.0,
        StatusCode::FORBIDDEN
    );

    // Faults: each at its field, in Japanese and English.
    let mut wrong = definition.clone();
    wrong["sessions"][0]["until"] = "08:00".into();
    wrong["window"]["opens_days_ahead"] = 0.into();
    let (status, body) = call(&web, put(&write, "aoba-mynumber", &wrong)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "definition_invalid", "{body}");
    let problems = body["error"]["problems"].as_array().unwrap();
    assert_eq!(problems[0]["pointer"], "/sessions/0/until");
    assert!(
        problems[0]["message"]["ja"]
            .as_str()
            .unwrap()
            .contains("until")
    );
    assert_eq!(problems[1]["pointer"], "/window/opens_days_ahead");
    // The path's id and the body's must agree.
    let mut other = definition.clone();
    other["id"] = "izumi-mynumber".into();
    let (status, body) = call(&web, put(&write, "aoba-mynumber", &other)).await;
    assert_eq!(
        (status, body["error"]["problems"][0]["pointer"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("/id"))
    );
    // A path that cannot be an id.
    assert_eq!(
        call(&web, put(&write, "Aoba", &definition)).await.0,
        StatusCode::NOT_FOUND
    );

    // Stored: its slots open (20 November through 4 January: 32 weekdays × 4).
    let (status, body) = call(&web, put(&write, "aoba-mynumber", &definition)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"id": "aoba-mynumber", "slots_opened": 128}));

    // Anyone reads the slots: capacity, what is free, why a day is closed.
    let get = |q: &str| {
        TestRequest::get().uri(&format!("/api/v1/booking-resources/aoba-mynumber/slots{q}"))
    };
    let (status, body) = call(&web, get("?from=2026-12-09&to=2026-12-10")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let slots = body["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 8);
    assert_eq!(slots[0]["answer"], "aoba-mynumber/2026-12-09T09:00");
    assert_eq!(slots[0]["closed"]["ja"], "システム更新のため休みです");
    assert_eq!(
        (slots[0]["free"].clone(), slots[4]["free"].clone()),
        (json!(0), json!(2))
    );
    assert_eq!(slots[4]["bookable"], true);
    assert_eq!(slots[4]["waiting"], 0, "no one waits");
    // Days asked for wrongly: a clear refusal; an unknown resource: 404.
    assert_eq!(
        call(&web, get("?from=2026-12-10&to=2026-12-09")).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        call(&web, get("?from=2026-12-01&to=2027-03-01")).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        call(&web, get("?from=12%E6%9C%881%E6%97%A5")).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let unknown = TestRequest::get().uri("/api/v1/booking-resources/nowhere/slots");
    assert_eq!(call(&web, unknown).await.0, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_department_defines_a_resource_and_anyone_reads_its_slots_sqlite() {
    resources_over_the_api(Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_department_defines_a_resource_and_anyone_reads_its_slots_postgres() {
    resources_over_the_api(Engine::Postgres).await;
}
