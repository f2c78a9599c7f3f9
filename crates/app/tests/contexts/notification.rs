//! Mail delivery with retries, and the PDFs: the receipt and the decision notice.

use madoguchi_app::{AppError, kernel::new_token, notification::MailError, review::ReviewInput};
use madoguchi_core::ProcedureId;
use madoguchi_store::prelude::OutboxRead;
use madoguchi_testkit::{RecordingMailer, TestApp, db_test};

use crate::support::pdf_text;

// The real SMTP transport is tested against a real SMTP server in the server crate.
db_test!(fn undelivered_mail_is_retried_with_backoff_and_given_up_in_the_end(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock) = (&t.app, &t.clock);
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap();
    let mailer = RecordingMailer::answering([Err(MailError::Temporary("connection refused".into())), Ok(())]);
    let report = app.deliver_due_mail(&mailer, 10).unwrap();
    assert_eq!((report.sent, report.retried, report.failed), (0, 1, 0));
    // Not due again until the backoff has passed.
    assert_eq!(app.deliver_due_mail(&mailer, 10).unwrap().retried + app.deliver_due_mail(&mailer, 10).unwrap().sent, 0);
    clock.advance(chrono::Duration::seconds(31));
    let report = app.deliver_due_mail(&mailer, 10).unwrap();
    assert_eq!(report.sent, 1);
    let sent = mailer.sent();
    assert_eq!(sent.len(), 2, "tried twice, then sent");
    assert_eq!(sent[0].message_id, sent[1].message_id, "a retry is the same message");
    assert_eq!(app.pending_mail().unwrap(), 0);
    // A permanent refusal is not retried.
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap();
    let refusing = RecordingMailer::answering([Err(MailError::Permanent("550 no such user".into()))]);
    assert_eq!(app.deliver_due_mail(&refusing, 10).unwrap().failed, 1);
    assert_eq!(refusing.sent().len(), 1, "tried once");
    assert_eq!(app.pending_mail().unwrap(), 0);
});

db_test!(fn the_receipt_pdf_lists_the_answers_and_the_fee(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let number = receipt.arrival_number.to_string();
    let pdf = app.filing(&t.tenant()).receipt_pdf(Some(&token), &number).unwrap();
    let text: String = pdf_text(&pdf.body).split_whitespace().collect();
    for words in [number.as_str(), "住民票の写し", "仙台太郎", "勤務先へ提出", "600円", "2026年11月20日10時00分"] {
        assert!(text.contains(words), "{words} missing from:\n{text}");
    }
    // Set in the font built into the binary: no system font is looked for.
    assert_eq!(app.pdf_font().unwrap(), "IPAexGothic (built in)");
    let fonts = madoguchi_documents::readback::Readout::parse(&pdf.body).unwrap().fonts;
    let families: Vec<&str> = fonts.iter().map(|f| f.family()).collect();
    assert_eq!(families, [madoguchi_documents::EMBEDDED_FONT_NAME]);
    assert!(matches!(app.filing(&t.tenant()).receipt_pdf(Some(&new_token().unwrap()), &number), Err(AppError::NotFound)), "another session");
});

// A repeatable question is listed on the receipt by its items, each item's questions and a
// group inside an item by its questions, indented under what holds them — not as one line
// of values without their questions.
db_test!(fn the_receipt_pdf_lists_each_item_and_its_groups_by_their_questions(db) {
    let t = TestApp::builder().db(db).forms_dir(madoguchi_testkit::defaults::forms_dir()).build();
    // The example on its own filing day (its start date is the first of a month).
    let path = madoguchi_testkit::defaults::forms_dir().join("hoiku-moushikomi/examples/valid/april-returning-from-leave.json");
    let (day, example) = madoguchi_forms::examples::read_valid(&path).unwrap();
    t.clock.set(chrono::TimeZone::from_utc_datetime(&chrono::Utc, &day.and_hms_opt(1, 0, 0).unwrap()));
    let token = new_token().unwrap();
    let resident = t.resident_session(&token);
    resident.fill("hoiku-moushikomi", &example);
    let receipt = resident.submit("hoiku-moushikomi").receipt().clone();
    let pdf = t.app.filing(&t.tenant()).receipt_pdf(Some(&token), &receipt.arrival_number.to_string()).unwrap();
    let text = pdf_text(&pdf.body);
    let line = |words: &str| text.lines().map(|l| l.split_whitespace().collect::<String>()).any(|l| l == words);
    for words in ["お子さん1", "第1希望一番町保育園", "第2希望勾当台こども園", "氏名仙台陽葵", "第3希望錦町小規模保育室"] {
        assert!(line(words), "no line {words} in:\n{text}");
    }
    assert!(!text.contains("お子さん1:"), "not one line of values:\n{text}");
});

