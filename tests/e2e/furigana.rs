//! Furigana over the kanji of form labels: off by default, turned on and off with a link
//! that works without JavaScript, kept in a cookie, never on English pages, and the switch
//! never sends the reader to another site.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, get, location};
use reqwest::StatusCode;

/// The moving-in notification's first step: its h1, and two of its question labels.
const STEP: &str = "/p/tennyu-yoyaku/notifier";
const STEP_TITLE: &str = "<ruby>方<rp>(</rp><rt>かた</rt><rp>)</rp></ruby>(あなた)について</h1>";
const NAME: &str = "<ruby>氏名<rp>(</rp><rt>しめい</rt><rp>)</rp></ruby>";
const BIRTH_DATE: &str = "<ruby>生年月日<rp>(</rp><rt>せいねんがっぴ</rt><rp>)</rp></ruby>";

e2e_test!(async fn furigana_are_off_until_the_reader_turns_them_on(server) {
    let client = browser();

    // Off by default: the labels are plain text, and the switch offers to turn them on.
    let (status, page) = get(&client, &server.url(STEP)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("<ruby>"), "no furigana unless asked for");
    assert!(page.contains("届出人の氏名"));
    assert!(page.contains(&format!(
        "<a class=\"furigana-switch\" href=\"/furigana/on?to={STEP}\">ふりがなをつける</a>"
    )));

    // Turned on: a cookie kept for a year, and back to the same step.
    let res = client.get(server.url(&format!("/furigana/on?to={STEP}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), STEP);
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.contains("mdg_furigana=on"), "{cookie}");
    assert!(cookie.contains("Max-Age=31536000") && cookie.contains("SameSite=Lax"), "{cookie}");

    let (status, page) = get(&client, &server.url(STEP)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(STEP_TITLE), "the step title carries furigana");
    assert!(page.contains(NAME), "the name question carries furigana");
    assert!(page.contains(BIRTH_DATE), "the birth-date legend carries furigana");
    assert!(page.contains("<ruby>転入<rp>(</rp><rt>てんにゅう</rt>"), "the procedure title too");
    assert!(page.contains("<title>届け出る方(あなた)について"), "never in the page title");
    assert!(page.contains("ふりがなをはずす</a>"), "the switch now offers to turn them off");
    // The start page's title too.
    let (_, start) = get(&client, &server.url("/p/tennyu-yoyaku")).await;
    assert!(start.contains("<h1><ruby>転入<rp>(</rp><rt>てんにゅう</rt>"));

    // An English page shows none, and no switch.
    let res = client.get(server.url(&format!("/lang/en?return={STEP}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, english) = get(&client, &server.url(STEP)).await;
    assert!(english.contains("About you"));
    assert!(!english.contains("<ruby>") && !english.contains("furigana-switch"));
    client.get(server.url(&format!("/lang/ja?return={STEP}"))).send().await.unwrap();

    // Turned off again: the labels are as they were.
    let res = client.get(server.url(&format!("/furigana/off?to={STEP}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&client, &server.url(STEP)).await;
    assert!(!page.contains("<ruby>"));
    assert!(page.contains("ふりがなをつける</a>"));
});

e2e_test!(async fn the_furigana_switch_only_goes_back_to_this_site(server) {
    let client = browser();
    for to in ["https://evil.example/", "//evil.example/p", "https:%2F%2Fevil.example", "/\\evil.example"] {
        let res = client.get(server.url(&format!("/furigana/on?to={to}"))).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{to}");
        assert_eq!(location(&res), "/procedures", "{to}");
    }
    // Without a place to go back to, the list of procedures.
    let res = client.get(server.url("/furigana/on")).send().await.unwrap();
    assert_eq!(location(&res), "/procedures");
    // Only on and off.
    let res = client.get(server.url("/furigana/maybe?to=/procedures")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap().contains("mdg_furigana")));
});
