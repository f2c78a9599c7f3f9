//! Forged, oversized, malformed and invalid posts are refused with the right status and
//! leave nothing behind (moved from `bad_input`: they need no socket).

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use madoguchi_testkit::JUMINHYO_APPLICANT;

use madoguchi_e2e::input_value;

use super::support::{Browser, service};

const STEP: &str = "/p/juminhyo-copy/applicant";

web_test!(async fn refused_requests_store_nothing(t) {
    let web = service(&t).await;
    let client = Browser::default();
    let page = client.get(&web, STEP).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = input_value(&page.text, "csrf_token");

    // Missing and wrong CSRF tokens.
    let res = client.post_form(&web, STEP, None, JUMINHYO_APPLICANT).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.text.contains("ページの有効期限が切れました"));
    let res = client.post_form(&web, STEP, Some("forged-token"), JUMINHYO_APPLICANT).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // A different browser's valid token does not work with this browser's cookie.
    let other = Browser::default();
    let other_page = other.get(&web, STEP).await;
    let res = client.post_form(&web, STEP, Some(&input_value(&other_page.text, "csrf_token")), JUMINHYO_APPLICANT).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // Too large.
    let huge = "あ".repeat(40_000);
    let res = client.post_form(&web, STEP, Some(&csrf), &[("applicant_name", &huge)]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);

    // Malformed body and the wrong content type.
    let body = format!("csrf_token={csrf}&applicant_name=%zz");
    let req = TestRequest::post().uri(STEP).insert_header(("content-type", "application/x-www-form-urlencoded")).set_payload(body);
    assert_eq!(client.send(&web, req).await.status, StatusCode::BAD_REQUEST);
    let req = TestRequest::post().uri(STEP).insert_header(("content-type", "application/json")).set_payload("{}");
    assert_eq!(client.send(&web, req).await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // Invalid data: 422 with the form again.
    let res = client.post_form(&web, STEP, Some(&csrf), &[("applicant_name", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("氏名を入力してください"));

    // Submitting without a key, or with nothing filled in.
    let submit = "/p/juminhyo-copy/submit";
    let res = client.post_form(&web, submit, Some(&csrf), &[]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let res = client.post_form(&web, submit, Some(&csrf), &[("idempotency_key", "0f8fad5b-d9cb-469f-a165-70867728950e")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "no draft to submit");

    assert_eq!(t.drafts(), 0);
    assert_eq!(t.submissions(), 0);
});
