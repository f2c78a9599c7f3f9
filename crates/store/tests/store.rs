//! Store behaviour on both engines (PostgreSQL variants need TEST_DATABASE_URL at build time).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDate};
use madoguchi_core::{AuditAction, Role, SubmissionState};
use madoguchi_records::StoreError;
use madoguchi_records::{
    AssigneeFilter, AuditRecord, ClerkRecord, CorrectionRecord, DepartmentRecord,
    FormVersionRecord, IdempotencyRecord, QueueFilter, QueueSort,
};
use madoguchi_store::prelude::*;
use madoguchi_store::{Backend, Db, DbConn, durability, write_tx};
use madoguchi_testkit::{TestDb, db_test};

mod rows;
use rows::{event, mail, seed, submission, t};

#[test]
fn both_engines_have_the_same_migrations() {
    let sqlite = Db::embedded_migration_names(Backend::Sqlite).unwrap();
    let postgres = Db::embedded_migration_names(Backend::Postgres).unwrap();
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
    let dir = |engine: &str| {
        let mut names: Vec<String> = std::fs::read_dir(format!(
            "{}/../../migrations/{engine}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
        names.sort();
        names
    };
    assert_eq!(dir("sqlite"), dir("postgres"));
}

#[test]
fn urls_choose_the_engine_and_unknown_schemes_are_refused() {
    assert_eq!(
        Backend::from_url("postgres://u@h/db").unwrap().0,
        Backend::Postgres
    );
    assert_eq!(
        Backend::from_url("postgresql://u@h/db").unwrap().0,
        Backend::Postgres
    );
    assert_eq!(
        Backend::from_url("sqlite://data/m.db").unwrap(),
        (Backend::Sqlite, "data/m.db".into())
    );
    assert_eq!(Backend::from_url("data/m.db").unwrap().0, Backend::Sqlite);
    assert!(Backend::from_url("mysql://h/db").is_err());
    assert!(Backend::from_url("").is_err());
}

db_test!(fn rows_round_trip(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    let row = submission("s-1", "261120-AAAA-AAAA", "2026-11-20 10:00:00");
    conn.insert_submission(&row).unwrap();
    assert_eq!(conn.find_submission(&"041009".into(), &"s-1".into()).unwrap(), Some(row.clone()));
    assert_eq!(conn.find_submission(&"other-tenant".into(), &"s-1".into()).unwrap(), None, "scoped by tenant");
    let by_number = conn.find_submission_by_arrival_number(&"041009".into(), "261120-AAAA-AAAA").unwrap();
    assert_eq!(by_number.map(|r| r.id), Some("s-1".into()));
    assert_eq!(conn.find_form_version("v1").unwrap().map(|v| v.procedure_id), Some("juminhyo-copy".into()));
    assert!(!conn.ensure_form_version(&FormVersionRecord { version: "v1".into(), procedure_id: "juminhyo-copy".into(), definition: "{}".into(), first_loaded_at: t("2026-11-02 00:00:00") }).unwrap(), "a known version is not added twice");
});

db_test!(fn queue_is_newest_first_and_scoped_to_the_department(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    conn.insert_department(&DepartmentRecord { id: "dep-2".into(), tenant_id: "041009".into(), code: "hoken".into(), name_ja: "保険年金課".into(), name_en: "Insurance".into(), created_at: t("2026-11-01 00:00:00"), ward_office: false }).unwrap();
    conn.insert_submission(&submission("s-old", "261119-AAAA-AAAA", "2026-11-19 09:00:00")).unwrap();
    conn.insert_submission(&submission("s-new", "261120-AAAA-AAAA", "2026-11-20 09:00:00")).unwrap();
    let mut other = submission("s-other", "261120-BBBB-BBBB", "2026-11-21 09:00:00");
    other.department_id = "dep-2".into();
    conn.insert_submission(&other).unwrap();
    let ids: Vec<String> = conn.queue(&dep1(), 50, 0).unwrap().into_iter().map(|r| r.id.into_inner()).collect();
    assert_eq!(ids, ["s-new", "s-old"]);
    assert_eq!(conn.count_queue(&dep1()).unwrap(), 2);
});

fn dep1() -> QueueFilter {
    QueueFilter::of_department("041009".into(), "dep-1".into())
}

fn ids(conn: &mut DbConn, f: &QueueFilter) -> Vec<String> {
    conn.queue(f, 50, 0)
        .unwrap()
        .into_iter()
        .map(|r| r.id.into_inner())
        .collect()
}

db_test!(fn queue_filters_combine_and_counts_follow_them(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    conn.insert_clerk(&ClerkRecord { id: "c-1".into(), tenant_id: "041009".into(), department_id: "dep-1".into(), login: "c1@sendai.example".into(), display_name: "担当 一".into(), password_hash: "x".into(), active: true, created_at: t("2026-11-01 00:00:00"), ward_code: None, role: Role::Clerk, totp_secret: None, totp_last_step: None, session_epoch: 0, post: madoguchi_core::Post::Staff }).unwrap();
    let mut a = submission("s-a", "261118-AAAA-AAAA", "2026-11-18 09:00:00");
    a.due_on = NaiveDate::from_ymd_opt(2026, 11, 20);
    a.state = SubmissionState::InReview;
    a.assignee_id = Some("c-1".into());
    let mut b = submission("s-b", "261119-BBBB-BBBB", "2026-11-19 09:00:00");
    b.due_on = None;
    b.state = SubmissionState::CorrectionRequested;
    b.search_key = "青葉花子/アオバハナコ".into();
    b.procedure_id = "inkan-certificate".into();
    let mut c = submission("s-c", "261120-CCCC-CCCC", "2026-11-20 09:00:00");
    c.due_on = NaiveDate::from_ymd_opt(2026, 11, 25);
    c.search_key = "100%_ok/ヒャク".into();
    for s in [&a, &b, &c] {
        conn.insert_submission(s).unwrap();
    }
    // States, procedure, assignee.
    assert_eq!(ids(&mut conn, &QueueFilter { states: vec![SubmissionState::Arrived, SubmissionState::InReview], ..dep1() }), ["s-c", "s-a"]);
    assert_eq!(ids(&mut conn, &QueueFilter { procedure_id: Some("inkan-certificate".into()), ..dep1() }), ["s-b"]);
    assert_eq!(ids(&mut conn, &QueueFilter { assignee: AssigneeFilter::Clerk("c-1".into()), ..dep1() }), ["s-a"]);
    assert_eq!(ids(&mut conn, &QueueFilter { assignee: AssigneeFilter::Unassigned, ..dep1() }), ["s-c", "s-b"]);
    // Due dates: overdue on 2026-11-24 means due on or before the 23rd; no date never matches.
    assert_eq!(ids(&mut conn, &QueueFilter { due_to: NaiveDate::from_ymd_opt(2026, 11, 23), ..dep1() }), ["s-a"]);
    assert_eq!(ids(&mut conn, &QueueFilter { due_from: NaiveDate::from_ymd_opt(2026, 11, 24), due_to: NaiveDate::from_ymd_opt(2026, 11, 26), ..dep1() }), ["s-c"]);
    // Arrival window, search by reading, by arrival number, and LIKE wildcards taken literally.
    assert_eq!(ids(&mut conn, &QueueFilter { arrived_from: Some(t("2026-11-19 00:00:00")), arrived_before: Some(t("2026-11-20 00:00:00")), ..dep1() }), ["s-b"]);
    assert_eq!(ids(&mut conn, &QueueFilter { search: Some("アオバ".into()), ..dep1() }), ["s-b"]);
    assert_eq!(ids(&mut conn, &QueueFilter { search: Some("261118-AAAA-AAAA".into()), ..dep1() }), ["s-a"]);
    assert_eq!(ids(&mut conn, &QueueFilter { search: Some("%".into()), ..dep1() }), ["s-c"]);
    assert_eq!(ids(&mut conn, &QueueFilter { search: Some("0%_".into()), ..dep1() }), ["s-c"]);
    assert!(ids(&mut conn, &QueueFilter { search: Some("_".into()), ..dep1() }) == ["s-c"]);
    // Due first: earliest due date first, none last (both engines).
    assert_eq!(ids(&mut conn, &QueueFilter { sort: QueueSort::DueFirst, ..dep1() }), ["s-a", "s-c", "s-b"]);
    assert_eq!(ids(&mut conn, &QueueFilter { sort: QueueSort::OldestFirst, ..dep1() }), ["s-a", "s-b", "s-c"]);
    // Counts per state ignore the state filter but keep the others.
    let mut counts = conn.count_queue_by_state(&QueueFilter { states: vec![SubmissionState::Arrived], ..dep1() }).unwrap();
    counts.sort();
    assert_eq!(counts, [(SubmissionState::Arrived, 1), (SubmissionState::InReview, 1), (SubmissionState::CorrectionRequested, 1)]);
    let counts = conn.count_queue_by_state(&QueueFilter { assignee: AssigneeFilter::Clerk("c-1".into()), ..dep1() }).unwrap();
    assert_eq!(counts, [(SubmissionState::InReview, 1)]);
});

db_test!(fn a_correction_is_answered_once(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    conn.insert_clerk(&ClerkRecord { id: "c-1".into(), tenant_id: "041009".into(), department_id: "dep-1".into(), login: "c1@sendai.example".into(), display_name: "担当 一".into(), password_hash: "x".into(), active: true, created_at: t("2026-11-01 00:00:00"), ward_code: None, role: Role::Clerk, totp_secret: None, totp_last_step: None, session_epoch: 0, post: madoguchi_core::Post::Staff }).unwrap();
    conn.insert_submission(&submission("s-1", "261120-AAAA-AAAA", "2026-11-20 09:00:00")).unwrap();
    let correction = CorrectionRecord {
        id: "k-1".into(), tenant_id: "041009".into(), submission_id: "s-1".into(), seq: 1, requested_by: "c-1".into(),
        requested_at: t("2026-11-21 10:00:00"), fields: r#"["/applicant_name"]"#.into(), message: "氏名の漢字を確認してください".into(),
        deadline: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), token_hash: "ab".repeat(32), resubmitted_at: None, previous_data: None, reminded_at: None,
    };
    conn.insert_correction(&correction).unwrap();
    assert_eq!(conn.find_correction_by_token(&"ab".repeat(32)).unwrap(), Some(correction.clone()));
    assert!(conn.insert_correction(&CorrectionRecord { id: "k-2".into(), ..correction.clone() }).unwrap_err().is_unique_violation(), "one request per number");
    assert!(conn.mark_correction_answered(&"k-1".into(), t("2026-11-22 10:00:00"), "{}").unwrap());
    assert!(!conn.mark_correction_answered(&"k-1".into(), t("2026-11-22 11:00:00"), "{}").unwrap(), "answered once");
    let stored = conn.corrections_of(&"s-1".into()).unwrap();
    assert_eq!(stored[0].resubmitted_at, Some(t("2026-11-22 10:00:00")));
    assert_eq!(stored[0].previous_data.as_deref(), Some("{}"));
    // The database refuses a state the workflow does not know (the record cannot even
    // name one, so the row goes in as SQL).
    use diesel::RunQueryDsl;
    let bad = diesel::sql_query(
        "INSERT INTO submissions (id, tenant_id, department_id, procedure_id, form_version, arrival_number, arrived_at, state, data, data_sha256, fee_yen, updated_at, search_key, filing_mode, correction_count) \
         VALUES ('s-bad', '041009', 'dep-1', 'juminhyo-copy', 'v1', '261120-BBBB-BBBB', '2026-11-20 09:00:00', 'lost', '{}', '00', 0, '2026-11-20 09:00:00', '', 'online', 0)",
    )
    .execute(&mut *conn);
    assert!(bad.is_err());
});

db_test!(fn the_review_migration_keeps_existing_filings(db) {
    // Step back to the schema before the review process, file as that schema did, step
    // forward again: the filing is still there, searchable by its applicant's name, and
    // its events still point at it.
    // (Later migrations, if any, are stepped back first.)
    while db.db.revert_last_migration().unwrap() != "20261124000001" {}
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    use diesel::RunQueryDsl;
    diesel::sql_query(
        "INSERT INTO submissions (id, tenant_id, department_id, procedure_id, form_version, arrival_number, arrived_at, due_on, state, data, data_sha256, fee_yen, applicant_name, contact_email, resident_session_hash, updated_at, ward_code) \
         VALUES ('s-old', '041009', 'dep-1', 'juminhyo-copy', 'v1', '261101-AAAA-AAAA', '2026-11-01 09:00:00', NULL, 'approved', '{}', '00', 300, '仙台 太郎', NULL, NULL, '2026-11-01 09:00:00', NULL)",
    )
    .execute(&mut conn)
    .unwrap();
    drop(conn);
    db.db.migrate().unwrap();
    let mut conn = db.db.conn().unwrap();
    conn.append_event(&event("e-1", "s-old", 1)).unwrap();
    let row = conn.find_submission(&"041009".into(), &"s-old".into()).unwrap().unwrap();
    assert_eq!((row.state, row.search_key.as_str(), row.assignee_id), (SubmissionState::Approved, "仙台 太郎", None));
    assert!(conn.append_event(&event("e-2", "no-such-submission", 1)).is_err(), "foreign keys still hold");
});

db_test!(fn foreign_keys_are_enforced(db) {
    let mut conn = db.db.conn().unwrap();
    let orphan = DepartmentRecord { id: "d".into(), tenant_id: "no-such-tenant".into(), code: "x".into(), name_ja: "x".into(), name_en: "x".into(), created_at: t("2026-11-01 00:00:00"), ward_office: false };
    assert!(conn.insert_department(&orphan).is_err());
});

db_test!(fn the_audit_trail_cannot_be_changed_or_deleted(db) {
    use diesel::prelude::*;
    use madoguchi_store::schema::submission_events::dsl as e;
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    conn.insert_submission(&submission("s-1", "261120-AAAA-AAAA", "2026-11-20 10:00:00")).unwrap();
    conn.append_event(&event("e-1", "s-1", 1)).unwrap();
    assert_eq!(conn.next_event_seq(&"s-1".into()).unwrap(), 2);
    let updated = diesel::update(e::submission_events.filter(e::id.eq("e-1"))).set(e::reason.eq(Some("changed"))).execute(&mut *conn);
    assert!(updated.is_err(), "update must be refused");
    let deleted = diesel::delete(e::submission_events.filter(e::id.eq("e-1"))).execute(&mut *conn);
    assert!(deleted.is_err(), "delete must be refused");
    assert_eq!(conn.events(&"041009".into(), &"s-1".into()).unwrap().len(), 1);
    let duplicate_seq = conn.append_event(&event("e-2", "s-1", 1));
    assert!(duplicate_seq.unwrap_err().is_unique_violation());
});

db_test!(fn a_failed_transaction_leaves_nothing_behind(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    let result: Result<(), StoreError> = write_tx(&mut conn, |c| {
        c.insert_submission(&submission("s-1", "261120-AAAA-AAAA", "2026-11-20 10:00:00"))?;
        // The second insert breaks the unique arrival number: the whole unit must go.
        c.insert_submission(&submission("s-2", "261120-AAAA-AAAA", "2026-11-20 10:00:00"))?;
        Ok(())
    });
    assert!(result.unwrap_err().is_unique_violation());
    assert_eq!(conn.count_submissions().unwrap(), 0);
    // The connection is usable afterwards.
    write_tx(&mut conn, |c| c.insert_submission(&submission("s-3", "261120-CCCC-CCCC", "2026-11-20 10:00:00"))).unwrap();
    assert_eq!(conn.count_submissions().unwrap(), 1);
});

db_test!(fn idempotency_keys_are_unique_per_tenant(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    conn.insert_submission(&submission("s-1", "261120-AAAA-AAAA", "2026-11-20 10:00:00")).unwrap();
    let key = IdempotencyRecord { tenant_id: "041009".into(), idem_key: "k-1".into(), request_hash: "h".into(), submission_id: "s-1".into(), created_at: t("2026-11-20 10:00:00") };
    conn.insert_idempotency(&key).unwrap();
    assert!(conn.insert_idempotency(&key).unwrap_err().is_unique_violation());
    assert_eq!(conn.find_idempotency(&"041009".into(), "k-1").unwrap().map(|k| k.submission_id), Some("s-1".into()));
});

db_test!(fn concurrent_writers_queue_instead_of_failing(db) {
    {
        let mut conn = db.db.conn().unwrap();
        seed(&mut conn);
    }
    // Eight threads each read the next sequence number and write it: a classic
    // read-then-write that deadlocks on SQLite without BEGIN IMMEDIATE.
    {
        let mut conn = db.db.conn().unwrap();
        conn.insert_submission(&submission("s-1", "261120-AAAA-AAAA", "2026-11-20 10:00:00")).unwrap();
    }
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let pool = db.db.clone();
            std::thread::spawn(move || {
                let mut conn = pool.conn().unwrap();
                write_tx(&mut conn, |c| {
                    let seq = c.next_event_seq(&"s-1".into())?;
                    c.append_event(&event(&format!("e-{i}"), "s-1", seq))
                })
            })
        })
        .collect();
    let results: Vec<Result<(), StoreError>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let mut conn = db.db.conn().unwrap();
    let seqs: Vec<i32> = conn.events(&"041009".into(), &"s-1".into()).unwrap().into_iter().map(|e| e.seq).collect();
    match db.backend() {
        // SQLite serialises the writers: all succeed, in order.
        Backend::Sqlite => {
            assert!(results.iter().all(Result::is_ok), "{results:?}");
            assert_eq!(seqs, (1..=8).collect::<Vec<_>>());
        }
        // PostgreSQL runs them concurrently; the unique (submission, seq) index refuses the
        // losers instead of letting two events share a number.
        Backend::Postgres => {
            for r in results.iter().filter(|r| r.is_err()) {
                assert!(r.as_ref().unwrap_err().is_unique_violation(), "{r:?}");
            }
            assert_eq!(seqs, (1..=seqs.len() as i32).collect::<Vec<_>>());
        }
    }
});

