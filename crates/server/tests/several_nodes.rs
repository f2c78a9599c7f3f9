//! Several nodes on one PostgreSQL and one S3-compatible bucket: two `madoguchi serve
//! --no-worker` processes (A and B, each with its own data folder) and one `madoguchi
//! worker`, the bucket a real S3 server on loopback (`s3/mod.rs`). A resident starts a
//! draft on A, attaches a file on B and files on A; a clerk signs in and downloads the
//! file on B and decides on A; the worker sends the mail. Nothing a node needs is on
//! that node alone: the files are in the bucket, sessions, drafts and the outbox in the
//! database, and the keys are the deployment's (given to every process).
//!
//! Two cities at once: Sendai's resident and clerk go A → B → A, Shiroishi's (its host
//! named in `Host`, its own 児童手当 form from `forms/cities/042064`) go B → A → B, and the
//! bucket holds one key prefix per city.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod s3;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use madoguchi_testkit::{SmtpSink, TestDb, defaults};
use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use s3::S3Server;

/// A child process, killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A node: its address and its own data folder.
struct Node {
    base: String,
    data: tempfile::TempDir,
    _process: Process,
}

impl Node {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `madoguchi <command>` with its own data folder, the deployment's keys, the
/// database, the bucket and the mail relay; for `serve`, waits until it listens.
fn start(command: &[&str], db: &TestDb, bucket: &S3Server, sink: &SmtpSink) -> Node {
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let config = data.path().join("madoguchi.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:{port}\"\npublic_url = \"https://madoguchi.test\"\ndatabase_url = {:?}\n\
             demo = true\nrequire_identity = false\nforms_dir = {:?}\ndata_dir = {:?}\n\
             municipality_file = {:?}\npostal_codes_file = {:?}\nmail_poll_ms = 100\n\n\
             [payment]\nprovider = \"none\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\n{}",
            db.url,
            defaults::forms_dir().display().to_string(),
            data.path().join("data").display().to_string(),
            defaults::municipality_file().display().to_string(),
            defaults::postal_sample().display().to_string(),
            sink.port(),
            bucket.toml(),
        ),
    )
    .unwrap();
    let log = data.path().join("stderr.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--config")
        .arg(&config)
        .args(command)
        // Every node of one deployment has the same keys.
        .envs(
            [
                "CSRF",
                "TOTP",
                "MYNUMBER",
                "ENROLMENT",
                "COUNTER",
                "STUBPAY",
            ]
            .map(|name| {
                (
                    format!("MADOGUCHI_{name}_KEY"),
                    format!("{:02x}", name.len() + 16).repeat(32),
                )
            }),
        )
        .env_remove("MADOGUCHI_DEMO")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start madoguchi");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let _ = tx.send(lines.any(|l| l.contains("Press Ctrl+C to stop")));
        // Keep reading so the process never blocks on a full pipe.
        lines.for_each(drop);
    });
    if command[0] == "serve" {
        let running = rx.recv_timeout(Duration::from_secs(300)).unwrap_or(false);
        assert!(
            running,
            "{command:?} did not start:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
    Node {
        base: format!("http://127.0.0.1:{port}"),
        data,
        _process: Process(child),
    }
}

/// A browser: keeps cookies (for 127.0.0.1, whichever node's port), follows no redirect.
fn browser() -> Client {
    city_browser("127.0.0.1")
}

/// A browser of the city whose host is `host` (sent as `Host` to whichever node).
fn city_browser(host: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::HOST, host.parse().unwrap());
    Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

fn get(client: &Client, url: &str) -> (StatusCode, String) {
    let res = client.get(url).send().unwrap();
    (res.status(), res.text().unwrap())
}

fn input_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no input {name}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

fn post_form(client: &Client, url: &str, csrf: &str, fields: &[(&str, &str)]) -> Response {
    let mut all = vec![("csrf_token", csrf)];
    all.extend_from_slice(fields);
    client.post(url).form(&all).send().unwrap()
}

fn location(res: &Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

/// The first link in `html` that contains `part`.
fn link_with(html: &str, part: &str) -> String {
    let at = html
        .find(part)
        .unwrap_or_else(|| panic!("no link with {part}"));
    let start = html[..at].rfind('"').unwrap() + 1;
    html[start..at + html[at..].find('"').unwrap()].to_string()
}

fn multipart(fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--XyZ\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    let (name, filename, bytes) = file;
    body.extend_from_slice(format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    body
}

/// A demo clerk signed in on `node`: password, then the demo authenticator code.
fn staff_sign_in(node: &Node, login: &str) -> Client {
    staff_sign_in_at(node, "127.0.0.1", login)
}

fn staff_sign_in_at(node: &Node, host: &str, login: &str) -> Client {
    let client = city_browser(host);
    let (_, page) = get(&client, &node.url("/office/login"));
    let res = post_form(
        &client,
        &node.url("/office/login"),
        &input_value(&page, "csrf_token"),
        &[("login", login), ("password", "madoguchi-demo")],
    );
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{login}: password");
    let (_, page) = get(&client, &node.url("/office/login/code"));
    let csrf = input_value(&page, "csrf_token");
    for ahead in 0..=1 {
        let code = defaults::demo_code(chrono::Utc::now(), ahead);
        let res = post_form(
            &client,
            &node.url("/office/login/code"),
            &csrf,
            &[("code", &code)],
        );
        if res.status() == StatusCode::SEE_OTHER {
            return client;
        }
    }
    panic!("the demo code was refused");
}

#[test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
fn a_resident_and_a_clerk_move_between_two_nodes_and_a_worker() {
    let db = TestDb::empty_postgres();
    let bucket = S3Server::start();
    let sink = SmtpSink::start();
    let a = start(&["serve", "--no-worker"], &db, &bucket, &sink);
    let b = start(&["serve", "--no-worker"], &db, &bucket, &sink);
    let _worker = start(&["worker"], &db, &bucket, &sink);
    let id = "jido-teate-nintei";
    let pdf: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <<>> endobj\n% several nodes\n";

    // The draft on A: every step of an example application.
    let resident = browser();
    let (status, step) = get(&resident, &a.url(&format!("/p/{id}/payment")));
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&step, "csrf_token");
    let form = defaults::form(id);
    let example = defaults::example_today(id, "first-baby-public-account.json");
    let data = form.normalize_json(example);
    for step in form.shown_steps(&data) {
        let pairs = madoguchi_forms::input::posted_from_data(step, &data);
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = post_form(
            &resident,
            &a.url(&format!("/p/{id}/{}", step.id)),
            &csrf,
            &pairs,
        );
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {} on A", step.id);
    }

    // The file on B (the same browser, the same draft).
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("payment_account", "public_benefit_account"),
        ("_file", "bankbook_copy"),
    ];
    let res = resident
        .post(b.url(&format!("/p/{id}/payment/files")))
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(multipart(&fields, ("file:bankbook_copy", "通帳.pdf", pdf)))
        .send()
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "upload on B");
    assert!(res.text().unwrap().contains("通帳.pdf"));
    let keys = bucket.keys();
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(keys[0].starts_with("041009/"), "{keys:?}");

    // Filed on A: the check page there lists the file B took.
    let (_, check) = get(&resident, &a.url(&format!("/p/{id}/check")));
    assert!(check.contains("通帳.pdf"), "A sees the file uploaded on B");
    let res = post_form(
        &resident,
        &a.url(&format!("/p/{id}/submit")),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    );
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "submit on A");
    let receipt_url = location(&res);
    let number = receipt_url.trim_start_matches("/receipts/").to_string();
    let (status, receipt) = get(&resident, &b.url(&receipt_url));
    assert_eq!(status, StatusCode::OK, "the receipt on B");
    assert!(receipt.contains("通帳.pdf"));
    // Issued documents are drawn from the database on request, on any node.
    let res = resident
        .get(b.url(&format!("{receipt_url}/pdf")))
        .send()
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the receipt PDF on B");
    assert!(res.bytes().unwrap().starts_with(b"%PDF-"));

    // The clerk signs in on B, downloads the file on B, decides on A.
    let clerk = staff_sign_in(&b, "hoken-nenkin@sendai.example");
    let (_, queue) = get(&clerk, &b.url(&format!("/office/queue?q={number}")));
    let detail_path = link_with(&queue, "/office/submissions/");
    let (_, detail) = get(&clerk, &b.url(&detail_path));
    let file_path = link_with(&detail, "/files/");
    let res = clerk.get(b.url(&file_path)).send().unwrap();
    assert_eq!(res.status(), StatusCode::OK, "download on B");
    assert_eq!(res.bytes().unwrap().as_ref(), pdf);
    // And on A, which never had it on disk.
    let res = clerk.get(a.url(&file_path)).send().unwrap();
    assert_eq!(res.status(), StatusCode::OK, "download on A");
    assert_eq!(res.bytes().unwrap().as_ref(), pdf);
    let (_, detail) = get(&clerk, &a.url(&detail_path));
    let res = post_form(
        &clerk,
        &a.url(&format!("{detail_path}/decision")),
        &input_value(&detail, "csrf_token"),
        &[("decision", "approve"), ("reason", "")],
    );
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "decision on A");
    let (_, detail) = get(&clerk, &b.url(&detail_path));
    assert!(detail.contains("status-approved"), "B shows A's decision");

    // Shiroishi on the same nodes, the other way round.
    shiroishi_journey(&b, &a, pdf);
    let keys = bucket.keys();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys.iter().any(|k| k.starts_with("041009/")), "{keys:?}");
    assert!(keys.iter().any(|k| k.starts_with("042064/")), "{keys:?}");

    // The worker sent each city's receipt and decision, each to its own resident.
    let mails = sink.wait_for(4, Duration::from_secs(60));
    let to = |who: &str| mails.iter().filter(|m| m.to == [who]).count();
    assert_eq!(to("taro.sendai@example.jp"), 2, "{mails:?}");
    assert_eq!(to("taro.shiroishi@example.jp"), 2, "{mails:?}");
    // No node kept the file: its data folder has no stored files (only staging).
    for node in [&a, &b] {
        let files = node.data.path().join("data/files");
        let kept: Vec<_> = std::fs::read_dir(&files)
            .map(|d| d.map(|e| e.unwrap().file_name()).collect())
            .unwrap_or_default();
        assert!(kept.iter().all(|n| n == ".incoming"), "{kept:?}");
    }
}

