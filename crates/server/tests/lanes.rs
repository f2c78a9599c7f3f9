//! One slow webhook receiver does not hold up email: the lanes run side by side. A real
//! HTTP receiver on loopback takes a filing's webhook and does not answer; while it hangs,
//! the filing's receipt goes out over a real SMTP conversation. Before lanes, the one loop
//! sat in the webhook post until the receiver answered.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use madoguchi_server::hooks::HttpHookSender;
use madoguchi_server::mail::SmtpMailer;
use madoguchi_server::workers::{self, Transports, Work};
use madoguchi_testkit::{Engine, SmtpSink, TestApp};

const AUTHOR: &str = "koseki-jumin.author";

/// A webhook receiver that reads a request, reports it, and answers 200 only when released.
struct SlowReceiver {
    port: u16,
    arrived: mpsc::Receiver<()>,
    release: mpsc::Sender<()>,
}

impl SlowReceiver {
    fn start() -> SlowReceiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (arrived_tx, arrived) = mpsc::channel();
        let (release, release_rx) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            // The request line and headers (the body is not needed to hang).
            while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
                line.clear();
            }
            arrived_tx.send(()).unwrap();
            let _ = release_rx.recv();
            let mut stream = stream;
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
        });
        SlowReceiver {
            port,
            arrived,
            release,
        }
    }
}

fn email_goes_out_while_a_webhook_hangs(engine: Engine) {
    let t = TestApp::builder().engine(engine).clerk_of(AUTHOR).build();
    let receiver = SlowReceiver::start();
    t.app
        .integrations(&t.clerk_in(AUTHOR).tenant)
        .create_webhook(
            t.clerk_in(AUTHOR),
            &format!("http://127.0.0.1:{}/hook", receiver.port),
            &["submission.received".to_string()],
        )
        .unwrap();
    t.resident().file_juminhyo();

    let sink = SmtpSink::start();
    let transports = Transports {
        mailer: Box::new(SmtpMailer::plain("127.0.0.1", sink.port())),
        // Longer than this test waits for the mail: only the release ends the post.
        hooks: Box::new(HttpHookSender::answered_within(Duration::from_secs(600))),
    };
    let lanes = workers::start(&t.app, Work::All, transports, Duration::from_millis(100));
    assert_eq!(
        lanes.names(),
        [
            "procedures",
            "mail",
            "webhooks",
            "payments",
            "reminders",
            "bookings",
            "booking-days",
            "retention"
        ],
        "every job has a lane"
    );
    receiver
        .arrived
        .recv_timeout(Duration::from_secs(60))
        .expect("the first filing's webhook was posted to the receiver");

    // The receiver holds that webhook. A filing made now must still get its receipt.
    let later = t.resident().file_juminhyo();
    let queued: Vec<String> = t
        .outbox(later.submission_id.as_str())
        .into_iter()
        .map(|m| m.message_id)
        .collect();
    assert!(!queued.is_empty(), "the filing queued its receipt");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let sent: Vec<String> = sink
            .received()
            .iter()
            .filter_map(|m| m.header("Message-ID"))
            .collect();
        if queued.iter().all(|q| sent.contains(q)) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the later filing's mail did not go out while the webhook hung: sent {sent:?}, queued {queued:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    receiver.release.send(()).unwrap();
    lanes.stop();
}

#[test]
fn email_goes_out_while_a_webhook_hangs_sqlite() {
    email_goes_out_while_a_webhook_hangs(Engine::Sqlite);
}

#[test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
fn email_goes_out_while_a_webhook_hangs_postgres() {
    email_goes_out_while_a_webhook_hangs(Engine::Postgres);
}
