//! The resident's side: steps, check and submit once per key, attachments, corrections
//! and withdrawal from the emailed link.

use chrono::Utc;
use madoguchi_app::{
    AppError, filing::StepOutcome, kernel::new_token, review::QueueQuery, review::ReviewInput,
    submission::SubmitOutcome,
};
use madoguchi_core::ProcedureId;
use madoguchi_store::prelude::{DraftsRead, OutboxRead, SubmissionsRead};
use madoguchi_testkit::{JUMINHYO_APPLICANT, TestApp, db_test, defaults, defaults::pairs};
use madoguchi_workflow::State;

use crate::support::{d, input};

db_test!(fn a_filled_form_is_submitted_once_with_a_receipt_and_an_email(db) {
    let t = TestApp::builder().db(db).build();
    let (app, db) = (&t.app, &t.db);
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let check = app.filing(&t.tenant()).check(Some(&token), &ProcedureId::new("juminhyo-copy")).unwrap();
    assert_eq!(check.fee.unwrap().total.amount(), 600);
    let key = uuid::Uuid::new_v4().to_string();
    let first = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &key).unwrap();
    let SubmitOutcome::Stored(receipt) = &first else { panic!("{first:?}") };
    assert_eq!(receipt.fee.amount(), 600);
    assert_eq!(receipt.state, State::Arrived);
    assert!(receipt.arrival_number.as_str().starts_with("261120-"));
    // 2026-11-20 (Fri) + 3 business days, skipping the weekend and 勤労感謝の日 (Mon 23rd).
    assert_eq!(receipt.due_on.unwrap().to_string(), "2026-11-26");
    // Sent again with the same key: the same receipt, nothing new stored.
    let again = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &key).unwrap();
    assert!(matches!(again, SubmitOutcome::Replayed(_)));
    assert_eq!(again.receipt().arrival_number, receipt.arrival_number);
    assert_eq!(t.submissions(), 1);
    // The draft is gone; a receipt email waits in the outbox, with no answers in it.
    let mut conn = db.db.conn().unwrap();
    let mails = conn.mails_for_submission(&receipt.submission_id).unwrap();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body.contains(receipt.arrival_number.as_str()));
    assert!(!mails[0].body.contains("センダイ") && !mails[0].body.contains("国分町"), "answers stay out of email");
    assert!(conn.find_live_draft(&"041009".into(), &sha(&token), &ProcedureId::new("juminhyo-copy"), Utc::now().naive_utc()).unwrap().is_none());
    // The receipt is shown to the same browser only.
    assert!(app.filing(&t.tenant()).receipt(Some(&token), receipt.arrival_number.as_str()).is_ok());
    let stranger = new_token().unwrap();
    assert!(matches!(app.filing(&t.tenant()).receipt(Some(&stranger), receipt.arrival_number.as_str()), Err(AppError::NotFound)));
});

db_test!(fn fifty_parallel_submits_with_one_key_store_one_submission(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let key = uuid::Uuid::new_v4().to_string();
    let handles: Vec<_> = (0..50)
        .map(|_| {
            let (app, token, key, tenant) = (app.clone(), token.clone(), key.clone(), t.tenant());
            std::thread::spawn(move || app.filing(&tenant).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &key))
        })
        .collect();
    let outcomes: Vec<_> = handles.into_iter().map(|h| h.join().unwrap().unwrap()).collect();
    let stored = outcomes.iter().filter(|o| matches!(o, SubmitOutcome::Stored(_))).count();
    assert_eq!(stored, 1);
    let numbers: std::collections::HashSet<_> = outcomes.iter().map(|o| o.receipt().arrival_number.clone()).collect();
    assert_eq!(numbers.len(), 1, "every request shows the same receipt");
    assert_eq!(t.submissions(), 1);
});

