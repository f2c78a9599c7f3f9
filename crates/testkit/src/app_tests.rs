//! The builder's handles do what they say, on both engines.

use madoguchi_app::{notification::MailError, review::QueueQuery, review::ReviewInput};

use crate::{Engine, RecordingMailer, TestApp};

fn every_handle(engine: Engine) {
    let t = TestApp::builder()
        .engine(engine)
        .mailer(RecordingMailer::answering([Err(MailError::Temporary(
            "451 try later".into(),
        ))]))
        .clerk_of("koseki-jumin")
        .clerk_of("hoken-nenkin")
        .build();
    assert_eq!(t.clerk().login, "koseki-jumin@sendai.example");
    assert_eq!(
        t.clerk_in("hoken-nenkin").login,
        "hoken-nenkin@sendai.example"
    );
    assert!(
        t.demo_logins
            .iter()
            .any(|d| d.login == "koseki-jumin.kacho@sendai.example")
    );

    // A resident files; the clerk of the department sees it, the other does not.
    let receipt = t.resident().file_juminhyo();
    assert_eq!((t.submissions(), t.drafts()), (1, 0));
    let id = receipt.submission_id.to_string();
    let queue = t
        .app
        .review(&t.tenant())
        .queue(t.clerk(), &QueueQuery::default())
        .unwrap();
    assert_eq!(queue.items.len(), 1);
    let other = t
        .app
        .review(&t.tenant())
        .queue(t.clerk_in("hoken-nenkin"), &QueueQuery::default());
    assert!(other.unwrap().items.is_empty());

    // The receipt mail: refused once by the script, sent once the clock passes the backoff.
    assert_eq!(t.deliver_mail().retried, 1);
    t.clock.advance(chrono::Duration::minutes(5));
    assert_eq!(t.deliver_mail().sent, 1);
    let sent = t.mailer.sent_to("taro@example.jp");
    assert_eq!(sent.len(), 2, "tried twice");
    assert!(sent[1].body.contains(receipt.arrival_number.as_str()));

    // A correction request's link, read from the outbox.
    t.app
        .review(&t.tenant())
        .act(t.clerk(), &id, &ReviewInput::decision("claim", ""))
        .unwrap();
    let ask = ReviewInput {
        action: "request_correction".into(),
        reason: "電話番号を確認してください".into(),
        fields: vec!["/applicant_phone".into()],
        deadline: "2026-12-04".into(),
        ..ReviewInput::default()
    };
    t.app.review(&t.tenant()).act(t.clerk(), &id, &ask).unwrap();
    let link = t.correction_link(&id);
    assert!(
        t.app
            .filing(&t.tenant())
            .correction(&link)
            .unwrap()
            .can_answer
    );

    // Another process over the same database sees the same filing, and its clerk signs in.
    let other = t.another_process();
    let clerk = other
        .staff(&t.tenant())
        .clerk_for_session(&t.sign_in_token("koseki-jumin@sendai.example"))
        .unwrap()
        .unwrap();
    assert_eq!(
        other
            .review(&clerk.tenant)
            .queue(&clerk, &QueueQuery::default())
            .unwrap()
            .total,
        1
    );
}

#[test]
fn every_handle_on_sqlite() {
    every_handle(Engine::Sqlite);
}

#[test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
fn every_handle_on_postgres() {
    every_handle(Engine::Postgres);
}

#[test]
fn a_resident_answers_a_procedure_from_its_example() {
    let t = TestApp::builder().forms(["jido-teate-nintei"]).build();
    let resident = t.resident();
    resident.fill_example("jido-teate-nintei", "first-baby-public-account.json");
    let receipt = resident.submit("jido-teate-nintei").receipt().clone();
    assert!(receipt.arrival_number.as_str().starts_with("261120-"));
    assert!(t.files_dir().starts_with(std::env::temp_dir()));
}
