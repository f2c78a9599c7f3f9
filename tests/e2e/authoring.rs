//! Department authoring over HTTP (both engines): an author creates a procedure from the
//! template, the check points at what is missing, the preview shows a resident's error,
//! publishing opens it and a resident files it, a rollback and retirement; other staff
//! cannot reach the pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, get, input_value, location, post_form, staff_sign_in};
use reqwest::StatusCode;

/// The text of the `<textarea name="definition">` on the edit page, unescaped.
/// The template's texts for residents, written as an author writes them (publishing refuses
/// the template's own words).
fn written(definition: &str) -> String {
    definition
        .replace(
            "この手続で何ができるかを、1〜2文で書いてください。",
            "窓口での相談を予約します。",
        )
        .replace(
            "Say in one or two sentences what this procedure is for.",
            "Book a consultation at a counter.",
        )
        .replace("申請できる方を書いてください。", "市内にお住まいの方")
        .replace("Say who may apply.", "People living in the city.")
        .replace(
            "結果をどのようにお知らせするかを書いてください。",
            "予約の結果はメールでお知らせします。",
        )
        .replace(
            "Say how the result reaches the applicant.",
            "The booking is confirmed by email.",
        )
}

fn definition_of(page: &str) -> String {
    let start = page.find("name=\"definition\"").expect("the editor");
    let start = start + page[start..].find('>').unwrap() + 1;
    let end = start + page[start..].find("</textarea>").unwrap();
    page[start..end]
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The definition with an optional visit date on its first step, bounded by a window that
/// carries a note for the city.
fn with_visit_window(text: &str) -> String {
    let mut d: serde_json::Value = serde_json::from_str(text).unwrap();
    d["schema"]["properties"]["visit_date"] =
        serde_json::json!({"type": "string", "format": "date"});
    d["schema"]["x-date-window"] = serde_json::json!([{
        "field": "/visit_date", "not_before": "today",
        "to_confirm": "来庁できる期間を市に確認してください。"
    }]);
    d["ui"]["steps"][0]["fields"]
        .as_array_mut()
        .unwrap()
        .push("visit_date".into());
    d["ui"]["fields"]["visit_date"] =
        serde_json::json!({"label": {"ja": "来庁する日", "en": "Day of the visit"}});
    serde_json::to_string_pretty(&d).unwrap()
}

/// The definition with a second step: "will anyone come with you?" and, only when yes, a
/// repeatable group of companions (required then).
pub fn with_companions(text: &str) -> String {
    let mut d: serde_json::Value = serde_json::from_str(text).unwrap();
    d["schema"]["properties"]["bring_companions"] =
        serde_json::json!({ "type": "string", "enum": ["yes", "no"] });
    d["schema"]["properties"]["companions"] = serde_json::json!({
        "type": "array", "minItems": 1, "maxItems": 3,
        "items": { "type": "object", "additionalProperties": false,
                   "properties": { "name": { "type": "string", "minLength": 1, "maxLength": 50 } },
                   "required": ["name"] }
    });
    d["schema"]["required"]
        .as_array_mut()
        .unwrap()
        .push("bring_companions".into());
    d["schema"]["allOf"] = serde_json::json!([{
        "if": { "properties": { "bring_companions": { "const": "yes" } }, "required": ["bring_companions"] },
        "then": { "required": ["companions"] }
    }]);
    d["ui"]["steps"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "companions", "title": { "ja": "同行する方", "en": "Who comes with you" },
            "fields": ["bring_companions", "companions"]
        }));
    d["ui"]["fields"]["bring_companions"] = serde_json::json!({
        "label": { "ja": "同行する方はいますか", "en": "Will anyone come with you?" },
        "options": { "yes": { "ja": "いる", "en": "Yes" }, "no": { "ja": "いない", "en": "No" } }
    });
    d["ui"]["fields"]["companions"] = serde_json::json!({
        "label": { "ja": "同行する方", "en": "Companions" },
        "item_label": { "ja": "同行者", "en": "Companion" },
        "required_when": { "ja": "同行する方がいる場合は必須", "en": "Required if someone comes with you" },
        "show_if": { "field": "/bring_companions", "equals": "yes" },
        "order": ["name"],
        "fields": { "name": { "label": { "ja": "氏名", "en": "Full name" } } }
    });
    serde_json::to_string_pretty(&d).unwrap()
}

