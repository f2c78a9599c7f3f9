//! `/readyz` says 503 promptly when the database is gone, whether its host stops answering
//! (connections hang) or its server is down (connections close), and 200 again once it is
//! back. The database is PostgreSQL behind a TCP relay on loopback that the test cuts.
//! How long each answer took is printed, not asserted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use madoguchi_server::{Application, Settings};
use madoguchi_testkit::{TestDb, defaults};

const FORWARD: u8 = 0;
/// Nothing passes and nothing closes: a host that vanished from the network.
const HANG: u8 = 1;
/// Every connection is closed, new ones at once: a database server that stopped.
const CLOSE: u8 = 2;

/// A TCP relay to the database whose behaviour the test switches.
struct Relay {
    addr: SocketAddr,
    mode: Arc<AtomicU8>,
}

impl Relay {
    fn start(upstream: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mode = Arc::new(AtomicU8::new(FORWARD));
        let accept_mode = Arc::clone(&mode);
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let mode = Arc::clone(&accept_mode);
                std::thread::spawn(move || match mode.load(Ordering::SeqCst) {
                    FORWARD => {
                        let Ok(server) = TcpStream::connect(upstream) else {
                            return;
                        };
                        let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                        let back = Arc::clone(&mode);
                        std::thread::spawn(move || pump(s2, c2, &back));
                        pump(client, server, &mode);
                    }
                    HANG => {
                        hold(&mode);
                        let _ = client.shutdown(Shutdown::Both);
                    }
                    _ => {
                        let _ = client.shutdown(Shutdown::Both);
                    }
                });
            }
        });
        Relay { addr, mode }
    }

    fn set(&self, mode: u8) {
        self.mode.store(mode, Ordering::SeqCst);
    }
}

/// Waits while the relay hangs.
fn hold(mode: &AtomicU8) {
    while mode.load(Ordering::SeqCst) == HANG {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Copies `from` to `to` while forwarding; holds the bytes while hanging; closes both when
/// closing.
fn pump(mut from: TcpStream, mut to: TcpStream, mode: &AtomicU8) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        hold(mode);
        if mode.load(Ordering::SeqCst) != FORWARD || to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}

/// `postgres://user@host:port/db` with host:port replaced by `addr`.
fn through(url: &str, addr: SocketAddr) -> (String, SocketAddr) {
    let start = url
        .find('@')
        .map_or(url.find("://").unwrap() + 3, |at| at + 1);
    let end = start + url[start..].find('/').unwrap();
    let upstream = url[start..end]
        .parse()
        .expect("TEST_DATABASE_URL names host:port");
    (format!("{}{addr}{}", &url[..start], &url[end..]), upstream)
}

async fn ready(client: &reqwest::Client, base: &str) -> (u16, Duration) {
    let started = Instant::now();
    let status = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("/readyz answers")
        .status()
        .as_u16();
    (status, started.elapsed())
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn readyz_says_503_promptly_when_the_database_is_gone() {
    let db = TestDb::postgres();
    // Where the relay listens is known only once it runs: start it towards the server.
    let (_, upstream) = through(&db.url, "127.0.0.1:1".parse().unwrap());
    let relay = Relay::start(upstream);
    let (url, _) = through(&db.url, relay.addr);
    let data = tempfile::tempdir().unwrap();
    let settings = Settings {
        listen: "127.0.0.1:0".into(),
        public_url: "https://madoguchi.test".into(),
        database_url: url,
        forms_dir: defaults::forms_dir(),
        municipality_file: defaults::municipality_file(),
        postal_codes_file: defaults::postal_sample(),
        data_dir: data.path().to_path_buf(),
        db_pool_size: 4,
        http_workers: Some(1),
        ..Settings::default()
    };
    let application = Application::build(settings).unwrap();
    let base = format!("http://127.0.0.1:{}", application.port());
    actix_web::rt::spawn(application.run_until_stopped());
    // The client waits far longer than any answer should take: the figures printed show
    // what it took.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    let (status, took) = ready(&client, &base).await;
    assert_eq!(status, 200, "ready while the database answers");
    println!("readyz with the database: {status} in {took:?}");

    relay.set(HANG);
    for probe in 1..=3 {
        let (status, took) = ready(&client, &base).await;
        println!("readyz with the database host silent, probe {probe}: {status} in {took:?}");
        assert_eq!(status, 503, "not ready while the database host is silent");
    }

    relay.set(CLOSE);
    for probe in 1..=3 {
        let (status, took) = ready(&client, &base).await;
        println!("readyz with the database server down, probe {probe}: {status} in {took:?}");
        assert_eq!(status, 503, "not ready while the database server is down");
    }

    relay.set(FORWARD);
    let mut status = 0;
    for _ in 0..60 {
        status = ready(&client, &base).await.0;
        if status == 200 {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(status, 200, "ready again once the database is back");
}
