//! The use cases against a real database (SQLite, and PostgreSQL when configured).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use madoguchi_app::{
    App, AppConfig, AppError, filing::StepOutcome, kernel::Clerk, kernel::FixedClock,
    kernel::new_token, notification::MailError, notification::Mailer, notification::OutgoingMail,
    review::QueueQuery, review::ReviewInput, submission::SubmitOutcome,
};
use madoguchi_core::{FilingMode, TenantId};
use madoguchi_forms::FormRegistry;
use madoguchi_store::prelude::{Audit, Drafts, Outbox, Submissions};
use madoguchi_testkit::{TestDb, db_test};
use madoguchi_workflow::State;

fn juminhyo_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/juminhyo-copy/form.json")
}

fn app(db: &TestDb) -> (App, Arc<FixedClock>) {
    // Only the form these tests file (the other procedures have tests of their own).
    let path = juminhyo_path();
    let form =
        madoguchi_forms::Form::from_json(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
    app_with(db, form)
}

fn app_with(db: &TestDb, form: madoguchi_forms::Form) -> (App, Arc<FixedClock>) {
    app_with_forms(db, vec![form])
}

fn app_with_forms(db: &TestDb, forms: Vec<madoguchi_forms::Form>) -> (App, Arc<FixedClock>) {
    app_with_files(db, forms, None)
}

/// The same, keeping attached files in `files_dir` when given.
fn app_with_files(
    db: &TestDb,
    forms: Vec<madoguchi_forms::Form>,
    files_dir: Option<&Path>,
) -> (App, Arc<FixedClock>) {
    let forms = FormRegistry::from_forms(forms);
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap(),
    ));
    // Fixed keys: an app restarted over the same database opens what the first one sealed.
    let mut config = AppConfig::new(TenantId::new("041009"), "https://madoguchi.test");
    config.keys = madoguchi_app::SecretKeys {
        totp: [1; 32],
        my_number: [2; 32],
        enrolment: [3; 32],
        counter: [4; 32],
    };
    if let Some(dir) = files_dir {
        config.files_dir = dir.to_path_buf();
    }
    let app = App::new(Arc::new(db.db.clone()), forms, clock.clone(), config).unwrap();
    let sendai = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/data/municipalities/sendai.json"),
    )
    .unwrap();
    app.seed_demo(&madoguchi_app::operations::Municipality::from_json(&sendai).unwrap())
        .unwrap();
    (app, clock)
}

fn tenant() -> TenantId {
    TenantId::new("041009")
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const APPLICANT: &[(&str, &str)] = &[
    ("applicant_name", "仙台 太郎"),
    ("applicant_name_kana", "センダイ タロウ"),
    ("applicant_birth_date.year", "1985"),
    ("applicant_birth_date.month", "4"),
    ("applicant_birth_date.day", "1"),
    ("applicant_postal_code", "9808671"),
    ("applicant_address.prefecture", "宮城県"),
    ("applicant_address.city", "仙台市青葉区"),
    ("applicant_address.town", "国分町三丁目"),
    ("applicant_address.block", "7-1"),
    ("applicant_phone", "022-214-1111"),
    ("applicant_email", "taro@example.jp"),
];
const REQUEST: &[(&str, &str)] = &[
    ("relation_to_subject", "self"),
    ("certificate_type", "resident_record"),
    ("scope", "whole_household"),
    ("copies", "2"),
    ("purpose", "勤務先へ提出"),
];
const PAYMENT: &[(&str, &str)] = &[
    ("payment_method", "online"),
    ("delivery_address_confirm", "true"),
];

/// Fills all three steps for a browser session.
fn fill(app: &App, token: &str) {
    for (step, answers) in [
        ("applicant", APPLICANT),
        ("request", REQUEST),
        ("payment", PAYMENT),
    ] {
        let outcome = app
            .save_step(&tenant(), token, "juminhyo-copy", step, &pairs(answers))
            .unwrap();
        assert!(
            matches!(outcome, StepOutcome::Saved { .. }),
            "{step}: {outcome:?}"
        );
    }
}

const ADDRESS: &str = "192.0.2.10";

/// The demo authenticator's code for a 30-second step.
fn code(app: &App, steps_ahead: i64) -> String {
    let step = madoguchi_app::kernel::totp::step_of(app.now().timestamp()) + steps_ahead;
    madoguchi_app::kernel::totp::code_at_step(madoguchi_app::kernel::DEMO_TOTP_SECRET, step)
        .unwrap()
}

/// Signs a demo account in, password and code; returns the session token.
fn sign_in_token(app: &App, login: &str) -> String {
    let session = app
        .login(login, madoguchi_app::operations::DEMO_PASSWORD, ADDRESS)
        .unwrap();
    assert_eq!(session.next, madoguchi_app::staff::SignInStep::Code);
    // A code works once: a second sign-in in the same 30 seconds uses the next one.
    let ok = (0..=1).any(|ahead| {
        app.verify_code(&session.token, &code(app, ahead), ADDRESS)
            .is_ok()
    });
    assert!(ok, "the demo code for {login} was refused");
    session.token
}

fn clerk(app: &App, login: &str) -> Clerk {
    let token = sign_in_token(app, login);
    app.clerk_for_session(&token).unwrap().unwrap()
}

fn count(db: &TestDb) -> i64 {
    db.db.conn().unwrap().count_submissions().unwrap()
}

db_test!(fn a_filled_form_is_submitted_once_with_a_receipt_and_an_email(db) {
    let (app, _) = app(&db);
    let token = new_token().unwrap();
    fill(&app, &token);
    let check = app.check(&tenant(), Some(&token), "juminhyo-copy").unwrap();
    assert_eq!(check.fee.unwrap().total.amount(), 600);
    let key = uuid::Uuid::new_v4().to_string();
    let first = app.submit(&tenant(), Some(&token), "juminhyo-copy", &key).unwrap();
    let SubmitOutcome::Stored(receipt) = &first else { panic!("{first:?}") };
    assert_eq!(receipt.fee.amount(), 600);
    assert_eq!(receipt.state, State::Arrived);
    assert!(receipt.arrival_number.as_str().starts_with("261120-"));
    // 2026-11-20 (Fri) + 3 business days, skipping the weekend and 勤労感謝の日 (Mon 23rd).
    assert_eq!(receipt.due_on.unwrap().to_string(), "2026-11-26");
    // Sent again with the same key: the same receipt, nothing new stored.
    let again = app.submit(&tenant(), Some(&token), "juminhyo-copy", &key).unwrap();
    assert!(matches!(again, SubmitOutcome::Replayed(_)));
    assert_eq!(again.receipt().arrival_number, receipt.arrival_number);
    assert_eq!(count(&db), 1);
    // The draft is gone; a receipt email waits in the outbox, with no answers in it.
    let mut conn = db.db.conn().unwrap();
    let mails = conn.mails_for_submission(receipt.submission_id.as_str()).unwrap();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body.contains(receipt.arrival_number.as_str()));
    assert!(!mails[0].body.contains("センダイ") && !mails[0].body.contains("国分町"), "answers stay out of email");
    assert!(conn.find_live_draft("041009", &sha(&token), "juminhyo-copy", Utc::now().naive_utc()).unwrap().is_none());
    // The receipt is shown to the same browser only.
    assert!(app.receipt(&tenant(), Some(&token), receipt.arrival_number.as_str()).is_ok());
    let stranger = new_token().unwrap();
    assert!(matches!(app.receipt(&tenant(), Some(&stranger), receipt.arrival_number.as_str()), Err(AppError::NotFound)));
});

