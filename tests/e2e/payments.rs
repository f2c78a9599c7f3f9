//! Fees paid online, end to end over HTTP: the real server, the stand-in provider (mounted
//! in the server, or a separate service), signed webhooks, the payment job and real SMTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use madoguchi_e2e::{
    TestServer, browser, e2e_test, fill_form, get, input_value, location, post_form, staff_sign_in,
};
use madoguchi_store::payments;
use reqwest::{Client, StatusCode};

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
    status: String,
    amount_paid_yen: i64,
}

fn payments_of(server: &TestServer, number: &str) -> Vec<Paid> {
    let mut conn = server.db.db.conn().unwrap();
    let row = madoguchi_store::submissions::find_by_arrival_number(&mut conn, "041009", number)
        .unwrap()
        .unwrap();
    payments::of_submission(&mut conn, &row.id)
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

e2e_test!(async fn a_certificate_is_paid_after_approval_once_and_then_closed(server) {
    let (resident, clerk, number, detail) = filed_and_approved(&server).await;
    let mails = server.sink.wait_for(3, Duration::from_secs(20));
    let pay_link = link_in(&mails.iter().find(|m| m.text().contains("/pay/")).expect("the request to pay").text(), "/pay/");

    // The office cannot close the matter (send the certificate) before the fee is paid.
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(page.contains("お支払いがまだです"), "the clerk sees the fee is unpaid");
    let res = post_form(&clerk, &server.url(&format!("{detail}/actions")), &input_value(&page, "csrf_token"), &[("action", "close")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("手数料がまだ支払われていません"));

    // The emailed link works in any browser (the resident's phone), shows the fee, and
    // sends to the provider's page. A card that is declined can be tried again.
    let phone = browser();
    let (status, pay) = get(&phone, &server.local(&pay_link)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pay.contains("600円") && pay.contains(&number));
    let res = post_form(&phone, &server.local(&pay_link), &input_value(&pay, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let provider_page = location(&res);
    assert!(provider_page.starts_with("https://madoguchi.test/stubpay/pay/"), "{provider_page}");
    let (status, back) = pay_by_card(&server, &phone, &provider_page, "4000000000000002").await;
    assert_eq!(status, StatusCode::OK);
    assert!(back.contains("お支払いができませんでした"), "a declined card is said plainly");
    let res = post_form(&phone, &server.local(&pay_link), &input_value(&pay, "csrf_token"), &[]).await;
    let second_page = location(&res);
    assert_ne!(second_page, provider_page, "a failed checkout is replaced by a new one");
    let (status, back) = pay_by_card(&server, &phone, &second_page, "4242424242424242").await;
    assert_eq!(status, StatusCode::OK);
    assert!(back.contains("お支払いが完了しました") && back.contains("600円"), "{back}");

    // The return page and the webhook both report it: counted once, one mail.
    let rows = payments_of(&server, &number);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].status.as_str(), rows[1].status.as_str()), ("failed", "paid"));
    assert_eq!(rows[1].amount_paid_yen, 600);
    let mails = server.sink.wait_for(4, Duration::from_secs(20));
    actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
    let received: Vec<_> = server.sink.received().into_iter().filter(|m| m.text().contains("お支払いを確認しました")).collect();
    assert_eq!(received.len(), 1, "one 'payment received' mail: {:?}", mails.len());
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert_eq!(page.matches("手数料の入金").count(), 1, "one payment event in the history");
    assert!(page.contains("支払済み"));
    // Paying again is refused (nothing is due).
    let res = post_form(&phone, &server.local(&pay_link), &input_value(&pay, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // Now the office closes it; the resident's receipt says paid.
    let res = post_form(&clerk, &server.url(&format!("{detail}/actions")), &input_value(&page, "csrf_token"), &[("action", "close")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, receipt) = get(&resident, &server.url(&format!("/receipts/{number}"))).await;
    assert!(receipt.contains("支払済み") && receipt.contains("クレジットカード"));

    // The accounting section's day: the supervisor sees the payment, also as CSV.
    let chief = staff_sign_in(&server, "koseki-jumin.kacho@sendai.example").await;
    let (status, day) = get(&chief, &server.url("/office/payments")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(day.contains(&number) && day.contains("600円"), "{day}");
    let res = chief.get(server.url("/office/payments.csv")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.lines().any(|l| l.contains(&number) && l.contains("入金") && l.ends_with(",600")), "{csv}");
    assert!(csv.lines().last().unwrap().ends_with(",600"), "the total line");
    // A clerk (not the accounting roles) may not.
    assert_eq!(get(&clerk, &server.url("/office/payments")).await.0, StatusCode::FORBIDDEN);
});

e2e_test!(async fn webhooks_are_checked_and_a_duplicate_counts_once(server) {
    let (_, _, number, _) = filed_and_approved(&server).await;
    let mails = server.sink.wait_for(3, Duration::from_secs(20));
    let pay_link = link_in(&mails.iter().find(|m| m.text().contains("/pay/")).expect("the request to pay").text(), "/pay/");
    let phone = browser();
    let (_, pay) = get(&phone, &server.local(&pay_link)).await;
    let res = post_form(&phone, &server.local(&pay_link), &input_value(&pay, "csrf_token"), &[]).await;
    let checkout = location(&res).rsplit('/').next().unwrap().to_string();

    // An event saying "paid", signed with the mounted stub's secret as the provider would.
    let secret = std::fs::read(server.data_dir.join("keys/stubpay.key")).unwrap();
    let secret = madoguchi_payment::WebhookSecret::new(&secret).unwrap();
    let event = serde_json::json!({
        "event_id": "evt_test_1", "checkout_id": checkout, "reference": number,
        "status": "paid", "amount": 600, "amount_paid": 600, "amount_refunded": 0,
        "method": "card", "occurred_at": chrono::Utc::now().timestamp()
    }).to_string();
    let now = chrono::Utc::now().timestamp();
    let post = |signature: Option<String>, body: String| {
        let mut req = Client::new().post(server.url("/payments/webhook")).header("content-type", "application/json").body(body);
        if let Some(s) = signature {
            req = req.header("Madoguchi-Signature", s);
        }
        req.send()
    };
    // Unsigned, tampered and replayed (signed ten minutes ago) events are refused and
    // change nothing.
    assert_eq!(post(None, event.clone()).await.unwrap().status(), StatusCode::BAD_REQUEST);
    let tampered = event.replace("\"amount_paid\":600", "\"amount_paid\":6");
    assert_ne!(tampered, event);
    let signature = madoguchi_payment::sign_webhook(&secret, now, event.as_bytes());
    assert_eq!(post(Some(signature.clone()), tampered).await.unwrap().status(), StatusCode::BAD_REQUEST);
    let old = madoguchi_payment::sign_webhook(&secret, now - 600, event.as_bytes());
    assert_eq!(post(Some(old), event.clone()).await.unwrap().status(), StatusCode::BAD_REQUEST);
    assert_eq!(payments_of(&server, &number)[0].status, "created", "nothing applied");

    // The genuine event is applied; the same event again (a redelivery) and a stale
    // "created" after it change nothing.
    let res = post(Some(signature.clone()), event.clone()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), r#"{"outcome":"applied"}"#);
    let res = post(Some(signature), event.clone()).await.unwrap();
    assert_eq!(res.text().await.unwrap(), r#"{"outcome":"duplicate"}"#);
    let stale = event.replace("evt_test_1", "evt_test_0").replace("\"status\":\"paid\"", "\"status\":\"created\"");
    let res = post(Some(madoguchi_payment::sign_webhook(&secret, now, stale.as_bytes())), stale).await.unwrap();
    assert_eq!(res.text().await.unwrap(), r#"{"outcome":"stale"}"#);
    let rows = payments_of(&server, &number);
    assert_eq!((rows.len(), rows[0].status.as_str(), rows[0].amount_paid_yen), (1, "paid", 600));
    // Many duplicates at once still count once.
    let many = (0..20).map(|i| {
        let body = event.replace("evt_test_1", &format!("evt_par_{}", i % 2));
        let sig = madoguchi_payment::sign_webhook(&secret, now, body.as_bytes());
        post(Some(sig), body)
    });
    for r in futures_util::future::join_all(many).await {
        assert_eq!(r.unwrap().status(), StatusCode::OK);
    }
    actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
    let received = server.sink.received().into_iter().filter(|m| m.text().contains("お支払いを確認しました")).count();
    assert_eq!(received, 1, "one 'payment received' mail");
});

/// The provider is a separate service that is down when the resident submits: the filing
/// is kept, the resident is told and pays once it is back.
#[actix_web::test]
async fn provider_down_keeps_the_filing_and_paying_works_once_it_is_back() {
    // A port with nothing on it yet; the stub starts there later.
    let spare = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let stub_addr = spare.local_addr().unwrap();
    drop(spare);
    let stub_url = format!("http://{stub_addr}");
    let secret = "a-webhook-secret-for-tests";
    let server = TestServer::start_with(madoguchi_testkit::TestDb::sqlite(), |s| {
        s.payment.provider = "stub".into();
        s.payment.stub_url = stub_url.clone();
        s.payment.api_key = "sk_test".into();
        s.payment.webhook_secret = secret.into();
    });
    let (resident, _, number, _) = filed_and_approved(&server).await;
    let (_, receipt) = get(&resident, &server.url(&format!("/receipts/{number}"))).await;
    assert!(receipt.contains("お支払いがまだです"));
    let res = post_form(
        &resident,
        &server.url(&format!("/receipts/{number}/pay")),
        &input_value(&receipt, "csrf_token"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("支払いの画面につながりません") && page.contains("消えていません"),
        "{page}"
    );
    assert_eq!(server.submissions(), 1, "the filing is intact");
    assert_eq!(payments_of(&server, &number)[0].status, "due");

    // The provider comes back (on its port, webhooks to the server): paying works.
    let mut config = madoguchi_stubpay::StubConfig::new(
        &stub_url,
        "sk_test",
        madoguchi_payment::WebhookSecret::new(secret.as_bytes()).unwrap(),
    );
    config.webhook_url = Some(server.url("/payments/webhook"));
    let stub = madoguchi_stubpay::StubPay::new(config).unwrap();
    let listener = std::net::TcpListener::bind(stub_addr).unwrap();
    actix_web::rt::spawn(madoguchi_stubpay::serve(listener, stub).unwrap());
    let res = post_form(
        &resident,
        &server.url(&format!("/receipts/{number}/pay")),
        &input_value(&receipt, "csrf_token"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = location(&res);
    assert!(page.starts_with(&stub_url), "{page}");
    let (status, back) = pay_by_card(&server, &resident, &page, "4242424242424242").await;
    assert_eq!(status, StatusCode::OK);
    assert!(back.contains("お支払いが完了しました"));
    wait_until("the webhook", || {
        payments_of(&server, &number)
            .iter()
            .any(|p| p.status == "paid")
    })
    .await;
}

/// A fee paid on submission at a convenience store, learned by the polling job alone (the
/// provider sends no webhooks here), then refunded when the office rejects the filing (the
/// procedure allows refunds). The accounting day shows both movements.
#[actix_web::test]
async fn konbini_payment_found_by_polling_then_refunded_on_rejection() {
    let spare = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let stub_addr = spare.local_addr().unwrap();
    let stub_url = format!("http://{stub_addr}");
    let secret = "another-webhook-secret-for-tests";
    let mut config = madoguchi_stubpay::StubConfig::new(
        &stub_url,
        "sk_test",
        madoguchi_payment::WebhookSecret::new(secret.as_bytes()).unwrap(),
    );
    config.test_mode = true; // and no webhook_url: every webhook is "lost"
    let stub = madoguchi_stubpay::StubPay::new(config).unwrap();
    actix_web::rt::spawn(madoguchi_stubpay::serve(spare, stub).unwrap());
    let server = TestServer::start_with(madoguchi_testkit::TestDb::sqlite(), |s| {
        s.payment.provider = "stub".into();
        s.payment.stub_url = stub_url.clone();
        s.payment.api_key = "sk_test".into();
        s.payment.webhook_secret = secret.into();
        s.payment.check_seconds = 1;
    });

    // Bulky waste (粗大ごみ): a sofa (1,600円) and four chairs (400円 each), filed by API.
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../forms/sodai-gomi-shushu/examples/valid/apartment-sofa-chairs.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let res = Client::new()
        .post(server.url("/api/v1/procedures/sodai-gomi-shushu/submissions"))
        .header("Idempotency-Key", "konbini-refund-test-0001")
        .json(&data)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: serde_json::Value = res.json().await.unwrap();
    assert_eq!(receipt["fee_yen"], 3200);
    let number = receipt["arrival_number"].as_str().unwrap().to_string();
    let mails = server.sink.wait_for(2, Duration::from_secs(20));
    let request = mails
        .iter()
        .find(|m| m.text().contains("/pay/"))
        .expect("the request to pay");
    assert!(request.text().contains("3,200円"));
    let pay_link = link_in(&request.text(), "/pay/");

    // The office cannot decide before the fee is paid.
    let clerk = staff_sign_in(&server, "sodai-gomi@sendai.example").await;
    let (_, queue) = get(&clerk, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).unwrap() + marker.len();
    let detail = format!(
        "/office/submissions/{}",
        &queue[start..start + queue[start..].find('"').unwrap()]
    );
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    let res = post_form(
        &clerk,
        &server.url(&format!("{detail}/decision")),
        &input_value(&page, "csrf_token"),
        &[("decision", "approve"), ("reason", "")],
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no approval before payment"
    );

    // The resident asks for a convenience-store number on the provider's page.
    let phone = browser();
    let (_, pay) = get(&phone, &server.local(&pay_link)).await;
    let res = post_form(
        &phone,
        &server.local(&pay_link),
        &input_value(&pay, "csrf_token"),
        &[],
    )
    .await;
    let provider_page = location(&res);
    let checkout = provider_page.rsplit('/').next().unwrap().to_string();
    let res = phone
        .post(format!("{provider_page}/konbini"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // No webhook comes; the job asks the provider and learns the number.
    wait_until("the pending payment", || {
        payments_of(&server, &number)[0].status == "pending"
    })
    .await;
    let (_, pay) = get(&phone, &server.local(&pay_link)).await;
    assert!(pay.contains("コンビニでのお支払いを待っています"), "{pay}");
    // Paid at the till; again the job finds out.
    let res = Client::new()
        .post(format!("{stub_url}/test/checkouts/{checkout}/settle"))
        .bearer_auth("sk_test")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    wait_until("the payment", || {
        payments_of(&server, &number)[0].status == "paid"
    })
    .await;
    server.sink.wait_for(3, Duration::from_secs(20));

    // Rejected: the fee goes back (this procedure allows it), once.
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(page.contains("支払済み") && page.contains("コンビニ払い"));
    let res = post_form(
        &clerk,
        &server.url(&format!("{detail}/decision")),
        &input_value(&page, "csrf_token"),
        &[
            ("decision", "reject"),
            ("reason", "収集日に収集できる品目の数を超えているため"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    wait_until("the refund", || {
        payments_of(&server, &number)[0].status == "refunded"
    })
    .await;
    let state = Client::new()
        .get(format!("{stub_url}/v1/checkouts/{checkout}"))
        .bearer_auth("sk_test")
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(
        (
            state["amount_paid"].as_i64(),
            state["amount_refunded"].as_i64()
        ),
        (Some(3200), Some(3200)),
        "the provider refunded it once"
    );
    let mails = server.sink.wait_for(5, Duration::from_secs(20));
    assert_eq!(
        mails
            .iter()
            .filter(|m| m
                .text()
                .contains("手数料 3,200円 を、お支払いに使った方法に返金しました"))
            .count(),
        1
    );
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(page.contains("手数料の返金") && page.contains("返金しました"));

    // The accounting day: 3,200円 in, 3,200円 back, net 0.
    let chief = staff_sign_in(&server, "koseki-jumin.kacho@sendai.example").await;
    let csv = chief
        .get(server.url("/office/payments.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains(&number) && l.contains("入金") && l.ends_with(",3200")),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.contains(&number) && l.contains("返金") && l.ends_with(",-3200")),
        "{csv}"
    );
    assert!(csv.lines().last().unwrap().ends_with(",0"), "{csv}");
}

// A fee paid on submission, then the resident withdraws (取下げ) from the correction link:
// the procedure allows refunds, so the whole fee goes back, once.
e2e_test!(async fn a_withdrawal_refunds_a_refundable_fee(server) {
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../forms/sodai-gomi-shushu/examples/valid/apartment-sofa-chairs.json")).unwrap()).unwrap();
    let res = Client::new().post(server.url("/api/v1/procedures/sodai-gomi-shushu/submissions")).header("Idempotency-Key", "withdraw-refund-test-0001").json(&data).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let number = res.json::<serde_json::Value>().await.unwrap()["arrival_number"].as_str().unwrap().to_string();
    let mails = server.sink.wait_for(2, Duration::from_secs(20));
    let pay_link = link_in(&mails.iter().find(|m| m.text().contains("/pay/")).unwrap().text(), "/pay/");
    let phone = browser();
    let (_, pay) = get(&phone, &server.local(&pay_link)).await;
    let res = post_form(&phone, &server.local(&pay_link), &input_value(&pay, "csrf_token"), &[]).await;
    let provider_page = server.local(&location(&res));
    let res = phone.post(format!("{provider_page}/card")).form(&[("card_number", "4242424242424242")]).send().await.unwrap();
    let (_, back) = get(&phone, &server.local(&location(&res))).await;
    assert!(back.contains("お支払いが完了しました"));

    // The office asks for a correction; the resident withdraws instead.
    let clerk = staff_sign_in(&server, "sodai-gomi@sendai.example").await;
    let (_, queue) = get(&clerk, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).unwrap() + marker.len();
    let detail = format!("/office/submissions/{}", &queue[start..start + queue[start..].find('"').unwrap()]);
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    let deadline = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
    let res = post_form(&clerk, &server.url(&format!("{detail}/actions")), &input_value(&page, "csrf_token"), &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = post_form(&clerk, &server.url(&format!("{detail}/actions")), &input_value(&page, "csrf_token"), &[("action", "request_correction"), ("fields", "/placement_notes"), ("reason", "置き場所をもう少し詳しく教えてください。"), ("deadline", &deadline)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mails = server.sink.wait_for(4, Duration::from_secs(20));
    let correction = link_in(&mails.iter().find(|m| m.text().contains("/corrections/")).unwrap().text(), "/corrections/");
    let withdraw = format!("{}/withdraw", server.local(&correction));
    let (status, confirm) = get(&phone, &withdraw).await;
    assert_eq!(status, StatusCode::OK);
    let res = post_form(&phone, &withdraw, &input_value(&confirm, "csrf_token"), &[("confirm", "yes")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    wait_until("the refund", || payments_of(&server, &number)[0].status == "refunded").await;
    let mails = server.sink.wait_for(6, Duration::from_secs(20));
    assert_eq!(mails.iter().filter(|m| m.text().contains("手数料 3,200円 を、お支払いに使った方法に返金しました")).count(), 1);
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert_eq!(page.matches("手数料の返金").count(), 1, "one refund in the history");
});
