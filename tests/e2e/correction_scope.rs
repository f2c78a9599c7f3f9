//! A correction asks only for what the clerk named: the resident's correction page shows
//! those questions (and those a new answer makes necessary), never the My Number the
//! filing holds unless it was named, and every other answer stays as filed; the whole
//! filing is still validated when the correction is sent.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use madoguchi_e2e::{
    TestServer, browser, e2e_test, get, input_value, location, post_form, staff_sign_in,
};
use reqwest::{Client, StatusCode};

const FORM: &str = "kokuho-saikofu";
const MY_NUMBER: &str = "111111111118";

/// Files the reissue of a health-insurance certificate (with a household member's My
/// Number); returns the arrival number.
async fn file(server: &TestServer, resident: &Client) -> String {
    let (_, page) = get(resident, &server.url(&format!("/p/{FORM}/householder"))).await;
    let csrf = input_value(&page, "csrf_token");
    let householder: &[(&str, &str)] = &[
        ("householder_name", "仙台 太郎"),
        ("householder_name_kana", "センダイ タロウ"),
        ("householder_birth_date.era", "showa"),
        ("householder_birth_date.year", "53"),
        ("householder_birth_date.month", "6"),
        ("householder_birth_date.day", "15"),
        ("householder_postal_code", "980-0811"),
        ("householder_address.prefecture", "宮城県"),
        ("householder_address.city", "仙台市青葉区"),
        ("householder_address.town", "一番町四丁目"),
        ("householder_address.block", "7-17"),
        ("householder_address.building", ""),
        ("householder_phone", "022-214-1111"),
        ("householder_email", "taro@example.jp"),
    ];
    let request: &[(&str, &str)] = &[
        ("member_name", "仙台 花子"),
        ("member_my_number", MY_NUMBER),
        ("document_type", "eligibility_certificate"),
        ("reason", "lost"),
    ];
    for (step, answers) in [("householder", householder), ("request", request)] {
        let res = post_form(
            resident,
            &server.url(&format!("/p/{FORM}/{step}")),
            &csrf,
            answers,
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {step}");
    }
    let (status, check) = get(resident, &server.url(&format!("/p/{FORM}/check"))).await;
    assert_eq!(status, StatusCode::OK, "{check}");
    let res = post_form(
        resident,
        &server.url(&format!("/p/{FORM}/submit")),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res).trim_start_matches("/receipts/").to_string()
}

/// The clerk asks for `fields` to be corrected; returns the emailed link (a link not in
/// `seen`: the request's, not an earlier one).
async fn ask(
    server: &TestServer,
    clerk: &Client,
    detail: &str,
    fields: &[&str],
    seen: &[String],
) -> String {
    let (_, page) = get(clerk, &server.url(detail)).await;
    let deadline = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let mut form = vec![
        ("action", "request_correction"),
        ("reason", "内容を確認して、もう一度入力してください。"),
        ("deadline", deadline.as_str()),
    ];
    form.extend(fields.iter().map(|f| ("fields", *f)));
    let res = post_form(
        clerk,
        &server.url(&format!("{detail}/actions")),
        &input_value(&page, "csrf_token"),
        &form,
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "asked for {fields:?}");
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let link = server.sink.received().iter().find_map(|m| {
            let text = m.text();
            let start = text.find("/corrections/")?;
            let link: String = text[start..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .collect();
            (!seen.contains(&link)).then_some(link)
        });
        if let Some(link) = link {
            return link;
        }
        assert!(
            Instant::now() < until,
            "no correction request for {fields:?} mailed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The `name`s of the inputs the page's main part asks for (without the CSRF token).
fn asked(page: &str) -> Vec<String> {
    let page = &page[page.find("<main").expect("a main part")..];
    let mut names: Vec<String> = page
        .match_indices(" name=\"")
        .map(|(i, m)| {
            let start = i + m.len();
            page[start..start + page[start..].find('"').unwrap()].to_string()
        })
        .filter(|n| n != "csrf_token")
        .map(|n| n.split('.').next().unwrap().to_string())
        .collect();
    names.dedup();
    names
}

e2e_test!(async fn a_correction_asks_only_what_the_clerk_named_and_keeps_the_my_number(server) {
    let resident = browser();
    let number = file(&server, &resident).await;
    let clerk = staff_sign_in(&server, "hoken-nenkin@sendai.example").await;
    let (_, queue) = get(&clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("the filing in the queue") + marker.len();
    let detail = format!("/office/submissions/{}", &queue[start..start + queue[start..].find('"').unwrap()]);
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    let res = post_form(&clerk, &server.url(&format!("{detail}/actions")), &input_value(&page, "csrf_token"), &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // The phone number only: the page asks that, and not the My Number nor anything else.
    let link = ask(&server, &clerk, &detail, &["/householder_phone"], &[]).await;
    let applicant = browser();
    let (status, page) = get(&applicant, &server.url(&link)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(asked(&page), ["householder_phone"], "only the named question");
    assert!(!page.contains(MY_NUMBER) && !page.contains("member_my_number"));
    assert!(!page.contains(MY_NUMBER_AGAIN), "no My Number is asked for, so none is mentioned: {page}");
    let csrf = input_value(&page, "csrf_token");
    let res = post_form(&applicant, &server.url(&link), &csrf, &[("householder_phone", "080-4444-5555")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // Every other answer as filed: the My Number too (masked to the clerk, the same last
    // digits), and the difference names only the phone.
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(page.contains(&format!("********{}", &MY_NUMBER[8..])), "the My Number kept");
    assert!(page.contains("<ins>080-4444-5555</ins>") && page.contains("昭和53年6月15日"), "{page}");
    let diff = &page[page.find("table class=\"table diff\"").expect("what changed")..];
    let diff = &diff[..diff.find("</table>").unwrap()];
    assert_eq!(diff.matches("<tr><th scope=\"row\"").count(), 1, "one change: {diff}");

    // The reason: choosing "other" makes its details necessary — asked then, and the whole
    // filing validated — but still not the My Number.
    let first = link.clone();
    let link = ask(&server, &clerk, &detail, &["/reason"], &[link]).await;
    let (_, page) = get(&applicant, &server.url(&link)).await;
    assert_eq!(asked(&page), ["reason"], "{page}");
    let csrf = input_value(&page, "csrf_token");
    let res = post_form(&applicant, &server.url(&link), &csrf, &[("reason", "other")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "the details of 'other' are required");
    let page = res.text().await.unwrap();
    assert_eq!(asked(&page), ["reason", "reason_other"], "the question the new answer needs, no more");
    let res = post_form(&applicant, &server.url(&link), &csrf, &[("reason", "other"), ("reason_other", "洗濯してしまい読めなくなった")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&clerk, &server.url(&detail)).await;
    assert!(page.contains("洗濯してしまい読めなくなった") && page.contains("080-4444-5555"), "both corrections kept");
    assert!(page.contains(&format!("********{}", &MY_NUMBER[8..])), "the My Number still as filed");

    // The My Number itself asked for: typed again (it is never shown back), and said so.
    let link = ask(&server, &clerk, &detail, &["/member_my_number"], &[first, link]).await;
    let (_, page) = get(&applicant, &server.url(&link)).await;
    assert_eq!(asked(&page), ["member_my_number"], "{page}");
    assert!(page.contains(MY_NUMBER_AGAIN) && !page.contains(MY_NUMBER), "{page}");
});

/// What the correction page says when it asks for a My Number (never shown back).
const MY_NUMBER_AGAIN: &str = "個人番号は、安全のためもう一度入力してください。";