db_test!(fn one_key_sent_at_once_with_two_sets_of_answers_stores_one_and_refuses_the_other(db) {
    // Group commit puts concurrent filings into one transaction: the key must still win
    // once, with the others replaying its receipt or refused when their answers differ.
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let path = defaults::repo_root().join("forms/juminhyo-copy/examples/valid/self-whole-household.json");
    let one: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut other = one.clone();
    other["copies"] = serde_json::json!(3);
    let key = uuid::Uuid::new_v4().to_string();
    let handles: Vec<_> = (0..32)
        .map(|i| {
            let (app, key, tenant) = (app.clone(), key.clone(), t.tenant());
            let answers = if i % 2 == 0 { one.clone() } else { other.clone() };
            std::thread::spawn(move || (i % 2, app.filing(&tenant).submit_data(&ProcedureId::new("juminhyo-copy"), answers, &key, defaults::RESIDENT_ADDRESS)))
        })
        .collect();
    let outcomes: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let stored: Vec<_> = outcomes.iter().filter(|(_, o)| matches!(o, Ok(SubmitOutcome::Stored(_)))).collect();
    assert_eq!(stored.len(), 1, "{outcomes:?}");
    let winner = stored[0].0;
    let number = stored[0].1.as_ref().unwrap().receipt().arrival_number.clone();
    for (answers, outcome) in &outcomes {
        if *answers == winner {
            assert_eq!(outcome.as_ref().unwrap().receipt().arrival_number, number, "the same answers replay the receipt");
        } else {
            assert!(matches!(outcome, Err(AppError::IdempotencyKeyReused)), "other answers are refused: {outcome:?}");
        }
    }
    assert_eq!(t.submissions(), 1);
});

db_test!(fn a_key_from_another_session_is_refused_and_stores_nothing(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let (a, b) = (new_token().unwrap(), new_token().unwrap());
    t.resident_session(&a).fill_juminhyo();
    t.resident_session(&b).fill_juminhyo();
    let key = uuid::Uuid::new_v4().to_string();
    app.filing(&t.tenant()).submit(Some(&a), &ProcedureId::new("juminhyo-copy"), &key).unwrap();
    assert!(matches!(app.filing(&t.tenant()).submit(Some(&b), &ProcedureId::new("juminhyo-copy"), &key), Err(AppError::IdempotencyKeyReused)));
    assert!(matches!(app.filing(&t.tenant()).submit(Some(&b), &ProcedureId::new("juminhyo-copy"), "short"), Err(AppError::IdempotencyKeyMissing)));
    assert_eq!(t.submissions(), 1);
});

db_test!(fn a_wrong_step_saves_nothing_and_says_what_to_fix(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    let mut answers = pairs(JUMINHYO_APPLICANT);
    answers.retain(|(k, _)| k != "applicant_name");
    answers.iter_mut().filter(|(k, _)| k == "applicant_phone").for_each(|(_, v)| *v = "12345".into());
    let outcome = app.filing(&t.tenant()).save_step(&token, &ProcedureId::new("juminhyo-copy"), "applicant", &answers, defaults::RESIDENT_ADDRESS).unwrap();
    let StepOutcome::Invalid { errors } = outcome else { panic!("expected errors") };
    let codes: Vec<_> = errors.iter().map(|e| (e.pointer.as_str(), e.code.code())).collect();
    assert_eq!(codes, [("/applicant_name", "required"), ("/applicant_phone", "not_phone")]);
    let view = app.filing(&t.tenant()).draft(Some(&token), &ProcedureId::new("juminhyo-copy")).unwrap();
    assert_eq!(view.data, serde_json::json!({}), "nothing was saved");
    assert!(matches!(app.filing(&t.tenant()).check(Some(&token), &ProcedureId::new("juminhyo-copy")), Err(AppError::DraftMissing)));
});

db_test!(fn the_check_page_sends_an_incomplete_draft_back_to_its_step(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    app.filing(&t.tenant()).save_step(&token, &ProcedureId::new("juminhyo-copy"), "applicant", &pairs(JUMINHYO_APPLICANT), defaults::RESIDENT_ADDRESS).unwrap();
    let Err(AppError::Validation { step, errors }) = app.filing(&t.tenant()).check(Some(&token), &ProcedureId::new("juminhyo-copy")) else {
        panic!("expected the request step to be incomplete")
    };
    assert_eq!(step, "request");
    assert!(errors.iter().any(|e| e.pointer == "/copies"));
});

