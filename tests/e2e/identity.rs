//! Residents' identity through a real OpenID Connect provider (the npm package
//! `oidc-provider`, started on loopback by this test; `npm install` and Node.js 20+ needed,
//! or the test fails and says so): a procedure needing the My Number Card is refused until
//! the session steps up to the card, over HTTP against the real server.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use madoguchi_e2e::{TestServer, browser, fill_form, get, input_value, location, post_form};
use madoguchi_server::settings::OidcSettings;
use reqwest::{Client, StatusCode};

const CALLBACK: &str = "https://madoguchi.test/sign-in/callback";

/// The provider process, killed when dropped.
pub(crate) struct Provider {
    child: Child,
    pub(crate) issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_provider() -> Provider {
    start_provider_for(&[CALLBACK])
}

/// The test provider with its two clients (`madoguchi`, `madoguchi-es`), accepting these
/// redirect addresses.
pub(crate) fn start_provider_for(callbacks: &[&str]) -> Provider {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    assert!(
        root.join("node_modules/oidc-provider/package.json")
            .is_file(),
        "these tests run the npm package oidc-provider: run `npm install` at the repository root (Node.js 20 or later)"
    );
    let mut child = Command::new("node")
        .arg(root.join("tests/oidc-provider/provider.mjs"))
        .args(["--port", "0"])
        .args(callbacks.iter().flat_map(|c| ["--redirect-uri", c]))
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect(
            "these tests need Node.js 20 or later (`node`) to run tests/oidc-provider/provider.mjs",
        );
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        let _ = stdout.read_line(&mut line);
        let _ = tx.send(line);
        let _ = std::io::copy(&mut stdout, &mut std::io::sink());
    });
    let line = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
    let port: u16 = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("the OIDC provider did not start: {line:?}"));
    Provider {
        child,
        issuer: format!("http://127.0.0.1:{port}"),
    }
}

/// Goes through the provider's pages as the test resident (password, or the card's PIN
/// when asked) until it sends the browser back; returns the callback URL on the test port.
async fn sign_in_at_provider(
    server: &TestServer,
    client: &Client,
    start: &str,
    card: bool,
) -> String {
    server.local(&through_provider(client, start, card, CALLBACK).await)
}

/// The same for any redirect address (`callback`): returns the URL the provider sends the
/// browser back to, as it is.
pub(crate) async fn through_provider(
    client: &Client,
    start: &str,
    card: bool,
    callback: &str,
) -> String {
    let mut url = reqwest::Url::parse(start).unwrap();
    let mut form: Option<Vec<(&str, &str)>> = None;
    for _ in 0..20 {
        let res = match form.take() {
            Some(fields) => client.post(url.clone()).form(&fields).send().await.unwrap(),
            None => client.get(url.clone()).send().await.unwrap(),
        };
        if res.status().is_redirection() {
            let next = url.join(&location(&res)).unwrap();
            if next.as_str().starts_with(callback) {
                return next.to_string();
            }
            url = next;
            continue;
        }
        let page = res.text().await.unwrap();
        let asks_pin = page.contains("name=\"pin\"");
        assert_eq!(
            asks_pin, card,
            "the provider asks for the card's PIN only on a step-up: {page}"
        );
        let action = page
            .split("<form")
            .skip(1)
            .filter_map(|f| {
                let s = f.find("action=\"")? + "action=\"".len();
                Some(f[s..s + f[s..].find('"')?].replace("&amp;", "&"))
            })
            .find(|a| a.ends_with("/login"))
            .unwrap_or_else(|| panic!("no sign-in form at {url}: {page}"));
        url = url.join(&action).unwrap();
        form = Some(if card {
            vec![("login", "taro"), ("pin", "1234")]
        } else {
            vec![("login", "taro"), ("password", "madoguchi-test")]
        });
    }
    panic!("the provider did not send the browser back");
}

