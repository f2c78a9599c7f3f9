//! The limits: how many submission-shaped transactions the engine itself commits per
//! second, with nothing of Madoguchi in between. A submission-shaped transaction is what a
//! filing writes: a ~1 KB row, an audit row and an outbox row, committed durably (SQLite
//! WAL with `synchronous=FULL`, one writer; PostgreSQL with `fsync` on, one connection per
//! client).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;

/// What a limit run counted.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limit {
    pub committed: u64,
    pub seconds: f64,
}

impl Limit {
    pub fn per_second(&self) -> f64 {
        self.committed as f64 / self.seconds
    }

    /// Two runs counted as one (slices of one figure, see `--rounds`).
    pub fn and(self, other: Limit) -> Limit {
        Limit {
            committed: self.committed + other.committed,
            seconds: self.seconds + other.seconds,
        }
    }
}

#[derive(Debug, QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    value: String,
}

/// About 1 KB of answers, like a filing's stored JSON.
fn body(n: u64) -> String {
    let filler = "あいうえお".repeat(60);
    format!(r#"{{"n":{n},"applicant_name":"山田 太郎","note":"{filler}"}}"#)
}

const SCHEMA: [&str; 3] = [
    "CREATE TABLE bench_submissions (id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, \
     answers TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE bench_audit (id TEXT PRIMARY KEY, submission_id TEXT NOT NULL, action TEXT NOT NULL, \
     at TEXT NOT NULL)",
    "CREATE TABLE bench_outbox (id TEXT PRIMARY KEY, submission_id TEXT NOT NULL, kind TEXT NOT NULL, \
     payload TEXT NOT NULL)",
];

/// The three inserts of one filing, with `?` or `$n` placeholders.
struct Statements {
    submission: &'static str,
    audit: &'static str,
    outbox: &'static str,
}

const SQLITE: Statements = Statements {
    submission: "INSERT INTO bench_submissions VALUES (?, ?, ?, datetime('now'))",
    audit: "INSERT INTO bench_audit VALUES (?, ?, 'submitted', datetime('now'))",
    outbox: "INSERT INTO bench_outbox VALUES (?, ?, 'receipt_mail', ?)",
};

const POSTGRES: Statements = Statements {
    submission: "INSERT INTO bench_submissions VALUES ($1, $2, $3, now()::text)",
    audit: "INSERT INTO bench_audit VALUES ($1, $2, 'submitted', now()::text)",
    outbox: "INSERT INTO bench_outbox VALUES ($1, $2, 'receipt_mail', $3)",
};

/// The three inserts of one filing on `conn` (a macro: the same code for both backends).
macro_rules! one_filing {
    ($conn:expr, $sql:expr, $n:expr) => {{
        let id = uuid::Uuid::now_v7().to_string();
        diesel::sql_query($sql.submission)
            .bind::<Text, _>(id.clone())
            .bind::<Text, _>(uuid::Uuid::new_v4().to_string())
            .bind::<Text, _>(body($n))
            .execute($conn)
            .and_then(|_| {
                diesel::sql_query($sql.audit)
                    .bind::<Text, _>(uuid::Uuid::now_v7().to_string())
                    .bind::<Text, _>(id.clone())
                    .execute($conn)
            })
            .and_then(|_| {
                diesel::sql_query($sql.outbox)
                    .bind::<Text, _>(uuid::Uuid::now_v7().to_string())
                    .bind::<Text, _>(id.clone())
                    .bind::<Text, _>(format!(r#"{{"submission":"{id}"}}"#))
                    .execute($conn)
            })
            .map(|_| ())
    }};
}

/// SQLite in WAL mode with `synchronous=FULL`, one writer committing one filing per
/// transaction as fast as it can.
pub fn sqlite(dir: &std::path::Path, run: Duration) -> Result<Limit, String> {
    let path = dir.join("limit.db");
    let mut conn =
        SqliteConnection::establish(&path.to_string_lossy()).map_err(|e| e.to_string())?;
    conn.batch_execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
        .map_err(|e| e.to_string())?;
    let sync: Setting =
        diesel::sql_query("SELECT CAST(synchronous AS TEXT) AS value FROM pragma_synchronous()")
            .get_result(&mut conn)
            .map_err(|e| e.to_string())?;
    if sync.value != "2" {
        return Err(format!(
            "SQLite synchronous is {}, not FULL (2)",
            sync.value
        ));
    }
    conn.batch_execute("DROP TABLE IF EXISTS bench_submissions; DROP TABLE IF EXISTS bench_audit; DROP TABLE IF EXISTS bench_outbox;")
        .map_err(|e| e.to_string())?;
    for statement in SCHEMA {
        conn.batch_execute(statement).map_err(|e| e.to_string())?;
    }
    let deadline = Instant::now() + run;
    let started = Instant::now();
    let mut n = 0u64;
    while Instant::now() < deadline {
        conn.immediate_transaction(|c| one_filing!(c, SQLITE, n))
            .map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok(Limit {
        committed: n,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A fresh database on the server of `admin_url` for one run, dropped by [`drop_database`].
pub fn create_database(admin_url: &str, name: &str) -> Result<String, String> {
    let mut admin = PgConnection::establish(admin_url).map_err(|e| e.to_string())?;
    // Two calls: several statements in one are one transaction, which these refuse.
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .map_err(|e| e.to_string())?;
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .map_err(|e| e.to_string())?;
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url, |(base, _)| base);
    Ok(format!("{base}/{name}"))
}

pub fn drop_database(admin_url: &str, name: &str) {
    if let Ok(mut admin) = PgConnection::establish(admin_url) {
        let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }
}

/// PostgreSQL's `fsync` and `synchronous_commit`, which the limit must run with on.
pub fn postgres_durability(url: &str) -> Result<String, String> {
    let mut conn = PgConnection::establish(url).map_err(|e| e.to_string())?;
    let mut read = |name: &str| -> Result<String, String> {
        let s: Setting = diesel::sql_query(format!("SELECT current_setting('{name}') AS value"))
            .get_result(&mut conn)
            .map_err(|e| e.to_string())?;
        Ok(s.value)
    };
    let fsync = read("fsync")?;
    let commit = read("synchronous_commit")?;
    if fsync != "on" || commit == "off" {
        return Err(format!(
            "PostgreSQL is not durable here: fsync={fsync}, synchronous_commit={commit}"
        ));
    }
    Ok(format!("fsync={fsync}, synchronous_commit={commit}"))
}

/// PostgreSQL with `clients` connections, each committing one filing per transaction.
pub fn postgres(url: &str, clients: usize, run: Duration) -> Result<Limit, String> {
    {
        let mut conn = PgConnection::establish(url).map_err(|e| e.to_string())?;
        conn.batch_execute("DROP TABLE IF EXISTS bench_submissions, bench_audit, bench_outbox")
            .map_err(|e| e.to_string())?;
        for statement in SCHEMA {
            conn.batch_execute(statement).map_err(|e| e.to_string())?;
        }
    }
    let mut connections = Vec::with_capacity(clients);
    for _ in 0..clients {
        connections.push(PgConnection::establish(url).map_err(|e| e.to_string())?);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let count = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = connections
        .into_iter()
        .map(|mut conn| {
            let (stop, count) = (stop.clone(), count.clone());
            std::thread::spawn(move || -> Result<(), String> {
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    conn.transaction(|c| one_filing!(c, POSTGRES, n))
                        .map_err(|e| e.to_string())?;
                    count.fetch_add(1, Ordering::Relaxed);
                    n += 1;
                }
                Ok(())
            })
        })
        .collect();
    std::thread::sleep(run);
    stop.store(true, Ordering::Relaxed);
    let committed = count.load(Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    for worker in workers {
        worker
            .join()
            .map_err(|_| "a limit client panicked".to_string())??;
    }
    Ok(Limit {
        committed,
        seconds: elapsed,
    })
}
