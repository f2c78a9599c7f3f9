use diesel::RunQueryDsl;
use madoguchi_store::{Backend, Db};
use tempfile::TempDir;

use crate::pg::with_database;

/// A fresh, migrated database for one test.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<TempDir>,
    pg: Option<PgDrop>,
}

struct PgDrop {
    admin_url: String,
    name: String,
}

impl std::fmt::Debug for TestDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TestDb({})", self.db.backend().name())
    }
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("madoguchi-test.db");
        let url = format!("sqlite://{}", path.display());
        let db = Db::connect(&url, 8).expect("open SQLite");
        db.migrate().expect("migrate SQLite");
        TestDb {
            db,
            url,
            _dir: Some(dir),
            pg: None,
        }
    }

    /// A new database on the PostgreSQL server of `TEST_DATABASE_URL`, copied from the
    /// migrated template (see `pg`). Panics (fails the test) when the variable is not set or
    /// the server cannot be reached.
    pub fn postgres() -> TestDb {
        let admin_url = std::env::var("TEST_DATABASE_URL").unwrap_or_default();
        assert!(
            !admin_url.is_empty(),
            "TEST_DATABASE_URL is not set: this PostgreSQL test cannot run (it must not pass silently)"
        );
        // The time in the name lets a later run drop what a killed test process left.
        let name = format!(
            "mdg_test_{}_{}",
            crate::pg::unix_now(),
            uuid::Uuid::new_v4().simple()
        );
        crate::pg::create_from_template(&admin_url, &name);
        let url = with_database(&admin_url, &name);
        let db = Db::connect(&url, 8).expect("open PostgreSQL");
        // Nothing is pending on a copy of the template; this only makes sure of it.
        db.migrate().expect("migrate PostgreSQL");
        TestDb {
            db,
            url,
            _dir: None,
            pg: Some(PgDrop { admin_url, name }),
        }
    }

    /// A new, empty database (no tables, not migrated) on the PostgreSQL server of
    /// `TEST_DATABASE_URL`, dropped with the value: for tests of what processes do to a
    /// database they find empty. Panics when the variable is not set.
    pub fn empty_postgres() -> TestDb {
        let admin_url = std::env::var("TEST_DATABASE_URL").unwrap_or_default();
        assert!(
            !admin_url.is_empty(),
            "TEST_DATABASE_URL is not set: this PostgreSQL test cannot run (it must not pass silently)"
        );
        let name = format!(
            "mdg_test_{}_{}",
            crate::pg::unix_now(),
            uuid::Uuid::new_v4().simple()
        );
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut crate::pg::admin(&admin_url))
            .expect("create an empty test database");
        let url = with_database(&admin_url, &name);
        let db = Db::connect(&url, 2).expect("open PostgreSQL");
        TestDb {
            db,
            url,
            _dir: None,
            pg: Some(PgDrop { admin_url, name }),
        }
    }

    pub fn backend(&self) -> Backend {
        self.db.backend()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(pg) = &self.pg
            && let Ok(mut admin) =
                <diesel::PgConnection as diesel::Connection>::establish(&pg.admin_url)
        {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                pg.name
            ))
            .execute(&mut admin);
        }
    }
}
