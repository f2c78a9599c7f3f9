//! Connections: one `DbConn` type over both engines, a pool, and write transactions.

use std::time::Duration;

use diesel::QueryResult;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::r2d2::{Pool, PooledConnection, R2D2Connection};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use madoguchi_records::{Database, ReadWork, StoreError, Work};

use crate::Error;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// A connection to either engine. Shared code uses the diesel DSL on this type; only this
/// crate's few backend-specific statements match on the variant.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

impl std::fmt::Debug for DbConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DbConn::Postgres(_) => "DbConn::Postgres",
            DbConn::Sqlite(_) => "DbConn::Sqlite",
        })
    }
}

/// Which engine a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `postgres://` and `postgresql://` are PostgreSQL; `sqlite://path`, `sqlite:path`
    /// and plain file paths are SQLite. Anything else with a scheme is refused rather than
    /// silently opened as a file.
    pub fn from_url(url: &str) -> Result<(Backend, String), Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok((Backend::Postgres, url.to_string()));
        }
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            return Ok((Backend::Sqlite, path.to_string()));
        }
        if url.contains("://") || url.is_empty() {
            return Err(Error::Config(format!(
                "database URL `{}` is neither postgres://… nor sqlite://…",
                redact(url)
            )));
        }
        Ok((Backend::Sqlite, url.to_string()))
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// A URL without its password, for logs and messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or_default();
            format!("{}{}:***{}", &url[..s + 3], user, &url[at..])
        }
        _ => url.to_string(),
    }
}

/// Opens connections of the engine the URL names, with the per-connection settings.
#[derive(Debug)]
pub struct Manager {
    backend: Backend,
    target: String,
}

