//! A real Madoguchi server for end-to-end tests: random port, fresh database, real SMTP
//! server on loopback, and an HTTP client that keeps cookies like a browser.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use madoguchi_server::settings::SmtpSettings;
use madoguchi_server::{Application, Settings};
use madoguchi_store::prelude::{DraftsRead, SubmissionsRead};
use madoguchi_testkit::{Engine, SmtpSink, TestDb, defaults};
use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};

pub use madoguchi_testkit;

#[derive(Debug)]
pub struct TestServer {
    pub base: String,
    pub sink: SmtpSink,
    pub db: TestDb,
    /// The server's data directory (keys, files).
    pub data_dir: PathBuf,
    _dir: tempfile::TempDir,
}

/// The public address the test server believes it has (links in mail, provider pages).
pub const PUBLIC_URL: &str = defaults::PUBLIC_URL;

/// Builds a `TestServer`: a fresh database (SQLite unless `engine` or `db` says otherwise)
/// and the test settings (`test_settings`), changed by `settings`.
pub struct TestServerBuilder<'a> {
    engine: Engine,
    db: Option<TestDb>,
    adjust: Vec<Adjust<'a>>,
}

type Adjust<'a> = Box<dyn FnOnce(&mut Settings) + 'a>;

impl std::fmt::Debug for TestServerBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestServerBuilder")
            .field("engine", &self.engine)
            .finish_non_exhaustive()
    }
}

impl<'a> TestServerBuilder<'a> {
    pub fn engine(mut self, engine: Engine) -> Self {
        self.engine = engine;
        self
    }

    /// This database instead of a fresh one.
    pub fn db(mut self, db: TestDb) -> Self {
        self.db = Some(db);
        self
    }

    /// Changes the settings before the server starts (after the defaults).
    pub fn settings(mut self, adjust: impl FnOnce(&mut Settings) + 'a) -> Self {
        self.adjust.push(Box::new(adjust));
        self
    }

    /// Starts the server; call inside an actix system (`#[actix_web::test]`).
    pub fn start(self) -> TestServer {
        let db = self.db.unwrap_or_else(|| self.engine.database());
        let sink = SmtpSink::start();
        let dir = tempfile::tempdir().unwrap();
        let mut settings = test_settings(&db, &sink, dir.path());
        for adjust in self.adjust {
            adjust(&mut settings);
        }
        let application = Application::build(settings).unwrap();
        let base = format!("http://127.0.0.1:{}", application.port());
        actix_web::rt::spawn(application.run_until_stopped());
        TestServer {
            base,
            sink,
            db,
            data_dir: dir.path().to_path_buf(),
            _dir: dir,
        }
    }
}

/// The shipped forms and the test-only procedures of `tests/fixtures/forms` (rules no
/// shipped procedure has, such as a refundable fee paid on submission), side by side in
/// one folder of links made once per test run (under the system temporary folder).
pub fn forms_with_fixtures() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("forms-with-fixtures-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/forms");
        for base in [defaults::forms_dir(), fixtures] {
            for entry in std::fs::read_dir(&base).unwrap() {
                let entry = entry.unwrap();
                std::os::unix::fs::symlink(entry.path(), dir.join(entry.file_name())).unwrap();
            }
        }
        dir
    })
    .clone()
}

