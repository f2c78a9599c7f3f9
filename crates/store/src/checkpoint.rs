//! SQLite's WAL checkpoints on a thread of their own, instead of inside a writer's commit.
//!
//! In WAL mode a commit appends the changed pages to the WAL; a *checkpoint* copies them back
//! into the database file (and syncs it) so the WAL can start over. By default SQLite runs one
//! inside whichever commit takes the WAL past 1,000 pages: that commit, and with it every
//! filing of its batch and every writer queued behind the one write lane, waits while
//! thousands of pages are copied and the database file is synced (docs/performance.md,
//! 2026-11-26). Here a thread with a connection of its own runs a `PASSIVE` checkpoint every
//! [`INTERVAL`]: it never waits for a writer or a reader, and writers never wait for it.
//! Nothing about durability changes: a commit is durable once its WAL frames are synced
//! (`synchronous = FULL`), whether or not they were copied back yet; a checkpoint syncs the
//! WAL before it copies and the database file after.
//!
//! **The WAL still has to start over.** SQLite writes the WAL from its beginning again only
//! when a write transaction begins at a moment when every frame has been copied back. Under
//! writes that never pause, the thread's checkpoint always ends a batch behind the writer,
//! and the WAL grew without end (half a gigabyte in 25 seconds of the benchmark). So the
//! pool's connections keep an automatic checkpoint, at [`WRITER_CHECKPOINT_FRAMES`] rather than
//! SQLite's 1,000: only once the WAL is that long does a commit run one itself, and it copies
//! only the frames since the thread's last turn (the rest are copied back already). Its
//! writer's next transaction then starts the WAL over.
//!
//! The thread stops when the last clone of the `Db` that started it is dropped.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::{Connection, SqliteConnection};

/// How often the WAL is copied back: at 4,000 filings a second about 1,500 pages (6 MB) of
/// WAL between two checkpoints, the order SQLite's default (a checkpoint once the WAL passes
/// 1,000 pages) lets it grow to, but copied off the write path. A checkpoint with nothing new
/// to copy reads the WAL's header and returns.
pub const INTERVAL: Duration = Duration::from_millis(50);

/// The WAL's length, in pages, past which a commit checkpoints by itself so that the WAL
/// starts over (16 MB): about 0.2 s of writes at the benchmark's rate, four times the
/// thread's [`INTERVAL`], so that under a load that pauses the thread alone keeps it short.
pub const WRITER_CHECKPOINT_FRAMES: u32 = 4_000;

/// The checkpoint settings of a connection of the pool (see the module's notes).
pub(crate) fn pool_pragmas() -> String {
    format!("PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_FRAMES};")
}

/// The checkpointing thread's handle: dropping it stops the thread.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    stop: Mutex<bool>,
    stopped: Condvar,
}

impl Checkpointer {
    /// Starts the thread on a connection of its own to the SQLite file `target`.
    pub(crate) fn start(target: &str) -> std::io::Result<Checkpointer> {
        let shared = Arc::new(Shared::default());
        let theirs = Arc::clone(&shared);
        let target = target.to_string();
        std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || run(&target, &theirs))?;
        Ok(Checkpointer { shared })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        *self
            .shared
            .stop
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = true;
        self.shared.stopped.notify_all();
    }
}

/// The thread: a checkpoint every [`INTERVAL`] until told to stop. A failure is logged and
/// tried again at the next turn (the WAL only grows meanwhile; nothing is lost).
fn run(target: &str, shared: &Shared) {
    let mut conn = None;
    let mut complained = false;
    loop {
        {
            let stop = shared.stop.lock().unwrap_or_else(PoisonError::into_inner);
            let (stop, _) = shared
                .stopped
                .wait_timeout_while(stop, INTERVAL, |stop| !*stop)
                .unwrap_or_else(PoisonError::into_inner);
            if *stop {
                return;
            }
        }
        match checkpoint(target, &mut conn) {
            Ok(()) => complained = false,
            Err(e) => {
                conn = None;
                if !complained {
                    tracing::warn!(error = %e, "the WAL could not be checkpointed; trying again");
                    complained = true;
                }
            }
        }
    }
}

fn checkpoint(target: &str, conn: &mut Option<SqliteConnection>) -> Result<(), String> {
    let c = match conn {
        Some(c) => c,
        None => {
            let mut c = SqliteConnection::establish(target).map_err(|e| e.to_string())?;
            c.batch_execute("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;")
                .map_err(|e| e.to_string())?;
            conn.insert(c)
        }
    };
    // PASSIVE: copies what no reader still needs, waits for nobody.
    c.batch_execute("PRAGMA wal_checkpoint(PASSIVE);")
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::time::Instant;

    use super::*;

    fn wait_until(what: impl Fn() -> bool) {
        let until = Instant::now() + Duration::from_secs(30);
        while !what() {
            assert!(Instant::now() < until, "condition never came true");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn checkpoint_threads() -> usize {
        std::fs::read_dir("/proc/self/task")
            .unwrap()
            .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
            .filter(|name| name.trim() == "wal-checkpoint")
            .count()
    }

    #[test]
    fn commits_are_copied_into_the_database_file_by_the_thread_which_stops_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.db");
        let target = file.display().to_string();
        let mut c = SqliteConnection::establish(&target).unwrap();
        c.batch_execute(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; \
             CREATE TABLE t (v TEXT NOT NULL);",
        )
        .unwrap();
        let size = || std::fs::metadata(&file).unwrap().len();
        let before = size();
        for _ in 0..200 {
            c.batch_execute("INSERT INTO t (v) VALUES (printf('%.2000c', 'x'));")
                .unwrap();
        }
        // No checkpoint inside those commits: the pages are in the WAL only.
        assert_eq!(size(), before, "the connection checkpointed by itself");

        let checkpointer = Checkpointer::start(&target).unwrap();
        wait_until(|| checkpoint_threads() == 1);
        // 200 rows of 2 KB: some 100 pages copied back.
        wait_until(|| size() >= before + 100 * 4096);

        drop(checkpointer);
        wait_until(|| checkpoint_threads() == 0);
    }

    #[test]
    fn the_wal_starts_over_under_writes_that_never_pause() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.db");
        let target = file.display().to_string();
        let mut c = SqliteConnection::establish(&target).unwrap();
        c.batch_execute(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; {} \
             CREATE TABLE t (v TEXT NOT NULL);",
            pool_pragmas()
        ))
        .unwrap();
        let _checkpointer = Checkpointer::start(&target).unwrap();
        wait_until(|| checkpoint_threads() >= 1);
        // A writer that begins its next transaction as soon as it committed, as the write
        // lane does under load: three times the WAL's limit in commits of a page or more.
        let wal = dir.path().join("t.db-wal");
        let mut longest = 0;
        for _ in 0..3 * WRITER_CHECKPOINT_FRAMES {
            c.batch_execute("INSERT INTO t (v) VALUES (printf('%.3000c', 'x'));")
                .unwrap();
            longest = longest.max(std::fs::metadata(&wal).unwrap().len());
        }
        // A frame is a page (4 KiB) and its 24-byte header.
        let frames = longest / (4096 + 24);
        assert!(
            frames < 2 * u64::from(WRITER_CHECKPOINT_FRAMES),
            "the WAL grew to {frames} frames"
        );
    }
}
