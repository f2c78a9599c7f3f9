//! Filings sent as JSON at once are written in batches (`filing/batch.rs`): each stored
//! once under its key, with its first event, its receipt mail and its webhook delivery;
//! keys used before replay their receipts; answers that do not pass get their own error.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Barrier};

use madoguchi_app::{AppError, submission::SubmitOutcome};
use madoguchi_core::ProcedureId;
use madoguchi_store::prelude::{IntegrationsRead, SubmissionsRead};
use madoguchi_testkit::{TestApp, db_test, defaults};

const AUTHOR: &str = "koseki-jumin.author";

fn answers() -> serde_json::Value {
    let path =
        defaults::repo_root().join("forms/juminhyo-copy/examples/valid/self-whole-household.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Sends each of `requests` (key, answers) from a thread of its own, all at once.
fn file_at_once(
    t: &TestApp,
    requests: Vec<(String, serde_json::Value)>,
) -> Vec<(String, Result<SubmitOutcome, AppError>)> {
    let start = Arc::new(Barrier::new(requests.len()));
    let handles: Vec<_> = requests
        .into_iter()
        .map(|(key, data)| {
            let (app, tenant, start) = (t.app.clone(), t.tenant(), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                let outcome = app.filing(&tenant).submit_data(
                    &ProcedureId::new("juminhyo-copy"),
                    data,
                    &key,
                    defaults::RESIDENT_ADDRESS,
                );
                (key, outcome)
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

db_test!(fn filings_sent_at_once_share_batches_and_each_is_stored_once_with_its_mail_and_webhook(db) {
    let t = TestApp::builder().db(db).clerk_of(AUTHOR).build();
    let (hook, _) = t.app
        .integrations(&t.clerk_in(AUTHOR).tenant).create_webhook(t.clerk_in(AUTHOR), "https://hooks.example.jp/arrivals", &["submission.received".to_string()])
        .unwrap();
    let before = t.app.filing_batch_counts();
    let stored_before = t.app.filings_stored_by_batches();
    let requests: Vec<_> = (0..48).map(|_| (uuid::Uuid::new_v4().to_string(), answers())).collect();
    let outcomes = file_at_once(&t, requests);

    let mut numbers = HashSet::new();
    let mut conn = t.db.db.conn().unwrap();
    for (key, outcome) in &outcomes {
        let Ok(SubmitOutcome::Stored(receipt)) = outcome else { panic!("{key}: {outcome:?}") };
        assert!(numbers.insert(receipt.arrival_number.clone()), "one arrival number per filing");
        let stored = conn.find_idempotency(&t.tenant(), key).unwrap().expect("the key is stored");
        assert_eq!(stored.submission_id, receipt.submission_id, "the key names its own filing");
        assert_eq!(t.history(receipt.submission_id.as_str()).len(), 1, "its arrival event");
        let mails = t.outbox(receipt.submission_id.as_str());
        assert_eq!(mails.len(), 1, "its receipt mail");
        assert!(mails[0].body.contains(receipt.arrival_number.as_str()), "the mail names its own filing");
    }
    assert_eq!(t.submissions(), 48);
    let deliveries = conn.webhook_deliveries(&hook, 1000).unwrap();
    assert_eq!(deliveries.len(), 48, "one webhook delivery per filing");
    let about: HashSet<String> = deliveries
        .iter()
        .map(|d| serde_json::from_str::<serde_json::Value>(&d.payload).unwrap()["data"]["arrival_number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(about.len(), 48, "each delivery about another filing");

    let after = t.app.filing_batch_counts();
    let (batches, filings) = (after.batches - before.batches, after.jobs - before.jobs);
    assert_eq!(filings, 48, "every filing went through a batch");
    assert_eq!(t.app.filings_stored_by_batches() - stored_before, 48, "and was stored by it, not alone");
    assert!(batches < filings, "filings sent at once shared batches: {batches} batches for {filings}");
});

db_test!(fn in_a_batch_a_key_used_before_replays_its_receipt_and_a_new_one_is_stored(db) {
    let t = TestApp::builder().db(db).build();
    let mut first = HashMap::new();
    for i in 0..12 {
        let key = format!("batch-key-{i:02}-{}", uuid::Uuid::new_v4());
        let outcome = t.app.filing(&t.tenant()).submit_data(&ProcedureId::new("juminhyo-copy"), answers(), &key, defaults::RESIDENT_ADDRESS).unwrap();
        first.insert(key, outcome.receipt().arrival_number.clone());
    }
    // The same keys again, and each twice, among new ones; one key with other answers.
    let mut requests: Vec<_> = first.keys().flat_map(|k| [(k.clone(), answers()), (k.clone(), answers())]).collect();
    requests.extend((0..12).map(|_| (uuid::Uuid::new_v4().to_string(), answers())));
    let reused = first.keys().next().unwrap().clone();
    let mut other = answers();
    other["copies"] = serde_json::json!(3);
    requests.push((reused.clone(), other));
    let outcomes = file_at_once(&t, requests);

    let mut other_refused = 0;
    for (key, outcome) in &outcomes {
        match (first.get(key), outcome) {
            (Some(number), Ok(SubmitOutcome::Replayed(receipt))) => assert_eq!(&receipt.arrival_number, number, "{key} replays its receipt"),
            (Some(_), Err(AppError::IdempotencyKeyReused)) if key == &reused => other_refused += 1,
            (None, Ok(SubmitOutcome::Stored(_))) => {}
            (known, outcome) => panic!("{key} (used before: {}): {outcome:?}", known.is_some()),
        }
    }
    assert_eq!(other_refused, 1, "the key with other answers is refused");
    assert_eq!(t.submissions(), 24, "12 before, 12 new: nothing stored twice");
});

db_test!(fn in_a_batch_answers_that_do_not_pass_get_their_own_error_and_the_others_are_stored(db) {
    let t = TestApp::builder().db(db).build();
    let mut wrong = answers();
    wrong["copies"] = serde_json::json!(0);
    let requests: Vec<_> = (0..24)
        .map(|i| (uuid::Uuid::new_v4().to_string(), if i % 3 == 0 { wrong.clone() } else { answers() }))
        .collect();
    let outcomes = file_at_once(&t, requests);
    let refused = outcomes.iter().filter(|(_, o)| matches!(o, Err(AppError::Validation { .. }))).count();
    let stored = outcomes.iter().filter(|(_, o)| matches!(o, Ok(SubmitOutcome::Stored(_)))).count();
    assert_eq!((refused, stored), (8, 16), "{outcomes:?}");
    assert_eq!(t.submissions(), 16);
});
