//! Only the questions that apply, without JavaScript: a question that depends on an earlier
//! step's answer is left out of its step when it does not apply, a step with none left is
//! skipped, a question that depends on its own step is drawn under its controlling question
//! with a sentence saying when to answer it, a changed answer drops what no longer applies,
//! and the check page has no row for a question that did not apply. The step that asks how
//! to pay shows the fee, and the last step's note names its button.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use madoguchi_e2e::{
    APPLICANT, PAYMENT, REQUEST, TestServer, browser, e2e_test, get, input_value, location,
    post_form,
};
use madoguchi_forms::Form;
use madoguchi_forms::input::posted_from_data;
use reqwest::{Client, StatusCode};
use serde_json::Value;

/// A shipped procedure as Sendai (the demo's city) serves it.
fn form(id: &str) -> Form {
    madoguchi_testkit::defaults::form(id)
}

fn example(form_id: &str, name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../forms/{form_id}/examples/valid/{name}.json"));
    madoguchi_forms::examples::read_valid(&path).unwrap().1
}

/// Posts one step of `form` with the answers `data` gives it; returns where it leads.
async fn post_step(
    server: &TestServer,
    client: &Client,
    form: &Form,
    step: &str,
    data: &Value,
) -> String {
    let url = server.url(&format!("/p/{}/{step}", form.id()));
    let (_, page) = get(client, &url).await;
    let (_, s) = form.step(step).unwrap();
    let posted = posted_from_data(s, data);
    let pairs: Vec<(&str, &str)> = posted
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = post_form(client, &url, &input_value(&page, "csrf_token"), &pairs).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{step}: {}",
        res.text().await.unwrap()
    );
    location(&res)
}

e2e_test!(async fn a_question_of_an_earlier_answer_is_left_out_when_it_does_not_apply(server) {
    let gomi = form("tairyo-gomi-shushu");
    let mut data = example("tairyo-gomi-shushu", "estate-clearing");
    let resident = browser();
    post_step(&server, &resident, &gomi, "applicant", &data).await;
    // Clearing an estate: the moving date does not apply.
    post_step(&server, &resident, &gomi, "waste", &data).await;
    let (status, page) = get(&resident, &server.url("/p/tairyo-gomi-shushu/date")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"preferred_date.year\""), "the step's other questions stay");
    assert!(!page.contains("name=\"moving_date.year\""), "no moving date for an estate clearing");
    assert!(!page.contains("条件により必須"), "no bare 「条件により必須」");
    // Moving: it does.
    data["reason"] = "moving".into();
    post_step(&server, &resident, &gomi, "waste", &data).await;
    let (_, page) = get(&resident, &server.url("/p/tairyo-gomi-shushu/date")).await;
    assert!(page.contains("name=\"moving_date.year\""), "asked when moving");
});