db_test!(fn outbox_leases_keep_two_workers_from_sending_one_message(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    conn.enqueue_mail(&mail("m-1", "2026-11-20 10:00:00")).unwrap();
    conn.enqueue_mail(&mail("m-2", "2026-11-20 10:00:00")).unwrap();
    conn.enqueue_mail(&mail("m-later", "2026-11-20 12:00:00")).unwrap();
    let now = t("2026-11-20 10:00:05");
    let lease = now + Duration::minutes(5);
    let first = conn.claim_due_mail(now, lease, 10).unwrap();
    assert_eq!(first.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["m-1", "m-2"]);
    let second = conn.claim_due_mail(now, lease, 10).unwrap();
    assert!(second.is_empty(), "leased messages are not handed out twice");
    conn.mark_mail_sent(&"m-1".into(), now).unwrap();
    conn.mark_mail_retry(&"m-2".into(), now + Duration::minutes(1), "451 try later").unwrap();
    // After the lease and the retry time pass, only the retried one is due again.
    let later = now + Duration::minutes(10);
    let third = conn.claim_due_mail(later, later + Duration::minutes(5), 10).unwrap();
    assert_eq!(third.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["m-2"]);
    assert_eq!(third[0].attempts, 1);
    assert_eq!(third[0].last_error.as_deref(), Some("451 try later"));
    // A worker that crashed while holding a lease: the lease runs out and the row is due.
    let noon = t("2026-11-20 12:30:00");
    let orphan_lease = conn.claim_due_mail(noon, noon + Duration::minutes(5), 10).unwrap();
    assert_eq!(orphan_lease.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["m-2", "m-later"]);
    assert_eq!(conn.count_pending_mail().unwrap(), 2);
});