fn sha(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

db_test!(fn fifty_parallel_submits_with_one_key_store_one_submission(db) {
    let (app, _) = app(&db);
    let token = new_token().unwrap();
    fill(&app, &token);
    let key = uuid::Uuid::new_v4().to_string();
    let handles: Vec<_> = (0..50)
        .map(|_| {
            let (app, token, key) = (app.clone(), token.clone(), key.clone());
            std::thread::spawn(move || app.submit(&tenant(), Some(&token), "juminhyo-copy", &key))
        })
        .collect();
    let outcomes: Vec<_> = handles.into_iter().map(|h| h.join().unwrap().unwrap()).collect();
    let stored = outcomes.iter().filter(|o| matches!(o, SubmitOutcome::Stored(_))).count();
    assert_eq!(stored, 1);
    let numbers: std::collections::HashSet<_> = outcomes.iter().map(|o| o.receipt().arrival_number.clone()).collect();
    assert_eq!(numbers.len(), 1, "every request shows the same receipt");
    assert_eq!(count(&db), 1);
});

db_test!(fn a_key_from_another_session_is_refused_and_stores_nothing(db) {
    let (app, _) = app(&db);
    let (a, b) = (new_token().unwrap(), new_token().unwrap());
    fill(&app, &a);
    fill(&app, &b);
    let key = uuid::Uuid::new_v4().to_string();
    app.submit(&tenant(), Some(&a), "juminhyo-copy", &key).unwrap();
    assert!(matches!(app.submit(&tenant(), Some(&b), "juminhyo-copy", &key), Err(AppError::IdempotencyKeyReused)));
    assert!(matches!(app.submit(&tenant(), Some(&b), "juminhyo-copy", "short"), Err(AppError::IdempotencyKeyMissing)));
    assert_eq!(count(&db), 1);
});

db_test!(fn a_wrong_step_saves_nothing_and_says_what_to_fix(db) {
    let (app, _) = app(&db);
    let token = new_token().unwrap();
    let mut answers = pairs(APPLICANT);
    answers.retain(|(k, _)| k != "applicant_name");
    answers.iter_mut().filter(|(k, _)| k == "applicant_phone").for_each(|(_, v)| *v = "12345".into());
    let outcome = app.save_step(&tenant(), &token, "juminhyo-copy", "applicant", &answers).unwrap();
    let StepOutcome::Invalid { errors } = outcome else { panic!("expected errors") };
    let codes: Vec<_> = errors.iter().map(|e| (e.pointer.as_str(), e.code.code())).collect();
    assert_eq!(codes, [("/applicant_name", "required"), ("/applicant_phone", "not_phone")]);
    let view = app.draft(&tenant(), Some(&token), "juminhyo-copy").unwrap();
    assert_eq!(view.data, serde_json::json!({}), "nothing was saved");
    assert!(matches!(app.check(&tenant(), Some(&token), "juminhyo-copy"), Err(AppError::DraftMissing)));
});

db_test!(fn the_check_page_sends_an_incomplete_draft_back_to_its_step(db) {
    let (app, _) = app(&db);
    let token = new_token().unwrap();
    app.save_step(&tenant(), &token, "juminhyo-copy", "applicant", &pairs(APPLICANT)).unwrap();
    let Err(AppError::Validation { step, errors }) = app.check(&tenant(), Some(&token), "juminhyo-copy") else {
        panic!("expected the request step to be incomplete")
    };
    assert_eq!(step, "request");
    assert!(errors.iter().any(|e| e.pointer == "/copies"));
});

db_test!(fn a_clerk_decides_once_with_an_audit_trail_and_an_email(db) {
    let (app, clock) = app(&db);
    let token = new_token().unwrap();
    fill(&app, &token);
    let receipt = app.submit(&tenant(), Some(&token), "juminhyo-copy", &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    let queue = app.queue(&clerk, &QueueQuery::default()).unwrap();
    assert_eq!(queue.items.len(), 1);
    assert_eq!(queue.items[0].applicant_name.as_deref(), Some("仙台 太郎"));
    let id = receipt.submission_id.to_string();
    let reject_without_reason = ReviewInput::decision("reject", "  ");
    assert!(matches!(app.decide(&clerk, &id, &reject_without_reason), Err(AppError::ReasonRequired)));
    clock.advance(chrono::Duration::hours(2));
    assert_eq!(app.decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap(), State::Approved);
    assert!(matches!(app.decide(&clerk, &id, &ReviewInput::decision("reject", "二重の決定")), Err(AppError::InvalidTransition)));
    let detail = app.submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.state, State::Approved);
    let trail: Vec<_> = detail.events.iter().map(|e| (e.seq, e.actor_kind.as_str(), e.action.as_str(), e.from, e.to)).collect();
    assert_eq!(trail, [(1, "resident", "submit", None, State::Arrived), (2, "clerk", "approve", Some(State::Arrived), State::Approved)]);
    assert_eq!(detail.events[1].actor_name.as_deref(), Some("区役所 戸籍住民課 担当(デモ)"));
    // The certificate's fee is asked for once approved (事後決済).
    assert_eq!(detail.mails.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>(), ["receipt", "decision", "payment_request"]);
    assert_eq!(detail.payments.len(), 1);
    assert_eq!((detail.payments[0].amount.amount(), detail.payments[0].after_approval, detail.payments[0].status), (600, true, None));
});

db_test!(fn another_department_cannot_see_or_decide_a_submission(db) {
    let (app, _) = app(&db);
    let token = new_token().unwrap();
    fill(&app, &token);
    let receipt = app.submit(&tenant(), Some(&token), "juminhyo-copy", &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let other = clerk(&app, "hoken-nenkin@sendai.example");
    let id = receipt.submission_id.to_string();
    assert!(app.queue(&other, &QueueQuery::default()).unwrap().items.is_empty());
    assert!(matches!(app.submission_detail(&other, &id), Err(AppError::NotFound)));
    assert!(matches!(app.decide(&other, &id, &ReviewInput::decision("approve", "")), Err(AppError::NotFound)));
    assert!(matches!(app.submission_detail(&other, "no-such-id"), Err(AppError::NotFound)));
});

db_test!(fn sign_in_fails_the_same_way_for_every_wrong_answer(db) {
    let (app, _) = app(&db);
    for (login, password) in [("koseki-jumin@sendai.example", "wrong password"), ("nobody@sendai.example", "madoguchi-demo"), ("", "")] {
        assert!(matches!(app.login(login, password, ADDRESS), Err(AppError::LoginFailed)), "{login}");
    }
    let token = sign_in_token(&app, "koseki-jumin@sendai.example");
    assert!(app.clerk_for_session(&token).unwrap().is_some());
    app.logout(&token).unwrap();
    assert!(app.clerk_for_session(&token).unwrap().is_none());
});

/// A transport that fails on command, to check the retry policy (the real SMTP transport
/// is tested against a real SMTP server in the server crate).
struct Scripted(
    std::sync::Mutex<Vec<Result<(), MailError>>>,
    std::sync::Mutex<Vec<OutgoingMail>>,
);

impl Mailer for Scripted {
    fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        self.1.lock().unwrap().push(mail.clone());
        self.0.lock().unwrap().remove(0)
    }
}

db_test!(fn undelivered_mail_is_retried_with_backoff_and_given_up_in_the_end(db) {
    let (app, clock) = app(&db);
    let token = new_token().unwrap();
    fill(&app, &token);
    app.submit(&tenant(), Some(&token), "juminhyo-copy", &uuid::Uuid::new_v4().to_string()).unwrap();
    let mailer = Scripted(
        std::sync::Mutex::new(vec![Err(MailError::Temporary("connection refused".into())), Ok(())]),
        std::sync::Mutex::new(vec![]),
    );
    let report = app.deliver_due_mail(&mailer, 10).unwrap();
    assert_eq!((report.sent, report.retried, report.failed), (0, 1, 0));
    // Not due again until the backoff has passed.
    assert_eq!(app.deliver_due_mail(&mailer, 10).unwrap().retried + app.deliver_due_mail(&mailer, 10).unwrap().sent, 0);
    clock.advance(chrono::Duration::seconds(31));
    let report = app.deliver_due_mail(&mailer, 10).unwrap();
    assert_eq!(report.sent, 1);
    let sent = mailer.1.lock().unwrap();
    assert_eq!(sent[0].message_id, sent[1].message_id, "a retry is the same message");
    assert_eq!(app.pending_mail().unwrap(), 0);
    // A permanent refusal is not retried.
    let token = new_token().unwrap();
    fill(&app, &token);
    app.submit(&tenant(), Some(&token), "juminhyo-copy", &uuid::Uuid::new_v4().to_string()).unwrap();
    let refusing = Scripted(std::sync::Mutex::new(vec![Err(MailError::Permanent("550 no such user".into()))]), std::sync::Mutex::new(vec![]));
    assert_eq!(app.deliver_due_mail(&refusing, 10).unwrap().failed, 1);
    assert_eq!(app.pending_mail().unwrap(), 0);
});

db_test!(fn ward_office_filings_go_to_the_ward_of_the_address(db) {
    let (app, _) = app(&db);
    let fixture = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/postal-sample.csv")).unwrap();
    app.import_postal_codes(&madoguchi_app::operations::parse_postal_csv(fixture.as_slice()).unwrap()).unwrap();
    let file_from = |postal: &str| {
        let token = new_token().unwrap();
        let mut answers = pairs(APPLICANT);
        answers.iter_mut().filter(|(k, _)| k == "applicant_postal_code").for_each(|(_, v)| *v = postal.into());
        app.save_step(&tenant(), &token, "juminhyo-copy", "applicant", &answers).unwrap();
        app.save_step(&tenant(), &token, "juminhyo-copy", "request", &pairs(REQUEST)).unwrap();
        app.save_step(&tenant(), &token, "juminhyo-copy", "payment", &pairs(PAYMENT)).unwrap();
        app.submit(&tenant(), Some(&token), "juminhyo-copy", &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone()
    };
    let izumi = file_from("981-3133");
    let aoba = file_from("980-0811");
    let outside = file_from("100-0001");
    assert_eq!(izumi.department.ja, "泉区 区役所 戸籍住民課", "the receipt names the ward office");
    assert_eq!(aoba.department.ja, "青葉区 区役所 戸籍住民課");
    assert_eq!(outside.department.ja, "区役所 戸籍住民課", "an address outside the wards goes to central processing");
    let izumi_clerk = clerk(&app, "koseki-jumin.izumi@sendai.example");
    assert_eq!(izumi_clerk.ward.as_ref().map(|w| w.code.as_str()), Some("04105"));
    let seen: Vec<String> = app.queue(&izumi_clerk, &QueueQuery::default()).unwrap().items.iter().map(|i| i.arrival_number.to_string()).collect();
    assert_eq!(seen, [izumi.arrival_number.to_string()]);
    assert!(matches!(app.submission_detail(&izumi_clerk, aoba.submission_id.as_str()), Err(AppError::NotFound)));
    let central = clerk(&app, "koseki-jumin@sendai.example");
    assert_eq!(app.queue(&central, &QueueQuery::default()).unwrap().total, 3, "central processing sees every ward");
});

db_test!(fn a_submission_still_renders_under_its_version_after_the_form_changes(db) {
    let (app, _) = app(&db);
    let token = new_token().unwrap();
    fill(&app, &token);
    let receipt = app.submit(&tenant(), Some(&token), "juminhyo-copy", &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let filed_under = app.forms().get("juminhyo-copy").unwrap().version().to_string();

    // The department renames a label and drops the phone question; the service restarts.
    let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(juminhyo_path()).unwrap()).unwrap();
    value["ui"]["fields"]["applicant_name"]["label"]["ja"] = "請求者の氏名".into();
    value["schema"]["properties"].as_object_mut().unwrap().remove("applicant_phone");
    for step in value["ui"]["steps"].as_array_mut().unwrap() {
        step["fields"].as_array_mut().unwrap().retain(|f| f != "applicant_phone");
    }
    value["ui"]["fields"].as_object_mut().unwrap().remove("applicant_phone");
    value["schema"]["required"].as_array_mut().unwrap().retain(|f| f != "applicant_phone");
    let changed = madoguchi_forms::Form::from_value(&juminhyo_path(), value).unwrap();
    assert_ne!(changed.version(), filed_under, "a changed definition is a new version");
    let (restarted, _) = app_with(&db, changed);

    // The clerk still sees the submission as it was filed: old labels, the phone answer.
    let clerk = clerk(&restarted, "koseki-jumin@sendai.example");
    let detail = restarted.submission_detail(&clerk, receipt.submission_id.as_str()).unwrap();
    assert_eq!(detail.form.version(), filed_under);
    let answers: Vec<(String, String)> = detail
        .form
        .answers(&detail.data, madoguchi_core::Lang::Ja)
        .into_iter()
        .flat_map(|(_, answers)| answers)
        .map(|a| (a.label, a.value))
        .collect();
    assert!(answers.contains(&("氏名".to_string(), "仙台 太郎".to_string())), "{answers:?}");
    assert!(answers.iter().any(|(label, _)| label == "日中の連絡先電話番号"), "{answers:?}");
    assert!(!answers.iter().any(|(label, _)| label == "請求者の氏名"));
    // New filings use the new version.
    assert_ne!(restarted.forms().get("juminhyo-copy").unwrap().version(), filed_under);
});

/// Every published procedure fits Sendai's organisation, and a form naming a department
/// the city does not have, or a ward-office procedure without routing, is reported.
#[test]
fn forms_must_fit_the_municipality() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let sendai = madoguchi_app::operations::Municipality::from_json(
        &std::fs::read_to_string(root.join("deploy/data/municipalities/sendai.json")).unwrap(),
    )
    .unwrap();
    let published = FormRegistry::load_dir(&root.join("forms")).unwrap();
    assert_eq!(sendai.problems_with(&published), Vec::<String>::new());

    let text = std::fs::read_to_string(root.join("forms/juminhyo-copy/form.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let path = root.join("forms/juminhyo-copy/form.json");
    value["procedure"]["routing"] = serde_json::Value::Null;
    let unrouted = madoguchi_forms::Form::from_value(&path, value.clone()).unwrap();
    value["procedure"]["department"] = "no-such-department".into();
    let unknown = madoguchi_forms::Form::from_value(&path, value).unwrap();
    let problems = sendai.problems_with(&FormRegistry::from_forms([unrouted]));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("routing.ward_from"), "{problems:?}");
    let problems = sendai.problems_with(&FormRegistry::from_forms([unknown]));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("`no-such-department`"), "{problems:?}");
}

fn file(app: &App) -> madoguchi_app::submission::Receipt {
    let token = new_token().unwrap();
    fill(app, &token);
    app.submit(
        &tenant(),
        Some(&token),
        "juminhyo-copy",
        &uuid::Uuid::new_v4().to_string(),
    )
    .unwrap()
    .receipt()
    .clone()
}

fn input(action: &str) -> ReviewInput {
    ReviewInput {
        action: action.into(),
        ..ReviewInput::default()
    }
}

fn events(db: &TestDb, id: &str) -> usize {
    db.db
        .conn()
        .unwrap()
        .events(&tenant(), &id.into())
        .unwrap()
        .len()
}

/// The secret of the newest correction link mailed for a submission.
fn correction_link(db: &TestDb, id: &str) -> String {
    let mails = db.db.conn().unwrap().mails_for_submission(id).unwrap();
    let body = &mails
        .iter()
        .rev()
        .find(|m| m.kind == "correction_request")
        .expect("a correction mail")
        .body;
    let start = body.find("/corrections/").unwrap() + "/corrections/".len();
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

db_test!(fn a_correction_stops_the_clock_and_the_clerk_sees_what_changed(db) {
    // Filed Friday 2026-11-20 10:00 JST: 3 business days, due Thursday 26th (23rd is a holiday).
    let (app, clock) = app(&db);
    let receipt = file(&app);
    let id = receipt.submission_id.to_string();
    assert_eq!(receipt.due_on, Some(d(2026, 11, 26)));
    let clerk = clerk(&app, "koseki-jumin@sendai.example");

    assert_eq!(app.act(&clerk, &id, &input("claim")).unwrap(), State::InReview);
    let mine = app.queue(&clerk, &QueueQuery { assignee: madoguchi_app::review::AssigneeChoice::Me, ..QueueQuery::default() }).unwrap();
    assert_eq!(mine.items.len(), 1);
    assert!(matches!(app.act(&clerk, &id, &input("claim")), Err(AppError::InvalidTransition)), "claimed already");

    // A request that names nothing, an unknown question, or a deadline today is refused
    // and changes nothing.
    let before = events(&db, &id);
    let mut ask = ReviewInput {
        action: "request_correction".into(),
        reason: "日中に連絡のとれる電話番号を入力してください。".into(),
        fields: vec![],
        deadline: "2026-12-04".into(),
        ..ReviewInput::default()
    };
    assert!(matches!(app.act(&clerk, &id, &ask), Err(AppError::Refused(madoguchi_core::ErrorCode::CorrectionFieldsMissing))));
    ask.fields = vec!["/applicant_phone".into(), "/no_such_question".into()];
    assert!(matches!(app.act(&clerk, &id, &ask), Err(AppError::Refused(madoguchi_core::ErrorCode::CorrectionFieldsMissing))));
    ask.fields = vec!["/applicant_phone".into()];
    ask.deadline = "2026-11-20".into();
    assert!(matches!(app.act(&clerk, &id, &ask), Err(AppError::Refused(madoguchi_core::ErrorCode::DeadlineInvalid))));
    assert_eq!(events(&db, &id), before);

    ask.deadline = "2026-12-04".into();
    assert_eq!(app.act(&clerk, &id, &ask).unwrap(), State::CorrectionRequested);
    let detail = app.submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.due_on, None, "the clock is stopped");
    assert_eq!(detail.clock.phase, madoguchi_workflow::Phase::Paused);

    // The applicant opens the emailed link: only the phone question, answers kept.
    let token = correction_link(&db, &id);
    let page = app.correction(&tenant(), &token).unwrap();
    assert!(page.can_answer && page.can_withdraw && !page.answered);
    assert_eq!(page.step.fields.iter().map(|f| f.pointer.as_str()).collect::<Vec<_>>(), ["/applicant_phone"]);
    assert!(matches!(app.correction(&tenant(), "not-a-real-token-000000000000000000000000"), Err(AppError::NotFound)));

    // A wrong number is refused with the field's message; nothing is stored.
    let outcome = app.answer_correction(&tenant(), &token, &pairs(&[("applicant_phone", "12345")])).unwrap();
    let madoguchi_app::filing::CorrectionOutcome::Invalid { errors, .. } = outcome else { panic!("accepted a wrong number") };
    assert_eq!(errors[0].pointer, "/applicant_phone");
    assert_eq!(app.submission_detail(&clerk, &id).unwrap().state, State::CorrectionRequested);

    // Answered on Monday the 23rd (a holiday): counting resumes from Tuesday 24th with all
    // 3 days left, so the new due date is Friday 27th.
    clock.advance(chrono::Duration::days(3));
    let outcome = app.answer_correction(&tenant(), &token, &pairs(&[("applicant_phone", "０９０−１２３４−５６７８")])).unwrap();
    assert!(matches!(outcome, madoguchi_app::filing::CorrectionOutcome::Sent));
    assert!(matches!(app.answer_correction(&tenant(), &token, &pairs(&[("applicant_phone", "022-214-1111")])), Err(AppError::InvalidTransition)), "answered once");
    let detail = app.submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.state, State::Resubmitted);
    assert_eq!(detail.due_on, Some(d(2026, 11, 27)));
    assert_eq!(detail.data["applicant_phone"], "090-1234-5678", "cleaned like any answer");
    let change = &detail.corrections[0].changes;
    assert_eq!(change.len(), 1);
    assert_eq!((change[0].before.ja.as_str(), change[0].after.ja.as_str()), ("022-214-1111", "090-1234-5678"));
    assert!(!detail.corrections[0].lapsed);
    let actions: Vec<&str> = detail.events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["submit", "claim", "request_correction", "resubmit"]);

    // Approved: the decision email carries the procedure's appeal-rights notice.
    assert_eq!(app.act(&clerk, &id, &input("approve")).unwrap(), State::Approved);
    let mails = db.db.conn().unwrap().mails_for_submission(&id).unwrap();
    let kinds: Vec<&str> = mails.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["receipt", "correction_request", "resubmitted", "decision", "payment_request"]);
    assert!(mails[3].body.contains("【教示】") && mails[3].body.contains("審査請求"));
    assert!(!mails[1].body.contains("022-214-1111"), "answers stay out of email");
    // Too late to withdraw.
    assert!(matches!(app.withdraw_by_correction(&tenant(), &token), Err(AppError::InvalidTransition)));
});

