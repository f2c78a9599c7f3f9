//! Hostile bodies get bounded answers: a body of thousands of empty list items or of
//! thousands of unknown keys is answered with at most 100 problems and the count of all,
//! in a response far smaller than the body could make it.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use madoguchi_testkit::{JUMINHYO_APPLICANT, JUMINHYO_REQUEST};
use serde_json::{Map, Value, json};

use madoguchi_e2e::input_value;

use super::support::{Browser, MAX_FORM_BYTES, service};

const VALIDATE: &str = "/api/v1/procedures/juminhyo-copy/validate";
const SUBMIT: &str = "/api/v1/procedures/juminhyo-copy/submissions";
/// The most problems a response lists (`madoguchi_forms::bounds::MAX_SHOWN_ERRORS`).
const SHOWN: usize = 100;

fn json_post(path: &str, body: &Value) -> TestRequest {
    let bytes = serde_json::to_vec(body).unwrap();
    assert!(
        bytes.len() <= MAX_FORM_BYTES,
        "the body fits the limit: {}",
        bytes.len()
    );
    TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .insert_header(("idempotency-key", "0f8fad5b-d9cb-469f-a165-70867728950e"))
        .set_payload(bytes)
}

/// A body just under the size limit: `n` unknown keys.
fn unknown_keys(n: usize) -> Value {
    let mut map = Map::new();
    for i in 0..n {
        map.insert(format!("k{i:05}"), json!(""));
    }
    Value::Object(map)
}

web_test!(async fn hostile_api_bodies_get_bounded_answers(t) {
    let web = service(&t).await;
    let client = Browser::default();
    // Valid answers, to which each body below adds something hostile.
    let valid = madoguchi_testkit::defaults::example("juminhyo-copy", "self-whole-household.json");
    let res = client.send(&web, json_post(VALIDATE, &valid)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let with = |key: &str, value: Value| {
        let mut body = valid.clone();
        body[key] = value;
        body
    };

    for path in [VALIDATE, SUBMIT] {
        // Thousands of empty list items: refused as one problem, items not validated.
        for item in [json!({}), json!(""), json!([])] {
            let body = with("optional_items", json!(vec![item.clone(); 8000]));
            let res = client.send(&web, json_post(path, &body)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {item}");
            assert!(res.text.len() < 64 * 1024, "{path}: {} bytes", res.text.len());
            let v: Value = serde_json::from_str(&res.text).unwrap();
            let errors = v["errors"].as_array().unwrap();
            assert_eq!(errors.len(), 1, "{path}: {errors:?}");
            assert_eq!(errors[0]["pointer"], "/optional_items");
            assert_eq!(errors[0]["code"], "too_many_chosen");
            assert_eq!(v["total"], 1);
        }

        // Thousands of unknown keys: every one counted, the first 100 listed in order.
        for n in [1, 3, SHOWN, SHOWN + 1, 4000] {
            let mut body = valid.clone();
            body.as_object_mut().unwrap().extend(unknown_keys(n).as_object().unwrap().clone());
            let res = client.send(&web, json_post(path, &body)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{path} ×{n}");
            assert!(res.text.len() < 64 * 1024, "{path} ×{n}: {} bytes", res.text.len());
            let v: Value = serde_json::from_str(&res.text).unwrap();
            let errors = v["errors"].as_array().unwrap();
            assert_eq!(v["total"].as_u64().unwrap() as usize, n, "{path} ×{n}");
            assert_eq!(errors.len(), n.min(SHOWN), "{path} ×{n}");
            for (i, e) in errors.iter().enumerate() {
                assert_eq!(e["code"], "unexpected_field", "{path} ×{n}: {e}");
                assert_eq!(e["pointer"], format!("/k{i:05}"), "{path} ×{n}");
                assert!(!e["message"]["ja"].as_str().unwrap().is_empty(), "{e}");
                assert!(!e["message"]["en"].as_str().unwrap().is_empty(), "{e}");
            }
        }
    }
    assert_eq!(t.submissions(), 0);
});

web_test!(async fn a_page_refuses_a_list_over_its_limit_without_reading_it(t) {
    let web = service(&t).await;
    let client = Browser::default();
    let page = client.get(&web, "/p/juminhyo-copy/applicant").await;
    let csrf = input_value(&page.text, "csrf_token");
    let res = client.post_form(&web, "/p/juminhyo-copy/applicant", Some(&csrf), JUMINHYO_APPLICANT).await;
    assert!(res.status.is_redirection(), "{}: {}", res.status, res.text);
    let mut posted: Vec<(&str, &str)> = JUMINHYO_REQUEST.iter().filter(|(k, _)| *k != "optional_items").copied().collect();
    posted.extend(std::iter::repeat_n(("optional_items", "domicile"), 900));
    let res = client.post_form(&web, "/p/juminhyo-copy/request", Some(&csrf), &posted).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.len() < 256 * 1024, "{} bytes", res.text.len());
    // The message names the question and its limit (7 options, each chosen once at most).
    assert!(res.text.contains("記載する項目(省略されている項目)"), "{}", res.text);
    assert!(res.text.contains("7つまで選べます"), "{}", res.text);
});
