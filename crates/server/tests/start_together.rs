//! Processes started at once on an empty database take turns instead of failing: three
//! `madoguchi migrate` (PostgreSQL and SQLite), and three `madoguchi serve` on PostgreSQL
//! (migrations, then the municipality, the demo and the postal codes set up once).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use madoguchi_testkit::TestDb;

/// A child process, killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A configuration for one process: its own folder, the shared data folder (one set of
/// keys, as nodes of one service share theirs) and the database.
fn config(dir: &Path, data: &Path, db_url: &str) -> PathBuf {
    let path = dir.join("madoguchi.toml");
    std::fs::write(
        &path,
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase_url = {db_url:?}\ndemo = true\nforms_dir = {:?}\n\
             data_dir = {:?}\nmunicipality_file = {:?}\npostal_codes_file = {:?}\n",
            root().join("forms").display().to_string(),
            data.display().to_string(),
            root()
                .join("deploy/data/municipalities/sendai.json")
                .display()
                .to_string(),
            madoguchi_testkit::defaults::postal_sample()
                .display()
                .to_string(),
        ),
    )
    .unwrap();
    path
}

/// The keys a deployment gives every node (made here once, before the nodes start).
fn shared_keys(data: &Path) {
    std::fs::create_dir_all(data.join("keys")).unwrap();
    for (i, name) in [
        "csrf.key",
        "keys/totp.key",
        "keys/mynumber.key",
        "keys/enrolment.key",
        "keys/counter.key",
        "keys/stubpay.key",
    ]
    .into_iter()
    .enumerate()
    {
        let key: Vec<u8> = (0..32u8)
            .map(|b| b.wrapping_mul(7).wrapping_add(i as u8))
            .collect();
        std::fs::write(data.join(name), key).unwrap();
    }
}

fn madoguchi(config: &Path, command: &str, log: &Path) -> Process {
    Process(
        Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .arg("--config")
            .arg(config)
            .arg(command)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .expect("start madoguchi"),
    )
}

/// Three `migrate` at once; each must exit 0, and nothing is left to apply.
fn three_migrate_at_once(db: &TestDb) {
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let data = tempfile::tempdir().unwrap();
    let mut processes: Vec<(Process, PathBuf)> = dirs
        .iter()
        .map(|d| {
            let log = d.path().join("stderr.log");
            let p = madoguchi(&config(d.path(), data.path(), &db.url), "migrate", &log);
            (p, log)
        })
        .collect();
    for (i, (p, log)) in processes.iter_mut().enumerate() {
        let status = p.0.wait().unwrap();
        assert!(
            status.success(),
            "migrate #{i} failed ({status}):\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
    }
    assert_eq!(
        db.db.migrate().unwrap(),
        Vec::<String>::new(),
        "every migration was applied"
    );
}

#[test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
fn three_migrate_at_once_on_an_empty_postgres() {
    three_migrate_at_once(&TestDb::empty_postgres());
}

#[test]
fn three_migrate_at_once_on_a_new_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("new.db").display());
    // Opening makes the (empty) file; the processes find it there, without tables.
    let db = madoguchi_store::Db::connect(&url, 1).unwrap();
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut processes: Vec<(Process, PathBuf)> = dirs
        .iter()
        .map(|d| {
            let log = d.path().join("stderr.log");
            let p = madoguchi(&config(d.path(), dir.path(), &url), "migrate", &log);
            (p, log)
        })
        .collect();
    for (i, (p, log)) in processes.iter_mut().enumerate() {
        let status = p.0.wait().unwrap();
        assert!(
            status.success(),
            "migrate #{i} failed ({status}):\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
    }
    assert_eq!(db.migrate().unwrap(), Vec::<String>::new());
}

#[test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
fn three_serve_at_once_on_an_empty_postgres() {
    let db = TestDb::empty_postgres();
    let data = tempfile::tempdir().unwrap();
    shared_keys(data.path());
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let (tx, rx) = mpsc::channel::<(usize, bool)>();
    let mut processes = Vec::new();
    for (i, d) in dirs.iter().enumerate() {
        let log = d.path().join("stderr.log");
        let mut p = madoguchi(&config(d.path(), data.path(), &db.url), "serve", &log);
        let stdout = p.0.stdout.take().unwrap();
        let tx = tx.clone();
        // "Press Ctrl+C" is printed once the service is built and listening.
        std::thread::spawn(move || {
            let running = BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .any(|l| l.contains("Press Ctrl+C to stop"));
            let _ = tx.send((i, running));
        });
        processes.push((p, log));
    }
    for _ in 0..processes.len() {
        let (i, running) = rx
            .recv_timeout(Duration::from_secs(300))
            .expect("every serve either runs or exits");
        assert!(
            running,
            "serve #{i} did not start:\n{}",
            std::fs::read_to_string(&processes[i].1).unwrap_or_default()
        );
    }
    assert_eq!(db.db.migrate().unwrap(), Vec::<String>::new());
    drop(processes);
}