db_test!(fn roles_decide_who_may_do_what(db) {
    let (app, clock) = app(&db);
    let receipt = file(&app);
    let id = receipt.submission_id.to_string();
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    let chief = sign_in(&app, "koseki-jumin.kacho@sendai.example");
    assert_eq!(chief.role, madoguchi_workflow::Role::Supervisor);

    // Only supervisors assign, and only to staff who can see the filing's ward.
    let mut assign = input("assign");
    assign.assignee = clerk.id.to_string();
    assert!(matches!(app.act(&clerk, &id, &assign), Err(AppError::Forbidden)));
    let izumi = sign_in(&app, "koseki-jumin.izumi@sendai.example");
    let mut to_izumi = input("assign");
    to_izumi.assignee = izumi.id.to_string();
    assert!(matches!(app.act(&chief, &id, &to_izumi), Err(AppError::Refused(madoguchi_core::ErrorCode::AssigneeInvalid))), "an 青葉区 filing cannot go to a 泉区 clerk");
    assert_eq!(app.act(&chief, &id, &assign).unwrap(), State::Arrived, "assigning keeps the state");
    assert_eq!(app.submission_detail(&chief, &id).unwrap().assignee.unwrap().value, clerk.id.to_string());
    // The applicant's actions are never a clerk's.
    assert!(matches!(app.act(&clerk, &id, &input("withdraw")), Err(AppError::Forbidden)));
    assert!(matches!(app.act(&clerk, &id, &input("resubmit")), Err(AppError::Forbidden)));

    // An extension needs days and a reason, and moves the due date.
    let mut extend = input("extend");
    extend.days = "5".into();
    assert!(matches!(app.act(&clerk, &id, &extend), Err(AppError::ReasonRequired)));
    extend.days = "0".into();
    extend.reason = "関係機関への照会に時間を要するため".into();
    assert!(matches!(app.act(&clerk, &id, &extend), Err(AppError::Refused(madoguchi_core::ErrorCode::ExtensionInvalid))));
    extend.days = "5".into();
    app.act(&clerk, &id, &extend).unwrap();
    assert_eq!(app.submission_detail(&clerk, &id).unwrap().due_on, Some(d(2026, 12, 3)), "26 Nov + 5 business days");

    // Overdue filings show up as such after their date.
    clock.advance(chrono::Duration::days(14));
    let overdue = app.queue(&clerk, &QueueQuery { due: Some(madoguchi_app::review::DueChoice::Overdue), ..QueueQuery::default() }).unwrap();
    assert_eq!(overdue.items.len(), 1);
    assert!(overdue.items[0].overdue);

    // Reject, then close the file; nothing after that.
    let mut reject = input("reject");
    reject.reason = "本人確認ができないため".into();
    assert_eq!(app.act(&clerk, &id, &reject).unwrap(), State::Rejected);
    assert_eq!(app.act(&clerk, &id, &input("close")).unwrap(), State::Closed);
    assert!(matches!(app.act(&chief, &id, &input("approve")), Err(AppError::InvalidTransition)));
    let overdue = app.queue(&clerk, &QueueQuery { due: Some(madoguchi_app::review::DueChoice::Overdue), ..QueueQuery::default() }).unwrap();
    assert!(overdue.items.is_empty(), "a decided filing is not overdue");
});