db_test!(fn a_correction_stops_the_clock_and_the_clerk_sees_what_changed(db) {
    // Filed Friday 2026-11-20 10:00 JST: 3 business days, due Thursday 26th (23rd is a holiday).
    let t = TestApp::builder().db(db).build();
    let (app, clock, db) = (&t.app, &t.clock, &t.db);
    let receipt = t.resident().file_juminhyo();
    let id = receipt.submission_id.to_string();
    assert_eq!(receipt.due_on, Some(d(2026, 11, 26)));
    let clerk = t.sign_in("koseki-jumin@sendai.example");

    assert_eq!(app.review(&clerk.tenant).act(&clerk, &id, &input("claim")).unwrap(), State::InReview);
    let mine = app.review(&clerk.tenant).queue(&clerk, &QueueQuery { assignee: madoguchi_app::review::AssigneeChoice::Me, ..QueueQuery::default() }).unwrap();
    assert_eq!(mine.items.len(), 1);
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &input("claim")), Err(AppError::InvalidTransition)), "claimed already");

    // A request that names nothing, an unknown question, or a deadline today is refused
    // and changes nothing.
    let before = t.history(&id).len();
    let mut ask = ReviewInput {
        action: "request_correction".into(),
        reason: "日中に連絡のとれる電話番号を入力してください。".into(),
        fields: vec![],
        deadline: "2026-12-04".into(),
        ..ReviewInput::default()
    };
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &ask), Err(AppError::Refused(madoguchi_core::ErrorCode::CorrectionFieldsMissing))));
    ask.fields = vec!["/applicant_phone".into(), "/no_such_question".into()];
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &ask), Err(AppError::Refused(madoguchi_core::ErrorCode::CorrectionFieldsMissing))));
    ask.fields = vec!["/applicant_phone".into()];
    ask.deadline = "2026-11-20".into();
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &ask), Err(AppError::Refused(madoguchi_core::ErrorCode::DeadlineInvalid))));
    assert_eq!(t.history(&id).len(), before);

    ask.deadline = "2026-12-04".into();
    assert_eq!(app.review(&clerk.tenant).act(&clerk, &id, &ask).unwrap(), State::CorrectionRequested);
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.due_on, None, "the clock is stopped");
    assert_eq!(detail.clock.phase, madoguchi_workflow::Phase::Paused);

    // The applicant opens the emailed link: only the phone question, answers kept.
    let token = t.correction_link(&id);
    let page = app.filing(&t.tenant()).correction(&token).unwrap();
    assert!(page.can_answer && page.can_withdraw && !page.answered);
    assert_eq!(page.step.fields.iter().map(|f| f.pointer.as_str()).collect::<Vec<_>>(), ["/applicant_phone"]);
    assert!(matches!(app.filing(&t.tenant()).correction("not-a-real-token-000000000000000000000000"), Err(AppError::NotFound)));

    // A wrong number is refused with the field's message; nothing is stored.
    let outcome = app.filing(&t.tenant()).answer_correction(&token, &pairs(&[("applicant_phone", "12345")])).unwrap();
    let madoguchi_app::filing::CorrectionOutcome::Invalid { errors, .. } = outcome else { panic!("accepted a wrong number") };
    assert_eq!(errors[0].pointer, "/applicant_phone");
    assert_eq!(app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap().state, State::CorrectionRequested);

    // Answered on Monday the 23rd (a holiday): counting resumes from Tuesday 24th with all
    // 3 days left, so the new due date is Friday 27th.
    clock.advance(chrono::Duration::days(3));
    let outcome = app.filing(&t.tenant()).answer_correction(&token, &pairs(&[("applicant_phone", "０９０−１２３４−５６７８")])).unwrap();
    assert!(matches!(outcome, madoguchi_app::filing::CorrectionOutcome::Sent));
    assert!(matches!(app.filing(&t.tenant()).answer_correction(&token, &pairs(&[("applicant_phone", "022-214-1111")])), Err(AppError::InvalidTransition)), "answered once");
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.state, State::Resubmitted);
    assert_eq!(detail.due_on, Some(d(2026, 11, 27)));
    assert_eq!(detail.data["applicant_phone"], "090-1234-5678", "cleaned like any answer");
    let change = &detail.corrections[0].changes;
    assert_eq!(change.len(), 1);
    assert_eq!((change[0].before.ja.as_str(), change[0].after.ja.as_str()), ("022-214-1111", "090-1234-5678"));
    assert!(!detail.corrections[0].lapsed);
    let actions: Vec<&str> = detail.events.iter().map(|e| e.action.code()).collect();
    assert_eq!(actions, ["submit", "claim", "request_correction", "resubmit"]);

    // Approved: the decision email carries the procedure's appeal-rights notice.
    assert_eq!(app.review(&clerk.tenant).act(&clerk, &id, &input("approve")).unwrap(), State::Approved);
    let mails = db.db.conn().unwrap().mails_for_submission(&id.as_str().into()).unwrap();
    let kinds: Vec<&str> = mails.iter().map(|m| m.kind.code()).collect();
    // The claim told the applicant the review started.
    assert_eq!(kinds, ["receipt", "in_review", "correction_request", "resubmitted", "decision", "payment_request"]);
    assert!(mails[4].body.contains("【教示】") && mails[4].body.contains("審査請求"));
    assert!(!mails[2].body.contains("022-214-1111"), "answers stay out of email");
    // Too late to withdraw.
    assert!(matches!(app.filing(&t.tenant()).withdraw_by_correction(&token), Err(AppError::InvalidTransition)));
});