e2e_test!(
    async fn an_author_publishes_a_procedure_a_resident_files(server) {
        // Other staff cannot reach the pages.
        let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
        assert_eq!(get(&clerk, &server.url("/office/authoring")).await.0, StatusCode::FORBIDDEN);

        let author = staff_sign_in(&server, "koseki-jumin.author@sendai.example").await;
        let (status, list) = get(&author, &server.url("/office/authoring")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(list.contains("juminhyo-copy"), "the section's procedures are listed");
        let csrf = input_value(&list, "csrf_token");

        // A bad id is refused at its field; a good one opens the editor.
        let res = post_form(&author, &server.url("/office/authoring/new"), &csrf, &[("id", "Soudan Yoyaku"), ("from", "")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("id=\"id-error\""));
        let res = post_form(&author, &server.url("/office/authoring/new"), &csrf, &[("id", "soudan-yoyaku"), ("from", "")]).await;
        assert_eq!(location(&res), "/office/authoring/soudan-yoyaku");
        let (_, edit) = get(&author, &server.url("/office/authoring/soudan-yoyaku")).await;
        assert!(edit.contains("/procedure/legal_basis"), "the check points at the missing legal basis");

        // Not publishable yet.
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku/publish"), &csrf, &[("note", "初版")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("公開できません"));
        assert_eq!(get(&browser(), &server.url("/p/soudan-yoyaku")).await.0, StatusCode::NOT_FOUND, "drafts are private");

        // Fixed and saved; the preview shows a resident's error for an empty name.
        assert!(edit.contains("/procedure/who_may_file/ja"), "and at the template's words residents must not read");
        let fixed = written(&definition_of(&edit)).replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法 第2条\"");
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku"), &csrf, &[("definition", &fixed)]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let page = res.text().await.unwrap();
        assert!(page.contains("問題は見つかりませんでした"), "{}", &page[page.find("lint-title").unwrap_or(0)..][..1500.min(page.len() - page.find("lint-title").unwrap_or(0))]);
        // A new procedure's facts are the city's to confirm: the author sees the notes.
        assert!(page.contains("市に確認すること") && page.contains("/procedure/facts/legal_basis"), "the notes for the city are listed");
        // A rule's note is listed with them, with the date it is about.
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku"), &csrf, &[("definition", &with_visit_window(&fixed))]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let page = res.text().await.unwrap();
        assert!(page.contains("/schema/x-date-window/0") && page.contains("/visit_date") && page.contains("来庁できる期間を市に確認"), "a rule's note is listed");
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku"), &csrf, &[("definition", &fixed)]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let (status, preview) = get(&author, &server.url("/office/authoring/soudan-yoyaku/preview")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(preview.contains("name=\"name_kana\""), "{preview}");
        // The procedure's page too, as residents read it before they start.
        assert!(preview.contains("id=\"procedure-page\"") && preview.contains("手続の案内ページ"), "{preview}");
        for fact in ["窓口での相談を予約します。", "市内にお住まいの方", "予約の結果はメールでお知らせします。", "地方自治法 第2条", "申請できる方", "結果の受け取り方"] {
            assert!(preview.contains(fact), "the procedure page says {fact}: {preview}");
        }
        // The step's address opened (a reload after checking) leads back to the preview.
        let res = author.get(server.url("/office/authoring/soudan-yoyaku/preview/applicant")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "not a 405");
        assert_eq!(location(&res), "/office/authoring/soudan-yoyaku/preview#step-applicant");
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku/preview/applicant"), &csrf, &[("name", ""), ("name_kana", "Sendai"), ("email", "")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = res.text().await.unwrap();
        assert!(page.contains("カタカナで入力してください"), "{page}");

        // Published: a resident files it.
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku/publish"), &csrf, &[("note", "初版")]).await;
        assert_eq!(location(&res), "/office/authoring/soudan-yoyaku?published=1");
        let resident = browser();
        let (status, start) = get(&resident, &server.url("/p/soudan-yoyaku")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(start.contains("新しい手続"));
        let (_, step) = get(&resident, &server.url("/p/soudan-yoyaku/applicant")).await;
        let rcsrf = input_value(&step, "csrf_token");
        let res = post_form(&resident, &server.url("/p/soudan-yoyaku/applicant"), &rcsrf, &[("name", "仙台 花子"), ("name_kana", "センダイ ハナコ"), ("email", "hanako@example.jp")]).await;
        assert_eq!(location(&res), "/p/soudan-yoyaku/check");
        let (_, check) = get(&resident, &server.url("/p/soudan-yoyaku/check")).await;
        let res = post_form(&resident, &server.url("/p/soudan-yoyaku/submit"), &rcsrf, &[("idempotency_key", &input_value(&check, "idempotency_key"))]).await;
        assert!(location(&res).starts_with("/receipts/"), "{}", location(&res));
        let (_, queue) = get(&clerk, &server.url("/office/queue")).await;
        assert!(queue.contains("仙台 花子") || queue.contains("新しい手続"), "the section's clerks get it");

        // A second version, its difference, and a rollback to the first.
        let renamed = with_companions(&fixed.replace("新しい手続", "窓口の相談予約"));
        post_form(&author, &server.url("/office/authoring/soudan-yoyaku"), &csrf, &[("definition", &renamed)]).await;
        let (_, edit) = get(&author, &server.url("/office/authoring/soudan-yoyaku")).await;
        assert!(edit.contains("問題は見つかりませんでした"), "the group and condition pass the check: {edit}");
        // A reader without a session gets the start page kept rendered: rendered again for
        // each new version, never the old one.
        assert!(get(&browser(), &server.url("/p/soudan-yoyaku")).await.1.contains("新しい手続"));
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku/publish"), &csrf, &[("note", "名前を変更")]).await;
        assert_eq!(location(&res), "/office/authoring/soudan-yoyaku?published=2");
        assert!(get(&resident, &server.url("/p/soudan-yoyaku")).await.1.contains("窓口の相談予約"));
        let kept = get(&browser(), &server.url("/p/soudan-yoyaku")).await.1;
        assert!(kept.contains("窓口の相談予約") && !kept.contains("新しい手続"), "{kept}");
        let (_, diff) = get(&author, &server.url("/office/authoring/soudan-yoyaku/diff?a=1&b=2")).await;
        assert!(diff.contains("<ins>+") && diff.contains("窓口の相談予約"), "{diff}");
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku/republish"), &csrf, &[("number", "1"), ("note", "元に戻す")]).await;
        assert_eq!(location(&res), "/office/authoring/soudan-yoyaku?published=3");
        assert!(get(&resident, &server.url("/p/soudan-yoyaku")).await.1.contains("新しい手続"));
        assert!(get(&browser(), &server.url("/p/soudan-yoyaku")).await.1.contains("新しい手続"));

        // Retired: closed to new filings.
        let res = post_form(&author, &server.url("/office/authoring/soudan-yoyaku/retire"), &csrf, &[("reason", "事業終了")]).await;
        assert_eq!(location(&res), "/office/authoring/soudan-yoyaku?retired=1");
        assert_eq!(get(&browser(), &server.url("/p/soudan-yoyaku")).await.0, StatusCode::GONE, "closed, and it says so");
        let res = author.post(server.url("/office/authoring/soudan-yoyaku/retire")).form(&[("reason", "x")]).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "CSRF checked");
    }
);

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn an_author_builds_a_procedure_with_a_group_and_a_condition_in_chromium() {
    use crate::browser_support::{
        axe_source, browser as chromium, check_page, click, continue_, navigate,
        start_chromedriver, text, type_into,
    };
    use fantoccini::Locator;
    use madoguchi_e2e::madoguchi_testkit::TestDb;
    use serde_json::Value;

    let server = madoguchi_e2e::TestServer::start(TestDb::sqlite());
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = chromium(&driver, 360).await;

    // The author signs in and lands on the section's procedures.
    c.goto(&server.url("/office/login")).await.unwrap();
    type_into(&c, "login", "koseki-jumin.author@sendai.example").await;
    type_into(&c, "password", "madoguchi-demo").await;
    continue_(&c).await;
    type_into(&c, "code", &madoguchi_e2e::demo_code(0)).await;
    continue_(&c).await;
    assert_eq!(c.current_url().await.unwrap().path(), "/office/authoring");
    check_page(&c, &axe, "60-authoring-list").await;

    // A new procedure from the template: the check points at the missing legal basis.
    type_into(&c, "id", "soudan-yoyaku").await;
    continue_(&c).await;
    assert!(
        text(&c, "#lint-problems")
            .await
            .contains("/procedure/legal_basis")
    );
    check_page(&c, &axe, "61-authoring-edit-problems").await;

    // The author adds a second step with a condition and a repeatable group, and the law.
    let current = c
        .execute(
            "return document.getElementById('definition').value;",
            vec![],
        )
        .await
        .unwrap();
    let edited = written(&with_companions(current.as_str().unwrap())).replace(
        "\"legal_basis\": \"\"",
        "\"legal_basis\": \"地方自治法 第2条\"",
    );
    c.execute(
        "document.getElementById('definition').value = arguments[0];",
        vec![Value::from(edited)],
    )
    .await
    .unwrap();
    continue_(&c).await;
    assert!(
        text(&c, ".notice")
            .await
            .contains("問題は見つかりませんでした")
    );

    // The preview as a resident sees it, with the error for an answer left out.
    navigate(&c, "a[href='/office/authoring/soudan-yoyaku/preview']").await;
    check_page(&c, &axe, "62-authoring-preview").await;
    navigate(&c, "form[action$='/preview/applicant'] button[type=submit]").await;
    let summary = text(&c, ".error-summary").await;
    assert!(summary.contains("氏名"), "{summary}");
    check_page(&c, &axe, "63-authoring-preview-error").await;

    // Published with a note.
    c.goto(&server.url("/office/authoring/soudan-yoyaku"))
        .await
        .unwrap();
    type_into(&c, "note", "初版").await;
    navigate(&c, "form[action$='/publish'] button").await;
    assert!(text(&c, ".notice").await.contains("公開しました"));
    navigate(&c, "a[href='/office/authoring/soudan-yoyaku/versions']").await;
    check_page(&c, &axe, "64-authoring-versions").await;

    // The structured editor, and a question added without a label: refused at its fields.
    c.goto(&server.url("/office/authoring/soudan-yoyaku/structure"))
        .await
        .unwrap();
    check_page(&c, &axe, "64b-authoring-structure").await;
    navigate(
        &c,
        "form:has(input[value='add_question']) button[type=submit]",
    )
    .await;
    assert!(!text(&c, ".error-summary").await.is_empty());
    check_page(&c, &axe, "64c-authoring-structure-error").await;

    // The section's integrations: a token shown once; a webhook's address refused at its
    // field.
    c.goto(&server.url("/office/integrations")).await.unwrap();
    check_page(&c, &axe, "66-integrations").await;
    type_into(&c, "name", "基幹システム").await;
    navigate(&c, "form[action='/office/integrations/tokens'] button").await;
    assert!(text(&c, "#new-secret").await.contains("mdg_"));
    check_page(&c, &axe, "67-integrations-token").await;
    type_into(&c, "url", "http://hooks.example/x").await;
    click(&c, "#event-1").await;
    navigate(&c, "form[action='/office/integrations/webhooks'] button").await;
    assert!(text(&c, ".error-summary").await.contains("URL"));
    check_page(&c, &axe, "68-integrations-error").await;
    c.close().await.unwrap();

    // The section supervisor's approvals page.
    let k = chromium(&driver, 320).await;
    k.goto(&server.url("/office/login")).await.unwrap();
    type_into(&k, "login", "koseki-jumin.kacho@sendai.example").await;
    type_into(&k, "password", "madoguchi-demo").await;
    continue_(&k).await;
    type_into(&k, "code", &madoguchi_e2e::demo_code(0)).await;
    continue_(&k).await;
    navigate(&k, "a[href='/office/approvals']").await;
    assert!(
        text(&k, "main")
            .await
            .contains("承認を待っている手続はありません")
    );
    check_page(&k, &axe, "69-approvals").await;
    k.close().await.unwrap();

    // A resident files it, with one companion.
    let r = chromium(&driver, 320).await;
    r.goto(&server.url("/p/soudan-yoyaku")).await.unwrap();
    navigate(&r, "a.button-start").await;
    type_into(&r, "f-name", "仙台 花子").await;
    type_into(&r, "f-name_kana", "センダイ ハナコ").await;
    type_into(&r, "f-email", "hanako@example.jp").await;
    continue_(&r).await;
    check_page(&r, &axe, "65-authored-step-group").await;
    click(&r, "#f-bring_companions-0").await;
    continue_(&r).await;
    let summary = text(&r, ".error-summary").await;
    assert!(
        summary.contains("同行"),
        "the group is required when yes: {summary}"
    );
    type_into(&r, "f-companions-0-name", "仙台 太郎").await;
    continue_(&r).await;
    assert_eq!(
        r.current_url().await.unwrap().path(),
        "/p/soudan-yoyaku/check"
    );
    assert!(text(&r, "main").await.contains("仙台 太郎"));
    continue_(&r).await;
    assert!(
        r.find(Locator::Css(".arrival-number")).await.is_ok(),
        "filed"
    );
    r.close().await.unwrap();
}

