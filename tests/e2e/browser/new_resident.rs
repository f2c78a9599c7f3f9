//! A new resident registers, files, pays on submission and answers a correction.

use super::*;
use madoguchi_store::prelude::{Identity, IdentityRead};

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_new_resident_registers_files_pays_and_answers_a_correction_in_chromium() {
    // A real deployment's rules: this procedure needs a signed-in resident. The fee is paid
    // on submission at the payment stub mounted in the server.
    let server = crate::browser_support::server_at_its_own_address(|s| {
        s.require_identity = true;
    });
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    // Found by searching for the reading of 狂犬病.
    c.goto(&server.url("/procedures")).await.unwrap();
    type_into(&c, "q", "きょうけんびょう").await;
    navigate(&c, "form.search button[type=submit]").await;
    navigate(&c, "a[href='/p/inu-chushazumi']").await;
    check_page(&c, &axe, "50-new-user-procedure").await;
    navigate(&c, "a.button-start").await;

    // A mistake: the furigana in Latin letters.
    type_into(&c, "f-owner_name", "泉 花子").await;
    type_into(&c, "f-owner_name_kana", "Izumi Hanako").await;
    choose(&c, "f-owner_birth_date-era", "heisei").await;
    type_into(&c, "f-owner_birth_date-year", "2").await;
    type_into(&c, "f-owner_birth_date-month", "11").await;
    type_into(&c, "f-owner_birth_date-day", "3").await;
    type_into(&c, "f-owner_postal_code", "980-8671").await;
    type_into(&c, "f-owner_address-prefecture", "宮城県").await;
    type_into(&c, "f-owner_address-city", "仙台市青葉区").await;
    type_into(&c, "f-owner_address-town", "国分町三丁目").await;
    type_into(&c, "f-owner_address-block", "7-1").await;
    type_into(&c, "f-owner_phone", "022-214-1111").await;
    type_into(&c, "f-owner_email", "hanako@example.jp").await;
    continue_(&c).await;
    let summary = text(&c, ".error-summary").await;
    assert!(summary.contains("カタカナで入力してください"), "{summary}");
    check_page(&c, &axe, "51-new-user-error").await;
    type_into(&c, "f-owner_name_kana", "イズミ ハナコ").await;
    continue_(&c).await;

    // The dogs step: the clinic's certificate attached first, then the dog.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("注射済証.pdf");
    std::fs::write(&path, b"%PDF-1.7\n1 0 obj <<>> endobj\n").unwrap();
    c.find(Locator::Css("#f-vaccination_certificate-file"))
        .await
        .unwrap()
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
    navigate(&c, "button[name='_file'][value='vaccination_certificate']").await;
    assert!(text(&c, ".file-list").await.contains("注射済証.pdf"));
    type_into(&c, "f-dogs-0-registration_number", "12345").await;
    type_into(&c, "f-dogs-0-dog_name", "こむぎ").await;
    choose(&c, "f-dogs-0-vaccination_date-era", "reiwa").await;
    type_into(&c, "f-dogs-0-vaccination_date-year", "8").await;
    type_into(&c, "f-dogs-0-vaccination_date-month", "11").await;
    type_into(&c, "f-dogs-0-vaccination_date-day", "5").await;
    type_into(&c, "f-dogs-0-vet_clinic", "一番町どうぶつ病院").await;
    continue_(&c).await;

    // The check page asks for a sign-in; a new resident creates an account.
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/p/inu-chushazumi/check"
    );
    let main = text(&c, "main").await;
    assert!(
        main.contains("注射済証.pdf") && main.contains("550円"),
        "{main}"
    );
    assert!(main.contains("ログインしてから申請します"), "{main}");
    check_page(&c, &axe, "52-new-user-check-sign-in").await;
    navigate(&c, "a[href^='/account/new']").await;
    check_page(&c, &axe, "53-account-new").await;
    type_into(&c, "email", "hanako@example.jp").await;
    type_into(&c, "password", "password1234").await;
    continue_(&c).await;
    assert!(
        text(&c, ".error-summary")
            .await
            .contains("このパスワードは使えません")
    );
    check_page(&c, &axe, "54-account-new-error").await;
    type_into(&c, "password", "aobadori no keyaki 2026").await;
    continue_(&c).await;
    assert!(text(&c, "h1").await.contains("メールを確認してください"));
    check_page(&c, &axe, "55-account-mail-sent").await;

    // The mailed link, opened in the browser that registered, confirms the address and
    // signs it in: straight back to the check page, no password typed again.
    let link = mailed_link(&server, "hanako@example.jp", "/account/verify/");
    c.goto(&server.local(&link)).await.unwrap();
    check_page(&c, &axe, "55b-account-confirm").await;
    continue_(&c).await;
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/p/inu-chushazumi/check"
    );
    assert!(text(&c, "main").await.contains("ログインしています"));
    let hidden = c
        .execute(
            "return document.getElementById('session-timeout').hidden;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(hidden, Value::Bool(true), "no warning an hour before");
    check_page(&c, &axe, "57-check-signed-in").await;

    // Two minutes before the sign-in ends the warning shows and takes the focus; "stay
    // signed in" extends it without leaving the page (with what was typed).
    let cookie = c.get_named_cookie("mdg_resident").await.unwrap();
    let session_hash = madoguchi_app::kernel::token_hash(cookie.value());
    let soon = (chrono::Utc::now() + chrono::Duration::minutes(2)).naive_utc();
    server
        .db
        .db
        .conn()
        .unwrap()
        .extend_identity(&session_hash, soon)
        .unwrap();
    c.refresh().await.unwrap();
    c.wait()
        .for_element(Locator::Css("#session-timeout:not([hidden])"))
        .await
        .unwrap();
    let focused = c
        .execute("return document.activeElement.textContent;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, Value::from("ログインを続ける"));
    check_page(&c, &axe, "57b-session-warning").await;
    click(&c, "#session-timeout button").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let hidden = c
            .execute(
                "return document.getElementById('session-timeout').hidden;",
                vec![],
            )
            .await
            .unwrap();
        if hidden == Value::Bool(true) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the warning stayed after extending"
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/p/inu-chushazumi/check",
        "extended in place"
    );
    let until = server
        .db
        .db
        .conn()
        .unwrap()
        .find_identity(&session_hash, chrono::Utc::now().naive_utc())
        .unwrap()
        .expect("still signed in")
        .expires_at;
    assert!(until > soon + chrono::Duration::minutes(30), "{until}");

    // Submit and pay (550円 on submission) at the provider's page.
    continue_(&c).await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/stubpay/pay/")
    );
    type_into(&c, "card_number", "4242424242424242").await;
    navigate(&c, "form[action$='/card'] button").await;
    assert!(text(&c, "main").await.contains("お支払いが完了しました"));
    navigate(&c, "main a[href^='/receipts/']").await;
    let number = text(&c, ".arrival-number").await;
    assert!(text(&c, ".payment").await.contains("支払済み"));
    c.goto(&server.url("/my")).await.unwrap();
    assert!(text(&c, "main").await.contains(&number));

    // The office asks for a different phone number (over HTTP: the clerk is not under test).
    let clerk = madoguchi_e2e::staff_sign_in(&server, "dobutsu-kanri@sendai.example").await;
    let (_, queue) = madoguchi_e2e::get(&clerk, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("the filing in the queue") + marker.len();
    let detail = server.url(&format!(
        "/office/submissions/{}",
        &queue[start..start + queue[start..].find('"').unwrap()]
    ));
    let (_, page) = madoguchi_e2e::get(&clerk, &detail).await;
    let csrf = madoguchi_e2e::input_value(&page, "csrf_token");
    let actions = format!("{detail}/actions");
    let deadline = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    for fields in [
        vec![("action", "claim")],
        vec![
            ("action", "request_correction"),
            ("fields", "/owner_phone"),
            (
                "reason",
                "日中に連絡のとれる携帯電話の番号を入力してください。",
            ),
            ("deadline", &deadline),
        ],
    ] {
        let res = madoguchi_e2e::post_form(&clerk, &actions, &csrf, &fields).await;
        assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    }

    // The resident answers on the phone, from the mailed link.
    let link = mailed_link(&server, "hanako@example.jp", "/corrections/");
    c.goto(&server.url(&link)).await.unwrap();
    check_page(&c, &axe, "58-new-user-correction").await;
    type_into(&c, "f-owner_phone", "080-1234-5678").await;
    continue_(&c).await;
    assert!(text(&c, "main").await.contains("修正を受け付けました"));
    let changed = text(&c, ".changes").await;
    assert!(
        changed.contains("022-214-1111") && changed.contains("080-1234-5678"),
        "{changed}"
    );
    check_page(&c, &axe, "58b-new-user-correction-changes").await;

    // The office approves; the receipt shows the decision and its notice.
    let (_, page) = madoguchi_e2e::get(&clerk, &detail).await;
    assert!(page.contains("080-1234-5678"));
    let res = madoguchi_e2e::post_form(
        &clerk,
        &format!("{detail}/decision"),
        &madoguchi_e2e::input_value(&page, "csrf_token"),
        &[("decision", "approve"), ("reason", "")],
    )
    .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    c.goto(&server.url(&format!("/receipts/{number}")))
        .await
        .unwrap();
    let main = text(&c, "main").await;
    assert!(main.contains("認められました"), "{main}");
    assert!(
        text(&c, ".answers-sent").await.contains("こむぎ"),
        "the answers filed"
    );
    assert!(
        text(&c, ".history .changes")
            .await
            .contains("080-1234-5678")
    );
    c.find(Locator::Css(&format!(
        "a[href='/receipts/{number}/notice.pdf']"
    )))
    .await
    .expect("the decision notice to download");
    check_page(&c, &axe, "59-new-user-decided").await;
    c.close().await.unwrap();
}
