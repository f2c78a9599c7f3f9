//! Clients that send slowly or send what they may not: bodies that trickle are cut off at
//! their deadline (408 or a closed connection) while `/healthz` keeps answering, and an
//! upload is refused before its file is read when its CSRF cookie or token is wrong, or
//! when too many are already being read; refused or finished, no staged file is left.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use madoguchi_e2e::TestServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What came back on a raw connection: a status, or the connection closed without one.
#[derive(Debug, PartialEq)]
enum Outcome {
    Status(u16),
    Closed,
}

/// Reads the status line of the answer, if one comes within `within`.
async fn answer(stream: &mut TcpStream, within: Duration) -> Option<Outcome> {
    let read = async {
        let mut seen = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return Outcome::Closed,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
            if let Some(end) = seen.windows(2).position(|w| w == b"\r\n") {
                let line = String::from_utf8_lossy(&seen[..end]).to_string();
                let code = line.split(' ').nth(1).and_then(|c| c.parse().ok());
                return code.map_or(Outcome::Closed, Outcome::Status);
            }
        }
    };
    tokio::time::timeout(within, read).await.ok()
}

/// Opens a connection and sends `head` (request line and headers, without the blank line).
async fn send_head(port: u16, head: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    stream
        .write_all(format!("{head}\r\n\r\n").as_bytes())
        .await
        .unwrap();
    stream
}

fn port_of(server: &TestServer) -> u16 {
    server.base.rsplit(':').next().unwrap().parse().unwrap()
}

/// A body sent a byte every 200 ms after `prefix`, until the server answers or closes.
async fn trickle(port: u16, path: &str, headers: &str, prefix: &[u8]) -> Outcome {
    let mut stream = send_head(
        port,
        &format!("POST {path} HTTP/1.1\r\nHost: localhost\r\n{headers}\r\nContent-Length: 60000"),
    )
    .await;
    if stream.write_all(prefix).await.is_err() {
        return Outcome::Closed;
    }
    // Generous: the deadline in the test is 2 s, the connections are queued behind others.
    let give_up = tokio::time::Instant::now() + Duration::from_secs(120);
    while tokio::time::Instant::now() < give_up {
        if stream.write_all(b"a").await.is_err() {
            return Outcome::Closed;
        }
        if let Some(outcome) = answer(&mut stream, Duration::from_millis(200)).await {
            return outcome;
        }
    }
    panic!("a trickling body was still being read after 120 s");
}

/// A browser's cookies (as a `Cookie` header value) and the CSRF token of the step with a
/// file question.
async fn step_cookies(server: &TestServer) -> (String, String) {
    let res = reqwest::get(server.url("/p/jido-teate-nintei/payment"))
        .await
        .unwrap();
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect();
    let page = res.text().await.unwrap();
    (
        cookies.join("; "),
        madoguchi_e2e::input_value(&page, "csrf_token"),
    )
}

/// The start of an upload as the step form sends it: the token, then the file's part.
fn upload_start(csrf: &str) -> Vec<u8> {
    format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{csrf}\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"file:bankbook_copy\"; filename=\"a.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    )
    .into_bytes()
}