/// Shiroishi's resident drafts on `first`, attaches on `second` and files on `first`; its
/// clerk downloads on `second` and decides on `first`. The form is Shiroishi's own copy of
/// 児童手当 (same id as Sendai's, its own texts and example).
fn shiroishi_journey(first: &Node, second: &Node, pdf: &[u8]) {
    const HOST: &str = "shiroishi.localhost";
    let id = "jido-teate-nintei";
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/cities/042064");
    let forms = madoguchi_forms::FormRegistry::load_dir(&folder).unwrap();
    let form = forms.get(id).unwrap();
    let (filed_on, example) = madoguchi_forms::examples::read_valid(
        &folder
            .join(id)
            .join("examples/valid/first-baby-public-account.json"),
    )
    .unwrap();
    let example = defaults::moved(example, (defaults::today_in_japan() - filed_on).num_days());
    let data = form.normalize_json(example);

    let resident = city_browser(HOST);
    let (status, step) = get(&resident, &first.url(&format!("/p/{id}/payment")));
    assert_eq!(status, StatusCode::OK);
    assert!(step.contains("白石市"), "Shiroishi's own page");
    let csrf = input_value(&step, "csrf_token");
    for step in form.shown_steps(&data) {
        let pairs = madoguchi_forms::input::posted_from_data(step, &data);
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = post_form(
            &resident,
            &first.url(&format!("/p/{id}/{}", step.id)),
            &csrf,
            &pairs,
        );
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "Shiroishi: step {}",
            step.id
        );
    }
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("payment_account", "public_benefit_account"),
        ("_file", "bankbook_copy"),
    ];
    let res = resident
        .post(second.url(&format!("/p/{id}/payment/files")))
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(multipart(
            &fields,
            ("file:bankbook_copy", "白石の通帳.pdf", pdf),
        ))
        .send()
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "Shiroishi: upload");
    let (_, check) = get(&resident, &first.url(&format!("/p/{id}/check")));
    assert!(
        check.contains("白石の通帳.pdf"),
        "the file taken by the other node"
    );
    let res = post_form(
        &resident,
        &first.url(&format!("/p/{id}/submit")),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    );
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "Shiroishi: submit");
    let number = location(&res).trim_start_matches("/receipts/").to_string();

    let clerk = staff_sign_in_at(second, HOST, "kosodate@shiroishi.example");
    let (_, queue) = get(&clerk, &second.url(&format!("/office/queue?q={number}")));
    let detail_path = link_with(&queue, "/office/submissions/");
    let (_, detail) = get(&clerk, &second.url(&detail_path));
    let res = clerk
        .get(second.url(&link_with(&detail, "/files/")))
        .send()
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "Shiroishi: download");
    assert_eq!(res.bytes().unwrap().as_ref(), pdf);
    let (_, detail) = get(&clerk, &first.url(&detail_path));
    let res = post_form(
        &clerk,
        &first.url(&format!("{detail_path}/decision")),
        &input_value(&detail, "csrf_token"),
        &[("decision", "approve"), ("reason", "")],
    );
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "Shiroishi: decision");
    // Sendai's clerk session means nothing on Shiroishi's host, and Sendai's host does not
    // show Shiroishi's filing to a Sendai clerk.
    let sendai_clerk = staff_sign_in(second, "hoken-nenkin@sendai.example");
    let (status, _) = get(&sendai_clerk, &second.url(&detail_path));
    assert!(
        matches!(status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
        "{status}"
    );
}
