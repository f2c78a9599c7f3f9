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

web_test!(async fn requests_that_read_two_ways_are_refused(t) {
    let web = service(&t).await;
    let client = Browser::default();
    // JSON: a key twice at any depth, a byte order mark, a second value after the first.
    let validate = "/api/v1/procedures/juminhyo-copy/validate";
    for body in [
        &br#"{"copies": 1, "copies": 10}"#[..],
        br#"{"applicant_address": {"city": "a", "city": "b"}}"#,
        br#"{"optional_items": [], "x": [{"a": 1, "a": 2}]}"#,
        b"\xEF\xBB\xBF{\"copies\": 1}",
        br#"{"copies": 1} {"copies": 10}"#,
    ] {
        let req = TestRequest::post().uri(validate).insert_header(("content-type", "application/json")).set_payload(body.to_vec());
        let res = client.send(&web, req).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", String::from_utf8_lossy(body));
        let error: serde_json::Value = serde_json::from_str(&res.text).unwrap();
        assert_eq!(error["error"]["code"], "ambiguous_request", "{}", res.text);
        assert!(!error["error"]["message"]["ja"].as_str().unwrap().is_empty());
    }
    let req = TestRequest::post().uri(validate).insert_header(("content-type", "application/json")).set_payload("{\"copies\": 1}");
    assert_eq!(client.send(&web, req).await.status, StatusCode::UNPROCESSABLE_ENTITY, "read one way: validated");

    // A form: an answer sent twice is refused, not one of them picked.
    let page = client.get(&web, STEP).await;
    let csrf = input_value(&page.text, "csrf_token");
    let mut twice = JUMINHYO_APPLICANT.to_vec();
    twice.push(("applicant_name", "青葉 花子"));
    let res = client.post_form(&web, STEP, Some(&csrf), &twice).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A page's own control sent twice: 400.
    let mut controls = JUMINHYO_APPLICANT.to_vec();
    controls.extend([("_action", "add:x"), ("_action", "remove:x")]);
    let res = client.post_form(&web, STEP, Some(&csrf), &controls).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(t.drafts(), 0);
});
