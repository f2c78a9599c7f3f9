//! Stored codes: every id and closed set is text in the database, read back as its type;
//! a code that names no member of its set is a `StoreError`, never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_core::SubmissionState;
use madoguchi_records::StoreError;
use madoguchi_testkit::db_test;

db_test!(fn an_unknown_stored_code_is_a_store_error_not_a_panic(db) {
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    let mut conn = db.db.conn().unwrap();
    let known = diesel::select(diesel::dsl::sql::<Text>("'in_review'")).get_result::<SubmissionState>(&mut *conn);
    assert_eq!(known.unwrap(), SubmissionState::InReview);
    let unknown = diesel::select(diesel::dsl::sql::<Text>("'lost'")).get_result::<SubmissionState>(&mut *conn);
    let err = StoreError::from(unknown.unwrap_err());
    assert!(matches!(&err, StoreError::Other(m) if m.contains("deserializ")), "{err:?}");
});

db_test!(fn every_closed_set_of_the_money_tables_reads_back_and_refuses_a_stranger(db) {
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    use madoguchi_core::{FeeTiming, PaymentMethod, PaymentStatus, RefundReason, RefundState};
    macro_rules! read {
        ($conn:expr, $t:ty, $code:expr) => {{
            let lit = format!("'{}'", $code);
            diesel::select(diesel::dsl::sql::<Text>(&lit)).get_result::<$t>(&mut *$conn).map_err(StoreError::from)
        }};
    }
    let mut conn = db.db.conn().unwrap();
    for s in PaymentStatus::ALL {
        assert_eq!(read!(conn, PaymentStatus, s.code()).unwrap(), *s);
    }
    for t in FeeTiming::ALL {
        assert_eq!(read!(conn, FeeTiming, t.code()).unwrap(), *t);
    }
    for m in PaymentMethod::ALL {
        assert_eq!(read!(conn, PaymentMethod, m.code()).unwrap(), *m);
    }
    for r in RefundState::ALL {
        assert_eq!(read!(conn, RefundState, r.code()).unwrap(), *r);
    }
    for r in RefundReason::ALL {
        assert_eq!(read!(conn, RefundReason, r.code()).unwrap(), *r);
    }
    assert!(read!(conn, PaymentStatus, "lost").is_err());
    assert!(read!(conn, FeeTiming, "someday").is_err());
    assert!(read!(conn, PaymentMethod, "barter").is_err());
    assert!(read!(conn, RefundState, "maybe").is_err());
    assert!(read!(conn, RefundReason, "because").is_err());
});

db_test!(fn a_counter_outcome_reads_back_and_a_stored_text_that_is_not_one_is_a_store_error(db) {
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    use madoguchi_core::{CounterFiling, CounterOutcome, FiledProcedure, IdentityDocument};
    let read = |conn: &mut madoguchi_store::DbConn, text: &str| {
        let lit = format!("'{}'", text.replace('\'', "''"));
        diesel::select(diesel::dsl::sql::<Text>(&lit)).get_result::<CounterOutcome>(conn).map_err(StoreError::from)
    };
    let mut conn = db.db.conn().unwrap();
    for document in IdentityDocument::ALL {
        let outcome = CounterOutcome::new(CounterFiling {
            filed: vec![FiledProcedure { arrival_number: "R8-000123".into(), procedure: "juminhyo-copy".into() }],
            identity_document: *document,
        });
        assert_eq!(read(&mut conn, outcome.as_json()).unwrap(), outcome);
    }
    for stranger in [
        "",
        "not json",
        r#"{"filed":[],"identity_document":"library_card"}"#,
        r#"{"filed":[{"procedure":"juminhyo-copy"}],"identity_document":"passport"}"#,
        r#"{"identity_document":"passport"}"#,
    ] {
        let err = read(&mut conn, stranger).unwrap_err();
        assert!(matches!(&err, StoreError::Other(m) if m.contains("deserializ")), "{stranger}: {err:?}");
    }
});

db_test!(fn a_login_failure_is_taken_back_by_the_id_recording_it_gave(db) {
    use madoguchi_store::prelude::{Sessions, SessionsRead};
    let mut conn = db.db.conn().unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(10, 0, 0).unwrap();
    let first = conn.record_login_failure("login", "h1", at).unwrap();
    let second = conn.record_login_failure("login", "h1", at).unwrap();
    assert_ne!(first, second);
    assert_eq!(conn.count_login_failures("login", "h1", at).unwrap(), 2);
    conn.forget_login_failures(std::slice::from_ref(&first)).unwrap();
    assert_eq!(conn.count_login_failures("login", "h1", at).unwrap(), 1);
});

db_test!(fn request_counts_add_up_per_key_and_minute_and_retention_deletes_old_minutes(db) {
    use madoguchi_records::{PurgeCutoffs, Retention};
    use madoguchi_store::prelude::Sessions;
    let mut conn = db.db.conn().unwrap();
    let minute = |m| chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(10, m, 0).unwrap();
    // Two nodes' additions to one key and minute add up; other keys and minutes apart.
    assert_eq!(conn.add_requests("a", minute(0), 1).unwrap(), 1);
    assert_eq!(conn.add_requests("a", minute(0), 5).unwrap(), 6);
    assert_eq!(conn.add_requests("b", minute(0), 2).unwrap(), 2);
    assert_eq!(conn.add_requests("a", minute(1), 3).unwrap(), 3);
    // Retention deletes the minutes before its cut, and only those.
    let purged = conn
        .purge_expired(&PurgeCutoffs {
            now: minute(1),
            links_before: minute(0),
            unfiled_files_before: minute(0),
            login_failures_before: minute(0),
            request_counts_before: minute(1),
            max_files: 10,
        })
        .unwrap();
    assert_eq!(purged.other, 2, "the two counts of minute 0");
    assert_eq!(conn.add_requests("a", minute(0), 1).unwrap(), 1, "minute 0 starts afresh");
    assert_eq!(conn.add_requests("a", minute(1), 1).unwrap(), 4, "minute 1 kept");
});
