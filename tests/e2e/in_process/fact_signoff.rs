//! The city signs off its facts (issue 46 item 3) through the office page, as a browser
//! without JavaScript uses it: the resident's page marks each fact the city has not
//! confirmed, with the section to ask; a supervisor's fault is named at its input with
//! 422; a confirmation recorded takes the mark off that fact (the kept page is rendered
//! again) and is counted on `/statistics.json`; a clerk is refused the page.

use super::support::{Browser, service};

const MARK: &str = "<strong class=\"to-confirm-label\">市に確認中</strong>";

web_test!(async fn a_supervisor_confirms_a_fact_and_the_residents_page_no_longer_marks_it(t) {
    let service = service(&t).await;
    let resident = Browser::default();
    let before = resident.get(&service, "/p/juminhyo-copy").await.text;
    let marks = before.matches(MARK).count();
    assert!(marks >= 2, "the unconfirmed facts are marked: {before}");
    assert!(before.contains("この内容は、まだ市が確認していません。確かなことは区役所 戸籍住民課にお問い合わせください。"), "{before}");
    assert!(before.contains("「市に確認中」と示した内容は、まだ市が確認していません。"), "the line on the check against the sources says so");
    // The search results say the fee is not confirmed on the procedure's card.
    let list = resident.get(&service, "/procedures?q=%E4%BD%8F%E6%B0%91%E7%A5%A8").await.text;
    let card = &list[list.find("href=\"/p/juminhyo-copy\"").expect("listed")..];
    let card = &card[..card.find("</li>").unwrap()];
    assert!(card.contains("(市に確認中) ・ 区役所 戸籍住民課"), "{card}");
    // The processing period's section is one of them.
    let days_section = &before[before.find("かかる日数").unwrap()..before.find("根拠</h2>").unwrap()];
    assert!(days_section.contains(MARK), "{days_section}");

    let kacho = Browser::default();
    kacho.set_cookie("__Host-mdg_clerk", &t.sign_in_token("koseki-jumin.kacho@sendai.example"));
    let page = kacho.get(&service, "/office/facts").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("住民票の写し"), "{}", page.text);
    let csrf = madoguchi_e2e::input_value(&page.text, "csrf_token");
    // The form of the processing period: its digest follows its fact.
    let at = page.text.find("id=\"juminhyo-copy--processing_days\"").expect("the period is listed");
    let digest = madoguchi_e2e::input_value(&page.text[at..], "digest");

    let wrong = kacho
        .post_form(&service, "/office/facts", Some(&csrf), &[
            ("procedure", "juminhyo-copy"), ("fact", "processing_days"), ("digest", &digest), ("evidence", ""), ("what", ""),
        ])
        .await;
    assert_eq!(wrong.status, 422);
    for text in [
        "href=\"#juminhyo-copy--processing_days-evidence-page\">確認の根拠の種類を選んでください",
        "href=\"#juminhyo-copy--processing_days-what\">根拠の名称・場所を入力してください",
        "id=\"juminhyo-copy--processing_days-what\" name=\"what\" type=\"text\" maxlength=\"500\" value=\"\" aria-describedby=\"juminhyo-copy--processing_days-what-hint juminhyo-copy--processing_days-what-error\" aria-invalid=\"true\"",
    ] {
        assert!(wrong.text.contains(text), "{text}: {}", wrong.text);
    }
    kacho.set_cookie("__Host-mdg_lang", "en");
    let en = kacho
        .post_form(&service, "/office/facts", Some(&csrf), &[
            ("procedure", "juminhyo-copy"), ("fact", "processing_days"), ("digest", &digest), ("evidence", "ordinance"), ("what", " "),
        ])
        .await;
    assert_eq!(en.status, 422);
    assert!(en.text.contains("Enter the name or address of the evidence"), "{}", en.text);
    assert!(en.text.contains("id=\"juminhyo-copy--processing_days-evidence-ordinance\" name=\"evidence\" value=\"ordinance\" checked"), "the choice is kept");
    kacho.set_cookie("__Host-mdg_lang", "ja");

    let saved = kacho
        .post_form(&service, "/office/facts", Some(&csrf), &[
            ("procedure", "juminhyo-copy"), ("fact", "processing_days"), ("digest", &digest), ("evidence", "ordinance"), ("what", "仙台市行政手続条例 第6条"),
        ])
        .await;
    assert_eq!(saved.status, 303);
    assert_eq!(saved.header("location"), "/office/facts?saved=1");
    let after = kacho.get(&service, "/office/facts?saved=1").await.text;
    assert!(after.contains("確認を記録しました") && after.contains("仙台市行政手続条例 第6条"), "{after}");

    let now = resident.get(&service, "/p/juminhyo-copy").await.text;
    assert_eq!(now.matches(MARK).count(), marks - 1, "one mark fewer: {now}");
    let days_section = &now[now.find("かかる日数").unwrap()..now.find("根拠</h2>").unwrap()];
    assert!(!days_section.contains(MARK), "{days_section}");
    let figures: serde_json::Value =
        serde_json::from_str(&Browser::default().get(&service, "/statistics.json").await.text).unwrap();
    assert_eq!(figures["facts"]["confirmed"], 1);
    assert!(figures["facts"]["marked"].as_u64().unwrap() >= marks as u64);

    let clerk = Browser::default();
    clerk.set_cookie("__Host-mdg_clerk", &t.sign_in_token("koseki-jumin@sendai.example"));
    assert_eq!(clerk.get(&service, "/office/facts").await.status, 403);
});
