//! A booking question through the pages, as a browser without JavaScript uses them (issue
//! 49, item 2): the slot step lists the office's days, each a disclosure with its times as
//! radios — what is left, what is full and why a day is closed said beside them — and a
//! time chosen is held when the step is saved and booked when the filing is sent. A second
//! resident posting the same last place is told on the question, in the page's language.

use madoguchi_core::ResourceId;
use madoguchi_testkit::TestApp;
use madoguchi_testkit::bookings::{appointment, appointment_on_slots, counter};

use super::every_example::file_through_pages;
use super::support::{Browser, service};

fn app(engine: madoguchi_testkit::Engine) -> TestApp {
    let t = TestApp::builder()
        .engine(engine)
        .form_definitions([appointment_on_slots()])
        .build();
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    t.app
        .bookings(&t.tenant())
        .define(&kacho, &counter("mynumber-aoba", 1))
        .unwrap();
    t
}

async fn booked_through_pages(engine: madoguchi_testkit::Engine) {
    let t = app(engine);
    let service = service(&t).await;
    let form = appointment_on_slots();
    let number = file_through_pages(&service, "", &form, &appointment("09:00", "青葉 花子"))
        .await
        .unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let slots = t
        .app
        .bookings(&t.tenant())
        .slots(&ResourceId::new("mynumber-aoba"), day, day)
        .unwrap();
    assert_eq!(
        (slots[0].booked, slots[0].held),
        (1, 0),
        "{number} booked 09:00"
    );

    // Another resident who posts the same time (a page opened before it was taken) is told
    // on the question; nothing is filed.
    let refused = file_through_pages(&service, "", &form, &appointment("09:00", "青葉 太郎"))
        .await
        .unwrap_err();
    assert!(
        refused.contains("f-visit_time") && refused.contains("満員"),
        "{refused}"
    );
    assert_eq!(t.submissions(), 1);

    // The counter's clerk reads the day: 09:00 booked, by whom, linked to the filing.
    let clerk = Browser::default();
    clerk.set_cookie(
        "__Host-mdg_clerk",
        &t.sign_in_token("koseki-jumin@sendai.example"),
    );
    let list = clerk
        .get(
            &service,
            "/office/bookings?resource=mynumber-aoba&day=2026-12-01",
        )
        .await;
    assert_eq!(list.status, 200);
    assert!(
        list.text.contains(&number) && list.text.contains("青葉 花子"),
        "{}",
        list.text
    );
    assert!(list.text.contains("予約 1 / 定員 1"), "{}", list.text);

    // The step as the second resident now sees it, the place chosen on the step before:
    // the office's days, the first with a place open, 09:00 shown full and not to be
    // chosen, the closed day with its reason.
    let browser = Browser::default();
    let mut data = appointment("09:30", "青葉 太郎");
    data.as_object_mut().unwrap().remove("visit_time");
    for step in form.shown_steps(&data).filter(|s| s.id != "slot") {
        let posted = madoguchi_forms::input::posted_from_data(step, &data);
        let path = format!("/p/{}/{}", form.id(), step.id);
        let page = browser.get(&service, &path).await;
        let csrf = madoguchi_e2e::input_value(&page.text, "csrf_token");
        let mut pairs = vec![("csrf_token".to_string(), csrf)];
        pairs.extend(posted);
        let sent = browser.post_pairs(&service, &path, &pairs).await;
        assert_eq!(sent.status, 303, "{path}");
    }
    let path = format!("/p/{}/slot", form.id());
    let page = browser.get(&service, &path).await;
    assert_eq!(page.status, 200);
    let text = &page.text;
    assert!(text.contains("場所: 青葉区役所 1階 市民課"), "{text}");
    assert_eq!(
        text.matches("<details class=\"slot-day\" open>").count(),
        1,
        "one day comes open"
    );
    assert!(
        text.contains("12月1日(火)") && text.contains("満員"),
        "{text}"
    );
    assert!(
        text.contains("休み: システム更新のため休みです"),
        "the closed day says why"
    );
    let taken = "value=\"mynumber-aoba/2026-12-01T09:00\" disabled";
    assert!(text.contains(taken), "the full time cannot be chosen");
    assert!(
        text.contains("value=\"mynumber-aoba/2026-12-01T09:30\">"),
        "a free time can"
    );
    assert!(text.contains("残り1"), "what is left is said");
    // In English, the same in English.
    browser.set_cookie("__Host-mdg_lang", "en");
    let english = browser.get(&service, &path).await.text;
    assert!(
        english.contains("Place: Aoba Ward Office, 1st floor") && english.contains("Full"),
        "{english}"
    );
}

#[actix_web::test]
async fn a_slot_is_chosen_held_and_booked_through_the_pages_sqlite() {
    booked_through_pages(madoguchi_testkit::Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_slot_is_chosen_held_and_booked_through_the_pages_postgres() {
    booked_through_pages(madoguchi_testkit::Engine::Postgres).await;
}