e2e_test!(async fn a_step_with_no_question_that_applies_is_skipped(server) {
    let hogo = form("seikatsu-hogo-shinsei");
    let resident = browser();
    // Applying for oneself: the step about the person in need is not asked.
    let myself = example("seikatsu-hogo-shinsei", "elderly-living-alone");
    let next = post_step(&server, &resident, &hogo, "applicant", &myself).await;
    assert_eq!(next, "/p/seikatsu-hogo-shinsei/situation");
    let res = resident.get(server.url("/p/seikatsu-hogo-shinsei/person")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/p/seikatsu-hogo-shinsei/situation");
    let (_, situation) = get(&resident, &server.url("/p/seikatsu-hogo-shinsei/situation")).await;
    assert!(situation.contains("href=\"/p/seikatsu-hogo-shinsei/applicant\""), "back skips the step too");
    // Applying for one's mother: it is.
    let daughter = example("seikatsu-hogo-shinsei", "daughter-applies-for-mother");
    let next = post_step(&server, &resident, &hogo, "applicant", &daughter).await;
    assert_eq!(next, "/p/seikatsu-hogo-shinsei/person");
});

e2e_test!(async fn a_changed_answer_drops_the_answers_that_no_longer_apply(server) {
    let resident = browser();
    let (_, page) = get(&resident, &server.url("/p/juminhyo-copy/applicant")).await;
    let csrf = input_value(&page, "csrf_token");
    let res = post_form(&resident, &server.url("/p/juminhyo-copy/applicant"), &csrf, APPLICANT).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // The person on the certificate is asked under the relationship, saying when.
    let (_, request) = get(&resident, &server.url("/p/juminhyo-copy/request")).await;
    assert!(request.contains("data-reveal-for=\"relation_to_subject\""), "{request}");
    assert!(request.contains("『証明書が必要な方との関係』で『本人』以外を選んだ方のみ答えてください。"), "{request}");
    assert!(request.contains("aria-controls=\"f-subject_name-when"), "the choices control the block");
    let other: Vec<(&str, &str)> = REQUEST
        .iter()
        .map(|&(k, v)| if k == "relation_to_subject" { (k, "household") } else { (k, v) })
        .chain([
            ("subject_name", "仙台 花子"),
            ("subject_name_kana", "センダイ ハナコ"),
            ("subject_birth_date.year", "1990"),
            ("subject_birth_date.month", "5"),
            ("subject_birth_date.day", "6"),
        ])
        .collect();
    let res = post_form(&resident, &server.url("/p/juminhyo-copy/request"), &csrf, &other).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // The step that asks how to pay shows the fee and when it is paid; the last step's
    // note names its own button.
    let (_, payment) = get(&resident, &server.url("/p/juminhyo-copy/payment")).await;
    assert!(payment.contains("id=\"fee-note\""), "{payment}");
    assert!(payment.contains("× 2"), "the amount for two copies: {payment}");
    assert!(payment.contains("「入力内容の確認へ進む」を押すと"), "{payment}");
    let res = post_form(&resident, &server.url("/p/juminhyo-copy/payment"), &csrf, PAYMENT).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, check) = get(&resident, &server.url("/p/juminhyo-copy/check")).await;
    assert!(check.contains("センダイ　ハナコ"), "{check}");
    // Back to "myself", the name still in its (visible, no-JavaScript) inputs: dropped.
    let myself: Vec<(&str, &str)> = other
        .iter()
        .map(|&(k, v)| if k == "relation_to_subject" { (k, "self") } else { (k, v) })
        .collect();
    let res = post_form(&resident, &server.url("/p/juminhyo-copy/request"), &csrf, &myself).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, check) = get(&resident, &server.url("/p/juminhyo-copy/check")).await;
    assert!(!check.contains("センダイ　ハナコ"), "the dropped answer is not shown");
    assert!(!check.contains("証明書が必要な方の氏名"), "no row for a question that did not apply: {check}");
    assert!(!check.contains("証明書が必要な方の生年月日"), "no row for a question that did not apply");
    let (_, request) = get(&resident, &server.url("/p/juminhyo-copy/request")).await;
    assert!(!request.contains("value=\"仙台 花子\""), "not kept in the draft");
});

e2e_test!(async fn a_question_left_blank_is_on_the_check_page_but_not_on_the_receipt(server) {
    let resident = browser();
    let (_, page) = get(&resident, &server.url("/p/juminhyo-copy/applicant")).await;
    let csrf = input_value(&page, "csrf_token");
    let no_email: Vec<(&str, &str)> = APPLICANT
        .iter()
        .map(|&(k, v)| if k == "applicant_email" { (k, "") } else { (k, v) })
        .collect();
    for (step, answers) in [("applicant", no_email.as_slice()), ("request", REQUEST), ("payment", PAYMENT)] {
        let res = post_form(&resident, &server.url(&format!("/p/juminhyo-copy/{step}")), &csrf, answers).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{step}");
    }
    // The check page lists the blank question, to be seen and changed.
    let (_, check) = get(&resident, &server.url("/p/juminhyo-copy/check")).await;
    assert!(check.contains("\"summary-key\">メールアドレス</dt>"), "{check}");
    assert_eq!(check.matches("(未入力)").count(), 1, "the one blank question: {check}");
    let res = post_form(&resident, &server.url("/p/juminhyo-copy/submit"), &input_value(&check, "csrf_token"), &[("idempotency_key", &input_value(&check, "idempotency_key"))]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "filed");
    // The receipt records what was sent: no row for it.
    let (status, receipt) = get(&resident, &server.url(&location(&res))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(receipt.contains("仙台 太郎"), "the answers are listed: {receipt}");
    assert!(!receipt.contains("(未入力)"), "{receipt}");
    assert!(!receipt.contains("\"summary-key\">メールアドレス</dt>"), "no row for the blank question: {receipt}");
});