db_test!(fn an_applicant_can_withdraw_from_the_correction_link(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let receipt = t.resident().file_juminhyo();
    let id = receipt.submission_id.to_string();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    app.review(&clerk.tenant).act(&clerk, &id, &input("claim")).unwrap();
    let ask = ReviewInput { action: "request_correction".into(), reason: "請求の理由を具体的に書いてください".into(), fields: vec!["/purpose".into()], deadline: "2026-12-01".into(), ..ReviewInput::default() };
    app.review(&clerk.tenant).act(&clerk, &id, &ask).unwrap();
    let token = t.correction_link(&id);
    assert_eq!(app.filing(&t.tenant()).withdraw_by_correction(&token).unwrap(), State::Withdrawn);
    assert!(matches!(app.filing(&t.tenant()).withdraw_by_correction(&token), Err(AppError::InvalidTransition)));
    let page = app.filing(&t.tenant()).correction(&token).unwrap();
    assert!(!page.can_answer && !page.can_withdraw);
    assert_eq!(app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap().clock.phase, madoguchi_workflow::Phase::Stopped);
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &input("approve")), Err(AppError::InvalidTransition)));
    // The confirmation's subject is in every language, Japanese first, like every mail.
    let mails = t.db.db.conn().unwrap().mails_for_submission(&receipt.submission_id).unwrap();
    let confirmation = mails.iter().find(|m| m.kind == madoguchi_core::MailKind::Withdrawn).unwrap();
    assert!(confirmation.subject.starts_with("【") && confirmation.subject.contains("取下げの受付") && confirmation.subject.contains(" / [") && confirmation.subject.contains("Withdrawal received"), "{}", confirmation.subject);
});

db_test!(fn a_correction_asks_too_for_what_the_new_answer_makes_necessary(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let receipt = t.resident().file_juminhyo();
    let id = receipt.submission_id.to_string();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    app.review(&clerk.tenant).act(&clerk, &id, &input("claim")).unwrap();
    let ask = ReviewInput { action: "request_correction".into(), reason: "請求者と対象者の関係を確認してください".into(), fields: vec!["/relation_to_subject".into()], deadline: "2026-12-01".into(), ..ReviewInput::default() };
    app.review(&clerk.tenant).act(&clerk, &id, &ask).unwrap();
    let token = t.correction_link(&id);
    // Now acting for someone else: that person's details are needed and asked for.
    let agent = pairs(&[("relation_to_subject", "agent")]);
    let madoguchi_app::filing::CorrectionOutcome::Invalid { page, errors } = app.filing(&t.tenant()).answer_correction(&token, &agent).unwrap() else { panic!("accepted without the person's details") };
    let asked: Vec<&str> = page.step.fields.iter().map(|f| f.pointer.as_str()).collect();
    assert!(asked.contains(&"/relation_to_subject") && asked.contains(&"/subject_name"), "{asked:?}");
    assert!(errors.iter().any(|e| e.pointer == "/subject_name"));
    // An agent also attaches the letter of proxy: asked for too, and sent with the answer.
    assert!(asked.contains(&"/proxy_letter") && errors.iter().any(|e| e.pointer == "/proxy_letter"), "{asked:?}");
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    app.filing(&t.tenant()).upload_for_correction(&token, "/proxy_letter", "委任状.pdf", &pdf).unwrap();
    // Only what the new answer made necessary may change: the phone stays as it was.
    let full = pairs(&[
        ("relation_to_subject", "agent"),
        ("subject_name", "仙台 花子"),
        ("subject_name_kana", "センダイ ハナコ"),
        ("subject_birth_date.year", "1990"),
        ("subject_birth_date.month", "1"),
        ("subject_birth_date.day", "2"),
        ("applicant_phone", "090-0000-0000"),
    ]);
    let outcome = app.filing(&t.tenant()).answer_correction(&token, &full).unwrap();
    let madoguchi_app::filing::CorrectionOutcome::Sent = outcome else {
        let madoguchi_app::filing::CorrectionOutcome::Invalid { errors, .. } = outcome else { unreachable!() };
        panic!("{errors:?}")
    };
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.data["subject_name"], "仙台 花子");
    assert_eq!(detail.data["proxy_letter"], "委任状.pdf");
    assert_eq!(detail.data["applicant_phone"], "022-214-1111", "not named, not changed");
    assert!(detail.corrections[0].changes.len() >= 3);
});

