//! What the service writes is readable by its own account only, even when started with a
//! permissive umask (022, the usual one) and without systemd's `UMask=`: the SQLite
//! database and its journal, the keys, mail written as files, and every folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use madoguchi_records::OutboxRecord;
use madoguchi_store::prelude::Outbox;

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Every file and folder under `dir`, with its permission bits.
fn modes(dir: &Path) -> Vec<(PathBuf, u32)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        out.push((path.clone(), meta.permissions().mode() & 0o777));
        if meta.is_dir() {
            out.extend(modes(&path));
        }
    }
    out
}

#[test]
fn the_service_writes_its_files_for_its_own_account_only() {
    // The child inherits this: what a shell or a plain unit would give it.
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o022));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db_url = format!("sqlite://{}", data.join("madoguchi.db").display());
    let config = dir.path().join("madoguchi.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase_url = {db_url:?}\ndemo = true\nforms_dir = {:?}\n\
             data_dir = {:?}\nmunicipality_file = {:?}\npostal_codes_file = {:?}\nmail_poll_ms = 100\n",
            root.join("forms").display().to_string(),
            data.display().to_string(),
            root.join("deploy/data/municipalities/sendai.json").display().to_string(),
            root.join("tests/fixtures/postal-sample.csv").display().to_string(),
        ),
    )
    .unwrap();
    let mut serve = Process(
        Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .arg("--config")
            .arg(&config)
            .arg("serve")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start madoguchi serve"),
    );
    let stdout = serve.0.stdout.take().unwrap();
    let running = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.contains("Press Ctrl+C to stop"));
    assert!(running, "serve started");

    // A message to a resident, written by the mail lane as an .eml file (no [smtp]).
    let db = madoguchi_store::Db::connect(&db_url, 1).unwrap();
    let now = chrono::Utc::now().naive_utc();
    db.conn()
        .unwrap()
        .enqueue_mail(&OutboxRecord {
            id: "mode-check".to_string().into(),
            tenant_id: madoguchi_app::operations::DEMO_TENANT.into(),
            submission_id: None,
            kind: madoguchi_core::MailKind::Receipt,
            recipient: "resident@example.jp".into(),
            subject: "受付".into(),
            body: "本文".into(),
            message_id: "<mode-check@madoguchi.test>".into(),
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            sent_at: None,
            failed_at: None,
            last_error: None,
            calendar: None,
        })
        .unwrap();
    let started = Instant::now();
    while !data.join("mail").exists()
        || std::fs::read_dir(data.join("mail"))
            .unwrap()
            .next()
            .is_none()
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the mail lane wrote the message"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(serve);

    let written = modes(&data);
    let names: Vec<String> = written
        .iter()
        .map(|(p, _)| p.strip_prefix(&data).unwrap().display().to_string())
        .collect();
    for expected in [
        "madoguchi.db",
        "madoguchi.db-wal",
        "csrf.key",
        "keys",
        "mail",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} among {names:?}"
        );
    }
    assert!(names.iter().any(|n| n.ends_with(".eml")), "{names:?}");
    for (path, mode) in &written {
        assert_eq!(
            mode & 0o077,
            0,
            "{} is {mode:o}: others and the group may not read it",
            path.display()
        );
    }
    let data_mode = std::fs::metadata(&data).unwrap().permissions().mode() & 0o777;
    assert_eq!(data_mode, 0o700, "the data folder");
}
