//! The resident and clerk pages in a real headless Chromium at 320 px (a small phone):
//! the journey by clicks and typing, axe-core (WCAG 2.1 A/AA rules) on every page, no
//! horizontal scrolling, and focus moved to the error summary.
//!
//! Needs `chromium`, `chromedriver` and `node_modules/axe-core` (CI installs them); compiled
//! in only when `MADOGUCHI_BROWSER_TESTS` is set at build time, otherwise ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use madoguchi_e2e::TestServer;
use madoguchi_e2e::madoguchi_testkit::TestDb;
use serde_json::{Value, json};

struct Driver {
    process: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_chromedriver() -> Driver {
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let port = free_port();
    let process = Command::new(&binary)
        .arg(format!("--port={port}"))
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
        _profile: tempfile::tempdir().unwrap(),
    }
}

async fn browser(driver: &Driver) -> Client {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", format!("--user-data-dir={}", driver._profile.path().display()),
                "--lang=ja"
            ],
            "prefs": { "intl.accept_languages": "ja,en" },
            "mobileEmulation": { "deviceMetrics": { "width": 320, "height": 640, "pixelRatio": 2.0 } }
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

fn axe_source() -> String {
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
async fn check_page(c: &Client, axe: &str, name: &str) {
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
    assert!(
        violations.is_empty(),
        "{name}: accessibility violations:\n{}",
        violations.join("\n")
    );
    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth,
                     Array.from(document.scripts).filter(s => !s.src || !new URL(s.src).pathname.startsWith('/static/')).length];",
            vec![],
        )
        .await
        .unwrap();
    let w: Vec<i64> = serde_json::from_value(widths).unwrap();
    assert!(
        w[0] <= w[1],
        "{name}: the page is {}px wide in a {}px window",
        w[0],
        w[1]
    );
    assert_eq!(
        w[2], 0,
        "{name}: inline or foreign scripts (only /static/ enhancements are allowed)"
    );
    let png = c.screenshot().await.unwrap();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

async fn type_into(c: &Client, id: &str, text: &str) {
    let input = c
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"));
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Clicks something that loads a new page and waits until the old page is gone.
async fn navigate(c: &Client, css: &str) {
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

async fn continue_(c: &Client) {
    navigate(c, "main form button.button:not(.button-secondary)").await;
}

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_phone_user_files_and_a_clerk_decides_in_chromium() {
    let server = TestServer::start(TestDb::sqlite());
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver).await;

    c.goto(&server.url("/procedures")).await.unwrap();
    check_page(&c, &axe, "01-procedures").await;
    navigate(&c, "a[href='/p/juminhyo-copy']").await;
    check_page(&c, &axe, "02-procedure").await;
    navigate(&c, "a.button-start").await;
    check_page(&c, &axe, "03-step-applicant").await;

    // A mistake first: furigana in Latin letters, no phone number.
    type_into(&c, "f-applicant_name", "仙台 太郎").await;
    type_into(&c, "f-applicant_name_kana", "Sendai Taro").await;
    type_into(&c, "f-applicant_birth_date-year", "1985").await;
    type_into(&c, "f-applicant_birth_date-month", "4").await;
    type_into(&c, "f-applicant_birth_date-day", "1").await;
    type_into(&c, "f-applicant_postal_code", "9808671").await;
    type_into(&c, "f-applicant_address-prefecture", "宮城県").await;
    type_into(&c, "f-applicant_address-city", "仙台市青葉区").await;
    type_into(&c, "f-applicant_address-town", "国分町三丁目").await;
    type_into(&c, "f-applicant_address-block", "7-1").await;
    type_into(&c, "f-applicant_email", "taro@example.jp").await;
    continue_(&c).await;
    let focused = c
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(
        focused,
        Value::from("error-summary"),
        "focus moves to the error summary"
    );
    let summary = text(&c, ".error-summary").await;
    assert!(
        summary.contains("カタカナで入力してください")
            && summary.contains("日中の連絡先電話番号を入力してください"),
        "{summary}"
    );
    check_page(&c, &axe, "04-step-applicant-errors").await;
    // The summary link takes the reader to the field.
    click(&c, ".error-summary a[href='#f-applicant_name_kana']").await;
    let active = c
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(active, Value::from("f-applicant_name_kana"));

    type_into(&c, "f-applicant_name_kana", "せんだい たろう").await;
    type_into(&c, "f-applicant_phone", "022-214-1111").await;
    continue_(&c).await;
    check_page(&c, &axe, "05-step-request").await;
    click(&c, "#f-relation_to_subject-0").await;
    click(&c, "#f-certificate_type-0").await;
    click(&c, "#f-scope-0").await;
    type_into(&c, "f-copies", "2").await;
    type_into(&c, "f-purpose", "勤務先へ提出").await;
    continue_(&c).await;
    check_page(&c, &axe, "06-step-payment").await;
    click(&c, "#f-payment_method-0").await;
    click(&c, "#f-delivery_address_confirm").await;
    continue_(&c).await;
    check_page(&c, &axe, "07-check").await;
    let check = text(&c, "main").await;
    assert!(
        check.contains("センダイ　タロウ") && check.contains("600円"),
        "{check}"
    );
    continue_(&c).await;
    check_page(&c, &axe, "08-receipt").await;
    let number = text(&c, ".arrival-number").await;
    assert_eq!(number.len(), 16, "{number}");

    // The same pages in English.
    navigate(&c, "a.lang-switch").await;
    let lang = c
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap();
    assert_eq!(lang, Value::from("en"));
    assert!(
        text(&c, "h1")
            .await
            .contains("Your application has arrived")
    );
    check_page(&c, &axe, "09-receipt-en").await;
    navigate(&c, "a.lang-switch").await;

    // The clerk.
    c.goto(&server.url("/office/login")).await.unwrap();
    check_page(&c, &axe, "10-office-login").await;
    type_into(&c, "login", "koseki-jumin@sendai.example").await;
    type_into(&c, "password", "madoguchi-demo").await;
    continue_(&c).await;
    check_page(&c, &axe, "11-office-queue").await;
    assert!(text(&c, "main").await.contains(&number));
    navigate(&c, "main a.mono").await;
    check_page(&c, &axe, "12-office-submission").await;
    click(&c, "#decision-approve").await;
    continue_(&c).await;
    assert!(text(&c, ".status").await.contains("許可"));
    check_page(&c, &axe, "13-office-decided").await;

    c.close().await.unwrap();
}
