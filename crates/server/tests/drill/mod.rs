//! The restore drill's parts: the `madoguchi` binary started as an operator starts it, a
//! resident's browser and a clerk's, and the deploy scripts. Each test that includes it
//! uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use madoguchi_testkit::defaults;
use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;

/// A `madoguchi serve` process; stopped (SIGTERM, then waited for) when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    log: PathBuf,
}

/// What an instance is: its configuration file, data folder and database.
pub struct Instance {
    pub config: PathBuf,
    pub data_dir: PathBuf,
    pub database_url: String,
    port: u16,
    starts: std::cell::Cell<u32>,
}

impl Instance {
    /// A configuration for the demo (its clerks read the filing back) on a free port.
    pub fn new(dir: &Path, database_url: &str) -> Instance {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let data_dir = dir.join("data");
        let config = dir.join("madoguchi.toml");
        let path = |p: PathBuf| p.display().to_string();
        std::fs::write(
            &config,
            format!(
                "listen = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n\
                 database_url = {database_url:?}\ndata_dir = {:?}\nforms_dir = {:?}\n\
                 municipality_file = {:?}\npostal_codes_file = {:?}\ndemo = true\n\
                 require_identity = false\nhttp_workers = 1\n",
                path(data_dir.clone()),
                path(defaults::forms_dir()),
                path(defaults::municipality_file()),
                path(defaults::postal_sample()),
            ),
        )
        .unwrap();
        Instance {
            config,
            data_dir,
            database_url: database_url.to_string(),
            port,
            starts: std::cell::Cell::new(0),
        }
    }

    /// Starts `madoguchi serve` and waits until it answers `/readyz`.
    pub fn start(&self) -> Server {
        self.starts.set(self.starts.get() + 1);
        let log = self
            .config
            .with_file_name(format!("serve-{}.log", self.starts.get()));
        let child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
            .arg("--config")
            .arg(&self.config)
            .arg("serve")
            .env_remove("MADOGUCHI_DATABASE_URL")
            .env_remove("MADOGUCHI_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start `madoguchi serve`");
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{}", self.port),
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("madoguchi serve ended ({status}):\n{}", server.log());
            }
            let ready = reqwest::blocking::get(format!("{}/readyz", server.base));
            if ready.is_ok_and(|r| r.status() == StatusCode::OK) {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "madoguchi serve is not ready:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Runs `deploy/<script>` for this instance with `args` after the instance's options.
    pub fn script(&self, script: &str, args: &[&str]) -> Output {
        let path = defaults::repo_root().join("deploy").join(script);
        Command::new("bash")
            .arg(path)
            .arg("--database-url")
            .arg(&self.database_url)
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(args)
            .output()
            .expect("run bash")
    }
}

impl Server {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(40);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser: keeps cookies, does not follow redirects.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

pub fn get(client: &Client, url: &str) -> (StatusCode, String) {
    let res = client.get(url).send().unwrap();
    let status = res.status();
    (status, res.text().unwrap())
}

/// Posts a form with the page's CSRF token first.
pub fn post_form(client: &Client, url: &str, csrf: &str, fields: &[(&str, &str)]) -> Response {
    let mut all: Vec<(&str, &str)> = vec![("csrf_token", csrf)];
    all.extend_from_slice(fields);
    client.post(url).form(&all).send().unwrap()
}

/// The value of the first `<input name="{name}" value="…">` of a page.
pub fn input_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no input {name} in page"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

pub fn location(res: &Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

/// The first link in `html` starting with `prefix`.
pub fn link(html: &str, prefix: &str) -> String {
    let at = html
        .find(&format!("\"{prefix}"))
        .unwrap_or_else(|| panic!("no link to {prefix}… in page"))
        + 1;
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

/// A `multipart/form-data` body with fields and one PDF, as a browser sends it.
pub fn multipart(fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--XyZ\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    let (name, filename, bytes) = file;
    body.extend_from_slice(
        format!(
            "--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
             Content-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    body
}

/// A demo clerk signed in through the pages: password, then the authenticator code (the
/// next one if this one was used in the same 30 seconds).
pub fn staff_sign_in(server: &Server, login: &str) -> Client {
    let client = browser();
    let (_, page) = get(&client, &server.url("/office/login"));
    let res = post_form(
        &client,
        &server.url("/office/login"),
        &input_value(&page, "csrf_token"),
        &[("login", login), ("password", "madoguchi-demo")],
    );
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{login}: password");
    let (_, page) = get(&client, &server.url("/office/login/code"));
    let csrf = input_value(&page, "csrf_token");
    for ahead in 0..=1 {
        let code = defaults::demo_code(chrono::Utc::now(), ahead);
        let res = post_form(
            &client,
            &server.url("/office/login/code"),
            &csrf,
            &[("code", &code)],
        );
        if res.status() == StatusCode::SEE_OTHER {
            return client;
        }
    }
    panic!("{login}: the demo code was refused");
}

/// The procedure the drills file: it has a file question and the claimant's My Number.
pub const PROCEDURE: &str = "jido-teate-nintei";
/// Its shipped example the drills file.
pub const EXAMPLE: &str = "first-baby-public-account.json";

/// Attaches `bytes` as `filename` to the bank-book question on the procedure's payment
/// step, as a resident's browser sends it (the step's form, the file's part last).
pub fn attach_bankbook(
    server: &Server,
    resident: &Client,
    filename: &str,
    bytes: &[u8],
) -> Response {
    let csrf = payment_step_token(server, resident);
    post_bankbook(server, resident, &csrf, filename, bytes)
}

/// Opens the procedure's payment step; returns the CSRF token of its form.
pub fn payment_step_token(server: &Server, resident: &Client) -> String {
    let (status, step) = get(resident, &server.url(&format!("/p/{PROCEDURE}/payment")));
    assert_eq!(status, StatusCode::OK);
    input_value(&step, "csrf_token")
}

/// Posts the payment step's form with `bytes` attached as `filename`.
pub fn post_bankbook(
    server: &Server,
    resident: &Client,
    csrf: &str,
    filename: &str,
    bytes: &[u8],
) -> Response {
    let fields = [
        ("csrf_token", csrf),
        ("payment_account", "other_account"),
        ("_file", "bankbook_copy"),
    ];
    resident
        .post(server.url(&format!("/p/{PROCEDURE}/payment/files")))
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(multipart(&fields, ("file:bankbook_copy", filename, bytes)))
        .send()
        .unwrap()
}

/// Answers every step from the shipped example and submits from the check page. Returns
/// the check page and the arrival number.
pub fn answer_and_submit(server: &Server, resident: &Client) -> (String, String) {
    let form = defaults::form(PROCEDURE);
    let data = form.normalize_json(defaults::example_today(PROCEDURE, EXAMPLE));
    let (_, page) = get(resident, &server.url(&format!("/p/{PROCEDURE}/payment")));
    let csrf = input_value(&page, "csrf_token");
    for step in form.shown_steps(&data) {
        let pairs = madoguchi_forms::input::posted_from_data(step, &data);
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = post_form(
            resident,
            &server.url(&format!("/p/{PROCEDURE}/{}", step.id)),
            &csrf,
            &pairs,
        );
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {}", step.id);
    }
    let (_, check) = get(resident, &server.url(&format!("/p/{PROCEDURE}/check")));
    let res = post_form(
        resident,
        &server.url(&format!("/p/{PROCEDURE}/submit")),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    );
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "filed");
    let number = location(&res).trim_start_matches("/receipts/").to_string();
    (check, number)
}