db_test!(fn a_correction_can_ask_for_a_document_and_gets_a_new_file(db) {
    let t = TestApp::builder().db(db).forms(["jido-teate-nintei"]).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill("jido-teate-nintei", &defaults::example("jido-teate-nintei", "first-baby-public-account.json"));
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("jido-teate-nintei"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let id = receipt.submission_id.to_string();
    let clerk = t.sign_in("hoken-nenkin@sendai.example");
    app.review(&clerk.tenant).act(&clerk, &id, &input("claim")).unwrap();
    let ask = ReviewInput { action: "request_correction".into(), reason: "通帳の写しを提出してください".into(), fields: vec!["/bankbook_copy".into()], deadline: "2026-12-04".into(), ..ReviewInput::default() };
    app.review(&clerk.tenant).act(&clerk, &id, &ask).unwrap();
    let link = t.correction_link(&id);
    // Answering without a file says what is missing; nothing changes.
    match app.filing(&t.tenant()).answer_correction(&link, &pairs(&[])).unwrap() {
        madoguchi_app::filing::CorrectionOutcome::Invalid { errors, .. } => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].pointer, "/bankbook_copy");
        }
        other => panic!("{other:?}"),
    }
    let pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\n";
    assert!(matches!(app.filing(&t.tenant()).upload_for_correction(&link, "/bankbook_copy", "x.exe", b"MZ\x90\0"), Err(AppError::Refused(madoguchi_core::ErrorCode::FileTypeNotAllowed))));
    assert!(matches!(app.filing(&t.tenant()).upload_for_correction(&link, "/claimant_name", "a.pdf", pdf), Err(AppError::NotFound)), "only the questions named");
    let wrong = app.filing(&t.tenant()).upload_for_correction(&link, "/bankbook_copy", "間違い.pdf", pdf).unwrap();
    app.filing(&t.tenant()).remove_correction_upload(&link, &wrong.id).unwrap();
    app.filing(&t.tenant()).upload_for_correction(&link, "/bankbook_copy", "通帳.pdf", pdf).unwrap();
    assert!(matches!(app.filing(&t.tenant()).answer_correction(&link, &pairs(&[])).unwrap(), madoguchi_app::filing::CorrectionOutcome::Sent));
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.state, State::Resubmitted);
    assert_eq!(detail.attachments.iter().map(|a| (a.file_name.as_str(), a.from_correction)).collect::<Vec<_>>(), vec![("通帳.pdf", true)]);
    // Answered: no more files through that link.
    assert!(matches!(app.filing(&t.tenant()).upload_for_correction(&link, "/bankbook_copy", "late.pdf", pdf), Err(AppError::InvalidTransition)));
});