/// The settings every test server starts from: a random port, the test public address,
/// the shipped forms (or `MADOGUCHI_TEST_FORMS_DIR`), Sendai, a postal-code sample, mail to
/// `sink` polled often, the demo's accounts (the tests sign in as them), no identity
/// required (most tests file as a stranger; the identity tests turn it on) and the
/// anonymous API's rate limit out of the way.
pub fn test_settings(db: &TestDb, sink: &SmtpSink, data_dir: &Path) -> Settings {
    Settings {
        listen: "127.0.0.1:0".into(),
        public_url: PUBLIC_URL.into(),
        database_url: db.url.clone(),
        forms_dir: std::env::var_os("MADOGUCHI_TEST_FORMS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(defaults::forms_dir),
        municipality_file: defaults::municipality_file(),
        postal_codes_file: defaults::postal_sample(),
        data_dir: data_dir.to_path_buf(),
        mail_poll_ms: 100,
        mail_retry_base_ms: 300,
        http_workers: Some(2),
        smtp: Some(SmtpSettings {
            host: sink.host(),
            port: sink.port(),
            tls: "none".into(),
            ..SmtpSettings::default()
        }),
        require_identity: false,
        // The tests sign in as the demo's clerks and resident.
        demo: true,
        // One test server serves every test of the binary, all from 127.0.0.1: the
        // anonymous API's per-address limit would count them all as one client. The limit
        // itself is tested in process (tests/e2e/in_process/rate_limit.rs).
        http: madoguchi_server::limits::HttpLimits {
            api_requests_per_minute: 1_000_000,
            ..Default::default()
        },
        ..Settings::default()
    }
}

impl TestServer {
    pub fn builder<'a>() -> TestServerBuilder<'a> {
        TestServerBuilder {
            engine: Engine::Sqlite,
            db: None,
            adjust: Vec::new(),
        }
    }

    /// Starts the server on the given database; call inside an actix system
    /// (`#[actix_web::test]`).
    pub fn start(db: TestDb) -> TestServer {
        Self::builder().db(db).start()
    }

    /// The same, with settings changed by `adjust` first.
    pub fn start_with(db: TestDb, adjust: impl FnOnce(&mut Settings)) -> TestServer {
        Self::builder().db(db).settings(adjust).start()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A link the server made for its public address (in a mail, a redirect to the
    /// mounted payment stub), reached on the test port instead.
    pub fn local(&self, link: &str) -> String {
        match link.strip_prefix(PUBLIC_URL) {
            Some(path) => self.url(path),
            None if link.starts_with('/') => self.url(link),
            None => link.to_string(),
        }
    }

    pub fn submissions(&self) -> i64 {
        self.db.db.conn().unwrap().count_submissions().unwrap()
    }

    pub fn drafts(&self) -> i64 {
        self.db.db.conn().unwrap().count_drafts().unwrap()
    }
}

/// How long a test client keeps an idle connection for another request: shorter than the
/// server's keep-alive (actix's default, 5 s), so a client never sends on a connection the
/// server is closing at that moment (hyper's `IncompleteMessage` when a test waited between
/// two requests, seen under load).
pub const IDLE: Duration = Duration::from_secs(2);

/// A browser: keeps cookies, does not follow redirects (tests look at each 303).
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .pool_idle_timeout(IDLE)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// The value of the first `<input name="{name}" value="...">` in a page.
pub fn input_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no input {name} in page"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_string()
}

pub fn location(res: &Response) -> String {
    res.headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string()
}

pub async fn get(client: &Client, url: &str) -> (StatusCode, String) {
    let res = client.get(url).send().await.unwrap();
    let status = res.status();
    (status, res.text().await.unwrap())
}

/// Posts a form with the page's CSRF token added.
pub async fn post_form(
    client: &Client,
    url: &str,
    csrf: &str,
    fields: &[(&str, &str)],
) -> Response {
    let mut all: Vec<(&str, &str)> = vec![("csrf_token", csrf)];
    all.extend_from_slice(fields);
    client.post(url).form(&all).send().await.unwrap()
}

pub const APPLICANT: &[(&str, &str)] = &[
    ("applicant_name", "仙台 太郎"),
    ("applicant_name_kana", "せんだい　たろう"),
    ("applicant_birth_date.era", "seireki"),
    ("applicant_birth_date.year", "１９８５"),
    ("applicant_birth_date.month", "4"),
    ("applicant_birth_date.day", "1"),
    ("applicant_postal_code", "980-0811"),
    ("applicant_address.prefecture", "宮城県"),
    ("applicant_address.city", "仙台市青葉区"),
    ("applicant_address.town", "国分町三丁目"),
    ("applicant_address.block", "７－１"),
    ("applicant_address.building", ""),
    ("applicant_phone", "022-214-1111"),
    ("applicant_email", "taro@example.jp"),
];

pub const REQUEST: &[(&str, &str)] = &[
    ("relation_to_subject", "self"),
    ("certificate_type", "resident_record"),
    ("scope", "whole_household"),
    ("optional_items", "head_and_relationship"),
    ("copies", "2"),
    ("purpose", "勤務先へ提出"),
];

pub const PAYMENT: &[(&str, &str)] = &[
    ("payment_method", "online"),
    ("delivery_address_confirm", "true"),
];

/// Fills every step as a resident and returns the check page's HTML.
pub async fn fill_form(server: &TestServer, client: &Client) -> String {
    let (_, page) = get(client, &server.url("/p/juminhyo-copy/applicant")).await;
    let csrf = input_value(&page, "csrf_token");
    for (step, answers, next) in [
        ("applicant", APPLICANT, "/p/juminhyo-copy/request"),
        ("request", REQUEST, "/p/juminhyo-copy/payment"),
        ("payment", PAYMENT, "/p/juminhyo-copy/check"),
    ] {
        let res = post_form(
            client,
            &server.url(&format!("/p/juminhyo-copy/{step}")),
            &csrf,
            answers,
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {step}");
        assert_eq!(location(&res), next);
    }
    let (status, check) = get(client, &server.url("/p/juminhyo-copy/check")).await;
    assert_eq!(status, StatusCode::OK);
    check
}

/// Fills every step as a resident and submits from the check page: the `303` to the
/// receipt (asserted), for tests whose subject is what comes after the filing.
pub async fn file_a_filing(server: &TestServer, client: &Client) -> Response {
    let check = fill_form(server, client).await;
    let res = post_form(
        client,
        &server.url("/p/juminhyo-copy/submit"),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "the filing is received"
    );
    res
}

/// Writes an end-to-end test once and runs it as `<name>::sqlite` and `<name>::postgres`
/// (the latter ignored unless this crate was built with `TEST_DATABASE_URL` set).
#[macro_export]
macro_rules! e2e_test {
    (async fn $name:ident($server:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($server: $crate::TestServer) $body

            #[actix_web::test]
            async fn sqlite() {
                run($crate::TestServer::builder().engine($crate::madoguchi_testkit::Engine::Sqlite).start()).await;
            }

            #[actix_web::test]
            #[cfg_attr(not(pg_tests), ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)")]
            async fn postgres() {
                run($crate::TestServer::builder().engine($crate::madoguchi_testkit::Engine::Postgres).start()).await;
            }
        }
    };
    // The same with the server's settings changed by `$adjust` (`|s: &mut Settings| …`).
    (settings($adjust:expr); async fn $name:ident($server:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($server: $crate::TestServer) $body

            #[actix_web::test]
            async fn sqlite() {
                let server = $crate::TestServer::builder().engine($crate::madoguchi_testkit::Engine::Sqlite);
                run(server.settings($adjust).start()).await;
            }

            #[actix_web::test]
            #[cfg_attr(not(pg_tests), ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)")]
            async fn postgres() {
                let server = $crate::TestServer::builder().engine($crate::madoguchi_testkit::Engine::Postgres);
                run(server.settings($adjust).start()).await;
            }
        }
    };
}

/// The demo accounts' authenticator code, `steps_ahead` 30-second steps from now.
pub fn demo_code(steps_ahead: i64) -> String {
    defaults::demo_code(chrono::Utc::now(), steps_ahead)
}

/// The second step of a staff sign-in: the code page, then the demo code (the next one
/// if this one was used in the same 30 seconds). Returns where the browser was sent.
pub async fn enter_demo_code(server: &TestServer, client: &Client) -> String {
    let (status, page) = get(client, &server.url("/office/login/code")).await;
    assert_eq!(status, StatusCode::OK, "the code page after the password");
    let csrf = input_value(&page, "csrf_token");
    for ahead in 0..=1 {
        let res = post_form(
            client,
            &server.url("/office/login/code"),
            &csrf,
            &[("code", &demo_code(ahead))],
        )
        .await;
        if res.status() == StatusCode::SEE_OTHER {
            return location(&res);
        }
    }
    panic!("the demo code was refused");
}

/// Signs a demo account in through the pages: password, then code.
pub async fn staff_sign_in(server: &TestServer, login: &str) -> Client {
    let client = browser();
    let (_, page) = get(&client, &server.url("/office/login")).await;
    let res = post_form(
        &client,
        &server.url("/office/login"),
        &input_value(&page, "csrf_token"),
        &[("login", login), ("password", "madoguchi-demo")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{login}: password");
    assert_eq!(location(&res), "/office/login/code");
    enter_demo_code(server, &client).await;
    client
}
