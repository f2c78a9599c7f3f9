//! Answers filled in for a signed-in resident stay in their city: a Sendai resident's
//! details and filings fill Sendai's forms, and nothing of them reaches Akita's, not even
//! with Sendai's session cookie carried to Akita's host.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{e2e_test, input_value, location, post_form};
use reqwest::StatusCode;
use reqwest::header::COOKIE;

use super::support::{City, cities_adopting_juminhyo};

e2e_test!(settings(|s| s.municipality_file = cities_adopting_juminhyo());
async fn one_citys_details_never_fill_anothers_forms(server) {
    let sendai = City::of(&server, "sendai.localhost", "sendai.example");
    let akita = City::of(&server, "akita.localhost", "akita.example");
    let (taro, jar) = sendai.browser();
    let page = madoguchi_e2e::get(&taro, &sendai.url("/account")).await.1;
    let res = post_form(
        &taro,
        &sendai.url("/account/sign-in"),
        &input_value(&page, "csrf_token"),
        &[("email", "taro@sendai.example"), ("password", "madoguchi-demo"), ("next", "/account")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "signed in at Sendai");
    let page = madoguchi_e2e::get(&taro, &sendai.url("/account/details")).await.1;
    let res = post_form(
        &taro,
        &sendai.url("/account/details"),
        &input_value(&page, "csrf_token"),
        &[("name", "境 界子"), ("phone", "022-261-1111")],
    )
    .await;
    assert_eq!(location(&res), "/account?done=details");

    // At home: filled in.
    let home = madoguchi_e2e::get(&taro, &sendai.url("/p/juminhyo-copy/applicant")).await.1;
    assert!(home.contains("value=\"境 界子\"") && home.contains("class=\"prefilled\""), "{home}");

    // Akita's form, with Sendai's cookie or without: nothing of Sendai's resident.
    let cookie = sendai.cookies_of(&jar);
    assert!(!cookie.is_empty());
    let res = akita
        .bare()
        .get(akita.url("/p/juminhyo-copy/applicant"))
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let there = res.text().await.unwrap();
    assert!(!there.contains("境 界子") && !there.contains("022-261-1111"), "{there}");
    assert!(!there.contains("class=\"prefilled\""));
    let (akita_browser, _) = akita.browser();
    let there = madoguchi_e2e::get(&akita_browser, &akita.url("/p/juminhyo-copy/applicant")).await.1;
    assert!(!there.contains("境 界子") && !there.contains("class=\"prefilled\""));
});