db_test!(fn clerks_are_found_by_login(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    let clerk = ClerkRecord { id: "c-1".into(), tenant_id: "041009".into(), department_id: "dep-1".into(), login: "clerk@sendai.example".into(), display_name: "窓口 一郎".into(), password_hash: "$argon2id$...".into(), active: true, created_at: t("2026-11-01 00:00:00"), ward_code: None, role: Role::Clerk, totp_secret: None, totp_last_step: None, session_epoch: 0, post: madoguchi_core::Post::Staff };
    conn.insert_clerk(&clerk).unwrap();
    assert_eq!(conn.find_clerk_by_login(&clerk.tenant_id, "clerk@sendai.example").unwrap(), Some(clerk.clone()));
    assert!(conn.insert_clerk(&ClerkRecord { id: "c-2".into(), ..clerk }).unwrap_err().is_unique_violation());
    assert!(!format!("{:?}", conn.find_clerk(&"c-1".into()).unwrap()).contains("argon2"), "hashes never reach logs");
});

db_test!(fn the_durability_guard_accepts_the_configured_connections(db) {
    let mut conn = db.db.conn().unwrap();
    assert_eq!(durability::check(&mut conn).unwrap(), Vec::<String>::new());
});

#[test]
fn the_durability_guard_reports_unsafe_sqlite_settings() {
    use diesel::connection::SimpleConnection;
    let db = TestDb::sqlite();
    let mut conn = db.db.conn().unwrap();
    conn.batch_execute("PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;")
        .unwrap();
    let problems = durability::check(&mut conn).unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("synchronous is 0"));
}

