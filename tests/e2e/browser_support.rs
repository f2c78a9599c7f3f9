//! Headless Chromium for the browser tests: chromedriver on a free port (one, shared by the
//! browser tests running at the same time), a phone-sized session each, axe-core injected
//! into pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use madoguchi_e2e::TestServer;
use madoguchi_e2e::madoguchi_testkit::TestDb;
use madoguchi_server::Settings;
use serde_json::{Value, json};

pub struct Driver {
    process: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Drop for Driver {
    /// Ends chromedriver and every browser it started (they share its process group), even
    /// when a test failed before closing its session.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.process.id())])
            .status();
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A test server on SQLite whose public address is the one it listens on, so links the
/// browser follows (the payment stub mounted in it, sign-in returns) lead back to it;
/// `adjust` changes the settings after that.
pub fn server_at_its_own_address(adjust: impl FnOnce(&mut Settings)) -> TestServer {
    let port = free_port();
    TestServer::start_with(TestDb::sqlite(), |s| {
        s.listen = format!("127.0.0.1:{port}");
        s.public_url = format!("http://127.0.0.1:{port}");
        adjust(s);
    })
}

/// The chromedriver of the browser tests running now, started if none is: it ends when the
/// last of them drops its handle (a process-wide one would outlive the test binary).
pub fn start_chromedriver() -> Arc<Driver> {
    static SHARED: Mutex<Weak<Driver>> = Mutex::new(Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(driver) = shared.upgrade() {
        return driver;
    }
    let driver = Arc::new(spawn_chromedriver());
    *shared = Arc::downgrade(&driver);
    driver
}

fn spawn_chromedriver() -> Driver {
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let port = free_port();
    let process = Command::new(&binary)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary} (install chromium-driver): {e}"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver {
        process,
        port,
        profile: tempfile::tempdir().unwrap(),
    }
}

/// A new browser session (its own profile, so several can run side by side: a clerk and
/// an applicant).
pub async fn browser(driver: &Driver, width: u32) -> Client {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let profile = tempfile::tempdir_in(driver.profile.path()).unwrap().keep();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", format!("--user-data-dir={}", profile.display()),
                "--lang=ja"
            ],
            "prefs": { "intl.accept_languages": "ja,en" },
            "mobileEmulation": { "deviceMetrics": { "width": width, "height": 640, "pixelRatio": 2.0 } }
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

pub fn axe_source() -> String {
    let path = std::env::var("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read axe-core at {} (run npm install): {e}",
            path.display()
        )
    })
}

/// Checks the page now shown: axe-core finds no WCAG 2.1 A/AA violation, nothing scrolls
/// sideways at 320 px, and no script is on the page. Saves a screenshot.
pub async fn check_page(c: &Client, axe: &str, name: &str) {
    let problems = page_problems(c, axe, name, true).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What is wrong with the page shown: axe-core violations (WCAG 2.1 A/AA), sideways
/// scrolling, foreign scripts. Saves a screenshot when `screenshot` is set.
pub async fn page_problems(c: &Client, axe: &str, name: &str, screenshot: bool) -> Vec<String> {
    let mut problems = Vec::new();
    c.execute(axe, vec![]).await.unwrap();
    let result = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    let violations: Vec<String> = serde_json::from_value(result).unwrap();
    for v in violations {
        problems.push(format!("{name}: accessibility: {v}"));
    }
    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth,
                     Array.from(document.scripts).filter(s => !s.src || !new URL(s.src).pathname.startsWith('/static/')).length];",
            vec![],
        )
        .await
        .unwrap();
    let w: Vec<i64> = serde_json::from_value(widths).unwrap();
    if w[0] > w[1] {
        problems.push(format!(
            "{name}: the page is {}px wide in a {}px window",
            w[0], w[1]
        ));
    }
    if w[2] != 0 {
        problems.push(format!(
            "{name}: inline or foreign scripts (only /static/ enhancements are allowed)"
        ));
    }
    if screenshot || !problems.is_empty() {
        let png = c.screenshot().await.unwrap();
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
    problems
}

pub async fn type_into(c: &Client, id: &str, text: &str) {
    let input = c
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"));
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Chooses the option of value `value` in the select `id`.
pub async fn choose(c: &Client, id: &str, value: &str) {
    c.find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"))
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("#{id} = {value}: {e}"));
}

pub async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Clicks something that loads a new page and waits until the old page is gone.
pub async fn navigate(c: &Client, css: &str) {
    let old = c.find(Locator::Css("html")).await.unwrap();
    click(c, css).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while old.tag_name().await.is_ok() {
        assert!(
            Instant::now() < deadline,
            "clicking {css} did not load a page"
        );
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    c.wait().for_element(Locator::Css("main")).await.unwrap();
}

/// A member of staff signs in by typing, as a person does: the login and the demo
/// password, then the authenticator's code `steps_ahead` 30-second steps from now (a code
/// used in the last 30 seconds by the same account is refused).
pub async fn staff_signs_in(c: &Client, server: &TestServer, login: &str, steps_ahead: i64) {
    c.goto(&server.url("/office/login")).await.unwrap();
    type_into(c, "login", login).await;
    type_into(c, "password", "madoguchi-demo").await;
    continue_(c).await;
    type_into(c, "code", &madoguchi_e2e::demo_code(steps_ahead)).await;
    continue_(c).await;
}

pub async fn continue_(c: &Client) {
    navigate(c, "main form button.button:not(.button-secondary)").await;
}

pub async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

/// Posts one step from inside the page, so the browser's own cookies (session, CSRF) are used.
pub async fn post_step(c: &Client, url: &str, pairs: &[(String, String)]) {
    let page = c.source().await.unwrap();
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).expect("a CSRF token on the page") + marker.len();
    let csrf = &page[start..start + page[start..].find('"').unwrap()];
    let mut body: Vec<Value> = vec![json!(["csrf_token", csrf])];
    body.extend(pairs.iter().map(|(k, v)| json!([k, v])));
    c.execute_async(
        "const [url, pairs, done] = arguments;
         const body = new URLSearchParams();
         for (const [k, v] of pairs) body.append(k, v);
         fetch(url, { method: 'POST', body, redirect: 'manual', credentials: 'same-origin' })
           .then(r => done(r.status)).catch(e => done(String(e)));",
        vec![json!(url), Value::Array(body)],
    )
    .await
    .unwrap();
}
