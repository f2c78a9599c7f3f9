//! Fees taken at a counter (窓口収納): recorded by the clerk against the filing, counted as
//! paid, never taken twice, handed back at the counter, and balanced by channel in the
//! accounting section's day.

use super::*;

/// The clerk's first filing in the queue: its page's path.
async fn first_in_queue(server: &TestServer, clerk: &Client) -> String {
    let (_, queue) = get(clerk, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).unwrap() + marker.len();
    format!(
        "/office/submissions/{}",
        &queue[start..start + queue[start..].find('"').unwrap()]
    )
}

/// Posts the counter form of the filing at `detail`.
async fn record(
    server: &TestServer,
    clerk: &Client,
    detail: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, page) = get(clerk, &server.url(detail)).await;
    post_form(
        clerk,
        &server.url(&format!("{detail}/counter-payment")),
        &input_value(&page, "csrf_token"),
        fields,
    )
    .await
}

fn csv_has(csv: &str, parts: &[&str], ends: &str) -> bool {
    csv.lines()
        .any(|l| parts.iter().all(|p| l.contains(p)) && l.ends_with(ends))
}

e2e_test!(async fn a_certificate_fee_taken_at_the_counter_counts_as_paid_and_balances_the_day(server) {
    let (_, clerk, number, detail) = filed_and_approved(&server).await;
    let mails = server.sink.wait_for(3, Duration::from_secs(20));
    let pay_link = link_in(&mails.iter().find(|m| m.text().contains("/pay/")).expect("the request to pay").text(), "/pay/");
    let phone = browser();
    let (_, unpaid) = get(&phone, &server.local(&pay_link)).await;
    let phone_csrf = input_value(&unpaid, "csrf_token");
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(page.contains("窓口で受け取った手数料を記録する") && page.contains("交付時の手数料 600円"), "{page}");

    // Wrong amount, no way of paying, no receipt number: each input says what to fix,
    // and nothing is recorded.
    let res = record(&server, &clerk, &detail, &[("counter-amount", "500"), ("counter-method", ""), ("counter-receipt-number", "")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    for text in ["受け取った金額(円): この申請の手数料は 600円 です", "支払方法: 入力してください", "領収番号: 入力してください", "href=\"#counter-amount\"", "href=\"#counter-receipt-number\"", "aria-invalid=\"true\""] {
        assert!(page.contains(text), "{text} in {page}");
    }
    assert_eq!(payments_of(&server, &number).len(), 1, "only the online payment still due");

    // As typed at a counter: full-width digits, a receipt number with a full-width hyphen.
    let res = record(&server, &clerk, &detail, &[("counter-amount", "６００"), ("counter-method", "cash"), ("counter-receipt-number", "R－0001")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).ends_with("#fee"));
    let rows = payments_of(&server, &number);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[1].status.code(), rows[1].amount_paid_yen), ("paid", 600));
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(!page.contains("窓口で受け取った手数料を記録する"), "nothing more to take");
    assert!(page.contains("窓口 現金") && page.contains("R-0001") && page.contains("手数料の入金"), "{page}");

    // A second recording (another tab, another clerk) is refused: never taken twice.
    let res = record(&server, &clerk, &detail, &[("counter-amount", "600"), ("counter-method", "card"), ("counter-receipt-number", "R-0002")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("この手数料はすでに支払われています"));
    assert_eq!(payments_of(&server, &number).len(), 2);
    // The resident's emailed link no longer asks for money.
    let (_, pay) = get(&phone, &server.local(&pay_link)).await;
    assert!(pay.contains("お支払いは済んでいます"), "{pay}");
    let res = post_form(&phone, &server.local(&pay_link), &phone_csrf, &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // Paid at the counter counts for the close rule.
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    let res = post_form(&clerk, &server.url(&format!("{detail}/actions")), &input_value(&page, "csrf_token"), &[("action", "close")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // The day, by channel: the counter's cash, to the yen.
    let chief = staff_sign_in(&server, "koseki-jumin.kacho@sendai.example").await;
    let (_, day) = get(&chief, &server.url("/office/payments")).await;
    assert!(day.contains("収納場所・支払方法ごとの集計") && day.contains("R-0001") && day.contains("窓口"), "{day}");
    let csv = chief.get(server.url("/office/payments.csv")).send().await.unwrap().text().await.unwrap();
    assert!(csv_has(&csv, &[&number, "入金", "窓口", "現金", "R-0001"], ",600"), "{csv}");
    assert!(csv_has(&csv, &["小計", "窓口 現金"], ",600"), "{csv}");
    assert!(csv.lines().last().unwrap().ends_with(",600"), "{csv}");

    // A clerk of another section cannot record against it: not found.
    let other = staff_sign_in(&server, "hoken-nenkin@sendai.example").await;
    let (_, any) = get(&other, &server.url("/office/queue")).await;
    let res = post_form(&other, &server.url(&format!("{detail}/counter-payment")), &input_value(&any, "csrf_token"), &[("counter-amount", "600"), ("counter-method", "cash"), ("counter-receipt-number", "X-1")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
});

e2e_test!(settings(|s: &mut madoguchi_server::Settings| s.forms_dir = madoguchi_e2e::forms_with_fixtures()); async fn a_counter_payment_is_handed_back_at_the_counter_when_refunded(server) {
    // A refundable fee due on submission, taken at the counter instead of online.
    let data: serde_json::Value = madoguchi_testkit::defaults::example_today("sodai-gomi-shushu", "apartment-sofa-chairs.json");
    let res = Client::new().post(server.url("/api/v1/procedures/test-refundable-fee/submissions")).header("Idempotency-Key", "counter-refund-test-0001").json(&data).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let number = res.json::<serde_json::Value>().await.unwrap()["arrival_number"].as_str().unwrap().to_string();
    let clerk = staff_sign_in(&server, "sodai-gomi@sendai.example").await;
    let detail = first_in_queue(&server, &clerk).await;
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(page.contains("申請時の手数料 3,200円"), "{page}");
    let res = record(&server, &clerk, &detail, &[("counter-amount", "3,200"), ("counter-method", "card"), ("counter-receipt-number", "2026/000123")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // Rejected: the procedure refunds the fee; a counter payment is handed back there, not
    // through the provider, and the page says so until the clerk records it.
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    let res = post_form(&clerk, &server.url(&format!("{detail}/decision")), &input_value(&page, "csrf_token"), &[("decision", "reject"), ("reason", "収集日に収集できる品目の数を超えているため")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(page.contains("窓口で返金してください"), "{page}");
    let returned = page
        .match_indices("action=\"/office/submissions/")
        .map(|(i, _)| &page[i + "action=\"".len()..])
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|a| a.ends_with("/returned"))
        .expect("the form that records the refund handed back")
        .to_string();
    // The payment job never sends a counter payment's refund to the provider.
    actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
    let rows = payments_of(&server, &number);
    let counter = rows.iter().find(|p| p.amount_paid_yen == 3200).unwrap();
    assert_eq!(counter.status.code(), "paid", "owed, not refunded by the provider");
    let res = post_form(&clerk, &server.url(&returned), &input_value(&page, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let rows = payments_of(&server, &number);
    assert!(rows.iter().any(|p| p.status.code() == "refunded"), "handed back");
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(!page.contains("窓口で返金してください") && page.contains("手数料の返金"), "{page}");
    // Marked once: a second press finds nothing owed.
    let res = post_form(&clerk, &server.url(&returned), &input_value(&page, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // The day: 3,200円 in and out at the counter's card terminal, net 0.
    let chief = staff_sign_in(&server, "admin@sendai.example").await;
    let csv = chief.get(server.url("/office/payments.csv")).send().await.unwrap().text().await.unwrap();
    assert!(csv_has(&csv, &[&number, "入金", "窓口"], ",3200"), "{csv}");
    assert!(csv_has(&csv, &[&number, "返金", "窓口"], ",-3200"), "{csv}");
    assert!(csv_has(&csv, &["小計", "窓口 クレジットカード"], ",0"), "{csv}");
    assert!(csv.lines().last().unwrap().ends_with(",0"), "{csv}");
});

/// A convenience-store number paid after the counter took the same fee: the online payment
/// is refunded through the provider, the counter's stays, and the day balances.
#[actix_web::test]
async fn a_fee_paid_online_after_the_counter_took_it_is_refunded() {
    let secret = "a-third-webhook-secret-for-tests";
    let stub_url = spawn_polled_stub(secret);
    let server = TestServer::start_with(madoguchi_testkit::TestDb::sqlite(), |s| {
        s.payment.provider = "stub".into();
        s.payment.stub_url = stub_url.clone();
        s.payment.api_key = "sk_test".into();
        s.payment.webhook_secret = secret.into();
        s.payment.check_seconds = 1;
    });
    let (resident, clerk, number, detail) = filed_and_approved(&server).await;
    let (_, receipt) = get(&resident, &server.url(&format!("/receipts/{number}"))).await;
    let res = post_form(
        &resident,
        &server.url(&format!("/receipts/{number}/pay")),
        &input_value(&receipt, "csrf_token"),
        &[],
    )
    .await;
    let provider_page = location(&res);
    let checkout = provider_page.rsplit('/').next().unwrap().to_string();
    let res = resident
        .post(format!("{provider_page}/konbini"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    wait_until("the pending payment", || {
        payments_of(&server, &number)[0].status == madoguchi_payment::PaymentStatus::Pending
    })
    .await;

    // The resident comes to the counter and pays cash there.
    let res = record(
        &server,
        &clerk,
        &detail,
        &[
            ("counter-amount", "600"),
            ("counter-method", "cash"),
            ("counter-receipt-number", "C-42"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // …and the convenience-store number is paid anyway.
    settle_at_the_till(&stub_url, &checkout).await;
    wait_until("the online payment given back", || {
        payments_of(&server, &number)[0].status == madoguchi_payment::PaymentStatus::Refunded
    })
    .await;
    let rows = payments_of(&server, &number);
    assert_eq!(
        rows[1].status,
        madoguchi_payment::PaymentStatus::Paid,
        "the counter's stays"
    );
    assert_eq!(
        provider_amounts(&stub_url, &checkout).await,
        (Some(600), Some(600)),
        "refunded once"
    );

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
        csv_has(&csv, &["小計", "オンライン コンビニ払い"], ",0"),
        "{csv}"
    );
    assert!(csv_has(&csv, &["小計", "窓口 現金"], ",600"), "{csv}");
    assert!(csv.lines().last().unwrap().ends_with(",600"), "{csv}");
}