e2e_test!(
    async fn an_author_builds_a_procedure_without_json(server) {
        let author = staff_sign_in(&server, "koseki-jumin.author@sendai.example").await;
        let (_, list) = get(&author, &server.url("/office/authoring")).await;
        let csrf = input_value(&list, "csrf_token");
        let res = post_form(&author, &server.url("/office/authoring/new"), &csrf, &[("id", "inu-sanpo"), ("from", "")]).await;
        assert_eq!(location(&res), "/office/authoring/inu-sanpo");
        let (_, json_editor) = get(&author, &server.url("/office/authoring/inu-sanpo")).await;
        assert!(json_editor.contains("href=\"/office/authoring/inu-sanpo/structure\""), "linked from the JSON editor");

        let structure = server.url("/office/authoring/inu-sanpo/structure");
        let (status, page) = get(&author, &structure).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("項目の編集") && page.contains("href=\"/office/authoring/inu-sanpo\""), "{page}");
        assert!(page.contains("手続の根拠となる法令や条例を書いてください"), "the missing legal basis is shown at the settings");
        assert!(page.contains("id=\"q-name_kana\""), "the template's questions are listed");

        // A key that is not snake_case is refused next to its input, with the summary.
        let question = |key: &'static str, kind: &'static str, ja: &'static str, en: &'static str, options: &'static str| {
            vec![("action", "add_question"), ("step", "dog"), ("key", key), ("kind", kind), ("label_ja", ja), ("label_en", en),
                 ("hint_ja", ""), ("hint_en", ""), ("options", options), ("required", "yes")]
        };
        let res = post_form(&author, &structure, &csrf, &question("Dog Size", "text", "犬の大きさ", "", "")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = res.text().await.unwrap();
        assert!(page.contains("id=\"nq-key-error\"") && page.contains("aria-describedby=\"nq-key-hint nq-key-error\""), "{page}");
        assert!(page.contains("id=\"nq-label_en-error\"") && page.contains("href=\"#nq-label_en\""), "{page}");
        assert!(page.contains("value=\"Dog Size\""), "what was typed is kept");

        // Settings, a step, two questions and a condition, each answered with a redirect.
        for fields in [
            vec![("action", "settings"), ("title_ja", "犬の散歩許可"), ("title_en", "Dog walk permit"),
                 ("summary_ja", "公園で犬を散歩させる許可です。"), ("summary_en", "A permit to walk dogs in parks."),
                 ("who_may_file_ja", "犬を飼っている市民の方"), ("who_may_file_en", "Residents who keep a dog"),
                 ("result_delivery_ja", "許可証を郵送します。"), ("result_delivery_en", "The permit is posted to you."),
                 ("what_to_prepare_ja", "犬の登録番号\r\n狂犬病予防注射済票"), ("what_to_prepare_en", "The dog's registration number\r\nThe rabies vaccination tag"),
                 ("identity", "none"), ("processing_days", "5"), ("legal_basis", "仙台市公園条例 第3条")],
            vec![("action", "add_step"), ("step_id", "dog"), ("step_title_ja", "犬について"), ("step_title_en", "About the dog")],
            question("dog_size", "radios", "犬の大きさ", "Size of the dog", "small | 小型犬 | Small\r\nlarge | 大型犬 | Large"),
            question("muzzle", "text", "口輪の種類", "Kind of muzzle", ""),
            vec![("action", "set_condition"), ("key", "muzzle"), ("when", "dog_size=large")],
            // An address written whole; a repeatable group, given its questions one by one.
            question("kept_at", "address", "犬を飼っている場所", "Where the dog is kept", ""),
            question("walkers", "repeat", "散歩させる人", "People who walk the dog", ""),
            // A day asked by era (令和…) or 西暦, as the resident picks.
            question("registered_on", "wareki-date", "犬を登録した日", "Day the dog was registered", ""),
            vec![("action", "add_question"), ("step", "item:walkers"), ("key", "walker_name"), ("kind", "text"),
                 ("label_ja", "氏名"), ("label_en", "Full name"), ("hint_ja", ""), ("hint_en", ""), ("options", ""), ("required", "yes")],
            vec![("action", "add_question"), ("step", "item:walkers"), ("key", "walker_phone"), ("kind", "phone"),
                 ("label_ja", "電話番号"), ("label_en", "Phone"), ("hint_ja", ""), ("hint_en", ""), ("options", ""), ("required", "no")],
            vec![("action", "question_up"), ("key", "walkers.walker_phone")],
            vec![("action", "fee"), ("fee", "fixed"), ("unit_yen", "300"), ("unit_ja", "件"), ("unit_en", "permits"), ("timing", "on_submission")],
        ] {
            let res = post_form(&author, &structure, &csrf, &fields).await;
            assert_eq!(res.status(), StatusCode::SEE_OTHER, "{fields:?}: {}", res.text().await.unwrap());
            assert!(location(&res).starts_with("/office/authoring/inu-sanpo/structure?saved=1#"));
        }
        let (_, page) = get(&author, &format!("{structure}?saved=1&edit=muzzle")).await;
        assert!(page.contains("問題は見つかりませんでした"), "{page}");
        assert!(page.contains("「犬の大きさ」が「大型犬」のときだけ"), "{page}");
        assert!(page.contains("value=\"dog_size=large\" selected"), "the condition form shows it: {page}");
        assert!(page.contains("id=\"fee-quantity\"") && page.contains("数量を問わない(1件ごと)"), "the fee can be counted by a question: {page}");
        assert!(page.contains("<option value=\"item:walkers\">「散歩させる人」の各項目"), "a question can go in each item: {page}");
        let phone = page.find("id=\"q-walkers.walker_phone\"").expect("the item's questions are listed under the group");
        assert!(phone < page.find("id=\"q-walkers.walker_name\"").unwrap(), "moved up within the group");
        let (_, editing) = get(&author, &format!("{structure}?edit=walkers.walker_name")).await;
        assert!(editing.contains("value=\"walkers.walker_name\"") && editing.contains("各項目で聞く質問には、ここでは条件を付けられません"), "{editing}");

        // The JSON editor edits the same working copy; published, residents get the form.
        let (_, json_editor) = get(&author, &server.url("/office/authoring/inu-sanpo")).await;
        assert!(json_editor.contains("show_if") && json_editor.contains("Dog walk permit"));
        let res = post_form(&author, &server.url("/office/authoring/inu-sanpo/publish"), &csrf, &[("note", "初版")]).await;
        assert_eq!(location(&res), "/office/authoring/inu-sanpo?published=1");
        let (status, start) = get(&browser(), &server.url("/p/inu-sanpo")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(start.contains("犬の散歩許可") && start.contains("犬を飼っている市民の方"), "the page texts written in the structured editor");
        assert!(start.contains("<li>犬の登録番号</li>") && start.contains("<li>狂犬病予防注射済票</li>"), "what to prepare, one item per line: {start}");
        let resident = browser();
        let (_, step) = get(&resident, &server.url("/p/inu-sanpo/dog")).await;
        for name in ["kept_at.prefecture", "kept_at.building", "walkers.0.walker_name", "walkers.0.walker_phone", "registered_on.era", "registered_on.year"] {
            assert!(step.contains(&format!("name=\"{name}\"")), "{name} on the step: {step}");
        }
        assert!(step.contains("value=\"add:walkers\""), "another walker can be added");
        assert!(step.contains("<option value=\"reiwa\""), "the 和暦 date offers its eras: {step}");
    }
);