impl diesel::r2d2::ManageConnection for Manager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        match self.backend {
            Backend::Sqlite => {
                let mut c = SqliteConnection::establish(&self.target)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                // WAL lets readers run beside the writer; synchronous=FULL makes every
                // acknowledged commit survive power loss, not only a crash of the process.
                // busy_timeout first: the pool opens several connections at once, and
                // switching to WAL needs a moment of exclusive access.
                // Checkpoints on a thread of the `Db`, a commit's own only when the WAL is
                // long (`checkpoint`).
                c.batch_execute(
                    "PRAGMA busy_timeout = 15000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                )
                .and_then(|()| c.batch_execute(&crate::checkpoint::pool_pragmas()))
                .map_err(diesel::r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(c))
            }
            Backend::Postgres => {
                let mut c = PgConnection::establish(&self.target)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                c.batch_execute("SET TIME ZONE 'UTC'; SET statement_timeout = '30s';")
                    .map_err(diesel::r2d2::Error::QueryError)?;
                Ok(DbConn::Postgres(c))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    /// diesel marks a PostgreSQL connection broken once a query found it closed (libpq
    /// no longer knows its transaction state): it is discarded as it is given back.
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// How long a PostgreSQL connection may sit idle in the pool and still be lent without
/// trying it first (see [`Db::conn`]).
pub const TRY_AFTER_IDLE: Duration = Duration::from_secs(1);

/// A pooled connection.
pub type PooledConn = PooledConnection<Manager>;

/// The database: a pool of connections to one engine.
#[derive(Clone, Debug)]
pub struct Db {
    pool: Pool<Manager>,
    backend: Backend,
    watch: crate::pool_watch::PoolWatch,
    /// The writers of this process, batched into shared commits (see `group_commit`): on
    /// SQLite (one writer); on PostgreSQL only when asked (`with_write_lanes`), each write
    /// otherwise its own transaction on a pooled connection (group commit showed no gain
    /// there yet, docs/performance.md).
    writers: Option<std::sync::Arc<crate::group_commit::GroupCommit>>,
    /// The file or URL connections are opened to (for the start-up lock's own connection).
    target: std::sync::Arc<str>,
    /// SQLite's checkpoints, on a thread of their own while any clone of this `Db` lives.
    _checkpointer: Option<std::sync::Arc<crate::checkpoint::Checkpointer>>,
}

/// libpq speaks TLS through OpenSSL. Initialised by libpq, OpenSSL registers a clean-up at
/// process exit that frees what pool threads may still use (a SIGSEGV in a pool's thread as
/// a process ends: `pthread_rwlock_wrlock` on a freed lock); openssl-sys initialises it
/// without that handler (`OPENSSL_INIT_NO_ATEXIT`), and only the first initialisation
/// decides. Call it before any PostgreSQL connection that is not opened through
/// [`Db::connect`] (which calls it). Idempotent.
pub fn prepare_tls() {
    openssl_sys::init();
}

impl Db {
    /// Opens a pool. For SQLite the file's folder is created if needed.
    pub fn connect(url: &str, max_connections: u32) -> Result<Db, Error> {
        prepare_tls();
        let (backend, target) = Backend::from_url(url)?;
        if backend == Backend::Sqlite
            && let Some(dir) = std::path::Path::new(&target).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Config(format!("cannot create {}: {e}", dir.display())))?;
        }
        let watch = crate::pool_watch::PoolWatch::default();
        let pool = Pool::builder()
            .event_handler(Box::new(watch.clone()))
            .max_size(max_connections.max(1))
            .connection_timeout(Duration::from_secs(15))
            // Connections are tried in `Db::conn`, only when they sat idle.
            .test_on_check_out(false)
            .build(Manager {
                backend,
                target: target.clone(),
            })
            .map_err(|e| Error::Connect(format!("{} at {}: {e}", backend.name(), redact(url))))?;
        // SQLite: checkpoints off the write path (`checkpoint`).
        let checkpointer = match backend {
            Backend::Sqlite => Some(std::sync::Arc::new(
                crate::checkpoint::Checkpointer::start(&target).map_err(|e| {
                    Error::Config(format!("cannot start the checkpoint thread: {e}"))
                })?,
            )),
            Backend::Postgres => None,
        };
        let mut db = Db {
            pool,
            backend,
            watch,
            writers: None,
            target: target.into(),
            _checkpointer: checkpointer,
        };
        // SQLite has one writer: one lane.
        if backend == Backend::Sqlite {
            db.writers = Some(db.lanes(1, crate::group_commit::WAIT_LIMIT));
        }
        Ok(db)
    }

    /// `lanes` group-commit lanes whose writers wait at most `wait_limit`. SQLite's lane
    /// keeps its connection between batches, where the pool has another for readers.
    fn lanes(
        &self,
        lanes: usize,
        wait_limit: Duration,
    ) -> std::sync::Arc<crate::group_commit::GroupCommit> {
        let keep = self.backend == Backend::Sqlite && self.pool.max_size() > 1;
        std::sync::Arc::new(crate::group_commit::GroupCommit::new(
            lanes, wait_limit, keep,
        ))
    }

    pub(crate) fn target(&self) -> &str {
        &self.target
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The same database with `lanes` group-commit lanes of its own (SQLite always has one
    /// writer; on PostgreSQL this turns group commit on: for tests and tuning).
    pub fn with_write_lanes(mut self, lanes: usize) -> Db {
        self.writers = Some(self.lanes(lanes, crate::group_commit::WAIT_LIMIT));
        self
    }

    /// The same database whose grouped writers wait at most `limit` for their turn and
    /// their batch's commit (default [`crate::group_commit::WAIT_LIMIT`]; for tests). On
    /// PostgreSQL without lanes writes are not grouped and this changes nothing.
    pub fn with_write_wait_limit(mut self, limit: Duration) -> Db {
        if let Some(lanes) = self.writers.as_ref().map(|w| w.lane_count()) {
            self.writers = Some(self.lanes(lanes, limit));
        }
        self
    }

    /// The group commit's batches so far and the writers queued now (see `group_commit`;
    /// all zero when writes are not grouped).
    pub fn write_batches(&self) -> crate::group_commit::BatchFigures {
        self.writers
            .as_ref()
            .map(|w| w.figures())
            .unwrap_or(crate::group_commit::BatchFigures {
                batches: 0,
                writes: 0,
                waiting: 0,
            })
    }

    /// A connection from the pool. Blocking: call it off the async runtime.
    ///
    /// A PostgreSQL connection that sat idle longer than [`TRY_AFTER_IDLE`] is tried
    /// (`SELECT 1`) before it is lent: the server may have closed it (a restart, an idle
    /// timeout, a firewall); one that fails is discarded and another taken. One used
    /// within that time is lent as it is: under load every request would otherwise pay a
    /// round trip for nothing, and a connection found closed under a query is discarded
    /// when it is given back (`has_broken`). An SQLite connection
    /// is a file this process holds open, with nothing in between to go away: never tried.
    pub fn conn(&self) -> Result<PooledConn, Error> {
        self.conn_within(self.pool.connection_timeout())
    }

    fn conn_within(&self, within: Duration) -> Result<PooledConn, Error> {
        let end = std::time::Instant::now() + within;
        loop {
            let left = end.saturating_duration_since(std::time::Instant::now());
            let mut conn = self.pool.get_timeout(left)?;
            if self.backend == Backend::Sqlite || crate::pool_watch::lent_idle() < TRY_AFTER_IDLE {
                return Ok(conn);
            }
            match conn.ping() {
                Ok(_) => return Ok(conn),
                // Discarded as it is given back (`has_broken`).
                Err(e) => {
                    tracing::info!(error = %e, "an idle database connection was closed; opening another");
                    drop(conn);
                }
            }
        }
    }

    /// Applies pending migrations; returns the names applied. Under the start-up lock
    /// (see `lock`): processes started together migrate one after the other, and the later
    /// ones find nothing left to do.
    pub fn migrate(&self) -> Result<Vec<String>, Error> {
        self.exclusively(|| {
            let mut conn = self.conn()?;
            let applied = match &mut *conn {
                DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
                DbConn::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
            }
            .map_err(|e| Error::Migration(e.to_string()))?;
            Ok(applied.iter().map(ToString::to_string).collect())
        })
    }

    /// Does the database answer `SELECT 1` within about `within`? Waits at most `within`
    /// for a connection (a new one is opened when none is idle), instead of the pool's 15 s.
    pub fn ping(&self, within: Duration) -> Result<(), Error> {
        let mut conn = self.conn_within(within)?;
        conn.ping()?;
        Ok(())
    }

    /// Reverts the most recent migration (its `down.sql`); returns its name. For operators
    /// stepping back a release, and for the tests that check a migration keeps old rows.
    pub fn revert_last_migration(&self) -> Result<String, Error> {
        let mut conn = self.conn()?;
        let reverted = match &mut *conn {
            DbConn::Sqlite(c) => c.revert_last_migration(SQLITE_MIGRATIONS),
            DbConn::Postgres(c) => c.revert_last_migration(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| Error::Migration(e.to_string()))?;
        Ok(reverted.to_string())
    }

    /// Applies the oldest pending migration, if any; returns its name. For the tests that
    /// step through the migrations one by one.
    pub fn run_next_migration(&self) -> Result<Option<String>, Error> {
        let mut conn = self.conn()?;
        let pending = match &mut *conn {
            DbConn::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
            DbConn::Postgres(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| Error::Migration(e.to_string()))?;
        if !pending {
            return Ok(None);
        }
        let applied = match &mut *conn {
            DbConn::Sqlite(c) => c.run_next_migration(SQLITE_MIGRATIONS),
            DbConn::Postgres(c) => c.run_next_migration(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| Error::Migration(e.to_string()))?;
        Ok(Some(applied.to_string()))
    }

    /// Names of the migrations this binary carries, per engine (for the drift test).
    pub fn embedded_migration_names(backend: Backend) -> Result<Vec<String>, Error> {
        use diesel::migration::MigrationSource;
        let names = match backend {
            Backend::Sqlite => {
                MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE_MIGRATIONS)
                    .map(|m| m.iter().map(|m| m.name().to_string()).collect())
            }
            Backend::Postgres => {
                MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES_MIGRATIONS)
                    .map(|m| m.iter().map(|m| m.name().to_string()).collect())
            }
        };
        names.map_err(|e| Error::Migration(e.to_string()))
    }
}

impl Database for Db {
    fn engine(&self) -> &'static str {
        self.backend.name()
    }

    fn writes_take_turns(&self) -> bool {
        self.writers.is_some()
    }

    fn ping(&self, within: Duration) -> Result<(), StoreError> {
        Ok(Db::ping(self, within)?)
    }

    fn read(&self, work: ReadWork<'_>) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        work(&mut *conn)
    }

    /// Group commit: `work` runs in its own savepoint inside a transaction it may share
    /// with other writes of this process, and this returns once that transaction committed.
    fn write(&self, work: Work<'_>) -> Result<(), StoreError> {
        match &self.writers {
            Some(writers) => writers.write(self, work),
            None => {
                let mut conn = self.conn()?;
                write_tx(&mut conn, |c: &mut DbConn| work(c))
            }
        }
    }

    /// Without writers taking turns, `work` runs on a connection in autocommit: each
    /// statement is its own transaction (see the trait).
    fn write_atomic(&self, work: Work<'_>) -> Result<(), StoreError> {
        match &self.writers {
            Some(writers) => writers.write(self, work),
            None => {
                let mut conn = self.conn()?;
                work(&mut *conn)
            }
        }
    }

    fn pool_vitals(&self) -> madoguchi_records::PoolVitals {
        let state = self.pool.state();
        let (checkouts, wait_seconds, timeouts) = self.watch.read();
        madoguchi_records::PoolVitals {
            connections: state.connections,
            idle: state.idle_connections,
            max: self.pool.max_size(),
            checkouts,
            wait_seconds,
            timeouts,
        }
    }
}

/// Runs `f` in a write transaction. On SQLite the write lock is taken at the start
/// (`BEGIN IMMEDIATE`): two transactions that read and then write can otherwise deadlock,
/// and one would fail with "database is locked" instead of waiting its turn.
pub fn write_tx<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    if !matches!(conn, DbConn::Sqlite(_)) {
        return conn.transaction(f);
    }
    on_sqlite(conn, |c| {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
    })?;
    match f(conn) {
        Ok(value) => match on_sqlite(conn, AnsiTransactionManager::commit_transaction) {
            Ok(()) => Ok(value),
            Err(e) => {
                // diesel's own transaction() does the same: try to leave no open transaction.
                let _ = on_sqlite(conn, AnsiTransactionManager::rollback_transaction);
                Err(e.into())
            }
        },
        Err(e) => {
            on_sqlite(conn, AnsiTransactionManager::rollback_transaction)?;
            Err(e)
        }
    }
}

/// Runs a transaction-manager step on the inner SQLite connection (a no-op otherwise; only
/// called after checking the variant).
fn on_sqlite(
    conn: &mut DbConn,
    step: impl FnOnce(&mut SqliteConnection) -> QueryResult<()>,
) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => step(c),
        DbConn::Postgres(_) => Ok(()),
    }
}
