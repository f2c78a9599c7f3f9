//! A past date entered in 和暦 (an era, its year and 元年) over the real server: the step
//! page offers the eras and 西暦, a mistake is told in the calendar chosen, the answer is
//! stored as an ISO date and read back in both calendars; a foreign resident's name in the
//! Latin alphabet is taken where the procedure allows it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{
    APPLICANT, PAYMENT, REQUEST, browser, e2e_test, get, input_value, location, post_form,
};
use madoguchi_store::prelude::SubmissionsRead;
use reqwest::StatusCode;

/// The applicant step's answers with the birth date and the name replaced.
fn applicant<'a>(
    name: &'a str,
    kana: &'a str,
    era: &'a str,
    year: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut answers: Vec<(&str, &str)> = APPLICANT
        .iter()
        .copied()
        .filter(|(k, _)| !k.starts_with("applicant_birth_date") && !k.starts_with("applicant_name"))
        .collect();
    answers.extend([
        ("applicant_name", name),
        ("applicant_name_kana", kana),
        ("applicant_birth_date.era", era),
        ("applicant_birth_date.year", year),
        ("applicant_birth_date.month", "5"),
        ("applicant_birth_date.day", "3"),
    ]);
    answers
}

e2e_test!(async fn a_showa_birth_date_is_stored_as_an_iso_date(server) {
    let resident = browser();
    let (status, page) = get(&resident, &server.url("/p/juminhyo-copy/applicant")).await;
    assert_eq!(status, StatusCode::OK);
    for era in ["令和", "平成", "昭和", "大正", "明治", "西暦"] {
        assert!(page.contains(&format!(">{era}</option>")), "the era select offers {era}");
    }
    let csrf = input_value(&page, "csrf_token");
    let url = server.url("/p/juminhyo-copy/applicant");

    // 昭和 ended on its 64th year, 7 January 1989: a later day is told so, in the calendar chosen.
    let res = post_form(&resident, &url, &csrf, &applicant("仙台 花子", "センダイ ハナコ", "showa", "65")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let wrong = res.text().await.unwrap();
    assert!(wrong.contains("昭和は64年(1989年1月7日)までです。平成を選んでください"), "{wrong}");
    assert!(wrong.contains("<option value=\"showa\" selected>"), "the era chosen is kept");

    // 昭和26年5月3日: a resident born in 1951, 75 on the filing day.
    let res = post_form(&resident, &url, &csrf, &applicant("仙台 花子", "せんだい はなこ", "showa", "26")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    for (step, answers) in [("request", REQUEST), ("payment", PAYMENT)] {
        let res = post_form(&resident, &server.url(&format!("/p/juminhyo-copy/{step}")), &csrf, answers).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {step}");
    }
    let (_, check) = get(&resident, &server.url("/p/juminhyo-copy/check")).await;
    assert!(check.contains("昭和26年5月3日（1951年5月3日）"), "both calendars on the check page");
    // Changing the answer shows it as it was entered: the era, its year, month and day.
    let (_, again) = get(&resident, &url).await;
    assert!(again.contains("<option value=\"showa\" selected>") && again.contains("value=\"26\""));

    let key = input_value(&check, "idempotency_key");
    let res = post_form(&resident, &server.url("/p/juminhyo-copy/submit"), &csrf, &[("idempotency_key", &key)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let number = location(&res).trim_start_matches("/receipts/").to_string();
    let tenant = madoguchi_core::TenantId::new(madoguchi_testkit::defaults::TENANT.to_string());
    let row = server.db.db.conn().unwrap().find_submission_by_arrival_number(&tenant, &number).unwrap().unwrap();
    let data: serde_json::Value = serde_json::from_str(&row.data).unwrap();
    assert_eq!(data["applicant_birth_date"], "1951-05-03", "stored as an ISO date, ready for processing");
});

e2e_test!(async fn gannen_and_a_latin_name_are_taken(server) {
    let resident = browser();
    let (_, page) = get(&resident, &server.url("/p/juminhyo-copy/applicant")).await;
    let csrf = input_value(&page, "csrf_token");
    let url = server.url("/p/juminhyo-copy/applicant");
    // The year written as in 西暦 where an era was chosen: how to write it.
    let res = post_form(&resident, &url, &csrf, &applicant("SMITH JOHN", "SMITH JOHN", "heisei", "1990")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let wrong = res.text().await.unwrap();
    assert!(wrong.contains("平成にない日付です") || wrong.contains("平成の年を数字で"), "{wrong}");
    // 平成元年5月3日 and a name as the resident register writes it, typed in full width.
    let res = post_form(&resident, &url, &csrf, &applicant("ＳＭＩＴＨ　ＪＯＨＮ", "SMITH JOHN", "heisei", "元")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, again) = get(&resident, &url).await;
    assert!(again.contains("value=\"SMITH JOHN\""), "kept in half width");
    assert!(again.contains("value=\"元\""), "元年 shown as 元");
});
