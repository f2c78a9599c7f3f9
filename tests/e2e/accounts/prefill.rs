//! Answers filled in for a signed-in resident (項目の自動入力, issue 20 item 11): the details
//! kept on the account page fill every form's questions of the same meaning, each saying
//! so; the resident changes one; the check page marks what was filled and kept; a second
//! filing is offered the first one's answers (once-only); a browser that is not signed in
//! gets nothing.

use super::*;

const DEMO_RESIDENT: &str = "taro@sendai.example";
const DEMO_PASSWORD: &str = "madoguchi-demo";

/// The profile the resident saves (西暦 birth date; a hiragana reading becomes katakana).
const DETAILS: &[(&str, &str)] = &[
    ("name", "青葉 花子"),
    ("name_kana", "あおば　はなこ"),
    ("birth_date.era", "showa"),
    ("birth_date.year", "60"),
    ("birth_date.month", "4"),
    ("birth_date.day", "1"),
    ("postal_code", "980-0811"),
    ("address.prefecture", "宮城県"),
    ("address.city", "仙台市青葉区"),
    ("address.town", "一番町四丁目"),
    ("address.block", "1-1"),
    ("address.building", ""),
    ("phone", "022-261-1111"),
];

/// The first step as the resident sends it: what was filled in, with the phone changed.
const KEPT_BUT_THE_PHONE: &[(&str, &str)] = &[
    ("applicant_name", "青葉 花子"),
    ("applicant_name_kana", "アオバ　ハナコ"),
    ("applicant_birth_date.era", "showa"),
    ("applicant_birth_date.year", "60"),
    ("applicant_birth_date.month", "4"),
    ("applicant_birth_date.day", "1"),
    ("applicant_postal_code", "980-0811"),
    ("applicant_address.prefecture", "宮城県"),
    ("applicant_address.city", "仙台市青葉区"),
    ("applicant_address.town", "一番町四丁目"),
    ("applicant_address.block", "1-1"),
    ("applicant_address.building", ""),
    ("applicant_phone", "090-1234-5678"),
    ("applicant_email", DEMO_RESIDENT),
];

/// The `value` of the text input named `name` on `page` (`None` when it has none).
fn text_value(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let at = page.find(&marker)?;
    let start = page[..at].rfind("<input")?;
    let tag = &page[start..start + page[start..].find('>')?];
    let v = tag.find("value=\"")? + "value=\"".len();
    Some(tag[v..v + tag[v..].find('"')?].to_string())
}

