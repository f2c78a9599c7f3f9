//! The retention plan (廃棄予定目録, issue 44 item 5, first step): a section's head sees, per
//! procedure, the decided filings whose keeping period — counted by fiscal year from the
//! decision — has run out; nothing open and nothing within its period is listed, and
//! nothing is deleted.

use chrono::{Duration, TimeZone, Utc};
use madoguchi_app::AppError;
use madoguchi_app::review::{HoldMove, KeepFor, ReviewInput};
use madoguchi_core::{HistoryAction, TenantId};
use madoguchi_testkit::{TestApp, db_test};

db_test!(fn decided_filings_past_their_period_are_listed_for_the_sections_head(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "jido-teate-genkyo"]).build();
    let app = &t.app;
    let resident = t.resident();
    let decided = resident.file_juminhyo();
    let open = t.resident().file_juminhyo();
    let (clerk, head) = (t.sign_in("koseki-jumin@sendai.example"), t.sign_in("koseki-jumin.kacho@sendai.example"));
    let review = app.review(&clerk.tenant);
    review.decide(&clerk, decided.submission_id.as_ref(), &ReviewInput::decision("approve", "")).unwrap();

    // Within the period (住民票の写し: 3 years, from the 1 April after the decision's fiscal
    // year): nothing due, the class and the day said.
    let plan = review.retention_plan(&head).unwrap();
    let line = plan.lines.iter().find(|l| l.procedure.as_str() == "juminhyo-copy").unwrap();
    assert_eq!(line.keep, Some(KeepFor::Years(3)));
    assert_eq!(line.due, 0);
    assert!(review.retention_list(&head).unwrap().is_empty());

    // 31 March of the third fiscal year after: still kept.
    let fy = madoguchi_app::operations::fiscal_year_of(madoguchi_core::jst::date(app.now()));
    let last_day = Utc.with_ymd_and_hms(fy + 4, 3, 31, 14, 0, 0).unwrap(); // 23:00 JST
    t.clock.set(last_day);
    assert_eq!(review.retention_plan(&head).unwrap().due(), 0);
    // The next morning: due, and only the decided one.
    t.clock.advance(Duration::hours(10));
    let plan = review.retention_plan(&head).unwrap();
    assert_eq!(plan.due(), 1);
    let list = review.retention_list(&head).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].arrival_number, decided.arrival_number);
    assert!(list.iter().all(|d| d.arrival_number != open.arrival_number));
    // Nothing was deleted.
    assert_eq!(t.submissions(), 2);

    // A legal hold keeps it off the list, counted apart, until lifted; each is recorded.
    let id = decided.submission_id.to_string();
    assert!(matches!(review.legal_hold(&clerk, &id, HoldMove::Place, "審査請求"), Err(AppError::Forbidden)), "a section's head puts it on");
    assert!(matches!(review.legal_hold(&head, &id, HoldMove::Place, "  "), Err(AppError::ReasonRequired)));
    assert!(matches!(review.legal_hold(&head, &id, HoldMove::Lift, "判決確定"), Err(AppError::InvalidTransition)), "none to lift");
    review.legal_hold(&head, &id, HoldMove::Place, "審査請求(令和12年第3号)").unwrap();
    assert!(matches!(review.legal_hold(&head, &id, HoldMove::Place, "訴訟"), Err(AppError::InvalidTransition)), "one in force at a time");
    let plan = review.retention_plan(&head).unwrap();
    assert_eq!((plan.due(), plan.held()), (0, 1));
    assert!(review.retention_list(&head).unwrap().is_empty());
    let hold = review.submission_detail(&head, &id).unwrap().hold.expect("shown on the filing");
    assert_eq!(hold.reason, "審査請求(令和12年第3号)");
    review.legal_hold(&head, &id, HoldMove::Lift, "裁決があった").unwrap();
    assert_eq!((review.retention_plan(&head).unwrap().due(), review.retention_plan(&head).unwrap().held()), (1, 0));
    let actions: Vec<HistoryAction> = t.history(&id).iter().map(|e| e.action).collect();
    assert!(actions.contains(&HistoryAction::LegalHoldPlaced) && actions.contains(&HistoryAction::LegalHoldLifted));
    let seen = app.filing(&t.tenant()).application(resident.session(), &decided.arrival_number.to_string()).unwrap().history;
    assert_eq!(seen.len(), 2, "the arrival and the decision, not the office's holds: {seen:?}");

    // Only the section's head for every ward; no other city's.
    assert!(matches!(review.retention_plan(&clerk), Err(AppError::Forbidden)));
    assert!(app.review(&TenantId::new("000000")).retention_plan(&head).is_err());
    let mut ward_head = head.clone();
    ward_head.ward = Some(madoguchi_app::kernel::Ward { code: "aoba".into(), name: madoguchi_core::Localized::new("青葉区", "Aoba") });
    assert!(matches!(review.retention_plan(&ward_head), Err(AppError::Forbidden)));
    // Another section's head lists their own procedures only.
    let mut other_head = head.clone();
    other_head.department = t.sign_in("hoken-nenkin@sendai.example").department;
    let theirs = review.retention_plan(&other_head).unwrap();
    assert_eq!(theirs.lines.iter().map(|l| l.procedure.as_str()).collect::<Vec<_>>(), ["jido-teate-genkyo"]);
    assert!(theirs.lines.iter().all(|l| l.procedure.as_str() != "juminhyo-copy"));
});