/// `.cargo/config.toml` builds the bundled SQLite with the query planner stability
/// guarantee; without it every `.first()` look-up is planned again on each run.
#[test]
fn the_bundled_sqlite_keeps_its_plans() {
    let db = TestDb::sqlite();
    let mut conn = db.db.conn().unwrap();
    assert_eq!(
        durability::sqlite_plans_are_kept(&mut conn).unwrap(),
        Some(true)
    );
}

db_test!(fn a_totp_step_is_used_once_and_the_audit_log_is_append_only(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    conn.insert_clerk(&ClerkRecord { id: "c-1".into(), tenant_id: "041009".into(), department_id: "dep-1".into(), login: "c1@sendai.example".into(), display_name: "担当 一".into(), password_hash: "x".into(), active: true, created_at: t("2026-11-01 00:00:00"), ward_code: None, role: Role::Clerk, totp_secret: None, totp_last_step: None, session_epoch: 0, post: madoguchi_core::Post::Staff }).unwrap();
    assert!(conn.use_totp_step(&"c-1".into(), 100).unwrap());
    assert!(!conn.use_totp_step(&"c-1".into(), 100).unwrap(), "the same step twice");
    assert!(!conn.use_totp_step(&"c-1".into(), 99).unwrap(), "an earlier step");
    assert!(conn.use_totp_step(&"c-1".into(), 101).unwrap());

    conn.record_login_failure("login", "h1", t("2026-11-20 10:00:00")).unwrap();
    conn.record_login_failure("login", "h1", t("2026-11-20 10:10:00")).unwrap();
    conn.record_login_failure("address", "h1", t("2026-11-20 10:10:00")).unwrap();
    assert_eq!(conn.count_login_failures("login", "h1", t("2026-11-20 10:05:00")).unwrap(), 1);
    assert_eq!(conn.count_login_failures("login", "h1", t("2026-11-20 09:00:00")).unwrap(), 2);

    let entry = AuditRecord { id: "a-1".into(), tenant_id: "041009".into(), at: t("2026-11-20 10:00:00"), clerk_id: Some("c-1".into()), action: AuditAction::View, submission_id: None, target_clerk_id: None, reason: None, detail: None };
    conn.append_audit(&entry).unwrap();
    use diesel::RunQueryDsl;
    assert!(diesel::sql_query("UPDATE audit_log SET action = 'nothing'").execute(&mut conn).is_err());
    assert!(diesel::sql_query("DELETE FROM audit_log").execute(&mut conn).is_err());
});

db_test!(fn the_stub_ledger_starts_empty_and_keeps_what_is_saved(db) {
    use madoguchi_records::{Database, Payments};
    let now = chrono::Utc::now().naive_utc();
    let mut seen = None;
    db.db
        .write(&mut |c| {
            seen = c.stub_ledger_for_update(now)?;
            c.save_stub_ledger(r#"{"checkouts":{},"keys":{"k":1}}"#, now)
        })
        .unwrap();
    assert_eq!(seen.as_deref(), Some(r#"{"checkouts":{},"keys":{}}"#), "the migration's empty ledger");
    let mut conn = db.db.conn().unwrap();
    assert_eq!(conn.stub_ledger_for_update(now).unwrap().as_deref(), Some(r#"{"checkouts":{},"keys":{"k":1}}"#));
});
