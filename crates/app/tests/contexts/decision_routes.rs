//! Approval routes for decisions (決裁ルート): a decision drafted by a clerk takes effect only
//! when every step of its route agrees; sent back, it goes to its drafter; a stand-in
//! (代決) is recorded as such; and nothing reaches the applicant before the last step.

use madoguchi_app::AppError;
use madoguchi_app::kernel::decision_routes::SectionRoutes;
use madoguchi_app::review::{ReviewInput, SignAs, SignOffInput, SignedOff};
use madoguchi_core::{DraftedDecision, HistoryAction, Post, Verdict};
use madoguchi_testkit::{TestApp, db_test};
use madoguchi_workflow::State;

const CLERK: &str = "koseki-jumin@sendai.example";
const CHIEF: &str = "koseki-jumin.kakaricho@sendai.example";
const MANAGER: &str = "koseki-jumin.kacho@sendai.example";

/// Gives 戸籍住民課 `route` for every procedure.
fn route_section(t: &TestApp, route: &str) {
    let mut settings = t.app.tenant(&t.tenant()).unwrap().settings;
    let routes: SectionRoutes =
        serde_json::from_str(&format!(r#"{{"default": {route}}}"#)).unwrap();
    settings
        .decision_routes
        .insert("koseki-jumin".into(), routes);
    t.app
        .set_tenant_settings(&t.tenant(), &settings)
        .unwrap()
        .unwrap();
}

fn word(draft: &str, step: usize, verdict: &str, comment: &str, stand_in: bool) -> SignOffInput {
    SignOffInput {
        draft: draft.into(),
        step: step.to_string(),
        verdict: verdict.into(),
        comment: comment.into(),
        stand_in,
    }
}

db_test!(fn a_decision_takes_effect_only_when_the_last_step_of_its_route_agrees(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    // A route whose posts do not rise is refused, naming the field.
    let mut bad = app.tenant(&t.tenant()).unwrap().settings;
    bad.decision_routes.insert("koseki-jumin".into(), serde_json::from_str(r#"{"default": ["manager", "chief"]}"#).unwrap());
    let refused = app.set_tenant_settings(&t.tenant(), &bad).unwrap().unwrap_err();
    assert!(refused.message(madoguchi_core::Lang::En).starts_with("decision_routes: koseki-jumin"), "{}", refused.message(madoguchi_core::Lang::En));
    route_section(&t, r#"["chief", "manager"]"#);

    let resident = t.resident();
    let receipt = resident.file_juminhyo();
    let id = receipt.submission_id.to_string();
    let (clerk, chief, manager) = (t.sign_in(CLERK), t.sign_in(CHIEF), t.sign_in(MANAGER));
    assert_eq!((clerk.post, chief.post, manager.post), (Post::Staff, Post::Chief, Post::Manager));
    let review = app.review(&clerk.tenant);

    // The clerk's approval is a draft: the filing is not decided, nobody is told.
    let state = review.decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap();
    assert_ne!(state, State::Approved);
    let detail = review.submission_detail(&clerk, &id).unwrap();
    assert_ne!(detail.state, State::Approved);
    assert_eq!(detail.mails.iter().map(|m| m.kind.code()).collect::<Vec<_>>(), ["receipt"]);
    let draft = detail.route.pending.clone().expect("a draft on its way");
    assert_eq!((draft.action, draft.step, draft.steps.len()), (DraftedDecision::Approve, 0, 2));
    assert_eq!(detail.route.may_sign, None, "its drafter does not sign it");
    assert!(!detail.allowed.iter().any(|a| a.code() == "approve"), "decided only through the draft");
    let d = draft.id.to_string();
    assert!(matches!(review.sign_off(&clerk, &id, &word(&d, 0, "endorse", "", false)), Err(AppError::Forbidden)));
    // A second decision while one is on its way is refused.
    assert!(matches!(review.decide(&clerk, &id, &ReviewInput::decision("reject", "理由")), Err(AppError::InvalidTransition)));

    // 係長 agrees; the draft waits for 課長, in 課長's 決裁待ち list with its age.
    assert!(review.decisions_waiting(&manager).unwrap().is_empty(), "not at 課長's step yet");
    assert_eq!(review.sign_off(&chief, &id, &word(&d, 0, "endorse", "", false)).unwrap(), SignedOff::Endorsed { next: Post::Manager });
    let waiting = review.decisions_waiting(&manager).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!((waiting[0].post, waiting[0].sign_as, waiting[0].age_days), (Post::Manager, SignAs::Holder, 0));
    assert_eq!(waiting[0].arrival_number, receipt.arrival_number.to_string());
    assert!(review.decisions_waiting(&chief).unwrap().is_empty(), "係長 signed already");
    assert!(matches!(review.sign_off(&chief, &id, &word(&d, 1, "endorse", "課長不在", true)), Err(AppError::Forbidden)), "nobody signs twice");
    // A word on a step already past is refused.
    assert!(matches!(review.sign_off(&manager, &id, &word(&d, 0, "endorse", "", false)), Err(AppError::InvalidTransition)));
    assert_eq!(app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap().state, detail.state, "still not decided");

    // 課長 agrees: the decision takes effect, as 課長's, with its mail and record.
    assert_eq!(review.sign_off(&manager, &id, &word(&d, 1, "endorse", "", false)).unwrap(), SignedOff::Decided(State::Approved));
    let detail = review.submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.state, State::Approved);
    assert!(detail.mails.iter().any(|m| m.kind.code() == "decision"), "the applicant is told once decided");
    assert!(detail.route.pending.is_none());
    let history = t.history(&id);
    let actions: Vec<_> = history.iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| **a == HistoryAction::DecisionEndorsed).count(), 2);
    assert!(actions.contains(&HistoryAction::DecisionDrafted));
    let approved = history.iter().find(|e| e.action == HistoryAction::Approve).unwrap();
    assert_eq!(approved.actor_id.as_ref(), Some(&manager.id));
    let record: serde_json::Value = serde_json::from_str(approved.detail.as_deref().unwrap()).unwrap();
    assert_eq!(record["route"]["drafted_by"], clerk.id.as_str());
    assert_eq!(record["route"]["approvers"].as_array().unwrap().len(), 2);
    assert_eq!(record["route"]["approvers"][0]["post"], "chief");
    // The applicant's history shows the decision, not who signed it on the way.
    let seen = app.filing(&t.tenant()).application(resident.session(), &receipt.arrival_number.to_string()).unwrap().history;
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen[1].decision);
    // The published figures count it as decided through electronic approval (電子決裁),
    // with each step's time to its word.
    let figures = app.figures(&t.tenant(), None).unwrap();
    assert_eq!((figures.total.e_approved, figures.total.e_approval_permille), (1, Some(1000)));
    let steps: Vec<_> = figures.approvals.steps.iter().map(|s| (s.step, s.signed, s.stand_in)).collect();
    assert_eq!(steps, [(1, 1, 0), (2, 1, 0)]);
    assert!(figures.approvals.steps.iter().all(|s| s.median_hours_tenths == Some(0)), "signed at once");
    assert_eq!(figures.approvals.returned, 0);
});

db_test!(fn a_returned_draft_goes_back_and_a_stand_in_is_recorded(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    route_section(&t, r#"["manager"]"#);
    let id = t.resident().file_juminhyo().submission_id.to_string();
    let (clerk, chief, manager) = (t.sign_in(CLERK), t.sign_in(CHIEF), t.sign_in(MANAGER));
    let review = app.review(&clerk.tenant);
    review.decide(&clerk, &id, &ReviewInput::decision("reject", "添付の書類が足りません")).unwrap();
    let d = review.submission_detail(&manager, &id).unwrap().route.pending.unwrap();
    assert_eq!((d.action, d.reason.as_str()), (DraftedDecision::Reject, "添付の書類が足りません"));

    // Sending back needs a comment; sent back, the drafter may draft again.
    assert!(matches!(review.sign_off(&manager, &id, &word(d.id.as_str(), 0, "return", " ", false)), Err(AppError::ReasonRequired)));
    assert_eq!(review.sign_off(&manager, &id, &word(d.id.as_str(), 0, "return", "補正を依頼してください", false)).unwrap(), SignedOff::Returned);
    let detail = review.submission_detail(&clerk, &id).unwrap();
    assert!(detail.route.pending.is_none());
    let returned = detail.route.returned.unwrap();
    let said = returned.steps[0].signoff.as_ref().unwrap();
    assert_eq!((said.verdict, said.comment.as_str(), said.post), (Verdict::Return, "補正を依頼してください", Post::Manager));
    assert!(detail.allowed.iter().any(|a| a.code() == "approve"), "the drafter decides again");
    assert_ne!(detail.state, State::Rejected);

    // Drafted again; 係長 acts for an absent 課長 only as a stand-in, with a reason.
    review.decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap();
    let view = review.submission_detail(&chief, &id).unwrap().route;
    assert_eq!(view.may_sign, Some(SignAs::StandIn));
    let d = view.pending.unwrap().id.to_string();
    assert!(matches!(review.sign_off(&chief, &id, &word(&d, 0, "endorse", "", false)), Err(AppError::Forbidden)), "not 課長");
    assert!(matches!(review.sign_off(&chief, &id, &word(&d, 0, "endorse", "", true)), Err(AppError::ReasonRequired)));
    assert!(matches!(review.sign_off(&clerk, &id, &word(&d, 0, "endorse", "代わりに", true)), Err(AppError::Forbidden)), "担当 stands in for nobody");
    assert_eq!(review.sign_off(&chief, &id, &word(&d, 0, "endorse", "課長出張のため代決", true)).unwrap(), SignedOff::Decided(State::Approved));
    let endorsed = t.history(&id).into_iter().rfind(|e| e.action == HistoryAction::DecisionEndorsed).unwrap();
    assert_eq!(endorsed.reason.as_deref(), Some("課長出張のため代決"));
    assert!(endorsed.detail.unwrap().contains(r#""stand_in":true"#));
    let figures = app.figures(&t.tenant(), None).unwrap();
    assert_eq!(figures.approvals.returned, 1);
    assert_eq!(figures.approvals.steps.iter().map(|s| (s.step, s.signed, s.stand_in)).collect::<Vec<_>>(), [(1, 2, 1)]);
});

db_test!(fn a_draft_on_its_way_ends_when_the_filing_moves_on_another_way(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    route_section(&t, r#"["chief"]"#);
    let id = t.resident().file_juminhyo().submission_id.to_string();
    let (clerk, chief) = (t.sign_in(CLERK), t.sign_in(CHIEF));
    let review = app.review(&clerk.tenant);
    review.act(&clerk, &id, &ReviewInput::decision("claim", "")).unwrap();
    review.decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap();
    let d = review.submission_detail(&chief, &id).unwrap().route.pending.unwrap().id.to_string();
    // The clerk asks the applicant for a correction instead: the draft is moot.
    let detail = review.submission_detail(&clerk, &id).unwrap();
    let ask = ReviewInput {
        action: "request_correction".into(),
        reason: "電話番号を確認してください".into(),
        fields: vec![detail.questions[0].value.clone()],
        deadline: (madoguchi_core::jst::date(app.now()) + chrono::Duration::days(7)).to_string(),
        ..ReviewInput::default()
    };
    assert_eq!(review.act(&clerk, &id, &ask).unwrap(), State::CorrectionRequested);
    assert!(review.submission_detail(&chief, &id).unwrap().route.pending.is_none());
    assert!(matches!(review.sign_off(&chief, &id, &word(&d, 0, "endorse", "", false)), Err(AppError::InvalidTransition)));
    assert!(review.decisions_waiting(&chief).unwrap().is_empty());

    // An administrator gives an account its post.
    let admin = t.sign_in("admin@sendai.example");
    let staff = app.staff(&admin.tenant);
    let member = staff.members(&admin).unwrap().into_iter().find(|m| m.login == CLERK).unwrap();
    let change = madoguchi_app::staff::StaffChange {
        display_name: member.display_name.clone(),
        department_code: member.department_code.to_string(),
        ward_code: String::new(),
        role: member.role.code().into(),
        post: "director".into(),
        active: true,
    };
    staff.update_staff(&admin, member.id.as_str(), &change).unwrap();
    assert_eq!(t.sign_in(CLERK).post, Post::Director);
    let wrong = madoguchi_app::staff::StaffChange { post: "mayor".into(), ..change };
    assert!(staff.update_staff(&admin, member.id.as_str(), &wrong).is_err());
});

db_test!(fn many_drafts_are_approved_at_once_all_or_none(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    route_section(&t, r#"["chief"]"#);
    let ids: Vec<String> = (0..3).map(|_| t.resident().file_juminhyo().submission_id.to_string()).collect();
    let (clerk, chief) = (t.sign_in(CLERK), t.sign_in(CHIEF));
    let review = app.review(&clerk.tenant);
    let mut picks = Vec::new();
    for id in &ids {
        review.decide(&clerk, id, &ReviewInput::decision("approve", "")).unwrap();
        let d = review.submission_detail(&chief, id).unwrap().route.pending.unwrap();
        picks.push((id.clone(), SignOffInput { draft: d.id.to_string(), step: "0".into(), ..SignOffInput::default() }));
    }
    // One pick read at a step it is no longer at: none of the list is signed.
    let mut stale = picks.clone();
    stale[2].1.step = "1".into();
    assert!(matches!(review.endorse_many(&chief, &stale), Err(AppError::InvalidTransition)));
    assert_eq!(review.decisions_waiting(&chief).unwrap().len(), 3, "nothing signed");
    assert!(matches!(review.endorse_many(&chief, &[]), Err(AppError::Refused(_))));
    assert!(matches!(review.endorse_many(&clerk, &picks), Err(AppError::Forbidden)), "the drafter signs none");

    // 一括決裁: each decided, each its own word and its own decision mail.
    let done = review.endorse_many(&chief, &picks).unwrap();
    assert_eq!(done, vec![SignedOff::Decided(State::Approved); 3]);
    for id in &ids {
        let detail = review.submission_detail(&clerk, id).unwrap();
        assert_eq!(detail.state, State::Approved);
        assert!(detail.mails.iter().any(|m| m.kind.code() == "decision"));
        assert_eq!(t.history(id).iter().filter(|e| e.action == HistoryAction::DecisionEndorsed).count(), 1);
    }
    assert!(review.decisions_waiting(&chief).unwrap().is_empty());
});

db_test!(fn the_steps_at_or_below_the_drafters_post_are_theirs_already(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    route_section(&t, r#"["chief", "manager"]"#);
    let (a, b) = (t.resident().file_juminhyo().submission_id.to_string(), t.resident().file_juminhyo().submission_id.to_string());
    let (chief, manager) = (t.sign_in(CHIEF), t.sign_in(MANAGER));
    let review = app.review(&chief.tenant);
    // 係長 sees (and drafts for) only the step above: 課長.
    assert_eq!(review.submission_detail(&chief, &a).unwrap().route.route, [Post::Manager]);
    review.decide(&chief, &a, &ReviewInput::decision("approve", "")).unwrap();
    let draft = review.submission_detail(&chief, &a).unwrap().route.pending.expect("drafted for 課長");
    assert_eq!(draft.steps.iter().map(|s| s.post).collect::<Vec<_>>(), [Post::Manager]);
    assert!(review.decisions_waiting(&chief).unwrap().is_empty(), "not waiting for its own drafter");
    assert_eq!(review.decisions_waiting(&manager).unwrap().len(), 1);
    // 課長 holds the deciding post: their decision takes effect at once (専決).
    assert!(review.submission_detail(&manager, &b).unwrap().route.route.is_empty());
    assert_eq!(review.decide(&manager, &b, &ReviewInput::decision("approve", "")).unwrap(), State::Approved);
    assert!(review.submission_detail(&manager, &b).unwrap().route.pending.is_none());
});
