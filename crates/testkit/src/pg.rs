//! PostgreSQL test databases copied from one migrated template.
//!
//! Migrating a fresh database for every test costs more than the test itself; copying a
//! migrated one (`CREATE DATABASE … TEMPLATE …`) is a file copy on the server. The template
//! is named after a hash of the migrations (`MADOGUCHI_PG_MIGRATIONS_HASH`, from build.rs),
//! so every test binary of a build — and of later runs with the same schema — shares one,
//! and a schema change makes a new one. Several processes may need it at once (test binaries
//! of other worktrees on the same server): an advisory lock lets one build it, under a
//! temporary name renamed when complete, so nobody ever copies a half-migrated template.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl, sql_types::Text};
use madoguchi_store::Db;

/// Serialises template builders across processes (per database: all use the admin URL's).
const BUILD_LOCK: i64 = 0x6d64_675f_7470_6c00;
/// A test database this old belongs to a test process that died before dropping it.
const ABANDONED_AFTER: Duration = Duration::from_secs(6 * 3600);
/// Templates of another schema are dropped a day after they were made.
const STALE_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The template this process has made sure of.
static TEMPLATE: Mutex<Option<String>> = Mutex::new(None);

pub(crate) fn template_name() -> String {
    format!("mdg_tpl_{}", env!("MADOGUCHI_PG_MIGRATIONS_HASH"))
}

pub(crate) fn admin(admin_url: &str) -> PgConnection {
    // Before libpq's first connection, or OpenSSL's exit handler would be registered and a
    // test process could crash as it ends (see `madoguchi_store::prepare_tls`).
    madoguchi_store::prepare_tls();
    PgConnection::establish(admin_url)
        .unwrap_or_else(|e| panic!("cannot connect to PostgreSQL at TEST_DATABASE_URL: {e}"))
}

/// Creates a new database `name` as a copy of the migrated template.
pub(crate) fn create_from_template(admin_url: &str, name: &str) {
    let mut conn = admin(admin_url);
    let template = ensure_template(admin_url, &mut conn, false);
    let create = |conn: &mut PgConnection, template: &str| {
        diesel::sql_query(format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
        ))
        .execute(conn)
    };
    if let Err(e) = create(&mut conn, &template) {
        // Dropped meanwhile by another process's clean-up: make it again, once.
        let template = ensure_template(admin_url, &mut conn, true);
        create(&mut conn, &template).unwrap_or_else(|again| {
            panic!("create test database from {template}: {e}; then: {again}")
        });
    }
}

/// The name of a migrated template, built when this process has not seen one yet (or
/// `again`: the one it saw is gone).
fn ensure_template(admin_url: &str, conn: &mut PgConnection, again: bool) -> String {
    let mut known = TEMPLATE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(name) = known.as_ref().filter(|_| !again) {
        return name.clone();
    }
    let name = template_name();
    diesel::sql_query(format!("SELECT pg_advisory_lock({BUILD_LOCK})"))
        .execute(conn)
        .expect("take the template lock");
    // A panic below ends this connection, and the session's lock with it.
    if !exists(conn, &name) {
        build(admin_url, conn, &name);
        clean_up(conn, &name);
    }
    let _ = diesel::sql_query(format!("SELECT pg_advisory_unlock({BUILD_LOCK})")).execute(conn);
    *known = Some(name.clone());
    name
}

