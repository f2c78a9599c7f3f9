//! A certificate paid by card after approval, signed webhooks (a duplicate counts once),
//! and a refundable fee paid back on withdrawal.

use super::*;

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
    assert_eq!((rows[0].status.code(), rows[1].status.code()), ("failed", "paid"));
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
    assert_eq!(payments_of(&server, &number)[0].status, madoguchi_payment::PaymentStatus::Created, "nothing applied");

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
    assert_eq!((rows.len(), rows[0].status.code(), rows[0].amount_paid_yen), (1, "paid", 600));
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

// A fee paid on submission, then the resident withdraws (取下げ) from the correction link:
// the procedure allows refunds, so the whole fee goes back, once.
e2e_test!(settings(|s: &mut madoguchi_server::Settings| s.forms_dir = madoguchi_e2e::forms_with_fixtures()); async fn a_withdrawal_refunds_a_refundable_fee(server) {
    let data: serde_json::Value = madoguchi_testkit::defaults::example_today("sodai-gomi-shushu", "apartment-sofa-chairs.json");
    let res = Client::new().post(server.url("/api/v1/procedures/test-refundable-fee/submissions")).header("Idempotency-Key", "withdraw-refund-test-0001").json(&data).send().await.unwrap();
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
    let mails = server.sink.wait_for(5, Duration::from_secs(20));
    let correction = link_in(&mails.iter().find(|m| m.text().contains("/corrections/")).unwrap().text(), "/corrections/");
    let withdraw = format!("{}/withdraw", server.local(&correction));
    let (status, confirm) = get(&phone, &withdraw).await;
    assert_eq!(status, StatusCode::OK);
    let res = post_form(&phone, &withdraw, &input_value(&confirm, "csrf_token"), &[("confirm", "yes")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    wait_until("the refund", || payments_of(&server, &number)[0].status == madoguchi_payment::PaymentStatus::Refunded).await;
    let mails = server.sink.wait_for(7, Duration::from_secs(20));
    assert_eq!(mails.iter().filter(|m| m.text().contains("手数料 3,200円 を、お支払いに使った方法に返金しました")).count(), 1);
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert_eq!(page.matches("手数料の返金").count(), 1, "one refund in the history");
});