db_test!(fn a_reminder_goes_out_once_before_a_correction_deadline_with_a_new_link(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock, db) = (&t.app, &t.clock, &t.db);
    let id = phone_number_to_correct(&t);
    let first_link = t.correction_link(&id);
    assert_eq!(app.send_correction_reminders().unwrap(), 0, "a week ahead: too early");
    clock.advance(chrono::Duration::days(5)); // Wednesday 25th: two days left
    assert_eq!(app.send_correction_reminders().unwrap(), 1);
    assert_eq!(app.send_correction_reminders().unwrap(), 0, "once");
    let mails = db.db.conn().unwrap().mails_for_submission(&id.as_str().into()).unwrap();
    let reminder = mails.iter().find(|m| m.kind.code() == "correction_reminder").unwrap();
    assert!(reminder.subject.contains("期限が近づいています") && reminder.body.contains("2026年11月27日"));
    let start = reminder.body.find("/corrections/").unwrap() + "/corrections/".len();
    let new_link: String = reminder.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    assert_ne!(new_link, first_link);
    // The new link answers; the old one no longer does.
    assert!(matches!(app.filing(&t.tenant()).answer_correction(&first_link, &pairs(&[("applicant_phone", "022-214-1112")])), Err(AppError::NotFound)));
    app.filing(&t.tenant()).answer_correction(&new_link, &pairs(&[("applicant_phone", "022-214-1112")])).unwrap();
});

/// A 住民票 filing, claimed, whose phone number the clerk asks to correct by Friday
/// 27 November (the clock is Friday 20th). Returns its id.
fn phone_number_to_correct(t: &TestApp) -> String {
    let id = t.resident().file_juminhyo().submission_id.to_string();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    t.app
        .review(&clerk.tenant)
        .act(&clerk, &id, &input("claim"))
        .unwrap();
    let ask = ReviewInput {
        action: "request_correction".into(),
        reason: "電話番号を確認してください".into(),
        fields: vec!["/applicant_phone".into()],
        deadline: "2026-11-27".into(),
        ..ReviewInput::default()
    };
    t.app.review(&clerk.tenant).act(&clerk, &id, &ask).unwrap();
    id
}

fn sha(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

db_test!(fn whole_numbers_written_10_0_or_1e1_are_charged_and_stored_as_integers(db) {
    let t = TestApp::builder().db(db).forms(["sodai-gomi-shushu", "juminhyo-copy"]).build();
    let (app, db) = (&t.app, &t.db);
    // The answers only (without `$fee_yen` and the like), as filed.
    let example = |path: &str| -> serde_json::Value { madoguchi_forms::examples::read_valid(&defaults::repo_root().join(path)).unwrap().1 };
    // Bulky waste: a sofa and 4 chairs, counts sent as 1.0 and 4e0.
    let plain = example("forms/sodai-gomi-shushu/examples/valid/apartment-sofa-chairs.json");
    let text = serde_json::to_string(&plain).unwrap().replace(r#""count":1,"#, r#""count":1.0,"#).replace(r#""count":4}"#, r#""count":4e0}"#);
    let sent: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_ne!(sent, plain, "the counts are spelled differently: {text}");
    let want = app.filing(&t.tenant()).validate_data(&ProcedureId::new("sodai-gomi-shushu"), plain.clone()).unwrap();
    let checked = app.filing(&t.tenant()).validate_data(&ProcedureId::new("sodai-gomi-shushu"), sent.clone()).unwrap();
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    assert_eq!(checked.normalized, want.normalized, "answered as plain integers");
    let fee = want.fee.unwrap().total;
    assert_eq!(fee.amount(), 1600 + 4 * 400, "a sofa and 4 chairs");
    assert_eq!(checked.fee.unwrap().total, fee, "not 1,600 + 400 as if one chair");
    let receipt = app.filing(&t.tenant()).submit_data(&ProcedureId::new("sodai-gomi-shushu"), sent, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS).unwrap().receipt().clone();
    assert_eq!(receipt.fee, fee);
    // Bulky waste is paid with stickers bought at a shop: the amount is told, never charged
    // online (the resident would pay twice).
    assert!(receipt.payment.is_none(), "{:?}", receipt.payment);
    let row = db.db.conn().unwrap().find_submission(&t.tenant(), &receipt.submission_id).unwrap().unwrap();
    assert_eq!(row.fee_yen, fee.amount());
    assert!(madoguchi_records::PaymentsRead::payments_of(&mut *db.db.conn().unwrap(), &row.id).unwrap().is_empty());
    let stored: serde_json::Value = serde_json::from_str(&row.data).unwrap();
    assert_eq!(stored["items"][0]["count"].as_i64(), Some(1), "{stored}");
    assert_eq!(stored["items"][1]["count"].as_i64(), Some(4), "{stored}");
    assert!(!row.data.contains("1.0") && !row.data.contains("4.0") && !row.data.contains("e0"), "{}", row.data);
    // A certificate: 3 copies sent as 3.0 cost 3 copies, not 1.
    let mut copies = example("forms/juminhyo-copy/examples/valid/self-whole-household.json");
    copies["copies"] = serde_json::from_str("3.0").unwrap();
    let receipt = app.filing(&t.tenant()).submit_data(&ProcedureId::new("juminhyo-copy"), copies, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS).unwrap().receipt().clone();
    assert_eq!(receipt.fee.amount(), 900);
    let row = db.db.conn().unwrap().find_submission(&t.tenant(), &receipt.submission_id).unwrap().unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&row.data).unwrap()["copies"], serde_json::json!(3));
});

