//! A second application for the same person (issue 44 item 4) in Chromium at 320 px: a
//! resident files the reissue of a health-insurance certificate, then answers the same
//! request again in the same browser; the check page says the first is still open, links
//! its receipt and, the procedure calling a second one void, offers no send button — axe on
//! that page, nothing scrolling sideways. Then a section head enters a month's paper and
//! counter filings (issue 44 item 6) on the same screen, axe on the form and on its faults.

use super::*;
use fantoccini::Client;
use madoguchi_testkit::catalogue::{reissue, reissue_answers, reissue_json};

/// The shipped forms with the reissue filed by guests and a second one void, made once.
fn forms_with_a_void_reissue() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("forms-void-reissue-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("kokuho-saikofu")).unwrap();
    for entry in std::fs::read_dir(madoguchi_testkit::defaults::forms_dir()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "kokuho-saikofu" {
            std::os::unix::fs::symlink(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    std::fs::write(
        dir.join("kokuho-saikofu/form.json"),
        reissue_json("void").to_string(),
    )
    .unwrap();
    dir
}

async fn answer_every_step(c: &Client, server: &TestServer, data: &Value) {
    let form = reissue("void");
    for step in form.shown_steps(data) {
        let url = server.url(&format!("/p/kokuho-saikofu/{}", step.id));
        c.goto(&url).await.unwrap();
        post_step(
            c,
            &url,
            &madoguchi_forms::input::posted_from_data(step, data),
        )
        .await;
    }
    c.goto(&server.url("/p/kokuho-saikofu/check"))
        .await
        .unwrap();
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_second_application_and_the_paper_counts_at_320_px() {
    let forms = forms_with_a_void_reissue();
    let server = crate::browser_support::server_at_its_own_address(|s| s.forms_dir = forms);
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;
    let data = reissue_answers("仙台 花子", "111111111118");

    answer_every_step(&c, &server, &data).await;
    navigate(&c, "#submit button[type=submit]").await;
    let receipt = c.current_url().await.unwrap();
    assert!(receipt.path().starts_with("/receipts/"), "{receipt}");
    let first = receipt.path().trim_start_matches("/receipts/").to_string();

    answer_every_step(&c, &server, &data).await;
    let alike = text(&c, "#alike").await;
    assert!(alike.contains("同じ申請がすでに受付中です"), "{alike}");
    assert!(alike.contains(&first), "{alike}");
    let sends = c
        .find_all(Locator::Css("#submit button"))
        .await
        .unwrap()
        .len();
    assert_eq!(sends, 0, "no send button while the first is open");
    check_page(&c, &axe, "96-duplicate-check").await;
    // The first one's receipt is one click away.
    navigate(&c, &format!("#alike a[href='/receipts/{first}']")).await;
    assert!(c.current_url().await.unwrap().path().ends_with(&first));

    // A section head enters the month's paper and counter filings (/office/figures).
    let head = browser(&driver, 320).await;
    staff_signs_in(&head, &server, "koseki-jumin.kacho@sendai.example", 0).await;
    navigate(&head, "a[href='/office/figures']").await;
    check_page(&head, &axe, "97-figures-entry").await;
    continue_(&head).await;
    let summary = text(&head, ".error-summary").await;
    assert!(summary.contains("手続: 入力してください"), "{summary}");
    check_page(&head, &axe, "98-figures-entry-faults").await;
    choose(&head, "procedure", "juminhyo-copy").await;
    type_into(&head, "month", "2026-10").await;
    type_into(&head, "paper", "12").await;
    type_into(&head, "counter", "3").await;
    continue_(&head).await;
    let saved = text(&head, "main").await;
    assert!(saved.contains("件数を保存しました"), "{saved}");
    check_page(&head, &axe, "99-figures-entry-saved").await;
}