e2e_test!(
    async fn a_procedure_goes_out_and_comes_back_as_one_json_document(server) {
        let author = staff_sign_in(&server, "koseki-jumin.author@sendai.example").await;
        let (_, list) = get(&author, &server.url("/office/authoring")).await;
        let csrf = input_value(&list, "csrf_token");

        // Exported in the format of forms/: the seed's own file, byte for byte in meaning.
        let res = author.get(server.url("/office/authoring/juminhyo-copy/export")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()["content-disposition"].to_str().unwrap().contains("juminhyo-copy.form.json"));
        let exported: serde_json::Value = res.json().await.unwrap();
        // (A procedure written for every city: the file as Sendai completes it.)
        let seed = madoguchi_testkit::defaults::definition("juminhyo-copy");
        // The same format as forms/: everything the seed file says, as it says it (settings the
        // file leaves to their defaults are written out), and it loads as a procedure.
        fn says_all_of(seed: &serde_json::Value, out: &serde_json::Value, at: &str) {
            match (seed, out) {
                (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
                    for (k, v) in a {
                        says_all_of(v, b.get(k).unwrap_or_else(|| panic!("{at}/{k} is missing")), &format!("{at}/{k}"));
                    }
                }
                _ => assert_eq!(seed, out, "at {at}"),
            }
        }
        says_all_of(&seed, &exported, "");
        madoguchi_forms::Form::from_value(std::path::Path::new("juminhyo-copy/form.json"), exported.clone()).unwrap();
        // Another section's procedure is not this author's to export.
        assert_eq!(author.get(server.url("/office/authoring/inu-toroku/export")).send().await.unwrap().status(), StatusCode::FORBIDDEN);

        // Not a definition: refused at the field.
        let res = post_form(&author, &server.url("/office/authoring/import"), &csrf, &[("document", "{\"procedure\": 1}")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("id=\"document-error\""));

        // Imported under a new id: a draft, checked clean, ready to publish.
        let mut copy = exported.clone();
        copy["procedure"]["id"] = "juminhyo-copy-kai".into();
        let res = post_form(&author, &server.url("/office/authoring/import"), &csrf, &[("document", &copy.to_string())]).await;
        assert_eq!(location(&res), "/office/authoring/juminhyo-copy-kai");
        let (status, edit) = get(&author, &server.url("/office/authoring/juminhyo-copy-kai")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(edit.contains("問題は見つかりませんでした"), "the imported definition passes the lint");
        // Importing the same id again is refused: it is taken.
        let res = post_form(&author, &server.url("/office/authoring/import"), &csrf, &[("document", &copy.to_string())]).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
    }
);
