//! Throttled steps say so: a paused sign-in step answers 429 with `Retry-After`, and the
//! second factor hands the browser a new session token.

use actix_web::http::StatusCode;
use madoguchi_app::operations::DEMO_PASSWORD;

use madoguchi_e2e::input_value;

use super::support::{Browser, service};

const LOGIN: &str = "/office/login";
const CODE: &str = "/office/login/code";
/// The clerk's session cookie (the test service has TLS: `__Host-` names).
const CLERK_COOKIE: &str = "__Host-mdg_clerk";

/// `Retry-After` of a paused step: the throttle's window, in seconds.
fn retry_after() -> String {
    madoguchi_app::THROTTLE_WINDOW.num_seconds().to_string()
}

web_test!(async fn a_paused_password_or_code_step_answers_429_with_retry_after(t) {
    let web = service(&t).await;

    // The password step.
    let client = Browser::default();
    let csrf = input_value(&client.get(&web, LOGIN).await.text, "csrf_token");
    let attempt = |password: &'static str| [("login", "koseki-jumin@sendai.example"), ("password", password)];
    for _ in 0..5 {
        let res = client.post_form(&web, LOGIN, Some(&csrf), &attempt("wrong password")).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert_eq!(res.header("retry-after"), "", "a wrong password is not a pause");
    }
    for password in ["wrong password", DEMO_PASSWORD] {
        let res = client.post_form(&web, LOGIN, Some(&csrf), &attempt(password)).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{password}");
        assert_eq!(res.header("retry-after"), retry_after());
    }

    // The code step, for another account: the password is right, the codes are not.
    let client = Browser::default();
    let csrf = input_value(&client.get(&web, LOGIN).await.text, "csrf_token");
    let res = client.post_form(&web, LOGIN, Some(&csrf), &[("login", "hoken-nenkin@sendai.example"), ("password", DEMO_PASSWORD)]).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    let csrf = input_value(&client.get(&web, CODE).await.text, "csrf_token");
    for _ in 0..5 {
        let res = client.post_form(&web, CODE, Some(&csrf), &[("code", "000000")]).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert_eq!(res.header("retry-after"), "");
    }
    // Paused: 429 (not 401) with Retry-After, even for the right code.
    for code in ["000000".to_string(), t.demo_code(0)] {
        let res = client.post_form(&web, CODE, Some(&csrf), &[("code", code.as_str())]).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{code}");
        assert_eq!(res.header("retry-after"), retry_after());
    }
});

web_test!(async fn the_second_factor_gives_the_browser_a_new_session_token(t) {
    let web = service(&t).await;
    let client = Browser::default();
    let csrf = input_value(&client.get(&web, LOGIN).await.text, "csrf_token");
    let res = client.post_form(&web, LOGIN, Some(&csrf), &[("login", "koseki-jumin@sendai.example"), ("password", DEMO_PASSWORD)]).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    let pending = client.cookie(CLERK_COOKIE).unwrap();
    let csrf = input_value(&client.get(&web, CODE).await.text, "csrf_token");
    let res = client.post_form(&web, CODE, Some(&csrf), &[("code", t.demo_code(0).as_str())]).await;
    assert!(res.status.is_redirection(), "{}: {}", res.status, res.text);
    let signed_in = client.cookie(CLERK_COOKIE).unwrap();
    assert_ne!(signed_in, pending, "a new token");
    assert_eq!(client.get(&web, "/office/queue").await.status, StatusCode::OK);

    // A browser still holding the password step's token is not signed in.
    let old = Browser::default();
    old.set_cookie(CLERK_COOKIE, &pending);
    let res = old.get(&web, "/office/queue").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.header("location"), LOGIN);
});
