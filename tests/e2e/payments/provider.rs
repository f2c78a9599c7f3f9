//! The provider as a separate service: down when the resident submits, and a
//! convenience-store payment found by polling, then refunded on rejection.

use super::*;

/// The provider is a separate service that is down when the resident submits: the filing
/// is kept, the resident is told and pays once it is back.
#[actix_web::test]
async fn provider_down_keeps_the_filing_and_paying_works_once_it_is_back() {
    // A port held for the provider while it is down: bound but not listening, so a
    // connection to it is refused, and no other socket (another test's connection given
    // this port as its own) can take it before the stub starts there.
    let held = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    let any_port: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
    held.bind(&any_port.into()).unwrap();
    let stub_addr = held.local_addr().unwrap().as_socket().unwrap();
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
    assert_eq!(
        payments_of(&server, &number)[0].status,
        madoguchi_payment::PaymentStatus::Due
    );

    // The provider comes back (on its port, webhooks to the server): paying works.
    let mut config = madoguchi_stubpay::StubConfig::new(
        &stub_url,
        "sk_test",
        madoguchi_payment::WebhookSecret::new(secret.as_bytes()).unwrap(),
    );
    config.webhook_url = Some(server.url("/payments/webhook"));
    let stub = madoguchi_stubpay::StubPay::new(config).unwrap();
    held.listen(128).unwrap();
    let listener: std::net::TcpListener = held.into();
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
            .any(|p| p.status == madoguchi_payment::PaymentStatus::Paid)
    })
    .await;
}

/// A fee paid on submission at a convenience store, learned by the polling job alone (the
/// provider sends no webhooks here), then refunded when the office rejects the filing (the
/// procedure allows refunds). The accounting day shows both movements.
#[actix_web::test]
async fn konbini_payment_found_by_polling_then_refunded_on_rejection() {
    let secret = "another-webhook-secret-for-tests";
    let stub_url = spawn_polled_stub(secret);
    let server = TestServer::start_with(madoguchi_testkit::TestDb::sqlite(), |s| {
        s.forms_dir = madoguchi_e2e::forms_with_fixtures();
        s.payment.provider = "stub".into();
        s.payment.stub_url = stub_url.clone();
        s.payment.api_key = "sk_test".into();
        s.payment.webhook_secret = secret.into();
        s.payment.check_seconds = 1;
    });

    // A refundable fee paid on submission (the test procedure priced like bulky waste): a
    // sofa (1,600円) and four chairs (400円 each), filed by API.
    let data: serde_json::Value = madoguchi_testkit::defaults::example_today(
        "sodai-gomi-shushu",
        "apartment-sofa-chairs.json",
    );
    let res = Client::new()
        .post(server.url("/api/v1/procedures/test-refundable-fee/submissions"))
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
        payments_of(&server, &number)[0].status == madoguchi_payment::PaymentStatus::Pending
    })
    .await;
    let (_, pay) = get(&phone, &server.local(&pay_link)).await;
    assert!(pay.contains("コンビニでのお支払いを待っています"), "{pay}");
    // Paid at the till; again the job finds out.
    settle_at_the_till(&stub_url, &checkout).await;
    wait_until("the payment", || {
        payments_of(&server, &number)[0].status == madoguchi_payment::PaymentStatus::Paid
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
        payments_of(&server, &number)[0].status == madoguchi_payment::PaymentStatus::Refunded
    })
    .await;
    assert_eq!(
        provider_amounts(&stub_url, &checkout).await,
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
