//! Two `madoguchi worker` processes on one database (PostgreSQL in CI, SQLite too) deliver
//! every message of the outbox exactly once, to a real SMTP server on loopback: neither
//! sends a message the other sent, none is skipped. One of them answers its probes on
//! `[worker] listen`: its `/metrics` counts the mail rounds it ran.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use madoguchi_records::{OutboxRecord, TenantRecord};
use madoguchi_store::prelude::{Organisation, Outbox, OutboxRead};
use madoguchi_testkit::{SmtpSink, db_test};

const MESSAGES: usize = 60;

struct Worker(Child);

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const METRICS_TOKEN: &str = "worker-scrape-token-1234";

/// Starts a worker; with `probes`, it answers `/healthz`, `/readyz` and `/metrics` there.
fn start_worker(db_url: &str, smtp_port: u16, dir: &Path, probes: Option<u16>) -> Worker {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let config = dir.join("madoguchi.toml");
    std::fs::write(
        &config,
        format!(
            "public_url = \"https://madoguchi.test\"\ndatabase_url = {db_url:?}\nforms_dir = {:?}\ndata_dir = {:?}\nmunicipality_file = {:?}\n\
             mail_poll_ms = 100\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {smtp_port}\ntls = \"none\"\n\n\
             [metrics]\ntoken = {METRICS_TOKEN:?}\n\n[worker]\nlisten = {:?}\n",
            root.join("forms").display().to_string(),
            dir.join("data").display().to_string(),
            root.join("deploy/data/municipalities/sendai.json").display().to_string(),
            probes.map(|port| format!("127.0.0.1:{port}")).unwrap_or_default(),
        ),
    )
    .unwrap();
    Worker(
        Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .arg("--config")
            .arg(&config)
            .arg("worker")
            // Nodes of one database share its keys (each data dir would make its own).
            .envs(
                ["CSRF", "TOTP", "MYNUMBER", "ENROLMENT", "COUNTER"].map(|name| {
                    (
                        format!("MADOGUCHI_{name}_KEY"),
                        format!("{:02x}", name.len()).repeat(32),
                    )
                }),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start `madoguchi worker`"),
    )
}

db_test!(fn two_worker_processes_send_every_message_once(db) {
    let sink = SmtpSink::start();
    let now = chrono::Utc::now().naive_utc();
    let mut conn = db.db.conn().unwrap();
    conn.insert_tenant(&TenantRecord { id: "041009".into(), name_ja: "仙台市".into(), name_en: "Sendai".into(), created_at: now }).unwrap();
    let mut ids = BTreeSet::new();
    for i in 0..MESSAGES {
        let id = format!("m-{i:03}");
        conn.enqueue_mail(&OutboxRecord {
            id: id.clone().into(),
            tenant_id: "041009".into(),
            submission_id: None,
            kind: madoguchi_core::MailKind::Receipt,
            recipient: format!("resident{i}@example.jp"),
            subject: format!("受付 {i}"),
            body: "本文".into(),
            message_id: format!("<{id}@madoguchi.test>"),
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            sent_at: None,
            failed_at: None,
            last_error: None,
            calendar: None,
        }).unwrap();
        ids.insert(format!("<{id}@madoguchi.test>"));
    }
    drop(conn);

    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let probes = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let workers: Vec<Worker> = dirs
        .iter()
        .enumerate()
        .map(|(i, d)| start_worker(&db.url, sink.port(), d.path(), (i == 0).then_some(probes)))
        .collect();
    let started = Instant::now();
    while sink.received().len() < MESSAGES && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(200));
    }
    // A while longer, so a message sent twice would have arrived.
    std::thread::sleep(Duration::from_secs(2));

    // The first worker's probes: it is alive and ready, and /metrics (with the token only)
    // counts the mail rounds it ran.
    let base = format!("http://127.0.0.1:{probes}");
    let client = reqwest::blocking::Client::new();
    assert_eq!(client.get(format!("{base}/healthz")).send().unwrap().status(), 200);
    assert_eq!(client.get(format!("{base}/readyz")).send().unwrap().status(), 200);
    assert_eq!(client.get(format!("{base}/metrics")).send().unwrap().status(), 401, "the token is needed");
    let scrape = client.get(format!("{base}/metrics")).bearer_auth(METRICS_TOKEN).send().unwrap();
    assert_eq!(scrape.status(), 200);
    let text = scrape.text().unwrap();
    let mail_runs: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix(r#"madoguchi_job_runs_total{job="mail"} "#))
        .unwrap_or_else(|| panic!("the mail lane's rounds: {text}"))
        .trim()
        .parse()
        .unwrap();
    assert!(mail_runs > 0, "the worker ran mail rounds: {text}");
    assert!(text.contains("madoguchi_outbox_backlog 0"), "every mail is out: {text}");
    // The free space of its data folder, against the default floor of 256 MiB.
    assert!(text.contains("madoguchi_disk_free_bytes{folder="), "free space: {text}");
    assert!(text.contains(&format!("madoguchi_disk_free_floor_bytes {}", 256 * 1024 * 1024)), "{text}");
    drop(workers);

    let received: Vec<String> = sink.received().iter().map(|m| m.header("Message-ID").unwrap_or_default()).collect();
    let unique: BTreeSet<String> = received.iter().cloned().collect();
    assert_eq!(received.len(), MESSAGES, "every message once: {} received", received.len());
    assert_eq!(unique, ids, "exactly the queued messages");
    let mut conn = db.db.conn().unwrap();
    assert_eq!(conn.count_pending_mail().unwrap(), 0);

});
