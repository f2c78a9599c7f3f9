//! What an operator sees of a real server: `/metrics` after a filing (request series by
//! route pattern, submissions by procedure and state, the outbox, the connection pool),
//! who may read it, and the request id on every response and error page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, fill_form, input_value, location, post_form};
use reqwest::StatusCode;

const TOKEN: &str = "scrape-token-0123456789abcdef";

/// The value of the series `name{labels}` (labels as written, in order), if present.
fn series(text: &str, name_and_labels: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        l.strip_prefix(name_and_labels)?
            .strip_prefix(' ')?
            .parse()
            .ok()
    })
}

async fn scrape(server: &madoguchi_e2e::TestServer, token: Option<&str>) -> reqwest::Response {
    let mut req = browser().get(server.url("/metrics"));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    req.send().await.unwrap()
}

e2e_test!(settings(|s| s.metrics.token = TOKEN.into());
async fn metrics_after_a_filing(server) {
    let resident = browser();
    let check = fill_form(&server, &resident).await;
    let key = input_value(&check, "idempotency_key");
    let csrf = input_value(&check, "csrf_token");
    let res = post_form(&resident, &server.url("/p/juminhyo-copy/submit"), &csrf, &[("idempotency_key", &key)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let receipt = location(&res);
    let number = receipt.trim_start_matches("/receipts/").to_string();
    assert_eq!(resident.get(server.url(&receipt)).send().await.unwrap().status(), StatusCode::OK);

    // Nobody without the token.
    assert_eq!(scrape(&server, None).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(scrape(&server, Some("wrong")).await.status(), StatusCode::UNAUTHORIZED);

    let res = scrape(&server, Some(TOKEN)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/openmetrics-text"));
    let text = res.text().await.unwrap();
    assert!(text.ends_with("# EOF\n"), "one complete exposition");

    // Requests by route pattern and status: the submit and the receipt, whose path holds
    // the arrival number, which never appears.
    let submitted = series(&text, r#"madoguchi_http_requests_total{method="POST",route="/p/{id}/submit",status="303"}"#);
    assert_eq!(submitted, Some(1.0), "{text}");
    let receipts = series(&text, r#"madoguchi_http_requests_total{method="GET",route="/receipts/{number}",status="200"}"#);
    assert_eq!(receipts, Some(1.0), "{text}");
    assert!(!text.contains(&number), "no path in a label");
    assert!(text.contains(r#"madoguchi_http_request_duration_seconds_count{method="POST",route="/p/{id}/submit",status="303"} 1"#), "{text}");
    assert!(text.contains("madoguchi_http_request_duration_seconds_bucket{"), "{text}");

    // What the database holds.
    let filed = text
        .lines()
        .filter(|l| l.starts_with(r#"madoguchi_submissions{procedure="juminhyo-copy""#))
        .map(|l| l.rsplit(' ').next().unwrap().parse::<f64>().unwrap())
        .sum::<f64>();
    assert_eq!(filed, 1.0, "the one filing, in its state: {text}");
    let backlog = series(&text, "madoguchi_outbox_backlog").expect("outbox backlog");
    assert!((0.0..=2.0).contains(&backlog), "the receipt mail, sent or waiting: {backlog}");
    assert!(series(&text, "madoguchi_outbox_oldest_age_seconds").unwrap() >= 0.0);
    assert_eq!(series(&text, "madoguchi_outbox_given_up"), Some(0.0));
    assert_eq!(series(&text, "madoguchi_webhook_backlog"), Some(0.0));
    assert_eq!(series(&text, "madoguchi_payments_failing"), Some(0.0));
    let engine = server.db.db.backend().name();
    let max = series(&text, &format!(r#"madoguchi_db_pool_max{{engine="{engine}"}}"#)).expect("pool size");
    assert!(max >= 1.0);
    let checkouts = series(&text, &format!(r#"madoguchi_db_pool_checkouts_total{{engine="{engine}"}}"#)).unwrap();
    assert!(checkouts >= 5.0, "a filing takes connections: {checkouts}");
    assert!(series(&text, &format!(r#"madoguchi_db_pool_wait_seconds_total{{engine="{engine}"}}"#)).unwrap() >= 0.0);
    assert_eq!(series(&text, &format!(r#"madoguchi_db_pool_timeouts_total{{engine="{engine}"}}"#)), Some(0.0));
    // The server's worker thread has run its rounds (mail at least once before the scrape
    // could see a sent receipt; the counters exist from the first round).
    assert!(text.contains(r#"madoguchi_job_runs_total{job="mail"}"#), "{text}");
    assert!(text.contains(r#"madoguchi_job_errors_total{job="mail"} 0"#), "{text}");
});

e2e_test!(async fn metrics_are_closed_by_default(server) {
    assert_eq!(scrape(&server, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(scrape(&server, Some("anything")).await.status(), StatusCode::NOT_FOUND);
});

e2e_test!(async fn every_response_has_a_request_id_and_error_pages_print_it(server) {
    let client = browser();
    let ok = client.get(server.url("/procedures")).send().await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let first = ok.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(first.len(), 36, "a fresh UUID: {first}");

    // Not a listed proxy: the client's id is not taken.
    let res = client
        .get(server.url("/no-such-page"))
        .header("x-request-id", "chosen-by-the-client")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(id, "chosen-by-the-client");
    assert_ne!(id, first, "one id per request");
    let page = res.text().await.unwrap();
    assert!(page.contains(&id), "the error page prints the id to quote");
    assert!(page.contains("お問い合わせ番号"), "in the reader's language");

    let res = client
        .get(server.url("/no-such-page"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    let page = res.text().await.unwrap();
    assert!(page.contains(&id) && page.contains("Request ID"), "{page}");
});

e2e_test!(settings(|s| s.trusted_proxies = vec!["127.0.0.1".into()]);
async fn a_listed_proxy_hands_its_request_id_on(server) {
    let res = browser()
        .get(server.url("/procedures"))
        .header("x-request-id", "lb-1f2e3d")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "lb-1f2e3d");
    let res = browser()
        .get(server.url("/procedures"))
        .header("x-request-id", "two words")
        .send()
        .await
        .unwrap();
    assert_ne!(res.headers()["x-request-id"], "two words", "only a plain word is taken");
});
