//! Registering, the confirmation link, signing in, throttling per account and per
//! address (also behind a trusted proxy), a password reset by emailed link.

use super::*;
use madoguchi_store::prelude::{Identity, OutboxRead};

e2e_test!(
    async fn register_confirm_sign_in_and_reset(server) {
        let (hanako, jar) = browser_with_jar();
        // A weak password and a malformed address are refused at their fields.
        let (status, page) = register(&server, &hanako, "hanako@example.jp", "Password1234").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"password-error\""), "{page}");
        assert!(page.contains("このパスワードは使えません"));
        assert!(page.contains("value=\"hanako@example.jp\""), "the address is kept");
        let (status, page) = register(&server, &hanako, "hanako.example.jp", GOOD_PASSWORD).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"email-error\""), "{page}");

        // Someone registers Hanako's address first, with their own password…
        let (status, page) = register(&server, &browser(), "hanako@example.jp", "someone else's phrase").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("メールを確認してください"), "{page}");
        let first = link_in(&mail_with(&server, "hanako@example.jp", "/account/verify/"), "/account/verify/");
        // …Hanako registers it herself: her password counts, and a new link replaces theirs.
        let (status, _) = register(&server, &hanako, "Hanako@Example.jp", GOOD_PASSWORD).await;
        assert_eq!(status, StatusCode::OK);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while mails_with(&server, "hanako@example.jp", "/account/verify/") < 2 {
            assert!(std::time::Instant::now() < deadline, "no second link");
            std::thread::sleep(Duration::from_millis(100));
        }

        // Not confirmed yet: the right password mails a new link (earlier ones stop working).
        let res = sign_in(&server, &hanako, "hanako@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(res.text().await.unwrap().contains("メールアドレスの確認がまだです"));
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while mails_with(&server, "hanako@example.jp", "/account/verify/") < 3 {
            assert!(std::time::Instant::now() < deadline, "the link was not sent again");
            std::thread::sleep(Duration::from_millis(100));
        }
        let second = link_in(&mail_with(&server, "hanako@example.jp", "/account/verify/"), "/account/verify/");
        assert_ne!(first, second);
        let res = hanako.get(server.url(&first)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::GONE, "a replaced link");
        let res = confirm(&server, &hanako, &second).await;
        assert_eq!(location(&res), "/account?done=verified");
        let res = hanako.get(server.url(&second)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::GONE, "a link works once");
        let unknown = format!("/account/verify/{}", madoguchi_app::kernel::new_token().unwrap());
        let res = hanako.get(server.url(&unknown)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // Registering a confirmed address answers alike; its owner is told by mail.
        let (status, again) = register(&server, &browser(), "hanako@example.jp", "another long phrase").await;
        assert_eq!(status, StatusCode::OK);
        assert!(again.contains("メールを確認してください"));
        mail_with(&server, "hanako@example.jp", "すでに登録されています");
        let res = sign_in(&server, &browser(), "hanako@example.jp", "someone else's phrase", "/my").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the first registrant's password");

        // Wrong password, then right (the address in any case), back where asked.
        let res = sign_in(&server, &hanako, "hanako@example.jp", "not the password", "/my").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let page = res.text().await.unwrap();
        assert!(page.contains("ログインできませんでした"), "{page}");
        assert!(page.contains("/account/reset"), "the way to a new password is offered");
        let pre = session_token(&server, &jar);
        let res = sign_in(&server, &hanako, "HANAKO@example.jp", GOOD_PASSWORD, "/procedures").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/procedures");
        for evil in ["https://evil.example/", "//evil.example/", "/\t/evil.example/", "/\\evil.example"] {
            let res = sign_in(&server, &browser(), "hanako@example.jp", GOOD_PASSWORD, evil).await;
            assert_eq!(location(&res), "/my", "no redirect to another site: {evil:?}");
        }
        // Signing in gave the browser a new session token.
        let before = session_token(&server, &jar);
        assert_ne!(pre, before, "a new token at sign-in");
        let (_, page) = get(&hanako, &server.url("/account")).await;
        assert!(page.contains("hanako@example.jp") && page.contains("ログイン中です"), "{page}");

        // "Stay signed in" answers the new end (for the warning's script): a sign-in about
        // to end lasts another hour.
        let token = session_token(&server, &jar);
        assert_eq!(before, token);
        let hash = madoguchi_app::kernel::token_hash(&token);
        let soon = (chrono::Utc::now() + chrono::Duration::minutes(2)).naive_utc();
        server.db.db.conn().unwrap().extend_identity(&hash, soon).unwrap();
        let csrf = input_value(&page, "csrf_token");
        let res = hanako
            .post(server.url("/session/keep"))
            .header("Accept", "application/json")
            .form(&[("csrf_token", csrf.as_str()), ("next", "/my")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let kept: Value = res.json().await.unwrap();
        assert_eq!(kept["signed_in"], true, "{kept}");
        let until = chrono::DateTime::parse_from_rfc3339(kept["until"].as_str().unwrap()).unwrap();
        assert!(until.naive_utc() > soon + chrono::Duration::minutes(50), "{kept}");
        let res = browser()
            .post(server.url("/session/keep"))
            .form(&[("next", "/my")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "CSRF checked");

        // A password reset from another device: the unknown address answers alike.
        let phone = browser();
        let csrf = csrf_of(&server, &phone, "/account/reset").await;
        for email in ["nobody@example.jp", "hanako@example.jp"] {
            let res = post_form(&phone, &server.url("/account/reset"), &csrf, &[("email", email)]).await;
            assert_eq!(res.status(), StatusCode::OK);
            assert!(res.text().await.unwrap().contains("登録されていれば"));
        }
        // Five reset mails to one address in 15 minutes, then none (the page answers alike).
        for _ in 0..5 {
            let res = post_form(&phone, &server.url("/account/reset"), &csrf, &[("email", "hanako@example.jp")]).await;
            assert_eq!(res.status(), StatusCode::OK);
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while server.db.db.conn().unwrap().count_pending_mail().unwrap() > 0 {
            assert!(std::time::Instant::now() < deadline, "mail still pending");
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(mails_with(&server, "hanako@example.jp", "/account/reset/"), 5, "the sixth was not sent");
        let link = link_in(&mail_with(&server, "hanako@example.jp", "/account/reset/"), "/account/reset/");
        assert_eq!(mails_with(&server, "nobody@example.jp", ""), 0, "no mail to an unknown address");
        let csrf = csrf_of(&server, &phone, &link).await;
        let res = post_form(&phone, &server.url(&link), &csrf, &[("password", "hanako@example.jp")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let res = post_form(&phone, &server.url(&link), &csrf, &[("password", NEW_PASSWORD)]).await;
        assert_eq!(location(&res), "/account?done=reset");
        let (_, page) = get(&phone, &server.url("/account")).await;
        assert!(page.contains("ログイン中です"), "the phone is signed in");
        let (_, page) = get(&hanako, &server.url("/account")).await;
        assert!(page.contains("action=\"/account/sign-in\""), "the other device was signed out");
        mail_with(&server, "hanako@example.jp", "パスワードを変更しました");
        let res = phone.get(server.url(&link)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::GONE);
        let res = sign_in(&server, &browser(), "hanako@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the old password");
        let res = sign_in(&server, &browser(), "hanako@example.jp", NEW_PASSWORD, "/my").await;
        assert_eq!(location(&res), "/my");
        let res = sign_in(&server, &browser(), "taro@sendai.example", "madoguchi-demo", "/my").await;
        assert_eq!(location(&res), "/my", "the demo resident");
    }
);

e2e_test!(
    async fn sign_in_is_throttled_per_account_and_per_address(server) {
        registered(&server, "jiro@example.jp").await;
        registered(&server, "saburo@example.jp").await;
        for _ in 0..5 {
            let res = sign_in(&server, &browser(), "jiro@example.jp", "wrong wrong wrong", "/my").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        }
        // The account is paused from this address: even the right password waits.
        let res = sign_in(&server, &browser(), "jiro@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        // It says when to try again: the throttle's window, in seconds.
        let retry_after = madoguchi_app::THROTTLE_WINDOW.num_seconds().to_string();
        assert_eq!(res.headers()["retry-after"].to_str().unwrap(), retry_after);
        assert!(res.text().await.unwrap().contains("15分ほど待って"));
        // Another account from the same address still signs in…
        let res = sign_in(&server, &browser(), "saburo@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(location(&res), "/my");
        // …until the address has failed 50 times (guessing across many accounts; the six
        // attempts on jiro's account count, the paused one too).
        for i in 0..44 {
            let res = sign_in(&server, &browser(), &format!("guess{i}@example.jp"), "wrong wrong wrong", "/my").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        let res = sign_in(&server, &browser(), "saburo@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(res.headers()["retry-after"].to_str().unwrap(), retry_after);
        // No proxy is trusted here: a forged X-Forwarded-For does not make a new address.
        let res = sign_in(&server, &forwarded_for("198.51.100.7"), "saburo@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    }
);

/// A browser whose requests arrive through a proxy that says they came from `chain`.
fn forwarded_for(chain: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", chain.parse().unwrap());
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .pool_idle_timeout(madoguchi_e2e::IDLE)
        .build()
        .unwrap()
}

e2e_test!(
    settings(|s: &mut Settings| s.trusted_proxies = vec!["127.0.0.0/8".into()]);
    async fn behind_a_trusted_proxy_each_residents_address_is_counted_apart(server) {
        registered(&server, "shiro@example.jp").await;
        for i in 0..50 {
            let res = sign_in(&server, &forwarded_for("203.0.113.1"), &format!("guess{i}@example.jp"), "wrong wrong wrong", "/my").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        // The guesser's address is paused, also when it writes another address in front…
        let res = sign_in(&server, &forwarded_for("203.0.113.1"), "shiro@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        let res = sign_in(&server, &forwarded_for("198.51.100.7, 203.0.113.1"), "shiro@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        // …while another resident behind the same proxy signs in.
        let res = sign_in(&server, &forwarded_for("203.0.113.2"), "shiro@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(location(&res), "/my");
    }
);
