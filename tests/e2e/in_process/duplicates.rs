//! Duplicate filings (issue 44 item 4) through the pages, as a browser without JavaScript
//! meets them: the check page warns about the resident's own open application alike and
//! still sends; for a procedure whose second filing is void it says why in ja and en and
//! offers no send button, and a send posted anyway comes back to that page with nothing
//! stored; the clerk's page links the filings alike.

use madoguchi_core::ProcedureId;
use madoguchi_testkit::catalogue::{reissue, reissue_answers};
use madoguchi_testkit::{Engine, TestApp};

use super::every_example::file_in;
use super::support::{Browser, service};

async fn a_second_application_is_warned_or_refused_on_the_check_page(engine: Engine) {
    let t = TestApp::builder()
        .engine(engine)
        .form_definitions([reissue("void")])
        .build();
    let service = service(&t).await;
    let form = reissue("void");
    let pid = ProcedureId::new(form.id());
    let data = reissue_answers("仙台 花子", "111111111118");
    let taro = Browser::default();
    let token = madoguchi_app::kernel::new_token().unwrap();
    taro.set_cookie("__Host-mdg_resident", &token);
    let first = file_in(&service, &taro, &form, &data).await.unwrap();

    // The same browser answers the same request again.
    for step in form.shown_steps(&data) {
        let posted = madoguchi_forms::input::posted_from_data(step, &data);
        t.app
            .filing(&t.tenant())
            .save_step(&token, &pid, &step.id, &posted, "192.0.2.1")
            .unwrap();
    }
    let check = taro.get(&service, &format!("/p/{pid}/check")).await;
    assert_eq!(check.status, 200);
    let text = &check.text;
    assert!(text.contains("同じ申請がすでに受付中です"), "{text}");
    assert!(
        text.contains(&format!(
            "<a href=\"/receipts/{first}\" class=\"mono\">{first}</a>"
        )),
        "the first one is linked: {text}"
    );
    assert!(text.contains("二つ目の申請はできません"), "{text}");
    assert!(
        !text.contains(&format!("action=\"/p/{pid}/submit\"")),
        "no send: {text}"
    );

    // A send posted anyway (an old tab) is refused back to the check page.
    let csrf = madoguchi_e2e::input_value(text, "csrf_token");
    let before = t.submissions();
    let sent = taro
        .post_form(
            &service,
            &format!("/p/{pid}/submit"),
            Some(&csrf),
            &[("idempotency_key", &uuid::Uuid::new_v4().to_string())],
        )
        .await;
    assert_eq!(sent.status, 303);
    assert_eq!(sent.header("location"), format!("/p/{pid}/check#alike"));
    assert_eq!(t.submissions(), before, "nothing stored");

    // In English too.
    taro.set_cookie("__Host-mdg_lang", "en");
    let en = taro.get(&service, &format!("/p/{pid}/check")).await.text;
    assert!(
        en.contains("You already have this application open"),
        "{en}"
    );
    assert!(
        en.contains("cannot be made while the first is open"),
        "{en}"
    );

    // Another browser with the same answers is told nothing and may send: the clerk sees
    // both, linked.
    let stranger = Browser::default();
    let second = file_in(&service, &stranger, &form, &data).await.unwrap();
    let clerk = Browser::default();
    clerk.set_cookie(
        "__Host-mdg_clerk",
        &t.sign_in_token("hoken-nenkin@sendai.example"),
    );
    let id = t.submission_id(&second);
    let page = clerk
        .get(&service, &format!("/office/submissions/{id}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("重複の疑い"), "{}", page.text);
    assert!(
        page.text.contains(&format!(">{first}</a>")),
        "{}",
        page.text
    );
}

#[actix_web::test]
async fn a_second_application_is_warned_or_refused_on_the_check_page_sqlite() {
    a_second_application_is_warned_or_refused_on_the_check_page(Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_second_application_is_warned_or_refused_on_the_check_page_postgres() {
    a_second_application_is_warned_or_refused_on_the_check_page(Engine::Postgres).await;
}
