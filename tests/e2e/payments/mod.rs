//! Fees paid online, end to end over HTTP: the real server, the stand-in provider (mounted
//! in the server, or a separate service), signed webhooks, the payment job and real SMTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use madoguchi_e2e::{
    TestServer, browser, e2e_test, fill_form, get, input_value, location, post_form, staff_sign_in,
};
use madoguchi_store::prelude::{PaymentsRead, SubmissionsRead};
use reqwest::{Client, StatusCode};

mod card;
mod counter;
mod provider;

/// The link of `path` (`/pay/`) in a mail's text.
fn link_in(text: &str, path: &str) -> String {
    let marker = format!("https://madoguchi.test{path}");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no {path} link in:\n{text}"));
    text[start..].split_whitespace().next().unwrap().to_string()
}

/// Files the resident-record request (600円, paid after approval) and has the clerk approve
/// it. Returns (resident browser, clerk browser, arrival number, filing's page path).
async fn filed_and_approved(server: &TestServer) -> (Client, Client, String, String) {
    let resident = browser();
    let check = fill_form(server, &resident).await;
    assert!(
        check.contains("手数料は、審査が終わってから"),
        "the check page says when the fee is paid"
    );
    let res = post_form(
        &resident,
        &server.url("/p/juminhyo-copy/submit"),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    )
    .await;
    let receipt_url = location(&res);
    assert!(
        receipt_url.starts_with("/receipts/"),
        "paid after approval: the receipt first"
    );
    let number = receipt_url.trim_start_matches("/receipts/").to_string();
    let clerk = staff_sign_in(server, "koseki-jumin@sendai.example").await;
    let (_, queue) = get(&clerk, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).unwrap() + marker.len();
    let id = queue[start..start + queue[start..].find('"').unwrap()].to_string();
    let detail = format!("/office/submissions/{id}");
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    let res = post_form(
        &clerk,
        &server.url(&format!("{detail}/decision")),
        &input_value(&page, "csrf_token"),
        &[("decision", "approve"), ("reason", "")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    (resident, clerk, number, detail)
}

/// Pays on the stand-in provider's hosted page by card; returns the return page's HTML.
async fn pay_by_card(
    server: &TestServer,
    client: &Client,
    provider_page: &str,
    card: &str,
) -> (StatusCode, String) {
    let page_url = server.local(provider_page);
    let (status, page) = get(client, &page_url).await;
    assert_eq!(status, StatusCode::OK, "the hosted checkout page");
    assert!(page.contains("600") && page.contains("card_number"));
    let res = client
        .post(format!("{page_url}/card"))
        .form(&[("card_number", card)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "the provider sends the resident back"
    );
    let back = location(&res);
    assert!(
        back.starts_with("https://madoguchi.test/payments/return?checkout="),
        "{back}"
    );
    get(client, &server.local(&back)).await
}

/// The filing's payments, oldest first.
struct Paid {
    status: madoguchi_payment::PaymentStatus,
    amount_paid_yen: i64,
}

fn payments_of(server: &TestServer, number: &str) -> Vec<Paid> {
    let mut conn = server.db.db.conn().unwrap();
    let row = conn
        .find_submission_by_arrival_number(&"041009".into(), number)
        .unwrap()
        .unwrap();
    conn.payments_of(&row.id)
        .unwrap()
        .into_iter()
        .map(|p| Paid {
            status: p.status,
            amount_paid_yen: p.amount_paid_yen,
        })
        .collect()
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A separate stand-in provider in test mode (its till can settle a convenience-store
/// number) sending no webhooks: the payment job learns everything by polling. Its URL.
fn spawn_polled_stub(secret: &str) -> String {
    let spare = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let stub_url = format!("http://{}", spare.local_addr().unwrap());
    let mut config = madoguchi_stubpay::StubConfig::new(
        &stub_url,
        "sk_test",
        madoguchi_payment::WebhookSecret::new(secret.as_bytes()).unwrap(),
    );
    config.test_mode = true; // and no webhook_url: every webhook is "lost"
    let stub = madoguchi_stubpay::StubPay::new(config).unwrap();
    actix_web::rt::spawn(madoguchi_stubpay::serve(spare, stub).unwrap());
    stub_url
}

/// The convenience-store number of `checkout` is paid at the till.
async fn settle_at_the_till(stub_url: &str, checkout: &str) {
    let res = Client::new()
        .post(format!("{stub_url}/test/checkouts/{checkout}/settle"))
        .bearer_auth("sk_test")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
}

/// What the provider says it took and gave back for `checkout`.
async fn provider_amounts(stub_url: &str, checkout: &str) -> (Option<i64>, Option<i64>) {
    let state = Client::new()
        .get(format!("{stub_url}/v1/checkouts/{checkout}"))
        .bearer_auth("sk_test")
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    (
        state["amount_paid"].as_i64(),
        state["amount_refunded"].as_i64(),
    )
}