db_test!(fn the_queue_finds_filings_by_name_reading_or_number(db) {
    let (app, _) = app(&db);
    let receipt = file(&app);
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    for q in ["仙台", "せんだい", "ｾﾝﾀﾞｲ", "タロウ", receipt.arrival_number.as_str(), &receipt.arrival_number.as_str().to_lowercase()] {
        let found = app.queue(&clerk, &QueueQuery { search: Some(q.into()), ..QueueQuery::default() }).unwrap();
        assert_eq!(found.total, 1, "{q}");
    }
    let none = app.queue(&clerk, &QueueQuery { search: Some("青葉".into()), ..QueueQuery::default() }).unwrap();
    assert_eq!(none.total, 0);
    let page = app.queue(&clerk, &QueueQuery::default()).unwrap();
    assert_eq!(page.counts.iter().find(|(s, _)| *s == State::Arrived).unwrap().1, 1);
    assert!(page.procedures.iter().any(|p| p.value == "juminhyo-copy"));
});

db_test!(fn an_applicant_can_withdraw_from_the_correction_link(db) {
    let (app, _) = app(&db);
    let receipt = file(&app);
    let id = receipt.submission_id.to_string();
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    app.act(&clerk, &id, &input("claim")).unwrap();
    let ask = ReviewInput { action: "request_correction".into(), reason: "請求の理由を具体的に書いてください".into(), fields: vec!["/purpose".into()], deadline: "2026-12-01".into(), ..ReviewInput::default() };
    app.act(&clerk, &id, &ask).unwrap();
    let token = correction_link(&db, &id);
    assert_eq!(app.withdraw_by_correction(&tenant(), &token).unwrap(), State::Withdrawn);
    assert!(matches!(app.withdraw_by_correction(&tenant(), &token), Err(AppError::InvalidTransition)));
    let page = app.correction(&tenant(), &token).unwrap();
    assert!(!page.can_answer && !page.can_withdraw);
    assert_eq!(app.submission_detail(&clerk, &id).unwrap().clock.phase, madoguchi_workflow::Phase::Stopped);
    assert!(matches!(app.act(&clerk, &id, &input("approve")), Err(AppError::InvalidTransition)));
});

/// `clerk`, for tests whose own `clerk` variable hides that function.
fn sign_in(app: &App, login: &str) -> Clerk {
    clerk(app, login)
}

