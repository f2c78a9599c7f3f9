//! A department's filings over the API (issue 44 item 7), both engines: listed in the order
//! they last changed, page by page with a cursor and then only what changed since; one
//! filing in the documented layout with its files (the bytes with the same token) and
//! payments; every bad query refused, another department's filings "not found", each read
//! of answers audited with the token named.

use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use madoguchi_app::review::ReviewInput;
use madoguchi_app::staff::StaffChange;
use madoguchi_store::prelude::{AuditRead, SubmissionsRead};
use madoguchi_testkit::{Engine, TestApp, defaults};
use serde_json::{Value, json};

use super::support::service;

const ID: &str = "juminhyo-copy";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

async fn call<S, B>(web: &S, req: TestRequest) -> (StatusCode, Vec<u8>, Option<String>)
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
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string());
    (status, test::read_body(res).await.to_vec(), kind)
}

fn get(token: &str, uri: &str) -> TestRequest {
    TestRequest::get()
        .uri(uri)
        .insert_header(("authorization", format!("Bearer {token}")))
}

async fn json_of<S, B>(web: &S, req: TestRequest) -> (StatusCode, Value)
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let (status, body, _) = call(web, req).await;
    (status, serde_json::from_slice(&body).unwrap_or_default())
}

fn numbers(page: &Value) -> Vec<String> {
    page["filings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["arrival_number"].as_str().unwrap().to_string())
        .collect()
}

async fn department_filings(engine: Engine) {
    let t = TestApp::builder().engine(engine).forms([ID]).build();
    let web = service(&t).await;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    let token = t
        .app
        .integrations(&author.tenant)
        .create_api_token(&author, "基幹システム", false)
        .unwrap()
        .secret;
    let (day, mut example) = madoguchi_forms::examples::read_valid(
        &defaults::forms_dir()
            .join(ID)
            .join("examples/valid/agent-selected-members.json"),
    )
    .unwrap();
    t.clock.set(chrono::TimeZone::from_utc_datetime(
        &chrono::Utc,
        &day.and_hms_opt(1, 0, 0).unwrap(),
    ));
    // Two filings: the first with a letter of proxy uploaded by the department's system.
    let query =
        serde_urlencoded::to_string([("field", "/proxy_letter"), ("name", "委任状.pdf")]).unwrap();
    let upload = get(&token, &format!("/api/v1/procedures/{ID}/files?{query}"))
        .method(actix_web::http::Method::POST)
        .insert_header(("content-type", "application/pdf"))
        .set_payload(PDF.to_vec());
    let (status, uploaded) = json_of(&web, upload).await;
    assert_eq!(status, StatusCode::CREATED, "{uploaded}");
    example["proxy_letter"] = uploaded["id"].clone();
    // The second: the applicant's own request, no letter needed.
    let mut own = example.clone();
    own.as_object_mut().unwrap().remove("proxy_letter");
    own["relation_to_subject"] = json!("self");
    let mut filed = Vec::new();
    for data in [&example, &own] {
        let req = get(&token, &format!("/api/v1/procedures/{ID}/submissions"))
            .method(actix_web::http::Method::POST)
            .insert_header(("content-type", "application/json"))
            .insert_header(("idempotency-key", uuid::Uuid::new_v4().to_string()))
            .set_payload(data.to_string());
        let (status, receipt) = json_of(&web, req).await;
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
        filed.push(receipt["arrival_number"].as_str().unwrap().to_string());
    }
    assert_eq!(filed.len(), 2);

    // No token: 401. Page by page, one at a time, in the order they changed.
    let (status, _, _) = call(
        &web,
        TestRequest::get().uri("/api/v1/department/submissions"),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, first) =
        json_of(&web, get(&token, "/api/v1/department/submissions?limit=1")).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(numbers(&first), [filed[0].clone()]);
    assert!(
        first["filings"][0].get("answers").is_none(),
        "the list carries no answers"
    );
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let (_, second) = json_of(
        &web,
        get(
            &token,
            &format!("/api/v1/department/submissions?limit=1&cursor={cursor}"),
        ),
    )
    .await;
    assert_eq!(numbers(&second), [filed[1].clone()]);
    let cursor = second["next_cursor"].as_str().unwrap().to_string();
    let (_, end) = json_of(
        &web,
        get(
            &token,
            &format!("/api/v1/department/submissions?cursor={cursor}"),
        ),
    )
    .await;
    assert!(numbers(&end).is_empty());
    assert_eq!(
        end["next_cursor"],
        cursor.as_str(),
        "the end is kept to ask again later"
    );

    // The office takes the first up: asked again, only that one comes, in its new state.
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    t.clock.advance(chrono::Duration::minutes(5));
    let mut conn = t.db.db.conn().unwrap();
    let row = conn
        .find_submission_by_arrival_number(&t.tenant(), &filed[0])
        .unwrap()
        .unwrap();
    t.app
        .review(&clerk.tenant)
        .act(&clerk, row.id.as_str(), &ReviewInput::decision("claim", ""))
        .unwrap();
    let (_, changed) = json_of(
        &web,
        get(
            &token,
            &format!("/api/v1/department/submissions?cursor={cursor}"),
        ),
    )
    .await;
    assert_eq!(numbers(&changed), [filed[0].clone()]);
    assert_eq!(changed["filings"][0]["state"], "in_review");
    // Filters: by state, by procedure, since a time.
    let (_, in_review) = json_of(
        &web,
        get(&token, "/api/v1/department/submissions?state=in_review"),
    )
    .await;
    assert_eq!(numbers(&in_review), [filed[0].clone()]);
    let (_, none) = json_of(
        &web,
        get(
            &token,
            "/api/v1/department/submissions?procedure=inu-toroku",
        ),
    )
    .await;
    assert!(numbers(&none).is_empty());
    let since = (t.app.now() - chrono::Duration::minutes(1)).to_rfc3339();
    let q = serde_urlencoded::to_string([("changed_since", since.as_str())]).unwrap();
    let (_, recent) = json_of(
        &web,
        get(&token, &format!("/api/v1/department/submissions?{q}")),
    )
    .await;
    assert_eq!(numbers(&recent), [filed[0].clone()]);
    // Bad queries: refused, named.
    for bad in [
        "state=asleep",
        "limit=0",
        "limit=101",
        "limit=x",
        "cursor=nope",
        "changed_since=yesterday",
    ] {
        let (status, body) = json_of(
            &web,
            get(&token, &format!("/api/v1/department/submissions?{bad}")),
        )
        .await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("selection_invalid")),
            "{bad}"
        );
    }

    // One filing in the layout, by arrival number: answers, the file and its bytes.
    let (status, one) = json_of(
        &web,
        get(
            &token,
            &format!("/api/v1/department/submissions/{}", filed[0]),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["layout"], 1);
    assert_eq!(one["arrival_number"], filed[0].as_str());
    assert_eq!(one["answers"]["applicant_name"], example["applicant_name"]);
    assert_eq!(one["files"][0]["file_name"], "委任状.pdf");
    assert_eq!(one["files"][0]["question"], "/proxy_letter");
    let href = one["files"][0]["href"].as_str().unwrap().to_string();
    let (status, bytes, kind) = call(&web, get(&token, &href)).await;
    assert_eq!(
        (status, bytes.as_slice(), kind.as_deref()),
        (StatusCode::OK, PDF, Some("application/pdf"))
    );
    let audited: Vec<String> = conn
        .audit_of_submission(&row.id)
        .unwrap()
        .into_iter()
        .filter(|a| a.action == madoguchi_core::AuditAction::View)
        .filter_map(|a| a.detail)
        .filter(|d| d.contains("api_token"))
        .collect();
    assert_eq!(
        audited.len(),
        2,
        "the answers and the file read, each with the token named: {audited:?}"
    );

    // Another department's token: nothing of these.
    // 保険年金課's clerk made its author by an administrator.
    let admin = t.sign_in("admin@sendai.example");
    let member = t.sign_in("hoken-nenkin@sendai.example");
    t.app
        .staff(&admin.tenant)
        .update_staff(
            &admin,
            member.id.as_str(),
            &StaffChange {
                display_name: "保険年金課 作成者".into(),
                department_code: "hoken-nenkin".into(),
                ward_code: String::new(),
                role: "author".into(),
                post: String::new(),
                active: true,
            },
        )
        .unwrap();
    t.clock.advance(chrono::Duration::seconds(31));
    let other_author = t.sign_in("hoken-nenkin@sendai.example");
    let other = t
        .app
        .integrations(&other_author.tenant)
        .create_api_token(&other_author, "国保システム", false)
        .unwrap()
        .secret;
    let (_, theirs) = json_of(&web, get(&other, "/api/v1/department/submissions")).await;
    assert!(numbers(&theirs).is_empty());
    for uri in [
        format!("/api/v1/department/submissions/{}", filed[0]),
        href.clone(),
    ] {
        let (status, _, _) = call(&web, get(&other, &uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
}

#[actix_web::test]
async fn a_department_system_reads_its_filings_by_change_sqlite() {
    department_filings(Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_department_system_reads_its_filings_by_change_postgres() {
    department_filings(Engine::Postgres).await;
}
