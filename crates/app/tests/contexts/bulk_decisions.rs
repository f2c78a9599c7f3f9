//! Bulk decisions (一括処理, issue 44 item 8): filings of one procedure ticked together are
//! checked as a single approval checks them; those that pass are approved together, all or
//! none, each its own decision with its own mail — or drafted for the procedure's approval
//! route and decided when it agrees.

use madoguchi_app::AppError;
use madoguchi_app::kernel::decision_routes::SectionRoutes;
use madoguchi_app::review::{BulkApproval, BulkApproved, BulkBlock, ReviewInput, SignOffInput};
use madoguchi_core::{ErrorCode, HistoryAction, TenantId};
use madoguchi_testkit::{TestApp, db_test};
use madoguchi_workflow::State;

const CLERK: &str = "koseki-jumin@sendai.example";
const CHIEF: &str = "koseki-jumin.kakaricho@sendai.example";

fn mail_kinds(t: &TestApp, clerk: &madoguchi_app::kernel::Clerk, id: &str) -> Vec<String> {
    t.app
        .review(&clerk.tenant)
        .submission_detail(clerk, id)
        .unwrap()
        .mails
        .iter()
        .map(|m| m.kind.code().to_string())
        .collect()
}

db_test!(fn filings_that_pass_the_checks_are_approved_together_each_told(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "inkan-certificate"]).build();
    let app = &t.app;
    let file = || t.resident().file_juminhyo().submission_id.to_string();
    let (a, b, c) = (file(), file(), file());
    let other = {
        let resident = t.resident();
        resident.fill_example("inkan-certificate", "money-order-no-purpose.json");
        resident.submit("inkan-certificate").receipt().submission_id.to_string()
    };
    let clerk = t.sign_in(CLERK);
    let review = app.review(&clerk.tenant);
    review.decide(&clerk, &c, &ReviewInput::decision("approve", "")).unwrap();

    // The checks: one already decided, one of another procedure, one nobody here can open.
    let ticked = [a.clone(), b.clone(), c.clone(), other.clone(), "no-such-filing".into()];
    let preview = review.bulk_decision_preview(&clerk, &ticked).unwrap();
    assert_eq!(preview.procedure.as_str(), "juminhyo-copy", "the procedure most ticked");
    assert!(preview.route.is_empty());
    assert_eq!(preview.unseen, 1);
    let blocks: Vec<_> = preview.rows.iter().map(|r| (r.id.to_string(), r.block)).collect();
    assert_eq!(blocks, [
        (a.clone(), None),
        (b.clone(), None),
        (c.clone(), Some(BulkBlock::State)),
        (other.clone(), Some(BulkBlock::OtherProcedure)),
    ]);
    assert_eq!(preview.passing().count(), 2);

    // All or none: a batch with one that does not pass decides nothing.
    let note = BulkApproval { note: "受取は1階の窓口で。".into(), tell_applicant: true };
    assert!(matches!(review.approve_many(&clerk, &[a.clone(), c.clone()], &note), Err(AppError::InvalidTransition)));
    assert_ne!(review.submission_detail(&clerk, &a).unwrap().state, State::Approved);
    // Too long a note, or nothing chosen, is refused before anything is read.
    let long = BulkApproval { note: "あ".repeat(2001), tell_applicant: false };
    assert!(matches!(review.approve_many(&clerk, std::slice::from_ref(&a), &long), Err(AppError::ReasonTooLong)));
    assert!(matches!(review.approve_many(&clerk, &[], &note), Err(AppError::Refused(ErrorCode::SelectionInvalid))));

    // Those that pass: each approved on its own, its applicant told with the note.
    assert_eq!(review.approve_many(&clerk, &[a.clone(), b.clone()], &note).unwrap(), BulkApproved::Decided(2));
    for id in [&a, &b] {
        assert_eq!(review.submission_detail(&clerk, id).unwrap().state, State::Approved);
        assert!(mail_kinds(&t, &clerk, id).contains(&"decision".to_string()), "{id} told");
        let approved = t.history(id).into_iter().find(|e| e.action == HistoryAction::Approve).unwrap();
        assert_eq!(approved.actor_id.as_ref(), Some(&clerk.id));
        assert_eq!(approved.reason.as_deref(), Some("受取は1階の窓口で。"));
    }
    // Done once: again is a conflict.
    assert!(matches!(review.approve_many(&clerk, std::slice::from_ref(&a), &note), Err(AppError::InvalidTransition)));

    // Another city's clerk, and another section's, see none of it.
    let elsewhere = TenantId::new("000000");
    assert!(app.review(&elsewhere).bulk_decision_preview(&clerk, std::slice::from_ref(&a)).is_err());
    let other_section = t.sign_in("hoken-nenkin@sendai.example");
    let outside = app.review(&other_section.tenant);
    assert!(matches!(outside.bulk_decision_preview(&other_section, &[a.clone(), b.clone()]), Err(AppError::NotFound)));
    assert!(matches!(outside.approve_many(&other_section, std::slice::from_ref(&a), &note), Err(AppError::InvalidTransition)));
});

db_test!(fn a_routed_batch_is_drafted_and_decided_when_its_route_agrees(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let mut settings = app.tenant(&t.tenant()).unwrap().settings;
    let routes: SectionRoutes = serde_json::from_str(r#"{"default": ["chief"]}"#).unwrap();
    settings.decision_routes.insert("koseki-jumin".into(), routes);
    app.set_tenant_settings(&t.tenant(), &settings).unwrap().unwrap();
    let file = || t.resident().file_juminhyo().submission_id.to_string();
    let (a, b) = (file(), file());
    let (clerk, chief) = (t.sign_in(CLERK), t.sign_in(CHIEF));
    let review = app.review(&clerk.tenant);
    let preview = review.bulk_decision_preview(&clerk, &[a.clone(), b.clone()]).unwrap();
    assert_eq!(preview.route, [madoguchi_core::Post::Chief]);

    // Drafted (起案), not decided: nobody is told yet.
    assert_eq!(review.approve_many(&clerk, &[a.clone(), b.clone()], &BulkApproval::default()).unwrap(), BulkApproved::Drafted(2));
    for id in [&a, &b] {
        assert_ne!(review.submission_detail(&clerk, id).unwrap().state, State::Approved);
        assert_eq!(mail_kinds(&t, &clerk, id), ["receipt"]);
    }
    // A drafted filing is not drafted twice.
    let again = review.bulk_decision_preview(&clerk, &[a.clone(), b.clone()]).unwrap();
    assert!(again.rows.iter().all(|r| r.block == Some(BulkBlock::Drafted)));

    // 係長 agrees to both on 決裁待ち (一括決裁): each decided, each applicant told.
    let waiting = review.decisions_waiting(&chief).unwrap();
    assert_eq!(waiting.len(), 2);
    let picks: Vec<(String, SignOffInput)> = waiting
        .iter()
        .map(|w| (w.submission_id.to_string(), SignOffInput { draft: w.draft_id.to_string(), step: w.step.to_string(), ..SignOffInput::default() }))
        .collect();
    review.endorse_many(&chief, &picks).unwrap();
    for id in [&a, &b] {
        assert_eq!(review.submission_detail(&clerk, id).unwrap().state, State::Approved);
        assert!(mail_kinds(&t, &clerk, id).contains(&"decision".to_string()));
    }
});
