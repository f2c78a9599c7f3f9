//! The real binary's log, as a collector gets it (standard output not a terminal): JSON
//! lines without colour codes, one access line per request with the route pattern, status,
//! duration and request id, and never the path's token or the query string. And its traces,
//! as an OpenTelemetry collector gets them: OTLP/HTTP posts to a receiver on loopback, the
//! request's span named by its route pattern, with its request id, without the token.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use madoguchi_testkit::defaults;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What a receiver got: each post's head and body.
type Posts = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// A receiver of OTLP/HTTP posts on loopback: keeps each request's head and body, answers
/// 200 with an empty (valid) protobuf message.
fn otlp_receiver() -> (u16, Posts) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let posts = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&posts);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            sink.lock().unwrap().push((head, body));
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/x-protobuf\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
        }
    });
    (port, posts)
}

/// Waits (up to a minute) until `done` holds for the lines logged so far.
fn wait_for(lines: &Mutex<Vec<String>>, done: impl Fn(&[String]) -> bool) {
    let started = Instant::now();
    while !done(&lines.lock().unwrap()) && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn access_lines_are_json_with_the_route_pattern_and_no_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let config = dir.path().join("madoguchi.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:{port}\"\ndemo = true\nrequire_identity = false\n\
             database_url = {:?}\nforms_dir = {:?}\ndata_dir = {:?}\nmunicipality_file = {:?}\n\
             postal_codes_file = {:?}\ntrusted_proxies = [\"127.0.0.1\"]\nhttp_workers = 1\n",
            format!("sqlite://{}", dir.path().join("m.db").display()),
            defaults::forms_dir().display().to_string(),
            dir.path().join("data").display().to_string(),
            defaults::municipality_file().display().to_string(),
            defaults::postal_sample().display().to_string(),
        ),
    )
    .unwrap();
    let (otlp_port, posts) = otlp_receiver();
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--config")
        .arg(&config)
        .arg("serve")
        .env_remove("MADOGUCHI_LOG_FORMAT")
        .env("RUST_LOG", "info")
        .env(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            format!("http://127.0.0.1:{otlp_port}/v1/traces"),
        )
        // Batches leave every 100 ms rather than every 5 s.
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start `madoguchi serve`");
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            sink.lock().unwrap().push(line);
        }
    });

    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    while client.get(format!("{base}/healthz")).send().is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server did not start: {:#?}",
            lines.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // From a listed proxy (the test's own address), with its request id.
    let res = client
        .get(format!(
            "{base}/corrections/secret-tok-123456?email=taro-secret-query%40example.jp"
        ))
        .header("x-request-id", "proxy-id-42")
        .send()
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "proxy-id-42");
    let status = res.status().as_u16();
    assert!((400..500).contains(&status), "an unknown link: {status}");
    // A staff page without a session: a redirect to the sign-in page, not an error.
    let res = client.get(format!("{base}/office")).send().unwrap();
    let office_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert!(res.status().is_redirection(), "{}", res.status());

    wait_for(&lines, |l| {
        l.iter().any(|l| l.contains("proxy-id-42")) && l.iter().any(|l| l.contains(&office_id))
    });
    let lines = lines.lock().unwrap().clone();
    let all = lines.join("\n");
    assert!(!all.contains('\u{1b}'), "no colour codes in a file");
    assert!(
        !all.contains("secret-tok-123456"),
        "never the path's token: {all}"
    );
    assert!(!all.contains("taro-secret-query"), "never the query: {all}");
    // Every line is JSON, the start-up banner's included (a collector reads them all).
    let parsed: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let access: Vec<&serde_json::Value> = parsed
        .iter()
        .filter(|v| v["target"] == "madoguchi_web::observe::access")
        .collect();
    let line = access
        .iter()
        .find(|v| v["request_id"] == "proxy-id-42")
        .expect("the access line of the request");
    assert_eq!(line["http.route"], "/corrections/{token}", "{line}");
    assert_eq!(line["http.method"], "GET");
    assert_eq!(line["http.status_code"], status);
    assert_eq!(
        line["level"], "INFO",
        "a person's mistake is not an error: {line}"
    );
    assert!(line["duration_ms"].is_u64(), "{line}");
    assert_eq!(line["span"]["request_id"], "proxy-id-42", "{line}");
    assert_eq!(
        access
            .iter()
            .filter(|v| v["request_id"] == "proxy-id-42")
            .count(),
        1,
        "one access line per request"
    );
    let office = access
        .iter()
        .find(|v| v["request_id"] == office_id.as_str())
        .expect("the redirect's access line");
    assert_eq!(office["level"], "INFO", "{office}");
    assert!(
        !access.iter().any(|v| v["level"] == "ERROR"),
        "no request here failed on our side: {all}"
    );
    // The banner, as events: where the service runs, and the demo logins it was asked for.
    assert!(
        parsed.iter().any(|v| v["target"] == "madoguchi::start"
            && v["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Madoguchi is running at"))),
        "the banner's address line: {all}"
    );
    // The traces: the request's span reached the collector, named by the route pattern,
    // with the request id, and without the path's token or the query.
    let started = Instant::now();
    let exported = loop {
        let all: Vec<u8> = posts
            .lock()
            .unwrap()
            .iter()
            .flat_map(|(_, b)| b.clone())
            .collect();
        let found = |needle: &str| all.windows(needle.len()).any(|w| w == needle.as_bytes());
        if found("proxy-id-42") || started.elapsed() > Duration::from_secs(30) {
            break all;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let found = |needle: &str| {
        exported
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    };
    assert!(
        found("proxy-id-42"),
        "the request's span was exported with its id"
    );
    assert!(
        found("GET /corrections/{token}"),
        "the span is named by its route pattern"
    );
    assert!(found("madoguchi"), "the service's name");
    assert!(
        !found("secret-tok-123456") && !found("taro-secret-query"),
        "no token, no query"
    );
    let (head, _) = posts.lock().unwrap()[0].clone();
    assert!(head.starts_with("POST /v1/traces "), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/x-protobuf"),
        "{head}"
    );

    // Probes, asked every few seconds, are counted but not logged at INFO.
    assert!(
        !access
            .iter()
            .any(|v| v["http.route"] == "/healthz" && v["level"] != "DEBUG"),
        "a probe's access line is DEBUG: {all}"
    );
}
