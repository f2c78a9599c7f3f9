//! The identity levels when the city turns them on: an account procedure needs a sign-in;
//! a guest confirms the contact email with a code.

use super::*;

fn forms_dir() -> PathBuf {
    std::env::var_os("MADOGUCHI_TEST_FORMS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../forms"))
}

/// Fills procedure `id` with its first valid example (changed by `patch`) through the
/// pages, and returns the check page.
/// The first valid example of `id` (by file name), as filed today.
fn first_example_today(id: &str) -> Value {
    let mut files: Vec<PathBuf> = std::fs::read_dir(forms_dir().join(id).join("examples/valid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let name = files[0].file_name().unwrap().to_str().unwrap();
    madoguchi_testkit::defaults::example_today(id, name)
}

async fn fill_example(
    server: &TestServer,
    client: &Client,
    id: &str,
    patch: impl FnOnce(&mut Value),
) -> String {
    let registry = madoguchi_testkit::defaults::catalogue();
    let form = registry.get(id).unwrap();
    let mut data = first_example_today(id);
    patch(&mut data);
    let data = form.normalize_json(data);
    let csrf = csrf_of(server, client, &format!("/p/{id}/{}", form.steps()[0].id)).await;
    for step in form.shown_steps(&data) {
        let posted = posted_from_data(step, &data);
        let fields: Vec<(&str, &str)> = posted
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = post_form(
            client,
            &server.url(&format!("/p/{id}/{}", step.id)),
            &csrf,
            &fields,
        )
        .await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "{id}: step {}",
            step.id
        );
    }
    let (status, check) = get(client, &server.url(&format!("/p/{id}/check"))).await;
    assert_eq!(status, StatusCode::OK);
    check
}

async fn submit(server: &TestServer, client: &Client, id: &str, check: &str) -> reqwest::Response {
    post_form(
        client,
        &server.url(&format!("/p/{id}/submit")),
        &input_value(check, "csrf_token"),
        &[("idempotency_key", &input_value(check, "idempotency_key"))],
    )
    .await
}

/// The code in the newest confirmation-code mail to `to`.
fn code_for(server: &TestServer, to: &str) -> String {
    let text = mail_with(server, to, "確認コード / Code: ");
    let start = text.find("確認コード / Code: ").unwrap() + "確認コード / Code: ".len();
    text[start..start + 6].to_string()
}

e2e_test!(
    settings(|s: &mut Settings| s.require_identity = true);
    async fn identity_levels_are_enforced_when_required(server) {
        // An account-level procedure: filed only once signed in; nothing stored before.
        let resident = browser();
        let check = fill_example(&server, &resident, "inu-shibo", |_| {}).await;
        assert!(check.contains("id=\"sign-in\""), "the check page offers the sign-in");
        let res = submit(&server, &resident, "inu-shibo", &check).await;
        assert_eq!(location(&res), "/p/inu-shibo/check?identity=sign-in");
        assert_eq!(server.submissions(), 0);
        let (_, page) = get(&resident, &server.url("/p/inu-shibo/check?identity=sign-in")).await;
        assert!(page.contains("ログインが必要です") && page.contains("href=\"#sign-in\""), "{page}");
        let res = sign_in(&server, &resident, "taro@sendai.example", "madoguchi-demo", "/p/inu-shibo/check").await;
        assert_eq!(location(&res), "/p/inu-shibo/check");
        let (_, check) = get(&resident, &server.url("/p/inu-shibo/check")).await;
        assert!(check.contains("ログインしています"), "the answers are still there");
        assert!(check.contains("id=\"session-timeout\""), "the timeout warning is on the page");
        let res = submit(&server, &resident, "inu-shibo", &check).await;
        let receipt = location(&res);
        assert!(receipt.starts_with("/receipts/"), "{receipt}");
        assert_eq!(server.submissions(), 1);
        // Signed in on another device, the resident sees it in "my applications"; a
        // stranger cannot open it.
        let tablet = browser();
        sign_in(&server, &tablet, "taro@sendai.example", "madoguchi-demo", "/my").await;
        let number = receipt.trim_start_matches("/receipts/");
        let (_, my) = get(&tablet, &server.url("/my")).await;
        assert!(my.contains(number), "{my}");
        assert_eq!(get(&tablet, &server.url(&receipt)).await.0, StatusCode::OK);
        assert_eq!(get(&browser(), &server.url(&receipt)).await.0, StatusCode::NOT_FOUND);
        let csrf = csrf_of(&server, &tablet, "/account").await;
        post_form(&tablet, &server.url("/sign-out"), &csrf, &[]).await;
        assert_eq!(get(&tablet, &server.url(&receipt)).await.0, StatusCode::NOT_FOUND, "signed out");
        // Signing out on the browser that filed it leaves nothing for the next person.
        let csrf = csrf_of(&server, &resident, "/account").await;
        let res = post_form(&resident, &server.url("/sign-out"), &csrf, &[]).await;
        assert_eq!(location(&res), "/account?done=signed-out");
        assert_eq!(get(&resident, &server.url(&receipt)).await.0, StatusCode::NOT_FOUND);
        let (_, my) = get(&resident, &server.url("/my")).await;
        assert!(!my.contains(number), "{my}");
        // Signing out on the browser that filed it leaves nothing for the next person.
        let csrf = csrf_of(&server, &resident, "/account").await;
        let res = post_form(&resident, &server.url("/sign-out"), &csrf, &[]).await;
        assert_eq!(location(&res), "/account?done=signed-out");
        assert_eq!(get(&resident, &server.url(&receipt)).await.0, StatusCode::NOT_FOUND);
        let (_, my) = get(&resident, &server.url("/my")).await;
        assert!(!my.contains(number), "{my}");

        // A guest filing a `none` procedure confirms the contact address with a code.
        let guest = browser();
        let with_email = |d: &mut Value| d["email"] = Value::from("guest@example.jp");
        let check = fill_example(&server, &guest, "event-koza-moshikomi", with_email).await;
        assert!(check.contains("id=\"send-code\""), "{check}");
        let res = submit(&server, &guest, "event-koza-moshikomi", &check).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check?identity=email");
        assert_eq!(server.submissions(), 1);
        let csrf = input_value(&check, "csrf_token");
        let res = post_form(&guest, &server.url("/p/event-koza-moshikomi/email-code"), &csrf, &[]).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check#code");
        let code = code_for(&server, "guest@example.jp");
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let res = post_form(&guest, &server.url("/p/event-koza-moshikomi/email-code/confirm"), &csrf, &[("code", wrong)]).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check?identity=code");
        let (_, page) = get(&guest, &server.url("/p/event-koza-moshikomi/check?identity=code")).await;
        assert!(page.contains("確認コードが正しくありません") && page.contains("aria-invalid=\"true\""), "{page}");
        // Typed with a Japanese keyboard (full-width digits) it still counts.
        let wide: String = code.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()).collect();
        let res = post_form(&guest, &server.url("/p/event-koza-moshikomi/email-code/confirm"), &csrf, &[("code", &wide)]).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check#submit");
        let (_, check) = get(&guest, &server.url("/p/event-koza-moshikomi/check")).await;
        let res = submit(&server, &guest, "event-koza-moshikomi", &check).await;
        assert!(location(&res).starts_with("/receipts/"), "{}", location(&res));
        assert_eq!(server.submissions(), 2);

        // Five wrong tries use a code up: the right one no longer works.
        let other = browser();
        let check = fill_example(&server, &other, "event-koza-moshikomi", |d| d["email"] = Value::from("other@example.jp")).await;
        let csrf = input_value(&check, "csrf_token");
        post_form(&other, &server.url("/p/event-koza-moshikomi/email-code"), &csrf, &[]).await;
        let code = code_for(&server, "other@example.jp");
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            post_form(&other, &server.url("/p/event-koza-moshikomi/email-code/confirm"), &csrf, &[("code", wrong)]).await;
        }
        let res = post_form(&other, &server.url("/p/event-koza-moshikomi/email-code/confirm"), &csrf, &[("code", &code)]).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check?identity=code");
        let res = submit(&server, &other, "event-koza-moshikomi", &check).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check?identity=email");
        assert_eq!(server.submissions(), 2);

        // Over the API an account-level procedure is refused with the envelope's code.
        let example: Value = first_example_today("inu-shibo");
        let res = Client::new()
            .post(server.url("/api/v1/procedures/inu-shibo/submissions"))
            .header("Idempotency-Key", madoguchi_app::kernel::new_token().unwrap())
            .json(&example)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "sign_in_required", "{body}");
        assert_eq!(server.submissions(), 2);
    }
);
