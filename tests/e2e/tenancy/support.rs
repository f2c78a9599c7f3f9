//! Clients for one city of the demo server: its host name resolved to the test server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use madoguchi_e2e::{IDLE, TestServer, demo_code, input_value, location, post_form};
use madoguchi_testkit::ReceivedMail;
use reqwest::Url;
use reqwest::cookie::{CookieStore, Jar as ReqwestJar};
use reqwest::header::HeaderValue;
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};

/// The test server's public address is https (secure cookies) while the tests speak http
/// to `<city>.localhost`, which a cookie jar does not count as a secure origin the way it
/// does 127.0.0.1: this jar files and finds cookies as if the address were https.
#[derive(Debug, Default)]
pub struct Jar(ReqwestJar);

fn as_https(url: &Url) -> Url {
    let mut url = url.clone();
    let _ = url.set_scheme("https");
    url
}

impl CookieStore for Jar {
    fn set_cookies(&self, headers: &mut dyn Iterator<Item = &HeaderValue>, url: &Url) {
        self.0.set_cookies(headers, &as_https(url));
    }

    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        self.0.cookies(&as_https(url))
    }
}

/// Akita's address as the demo gives it (`https://akita.localhost` beside the test
/// server's `https://madoguchi.test`).
pub const AKITA: &str = "akita.localhost";

/// One city as a browser reaches it: `http://<host>:<port>`.
#[derive(Clone, Debug)]
pub struct City {
    pub host: &'static str,
    /// The demo accounts' domain (`akita.example`).
    pub domain: &'static str,
    pub base: String,
    addr: SocketAddr,
}

