//! The retention plan's page (保存期間と廃棄予定, issue 44 item 5, first step): the section's
//! head sees each procedure's class and how many decided filings are past it, and downloads
//! the list; a clerk is refused; the page reads in English too.

use chrono::{TimeZone, Utc};
use madoguchi_app::review::ReviewInput;

use super::support::{Browser, service};

web_test!(async fn the_sections_head_reads_the_disposal_list(t) {
    let receipt = t.resident().file_juminhyo();
    let clerk_token = t.sign_in_token("koseki-jumin@sendai.example");
    let head_token = t.sign_in_token("koseki-jumin.kacho@sendai.example");
    let me = t.app.staff(&t.tenant()).clerk_for_session(&clerk_token).unwrap().unwrap();
    t.app.review(&t.tenant()).decide(&me, receipt.submission_id.as_ref(), &ReviewInput::decision("approve", "")).unwrap();
    let service = service(&t).await;
    let head = Browser::default();
    head.set_cookie("__Host-mdg_clerk", &head_token);

    let page = head.get(&service, "/office/retention").await;
    assert_eq!(page.status, 200);
    for text in ["保存期間と廃棄予定", "住民票の写しの交付請求", ">3年<", "保存期間を過ぎた申請は0件です"] {
        assert!(page.text.contains(text), "{text}: {}", page.text);
    }
    assert!(!page.text.contains("retention.csv"), "nothing to list yet");
    assert!(page.text.contains("<a href=\"/office/retention\">"), "in the head's menu");

    // Four fiscal years on (the 3-year period counted from the next 1 April has run out).
    t.clock.set(Utc.with_ymd_and_hms(2030, 4, 1, 0, 0, 0).unwrap());
    // (A session does not last four years: the head signs in again.)
    head.set_cookie("__Host-mdg_clerk", &t.sign_in_token("koseki-jumin.kacho@sendai.example"));
    let page = head.get(&service, "/office/retention").await.text;
    assert!(page.contains("保存期間を過ぎた申請は1件です") && page.contains("href=\"/office/retention.csv\""), "{page}");
    let csv = head.get(&service, "/office/retention.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-disposition").contains("retention-due.csv"));
    let lines: Vec<&str> = csv.text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "arrival_number,procedure,state,decided_on");
    assert!(lines[1].starts_with(&format!("{},juminhyo-copy,approved,2026-11-", receipt.arrival_number)), "{}", csv.text);
    assert_eq!(lines.len(), 2);

    // A legal hold from the filing's page: a reason is required, then it is off the list.
    let path = format!("/office/submissions/{}", receipt.submission_id);
    let filing = head.get(&service, &path).await.text;
    assert!(filing.contains("id=\"form-legal_hold\"") && filing.contains("この申請に法的保留はありません"), "{filing}");
    let csrf = madoguchi_e2e::input_value(&filing, "csrf_token");
    let hold = format!("{path}/legal-hold");
    let refused = head.post_form(&service, &hold, Some(&csrf), &[("op", "place"), ("reason", "")]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.text.contains("id=\"hold-reason-error\"") && refused.text.contains("aria-invalid=\"true\""), "{}", refused.text);
    let placed = head.post_form(&service, &hold, Some(&csrf), &[("op", "place"), ("reason", "審査請求があったため")]).await;
    assert_eq!(placed.status, 303);
    let filing = head.get(&service, &path).await.text;
    assert!(filing.contains("法的保留中です") && filing.contains("審査請求があったため") && filing.contains("法的保留をかけた"), "{filing}");
    let again = head.post_form(&service, &hold, Some(&csrf), &[("op", "place"), ("reason", "訴訟")]).await;
    assert_eq!(again.status, 409);
    let page = head.get(&service, "/office/retention").await.text;
    assert!(page.contains("保存期間を過ぎた申請は0件です") && page.contains("ほかに1件を残しています"), "{page}");

    head.set_cookie("__Host-mdg_lang", "en");
    assert!(head.get(&service, "/office/retention").await.text.contains("Keeping periods and disposal"));
    // A clerk is not the section's head.
    let clerk = Browser::default();
    clerk.set_cookie("__Host-mdg_clerk", &t.sign_in_token("koseki-jumin@sendai.example"));
    assert_eq!(clerk.get(&service, "/office/retention").await.status, 403);
    assert_eq!(clerk.get(&service, "/office/retention.csv").await.status, 403);
    let filing = clerk.get(&service, &path).await.text;
    assert!(!filing.contains("id=\"form-legal_hold\"") && filing.contains("法的保留中です"), "a clerk sees the hold, cannot lift it");
    assert!(!filing.contains("<a href=\"/office/retention\">"), "not in a clerk's menu");
    let csrf = madoguchi_e2e::input_value(&filing, "csrf_token");
    assert_eq!(clerk.post_form(&service, &hold, Some(&csrf), &[("op", "lift"), ("reason", "誤り")]).await.status, 403);
});