/// Migrates a database under a temporary name and renames it: the template's name only
/// ever names a complete one.
fn build(admin_url: &str, conn: &mut PgConnection, name: &str) {
    let building = format!("mdg_tplbuild_{}", uuid::Uuid::new_v4().simple());
    diesel::sql_query(format!("CREATE DATABASE \"{building}\""))
        .execute(conn)
        .expect("create the template database");
    {
        let db = Db::connect(&with_database(admin_url, &building), 1)
            .expect("open the template database");
        db.migrate().expect("migrate the template database");
        // Dropped here: a database with open connections can be neither renamed nor copied.
    }
    // PostgreSQL waits a few seconds for closing connections itself; a slow exit is retried.
    let mut last = None;
    for _ in 0..5 {
        match diesel::sql_query(format!(
            "ALTER DATABASE \"{building}\" RENAME TO \"{name}\""
        ))
        .execute(conn)
        {
            Ok(_) => {
                last = None;
                break;
            }
            Err(e) => last = Some(e),
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    if let Some(e) = last {
        panic!("rename the template database {building} to {name}: {e}");
    }
    diesel::sql_query(format!(
        "COMMENT ON DATABASE \"{name}\" IS 'madoguchi test template, made {}'",
        unix_now()
    ))
    .execute(conn)
    .expect("label the template database");
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    comment: String,
}

fn databases(conn: &mut PgConnection) -> Vec<Named> {
    diesel::sql_query(
        "SELECT datname::text AS name, COALESCE(shobj_description(oid, 'pg_database'), '') AS comment \
         FROM pg_database WHERE datname LIKE 'mdg\\_%'",
    )
    .load(conn)
    .expect("list test databases")
}

fn exists(conn: &mut PgConnection, name: &str) -> bool {
    databases(conn).iter().any(|d| d.name == name)
}

/// Drops what earlier runs left (under the build lock, so no template is being built):
/// half-built templates of a builder that died, templates of another schema made over a
/// day ago (a process still using one makes it again), and test databases of test processes that died hours ago.
fn clean_up(conn: &mut PgConnection, current: &str) {
    let now = unix_now();
    for db in databases(conn) {
        let stale = if db.name.starts_with("mdg_tplbuild_") {
            true
        } else if db.name.starts_with("mdg_tpl_") {
            db.name != current
                && made_at(&db.comment).is_none_or(|t| now - t > STALE_AFTER.as_secs())
        } else if let Some(rest) = db.name.strip_prefix("mdg_test_") {
            // Named `mdg_test_<unix seconds>_<random>` since templates; older names are
            // left alone (their age is unknown).
            rest.split('_')
                .next()
                .and_then(|t| t.parse::<u64>().ok())
                .is_some_and(|t| now.saturating_sub(t) > ABANDONED_AFTER.as_secs())
        } else {
            false
        };
        if stale {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                db.name
            ))
            .execute(conn);
        }
    }
}

fn made_at(comment: &str) -> Option<u64> {
    comment.rsplit(' ').next()?.parse().ok()
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Replaces the database name in a PostgreSQL URL.
pub(crate) fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_and_path = &base[scheme_end..];
    let host = host_and_path.split('/').next().unwrap_or(host_and_path);
    format!("{}{host}/{name}{query}", &base[..scheme_end])
}

#[cfg(test)]
mod tests {
    use diesel::RunQueryDsl;

    use super::{made_at, template_name, with_database};
    use crate::TestDb;

    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }

    fn count(db: &TestDb, sql: &str) -> i64 {
        let mut conn = db.db.conn().unwrap();
        diesel::sql_query(sql)
            .get_result::<Count>(&mut *conn)
            .unwrap()
            .n
    }

    /// Two copies of the template: each has every migration, and what one stores the other
    /// does not see.
    #[test]
    #[cfg_attr(
        not(pg_tests),
        ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
    )]
    fn copies_of_the_template_are_migrated_and_separate() {
        let (a, b) = (TestDb::postgres(), TestDb::postgres());
        assert_ne!(a.url, b.url);
        let migrations = "SELECT count(*) AS n FROM __diesel_schema_migrations";
        let files = std::fs::read_dir(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/postgres"),
        )
        .unwrap()
        .count();
        assert_eq!(count(&a, migrations), files as i64);
        assert_eq!(count(&b, migrations), files as i64);
        assert!(a.db.migrate().unwrap().is_empty(), "nothing left to apply");
        let mut conn = a.db.conn().unwrap();
        diesel::sql_query(
            "INSERT INTO tenants (id, name_ja, name_en, created_at) \
             VALUES ('999999', '試験市', 'Test City', now())",
        )
        .execute(&mut *conn)
        .unwrap();
        drop(conn);
        let tenants = "SELECT count(*) AS n FROM tenants WHERE id = '999999'";
        assert_eq!((count(&a, tenants), count(&b, tenants)), (1, 0));
    }

    #[test]
    fn the_template_is_named_after_the_migrations() {
        let name = template_name();
        assert!(name.starts_with("mdg_tpl_"));
        assert_eq!(name.len(), "mdg_tpl_".len() + 16, "{name}");
    }

    #[test]
    fn a_template_says_when_it_was_made() {
        assert_eq!(
            made_at("madoguchi test template, made 1790000000"),
            Some(1_790_000_000)
        );
        assert_eq!(made_at(""), None);
    }

    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgresql://u:p@h/test?sslmode=disable", "x"),
            "postgresql://u:p@h/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }
}