/// Posts the resident-record request's steps: `applicant` as given, the rest as the shared
/// journey answers them; returns the check page.
async fn file_juminhyo(server: &TestServer, client: &Client, applicant: &[(&str, &str)]) -> String {
    let (_, page) = get(client, &server.url("/p/juminhyo-copy/applicant")).await;
    let csrf = input_value(&page, "csrf_token");
    for (step, answers) in [
        ("applicant", applicant),
        ("request", madoguchi_e2e::REQUEST),
        ("payment", madoguchi_e2e::PAYMENT),
    ] {
        let res = post_form(
            client,
            &server.url(&format!("/p/juminhyo-copy/{step}")),
            &csrf,
            answers,
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {step}");
    }
    let (status, check) = get(client, &server.url("/p/juminhyo-copy/check")).await;
    assert_eq!(status, StatusCode::OK);
    check
}

async fn save_details(
    server: &TestServer,
    client: &Client,
    details: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = csrf_of(server, client, "/account/details").await;
    post_form(client, &server.url("/account/details"), &csrf, details).await
}

e2e_test!(
    async fn the_profile_and_the_last_filing_fill_in_the_next_form(server) {
        // Not signed in: the details page sends to the sign-in, and forms start empty.
        let stranger = browser();
        let res = stranger.get(server.url("/account/details")).send().await.unwrap();
        assert_eq!(location(&res), "/account?next=/account/details");
        let (_, page) = get(&stranger, &server.url("/p/juminhyo-copy/applicant")).await;
        assert_eq!(text_value(&page, "applicant_name").as_deref(), Some(""), "nothing filled in");
        assert!(!page.contains("class=\"prefilled\""));

        let taro = browser();
        let res = sign_in(&server, &taro, DEMO_RESIDENT, DEMO_PASSWORD, "/account").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let (_, account) = get(&taro, &server.url("/account")).await;
        assert!(account.contains("フォームに自動で入力する情報") && account.contains("まだ登録されていません"), "{account}");

        // A wrong detail is refused with a message naming the field; nothing is saved.
        let mut wrong = DETAILS.to_vec();
        wrong.retain(|(k, _)| *k != "phone");
        wrong.push(("phone", "12345"));
        let res = save_details(&server, &taro, &wrong).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = res.text().await.unwrap();
        assert!(page.contains("電話番号"), "the error names the field: {page}");
        assert!(page.contains("href=\"#f-phone\""), "the summary links to it");
        let res = save_details(&server, &taro, DETAILS).await;
        assert_eq!(location(&res), "/account?done=details");
        let (_, account) = get(&taro, &server.url("/account?done=details")).await;
        assert!(account.contains("保存しました") && account.contains("青葉 花子") && account.contains("アオバ　ハナコ"), "{account}");

        // The form starts filled in, each filled question saying so and from where.
        let (_, page) = get(&taro, &server.url("/p/juminhyo-copy/applicant")).await;
        assert_eq!(text_value(&page, "applicant_name").as_deref(), Some("青葉 花子"));
        assert_eq!(text_value(&page, "applicant_name_kana").as_deref(), Some("アオバ　ハナコ"));
        assert_eq!(text_value(&page, "applicant_birth_date.year").as_deref(), Some("60"));
        assert!(page.contains("value=\"showa\" selected"), "the 和暦 era as saved");
        assert_eq!(text_value(&page, "applicant_address.town").as_deref(), Some("一番町四丁目"));
        assert_eq!(text_value(&page, "applicant_phone").as_deref(), Some("022-261-1111"));
        assert_eq!(text_value(&page, "applicant_email").as_deref(), Some(DEMO_RESIDENT), "the account's email");
        // Where from is said once for the step; each filled question carries a short mark.
        assert_eq!(page.matches("アカウントに登録した情報から入力しました").count(), 1, "{page}");
        assert_eq!(page.matches("アカウントの登録情報から自動入力").count(), 7, "{page}");
        assert!(page.find("id=\"filled-notes\"").unwrap() < page.find("for=\"f-applicant_name\"").unwrap(), "above the questions");
        let note = page.find("id=\"f-applicant_name-filled\"").expect("the note on the name");
        assert!(note < page.find("for=\"f-applicant_name\"").unwrap(), "above the question");
        assert!(page.contains("aria-describedby=\"f-applicant_name-filled"), "read with the input");
        let english = taro
            .get(server.url("/p/juminhyo-copy/applicant"))
            .header(reqwest::header::ACCEPT_LANGUAGE, "en")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(english.contains("We filled this in from the details saved in your account"), "{english}");

        // The resident changes the phone number and files; the check page marks the rest.
        let check = file_juminhyo(&server, &taro, KEPT_BUT_THE_PHONE).await;
        assert_eq!(check.matches("アカウントの登録情報から自動入力").count(), 6, "all but the phone: {check}");
        let phone_row = &check[check.find("090-1234-5678").expect("the changed phone")..];
        let phone_row = &phone_row[..phone_row.find("</dd>").unwrap()];
        assert!(!phone_row.contains("自動入力"), "a changed answer is the resident's: {phone_row}");
        let res = post_form(
            &taro,
            &server.url("/p/juminhyo-copy/submit"),
            &input_value(&check, "csrf_token"),
            &[("idempotency_key", &input_value(&check, "idempotency_key"))],
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "filed");

        // Once-only: with the profile cleared, another form is offered the filing's answers.
        let empty: Vec<(&str, &str)> = DETAILS.iter().map(|&(k, _)| (k, "")).collect();
        let res = save_details(&server, &taro, &empty).await;
        assert_eq!(location(&res), "/account?done=details");
        let (_, account) = get(&taro, &server.url("/account")).await;
        assert!(account.contains("まだ登録されていません"), "cleared: {account}");
        let (_, page) = get(&taro, &server.url("/p/inkan-certificate")).await;
        let first = page.split("href=\"/p/inkan-certificate/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let (_, page) = get(&taro, &server.url(&format!("/p/inkan-certificate/{first}"))).await;
        assert_eq!(text_value(&page, "applicant_phone").as_deref(), Some("090-1234-5678"), "{page}");
        assert_eq!(text_value(&page, "applicant_name").as_deref(), Some("青葉 花子"));
        assert!(page.contains("前回の申請での回答から入力しました"), "{page}");
        assert!(page.contains("アカウントに登録した情報から入力しました"), "the email is still the account's");

        // Another browser, not signed in: still nothing.
        let (_, page) = get(&browser(), &server.url(&format!("/p/inkan-certificate/{first}"))).await;
        assert_eq!(text_value(&page, "applicant_phone").as_deref(), Some(""));
    }
);