db_test!(fn hidden_characters_are_refused_on_every_path(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let mut data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(defaults::repo_root().join("forms/juminhyo-copy/examples/valid/self-whole-household.json")).unwrap()).unwrap();
    for sneaky in ["仙台\u{0}太郎", "仙台\u{202E}太郎", "仙台\u{1B}[31m太郎", "仙台\u{2066}太郎"] {
        data["applicant_name"] = serde_json::Value::from(sneaky);
        let checked = app.filing(&t.tenant()).validate_data(&ProcedureId::new("juminhyo-copy"), data.clone()).unwrap();
        assert!(checked.errors.iter().any(|e| e.pointer == "/applicant_name" && e.code == madoguchi_forms::FormErrorCode::HiddenCharacter), "{sneaky:?}: {:?}", checked.errors);
        let filed = app.filing(&t.tenant()).submit_data(&ProcedureId::new("juminhyo-copy"), data.clone(), &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS);
        assert!(matches!(filed, Err(AppError::Validation { .. })), "{sneaky:?}: {filed:?}");
    }
    // Through the pages: the step is refused and nothing is kept.
    let token = new_token().unwrap();
    let mut applicant = JUMINHYO_APPLICANT.to_vec();
    applicant.retain(|(k, _)| *k != "applicant_name");
    applicant.push(("applicant_name", "仙台\u{202E}太郎"));
    let outcome = app.filing(&t.tenant()).save_step(&token, &ProcedureId::new("juminhyo-copy"), "applicant", &pairs(&applicant), defaults::RESIDENT_ADDRESS).unwrap();
    let StepOutcome::Invalid { errors } = outcome else { panic!("{outcome:?}") };
    assert!(errors.iter().any(|e| e.pointer == "/applicant_name" && e.code == madoguchi_forms::FormErrorCode::HiddenCharacter), "{errors:?}");
});

