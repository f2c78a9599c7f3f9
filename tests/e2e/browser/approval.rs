//! Approval routes (決裁ルート) in Chromium at 320 px: 係長 opens 決裁待ち on a phone-width
//! window, opens the draft from it, is told what to fix when sending it back without a
//! comment, and agrees; then ticks filings in the queue, sees which pass the checks and
//! drafts those together (一括処理); every page passes axe without sideways scrolling.

use super::*;
use madoguchi_store::prelude::Tenancy;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn an_approver_signs_a_draft_from_the_awaiting_list_in_chromium() {
    let server = crate::browser_support::server_at_its_own_address(|_| {});
    // The operator gives 戸籍住民課 the route 係長 → 課長 (every node reads the registry
    // again within seconds).
    let now = chrono::Utc::now().naive_utc();
    let settings = r#"{"decision_routes":{"koseki-jumin":{"default":["chief","manager"]}}}"#;
    assert!(
        server
            .db
            .db
            .conn()
            .unwrap()
            .set_tenant_settings(&"041009".into(), settings, now)
            .unwrap()
    );

    // A resident files; the clerk records an approval, which goes out as a draft.
    let resident = madoguchi_e2e::browser();
    let filed = madoguchi_e2e::file_a_filing(&server, &resident).await;
    let number = madoguchi_e2e::location(&filed)
        .trim_start_matches("/receipts/")
        .to_string();
    let clerk = madoguchi_e2e::staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let (_, queue) =
        madoguchi_e2e::get(&clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("the filing in the queue") + marker.len();
    let detail = format!(
        "/office/submissions/{}",
        &queue[start..start + queue[start..].find('"').unwrap()]
    );
    let mut page = String::new();
    for _ in 0..40 {
        page = madoguchi_e2e::get(&clerk, &server.url(&detail)).await.1;
        if page.contains("起案して決裁に回す") {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(
        page.contains("起案して決裁に回す"),
        "the route is read: {page}"
    );
    let res = madoguchi_e2e::post_form(
        &clerk,
        &server.url(&format!("{detail}/decision")),
        &madoguchi_e2e::input_value(&page, "csrf_token"),
        &[("decision", "approve"), ("reason", "")],
    )
    .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);

    // 係長, on a phone-width window: 決裁待ち, then the draft.
    let driver = start_chromedriver();
    let axe = axe_source();
    let phone = browser(&driver, 320).await;
    staff_signs_in(&phone, &server, "koseki-jumin.kakaricho@sendai.example", 0).await;
    phone.goto(&server.url("/office/decisions")).await.unwrap();
    assert!(text(&phone, "main").await.contains(&number));
    check_page(&phone, &axe, "45-office-decisions-waiting").await;
    navigate(&phone, "main table a.mono").await;
    check_page(&phone, &axe, "46-office-draft-to-sign").await;

    // Sent back without a comment: told what to fix, focus on the summary.
    click(&phone, "label[for='verdict-return']").await;
    navigate(&phone, "#form-sign_off button[type=submit]").await;
    let summary = text(&phone, ".error-summary").await;
    assert!(summary.contains("コメント: 差し戻す理由"), "{summary}");
    check_page(&phone, &axe, "47-office-draft-word-refused").await;

    // Agreed: the draft waits for 課長, and 係長's list is empty.
    click(&phone, "label[for='verdict-endorse']").await;
    navigate(&phone, "#form-sign_off button[type=submit]").await;
    let route = text(&phone, "#route").await;
    assert!(
        route.contains("承認") && route.contains("決裁待ち"),
        "{route}"
    );
    assert!(
        phone.find(Locator::Css("#form-sign_off")).await.is_err(),
        "signed once"
    );
    phone.goto(&server.url("/office/decisions")).await.unwrap();
    assert!(
        text(&phone, "main")
            .await
            .contains("あなたの決裁を待っている起案はありません")
    );

    // 一括処理: two more filings; 係長 ticks every open one in the queue, sees which pass
    // (the first is on its route already), and drafts the two together for 課長.
    for _ in 0..2 {
        madoguchi_e2e::file_a_filing(&server, &madoguchi_e2e::browser()).await;
    }
    phone
        .goto(&server.url("/office/queue?status=open"))
        .await
        .unwrap();
    let boxes = phone
        .find_all(Locator::Css("input.pick-box"))
        .await
        .unwrap();
    assert_eq!(boxes.len(), 3);
    for b in boxes {
        b.click().await.unwrap();
    }
    navigate(&phone, "button[name=op][value=decide]").await;
    let checks = text(&phone, "main").await;
    for line in [
        "まとめて承認する(一括処理)",
        "決定の起案がすでに決裁に回っています",
        "2件の承認を起案して決裁に回す",
    ] {
        assert!(checks.contains(line), "{line}: {checks}");
    }
    assert_eq!(checks.matches("承認できます").count(), 2, "{checks}");
    check_page(&phone, &axe, "48-office-bulk-decision-checks").await;
    navigate(
        &phone,
        "form[action='/office/queue/bulk-decision'] button[type=submit]",
    )
    .await;
    let notice = text(&phone, ".notice").await;
    assert!(
        notice.contains("2件の承認を起案し、決裁に回しました"),
        "{notice}"
    );

    // The section's keeping periods (保存期間と廃棄予定), as its head reads them.
    phone.goto(&server.url("/office/retention")).await.unwrap();
    assert!(
        text(&phone, "main")
            .await
            .contains("住民票の写しの交付請求")
    );
    check_page(&phone, &axe, "49-office-retention").await;
    phone.close().await.unwrap();
}
