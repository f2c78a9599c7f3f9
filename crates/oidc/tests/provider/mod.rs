//! The real OpenID Connect provider of `tests/oidc-provider/provider.mjs` (the npm
//! package `oidc-provider` under Node.js) as a child process on loopback, and a "browser"
//! (an HTTP client with a cookie jar) that signs in through its HTML forms.
//!
//! Missing Node.js or `npm install` is a loud failure, never a skip.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    dead_code
)]

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use madoguchi_oidc::{ClientSecret, Level, OidcConfig};
use reqwest::Url;
use reqwest::blocking::Client;

pub const REDIRECT_URI: &str = "http://127.0.0.1:9/callback";
pub const PASSWORD_ACR: &str = "urn:madoguchi:acr:password";
pub const CARD_ACR: &str = "urn:madoguchi:acr:mynumbercard";
pub const SUBJECT: &str = "resident-0001";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Node.js 20 or later, and `npm install` done: or a panic that says what to do.
fn check_tools(root: &Path) {
    let version = Command::new("node").arg("--version").output().unwrap_or_else(|e| {
        panic!(
            "the OIDC tests run a real provider under Node.js, but `node` cannot be started ({e}). \
             Install Node.js 20 or later, then run `npm install` at the repository root."
        )
    });
    let version = String::from_utf8_lossy(&version.stdout);
    let major: u32 = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(
        major >= 20,
        "the OIDC tests need Node.js 20 or later for the npm package oidc-provider; `node --version` says {version:?}"
    );
    let package = root.join("node_modules/oidc-provider/package.json");
    assert!(
        package.is_file(),
        "the OIDC tests need the npm package oidc-provider, which is missing ({} not found): \
         run `npm install` at the repository root ({}).",
        package.display(),
        root.display()
    );
}

/// The provider process; stopped when dropped (and it exits by itself when the test
/// process goes away, since its stdin closes).
pub struct TestProvider {
    child: Child,
    _stdin: ChildStdin,
    pub port: u16,
    pub issuer: String,
    log: PathBuf,
}

impl TestProvider {
    pub fn start() -> Self {
        Self::start_on(0)
    }

    /// On a given port (0: any free one).
    pub fn start_on(port: u16) -> Self {
        let root = repo_root();
        check_tools(&root);
        let log = std::env::temp_dir().join(format!(
            "madoguchi-oidc-provider-{}-{}.log",
            std::process::id(),
            uuid_like()
        ));
        let mut child = Command::new("node")
            .arg(root.join("tests/oidc-provider/provider.mjs"))
            .args(["--port", &port.to_string(), "--redirect-uri", REDIRECT_URI])
            .current_dir(&root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(File::create(&log).unwrap())
            .spawn()
            .expect("start node tests/oidc-provider/provider.mjs");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            let mut line = String::new();
            let _ = stdout.read_line(&mut line);
            let _ = tx.send(line);
            // Keep draining: a closed pipe would kill the provider at its next write.
            let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        });
        let line = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
        let Ok(port) = line.trim().parse::<u16>() else {
            let _ = child.kill();
            let _ = child.wait();
            let mut errors = String::new();
            let _ = File::open(&log).and_then(|mut f| f.read_to_string(&mut errors));
            panic!(
                "the test OIDC provider did not start (first line {line:?}); its stderr:\n{errors}"
            );
        };
        Self {
            child,
            _stdin: stdin,
            port,
            issuer: format!("http://127.0.0.1:{port}"),
            log,
        }
    }

    /// The `madoguchi` client (client_secret_basic, RS256) with both acr values mapped.
    pub fn config(&self) -> OidcConfig {
        self.config_for("madoguchi")
    }

    pub fn config_for(&self, client_id: &str) -> OidcConfig {
        let mut config = OidcConfig::new(
            self.issuer.clone(),
            client_id,
            Some(ClientSecret::new("test-secret")),
            REDIRECT_URI,
        )
        .with_acr(PASSWORD_ACR, Level::Account)
        .with_acr(CARD_ACR, Level::MyNumberCard);
        config.scopes = vec!["openid".into(), "profile".into(), "email".into()];
        config
    }
}

impl Drop for TestProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let mut errors = String::new();
            let _ = File::open(&self.log).and_then(|mut f| f.read_to_string(&mut errors));
            eprintln!("the test OIDC provider's stderr:\n{errors}");
        }
        let _ = std::fs::remove_file(&self.log);
    }
}

fn uuid_like() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// What the resident does on the provider's sign-in page.
#[derive(Debug, Clone, Copy)]
pub enum Login {
    Password,
    /// The My Number Card stand-in: the page must ask for the card's PIN.
    Card,
    Cancel,
}

/// A browser without JavaScript: follows redirects itself, keeps cookies, posts forms.
pub struct Browser {
    http: Client,
}

impl Browser {
    pub fn new() -> Self {
        let http = Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Self { http }
    }

    /// Opens `auth_url` and signs in as the test resident until the provider sends the
    /// browser to [`REDIRECT_URI`]; returns that callback's query string.
    pub fn sign_in(&self, auth_url: &str, login: Login) -> String {
        let mut url = Url::parse(auth_url).unwrap();
        let mut form_post: Option<Vec<(&str, &str)>> = None;
        for _ in 0..20 {
            let response = match form_post.take() {
                Some(fields) => self.http.post(url.clone()).form(&fields).send(),
                None => self.http.get(url.clone()).send(),
            }
            .unwrap_or_else(|e| panic!("{url}: {e}"));
            let status = response.status();
            if status.is_redirection() {
                let location = response.headers()["location"].to_str().unwrap();
                let next = url.join(location).unwrap();
                if next.as_str().starts_with(REDIRECT_URI) {
                    return next.query().unwrap_or_default().to_owned();
                }
                url = next;
                continue;
            }
            let page = response.text().unwrap();
            assert!(status.is_success(), "{url} answered {status}: {page}");
            let asks_pin = page.contains("name=\"pin\"");
            let (suffix, fields): (&str, Vec<(&str, &str)>) = match login {
                Login::Password => {
                    assert!(!asks_pin, "expected the password page, got: {page}");
                    (
                        "/login",
                        vec![("login", "taro"), ("password", "madoguchi-test")],
                    )
                }
                Login::Card => {
                    assert!(asks_pin, "expected the My Number Card page, got: {page}");
                    ("/login", vec![("login", "taro"), ("pin", "1234")])
                }
                Login::Cancel => ("/abort", vec![]),
            };
            let action = form_actions(&page)
                .into_iter()
                .find(|a| a.ends_with(suffix))
                .unwrap_or_else(|| panic!("no form posting to …{suffix} on {url}: {page}"));
            url = url.join(&action).unwrap();
            form_post = Some(fields);
        }
        panic!("the sign-in did not reach the callback in 20 steps (last {url})");
    }
}

/// The `action` of every `<form>` on a page.
fn form_actions(page: &str) -> Vec<String> {
    page.split("<form")
        .skip(1)
        .filter_map(|form| {
            let start = form.find("action=\"")? + "action=\"".len();
            let end = form[start..].find('"')?;
            Some(form[start..start + end].replace("&amp;", "&"))
        })
        .collect()
}
