//! A department's integrations over HTTP (both engines): API tokens made and revoked on the
//! integrations page, the procedures API with read and write tokens, a webhook receiving a
//! signed delivery after one failure, the delivery log and "send again", and the status of a
//! filing for the department's systems.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use madoguchi_e2e::{browser, e2e_test, get, input_value, post_form, staff_sign_in};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The secret shown once on the integrations page.
fn shown_secret(page: &str, prefix: &str) -> String {
    let start = page
        .find(&format!("<code class=\"mono\">{prefix}"))
        .expect("the secret is shown")
        + "<code class=\"mono\">".len();
    page[start..start + page[start..].find('<').unwrap()].to_string()
}

/// A webhook receiver on loopback: answers 500 to the first delivery, then 200; keeps
/// every request's headers and body.
/// One request as received: its headers and body.
type Received = (Vec<(String, String)>, String);

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    fn start(&self) -> u16 {
        let got = Arc::clone(&self.got);
        let server = HttpServer::new(move || {
            let got = Arc::clone(&got);
            App::new().route(
                "/hook",
                web::post().to(move |req: HttpRequest, body: String| {
                    let got = Arc::clone(&got);
                    async move {
                        let headers = req
                            .headers()
                            .iter()
                            .map(|(k, v)| {
                                (k.as_str().to_string(), v.to_str().unwrap_or("").to_string())
                            })
                            .collect();
                        let mut got = got.lock().unwrap();
                        got.push((headers, body));
                        if got.len() == 1 {
                            HttpResponse::InternalServerError().finish()
                        } else {
                            HttpResponse::Ok().finish()
                        }
                    }
                }),
            )
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .unwrap();
        let port = server.addrs()[0].port();
        actix_web::rt::spawn(server.run());
        port
    }

    fn count(&self) -> usize {
        self.got.lock().unwrap().len()
    }

    async fn wait_for(&self, n: usize) {
        for _ in 0..150 {
            if self.count() >= n {
                return;
            }
            actix_web::rt::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the receiver got {} deliveries, not {n}", self.count());
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

e2e_test!(
    async fn tokens_drive_the_procedures_api_and_webhooks_report_filings(server) {
        // Only authors manage integrations.
        let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
        assert_eq!(get(&clerk, &server.url("/office/integrations")).await.0, StatusCode::FORBIDDEN);

        let author = staff_sign_in(&server, "koseki-jumin.author@sendai.example").await;
        let (status, page) = get(&author, &server.url("/office/integrations")).await;
        assert_eq!(status, StatusCode::OK);
        let csrf = input_value(&page, "csrf_token");

        // A name is required, at its field.
        let res = post_form(&author, &server.url("/office/integrations/tokens"), &csrf, &[("name", " "), ("rights", "read")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("id=\"name-error\""));
        let res = post_form(&author, &server.url("/office/integrations/tokens"), &csrf, &[("name", "基幹システム(読み取り)"), ("rights", "read")]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let read = shown_secret(&res.text().await.unwrap(), "mdg_");
        let res = post_form(&author, &server.url("/office/integrations/tokens"), &csrf, &[("name", "手続の管理ツール"), ("rights", "write")]).await;
        let write = shown_secret(&res.text().await.unwrap(), "mdg_");
        let (_, page) = get(&author, &server.url("/office/integrations")).await;
        assert!(!page.contains(&read) && !page.contains(&write), "a secret is shown once");

        let api = browser();
        // No token, a made-up one: 401 with the envelope.
        let res = api.get(server.url("/api/v1/department/procedures")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(res.headers().contains_key("www-authenticate"));
        assert_eq!(res.json::<Value>().await.unwrap()["error"]["code"], "api_token_invalid");
        let res = api.get(server.url("/api/v1/department/procedures")).bearer_auth(format!("mdg_{}", "A".repeat(43))).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

        // Read: the section's procedures.
        let res = api.get(server.url("/api/v1/department/procedures")).bearer_auth(&read).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let list: Value = res.json().await.unwrap();
        assert!(list["procedures"].as_array().unwrap().iter().any(|p| p["id"] == "juminhyo-copy" && p["status"] == "published"));
        // A read token changes nothing.
        let res = api.post(server.url("/api/v1/procedures")).bearer_auth(&read).json(&json!({ "id": "api-soudan" })).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(res.json::<Value>().await.unwrap()["error"]["code"], "api_token_read_only");

        // Write: a new draft from the template, checked; fixed with PUT; published.
        let res = api.post(server.url("/api/v1/procedures")).bearer_auth(&write).json(&json!({ "id": "api-soudan" })).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        let draft: Value = res.json().await.unwrap();
        assert_eq!(draft["publishable"], false);
        assert!(draft["problems"].as_array().unwrap().iter().any(|p| p["pointer"] == "/procedure/legal_basis"));
        let res = api.post(server.url("/api/v1/procedures/api-soudan/publish")).bearer_auth(&write).json(&json!({ "note": "初版" })).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let refused: Value = res.json().await.unwrap();
        assert_eq!(refused["error"]["code"], "definition_invalid");
        assert_eq!(refused["error"]["problems"][0]["pointer"], "/procedure/legal_basis");
        let mut definition = draft["definition"].clone();
        definition["procedure"]["legal_basis"] = json!("地方自治法 第2条");
        definition["procedure"]["title"] = json!({ "ja": "相談の予約", "en": "Book a consultation" });
        // The procedure page's texts the template asks for are written (its own words are refused).
        definition["procedure"]["summary"] = json!({ "ja": "窓口での相談を予約します。", "en": "Book a consultation at a counter." });
        definition["procedure"]["who_may_file"] = json!({ "ja": "市内にお住まいの方", "en": "People living in the city." });
        definition["procedure"]["result_delivery"] = json!({ "ja": "予約の結果はメールでお知らせします。", "en": "The booking is confirmed by email." });
        let res = api.put(server.url("/api/v1/procedures/api-soudan/draft")).bearer_auth(&write).json(&definition).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.json::<Value>().await.unwrap()["publishable"], true);
        // Another department's procedure is not this token's.
        let res = api.put(server.url("/api/v1/procedures/inu-toroku/draft")).bearer_auth(&write).json(&definition).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let res = api.post(server.url("/api/v1/procedures/api-soudan/publish")).bearer_auth(&write).json(&json!({ "note": "初版" })).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(res.json::<Value>().await.unwrap()["version"], 1);
        assert_eq!(get(&browser(), &server.url("/p/api-soudan")).await.0, StatusCode::OK, "open for filing");
        let res = api.get(server.url("/api/v1/procedures/api-soudan/versions")).bearer_auth(&read).send().await.unwrap();
        assert_eq!(res.json::<Value>().await.unwrap()["versions"][0]["change_note"], "初版");
        // Retired: the resident's page says it is closed.
        let res = api.post(server.url("/api/v1/procedures/api-soudan/retire")).bearer_auth(&write).json(&json!({ "reason": "試行の終了" })).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let (status, closed) = get(&browser(), &server.url("/p/api-soudan")).await;
        assert_eq!(status, StatusCode::GONE);
        assert!(closed.contains("受付は終了"), "{closed}");

        // A webhook: signed deliveries, retried after a 500, logged, sent again on request.
        let receiver = Receiver::default();
        let port = receiver.start();
        let res = post_form(&author, &server.url("/office/integrations/webhooks"), &csrf, &[("url", "http://hooks.example/x"), ("events", "submission.received")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("id=\"url-error\""));
        let res = post_form(&author, &server.url("/office/integrations/webhooks"), &csrf, &[("url", &format!("http://127.0.0.1:{port}/hook")), ("events", "submission.received"), ("events", "submission.status_changed")]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let secret = shown_secret(&res.text().await.unwrap(), "whsec_");

        let filed = browser()
            .post(server.url("/api/v1/procedures/juminhyo-copy/submissions"))
            .header("Idempotency-Key", "0b8e9f3c-7d2a-4e51-9c3b-5a6f1e2d3c4b")
            .json(&json!({
                "applicant_name": "仙台 太郎", "applicant_name_kana": "せんだい たろう",
                "applicant_birth_date": "1985-04-01", "applicant_postal_code": "980-0011",
                "applicant_address": { "prefecture": "宮城県", "city": "仙台市青葉区", "town": "一番町", "block": "1-1" },
                "applicant_phone": "022-214-1111", "relation_to_subject": "self",
                "certificate_type": "resident_record", "scope": "whole_household", "copies": 1,
                "purpose": "勤務先へ提出", "payment_method": "online", "delivery_address_confirm": true
            }))
            .send().await.unwrap();
        assert_eq!(filed.status(), StatusCode::CREATED);
        let number = filed.json::<Value>().await.unwrap()["arrival_number"].as_str().unwrap().to_string();

        receiver.wait_for(2).await;
        let got = receiver.got.lock().unwrap().clone();
        let (headers, body) = &got[1];
        assert_eq!(header(headers, "madoguchi-event"), "submission.received");
        assert_ne!(header(&got[0].0, "madoguchi-delivery"), "", "each attempt names its delivery");
        let signature = header(headers, "madoguchi-signature");
        let t: i64 = signature.strip_prefix("t=").unwrap().split(',').next().unwrap().parse().unwrap();
        assert_eq!(signature, madoguchi_app::integrations::sign_payload(&secret, t, body), "signed with the secret");
        assert_ne!(signature, madoguchi_app::integrations::sign_payload("whsec_other", t, body));
        let event: Value = serde_json::from_str(body).unwrap();
        assert_eq!(event["event"], "submission.received");
        assert_eq!(event["data"]["arrival_number"], number.as_str());
        assert!(!body.contains("仙台 太郎"), "the body names the filing, not the person");

        // The filing's status, for the department's systems.
        let res = api.get(server.url(&format!("/api/v1/submissions/{number}"))).bearer_auth(&read).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let status: Value = res.json().await.unwrap();
        assert_eq!(status["state"], "arrived");
        assert_eq!(status["history"][0]["action"], "submit");
        let submission_id = status["id"].as_str().unwrap().to_string();
        // By its id too; an id that is neither is the API's 404 before any look-up.
        let res = api.get(server.url(&format!("/api/v1/submissions/{submission_id}"))).bearer_auth(&read).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        for wrong in ["%27%20OR%201=1--", "%00", &"9".repeat(3000)] {
            let res = api.get(server.url(&format!("/api/v1/submissions/{wrong}"))).bearer_auth(&read).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{}", &wrong[..wrong.len().min(20)]);
            let err: Value = res.json().await.unwrap();
            assert_eq!(err["error"]["code"], "not_found", "the API's own 404, not the page");
        }

        // A clerk takes it up: the status change is delivered too.
        let detail = server.url(&format!("/office/submissions/{submission_id}"));
        let (_, page) = get(&clerk, &detail).await;
        let res = post_form(&clerk, &format!("{detail}/actions"), &input_value(&page, "csrf_token"), &[("action", "claim")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        receiver.wait_for(3).await;
        let changed: Value = serde_json::from_str(&receiver.got.lock().unwrap()[2].1).unwrap();
        assert_eq!(changed["event"], "submission.status_changed");
        assert_eq!(changed["data"]["previous_state"], "arrived");

        // The log shows the retry; "send again" delivers the same event once more.
        let (_, page) = get(&author, &server.url("/office/integrations")).await;
        assert!(page.contains("HTTP 200") && page.contains("submission.received"), "{page}");
        let replay = page.find("/replay\"").map(|end| {
            let start = page[..end].rfind("/office/integrations/deliveries/").unwrap();
            page[start..end + "/replay".len()].to_string()
        }).unwrap();
        let res = post_form(&author, &server.url(&replay), &csrf, &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        receiver.wait_for(4).await;
        let again: Value = serde_json::from_str(&receiver.got.lock().unwrap()[3].1).unwrap();
        let first_ids: Vec<Value> = receiver.got.lock().unwrap()[..3].iter().map(|(_, b)| serde_json::from_str::<Value>(b).unwrap()["id"].clone()).collect();
        assert!(first_ids.contains(&again["id"]), "the event keeps its id when sent again");

        // Revoked: refused at once.
        let (_, page) = get(&author, &server.url("/office/integrations")).await;
        let at = page.find("/revoke\"").unwrap();
        let start = page[..at].rfind("/office/integrations/tokens/").unwrap();
        let res = post_form(&author, &server.url(&page[start..at + "/revoke".len()]), &csrf, &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let res = api.get(server.url("/api/v1/department/procedures")).bearer_auth(&read).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the first token (read) is revoked");
        let res = api.get(server.url("/api/v1/department/procedures")).bearer_auth(&write).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "the other still works");
    }
);