impl City {
    pub fn of(server: &TestServer, host: &'static str, domain: &'static str) -> City {
        let port: u16 = server.base.rsplit(':').next().unwrap().parse().unwrap();
        City {
            host,
            domain,
            base: format!("http://{host}:{port}"),
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser of this city: keeps its cookies (in `jar`), follows no redirects.
    pub fn browser(&self) -> (Client, Arc<Jar>) {
        let jar = Arc::new(Jar::default());
        let client = Client::builder()
            .cookie_provider(Arc::clone(&jar))
            .redirect(Policy::none())
            .pool_idle_timeout(IDLE)
            .resolve(self.host, self.addr)
            .build()
            .unwrap();
        (client, jar)
    }

    /// A client with no cookies of its own (probes set the `Cookie` header themselves).
    pub fn bare(&self) -> Client {
        Client::builder()
            .redirect(Policy::none())
            .pool_idle_timeout(IDLE)
            .resolve(self.host, self.addr)
            .build()
            .unwrap()
    }

    /// The `Cookie` header this city's browser sends.
    pub fn cookies_of(&self, jar: &Jar) -> String {
        jar.cookies(&self.base.parse().unwrap())
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }

    /// Signs a demo staff account of this city in (password, then code).
    pub async fn staff(&self, who: &str) -> (Client, Arc<Jar>) {
        let login = format!("{who}@{}", self.domain);
        let (client, jar) = self.browser();
        let page = client.get(self.url("/office/login")).send().await.unwrap();
        let page = page.text().await.unwrap();
        let res = post_form(
            &client,
            &self.url("/office/login"),
            &input_value(&page, "csrf_token"),
            &[("login", &login), ("password", "madoguchi-demo")],
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{login}: password");
        let page = client
            .get(self.url("/office/login/code"))
            .send()
            .await
            .unwrap();
        let csrf = input_value(&page.text().await.unwrap(), "csrf_token");
        for ahead in 0..=1 {
            let res = post_form(
                &client,
                &self.url("/office/login/code"),
                &csrf,
                &[("code", &demo_code(ahead))],
            )
            .await;
            if res.status() == StatusCode::SEE_OTHER {
                return (client, jar);
            }
        }
        panic!("{login}: the demo code was refused");
    }

    /// A filing's page for this city's `clerk`, found by its arrival number in the queue:
    /// its path and the page's CSRF token.
    pub async fn clerk_page(&self, clerk: &Client, number: &str) -> (String, String) {
        let queue = madoguchi_e2e::get(clerk, &self.url(&format!("/office/queue?q={number}")))
            .await
            .1;
        let id = after(&queue, "href=\"/office/submissions/")
            .unwrap_or_else(|| panic!("filing {number} not in the queue: {queue}"));
        let path = format!("/office/submissions/{id}");
        let page = madoguchi_e2e::get(clerk, &self.url(&path)).await.1;
        (path, input_value(&page, "csrf_token"))
    }

    /// Files 住民票の写しの交付申請 as a new resident named `name` (`kana` its reading);
    /// returns the resident's browser and the arrival number.
    pub async fn file(&self, name: &str, kana: &str) -> ((Client, Arc<Jar>), String) {
        let (resident, jar) = self.browser();
        let page = madoguchi_e2e::get(&resident, &self.url("/p/juminhyo-copy/applicant"))
            .await
            .1;
        let csrf = input_value(&page, "csrf_token");
        let applicant: Vec<(&str, &str)> = madoguchi_e2e::APPLICANT
            .iter()
            .map(|&(k, v)| match k {
                "applicant_name" => (k, name),
                "applicant_name_kana" => (k, kana),
                _ => (k, v),
            })
            .collect();
        for (step, answers) in [
            ("applicant", applicant.as_slice()),
            ("request", madoguchi_e2e::REQUEST),
            ("payment", madoguchi_e2e::PAYMENT),
        ] {
            let res = post_form(
                &resident,
                &self.url(&format!("/p/juminhyo-copy/{step}")),
                &csrf,
                answers,
            )
            .await;
            assert_eq!(
                res.status(),
                StatusCode::SEE_OTHER,
                "{}: step {step}",
                self.host
            );
        }
        let check = madoguchi_e2e::get(&resident, &self.url("/p/juminhyo-copy/check"))
            .await
            .1;
        let res = post_form(
            &resident,
            &self.url("/p/juminhyo-copy/submit"),
            &input_value(&check, "csrf_token"),
            &[("idempotency_key", &input_value(&check, "idempotency_key"))],
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}: submit", self.host);
        let number = location(&res).trim_start_matches("/receipts/").to_string();
        ((resident, jar), number)
    }
}

/// The demo's organisation files, with Akita and Shiroishi adopting the shared
/// 住民票の写し as it is (the shipped files adopt nothing of the catalogue, whose texts
/// are Sendai's), so that each city has the same procedure to file and to probe. Returns
/// Sendai's file (the others sit beside it, where the demo looks for them); made once per
/// test run.
pub fn cities_adopting_juminhyo() -> std::path::PathBuf {
    cities_adopting(&["juminhyo-copy"])
}

/// The demo's organisation files with Akita and Shiroishi adopting `ids` of the catalogue;
/// returns Sendai's file. Made once per test run for each list.
pub fn cities_adopting(ids: &[&str]) -> std::path::PathBuf {
    static MADE: std::sync::Mutex<Vec<(String, std::path::PathBuf)>> =
        std::sync::Mutex::new(Vec::new());
    let key = ids.join("+");
    let mut made = MADE.lock().unwrap();
    if let Some((_, file)) = made.iter().find(|(k, _)| *k == key) {
        return file.clone();
    }
    let shipped = madoguchi_testkit::defaults::municipality_file();
    let shipped = shipped.parent().unwrap();
    let dir = std::env::temp_dir().join(format!(
        "cities-adopting-{}-{}",
        std::process::id(),
        made.len()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["sendai.json", "akita.json", "shiroishi.json"] {
        let text = std::fs::read_to_string(shipped.join(file)).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        if file != "sendai.json" {
            value["procedures"]["adopt"] = serde_json::json!(ids);
        }
        std::fs::write(dir.join(file), value.to_string()).unwrap();
        // Its values for the catalogue's templates, beside it.
        let values = file.replace(".json", ".parameters.json");
        std::fs::copy(shipped.join(&values), dir.join(&values)).unwrap();
    }
    made.push((key, dir.join("sendai.json")));
    dir.join("sendai.json")
}

/// What follows `marker` up to the next `"` in `page`, for the first such link.
pub fn after(page: &str, marker: &str) -> Option<String> {
    let start = page.find(marker)? + marker.len();
    let end = start + page[start..].find(['"', '/', '?'])?;
    Some(page[start..end].to_string())
}

/// Every `http://` or `https://` address in `text`.
pub fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        let tail = &rest[at..];
        if tail.starts_with("https://") || tail.starts_with("http://") {
            let end = tail
                .find(|c: char| {
                    c.is_whitespace()
                        || matches!(c, '>' | '<' | '"' | ')' | '）' | '」' | '、' | '。')
                })
                .unwrap_or(tail.len());
            found.push(tail[..end].to_string());
            rest = &tail[end..];
        } else {
            rest = &tail[4..];
        }
    }
    found
}

pub fn host_of(url: &str) -> &str {
    let rest = url.split("://").nth(1).unwrap_or_default();
    rest.split(['/', ':', '?']).next().unwrap_or_default()
}

/// The first mail whose subject holds `marker`, once it has arrived.
pub fn mail_with(server: &TestServer, marker: &str) -> String {
    for _ in 0..100 {
        if let Some(m) = server
            .sink
            .received()
            .into_iter()
            .find(|m| m.subject().contains(marker))
        {
            return m.text();
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("no mail about {marker}");
}

/// Adds to `problems` each of `mails` that is not wholly Akita's: a subject without
/// 秋田市, a Message-ID of another host, a link to another host, or a body naming Sendai,
/// ward offices (Akita has none) or a note for the city. Returns how many links were read.
pub fn of_akita_alone(mails: &[ReceivedMail], problems: &mut Vec<String>) -> usize {
    let mut linked = 0;
    for mail in mails {
        let (subject, text) = (mail.subject(), mail.text());
        if !subject.contains("秋田市") {
            problems.push(format!("a mail not of Akita: {subject}"));
        }
        let message_id = mail.header("Message-ID").unwrap_or_default();
        if !message_id.ends_with(&format!("@{AKITA}>")) {
            problems.push(format!("{subject}: Message-ID {message_id}"));
        }
        for link in links(&text) {
            linked += 1;
            if host_of(&link) != AKITA {
                problems.push(format!("{subject}: {link}"));
            }
        }
        let body = text
            .split("\r\n\r\n")
            .skip(1)
            .collect::<Vec<_>>()
            .join("\n");
        for word in [
            "仙台",
            "Sendai",
            "区役所",
            "ward office",
            "要確認",
            "name to confirm",
        ] {
            if body.contains(word) {
                problems.push(format!("{subject}: names {word}"));
            }
        }
    }
    linked
}
