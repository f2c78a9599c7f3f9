//! Files over the department API (issue 50, item 8): a department's system uploads a file
//! with its token, then files answers that name it by id, so a procedure whose documents are
//! required can be filed without the pages. Both engines: the upload's checks, the filing
//! that takes the file (stored answer, the file kept with the filing, byte for byte), a
//! retry that replays, and every way of naming a file that is not one's own to name.

use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use madoguchi_store::prelude::{AttachmentsRead, SubmissionsRead};
use madoguchi_testkit::{Engine, TestApp, defaults};
use serde_json::{Value, json};

use super::support::service;

const ID: &str = "juminhyo-copy";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

struct Sent {
    status: StatusCode,
    body: Value,
    replayed: bool,
}

async fn send<S, B>(web: &S, req: TestRequest) -> Sent
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
    let replayed = res.headers().contains_key("idempotent-replayed");
    let body = serde_json::from_slice(&test::read_body(res).await).unwrap_or_default();
    Sent {
        status,
        body,
        replayed,
    }
}

fn upload(token: Option<&str>, field: &str, name: &str, bytes: &[u8]) -> TestRequest {
    let query = serde_urlencoded::to_string([("field", field), ("name", name)]).unwrap();
    let req = TestRequest::post()
        .uri(&format!("/api/v1/procedures/{ID}/files?{query}"))
        .insert_header(("content-type", "application/pdf"))
        .set_payload(bytes.to_vec());
    match token {
        Some(t) => req.insert_header(("authorization", format!("Bearer {t}"))),
        None => req,
    }
}

fn file(token: Option<&str>, key: &str, data: &Value) -> TestRequest {
    let req = TestRequest::post()
        .uri(&format!("/api/v1/procedures/{ID}/submissions"))
        .insert_header(("content-type", "application/json"))
        .insert_header(("idempotency-key", key.to_string()))
        .set_payload(data.to_string());
    match token {
        Some(t) => req.insert_header(("authorization", format!("Bearer {t}"))),
        None => req,
    }
}

/// The one problem the 422 names on `pointer`: its code.
fn code_on(body: &Value, pointer: &str) -> String {
    let on: Vec<&Value> = body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {body}"))
        .iter()
        .filter(|e| e["pointer"] == pointer)
        .collect();
    assert_eq!(on.len(), 1, "{body}");
    on[0]["code"].as_str().unwrap().to_string()
}

