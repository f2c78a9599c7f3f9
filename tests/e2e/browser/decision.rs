//! What the resident is told after a decision, in Chromium (issue 50, item 5 and the
//! clerk's side of item 7): the clerk approves with a note for the resident (a collection
//! day) from the filing's page; 完結 is not offered while the fee is unpaid; the resident's
//! receipt, on a phone, leads with the outcome and shows the note; the fee is paid at the
//! provider's page; the clerk closes the filing, and the closed filing's page passes axe
//! with its scrolling actions column reachable by keyboard. Every page signed in has its
//! sign-out in the header.

use super::*;

const NOTE: &str = "12月10日(木)の午後から、市民課の窓口でお受け取りいただけます。";

/// The pairs a browser posts for one step of 住民票の写し.
fn pairs(answers: &[(&str, &str)]) -> Vec<(String, String)> {
    answers
        .iter()
        .map(|&(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Whether the element `css` takes the keyboard's focus.
async fn takes_focus(c: &fantoccini::Client, css: &str) -> bool {
    let script = format!(
        "const a = document.querySelector('{css}'); a.focus(); return document.activeElement === a;"
    );
    serde_json::from_value(c.execute(&script, vec![]).await.unwrap()).unwrap()
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_decision_note_reaches_the_resident_and_the_filing_closes_once_paid_in_chromium() {
    let server = crate::browser_support::server_at_its_own_address(|_| {});
    let driver = start_chromedriver();
    let axe = axe_source();

    // The resident files 住民票の写し on a phone (the fee is paid after approval).
    let phone = browser(&driver, 320).await;
    phone
        .goto(&server.url("/p/juminhyo-copy/applicant"))
        .await
        .unwrap();
    for (step, answers) in [
        ("applicant", madoguchi_e2e::APPLICANT),
        ("request", madoguchi_e2e::REQUEST),
        ("payment", madoguchi_e2e::PAYMENT),
    ] {
        post_step(
            &phone,
            &server.url(&format!("/p/juminhyo-copy/{step}")),
            &pairs(answers),
        )
        .await;
    }
    phone
        .goto(&server.url("/p/juminhyo-copy/check"))
        .await
        .unwrap();
    continue_(&phone).await;
    let number = text(&phone, ".arrival-number").await;
    assert!(!number.is_empty(), "filed");

    // The clerk takes it up and approves it, with a note for the resident.
    let desk = browser(&driver, 1400).await;
    staff_signs_in(&desk, &server, "koseki-jumin@sendai.example", 0).await;
    desk.goto(&server.url(&format!("/office/queue?q={number}")))
        .await
        .unwrap();
    navigate(&desk, "main a.mono").await;
    desk.find(Locator::Css("header form[action='/office/logout'] button"))
        .await
        .expect("the clerk's header has the sign-out");
    navigate(&desk, "#form-claim button").await;
    click(&desk, "label[for='decision-approve']").await;
    type_into(&desk, "reason", NOTE).await;
    let told: bool = serde_json::from_value(
        desk.execute(
            "return document.getElementById('tell-applicant').checked;",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert!(
        told,
        "the note is for the resident unless the clerk says not"
    );
    navigate(&desk, "#form-decision button[type=submit]").await;
    let actions = text(&desk, ".workspace-actions").await;
    assert!(
        desk.find(Locator::Css("#form-close")).await.is_err(),
        "完結 is not offered while the fee is unpaid: {actions}"
    );
    check_page(&desk, &axe, "42-office-approved-fee-unpaid").await;
    // The counter's form (窓口収納) sent without the way of paying or the receipt number:
    // each says what to fix, nothing is recorded, and the refused page passes axe.
    let detail = desk.current_url().await.unwrap().to_string();
    click(&desk, "#counter-fee summary").await;
    navigate(&desk, "#counter-fee button[type=submit]").await;
    let summary = text(&desk, ".error-summary").await;
    assert!(
        summary.contains("支払方法: 入力してください")
            && summary.contains("領収番号: 入力してください"),
        "{summary}"
    );
    check_page(&desk, &axe, "44-office-counter-fee-refused").await;
    desk.goto(&detail).await.unwrap();

    // The receipt leads with the outcome and the note, then the fee to pay.
    phone
        .goto(&server.url(&format!("/receipts/{number}")))
        .await
        .unwrap();
    let heading = text(&phone, "h1").await;
    assert!(
        heading.contains("認められました") && !heading.contains("到達しました"),
        "{heading}"
    );
    assert!(text(&phone, "#decision-note").await.contains(NOTE));
    let main = text(&phone, "main").await;
    assert!(
        !main.contains("審査の結果もメールでお知らせします"),
        "{main}"
    );
    check_page(&phone, &axe, "60-receipt-approved-with-note").await;
    navigate(&phone, "form[action$='/pay'] button").await;
    type_into(&phone, "card_number", "4242424242424242").await;
    navigate(&phone, "form[action$='/card'] button").await;
    assert!(
        text(&phone, "main")
            .await
            .contains("お支払いが完了しました")
    );

    // Paid: the clerk completes it; the closed filing's page passes axe, and its actions
    // column, which now holds no form, still takes the keyboard's focus.
    desk.refresh().await.unwrap();
    navigate(&desk, "#form-close button").await;
    assert!(text(&desk, ".status").await.contains("完結"));
    assert!(
        takes_focus(&desk, ".workspace-actions").await,
        "the closed filing's actions column is reachable by keyboard"
    );
    check_page(&desk, &axe, "43-office-closed").await;
    desk.close().await.unwrap();

    // The resident's receipt says it is done, the note still there.
    phone
        .goto(&server.url(&format!("/receipts/{number}")))
        .await
        .unwrap();
    assert!(text(&phone, "#decision-note").await.contains(NOTE));
    check_page(&phone, &axe, "61-receipt-closed").await;
    phone.close().await.unwrap();
}
