//! The store over TLS: a private PostgreSQL server started for this test (initdb and
//! pg_ctl of the installed PostgreSQL, on a free port, `ssl = on`) with a CA and a server
//! certificate for `localhost` made here. The server accepts TLS connections only, so
//! every query that works went over TLS. The shared server on 5432 is not touched.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::sql_types::Bool;
use diesel::{QueryableByName, RunQueryDsl};
use madoguchi_store::{Db, DbConn};
use madoguchi_testkit::tls::{PrivatePostgres, TestCa};

#[derive(QueryableByName)]
struct Ssl {
    #[diesel(sql_type = Bool)]
    ssl: bool,
}

/// Whether this connection is encrypted, as the server sees it.
fn encrypted(db: &Db) -> bool {
    let mut conn = db.conn().unwrap();
    let DbConn::Postgres(pg) = &mut *conn else {
        panic!("not PostgreSQL")
    };
    diesel::sql_query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .get_result::<Ssl>(pg)
        .unwrap()
        .ssl
}

/// Why a single connection to `url` fails (the pool would retry for 15 s).
fn refusal(url: &str) -> String {
    use diesel::Connection;
    madoguchi_store::prepare_tls();
    match diesel::PgConnection::establish(url) {
        Ok(_) => panic!("{url} connected"),
        Err(e) => e.to_string(),
    }
}

#[test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL's server programs: set TEST_DATABASE_URL at build time (CI does)"
)]
fn the_store_talks_tls_to_postgresql_and_verify_full_checks_the_host_name() {
    let ca = TestCa::new();
    let server = PrivatePostgres::start(&ca);
    let port = server.port();
    let root = ca.root_file().display().to_string();

    // sslmode=require: encrypted, the certificate not checked. The store migrates over it.
    let db = Db::connect(
        &format!("postgres://postgres@localhost:{port}/postgres?sslmode=require"),
        2,
    )
    .unwrap();
    assert!(encrypted(&db));
    assert!(!db.migrate().unwrap().is_empty(), "migrations ran over TLS");

    // verify-full with the test CA as the root: the certificate and the host name match.
    let verified = Db::connect(
        &format!(
            "postgres://postgres@localhost:{port}/postgres?sslmode=verify-full&sslrootcert={root}"
        ),
        1,
    )
    .unwrap();
    assert!(encrypted(&verified));

    // The server takes no plain connection, so the two above were TLS for certain.
    let plain = refusal(&format!(
        "postgres://postgres@localhost:{port}/postgres?sslmode=disable"
    ));
    assert!(plain.contains("no encryption"), "{plain}");

    // The certificate is for `localhost`: by another name for the same server, refused.
    let wrong_name = refusal(&format!(
        "postgres://postgres@127.0.0.1:{port}/postgres?sslmode=verify-full&sslrootcert={root}"
    ));
    assert!(
        wrong_name.contains("does not match host name"),
        "{wrong_name}"
    );

    // Another CA's root: the server's certificate is not trusted.
    let other = TestCa::new();
    let untrusted = refusal(&format!(
        "postgres://postgres@localhost:{port}/postgres?sslmode=verify-full&sslrootcert={}",
        other.root_file().display()
    ));
    assert!(
        untrusted.contains("certificate verify failed"),
        "{untrusted}"
    );
}
