//! The JSON API and the postal-code look-up, over HTTP against the real server.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, get, input_value, post_form};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn valid_answers() -> Value {
    json!({
        "applicant_name": "仙台 太郎",
        "applicant_name_kana": "せんだい たろう",
        "applicant_birth_date": "1985-04-01",
        "applicant_postal_code": "９８０００１１",
        "applicant_address": { "prefecture": "宮城県", "city": "仙台市青葉区", "town": "一番町", "block": "1-1" },
        "applicant_phone": "022-214-1111",
        "relation_to_subject": "self",
        "certificate_type": "resident_record",
        "scope": "whole_household",
        "copies": 2,
        "purpose": "勤務先へ提出",
        "payment_method": "online",
        "delivery_address_confirm": true
    })
}

e2e_test!(async fn validate_normalises_and_reports_errors_without_storing(server) {
    let client = browser();
    let url = server.url("/api/v1/procedures/juminhyo-copy/validate");
    let res = client.post(&url).json(&valid_answers()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["valid"], true);
    assert_eq!(body["normalized"]["applicant_name_kana"], "センダイ\u{3000}タロウ");
    assert_eq!(body["normalized"]["applicant_postal_code"], "980-0011");
    assert_eq!(body["fee"]["total_yen"], 600);

    let mut wrong = valid_answers();
    wrong["applicant_phone"] = json!("12345");
    wrong["copies"] = json!(0);
    wrong["unexpected"] = json!("x");
    let res = client.post(&url).json(&wrong).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["valid"], false);
    let errors: Vec<(String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect();
    assert!(errors.contains(&("/applicant_phone".into(), "not_phone".into())), "{errors:?}");
    assert!(errors.contains(&("/copies".into(), "too_small".into())), "{errors:?}");
    assert!(errors.contains(&("/unexpected".into(), "unexpected_field".into())), "{errors:?}");
    let phone = body["errors"].as_array().unwrap().iter().find(|e| e["pointer"] == "/applicant_phone").unwrap();
    assert!(phone["message"]["ja"].as_str().unwrap().contains("日中の連絡先電話番号"));
    assert!(phone["message"]["en"].as_str().unwrap().contains("Daytime phone number"));
    assert_eq!(server.submissions(), 0);

    // Not JSON, not well-formed, unknown procedure.
    let res = client.post(&url).header("content-type", "text/plain").body("{}").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let res = client.post(&url).header("content-type", "application/json").body("{\"a\":").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_request");
    let res = client.post(server.url("/api/v1/procedures/nope/validate")).json(&json!({})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // API clients get JSON for paths and methods that do not exist, never the HTML pages.
    for (res, status, code) in [
        (client.get(server.url("/api/v1/nothing-here")).send().await.unwrap(), StatusCode::NOT_FOUND, "not_found"),
        (client.get(&url).send().await.unwrap(), StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
    ] {
        assert_eq!(res.status(), status);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], code);
        assert!(!body["error"]["message"]["ja"].as_str().unwrap().is_empty());
    }
});

e2e_test!(async fn submissions_are_stored_once_per_key(server) {
    let client = browser();
    let url = server.url("/api/v1/procedures/juminhyo-copy/submissions");
    let key = "5f0e6d2a-1b8c-4c9e-9a57-2d4f3e1b0c77";
    let res = client.post(&url).header("Idempotency-Key", key).json(&valid_answers()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let first: Value = res.json().await.unwrap();
    let number = first["arrival_number"].as_str().unwrap().to_string();
    assert_eq!(number.len(), 16);
    assert_eq!(first["fee_yen"], 600);
    assert_eq!(first["state"], "arrived");

    let res = client.post(&url).header("Idempotency-Key", key).json(&valid_answers()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers().get("idempotent-replayed").unwrap(), "true");
    let again: Value = res.json().await.unwrap();
    assert_eq!(again["arrival_number"], number.as_str());

    let mut other = valid_answers();
    other["copies"] = json!(3);
    let res = client.post(&url).header("Idempotency-Key", key).json(&other).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "same key, other answers");
    let res = client.post(&url).json(&valid_answers()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "no key");
    let mut invalid = valid_answers();
    invalid["applicant_name"] = json!("");
    let res = client.post(&url).header("Idempotency-Key", "c3b1f3e0-0000-4000-8000-000000000001").json(&invalid).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], "required");
    assert_eq!(server.submissions(), 1);
});

