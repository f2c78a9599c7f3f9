//! Each city's mails lead to its own host and speak of it alone (issue 50, item 3): an Akita
//! resident's receipt once linked `/status` on Sendai's address (where Akita's 到達番号 and
//! key are refused), and the 「審査を始めました」 footer too. Every mail a filing and an account
//! of a city other than the default one set off (its fee paid and the provider returning
//! the resident to Akita's own address, the filing completed) is read off the SMTP server here: each link
//! and the Message-ID name Akita's host, and no mail names Sendai, wards Akita does not have,
//! or a note for the city.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use madoguchi_e2e::{e2e_test, input_value, location, post_form};
use reqwest::StatusCode;

use super::support::{AKITA, City, cities_adopting_juminhyo, links, mail_with, of_akita_alone};

const PASSWORD: &str = "akita-no-kanto-matsuri-2026";

e2e_test!(settings(|s| s.municipality_file = cities_adopting_juminhyo());
async fn every_mail_of_a_city_leads_to_its_own_host_and_names_no_other(server) {
    let akita = City::of(&server, AKITA, "akita.example");

    // A filing: received, taken up, extended, a correction asked and answered, approved
    // with the fee to pay, paid, then completed.
    let ((resident, _), number) = akita.file("秋田 花子", "あきた　はなこ").await;
    let (clerk, _) = akita.staff("koseki-jumin").await;
    let (path, csrf) = akita.clerk_page(&clerk, &number).await;
    let actions = akita.url(&format!("{path}/actions"));
    for form in [
        vec![("action", "claim")],
        vec![("action", "extend"), ("days", "3"), ("reason", "他の機関への照会に時間がかかるため")],
    ] {
        let res = post_form(&clerk, &actions, &csrf, &form).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{form:?}");
    }
    let deadline = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
    let res = post_form(&clerk, &actions, &csrf, &[
        ("action", "request_correction"),
        ("fields", "/applicant_phone"),
        ("reason", "日中に連絡のとれる電話番号を入力してください。"),
        ("deadline", &deadline),
    ]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "correction asked");
    let correction = mail_with(&server, "修正(補正)のお願い");
    let link = links(&correction).into_iter().find(|l| l.contains("/corrections/")).expect("the correction link");
    let path_of = |url: &str| url.split_once(AKITA).map(|(_, p)| p.to_string()).unwrap_or_default();
    let link = path_of(&link);
    let page = madoguchi_e2e::get(&resident, &akita.url(&link)).await.1;
    let res = post_form(&resident, &akita.url(&link), &input_value(&page, "csrf_token"), &[("applicant_phone", "018-888-5555")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the correction is sent");
    let res = post_form(&clerk, &akita.url(&format!("{path}/decision")), &csrf, &[("decision", "approve"), ("reason", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "approved");
    // The fee paid through the emailed link: the provider sends the resident back to
    // Akita's own address, and the payment's mail follows; then the clerk completes it.
    let request = mail_with(&server, "手数料のお支払いのお願い");
    let pay = path_of(&links(&request).into_iter().find(|l| l.contains("/pay/")).expect("the link to pay"));
    let (phone, _) = akita.browser();
    let page = madoguchi_e2e::get(&phone, &akita.url(&pay)).await.1;
    let res = post_form(&phone, &akita.url(&pay), &input_value(&page, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "to the provider's page");
    let provider_page = server.local(&location(&res));
    let res = phone.post(format!("{provider_page}/card")).form(&[("card_number", "4242424242424242")]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the provider sends the resident back");
    let back = location(&res);
    assert!(back.starts_with(&format!("https://{AKITA}/payments/return?checkout=")), "back to Akita's own address: {back}");
    let (status, page) = madoguchi_e2e::get(&phone, &akita.url(&path_of(&back))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("お支払いが完了しました"), "{page}");
    mail_with(&server, "手数料のお支払いを確認しました");
    let page = madoguchi_e2e::get(&clerk, &akita.url(&path)).await.1;
    let res = post_form(&clerk, &actions, &input_value(&page, "csrf_token"), &[("action", "close")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "completed once paid");
    mail_with(&server, "手続が完了しました");

    // A second filing, withdrawn by its resident.
    let ((second, _), other) = akita.file("秋田 一郎", "あきた　いちろう").await;
    let receipt = madoguchi_e2e::get(&second, &akita.url(&format!("/receipts/{other}/withdraw"))).await.1;
    let res = post_form(&second, &akita.url(&format!("/receipts/{other}/withdraw")), &input_value(&receipt, "csrf_token"), &[("confirm", "yes")]).await;
    assert!(res.status().is_redirection(), "withdrawn: {}", res.status());

    // A draft's link to go on later.
    let (drafting, _) = akita.browser();
    let page = madoguchi_e2e::get(&drafting, &akita.url("/p/juminhyo-copy/applicant")).await.1;
    let res = post_form(&drafting, &akita.url("/p/juminhyo-copy/applicant"), &input_value(&page, "csrf_token"), madoguchi_e2e::APPLICANT).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "a draft is kept");
    let res = post_form(&drafting, &akita.url("/p/juminhyo-copy/resume-link"), &input_value(&page, "csrf_token"), &[("email", "jiro@example.jp")]).await;
    assert!(res.status().is_redirection() || res.status() == StatusCode::OK, "resume link: {}", res.status());

    // An account: registered, registered again, confirmed, its password reset and changed.
    let (visitor, _) = akita.browser();
    let register = || async {
        let page = madoguchi_e2e::get(&visitor, &akita.url("/account/new")).await.1;
        let res = post_form(&visitor, &akita.url("/account/new"), &input_value(&page, "csrf_token"), &[("email", "hanako@example.jp"), ("password", PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::OK, "registered");
    };
    register().await;
    let verify = mail_with(&server, "メールアドレスの確認");
    let verify = path_of(&links(&verify).into_iter().find(|l| l.contains("/account/verify/")).expect("the confirmation link"));
    let (status, page) = madoguchi_e2e::get(&visitor, &akita.url(&verify)).await;
    assert_eq!(status, StatusCode::OK, "{verify}: {page}");
    let res = post_form(&visitor, &akita.url(verify.split('?').next().unwrap()), &input_value(&page, "csrf_token"), &[("next", "")]).await;
    assert!(res.status().is_redirection(), "confirmed: {}", res.status());
    // Registering the confirmed address again tells its owner instead.
    register().await;
    mail_with(&server, "利用者登録について");
    let page = madoguchi_e2e::get(&visitor, &akita.url("/account/reset")).await.1;
    let res = post_form(&visitor, &akita.url("/account/reset"), &input_value(&page, "csrf_token"), &[("email", "hanako@example.jp")]).await;
    assert!(res.status().is_success() || res.status().is_redirection());
    let reset = mail_with(&server, "パスワードの再設定");
    let reset = path_of(&links(&reset).into_iter().find(|l| l.contains("/account/reset/")).expect("the reset link"));
    let page = madoguchi_e2e::get(&visitor, &akita.url(&reset)).await.1;
    let res = post_form(&visitor, &akita.url(reset.split('?').next().unwrap()), &input_value(&page, "csrf_token"), &[("password", "akita-no-namahage-2027-fuyu")]).await;
    assert!(res.status().is_redirection(), "password set again: {}", res.status());
    assert!(location(&res).starts_with("/account"));
    mail_with(&server, "パスワードを変更しました");

    // What arrived: every kind asked for above, each of Akita, each link on Akita's host.
    std::thread::sleep(Duration::from_millis(500));
    let mails: Vec<_> = server.sink.received();
    let kinds = [
        "到達のお知らせ",
        "審査を始めました",
        "処理期間の延長",
        "修正(補正)のお願い",
        "修正の受付",
        "審査結果のお知らせ",
        "手数料のお支払いのお願い",
        "手数料のお支払いを確認しました",
        "手続が完了しました",
        "取下げの受付",
        "入力の続きのご案内",
        "利用者登録について",
        "メールアドレスの確認",
        "パスワードの再設定",
        "パスワードを変更しました",
    ];
    let mut problems = Vec::new();
    for kind in kinds {
        if !mails.iter().any(|m| m.subject().contains(kind)) {
            problems.push(format!("no mail 「{kind}」"));
        }
    }
    let linked = of_akita_alone(&mails, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(linked >= 10, "{linked} links read in {} mails", mails.len());
    // The receipt's status link works where it leads: Akita's own look-up page.
    let receipt = mails.iter().find(|m| m.subject().contains("到達のお知らせ")).unwrap().text();
    assert!(links(&receipt).iter().any(|l| l == &format!("https://{AKITA}/status")), "{receipt}");
});
