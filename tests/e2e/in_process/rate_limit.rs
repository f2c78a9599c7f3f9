//! The anonymous API's per-address rate limit: validate, file and postal codes answer 429
//! `rate_limited` with `Retry-After` past the limit, the count is shared by the nodes on one
//! database, other addresses and the pages are not held back, and a refused filing stores
//! nothing.

use std::net::SocketAddr;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use serde_json::Value;

use super::support::service_limited;

const VALIDATE: &str = "/api/v1/procedures/juminhyo-copy/validate";
const SUBMIT: &str = "/api/v1/procedures/juminhyo-copy/submissions";
const POSTAL: &str = "/api/v1/postal-codes/9800811";
/// The limit the test nodes run with, and what each counts before adding to the database
/// (a tenth of it).
const LIMIT: u32 = 20;
const BATCH: usize = 2;

fn from(address: &str, req: TestRequest) -> TestRequest {
    req.peer_addr(SocketAddr::new(address.parse().unwrap(), 40000))
}

fn validate(address: &str) -> TestRequest {
    let body = madoguchi_testkit::defaults::example("juminhyo-copy", "self-whole-household.json");
    from(
        address,
        TestRequest::post()
            .uri(VALIDATE)
            .insert_header(("content-type", "application/json"))
            .set_payload(serde_json::to_vec(&body).unwrap()),
    )
}

/// Status, `Retry-After` and body of one request.
async fn send<S, B>(node: &S, req: TestRequest) -> (StatusCode, String, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let res = test::call_service(node, req.to_request()).await;
    let status = res.status();
    let retry = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = test::read_body(res).await;
    (status, retry, String::from_utf8_lossy(&body).into_owned())
}

/// Checks a refusal says what it is and when to come back.
fn assert_refused((status, retry, body): &(StatusCode, String, String)) {
    assert_eq!(*status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let seconds: u64 = retry.parse().expect("Retry-After in seconds");
    assert!((1..=60).contains(&seconds), "within the minute: {seconds}");
    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(
        body["error"]["message"]["ja"]
            .as_str()
            .unwrap()
            .contains("上限")
    );
    assert!(
        body["error"]["message"]["en"]
            .as_str()
            .unwrap()
            .contains("Retry-After")
    );
}

web_test!(async fn the_limit_holds_across_nodes_per_address_and_refuses_before_any_work(t) {
    // Two nodes on one database, each counting for itself and adding to the shared count.
    let a = service_limited(&t, LIMIT).await;
    let b = service_limited(&t, LIMIT).await;
    let address = "192.0.2.10";

    let mut admitted = 0;
    for _ in 0..15 {
        let res = send(&a, validate(address)).await;
        assert_eq!(res.0, StatusCode::OK, "{}", res.2);
        admitted += 1;
    }
    // Node B sees what A added: five more pass, then it refuses.
    let mut refused_on_b = None;
    for i in 0..10 {
        let res = send(&b, validate(address)).await;
        if res.0 == StatusCode::TOO_MANY_REQUESTS {
            assert_refused(&res);
            refused_on_b = Some(i);
            break;
        }
        assert_eq!(res.0, StatusCode::OK, "{}", res.2);
        admitted += 1;
    }
    assert_eq!(refused_on_b, Some(5), "B refuses once the shared count is at the limit");
    assert_eq!(admitted, LIMIT as usize);
    // Node A learns of B's requests when it next adds its own: at most a batch more pass.
    let mut more_on_a = 0;
    for _ in 0..5 {
        let res = send(&a, validate(address)).await;
        if res.0 == StatusCode::OK {
            more_on_a += 1;
        } else {
            assert_refused(&res);
        }
    }
    assert!(more_on_a < BATCH, "A lets through at most a batch past the limit: {more_on_a}");

    // A refused filing is refused before anything is read or stored.
    let before = t.submissions();
    let body = madoguchi_testkit::defaults::example("juminhyo-copy", "self-whole-household.json");
    let file = from(
        address,
        TestRequest::post()
            .uri(SUBMIT)
            .insert_header(("content-type", "application/json"))
            .insert_header(("idempotency-key", "6f1c1d0e-4b1a-4a53-9a1b-0d5c1f0e9b21"))
            .set_payload(serde_json::to_vec(&body).unwrap()),
    );
    assert_refused(&send(&b, file).await);
    assert_eq!(t.submissions(), before, "nothing stored");

    // Another address is not held back, nor are the pages for this one.
    let other = send(&a, validate("192.0.2.11")).await;
    assert_eq!(other.0, StatusCode::OK, "{}", other.2);
    let page = send(&a, from(address, TestRequest::get().uri("/procedures"))).await;
    assert_eq!(page.0, StatusCode::OK);
});

web_test!(async fn postal_code_lookups_and_filings_are_limited_too(t) {
    let node = service_limited(&t, LIMIT).await;
    // Two addresses of one IPv6 /64 network (one household or phone) share one count.
    let address = "2001:db8::7";
    let mut statuses = Vec::new();
    for i in 0..LIMIT + 5 {
        let address = if i % 2 == 0 { address } else { "2001:db8::8" };
        let res = send(&node, from(address, TestRequest::get().uri(POSTAL))).await;
        if res.0 == StatusCode::TOO_MANY_REQUESTS {
            assert_refused(&res);
        } else {
            assert_eq!(res.0, StatusCode::OK, "{}", res.2);
        }
        statuses.push(res.0);
    }
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(ok, LIMIT as usize, "one node holds the limit exactly: {statuses:?}");
    assert!(statuses[LIMIT as usize..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS));

    // The same address's filing counts against the same minute.
    let body = madoguchi_testkit::defaults::example("juminhyo-copy", "self-whole-household.json");
    let file = from(
        address,
        TestRequest::post()
            .uri(SUBMIT)
            .insert_header(("content-type", "application/json"))
            .insert_header(("idempotency-key", "0b0a7c64-6a8e-4d2e-9f0e-2f8f5d5c6a11"))
            .set_payload(serde_json::to_vec(&body).unwrap()),
    );
    assert_refused(&send(&node, file).await);
    assert_eq!(t.submissions(), 0);
});
