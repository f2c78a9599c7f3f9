//! A routed procedure's postal code that is no address in the city is refused with a message
//! on its question, on the page that asks it and by the API, and nothing is stored.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use madoguchi_testkit::JUMINHYO_APPLICANT;
use serde_json::Value;

use madoguchi_e2e::input_value;

use super::support::{Browser, service};

fn json_post(path: &str, body: &Value) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .insert_header(("idempotency-key", "7c9e6679-7425-40de-944b-e07fc1f90ae7"))
        .set_payload(serde_json::to_vec(body).unwrap())
}

web_test!(async fn a_postal_code_outside_the_city_is_refused_with_its_message(t) {
    let web = service(&t).await;
    // The city hall's business code, one that does not exist, another prefecture's.
    for postal in ["980-8671", "000-0000", "100-0001"] {
        let client = Browser::default();
        let page = client.get(&web, "/p/juminhyo-copy/applicant").await;
        let csrf = input_value(&page.text, "csrf_token");
        let mut answers: Vec<(&str, &str)> = JUMINHYO_APPLICANT.to_vec();
        answers.iter_mut().filter(|(k, _)| *k == "applicant_postal_code").for_each(|(_, v)| *v = postal);
        let res = client.post_form(&web, "/p/juminhyo-copy/applicant", Some(&csrf), &answers).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{postal}");
        assert!(res.text.contains("仙台市内の住所の郵便番号ではない"), "{postal}: {}", res.text);

        let mut body = madoguchi_testkit::defaults::example("juminhyo-copy", "self-whole-household.json");
        body["applicant_postal_code"] = postal.into();
        for path in ["/api/v1/procedures/juminhyo-copy/validate", "/api/v1/procedures/juminhyo-copy/submissions"] {
            let res = client.send(&web, json_post(path, &body)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {postal}: {}", res.text);
            let v: Value = serde_json::from_str(&res.text).unwrap();
            let errors = v["errors"].as_array().unwrap();
            assert_eq!(errors.len(), 1, "{path} {postal}: {errors:?}");
            assert_eq!(errors[0]["pointer"], "/applicant_postal_code");
            assert_eq!(errors[0]["code"], "postal_code_outside_city");
            assert!(errors[0]["message"]["en"].as_str().unwrap().contains("not the postal code of an address in Sendai"), "{}", errors[0]);
        }
    }
    assert_eq!(t.submissions(), 0);
});