#[actix_web::test]
async fn a_procedure_needing_the_card_is_filed_only_after_the_card_step_up() {
    let provider = start_provider();
    let server = TestServer::start_with(madoguchi_testkit::TestDb::sqlite(), |s| {
        s.oidc = Some(OidcSettings {
            issuer: provider.issuer.clone(),
            client_id: "madoguchi".into(),
            client_secret: "test-secret".into(),
            card_acr: "urn:madoguchi:acr:mynumbercard".into(),
            account_acr: "urn:madoguchi:acr:password".into(),
            ..OidcSettings::default()
        });
    });
    let resident = browser();
    // The resident record needs the card: the check page says so and offers the check.
    let check = fill_form(&server, &resident).await;
    assert!(
        check.contains("マイナンバーカードで本人確認する"),
        "{check}"
    );
    let submit = |c: &Client, page: &str| {
        let (csrf, key) = (
            input_value(page, "csrf_token"),
            input_value(page, "idempotency_key"),
        );
        let (c, url) = (c.clone(), server.url("/p/juminhyo-copy/submit"));
        async move { post_form(&c, &url, &csrf, &[("idempotency_key", &key)]).await }
    };
    // Submitting without it: back to the check page with the reason; nothing stored.
    let res = submit(&resident, &check).await;
    assert_eq!(location(&res), "/p/juminhyo-copy/check?identity=required");
    assert_eq!(server.submissions(), 0);
    let (status, page) = get(
        &resident,
        &server.url("/p/juminhyo-copy/check?identity=required"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("error-summary") && page.contains("マイナンバーカードでの本人確認が必要です")
    );
    // The API cannot file it either (no sign-in there).
    let data: serde_json::Value =
        madoguchi_testkit::defaults::example_today("juminhyo-copy", "self-whole-household.json");
    let res = Client::new()
        .post(server.url("/api/v1/procedures/juminhyo-copy/submissions"))
        .header("Idempotency-Key", "identity-test-api-0001")
        .json(&data)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(server.submissions(), 0);

    // A password sign-in is not enough.
    let res = resident
        .get(server.url("/sign-in?next=/p/juminhyo-copy/check"))
        .send()
        .await
        .unwrap();
    let callback = sign_in_at_provider(&server, &resident, &location(&res), false).await;
    let res = resident.get(&callback).send().await.unwrap();
    assert_eq!(location(&res), "/p/juminhyo-copy/check");
    let (_, page) = get(&resident, &server.url("/p/juminhyo-copy/check")).await;
    assert!(
        page.contains("マイナンバーカードで本人確認する"),
        "still asks for the card"
    );
    assert_eq!(
        location(&submit(&resident, &page).await),
        "/p/juminhyo-copy/check?identity=required"
    );
    // The same callback again (a replayed state) is refused.
    let res = resident.get(&callback).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // The step-up: the provider asks for the card's PIN; another browser cannot finish it.
    let res = resident
        .get(server.url("/sign-in?level=my_number_card&next=/p/juminhyo-copy/check"))
        .send()
        .await
        .unwrap();
    let to_provider = location(&res);
    assert!(
        to_provider.contains("acr_values=urn%3Amadoguchi%3Aacr%3Amynumbercard")
            && to_provider.contains("code_challenge_method=S256"),
        "{to_provider}"
    );
    let callback = sign_in_at_provider(&server, &resident, &to_provider, true).await;
    let stranger = browser();
    get(&stranger, &server.url("/procedures")).await;
    let res = stranger.get(&callback).send().await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "a sign-in cannot be planted in another browser"
    );
    // (the state is spent by that attempt: the resident signs in again)
    let res = resident
        .get(server.url("/sign-in?level=my_number_card&next=/p/juminhyo-copy/check"))
        .send()
        .await
        .unwrap();
    let callback = sign_in_at_provider(&server, &resident, &location(&res), true).await;
    let res = resident.get(&callback).send().await.unwrap();
    assert_eq!(location(&res), "/p/juminhyo-copy/check");
    let (_, page) = get(&resident, &server.url("/p/juminhyo-copy/check")).await;
    assert!(
        page.contains("マイナンバーカードで本人確認ができています"),
        "{page}"
    );
    let res = submit(&resident, &page).await;
    assert!(
        location(&res).starts_with("/receipts/"),
        "filed once the card is confirmed"
    );
    assert_eq!(server.submissions(), 1);

    // The procedure's page says the card is confirmed, and asks for it no more.
    let (_, procedure) = get(&resident, &server.url("/p/juminhyo-copy")).await;
    assert!(
        procedure.contains("id=\"identity-done\"")
            && procedure.contains("マイナンバーカードで本人確認をしています"),
        "{procedure}"
    );
    assert!(
        !procedure.contains("id=\"start-sign-in-card\"")
            && !procedure.contains("始める前に確認しておくこともできます"),
        "{procedure}"
    );

    // "My applications" says who is signed in, and signing out forgets it.
    let (_, mine) = get(&resident, &server.url("/my")).await;
    assert!(mine.contains("マイナンバーカードで本人確認をしています"));
    let res = post_form(
        &resident,
        &server.url("/sign-out"),
        &input_value(&mine, "csrf_token"),
        &[],
    )
    .await;
    assert_eq!(location(&res), "/account?done=signed-out");
    let (_, mine) = get(&resident, &server.url("/my")).await;
    assert!(!mine.contains("本人確認をしています"));
    assert!(
        !mine.contains("/receipts/"),
        "a new session: the filing is not shown to the next person"
    );

    // An outside address is never a destination after sign-in.
    let res = resident
        .get(server.url("/sign-in?level=my_number_card&next=//evil.example/"))
        .send()
        .await
        .unwrap();
    let callback = sign_in_at_provider(&server, &resident, &location(&res), true).await;
    assert_eq!(
        location(&resident.get(&callback).send().await.unwrap()),
        "/my"
    );
}
