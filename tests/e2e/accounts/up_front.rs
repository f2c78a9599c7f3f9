//! The resident's day: the procedure page says what identity is needed before step 1 and
//! offers the sign-in there; confirming the address in the browser that registered signs
//! it in and leads back to the procedure; every resident page's header shows the sign-in
//! and 「申請の状況」.

use super::*;

e2e_test!(
    settings(|s: &mut Settings| s.require_identity = true);
    async fn identity_is_said_up_front_and_confirming_signs_in(server) {
        let hanako = browser();
        let (status, page) = get(&hanako, &server.url("/p/inu-shibo")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("送信するにはログインが必要です"), "{page}");
        assert!(page.contains("href=\"/account?next=/p/inu-shibo\""), "sign in, back to the procedure");
        assert!(page.contains("href=\"/account/new?next=/p/inu-shibo\""), "register, back to the procedure");
        let (identity, start) = (page.find("id=\"identity\"").unwrap(), page.find("button-start").unwrap());
        assert!(identity < start, "said before step 1");
        // The header: the applications and the sign-in, not signed in yet.
        assert!(page.contains("<a class=\"account-link\" href=\"/my\">申請の状況</a>"), "{page}");
        assert!(!page.contains("id=\"signed-in\""));
        // A procedure needing no account says so, and how the address is confirmed.
        let (_, page) = get(&hanako, &server.url("/p/event-koza-moshikomi")).await;
        assert!(page.contains("アカウントは不要です") && page.contains("確認コード"), "{page}");

        // Registering from the procedure page and confirming in the same browser signs it
        // in and leads back to the procedure: no password typed again.
        let (_, form) = get(&hanako, &server.url("/account/new?next=/p/inu-shibo")).await;
        assert!(form.contains("value=\"/p/inu-shibo\""), "the way back is kept");
        let res = post_form(
            &hanako,
            &server.url("/account/new"),
            &input_value(&form, "csrf_token"),
            &[("email", "hanako@example.jp"), ("password", GOOD_PASSWORD), ("next", "/p/inu-shibo")],
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let link = link_in(&mail_with(&server, "hanako@example.jp", "/account/verify/"), "/account/verify/");
        let res = confirm(&server, &hanako, &link).await;
        assert_eq!(location(&res), "/p/inu-shibo", "straight back to the procedure");
        let (_, page) = get(&hanako, &server.url("/p/inu-shibo")).await;
        assert!(page.contains("ログインしています。") && page.contains("id=\"identity-done\""), "{page}");
        assert!(!page.contains("ログインが必要") && !page.contains("ログインするか利用者登録"), "a signed-in resident is not told to sign in: {page}");
        assert!(page.contains("id=\"signed-in\"") && page.contains("ログイン中"), "the header says so");
        assert!(!page.contains("id=\"start-sign-in\""), "no sign-in offered any more");
        let (_, my) = get(&hanako, &server.url("/my")).await;
        assert!(my.contains("ログインしているアカウントで申請した手続"), "{my}");
        assert!(!my.contains("このブラウザから申請した手続です(ブラウザの記録を消すと"), "{my}");
        // Every page's header offers the sign-out (a form: it changes something).
        let header = &page[..page.find("</header>").unwrap()];
        assert!(header.contains("<form method=\"post\" action=\"/sign-out\""), "{header}");
        let token = input_value(&header[header.find("id=\"header-sign-out\"").unwrap()..], "csrf_token");
        let res = post_form(&hanako, &server.url("/sign-out"), &token, &[]).await;
        assert_eq!(location(&res), "/account?done=signed-out");
        let (_, page) = get(&hanako, &server.url("/p/inu-shibo")).await;
        assert!(!page.contains("id=\"signed-in\"") && !page.contains("id=\"header-sign-out\""), "signed out");

        // Confirmed from another browser (another device, or a stranger's registration of
        // the address), the address is only confirmed: the password is still asked.
        let (status, _) = register(&server, &browser(), "jiro@example.jp", GOOD_PASSWORD).await;
        assert_eq!(status, StatusCode::OK);
        let link = link_in(&mail_with(&server, "jiro@example.jp", "/account/verify/"), "/account/verify/");
        let elsewhere = browser();
        let res = confirm(&server, &elsewhere, &link).await;
        assert_eq!(location(&res), "/account?done=verified");
        let (_, page) = get(&elsewhere, &server.url("/account")).await;
        assert!(page.contains("name=\"password\""), "the sign-in form: {page}");
        assert!(!page.contains("id=\"signed-in\""));
    }
);