db_test!(fn dates_are_judged_against_the_filing_day_on_the_apps_clock(db) {
    // The clock: Friday 2026-11-20 10:00 JST.
    let t = TestApp::builder().db(db).forms(["tennyu-yoyaku"]).build();
    let app = &t.app;
    let refused = |data: &serde_json::Value| -> Vec<(String, &'static str)> {
        let checked = app.filing(&t.tenant()).validate_data(&ProcedureId::new("tennyu-yoyaku"), data.clone()).unwrap();
        checked.errors.iter().map(|e| (e.pointer.clone(), e.code.code())).collect()
    };
    let example = defaults::example("tennyu-yoyaku", "family-from-abroad.json");
    assert_eq!(refused(&example), vec![]);

    // A child born in 2099, or tomorrow, is refused; one born today is not.
    for (born, code) in [("2099-01-01", Some("date_too_late")), ("2026-11-21", Some("date_too_late")), ("2026-11-20", None)] {
        let mut data = example.clone();
        data["moving_persons"][2]["birth_date"] = born.into();
        let want: Vec<(String, &str)> = code.map(|c| ("/moving_persons/2/birth_date".to_string(), c)).into_iter().collect();
        assert_eq!(refused(&data), want, "born {born}");
    }
    let mut future_birth = example.clone();
    future_birth["moving_persons"][2]["birth_date"] = "2099-01-01".into();
    let checked = app.filing(&t.tenant()).validate_data(&ProcedureId::new("tennyu-yoyaku"), future_birth.clone()).unwrap();
    let message = checked.form.message_in(&checked.errors[0], madoguchi_core::Lang::Ja);
    // A birth date is asked in 和暦 or 西暦: the day is written as the era inputs read it.
    assert!(message.contains("今日（令和8年11月20日）以前の日付を入力してください"), "{message}");

    // A visit booked for yesterday is refused, today is not; filed as JSON it is not stored.
    let mut past_visit = example.clone();
    past_visit["residence_start_date"] = "2026-11-19".into();
    past_visit["visit_date"] = "2026-11-19".into();
    assert_eq!(refused(&past_visit), [("/visit_date".to_string(), "date_too_early")]);
    let filed = app.filing(&t.tenant()).submit_data(&ProcedureId::new("tennyu-yoyaku"), past_visit.clone(), &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS);
    let Err(AppError::Validation { errors, .. }) = filed else { panic!("{filed:?}") };
    assert_eq!(errors.iter().map(|e| (e.pointer.as_str(), e.code.code())).collect::<Vec<_>>(), [("/visit_date", "date_too_early")]);
    let mut today_visit = past_visit.clone();
    today_visit["visit_date"] = "2026-11-20".into();
    assert_eq!(refused(&today_visit), vec![]);

    // The day is the app's clock in Japan: 23:59:59 JST on the 18th (14:59:59 UTC), the
    // visit on the 19th is ahead and a child born on the 19th not yet born; a second later
    // it is the 19th in Japan.
    let at = |h, m, s| chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 18, h, m, s).unwrap();
    let mut born_19th = example.clone();
    born_19th["moving_persons"][2]["birth_date"] = "2026-11-19".into();
    t.clock.set(at(14, 59, 59));
    assert_eq!(refused(&past_visit), vec![]);
    assert_eq!(refused(&born_19th), [("/moving_persons/2/birth_date".to_string(), "date_too_late")]);
    t.clock.set(at(15, 0, 0));
    assert_eq!(refused(&born_19th), vec![]);
    assert_eq!(refused(&past_visit), vec![]);
    let key = uuid::Uuid::new_v4().to_string();
    let filed = app.filing(&t.tenant()).submit_data(&ProcedureId::new("tennyu-yoyaku"), past_visit.clone(), &key, defaults::RESIDENT_ADDRESS);
    let Ok(SubmitOutcome::Stored(stored)) = filed else { panic!("{filed:?}") };

    // A day later the visit's day has passed: the same answers under the same key are the
    // retry of what was stored, and replay its receipt; under a new key they are refused.
    t.clock.set(at(15, 0, 0) + chrono::Duration::days(1));
    let retried = app.filing(&t.tenant()).submit_data(&ProcedureId::new("tennyu-yoyaku"), past_visit.clone(), &key, defaults::RESIDENT_ADDRESS);
    let Ok(SubmitOutcome::Replayed(replayed)) = retried else { panic!("{retried:?}") };
    assert_eq!(replayed.arrival_number, stored.arrival_number);
    let anew = app.filing(&t.tenant()).submit_data(&ProcedureId::new("tennyu-yoyaku"), past_visit, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS);
    assert!(matches!(anew, Err(AppError::Validation { .. })), "{anew:?}");
});

db_test!(fn a_reminder_links_to_the_city_address_another_node_just_changed(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock, db) = (&t.app, &t.clock, &t.db);
    let id = phone_number_to_correct(&t);
    clock.advance(chrono::Duration::days(5));
    // Another node (the operator's) moves the city to a new address; this node serves no
    // page in between, so only its background round can notice.
    let moved = madoguchi_app::kernel::tenancy::TenantSettings { public_url: Some("https://moved.example".into()), ..Default::default() };
    t.another_process().set_tenant_settings(&t.tenant(), &moved).unwrap().unwrap();
    // The registry is rechecked every 5 s.
    std::thread::sleep(std::time::Duration::from_millis(5_300));
    assert_eq!(app.send_correction_reminders().unwrap(), 1);
    let mails = db.db.conn().unwrap().mails_for_submission(&id.as_str().into()).unwrap();
    let reminder = mails.iter().find(|m| m.kind.code() == "correction_reminder").unwrap();
    assert!(reminder.body.contains("https://moved.example/corrections/"), "{}", reminder.body);
});