e2e_test!(async fn postal_codes_fill_the_address_with_and_without_javascript(server) {
    let client = browser();
    let res = client.get(server.url("/api/v1/postal-codes/980-0811")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["addresses"][0]["city"], "仙台市青葉区");
    assert_eq!(body["addresses"][0]["town"], "一番町");
    assert_eq!(body["addresses"][0]["local_gov_code"], "04101", "the ward, for routing");
    assert_eq!(client.get(server.url("/api/v1/postal-codes/1234567")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(client.get(server.url("/api/v1/postal-codes/12a")).send().await.unwrap().status(), StatusCode::BAD_REQUEST);

    // Without JavaScript: the "look up address" button.
    let (_, page) = get(&client, &server.url("/p/juminhyo-copy/applicant")).await;
    assert!(page.contains("value=\"lookup:applicant_postal_code\""));
    let csrf = input_value(&page, "csrf_token");
    let step = server.url("/p/juminhyo-copy/applicant");
    let res = post_form(&client, &step, &csrf, &[("applicant_name", "仙台 太郎"), ("applicant_postal_code", "９８０－０８１１"), ("_action", "lookup:applicant_postal_code")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("name=\"applicant_address.city\" type=\"text\" value=\"仙台市青葉区\""), "city filled");
    assert!(page.contains("name=\"applicant_address.town\" type=\"text\" value=\"一番町\""), "town filled");
    assert!(page.contains("value=\"仙台 太郎\""), "other answers kept");
    let res = post_form(&client, &step, &csrf, &[("applicant_postal_code", "100-0000"), ("_action", "lookup:applicant_postal_code")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("当てはまる住所が見つかりません"));
    assert_eq!(server.drafts(), 0, "looking up saves nothing");
});

/// Every `$ref` in `v` points at something in `doc`.
fn refs_resolve(doc: &Value, v: &Value, broken: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                let pointer = r.trim_start_matches('#');
                if doc.pointer(pointer).is_none() {
                    broken.push(r.clone());
                }
            }
            map.values().for_each(|x| refs_resolve(doc, x, broken));
        }
        Value::Array(items) => items.iter().for_each(|x| refs_resolve(doc, x, broken)),
        _ => {}
    }
}

/// `body` has every field the schema `name` requires, and no field it does not describe.
fn described_by(doc: &Value, name: &str, body: &Value) {
    let schema = &doc["components"]["schemas"][name];
    let described = schema["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("schema {name}"));
    let sent = body.as_object().unwrap_or_else(|| panic!("{name}: {body}"));
    for key in sent.keys() {
        assert!(
            described.contains_key(key),
            "{name}.{key} is sent but not described"
        );
    }
    for key in schema["required"].as_array().into_iter().flatten() {
        assert!(
            sent.contains_key(key.as_str().unwrap()),
            "{name}.{key} is required but not sent"
        );
    }
}

e2e_test!(async fn the_openapi_document_describes_the_api_that_answers(server) {
    let client = browser();
    let res = client.get(server.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut broken = Vec::new();
    refs_resolve(&doc, &doc, &mut broken);
    assert!(broken.is_empty(), "unresolved: {broken:?}");
    let mut paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/booking-resources/{id}", "/booking-resources/{id}/slots",
            "/department/procedures", "/department/submissions", "/department/submissions/{id}",
            "/department/submissions/{id}/files/{file}", "/postal-codes/{code}", "/procedures", "/procedures/{id}", "/procedures/{id}/draft",
            "/procedures/{id}/files", "/procedures/{id}/publish", "/procedures/{id}/retire", "/procedures/{id}/submissions", "/procedures/{id}/validate",
            "/procedures/{id}/versions", "/submissions/{id}",
        ],
        "the document lists every route of /api/v1"
    );

    // The read-only procedure routes it describes.
    let list: Value = client.get(server.url("/api/v1/procedures")).send().await.unwrap().json().await.unwrap();
    let items = list["procedures"].as_array().unwrap();
    assert!(items.len() >= 100, "{}", items.len());
    let juminhyo = items.iter().find(|p| p["id"] == "juminhyo-copy").unwrap();
    assert_eq!(juminhyo["identity"], "my-number-card");
    assert_eq!(juminhyo["department"], "koseki-jumin");
    let res = client.get(server.url("/api/v1/procedures/juminhyo-copy")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let one: Value = res.json().await.unwrap();
    assert_eq!(one["definition"]["procedure"]["id"], "juminhyo-copy");
    assert_eq!(one["version"], juminhyo["version"]);
    // The sources of its facts and deadlines are published; the authors' notes of what the
    // city has yet to confirm (in the files, on facts and on a deadline) are not.
    for id in ["juminhyo-copy", "shussei-todoke"] {
        let file = std::fs::read_to_string(format!("{}/../forms/{id}/form.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(file.contains("\"to_confirm\""), "{id}'s file has notes for the city");
        let one: Value = client.get(server.url(&format!("/api/v1/procedures/{id}"))).send().await.unwrap().json().await.unwrap();
        let published = one["definition"].to_string();
        assert!(!published.contains("\"to_confirm\""), "{id}: no note for the city is published");
        assert!(published.contains("\"sources\""), "{id}: its sources are");
    }
    let res = client.get(server.url("/api/v1/procedures/no-such-thing")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "not_found");
    assert!(err["error"]["message"]["en"].as_str().is_some());
    let res = client.put(server.url("/api/v1/procedures")).json(&json!({})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "one envelope for 405 too");
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "method_not_allowed");

    // The bodies it describes are the bodies the API sends, field by field.
    described_by(&doc, "ProcedureList", &list);
    described_by(&doc, "ProcedureSummary", juminhyo);
    described_by(&doc, "Localized", &juminhyo["title"]);
    described_by(&doc, "ProcedureDocument", &one);
    described_by(&doc, "Error", &err);
    described_by(&doc, "ErrorBody", &err["error"]);
    let validate = server.url("/api/v1/procedures/juminhyo-copy/validate");
    let valid: Value = client.post(&validate).json(&valid_answers()).send().await.unwrap().json().await.unwrap();
    described_by(&doc, "Validated", &valid);
    described_by(&doc, "Fee", &valid["fee"]);
    let mut wrong = valid_answers();
    wrong["applicant_phone"] = json!("12345");
    let invalid: Value = client.post(&validate).json(&wrong).send().await.unwrap().json().await.unwrap();
    described_by(&doc, "Invalid", &invalid);
    described_by(&doc, "FieldProblem", &invalid["errors"][0]);
    let res = client
        .post(server.url("/api/v1/procedures/juminhyo-copy/submissions"))
        .header("Idempotency-Key", "0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f")
        .json(&valid_answers())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    described_by(&doc, "Receipt", &receipt);
    if receipt["payment"].is_object() {
        described_by(&doc, "PaymentDue", &receipt["payment"]);
    }
    let postal: Value = client.get(server.url("/api/v1/postal-codes/980-0811")).send().await.unwrap().json().await.unwrap();
    described_by(&doc, "PostalCodeAnswer", &postal);
    described_by(&doc, "Address", &postal["addresses"][0]);
    assert_eq!(
        doc["paths"]["/procedures/{id}/submissions"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Answers",
        "the answers are described, not just any object"
    );
});