db_test!(fn the_password_alone_opens_nothing_and_a_code_works_once(db) {
    let (app, clock) = app(&db);
    let session = app.login("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS).unwrap();
    assert!(app.clerk_for_session(&session.token).unwrap().is_none(), "no second factor yet");
    assert!(matches!(app.verify_code(&session.token, "000000", ADDRESS), Err(AppError::CodeInvalid)));
    let now = code(&app, 0);
    app.verify_code(&session.token, &now, ADDRESS).unwrap();
    assert!(app.clerk_for_session(&session.token).unwrap().is_some());
    // The same code again, for a new session: refused (replay).
    let again = app.login("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS).unwrap();
    assert!(matches!(app.verify_code(&again.token, &now, ADDRESS), Err(AppError::CodeInvalid)));
    // Idle for longer than the idle timeout: the session is gone.
    clock.advance(chrono::Duration::minutes(31));
    assert!(app.clerk_for_session(&session.token).unwrap().is_none());
    // Active all day: still ends at the absolute limit.
    let token = sign_in_token(&app, "koseki-jumin@sendai.example");
    let mut active_for = chrono::Duration::zero();
    for _ in 0..25 {
        clock.advance(chrono::Duration::minutes(29));
        active_for += chrono::Duration::minutes(29);
        if app.clerk_for_session(&token).unwrap().is_none() {
            break;
        }
    }
    assert!(app.clerk_for_session(&token).unwrap().is_none(), "a session ends after 10 hours however active");
    assert!(active_for >= chrono::Duration::hours(10) && active_for < chrono::Duration::hours(11), "{active_for}");
});

db_test!(fn repeated_failures_pause_sign_in_for_that_account(db) {
    let (app, clock) = app(&db);
    for _ in 0..5 {
        assert!(matches!(app.login("koseki-jumin@sendai.example", "guess", "198.51.100.7"), Err(AppError::LoginFailed)));
    }
    // Even the right password is not checked now, from any address.
    assert!(matches!(app.login("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS), Err(AppError::TooManyAttempts)));
    // Other accounts are not affected; the pause ends after 15 minutes.
    assert!(app.login("hoken-nenkin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS).is_ok());
    clock.advance(chrono::Duration::minutes(16));
    assert!(app.login("koseki-jumin@sendai.example", madoguchi_app::operations::DEMO_PASSWORD, ADDRESS).is_ok());
});

db_test!(fn administrators_manage_staff_and_changes_end_old_sessions(db) {
    let (app, clock) = app(&db);
    let admin = clerk(&app, "admin@sendai.example");
    let chief = clerk(&app, "koseki-jumin.kacho@sendai.example");
    assert!(matches!(app.staff(&chief), Err(AppError::Forbidden)), "only administrators");
    assert!(matches!(app.queue(&admin, &QueueQuery::default()), Err(AppError::Forbidden)), "administrators see no filings");

    let new = madoguchi_app::kernel::NewClerk {
        tenant: tenant(),
        department_code: "koseki-jumin".into(),
        ward_code: Some("04101".into()),
        login: "aoba.tanto@sendai.example".into(),
        display_name: "青葉 担当".into(),
        password: "short".into(),
        role: madoguchi_workflow::Role::Clerk,
    };
    assert!(matches!(app.create_staff(&admin, &new), Err(AppError::Refused(madoguchi_core::ErrorCode::PasswordWeak))));
    let new = madoguchi_app::kernel::NewClerk { password: "青葉通りのけやき並木を歩く".into(), ..new };
    let id = app.create_staff(&admin, &new).unwrap();
    assert!(matches!(app.create_staff(&admin, &new), Err(AppError::Refused(madoguchi_core::ErrorCode::LoginTaken))));

    // First sign-in: enrol an authenticator with the secret shown, then its code.
    let session = app.login("aoba.tanto@sendai.example", "青葉通りのけやき並木を歩く", ADDRESS).unwrap();
    assert_eq!(session.next, madoguchi_app::staff::SignInStep::Enrol);
    let enrolment = app.enrolment(&session.token).unwrap();
    assert!(enrolment.uri.starts_with("otpauth://totp/Madoguchi:aoba.tanto@sendai.example?secret="));
    let step = madoguchi_app::kernel::totp::step_of(app.now().timestamp());
    let code = madoguchi_app::kernel::totp::code_at_step(&enrolment.secret, step).unwrap();
    app.verify_code(&session.token, &code, ADDRESS).unwrap();
    let tanto = app.clerk_for_session(&session.token).unwrap().unwrap();
    assert_eq!(tanto.ward.as_ref().unwrap().code, "04101");

    // Moved to 泉区: the old session stops at once.
    let change = madoguchi_app::staff::StaffChange {
        display_name: "青葉 担当".into(),
        department_code: "koseki-jumin".into(),
        ward_code: "04105".into(),
        role: "clerk".into(),
        active: true,
    };
    app.update_staff(&admin, id.as_str(), &change).unwrap();
    assert!(app.clerk_for_session(&session.token).unwrap().is_none());
    // Disabled: cannot sign in.
    app.update_staff(&admin, id.as_str(), &madoguchi_app::staff::StaffChange { active: false, ..change.clone() }).unwrap();
    assert!(matches!(app.login("aoba.tanto@sendai.example", "青葉通りのけやき並木を歩く", ADDRESS), Err(AppError::LoginFailed)));
    // An administrator cannot lock themselves out.
    let me = madoguchi_app::staff::StaffChange { display_name: "管理者".into(), department_code: "digital".into(), ward_code: String::new(), role: "administrator".into(), active: false };
    assert!(matches!(app.update_staff(&admin, admin.id.as_str(), &me), Err(AppError::Refused(madoguchi_core::ErrorCode::StaffSelf))));
    // A lost phone: the authenticator is forgotten and enrolled again next time.
    app.update_staff(&admin, id.as_str(), &change).unwrap();
    app.reset_staff_totp(&admin, id.as_str()).unwrap();
    clock.advance(chrono::Duration::minutes(1));
    let session = app.login("aoba.tanto@sendai.example", "青葉通りのけやき並木を歩く", ADDRESS).unwrap();
    assert_eq!(session.next, madoguchi_app::staff::SignInStep::Enrol);
    let staff = app.staff(&admin).unwrap();
    assert!(staff.iter().any(|s| s.login == "aoba.tanto@sendai.example" && !s.enrolled && s.active));
});

db_test!(fn my_numbers_are_sealed_at_rest_and_each_reveal_is_logged(db) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join("forms/jido-teate-nintei/form.json");
    let form = madoguchi_forms::Form::from_json(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
    let (app, _) = app_with(&db, form);
    let example: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("forms/jido-teate-nintei/examples/valid/first-baby-public-account.json")).unwrap()).unwrap();
    let data = example.get("data").cloned().unwrap_or(example);
    let receipt = app.submit_data(&tenant(), "jido-teate-nintei", data, &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let id = receipt.submission_id.to_string();
    // In the database: sealed, not the number.
    let row = db.db.conn().unwrap().find_submission(&tenant(), &receipt.submission_id).unwrap().unwrap();
    assert!(!row.data.contains("123456789018"), "My Number stored in clear");
    assert!(row.data.contains("sealed:v1:mynumber:"));
    // To the clerk: on screen masked, and in full only with a reason, which is logged.
    let clerk = clerk(&app, "hoken-nenkin@sendai.example");
    let detail = app.submission_detail(&clerk, &id).unwrap();
    let pointer = "/claimant_my_number".to_string();
    assert!(detail.my_numbers.iter().any(|m| m.value == pointer), "{:?}", detail.my_numbers);
    let shown: Vec<String> = detail.form.answers(&detail.data, madoguchi_core::Lang::Ja).into_iter().flat_map(|(_, a)| a).map(|a| a.value).collect();
    assert!(shown.contains(&"********9018".to_string()), "{shown:?}");
    assert!(!shown.iter().any(|v| v.contains("123456789018")), "never in full on screen");
    assert!(matches!(app.reveal_my_number(&clerk, &id, &pointer, " "), Err(AppError::ReasonRequired)));
    assert_eq!(app.reveal_my_number(&clerk, &id, &pointer, "住民基本台帳との照合").unwrap(), "123456789018");
    assert!(matches!(app.reveal_my_number(&clerk, &id, "/claimant_name", "照合"), Err(AppError::NotFound)), "only My Number fields");
    let log: Vec<(String, Option<String>)> = db.db.conn().unwrap().audit_of_submission(&id).unwrap().into_iter().map(|a| (a.action, a.reason)).collect();
    assert_eq!(log, [("view".to_string(), None), ("reveal_my_number".to_string(), Some("住民基本台帳との照合".to_string()))]);
});

db_test!(fn a_correction_asks_too_for_what_the_new_answer_makes_necessary(db) {
    let (app, _) = app(&db);
    let receipt = file(&app);
    let id = receipt.submission_id.to_string();
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    app.act(&clerk, &id, &input("claim")).unwrap();
    let ask = ReviewInput { action: "request_correction".into(), reason: "請求者と対象者の関係を確認してください".into(), fields: vec!["/relation_to_subject".into()], deadline: "2026-12-01".into(), ..ReviewInput::default() };
    app.act(&clerk, &id, &ask).unwrap();
    let token = correction_link(&db, &id);
    // Now acting for someone else: that person's details are needed and asked for.
    let agent = pairs(&[("relation_to_subject", "agent")]);
    let madoguchi_app::filing::CorrectionOutcome::Invalid { page, errors } = app.answer_correction(&tenant(), &token, &agent).unwrap() else { panic!("accepted without the person's details") };
    let asked: Vec<&str> = page.step.fields.iter().map(|f| f.pointer.as_str()).collect();
    assert!(asked.contains(&"/relation_to_subject") && asked.contains(&"/subject_name"), "{asked:?}");
    assert!(errors.iter().any(|e| e.pointer == "/subject_name"));
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
    assert!(matches!(app.answer_correction(&tenant(), &token, &full).unwrap(), madoguchi_app::filing::CorrectionOutcome::Sent));
    let detail = app.submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.data["subject_name"], "仙台 花子");
    assert_eq!(detail.data["applicant_phone"], "022-214-1111", "not named, not changed");
    assert!(detail.corrections[0].changes.len() >= 3);
});

db_test!(fn filings_from_before_search_keys_get_them_at_start(db) {
    let (app, _) = app(&db);
    let receipt = file(&app);
    // As the review migration left older rows: the raw name, no reading.
    db.db.conn().unwrap().set_search_key(&receipt.submission_id, "仙台 太郎").unwrap();
    let (restarted, _) = app_with(&db, madoguchi_forms::Form::from_json(&juminhyo_path(), &std::fs::read_to_string(juminhyo_path()).unwrap()).unwrap());
    let clerk = clerk(&restarted, "koseki-jumin@sendai.example");
    let found = restarted.queue(&clerk, &QueueQuery { search: Some("せんだい".into()), ..QueueQuery::default() }).unwrap();
    assert_eq!(found.total, 1);
});

db_test!(fn published_figures_and_exports_count_what_happened(db) {
    let (app, clock) = app(&db);
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    let ids: Vec<String> = (0..3).map(|_| file(&app).submission_id.to_string()).collect();
    // One corrected then approved, one rejected, one left open; two business days later.
    clock.advance(chrono::Duration::days(4)); // Tuesday 24th (23rd is a holiday)
    let ask = ReviewInput { action: "request_correction".into(), reason: "電話番号を確認してください".into(), fields: vec!["/applicant_phone".into()], deadline: "2026-12-04".into(), ..ReviewInput::default() };
    app.act(&clerk, &ids[0], &input("claim")).unwrap();
    app.act(&clerk, &ids[0], &ask).unwrap();
    let token = correction_link(&db, &ids[0]);
    app.answer_correction(&tenant(), &token, &pairs(&[("applicant_phone", "022-214-1112")])).unwrap();
    app.act(&clerk, &ids[0], &input("approve")).unwrap();
    let mut reject = input("reject");
    reject.reason = "本人確認ができないため".into();
    app.act(&clerk, &ids[1], &reject).unwrap();

    let f = app.figures(&tenant(), None).unwrap();
    assert_eq!(f.fiscal_year, 2026);
    let r = f.procedures.iter().find(|r| r.procedure_id == "juminhyo-copy").unwrap();
    assert_eq!((r.filed, r.approved, r.rejected, r.open, r.online), (3, 1, 1, 1, 3));
    assert_eq!(r.correction_permille, Some(333));
    assert_eq!(r.online_permille, Some(1000));
    // Filed Friday 20th at 10:00: the rejection on Tuesday 24th used 1 business day (24th);
    // the approval the same (paused and resumed on the 24th itself).
    assert_eq!(r.median_days_tenths, Some(10));
    assert_eq!(r.within_period_permille, Some(1000));
    assert_eq!(f.total.filed, 3);
    assert_eq!(f.monthly.iter().map(|(_, n)| n).sum::<i64>(), 3);
    assert_eq!(f.monthly[7], (d(2026, 11, 1), 3), "November is the 8th month of the fiscal year");
    assert!(matches!(app.figures(&tenant(), Some(2030)), Err(AppError::NotFound)), "no future years");

    // The export: every filing of the procedure, answers in columns, My Numbers masked.
    let q = madoguchi_app::review::ExportQuery { procedure: "juminhyo-copy".into(), ids: vec![], from: None, to: None, states: vec![], format: madoguchi_app::review::ExportFormat::Csv { bom: true } };
    let csv = app.export(&clerk, &q).unwrap();
    assert_eq!(csv.rows, 3);
    assert!(csv.body.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv.body[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + 3, "two header rows and three filings");
    assert!(lines[0].starts_with("arrival_number,arrived_at,state") && lines[0].contains("applicant_address.city"));
    assert!(lines[1].contains("氏名"), "the second header row holds labels");
    assert!(text.contains("022-214-1112"), "the corrected answer");
    let json = app.export(&clerk, &madoguchi_app::review::ExportQuery { states: vec![State::Approved], format: madoguchi_app::review::ExportFormat::Json, ..q }).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(parsed["filings"].as_array().unwrap().len(), 1);
    assert_eq!(parsed["filings"][0]["corrections"], 1);
    // Another department exports nothing of it; every export is in the audit log.
    let other = clerk_other(&app);
    assert!(matches!(app.export(&other, &madoguchi_app::review::ExportQuery { procedure: "juminhyo-copy".into(), ids: vec![], from: None, to: None, states: vec![], format: madoguchi_app::review::ExportFormat::Json }).map(|e| e.rows), Ok(0)));
});

fn clerk_other(app: &App) -> Clerk {
    clerk(app, "hoken-nenkin@sendai.example")
}

fn forms_root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms")
}

fn load_form(id: &str) -> madoguchi_forms::Form {
    let path = forms_root().join(id).join("form.json");
    madoguchi_forms::Form::from_json(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn example(id: &str, name: &str) -> serde_json::Value {
    let path = forms_root().join(id).join("examples/valid").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Answers every step a valid example needs, as the pages would post them.
fn fill_example(app: &App, token: &str, id: &str, data: &serde_json::Value) {
    let form = load_form(id);
    let data = form.normalize_json(data.clone());
    for step in form.shown_steps(&data) {
        let posted = madoguchi_forms::input::posted_from_data(step, &data);
        let outcome = app
            .save_step(&tenant(), token, id, &step.id, &posted)
            .unwrap();
        assert!(
            matches!(outcome, StepOutcome::Saved { .. }),
            "{id}/{}: {outcome:?}",
            step.id
        );
    }
}

db_test!(fn a_moving_in_bundle_prepared_on_a_phone_is_filed_at_the_counter(db) {
    let (app, clock) = app_with_forms(&db, vec![load_form("tennyu-yoyaku"), load_form("kokuho-kanyu"), load_form("juminhyo-copy")]);
    let resident = new_token().unwrap();
    let tennyu = example("tennyu-yoyaku", "family-from-abroad.json");
    fill_example(&app, &resident, "tennyu-yoyaku", &tennyu);
    assert!(app.counter_visit(&tenant(), Some(&resident)).unwrap().is_none());
    // An unfinished procedure cannot go on the slip.
    let err = app.add_to_counter_visit(&tenant(), Some(&resident), "juminhyo-copy").unwrap_err();
    assert!(matches!(err, AppError::DraftMissing), "{err:?}");
    app.add_to_counter_visit(&tenant(), Some(&resident), "tennyu-yoyaku").unwrap();
    let visit = app.counter_visit(&tenant(), Some(&resident)).unwrap().unwrap();
    let code = visit.code.clone().unwrap();
    assert_eq!(visit.items.len(), 1);
    assert!(visit.items[0].ready);
    assert!(code.qr.starts_with("MDG1-") && !code.qr.contains("Nguyen"), "no personal data in the QR code");
    assert_eq!(visit.suggestions.iter().map(|s| s.procedure_id.as_str()).collect::<Vec<_>>(), vec!["kokuho-kanyu"]);

    // Health insurance starts with the moving-in answers.
    let first = app.prepare_from_counter_visit(&tenant(), Some(&resident), "kokuho-kanyu").unwrap();
    assert_eq!(first, "householder");
    let draft = app.draft(&tenant(), Some(&resident), "kokuho-kanyu").unwrap();
    assert_eq!(draft.data["householder_name"], "Nguyen Van An");
    assert_eq!(draft.data["householder_address"]["city"], "仙台市若林区");
    assert_eq!(draft.data["eligibility_date"], "2026-04-02");
    let mut kokuho = example("kokuho-kanyu", "left-job-couple.json");
    for (k, v) in draft.data.as_object().unwrap() {
        kokuho[k] = v.clone();
    }
    fill_example(&app, &resident, "kokuho-kanyu", &kokuho);
    app.add_to_counter_visit(&tenant(), Some(&resident), "kokuho-kanyu").unwrap();

    // At the counter: a tampered QR code, a typed code with slips, another clerk.
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    let mut forged = code.qr.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    assert!(matches!(app.open_counter_code(&clerk, &forged), Err(AppError::Refused(madoguchi_core::ErrorCode::CounterCodeInvalid))));
    assert!(matches!(app.open_counter_code(&clerk, "00000-00000"), Err(AppError::NotFound)));
    let id = app.open_counter_code(&clerk, &code.qr).unwrap();
    assert_eq!(app.open_counter_code(&clerk, &code.display.to_lowercase().replace('-', " ")).unwrap(), id);
    let other = clerk_other(&app);
    assert!(matches!(app.counter_visit_for_clerk(&other, &id), Err(AppError::NotFound)), "only the clerk who opened it");
    let seen = app.counter_visit_for_clerk(&clerk, &id).unwrap();
    assert_eq!(seen.items.len(), 2);
    assert!(seen.items.iter().all(|i| i.ready), "{:?}", seen.items.iter().map(|i| &i.errors).collect::<Vec<_>>());

    // Filing needs the identity check; then both go in, once.
    assert!(matches!(app.file_counter_visit(&clerk, &id, "my_number_card", false), Err(AppError::Refused(madoguchi_core::ErrorCode::IdentityUnchecked))));
    assert!(matches!(app.file_counter_visit(&clerk, &id, "library_card", true), Err(AppError::Refused(madoguchi_core::ErrorCode::IdentityUnchecked))));
    assert_eq!(count(&db), 0);
    let filed = app.file_counter_visit(&clerk, &id, "residence_card", true).unwrap();
    assert_eq!(filed.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), vec!["tennyu-yoyaku", "kokuho-kanyu"]);
    assert_eq!(count(&db), 2);
    assert!(matches!(app.file_counter_visit(&clerk, &id, "residence_card", true), Err(AppError::Refused(madoguchi_core::ErrorCode::CounterFiled))));
    assert_eq!(count(&db), 2);
    let done = app.counter_visit_for_clerk(&clerk, &id).unwrap().filed.unwrap();
    assert_eq!(done.identity, "residence_card");
    assert_eq!(done.filed.len(), 2);
    // Each is a counter filing by the clerk, visible to the applicant's session too.
    let receipt = app.receipt(&tenant(), Some(&resident), &filed[0].1).unwrap();
    let mut conn = db.db.conn().unwrap();
    let row = conn.find_submission(&tenant(), &receipt.submission_id).unwrap().unwrap();
    assert_eq!(row.filing_mode, FilingMode::Counter);
    assert_eq!(row.filing_mode.code(), "counter");
    let events = conn.events(&tenant(), &receipt.submission_id).unwrap();
    assert_eq!(events[0].actor_kind, "clerk");
    assert_eq!(events[0].actor_id.as_deref(), Some(clerk.id.as_str()));
    assert!(events[0].detail.as_deref().unwrap().contains("residence_card"));
    assert_eq!(conn.count_drafts().unwrap(), 0, "the drafts became filings");
    drop(conn);
    let f = app.figures(&tenant(), None).unwrap();
    assert_eq!((f.total.filed, f.total.online, f.total.at_counter), (2, 0, 2));

    // A code runs out; the resident's new one works, the old one not.
    let second = new_token().unwrap();
    fill(&app, &second);
    app.add_to_counter_visit(&tenant(), Some(&second), "juminhyo-copy").unwrap();
    let old = app.counter_visit(&tenant(), Some(&second)).unwrap().unwrap().code.unwrap();
    clock.advance(chrono::Duration::hours(25));
    assert!(app.counter_visit(&tenant(), Some(&second)).unwrap().unwrap().code.is_none());
    assert!(matches!(app.open_counter_code(&clerk, &old.qr), Err(AppError::Refused(madoguchi_core::ErrorCode::CounterCodeExpired))));
    assert!(matches!(app.open_counter_code(&clerk, &old.display), Err(AppError::Refused(madoguchi_core::ErrorCode::CounterCodeExpired))));
    app.renew_counter_code(&tenant(), Some(&second)).unwrap();
    let new = app.counter_visit(&tenant(), Some(&second)).unwrap().unwrap().code.unwrap();
    assert_ne!(new.display, old.display);
    assert!(app.open_counter_code(&clerk, &new.display).is_ok());
    assert!(matches!(app.open_counter_code(&clerk, &old.display), Err(AppError::NotFound)));
});

/// The text of a PDF, by poppler's `pdftotext` (CI installs poppler-utils).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is needed to read PDFs in tests: apt-get install poppler-utils");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

db_test!(fn a_rejection_issues_a_notice_with_reasons_and_the_appeal_rights(db) {
    let (app, clock) = app(&db);
    let receipt = file(&app);
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    let id = receipt.submission_id.to_string();
    assert!(matches!(app.decision_notice_for_clerk(&clerk, &id), Err(AppError::NotFound)), "no notice before a decision");
    clock.advance(chrono::Duration::days(1));
    app.decide(&clerk, &id, &ReviewInput::decision("reject", "請求者と本人との関係が確認できないため")).unwrap();
    let pdf = app.decision_notice_for_clerk(&clerk, &id).unwrap();
    assert_eq!(pdf.filename, format!("decision-notice-{}.pdf", receipt.arrival_number));
    let text: String = pdf_text(&pdf.body).split_whitespace().collect();
    for words in ["不許可通知", "仙台太郎様", "請求者と本人との関係が確認できないため", "教示", "審査請求", receipt.arrival_number.as_str(), "令和8年11月21日"] {
        assert!(text.contains(words), "{words} missing from:\n{text}");
    }
    // The same notice behind the emailed link; the mail keeps no secret once sent.
    let mail = db.db.conn().unwrap().mails_for_submission(&id).unwrap().into_iter().find(|m| m.kind == "decision").unwrap();
    let start = mail.body.find("/documents/").unwrap() + "/documents/".len();
    let token: String = mail.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        let linked: String = pdf_text(&app.decision_notice_by_link(&tenant(), &token).unwrap().body).split_whitespace().collect();
    assert_eq!(linked, text, "the same notice");
    assert!(matches!(app.decision_notice_by_link(&tenant(), "x"), Err(AppError::NotFound)));
    assert!(matches!(app.decision_notice_for_clerk(&clerk_other(&app), &id), Err(AppError::NotFound)));
});

db_test!(fn a_supervisor_assigns_many_at_once_or_none(db) {
    let (app, _) = app(&db);
    let ids: Vec<String> = (0..3).map(|_| file(&app).submission_id.to_string()).collect();
    let boss = clerk(&app, "koseki-jumin.kacho@sendai.example");
    let worker = clerk(&app, "koseki-jumin@sendai.example");
    // Clerks do not assign; nothing chosen is an error to fix.
    assert!(matches!(app.bulk_assign(&worker, &ids, worker.id.as_str()), Err(AppError::InvalidTransition | AppError::Forbidden)));
    assert!(matches!(app.bulk_assign(&boss, &[], worker.id.as_str()), Err(AppError::Refused(madoguchi_core::ErrorCode::SelectionInvalid))));
    // One decided meanwhile: none of the three is assigned.
    app.decide(&worker, &ids[2], &ReviewInput::decision("approve", "")).unwrap();
    let before = events(&db, &ids[0]);
    assert!(app.bulk_assign(&boss, &ids, worker.id.as_str()).is_err());
    assert_eq!(events(&db, &ids[0]), before, "all or none");
    assert_eq!(app.bulk_assign(&boss, &ids[..2], worker.id.as_str()).unwrap(), 2);
    for id in &ids[..2] {
        assert_eq!(app.submission_detail(&boss, id).unwrap().assignee.unwrap().value, worker.id.to_string());
    }
    // Chosen filings export together; another section's id makes the whole export a 404.
    let q = madoguchi_app::review::ExportQuery { procedure: String::new(), ids: ids.clone(), from: None, to: None, states: vec![], format: madoguchi_app::review::ExportFormat::Csv { bom: false } };
    assert_eq!(app.export(&worker, &q).unwrap().rows, 3);
    assert!(matches!(app.export(&clerk_other(&app), &q), Err(AppError::NotFound)));
});

db_test!(fn the_receipt_pdf_lists_the_answers_and_the_fee(db) {
    let (app, _) = app(&db);
    let token = new_token().unwrap();
    fill(&app, &token);
    let receipt = app.submit(&tenant(), Some(&token), "juminhyo-copy", &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let number = receipt.arrival_number.to_string();
    let pdf = app.receipt_pdf(&tenant(), Some(&token), &number).unwrap();
    let text: String = pdf_text(&pdf.body).split_whitespace().collect();
    for words in [number.as_str(), "住民票の写し", "仙台太郎", "勤務先へ提出", "600円", "2026年11月20日10時00分"] {
        assert!(text.contains(words), "{words} missing from:\n{text}");
    }
    assert!(matches!(app.receipt_pdf(&tenant(), Some(&new_token().unwrap()), &number), Err(AppError::NotFound)), "another session");
});

db_test!(fn a_reminder_goes_out_once_before_a_correction_deadline_with_a_new_link(db) {
    let (app, clock) = app(&db);
    let id = file(&app).submission_id.to_string();
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    app.act(&clerk, &id, &input("claim")).unwrap();
    // Friday 20 November; deadline Friday 27th.
    let ask = ReviewInput { action: "request_correction".into(), reason: "電話番号を確認してください".into(), fields: vec!["/applicant_phone".into()], deadline: "2026-11-27".into(), ..ReviewInput::default() };
    app.act(&clerk, &id, &ask).unwrap();
    let first_link = correction_link(&db, &id);
    assert_eq!(app.send_correction_reminders().unwrap(), 0, "a week ahead: too early");
    clock.advance(chrono::Duration::days(5)); // Wednesday 25th: two days left
    assert_eq!(app.send_correction_reminders().unwrap(), 1);
    assert_eq!(app.send_correction_reminders().unwrap(), 0, "once");
    let mails = db.db.conn().unwrap().mails_for_submission(&id).unwrap();
    let reminder = mails.iter().find(|m| m.kind == "correction_reminder").unwrap();
    assert!(reminder.subject.contains("期限が近づいています") && reminder.body.contains("2026年11月27日"));
    let start = reminder.body.find("/corrections/").unwrap() + "/corrections/".len();
    let new_link: String = reminder.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    assert_ne!(new_link, first_link);
    // The new link answers; the old one no longer does.
    assert!(matches!(app.answer_correction(&tenant(), &first_link, &pairs(&[("applicant_phone", "022-214-1112")])), Err(AppError::NotFound)));
    app.answer_correction(&tenant(), &new_link, &pairs(&[("applicant_phone", "022-214-1112")])).unwrap();
});

db_test!(fn files_are_checked_before_anything_is_stored_and_go_with_the_filing(db) {
    let (app, _) = app_with_forms(&db, vec![load_form("jido-teate-nintei")]);
    let token = new_token().unwrap();
    let t = Some(token.as_str());
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let up = |name: &str, bytes: &[u8]| app.upload(&tenant(), t, "jido-teate-nintei", "/bankbook_copy", name, bytes);
    let code = |r: Result<madoguchi_app::kernel::AttachmentView, AppError>| match r {
        Err(AppError::Refused(c)) => c,
        other => panic!("{other:?}"),
    };
    use madoguchi_core::ErrorCode as E;
    assert_eq!(code(up("../../etc/passwd", &pdf)), E::FileNameInvalid);
    assert_eq!(code(up("通帳.pdf", b"MZ\x90\0 not a pdf at all")), E::FileTypeNotAllowed, "the content decides, not the name");
    assert_eq!(code(up("big.pdf", &[pdf.as_slice(), &vec![b' '; madoguchi_app::kernel::MAX_FILE_BYTES]].concat())), E::FileTooLarge);
    let eicar = [pdf.as_slice(), br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].concat();
    assert_eq!(code(up("virus.pdf", &eicar)), E::FileRejected);
    assert!(matches!(app.upload(&tenant(), t, "jido-teate-nintei", "/claimant_name", "a.pdf", &pdf), Err(AppError::NotFound)), "only file questions take files");
    assert!(app.draft_files(&tenant(), t, "jido-teate-nintei").unwrap().is_empty(), "nothing stored by the refusals");

    let first = up("通帳.pdf", &pdf).unwrap();
    assert_eq!((first.content_type.as_str(), first.size_bytes), ("application/pdf", pdf.len() as i64));
    for i in 1..madoguchi_app::kernel::MAX_FILES_PER_QUESTION {
        up(&format!("page{i}.pdf"), &pdf).unwrap();
    }
    assert_eq!(code(up("one-too-many.pdf", &pdf)), E::TooManyFiles);
    // Another browser cannot remove it; the owner can.
    let stranger = new_token().unwrap();
    assert!(matches!(app.remove_upload(&tenant(), Some(&stranger), &first.id), Err(AppError::NotFound)));
    app.remove_upload(&tenant(), t, &first.id).unwrap();
    assert_eq!(app.draft_files(&tenant(), t, "jido-teate-nintei").unwrap().len(), madoguchi_app::kernel::MAX_FILES_PER_QUESTION - 1);

    // Filed: the files go with the submission, listed on the receipt; the clerk can open them.
    fill_example(&app, &token, "jido-teate-nintei", &example("jido-teate-nintei", "first-baby-public-account.json"));
    let receipt = app.submit(&tenant(), t, "jido-teate-nintei", &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    assert_eq!(receipt.attachments.len(), madoguchi_app::kernel::MAX_FILES_PER_QUESTION - 1);
    assert!(app.draft_files(&tenant(), t, "jido-teate-nintei").unwrap().is_empty());
        let other = clerk(&app, "koseki-jumin@sendai.example");
    let clerk = clerk(&app, "hoken-nenkin@sendai.example");
    let detail = app.submission_detail(&clerk, receipt.submission_id.as_str()).unwrap();
    assert_eq!(detail.attachments.len(), madoguchi_app::kernel::MAX_FILES_PER_QUESTION - 1);
    let file = app.attachment_for_clerk(&clerk, receipt.submission_id.as_str(), &detail.attachments[0].id).unwrap();
    assert_eq!(file.bytes, pdf);
    assert!(matches!(app.attachment_for_clerk(&other, receipt.submission_id.as_str(), &detail.attachments[0].id), Err(AppError::NotFound)));
});

db_test!(fn a_correction_can_ask_for_a_document_and_gets_a_new_file(db) {
    let (app, _) = app_with_forms(&db, vec![load_form("jido-teate-nintei")]);
    let token = new_token().unwrap();
    fill_example(&app, &token, "jido-teate-nintei", &example("jido-teate-nintei", "first-baby-public-account.json"));
    let receipt = app.submit(&tenant(), Some(&token), "jido-teate-nintei", &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let id = receipt.submission_id.to_string();
    let clerk = clerk(&app, "hoken-nenkin@sendai.example");
    app.act(&clerk, &id, &input("claim")).unwrap();
    let ask = ReviewInput { action: "request_correction".into(), reason: "通帳の写しを提出してください".into(), fields: vec!["/bankbook_copy".into()], deadline: "2026-12-04".into(), ..ReviewInput::default() };
    app.act(&clerk, &id, &ask).unwrap();
    let link = correction_link(&db, &id);
    // Answering without a file says what is missing; nothing changes.
    match app.answer_correction(&tenant(), &link, &pairs(&[])).unwrap() {
        madoguchi_app::filing::CorrectionOutcome::Invalid { errors, .. } => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].pointer, "/bankbook_copy");
        }
        other => panic!("{other:?}"),
    }
    let pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\n";
    assert!(matches!(app.upload_for_correction(&tenant(), &link, "/bankbook_copy", "x.exe", b"MZ\x90\0"), Err(AppError::Refused(madoguchi_core::ErrorCode::FileTypeNotAllowed))));
    assert!(matches!(app.upload_for_correction(&tenant(), &link, "/claimant_name", "a.pdf", pdf), Err(AppError::NotFound)), "only the questions named");
    let wrong = app.upload_for_correction(&tenant(), &link, "/bankbook_copy", "間違い.pdf", pdf).unwrap();
    app.remove_correction_upload(&tenant(), &link, &wrong.id).unwrap();
    app.upload_for_correction(&tenant(), &link, "/bankbook_copy", "通帳.pdf", pdf).unwrap();
    assert!(matches!(app.answer_correction(&tenant(), &link, &pairs(&[])).unwrap(), madoguchi_app::filing::CorrectionOutcome::Sent));
    let detail = app.submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.state, State::Resubmitted);
    assert_eq!(detail.attachments.iter().map(|a| (a.file_name.as_str(), a.from_correction)).collect::<Vec<_>>(), vec![("通帳.pdf", true)]);
    // Answered: no more files through that link.
    assert!(matches!(app.upload_for_correction(&tenant(), &link, "/bankbook_copy", "late.pdf", pdf), Err(AppError::InvalidTransition)));
});

db_test!(fn a_certificate_paid_by_postal_money_order_is_not_charged_online(db) {
    let (app, _) = app(&db);
    let token = new_token().unwrap();
    fill(&app, &token);
    // The resident answers that they will send a postal money order (定額小為替).
    app.save_step(&tenant(), &token, "juminhyo-copy", "payment", &pairs(&[("payment_method", "postal_money_order"), ("delivery_address_confirm", "true")])).unwrap();
    let receipt = app.submit(&tenant(), Some(&token), "juminhyo-copy", &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    assert!(receipt.payment.is_none());
    let clerk = clerk(&app, "koseki-jumin@sendai.example");
    let id = receipt.submission_id.to_string();
    assert_eq!(app.decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap(), State::Approved);
    let detail = app.submission_detail(&clerk, &id).unwrap();
    assert!(detail.payments.is_empty(), "nothing is charged online");
    assert_eq!(detail.mails.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>(), ["receipt", "decision"]);
    // Closing (the certificate sent once the money order arrived) is not held back.
    let close = ReviewInput { action: "close".into(), ..ReviewInput::default() };
    assert_eq!(app.act(&clerk, &id, &close).unwrap(), State::Closed);
});

db_test!(fn expired_drafts_their_files_and_spent_sessions_are_deleted(db) {
    let dir = tempfile::tempdir().unwrap();
    let (app, clock) = app_with_files(&db, vec![load_form("jido-teate-nintei")], Some(dir.path()));
    let id = "jido-teate-nintei";
    let pdf = |tag: &str| format!("%PDF-1.7\n% {tag} {}\n", uuid::Uuid::new_v4()).into_bytes();
    let blob = |bytes: &[u8]| {
        let sha = madoguchi_app::kernel::token_hash(std::str::from_utf8(bytes).unwrap());
        dir.path().join(&sha[..2]).join(&sha[2..4]).join(&sha)
    };
    let first_step = |token: &str| {
        let form = load_form(id);
        let data = form.normalize_json(example(id, "first-baby-public-account.json"));
        let step = form.shown_steps(&data).next().unwrap().clone();
        let posted = madoguchi_forms::input::posted_from_data(&step, &data);
        assert!(matches!(app.save_step(&tenant(), token, id, &step.id, &posted).unwrap(), StepOutcome::Saved { .. }));
    };
    // A: a file and no draft. B: a draft and a file, left alone. C: the same bytes as B,
    // and a draft saved again later, so it lives on.
    let (a, b, c) = (new_token().unwrap(), new_token().unwrap(), new_token().unwrap());
    let (only_a, shared) = (pdf("a"), pdf("shared"));
    app.upload(&tenant(), Some(&a), id, "/bankbook_copy", "a.pdf", &only_a).unwrap();
    first_step(&b);
    app.upload(&tenant(), Some(&b), id, "/bankbook_copy", "b.pdf", &shared).unwrap();
    first_step(&c);
    app.upload(&tenant(), Some(&c), id, "/bankbook_copy", "c.pdf", &shared).unwrap();
    // A failed staff sign-in, kept a day.
    assert!(app.login("koseki-jumin@sendai.example", "wrong", "192.0.2.1").is_err());
    assert!(app.purge_expired().unwrap().is_empty(), "nothing has expired yet");

    clock.advance(chrono::Duration::hours(23));
    first_step(&c);
    clock.advance(chrono::Duration::hours(2));
    // The bytes are older than an upload in flight could be.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    for path in [blob(&only_a), blob(&shared)] {
        std::fs::File::options().append(true).open(&path).unwrap().set_modified(old).unwrap();
    }
    let report = app.purge_expired().unwrap();
    assert_eq!((report.drafts, report.files, report.blobs), (1, 2, 1), "{report:?}");
    assert!(report.other >= 1, "the failed sign-in: {report:?}");
    assert!(!blob(&only_a).exists(), "nothing names A's bytes any more");
    assert!(blob(&shared).exists(), "C's draft still names the shared bytes");
    assert!(app.draft_files(&tenant(), Some(&a), id).unwrap().is_empty());
    assert!(app.draft_files(&tenant(), Some(&b), id).unwrap().is_empty());
    assert_eq!(app.draft_files(&tenant(), Some(&c), id).unwrap().len(), 1);
    assert!(app.my_drafts(&tenant(), Some(&c)).unwrap().len() == 1);
    assert!(app.purge_expired().unwrap().is_empty(), "a second round finds nothing");

    // The same bytes uploaded again are stored again.
    app.upload(&tenant(), Some(&a), id, "/bankbook_copy", "a.pdf", &only_a).unwrap();
    assert!(blob(&only_a).exists());
});

db_test!(fn simultaneous_guesses_are_counted_together(db) {
    let (app, _) = app_with_forms(&db, vec![load_form("juminhyo-copy")]);
    // Twelve guesses at one clerk's password at the same moment, from twelve addresses:
    // each is written down before its password is checked, so no more than the five a
    // login may fail get an answer; the rest are refused unchecked.
    let results: Vec<Result<madoguchi_app::staff::ClerkSession, AppError>> = std::thread::scope(|s| {
        let app = &app;
        let guesses: Vec<_> = (0..12)
            .map(|i| s.spawn(move || app.login("koseki-jumin@sendai.example", "wrong password", &format!("192.0.2.{i}"))))
            .collect();
        guesses.into_iter().map(|g| g.join().unwrap()).collect()
    });
    let checked = results.iter().filter(|r| matches!(r, Err(AppError::LoginFailed))).count();
    let refused = results.iter().filter(|r| matches!(r, Err(AppError::TooManyAttempts))).count();
    assert_eq!(checked + refused, 12, "{results:?}");
    assert!(checked <= 5, "{checked} guesses were checked");
    // Paused now: even the right password waits.
    assert!(matches!(app.login("koseki-jumin@sendai.example", "madoguchi-demo", "192.0.2.99"), Err(AppError::TooManyAttempts)));
    // A right password is not a failure: another clerk signs in repeatedly.
    for _ in 0..6 {
        app.login("hoken-nenkin@sendai.example", "madoguchi-demo", "192.0.2.100").unwrap();
    }
});
