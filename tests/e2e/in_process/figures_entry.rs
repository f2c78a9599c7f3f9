//! The paper and counter counts (issue 44 item 6) through the office page, as a browser
//! without JavaScript uses it: a supervisor's faults each named at their input with 422 and
//! the typed values kept, a saved month listed and counted on `/statistics.json`; a clerk is
//! refused the page.

use super::support::{Browser, service};

web_test!(async fn a_supervisor_enters_a_months_paper_and_counter_filings(t) {
    let service = service(&t).await;
    let kacho = Browser::default();
    kacho.set_cookie("__Host-mdg_clerk", &t.sign_in_token("koseki-jumin.kacho@sendai.example"));
    let page = kacho.get(&service, "/office/figures").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("紙・窓口の申請件数"), "{}", page.text);
    assert!(page.text.contains("<option value=\"juminhyo-copy\">"), "{}", page.text);
    let csrf = madoguchi_e2e::input_value(&page.text, "csrf_token");

    let wrong = kacho
        .post_form(&service, "/office/figures", Some(&csrf), &[
            ("procedure", "juminhyo-copy"), ("month", "2026年10月"), ("paper", "五"), ("counter", ""),
        ])
        .await;
    assert_eq!(wrong.status, 422);
    for text in [
        "href=\"#month\">月: 2026-04 のように",
        "href=\"#paper\">紙の申請書の件数: 0 から 10000000 までの整数で",
        "href=\"#counter\">システム外の窓口受付の件数: 入力してください",
    ] {
        assert!(wrong.text.contains(text), "{text}: {}", wrong.text);
    }
    assert!(wrong.text.contains("<option value=\"juminhyo-copy\" selected>"), "the choice is kept");
    assert!(wrong.text.contains("value=\"2026年10月\""), "as typed");

    let saved = kacho
        .post_form(&service, "/office/figures", Some(&csrf), &[
            ("procedure", "juminhyo-copy"), ("month", "2026-10"), ("paper", "1,200"), ("counter", "30"),
        ])
        .await;
    assert_eq!(saved.status, 303);
    assert_eq!(saved.header("location"), "/office/figures?saved=1#entered");
    let after = kacho.get(&service, "/office/figures?saved=1").await.text;
    assert!(after.contains("件数を保存しました") && after.contains("2026年10月") && after.contains(">1200<"), "{after}");
    let figures: serde_json::Value =
        serde_json::from_str(&Browser::default().get(&service, "/statistics.json").await.text).unwrap();
    assert_eq!(figures["total"]["elsewhere"], 1230);

    // In English, the same fault in its words.
    kacho.set_cookie("__Host-mdg_lang", "en");
    let en = kacho
        .post_form(&service, "/office/figures", Some(&csrf), &[("procedure", "juminhyo-copy"), ("month", "2026-10"), ("paper", "x"), ("counter", "0")])
        .await;
    assert_eq!(en.status, 422);
    assert!(en.text.contains("Paper forms: enter a whole number from 0 to 10000000"), "{}", en.text);

    let clerk = Browser::default();
    clerk.set_cookie("__Host-mdg_clerk", &t.sign_in_token("koseki-jumin@sendai.example"));
    assert_eq!(clerk.get(&service, "/office/figures").await.status, 403);
});