async fn files_over_the_api(engine: Engine) {
    let t = TestApp::builder().engine(engine).forms([ID]).build();
    let web = service(&t).await;
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    let token = t
        .app
        .integrations(&author.tenant)
        .create_api_token(&author, "基幹システム", false)
        .unwrap()
        .secret;
    let other = t
        .app
        .integrations(&author.tenant)
        .create_api_token(&author, "別のシステム", false)
        .unwrap()
        .secret;
    // An agent's request: the letter of proxy is required.
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
    example.as_object_mut().unwrap().remove("proxy_letter");

    // Without the file, the filing is refused on the question; a file's name is no file.
    let key = uuid::Uuid::new_v4().to_string();
    let sent = send(&web, file(Some(&token), &key, &example)).await;
    assert_eq!(
        sent.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        sent.body
    );
    assert_eq!(code_on(&sent.body, "/proxy_letter"), "required");
    let mut named = example.clone();
    named["proxy_letter"] = json!("委任状.pdf");
    let sent = send(&web, file(Some(&token), &key, &named)).await;
    assert_eq!(code_on(&sent.body, "/proxy_letter"), "file_not_uploaded");
    let ja = sent.body["errors"][0]["message"]["ja"].as_str().unwrap();
    assert!(ja.contains("委任状") && ja.contains("/files"), "{ja}");

    // The upload: no token, a question that takes no file, a file that is no document, a
    // body over the limit — each refused, nothing kept.
    let sent = send(&web, upload(None, "/proxy_letter", "委任状.pdf", PDF)).await;
    assert_eq!(sent.status, StatusCode::UNAUTHORIZED, "{}", sent.body);
    let sent = send(&web, upload(Some(&token), "/applicant_name", "a.pdf", PDF)).await;
    assert_eq!(
        sent.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        sent.body
    );
    assert_eq!(code_on(&sent.body, "/applicant_name"), "unexpected_field");
    let sent = send(
        &web,
        upload(Some(&token), "/proxy_letter", "a.pdf", b"plain text"),
    )
    .await;
    assert_eq!(
        sent.body["error"]["code"], "file_type_not_allowed",
        "{}",
        sent.body
    );
    let big = upload(Some(&token), "/proxy_letter", "big.pdf", PDF)
        .insert_header(("content-length", (11 * 1024 * 1024).to_string()));
    let sent = send(&web, big).await;
    assert_eq!(sent.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", sent.body);

    // Uploaded with the token: its id names it.
    let sent = send(
        &web,
        upload(Some(&token), "/proxy_letter", "委任状.pdf", PDF),
    )
    .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    assert_eq!(sent.body["field"], "/proxy_letter");
    assert_eq!(sent.body["file_name"], "委任状.pdf");
    assert_eq!(sent.body["content_type"], "application/pdf");
    assert_eq!(sent.body["size_bytes"], PDF.len());
    let id = sent.body["id"].as_str().unwrap().to_string();
    named["proxy_letter"] = json!(id);

    // Named without a token, or with another token: not this client's file.
    let sent = send(&web, file(None, &key, &named)).await;
    assert_eq!(code_on(&sent.body, "/proxy_letter"), "file_not_uploaded");
    let sent = send(&web, file(Some(&other), &key, &named)).await;
    assert_eq!(code_on(&sent.body, "/proxy_letter"), "file_not_uploaded");
    // The API's validate takes an id as an answer.
    let validate = TestRequest::post()
        .uri(&format!("/api/v1/procedures/{ID}/validate"))
        .insert_header(("content-type", "application/json"))
        .set_payload(named.to_string());
    let sent = send(&web, validate).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(t.submissions(), 0);

    // Filed: the answer is the file's name, the file is the filing's, byte for byte.
    let sent = send(&web, file(Some(&token), &key, &named)).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    let number = sent.body["arrival_number"].as_str().unwrap().to_string();
    let mut conn = t.db.db.conn().unwrap();
    let row = conn
        .find_submission_by_arrival_number(&t.tenant(), &number)
        .unwrap()
        .unwrap();
    let data: Value = serde_json::from_str(&row.data).unwrap();
    assert_eq!(data["proxy_letter"], "委任状.pdf");
    let files = conn.attachments_of(&row.id).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].id.as_str(), id);
    assert_eq!(files[0].field, "/proxy_letter");
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let download = t
        .app
        .review(&clerk.tenant)
        .attachment_for_clerk(&clerk, row.id.as_str(), &files[0].id)
        .unwrap();
    assert_eq!(download.content.into_bytes().unwrap(), PDF);

    // The same key and answers replay the receipt; another key cannot take the file again.
    let sent = send(&web, file(Some(&token), &key, &named)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(sent.replayed);
    assert_eq!(sent.body["arrival_number"], number.as_str());
    let again = uuid::Uuid::new_v4().to_string();
    let sent = send(&web, file(Some(&token), &again, &named)).await;
    assert_eq!(code_on(&sent.body, "/proxy_letter"), "file_not_uploaded");
    // A list of ids, one of them twice, or more than five: refused on the question.
    named["proxy_letter"] = json!([id, id]);
    let sent = send(&web, file(Some(&token), &again, &named)).await;
    assert_eq!(code_on(&sent.body, "/proxy_letter"), "file_not_uploaded");
    named["proxy_letter"] = json!(vec![uuid::Uuid::now_v7().to_string(); 6]);
    let sent = send(&web, file(Some(&token), &again, &named)).await;
    assert_eq!(code_on(&sent.body, "/proxy_letter"), "too_many_items");
    assert_eq!(t.submissions(), 1);
}

#[actix_web::test]
async fn a_department_system_files_with_an_uploaded_file_sqlite() {
    files_over_the_api(Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_department_system_files_with_an_uploaded_file_postgres() {
    files_over_the_api(Engine::Postgres).await;
}
