//! New filings stored together (`Submissions::insert_new_filings`): each only if its key is
//! new, with every row it brings, on both engines; on PostgreSQL as one statement outside
//! any transaction.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chrono::NaiveDate;
use diesel::Connection;
use madoguchi_core::{Role, SubmissionId, WebhookEvent};
use madoguchi_records::{
    ClerkRecord, Database, FilingWebhookEvent, IdempotencyRecord, NewFilings,
    WebhookDeliveryRecord, WebhookRecord,
};
use madoguchi_store::DbConn;
use madoguchi_store::prelude::*;
use madoguchi_testkit::{TestDb, db_test};

mod rows;
use rows::{event, mail, seed, submission, t};

fn key(key: &str, submission_id: &str) -> IdempotencyRecord {
    IdempotencyRecord {
        tenant_id: "041009".into(),
        idem_key: key.into(),
        request_hash: format!("hash-of-{key}"),
        submission_id: submission_id.into(),
        created_at: t("2026-11-20 10:00:00"),
    }
}

fn webhook_event(submission_id: &str) -> FilingWebhookEvent {
    FilingWebhookEvent {
        submission_id: submission_id.into(),
        tenant_id: "041009".into(),
        department_code: "koseki-jumin".into(),
        event: WebhookEvent::SubmissionReceived,
        payload: format!(r#"{{"submission":"{submission_id}"}}"#),
        at: t("2026-11-20 10:00:00"),
    }
}

/// A filing with its event, key, receipt mail and webhook event.
fn filing(n: u32, idem: &str) -> NewFilings {
    let id = format!("s-{n}");
    let mut mail = mail(&format!("m-{n}"), "2026-11-20 10:00:00");
    mail.submission_id = Some(id.as_str().into());
    NewFilings {
        submissions: vec![submission(
            &id,
            &format!("261120-AAAA-{n:04}"),
            "2026-11-20 10:00:00",
        )],
        events: vec![event(&format!("e-{n}"), &id, 1)],
        keys: vec![key(idem, &id)],
        mails: vec![mail],
        webhook_events: vec![webhook_event(&id)],
    }
}

fn together(filings: impl IntoIterator<Item = NewFilings>) -> NewFilings {
    let mut all = NewFilings::default();
    for f in filings {
        all.submissions.extend(f.submissions);
        all.events.extend(f.events);
        all.keys.extend(f.keys);
        all.mails.extend(f.mails);
        all.webhook_events.extend(f.webhook_events);
    }
    all
}

/// The webhooks [`seed_with_webhook`] makes, each with the events it listens for and
/// whether it is disabled: a filing's `submission.received` goes to w-1 and w-4 only.
const WEBHOOKS: [(&str, &str, bool); 4] = [
    ("w-1", "submission.received", false),
    ("w-2", "submission.received", true),
    ("w-3", "submission.status_changed", false),
    ("w-4", "payment.received,submission.received", false),
];

/// The webhooks a filing's `submission.received` is delivered to.
const LISTENING: [&str; 2] = ["w-1", "w-4"];

/// `seed` and webhooks of the department ([`WEBHOOKS`]), for deliveries.
fn seed_with_webhook(conn: &mut DbConn) {
    seed(conn);
    conn.insert_clerk(&ClerkRecord {
        id: "c-1".into(),
        tenant_id: "041009".into(),
        department_id: "dep-1".into(),
        login: "c1@sendai.example".into(),
        display_name: "担当 一".into(),
        password_hash: "x".into(),
        active: true,
        created_at: t("2026-11-01 00:00:00"),
        ward_code: None,
        role: Role::Supervisor,
        totp_secret: None,
        totp_last_step: None,
        session_epoch: 0,
        post: madoguchi_core::Post::Chief,
    })
    .unwrap();
    for (id, events, disabled) in WEBHOOKS {
        conn.insert_webhook(&WebhookRecord {
            id: id.into(),
            tenant_id: "041009".into(),
            department_code: "koseki-jumin".into(),
            url: format!("https://hooks.example/{id}"),
            events: events.into(),
            secret: "sealed".into(),
            created_by: "c-1".into(),
            created_at: t("2026-11-01 00:00:00"),
            disabled_at: disabled.then(|| t("2026-11-02 00:00:00")),
        })
        .unwrap();
    }
}

/// The deliveries to `webhook` whose payload names `submission_id`.
fn deliveries_of(
    conn: &mut DbConn,
    webhook: &str,
    submission_id: &str,
) -> Vec<WebhookDeliveryRecord> {
    conn.webhook_deliveries(&webhook.into(), 1000)
        .unwrap()
        .into_iter()
        .filter(|d| d.payload.contains(&format!(r#""{submission_id}""#)))
        .collect()
}

/// Stores `filings` the way the app does: one unit of writes (on SQLite a transaction; on
/// PostgreSQL the statement alone).
fn store(
    db: &TestDb,
    filings: &NewFilings,
) -> Result<Vec<SubmissionId>, madoguchi_records::StoreError> {
    let db: &dyn Database = &db.db;
    let mut stored = Vec::new();
    db.write_atomic(&mut |c| {
        stored = c.insert_new_filings(filings)?;
        Ok(())
    })?;
    Ok(stored)
}

fn sorted(mut ids: Vec<SubmissionId>) -> Vec<String> {
    let mut ids: Vec<String> = ids.drain(..).map(|i| i.into_inner()).collect();
    ids.sort();
    ids
}

db_test!(fn new_filings_are_stored_whole_and_a_used_key_leaves_nothing_of_its_filing(db) {
    let mut conn = db.db.conn().unwrap();
    seed_with_webhook(&mut conn);
    assert_eq!(sorted(store(&db, &filing(0, "k-0")).unwrap()), ["s-0"]);

    // s-1 comes again with k-0: nothing of it may be stored. s-3 has every optional
    // column empty, s-2 every one set, so each column's way into the table is seen.
    let mut second = filing(2, "k-2");
    let row = &mut second.submissions[0];
    row.resident_session_hash = Some("session".into());
    row.resident_account = Some("issuer|subject".into());
    row.status_key_hash = Some("status".into());
    row.privacy_notice_shown_at = Some(t("2026-11-20 09:59:00"));
    row.ward_code = Some("aoba".into());
    row.decided_at = Some(t("2026-11-21 10:00:00"));
    row.days_used = Some(1);
    row.fee_yen = 1_234_567_890_123;
    second.events[0].reason = Some("理由".into());
    second.events[0].detail = Some(r#"{"days":3}"#.into());
    let mut third = filing(3, "k-3");
    let row = &mut third.submissions[0];
    row.due_on = None;
    row.applicant_name = None;
    row.contact_email = None;
    let batch = together([filing(1, "k-0"), second.clone(), third.clone()]);
    let stored = store(&db, &batch).unwrap();
    assert_eq!(sorted(stored), ["s-2", "s-3"]);

    let tenant = "041009".into();
    assert_eq!(conn.count_submissions().unwrap(), 3);
    assert_eq!(conn.find_submission(&tenant, &"s-1".into()).unwrap(), None);
    assert!(conn.events(&tenant, &"s-1".into()).unwrap().is_empty());
    assert_eq!(conn.find_mail(&"m-1".into()).unwrap(), None);
    for (hook, _, _) in WEBHOOKS {
        assert!(deliveries_of(&mut conn, hook, "s-1").is_empty(), "nothing of s-1 to {hook}");
    }
    assert_eq!(conn.find_idempotency(&tenant, "k-0").unwrap().unwrap().submission_id, "s-0");
    for f in [&second, &third] {
        let id = &f.submissions[0].id;
        assert_eq!(conn.find_submission(&tenant, id).unwrap().as_ref(), Some(&f.submissions[0]));
        assert_eq!(conn.events(&tenant, id).unwrap(), f.events);
        assert_eq!(conn.find_idempotency(&tenant, &f.keys[0].idem_key).unwrap().as_ref(), Some(&f.keys[0]));
        assert_eq!(conn.find_mail(&f.mails[0].id).unwrap().as_ref(), Some(&f.mails[0]));
        let posted = &f.webhook_events[0];
        let mut ids = std::collections::HashSet::new();
        for (hook, _, _) in WEBHOOKS {
            let got = deliveries_of(&mut conn, hook, id.as_str());
            if !LISTENING.contains(&hook) {
                assert!(got.is_empty(), "{hook} does not listen: {got:?}");
                continue;
            }
            assert_eq!(got.len(), 1, "one delivery of {id} to {hook}");
            let d = &got[0];
            let wanted = posted.delivery_to(&conn.find_webhook(&hook.into()).unwrap().unwrap(), d.id.clone());
            assert_eq!(d, &wanted, "{hook}");
            assert_eq!(d.id.as_str().len(), 36, "a UUID: {}", d.id.as_str());
            assert!(ids.insert(d.id.clone()), "each delivery its own id");
        }
    }
    assert_eq!(
        third.submissions[0].due_on, None,
        "the round trip above covered an empty date"
    );
    assert_eq!(second.submissions[0].due_on, NaiveDate::from_ymd_opt(2026, 11, 26));

    // Nothing at all is new: nothing is stored, nothing fails.
    assert!(store(&db, &together([filing(4, "k-2")])).unwrap().is_empty());
    assert_eq!(conn.count_submissions().unwrap(), 3);
});

db_test!(fn a_batch_that_fails_stores_none_of_its_filings(db) {
    let mut conn = db.db.conn().unwrap();
    seed_with_webhook(&mut conn);
    store(&db, &filing(0, "k-0")).unwrap();
    // s-2 draws s-0's arrival number: the batch fails as a whole.
    let mut clash = filing(2, "k-2");
    clash.submissions[0].arrival_number = "261120-AAAA-0000".into();
    let err = store(&db, &together([filing(1, "k-1"), clash])).unwrap_err();
    assert!(err.is_unique_violation(), "{err}");
    assert_eq!(conn.count_submissions().unwrap(), 1);
    assert_eq!(conn.find_idempotency(&"041009".into(), "k-1").unwrap(), None);
    assert_eq!(conn.find_mail(&"m-1".into()).unwrap(), None);
    // A mail that names no submission is refused before anything is written.
    let mut stray = filing(5, "k-5");
    stray.mails[0].submission_id = None;
    assert!(store(&db, &stray).is_err());
    assert_eq!(conn.count_submissions().unwrap(), 1);
});

/// PostgreSQL only: SQLite's writes take turns, so no other transaction can hold a key.
#[test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
fn a_key_held_by_an_open_transaction_counts_once_that_transaction_ends() {
    let db = TestDb::postgres();
    seed_with_webhook(&mut db.db.conn().unwrap());
    for commit in [true, false] {
        let (n, k) = if commit {
            (10, "k-held")
        } else {
            (20, "k-dropped")
        };
        let mut holder = db.db.conn().unwrap();
        let (started, start) = std::sync::mpsc::channel();
        let shared = &db;
        let outcome = std::thread::scope(|s| {
            let claimer = s.spawn(move || {
                start.recv().unwrap();
                let db: &dyn Database = &shared.db;
                let mut stored = Vec::new();
                db.write_atomic(&mut |c| {
                    stored = c.insert_new_filings(&filing(n + 1, k))?;
                    Ok(())
                })
                .unwrap();
                stored
            });
            let held: Result<(), diesel::result::Error> = holder.transaction(|c| {
                let first = filing(n, k);
                c.insert_submission(&first.submissions[0]).unwrap();
                c.insert_idempotency(&first.keys[0]).unwrap();
                started.send(()).unwrap();
                // The claimer's statement waits on the key until this transaction ends.
                std::thread::sleep(Duration::from_millis(300));
                assert!(
                    !claimer.is_finished(),
                    "the claim waited for the open transaction"
                );
                if commit {
                    Ok(())
                } else {
                    Err(diesel::result::Error::RollbackTransaction)
                }
            });
            assert_eq!(held.is_ok(), commit);
            claimer.join().unwrap()
        });
        let tenant = "041009".into();
        let owner = conn_key_owner(&db, &tenant, k);
        if commit {
            assert!(outcome.is_empty(), "the key was used: {outcome:?}");
            assert_eq!(owner.as_deref(), Some(format!("s-{n}").as_str()));
            let mut conn = db.db.conn().unwrap();
            assert_eq!(
                conn.find_submission(&tenant, &format!("s-{}", n + 1).into())
                    .unwrap(),
                None
            );
        } else {
            assert_eq!(sorted(outcome), [format!("s-{}", n + 1)]);
            assert_eq!(owner.as_deref(), Some(format!("s-{}", n + 1).as_str()));
        }
    }
}

fn conn_key_owner(db: &TestDb, tenant: &madoguchi_core::TenantId, key: &str) -> Option<String> {
    let mut conn = db.db.conn().unwrap();
    conn.find_idempotency(tenant, key)
        .unwrap()
        .map(|k| k.submission_id.into_inner())
}

/// A column added to one of these tables must be added to PostgreSQL's one statement too,
/// or a batch of filings would leave it to its default.
#[test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
fn the_one_statement_writes_every_column_of_its_tables() {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        column_name: String,
    }
    let db = TestDb::postgres();
    let mut conn = db.db.conn().unwrap();
    let written = madoguchi_store::new_filing_columns();
    assert_eq!(written.len(), 5);
    for (table, columns) in written {
        let DbConn::Postgres(pg) = &mut *conn else {
            panic!("a PostgreSQL connection")
        };
        let mut all: Vec<String> = diesel::sql_query(
            "SELECT column_name::text AS column_name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1",
        )
        .bind::<diesel::sql_types::Text, _>(table)
        .load::<Name>(pg)
        .unwrap()
        .into_iter()
        .map(|n| n.column_name)
        .collect();
        all.sort();
        let mut columns: Vec<String> = columns.into_iter().map(String::from).collect();
        columns.sort();
        assert!(!all.is_empty(), "{table} has columns");
        assert_eq!(columns, all, "{table}");
    }
}