#[actix_web::test]
async fn trickling_bodies_are_cut_off_while_healthz_answers() {
    const LIMIT: usize = 20;
    let server = TestServer::builder()
        .settings(|s| {
            s.http_workers = Some(1);
            s.http.max_connections = LIMIT;
            s.http.body_timeout_seconds = 2;
            s.http.upload_timeout_seconds = 2;
        })
        .start();
    let port = port_of(&server);
    let (cookies, csrf) = step_cookies(&server).await;
    let upload = upload_start(&csrf);
    // Three times the connections one worker takes, on a form, an upload and the API.
    let mut slow = Vec::new();
    for i in 0..3 * LIMIT {
        let (path, headers, prefix) = match i % 3 {
            0 => (
                "/p/juminhyo-copy/applicant",
                "Content-Type: application/x-www-form-urlencoded".to_string(),
                Vec::new(),
            ),
            1 => (
                "/p/jido-teate-nintei/payment/files",
                format!("Content-Type: multipart/form-data; boundary=XyZ\r\nCookie: {cookies}"),
                upload.clone(),
            ),
            _ => (
                "/api/v1/procedures/juminhyo-copy/validate",
                "Content-Type: application/json".to_string(),
                Vec::new(),
            ),
        };
        slow.push(tokio::spawn(async move {
            trickle(port, path, &headers, &prefix).await
        }));
    }
    // A fresh connection each time (no pooled one that skips the queue).
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let mut answered = 0;
    while slow.iter().any(|t| !t.is_finished()) {
        let res = client.get(server.url("/healthz")).send().await;
        assert_eq!(
            res.map(|r| r.status().as_u16()).ok(),
            Some(200),
            "/healthz answers while slow clients hold the connections"
        );
        answered += 1;
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(answered > 1, "/healthz was asked while the bodies trickled");
    let mut timed_out = 0;
    for t in slow {
        let outcome = t.await.unwrap();
        assert!(
            matches!(outcome, Outcome::Status(408 | 503) | Outcome::Closed),
            "a trickling body ends in 408 (503: an upload over the cap) or a closed connection, not {outcome:?}"
        );
        timed_out += usize::from(outcome == Outcome::Status(408));
    }
    assert!(
        timed_out >= 2 * LIMIT,
        "the bodies that trickled past their deadline are answered 408 ({timed_out})"
    );
    let res = client.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
}

/// `data` as one chunk of a chunked body.
fn chunk(data: &[u8]) -> Vec<u8> {
    [format!("{:x}\r\n", data.len()).as_bytes(), data, b"\r\n"].concat()
}

const UPLOAD: &str = "POST /p/jido-teate-nintei/payment/files HTTP/1.1\r\nHost: localhost\r\n\
                      Content-Type: multipart/form-data; boundary=XyZ";

#[actix_web::test]
async fn uploads_are_refused_before_their_file_is_read() {
    let server = TestServer::builder()
        .settings(|s| s.http.max_uploads = 1)
        .start();
    let port = port_of(&server);
    // The upload deadline is 300 s: an answer within this was not waiting for the body.
    let within = Duration::from_secs(20);

    // No cookie at all and 200 MB declared: 403 before anything is read.
    let mut stream = send_head(port, &format!("{UPLOAD}\r\nContent-Length: 200000000")).await;
    assert_eq!(
        answer(&mut stream, within).await,
        Some(Outcome::Status(403))
    );

    // The browser's cookie but a forged token, streamed: 403 once the token part is in,
    // while the file has not come.
    let (cookies, csrf) = step_cookies(&server).await;
    let streamed = format!("{UPLOAD}\r\nCookie: {cookies}\r\nTransfer-Encoding: chunked");
    let mut stream = send_head(port, &streamed).await;
    stream
        .write_all(&chunk(&upload_start("forged")))
        .await
        .unwrap();
    assert_eq!(
        answer(&mut stream, within).await,
        Some(Outcome::Status(403))
    );

    // A right token holds the only place for uploads: the next one gets 503 before its
    // body is read; once the first is done the place is free again.
    let mut first = send_head(port, &streamed).await;
    first.write_all(&chunk(&upload_start(&csrf))).await.unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut second = send_head(port, &streamed).await;
    second
        .write_all(&chunk(&upload_start(&csrf)))
        .await
        .unwrap();
    assert_eq!(
        answer(&mut second, within).await,
        Some(Outcome::Status(503))
    );
    first
        .write_all(&[chunk(b"\r\n--XyZ--\r\n"), b"0\r\n\r\n".to_vec()].concat())
        .await
        .unwrap();
    assert_eq!(
        answer(&mut first, within).await,
        Some(Outcome::Status(200)),
        "the file is attached"
    );

    // A file that grows past the limit while it streams (no length declared): 413.
    let mut big = send_head(port, &streamed).await;
    big.write_all(&chunk(&upload_start(&csrf))).await.unwrap();
    let mib = vec![b'0'; 1024 * 1024];
    let mut outcome = None;
    for _ in 0..=madoguchi_app::kernel::MAX_FILE_BYTES / mib.len() + 1 {
        if big.write_all(&chunk(&mib)).await.is_err() {
            break;
        }
        outcome = answer(&mut big, Duration::from_millis(1)).await;
        if outcome.is_some() {
            break;
        }
    }
    let outcome = match outcome {
        Some(o) => Some(o),
        None => answer(&mut big, within).await,
    };
    assert_eq!(outcome, Some(Outcome::Status(413)));

    // Refused, attached or cut off, no staged file is left behind.
    let incoming = server.data_dir.join("files/.incoming");
    let left: Vec<_> = std::fs::read_dir(&incoming)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "staged files left: {left:?}");
}
