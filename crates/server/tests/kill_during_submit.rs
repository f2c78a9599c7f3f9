//! Killed while filings are being written (SIGKILL, no shutdown), on SQLite and on
//! PostgreSQL: every filing answered 201 is stored exactly once under its key, with its
//! history; a filing that got no answer is either stored whole or not at all; nothing is
//! stored that no one sent. Two runs: 16 clients, and 64 clients whose filings are written
//! in batches of dozens (one transaction and one multi-row `INSERT` per table for a batch,
//! `filing/batch.rs` in the app; on SQLite inside the group commit), so the kill lands
//! while a batch is being written or committed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use madoguchi_store::prelude::*;
use madoguchi_testkit::db_test;

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const METRICS_TOKEN: &str = "kill-test-metrics-token-0123456789";

/// The server's count of batches of filings and of the filings they took (`/metrics`).
fn batch_counts(client: &reqwest::blocking::Client, base: &str) -> (u64, u64) {
    let text = client
        .get(format!("{base}/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .and_then(|r| r.error_for_status())
        .and_then(|r| r.text())
        .expect("the metrics");
    let read = |name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
            .unwrap_or_else(|| panic!("{name} in the metrics:\n{text}"))
    };
    (
        read("madoguchi_filing_batches_total"),
        read("madoguchi_filing_batch_filings_total"),
    )
}

/// What the clients sent and what the server answered.
#[derive(Default)]
struct Sent {
    /// Keys sent whose answer never came (the server was killed).
    unanswered: Vec<String>,
    /// Keys answered 201, with the arrival number of the answer.
    acknowledged: Vec<(String, String)>,
}

db_test!(fn every_acknowledged_filing_survives_a_kill_exactly_once(db) {
    kill_while_filing(&db, 16, 40);
});

db_test!(fn a_kill_while_a_batch_of_many_filings_commits_loses_no_acknowledged_one(db) {
    kill_while_filing(&db, 64, 300);
});

/// Starts the server, has `clients` clients file without pause, kills the server (SIGKILL)
/// once `before_kill` filings were acknowledged, and checks the database.
fn kill_while_filing(db: &madoguchi_testkit::TestDb, clients: usize, before_kill: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Process(
        Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .arg("serve")
            .current_dir(&root)
            .env("MADOGUCHI_LISTEN", format!("127.0.0.1:{port}"))
            .env("MADOGUCHI_DATA_DIR", dir.path())
            .env("MADOGUCHI_DATABASE_URL", &db.url)
            .env("MADOGUCHI_DEMO", "true")
            .env("MADOGUCHI_HTTP_API_REQUESTS_PER_MINUTE", "1000000")
            .env("MADOGUCHI_METRICS_TOKEN", METRICS_TOKEN)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start madoguchi serve"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let started = Instant::now();
    while !client
        .get(format!("{base}/healthz"))
        .send()
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the server answered /healthz"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    let procedure = "suido-shiyo-kaishi-chushi";
    let answers = std::fs::read_to_string(
        root.join(format!("forms/{procedure}/examples/valid/name-change.json")),
    )
    .unwrap();
    let url = format!("{base}/api/v1/procedures/{procedure}/submissions");
    let sent = Arc::new(Mutex::new(Sent::default()));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..clients)
        .map(|c| {
            let (client, url, answers) = (client.clone(), url.clone(), answers.clone());
            let (sent, acknowledged, stop) = (sent.clone(), acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let key = format!("kill-{c:02}-{n:06}-0000-4000-8000-000000000000");
                    let answer = client
                        .post(&url)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", &key)
                        .body(answers.clone())
                        .send()
                        .and_then(|r| {
                            let status = r.status();
                            r.json::<serde_json::Value>().map(|body| (status, body))
                        });
                    match answer {
                        Ok((status, body)) => {
                            assert_eq!(status, reqwest::StatusCode::CREATED, "{body}");
                            let number = body["arrival_number"].as_str().unwrap().to_string();
                            sent.lock().unwrap().acknowledged.push((key, number));
                            acknowledged.fetch_add(1, Ordering::Relaxed);
                        }
                        // The server is gone: this filing's fate is unknown to its sender.
                        Err(_) => {
                            sent.lock().unwrap().unanswered.push(key);
                            return;
                        }
                    }
                }
            })
        })
        .collect();
    // Killed in the middle of a stream of filings: `clients` are in flight at any moment.
    let started = Instant::now();
    while acknowledged.load(Ordering::Relaxed) < before_kill {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "filings were acknowledged"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // The filings so far shared batches (their count is read just before the kill, while
    // the clients go on filing, so the kill lands on batches like these).
    let (batches, in_batches) = batch_counts(&client, &base);
    assert!(
        in_batches >= before_kill as u64,
        "every filing went through a batch: {in_batches}"
    );
    if clients.len() >= 64 {
        assert!(
            in_batches > 2 * batches,
            "64 clients' filings shared batches: {in_batches} filings in {batches} batches"
        );
    }
    server.0.kill().unwrap();
    server.0.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }

    let sent = sent.lock().unwrap();
    let tenant = madoguchi_app::operations::DEMO_TENANT.into();
    let mut conn = db.db.conn().unwrap();
    let complete = |conn: &mut madoguchi_store::PooledConn, key: &str| -> Option<String> {
        let k = conn.find_idempotency(&tenant, key).unwrap()?;
        let row = conn
            .find_submission(&tenant, &k.submission_id)
            .unwrap()
            .expect("a key's submission is stored");
        assert!(
            !conn.events(&tenant, &row.id).unwrap().is_empty(),
            "{key}: stored with its history"
        );
        Some(row.arrival_number)
    };
    for (key, number) in &sent.acknowledged {
        assert_eq!(
            complete(&mut conn, key).as_deref(),
            Some(number.as_str()),
            "{key} was acknowledged"
        );
        assert!(
            conn.find_submission_by_arrival_number(&tenant, number)
                .unwrap()
                .is_some()
        );
    }
    let unanswered_stored = sent
        .unanswered
        .iter()
        .filter(|key| complete(&mut conn, key).is_some())
        .count();
    // Every stored submission is one of the keys sent, once: none twice, none without a key.
    assert_eq!(
        conn.count_submissions().unwrap(),
        i64::try_from(sent.acknowledged.len() + unanswered_stored).unwrap(),
        "{} acknowledged, {} of {} unanswered stored",
        sent.acknowledged.len(),
        unanswered_stored,
        sent.unanswered.len()
    );
}
