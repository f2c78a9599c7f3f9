//! The resident's day, after filing: the receipt gives a status look-up key (in the mail
//! too) that shows the status on any device without an account (throttled); the office's
//! claim, extension, approval and close each tell the applicant; an approval with the fee
//! still to pay never reads "finished", online or at the counter, for the resident or the
//! clerk; the accessibility statement and the purpose of use (利用目的) before step 1.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use madoguchi_e2e::{
    APPLICANT, REQUEST, TestServer, browser, e2e_test, get, input_value, location, post_form,
    staff_sign_in,
};
use madoguchi_store::prelude::SubmissionsRead;
use reqwest::{Client, StatusCode};

/// Files the resident-record request paying `payment` (online or at the counter) from
/// `resident`'s browser; returns the receipt page and the arrival number.
async fn file(
    server: &TestServer,
    resident: &Client,
    payment: &[(&str, &str)],
) -> (String, String) {
    let (_, page) = get(resident, &server.url("/p/juminhyo-copy/applicant")).await;
    assert!(
        page.contains("id=\"purpose-of-use\""),
        "the purpose of use above the first step"
    );
    let csrf = input_value(&page, "csrf_token");
    for (step, answers) in [
        ("applicant", APPLICANT),
        ("request", REQUEST),
        ("payment", payment),
    ] {
        let res = post_form(
            resident,
            &server.url(&format!("/p/juminhyo-copy/{step}")),
            &csrf,
            answers,
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {step}");
    }
    let (_, check) = get(resident, &server.url("/p/juminhyo-copy/check")).await;
    let res = post_form(
        resident,
        &server.url("/p/juminhyo-copy/submit"),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    )
    .await;
    let receipt = location(&res);
    assert!(receipt.starts_with("/receipts/"), "{receipt}");
    let (_, page) = get(resident, &server.url(&receipt)).await;
    (page, receipt.trim_start_matches("/receipts/").to_string())
}

/// The status look-up key shown on a receipt page.
fn shown_key(receipt: &str) -> String {
    let marker = "id=\"status-key\">";
    let start = receipt.find(marker).expect("the key on the receipt") + marker.len();
    receipt[start..start + receipt[start..].find('<').unwrap()].to_string()
}

/// Looks a status up from a fresh browser (no account, no session): status and page.
async fn look_up(server: &TestServer, number: &str, key: &str) -> (StatusCode, String) {
    let visitor = browser();
    let (status, form) = get(&visitor, &server.url("/status")).await;
    assert_eq!(status, StatusCode::OK);
    let res = post_form(
        &visitor,
        &server.url("/status"),
        &input_value(&form, "csrf_token"),
        &[("arrival_number", number), ("key", key)],
    )
    .await;
    let status = res.status();
    (status, res.text().await.unwrap())
}

/// The newest mail to the applicant whose text contains `marker`, waiting for it.
fn mail_with(server: &TestServer, marker: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(m) = server
            .sink
            .received()
            .into_iter()
            .rev()
            .find(|m| m.text().contains(marker))
        {
            return m.text();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no mail with {marker:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The clerk's page of filing `number`, its actions URL and a CSRF token.
async fn detail(server: &TestServer, clerk: &Client, number: &str) -> (String, String, String) {
    let (_, queue) = get(clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("the filing in the queue") + marker.len();
    let path = format!(
        "/office/submissions/{}",
        &queue[start..start + queue[start..].find('"').unwrap()]
    );
    let (_, page) = get(clerk, &server.url(&path)).await;
    let csrf = input_value(&page, "csrf_token");
    (page, server.url(&path), csrf)
}

e2e_test!(async fn statuses_tell_the_truth_and_anyone_with_the_key_can_look(server) {
    // Filed with the fee paid online after approval: the receipt shows the key, the
    // acknowledgement mail carries it, and the filing records when the purpose was shown.
    let resident = browser();
    let (receipt, number) = file(&server, &resident, &[("payment_method", "online"), ("delivery_address_confirm", "true")]).await;
    let key = shown_key(&receipt);
    assert_eq!(key.len(), 14, "{key}");
    let mail = mail_with(&server, "状況の確認用コード");
    assert!(mail.contains(&format!("状況の確認用コード: {key}")), "{mail}");
    assert!(mail.contains("https://madoguchi.test/status"), "{mail}");
    let tenant = madoguchi_core::TenantId::new(madoguchi_testkit::defaults::TENANT.to_string());
    let row = server.db.db.conn().unwrap().find_submission_by_arrival_number(&tenant, &number).unwrap().unwrap();
    assert!(row.privacy_notice_shown_at.is_some(), "the purpose of use was shown and recorded");
    assert!(row.status_key_hash.as_deref().is_some_and(|h| !h.contains(&key.replace('-', ""))), "only a hash is stored");
    assert_eq!(get(&browser(), &server.url(&format!("/receipts/{number}"))).await.0, StatusCode::NOT_FOUND);

    // Anyone with the number and the key sees the status, typed loosely; nothing else.
    let (status, page) = look_up(&server, &number, &key.to_lowercase().replace('-', " ")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("id=\"status-found\"") && page.contains("住民票"), "{page}");
    assert!(!page.contains("仙台 太郎") && !page.contains("taro@example.jp") && !page.contains("022-214-1111"), "no personal data");

    // The clerk: claiming, extending, and the fee line before approval.
    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let (page, url, csrf) = detail(&server, &clerk, &number).await;
    assert!(page.contains("承認後にオンラインで納付"), "the fee line says when and how it is paid");
    let res = post_form(&clerk, &format!("{url}/actions"), &csrf, &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = mail_with(&server, "審査を始めました");
    assert!(mail.contains(&number) && mail.contains("A member of staff has started to review"), "{mail}");
    let res = post_form(&clerk, &format!("{url}/actions"), &csrf, &[("action", "extend"), ("days", "5"), ("reason", "他市への照会に時間がかかるため")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = mail_with(&server, "処理期間の延長");
    assert!(mail.contains("5開庁日延長しました") && mail.contains("他市への照会に時間がかかるため"), "{mail}");
    assert!(mail.contains("by 5 working days"), "plural in English: {mail}");

    // Approved, fee unpaid: nobody is told it is finished.
    let res = post_form(&clerk, &format!("{url}/decision"), &csrf, &[("decision", "approve"), ("reason", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = mail_with(&server, "許可(承認)されました");
    assert!(mail.contains("手数料のお支払いがまだです"), "{mail}");
    let (_, receipt) = get(&resident, &server.url(&format!("/receipts/{number}"))).await;
    assert!(receipt.contains("認められました。手数料をお支払いください"), "the heading");
    assert!(receipt.contains("認められました。手数料のお支払いをお待ちしています"), "the status");
    assert!(!receipt.contains("手続が終わりました"), "not finished");
    let (_, my) = get(&resident, &server.url("/my")).await;
    assert!(my.contains("手数料のお支払いをお待ちしています") && !my.contains("手続が終わりました"), "{my}");
    let (_, page) = look_up(&server, &number, &key).await;
    assert!(page.contains("手数料のお支払いをお待ちしています"), "{page}");

    // Wrong keys are refused alike; past five failures for the filing from one address even
    // the right key waits there (429 with Retry-After).
    let (status, page) = look_up(&server, &number, "2222-3333-4444").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("到達番号か確認用コードが違います") && page.contains("href=\"#arrival_number\""), "{page}");
    let (status, _) = look_up(&server, "261124-AAAA-AAAA", &key).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a malformed number");
    for _ in 0..5 {
        look_up(&server, &number, "2222-3333-4444").await;
    }
    let (status, page) = look_up(&server, &number, &key).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{page}");
    assert!(page.contains("照会の失敗が続いたため"), "{page}");
});

e2e_test!(async fn a_fee_paid_offline_is_said_so_until_the_matter_is_closed(server) {
    let resident = browser();
    let (_, number) = file(&server, &resident, &[("payment_method", "counter"), ("delivery_address_confirm", "true")]).await;
    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let (page, url, csrf) = detail(&server, &clerk, &number).await;
    assert!(page.contains("承認後に納付: 窓口で支払う"), "the clerk's fee line, in the resident's choice");
    let res = post_form(&clerk, &format!("{url}/decision"), &csrf, &[("decision", "approve"), ("reason", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = mail_with(&server, "許可(承認)されました");
    assert!(mail.contains("お選びの方法(窓口で支払う)でお支払いください"), "{mail}");
    assert!(mail.contains("Please pay the fee the way you chose (Pay at the counter)"), "{mail}");
    let (_, receipt) = get(&resident, &server.url(&format!("/receipts/{number}"))).await;
    assert!(receipt.contains("認められました。手数料をお支払いください"), "the heading");
    assert!(receipt.contains("お支払いの方法: 窓口で支払う"), "the status");
    assert!(!receipt.contains("手続が終わりました"));
    // Closed once paid: completed, and the applicant is told.
    let res = post_form(&clerk, &format!("{url}/actions"), &csrf, &[("action", "close")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = mail_with(&server, "手続が完了しました");
    assert!(mail.contains(&number) && mail.contains("Everything about this application is now completed"), "{mail}");
    let (_, receipt) = get(&resident, &server.url(&format!("/receipts/{number}"))).await;
    assert!(receipt.contains("完了しました") && !receipt.contains("手数料をお支払いください"), "closed");

    // A postal money order is not called the counter.
    let other = browser();
    let (_, number) = file(&server, &other, &[("payment_method", "postal_money_order"), ("delivery_address_confirm", "true")]).await;
    let (page, _, _) = detail(&server, &clerk, &number).await;
    assert!(page.contains("承認後に納付: 定額小為替を郵送"), "the clerk's fee line");
});

e2e_test!(async fn the_accessibility_statement_is_linked_from_every_resident_page(server) {
    let (_, home) = get(&browser(), &server.url("/procedures")).await;
    assert!(home.contains("href=\"/accessibility\"") && home.contains("href=\"/status\""), "the footer links");
    let (status, page) = get(&browser(), &server.url("/accessibility")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("JIS X 8341-3:2016") && page.contains("AA に配慮"), "the claim, as tested: {page}");
    assert!(page.contains("axe-core") && page.contains("320 px") && page.contains("JavaScript"), "the test method");
    assert!(page.contains("id=\"privacy\"") && page.contains("id=\"contact\""));
    // The purpose of use on the procedure page, before step 1.
    let (_, page) = get(&browser(), &server.url("/p/juminhyo-copy")).await;
    let (purpose, start) = (page.find("id=\"purpose-of-use\"").unwrap(), page.find("button-start").unwrap());
    assert!(purpose < start, "before step 1");
    assert!(page.contains("の手続(審査、結果のお知らせ、お問い合わせへの回答)のために利用します"), "{page}");
});