db_test!(fn a_rejection_issues_a_notice_with_reasons_and_the_appeal_rights(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock, db) = (&t.app, &t.clock, &t.db);
    let receipt = t.resident().file_juminhyo();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let id = receipt.submission_id.to_string();
    assert!(matches!(app.review(&clerk.tenant).decision_notice_for_clerk(&clerk, &id), Err(AppError::NotFound)), "no notice before a decision");
    clock.advance(chrono::Duration::days(1));
    app.review(&clerk.tenant).decide(&clerk, &id, &ReviewInput::decision("reject", "請求者と本人との関係が確認できないため")).unwrap();
    let pdf = app.review(&clerk.tenant).decision_notice_for_clerk(&clerk, &id).unwrap();
    assert_eq!(pdf.filename, format!("decision-notice-{}.pdf", receipt.arrival_number));
    let text: String = pdf_text(&pdf.body).split_whitespace().collect();
    for words in ["不許可通知", "仙台太郎様", "請求者と本人との関係が確認できないため", "教示", "審査請求", receipt.arrival_number.as_str(), "令和8年11月21日"] {
        assert!(text.contains(words), "{words} missing from:\n{text}");
    }
    // The same notice behind the emailed link; the mail keeps no secret once sent.
    let mail = db.db.conn().unwrap().mails_for_submission(&id.as_str().into()).unwrap().into_iter().find(|m| m.kind.code() == "decision").unwrap();
    let start = mail.body.find("/documents/").unwrap() + "/documents/".len();
    let token: String = mail.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        let linked: String = pdf_text(&app.filing(&t.tenant()).decision_notice_by_link(&token).unwrap().body).split_whitespace().collect();
    assert_eq!(linked, text, "the same notice");
    assert!(matches!(app.filing(&t.tenant()).decision_notice_by_link("x"), Err(AppError::NotFound)));
    assert!(matches!(app.review(&t.sign_in("hoken-nenkin@sendai.example").tenant).decision_notice_for_clerk(&t.sign_in("hoken-nenkin@sendai.example"), &id), Err(AppError::NotFound)));
});

db_test!(fn an_approvals_note_reaches_the_applicant_only_when_the_clerk_marks_it_for_them(db) {
    let t = TestApp::builder().db(db).build();
    let (app, db) = (&t.app, &t.db);
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    for (tell, note) in [(true, "12月10日(木)に郵送します"), (false, "本人確認書類は運転免許証で確認済み")] {
        let token = new_token().unwrap();
        t.resident_session(&token).fill_juminhyo();
        let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
        let id = receipt.submission_id.to_string();
        let input = ReviewInput { tell_applicant: tell, ..ReviewInput::decision("approve", note) };
        app.review(&clerk.tenant).decide(&clerk, &id, &input).unwrap();
        let mail = db.db.conn().unwrap().mails_for_submission(&id.as_str().into()).unwrap().into_iter().find(|m| m.kind.code() == "decision").unwrap();
        let notice: String = pdf_text(&app.review(&clerk.tenant).decision_notice_for_clerk(&clerk, &id).unwrap().body).split_whitespace().collect();
        let view = app.filing(&t.tenant()).application(Some(&token), receipt.arrival_number.as_str()).unwrap();
        let told: Vec<&str> = view.history.iter().filter(|h| h.decision).filter_map(|h| h.message.as_deref()).collect();
        if tell {
            assert!(mail.body.contains(note), "{}", mail.body);
            assert!(notice.contains("付記事項") && notice.contains(note), "{notice}");
            assert_eq!(told, [note]);
        } else {
            assert!(!mail.body.contains(note) && !notice.contains(note) && !notice.contains("付記事項"));
            assert!(told.is_empty(), "an office-only note stays off the receipt");
        }
        // Either way the office's record keeps it.
        let detail = app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap();
        assert!(detail.events.iter().any(|e| e.reason.as_deref() == Some(note)));
    }
});

db_test!(fn a_font_path_that_is_not_a_font_answers_unavailable_and_names_the_setting(db) {
    let not_a_font = std::path::PathBuf::from(file!());
    let t = TestApp::builder().db(db).config(move |c| c.font_path = Some(not_a_font)).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    match app.filing(&t.tenant()).receipt_pdf(Some(&token), &receipt.arrival_number.to_string()) {
        Err(AppError::Unavailable(why)) => {
            assert!(why.contains("font_path (MADOGUCHI_FONT_PATH)") && why.contains("notification.rs"), "{why}");
        }
        other => panic!("expected Unavailable, got {:?}", other.map(|p| p.filename)),
    }
    assert!(app.pdf_font().is_err());
});
