//! Waiting lists (キャンセル待ち, issue 49 item 6) through the pages, as a browser without
//! JavaScript uses them: the booking question links the waiting list when a time is full;
//! its page lists the full times and asks for an address, each fault at its input; the
//! mailed link shows the place in line in any browser (another city's is not found:
//! `tests/e2e/tenancy`), then the
//! freed place kept for the resident, which "continue" puts on the form of that browser.

use madoguchi_core::{ProcedureId, ResourceId};
use madoguchi_testkit::bookings::{appointment, appointment_on_slots, counter};
use madoguchi_testkit::{TestApp, link_secret};

use super::every_example::file_in;
use super::support::{Browser, service};

const RESIDENT_COOKIE: &str = "__Host-mdg_resident";

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

async fn a_freed_place_reaches_the_form_through_the_pages(engine: madoguchi_testkit::Engine) {
    let t = app(engine);
    let city = t.tenant();
    let service = service(&t).await;
    let form = appointment_on_slots();
    let pid = ProcedureId::new(form.id());
    let hanako = Browser::default();
    let number = file_in(&service, &hanako, &form, &appointment("09:00", "青葉 花子"))
        .await
        .unwrap();

    // Jiro's browser has answered the form with 10:00 (held); 9:00 is full.
    let jiro = Browser::default();
    let token = madoguchi_app::kernel::new_token().unwrap();
    jiro.set_cookie(RESIDENT_COOKIE, &token);
    let data = appointment("10:00", "青葉 次郎");
    for step in form.shown_steps(&data) {
        let posted = madoguchi_forms::input::posted_from_data(step, &data);
        t.app
            .filing(&city)
            .save_step(&token, &pid, &step.id, &posted, "192.0.2.1")
            .unwrap();
    }
    let step = jiro.get(&service, &format!("/p/{pid}/slot")).await.text;
    let join = format!("/p/{pid}/slot/waitlist");
    assert!(
        step.contains(&format!(
            "<a href=\"{join}\">満員の時間のキャンセル待ちをする</a>"
        )),
        "{step}"
    );

    // The page lists the full times only, as radio buttons, and asks for an address.
    let page = jiro.get(&service, &join).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text
            .contains("value=\"mynumber-aoba/2026-12-01T09:00\""),
        "{}",
        page.text
    );
    assert!(page.text.contains("満員・0人待ち"), "{}", page.text);
    assert!(
        !page
            .text
            .contains("value=\"mynumber-aoba/2026-12-01T10:30\""),
        "10:30 has room"
    );
    assert!(
        page.text.contains("type=\"email\" autocomplete=\"email\""),
        "{}",
        page.text
    );
    let csrf = madoguchi_e2e::input_value(&page.text, "csrf_token");
    // Sent empty: each fault at its input, linked from the summary; nothing joined.
    let empty = jiro.post_form(&service, &join, Some(&csrf), &[]).await;
    assert_eq!(empty.status, 422);
    for said in [
        "href=\"#slot\">キャンセル待ちをする日時を選んでください",
        "href=\"#email\">メールアドレスを入力してください",
        "id=\"email-error\"",
        "aria-invalid=\"true\"",
    ] {
        assert!(empty.text.contains(said), "{said}: {}", empty.text);
    }
    let bad = jiro
        .post_form(
            &service,
            &join,
            Some(&csrf),
            &[
                ("slot", "mynumber-aoba/2026-12-01T09:00"),
                ("email", "jiro@"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.text
            .contains("href=\"#email\">メールアドレスは hanako@example.jp のように"),
        "{}",
        bad.text
    );
    assert!(
        bad.text
            .contains("value=\"mynumber-aoba/2026-12-01T09:00\" checked"),
        "kept as chosen"
    );
    t.deliver_mail();
    assert!(
        t.mailer.sent_to("jiro@example.jp").is_empty(),
        "nothing joined, nothing sent"
    );

    let joined = jiro
        .post_form(
            &service,
            &join,
            Some(&csrf),
            &[
                ("slot", "mynumber-aoba/2026-12-01T09:00"),
                ("email", "jiro@example.jp"),
            ],
        )
        .await;
    assert_eq!(joined.status, 303);
    assert_eq!(joined.header("location"), format!("{join}?sent=1"));
    let sent = jiro.get(&service, joined.header("location")).await.text;
    assert!(sent.contains("キャンセル待ちを受け付けました。"), "{sent}");
    t.deliver_mail();
    let mail = t
        .mailer
        .sent_to("jiro@example.jp")
        .pop()
        .expect("the confirmation");
    let link = format!(
        "/waitlist/{}",
        link_secret(&mail.body, "/waitlist/").unwrap()
    );

    // The link shows the place in line in any browser.
    let elsewhere = Browser::default();
    let entry = elsewhere.get(&service, &link).await;
    assert_eq!(entry.status, 200);
    assert!(entry.text.contains("いまは 1 番目です。"), "{}", entry.text);
    assert!(
        entry.text.contains("キャンセル待ちをやめる"),
        "{}",
        entry.text
    );
    // A link of no entry: not found.
    assert_eq!(
        elsewhere
            .get(&service, &format!("/waitlist/{}", "A".repeat(43)))
            .await
            .status,
        404
    );

    // Hanako cancels; the worker keeps the place for Jiro and mails him.
    let hanako_session = hanako.cookie(RESIDENT_COOKIE).unwrap();
    let view = t
        .app
        .filing(&city)
        .application(Some(&hanako_session), &number)
        .unwrap();
    t.app
        .bookings(&city)
        .cancel_filed(madoguchi_app::bookings::Door::Receipt {
            session: Some(&hanako_session),
            number: &number,
            booking: view.bookings[0].id.as_str(),
        })
        .unwrap();
    assert_eq!(t.app.offer_freed_places().unwrap(), 1);
    let offered = jiro.get(&service, &link).await.text;
    assert!(
        offered.contains("空きが出ました。") && offered.contains("この日時で申請を続ける"),
        "{offered}"
    );
    let csrf = madoguchi_e2e::input_value(&offered, "csrf_token");
    let taken = jiro
        .post_form(&service, &format!("{link}/take"), Some(&csrf), &[])
        .await;
    assert_eq!(taken.status, 303);
    assert_eq!(taken.header("location"), format!("/p/{pid}/slot"));
    let step = jiro.get(&service, taken.header("location")).await.text;
    assert!(
        step.contains("value=\"mynumber-aoba/2026-12-01T09:00\" checked"),
        "{step}"
    );
    let after = jiro.get(&service, &link).await.text;
    assert!(
        after.contains("この日時は申請の画面に移りました。"),
        "{after}"
    );

    // Sent to the end, the form books 9:00 from the place kept for him.
    let receipt = t
        .app
        .filing(&city)
        .submit(Some(&token), &pid, &uuid::Uuid::new_v4().to_string())
        .unwrap()
        .receipt()
        .clone();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let slots = t
        .app
        .bookings(&city)
        .slots(&ResourceId::new("mynumber-aoba"), day, day)
        .unwrap();
    assert_eq!((slots[0].booked, slots[0].held, slots[2].held), (1, 0, 0));
    assert!(!receipt.arrival_number.to_string().is_empty());

    // Saburo waits for 9:00 too, and leaves from his mail's link in a browser of its own.
    let saburo = madoguchi_app::kernel::new_token().unwrap();
    let data = appointment("10:30", "青葉 三郎");
    for step in form.shown_steps(&data) {
        let posted = madoguchi_forms::input::posted_from_data(step, &data);
        t.app
            .filing(&city)
            .save_step(&saburo, &pid, &step.id, &posted, "192.0.2.2")
            .unwrap();
    }
    t.app
        .bookings(&city)
        .join_waitlist(
            Some(&saburo),
            &pid,
            "mynumber-aoba/2026-12-01T09:00",
            "saburo@example.jp",
        )
        .unwrap();
    t.deliver_mail();
    let mail = t
        .mailer
        .sent_to("saburo@example.jp")
        .pop()
        .expect("his confirmation");
    let link = format!(
        "/waitlist/{}",
        link_secret(&mail.body, "/waitlist/").unwrap()
    );
    let phone = Browser::default();
    let entry = phone.get(&service, &link).await.text;
    let csrf = madoguchi_e2e::input_value(&entry, "csrf_token");
    // A forged form is refused; nothing changes.
    let forged = phone
        .post_form(&service, &format!("{link}/leave"), Some("forged"), &[])
        .await;
    assert_eq!(forged.status, 403);
    let left = phone
        .post_form(&service, &format!("{link}/leave"), Some(&csrf), &[])
        .await;
    assert_eq!(left.status, 303);
    let after = phone.get(&service, left.header("location")).await.text;
    assert!(
        after.contains("キャンセル待ちをやめました。")
            && after.contains("このキャンセル待ちは取りやめました。"),
        "{after}"
    );
    assert!(
        !after.contains("キャンセル待ちをやめる</button>"),
        "nothing left to do: {after}"
    );
}

#[actix_web::test]
async fn a_freed_place_reaches_the_form_through_the_pages_sqlite() {
    a_freed_place_reaches_the_form_through_the_pages(madoguchi_testkit::Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_freed_place_reaches_the_form_through_the_pages_postgres() {
    a_freed_place_reaches_the_form_through_the_pages(madoguchi_testkit::Engine::Postgres).await;
}
