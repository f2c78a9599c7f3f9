//! A filing's booking after the filing, through the pages as a browser without JavaScript
//! uses them (issue 49, item 4): the receipt shows the time and place and links to the
//! booking's page, which offers the other times and a cancellation; the link in the
//! booking's mail opens the same page in any browser; the status look-up shows the time.

use madoguchi_core::{MailKind, ResourceId};
use madoguchi_testkit::bookings::{appointment, appointment_on_slots, counter};
use madoguchi_testkit::{TestApp, link_secret};

use super::every_example::file_in;
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

/// The text between `from` and the next `to`, after `from`.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} in {text}"))
        + from.len();
    let rest = &text[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

async fn moved_and_cancelled_through_the_pages(engine: madoguchi_testkit::Engine) {
    let t = app(engine);
    let service = service(&t).await;
    let form = appointment_on_slots();
    let hanako = Browser::default();
    let number = file_in(&service, &hanako, &form, &appointment("09:00", "青葉 花子"))
        .await
        .unwrap();

    // The receipt: the time, the place, until when it may be changed, and its page.
    let receipt = hanako.get(&service, &format!("/receipts/{number}")).await;
    let text = &receipt.text;
    assert!(text.contains("2026年12月1日(火) 9:00〜9:30"), "{text}");
    assert!(text.contains("場所: 青葉区役所 1階 市民課"), "{text}");
    assert!(
        text.contains("日時の変更・取消しは2026年11月27日までできます。"),
        "{text}"
    );
    let path = format!(
        "/receipts/{number}/bookings/{}",
        between(text, &format!("/receipts/{number}/bookings/"), "\"")
    );
    let status_key = between(text, "id=\"status-key\">", "<").to_string();

    // The booking's page: the times it may move to, its own time chosen.
    let page = hanako.get(&service, &path).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text
            .contains("value=\"mynumber-aoba/2026-12-01T09:00\" checked"),
        "{}",
        page.text
    );
    let csrf = madoguchi_e2e::input_value(&page.text, "csrf_token");
    // Another browser is told "not found".
    assert_eq!(Browser::default().get(&service, &path).await.status, 404);

    // Sent without a new time, or with its own: told at the times, nothing changes.
    let none = hanako.post_form(&service, &path, Some(&csrf), &[]).await;
    assert_eq!(none.status, 422);
    assert!(
        none.text
            .contains("href=\"#slot\">新しい日時を選んでください"),
        "{}",
        none.text
    );
    assert!(
        none.text.contains("<title>エラー:"),
        "the title says so first"
    );
    // A time taken meanwhile: 409 and the reason, on the times.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let slots = |t: &TestApp| {
        t.app
            .bookings(&t.tenant())
            .slots(&ResourceId::new("mynumber-aoba"), day, day)
            .unwrap()
    };
    t.app
        .bookings(&t.tenant())
        .book(&slots(&t)[1].id, 1, "taro", None, None)
        .unwrap();
    let full = hanako
        .post_form(
            &service,
            &path,
            Some(&csrf),
            &[("slot", "mynumber-aoba/2026-12-01T09:30")],
        )
        .await;
    assert_eq!(full.status, 409);
    assert!(full.text.contains("この時間は満員です"), "{}", full.text);
    assert_eq!(slots(&t)[0].booked, 1, "09:00 is still hers");

    // Moved to 10:00: back on the page, which says so.
    let moved = hanako
        .post_form(
            &service,
            &path,
            Some(&csrf),
            &[("slot", "mynumber-aoba/2026-12-01T10:00")],
        )
        .await;
    assert_eq!(moved.status, 303);
    assert_eq!(moved.header("location"), format!("{path}?done=changed"));
    let after = hanako.get(&service, moved.header("location")).await.text;
    assert!(
        after.contains("予約の日時を変更しました。") && after.contains("10:00〜10:30"),
        "{after}"
    );
    let booked: Vec<u32> = slots(&t).iter().map(|s| s.booked).collect();
    assert_eq!(booked, [0, 1, 1, 0]);

    // The mail's link opens the booking in any browser, as it stands now.
    let submission = t
        .app
        .filing(&t.tenant())
        .receipt(hanako.cookie("__Host-mdg_resident").as_deref(), &number)
        .unwrap()
        .submission_id;
    let mails = t.outbox(submission.as_str());
    let mail = mails
        .iter()
        .find(|m| m.kind == MailKind::Booking)
        .expect("the booking's mail");
    let link = link_secret(&mail.body, "/bookings/").unwrap();
    let by_link = Browser::default();
    let page = by_link.get(&service, &format!("/bookings/{link}")).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("10:00〜10:30"), "{}", page.text);
    assert!(
        !page.text.contains("back-link"),
        "no receipt to go back to from a mail"
    );
    assert_eq!(
        by_link
            .get(&service, &format!("/bookings/{}", "A".repeat(43)))
            .await
            .status,
        404
    );

    // Cancelled from the link: the box must be ticked; then the place is free.
    let csrf = madoguchi_e2e::input_value(&page.text, "csrf_token");
    let cancel = format!("/bookings/{link}/cancel");
    let unticked = by_link.post_form(&service, &cancel, Some(&csrf), &[]).await;
    assert_eq!(unticked.status, 422);
    assert!(
        unticked.text.contains("href=\"#confirm\""),
        "{}",
        unticked.text
    );
    let done = by_link
        .post_form(&service, &cancel, Some(&csrf), &[("confirm", "yes")])
        .await;
    assert_eq!(done.status, 303);
    let page = by_link.get(&service, done.header("location")).await.text;
    assert!(
        page.contains("予約を取り消しました。") && page.contains("この予約は取り消されています"),
        "{page}"
    );
    assert_eq!(slots(&t)[2].booked, 0);

    // The status look-up, from any device, shows the booking (and says where to change).
    let anyone = Browser::default();
    let form_page = anyone.get(&service, "/status").await;
    let csrf = madoguchi_e2e::input_value(&form_page.text, "csrf_token");
    let found = anyone
        .post_form(
            &service,
            "/status",
            Some(&csrf),
            &[("arrival_number", &number), ("key", &status_key)],
        )
        .await;
    assert_eq!(found.status, 200, "{}", found.text);
    assert!(
        found.text.contains("10:00〜10:30") && found.text.contains("取り消しました"),
        "{}",
        found.text
    );

    // The published figures count it with Taro's: two bookings, hers moved and cancelled
    // online.
    let figures = anyone.get(&service, "/statistics").await.text;
    let table = between(&figures, "id=\"bookings\"", "</table>");
    assert!(
        table.contains("青葉区役所 マイナンバーカード窓口") && table.contains("すべての予約先"),
        "{figures}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&anyone.get(&service, "/statistics.json").await.text).unwrap();
    assert_eq!(json["bookings"][0]["bookings"], 2, "{json}");
    assert_eq!(json["bookings"][0]["cancelled"], 1, "{json}");
    assert_eq!(json["bookings"][0]["changed_online"], 1, "{json}");
    assert_eq!(json["bookings"][0]["cancelled_online"], 1, "{json}");
    // The same as open data in CSV: all places first, then the counter.
    assert!(
        figures.contains("href=\"/statistics/bookings.csv?year="),
        "{figures}"
    );
    let csv = anyone.get(&service, "/statistics/bookings.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let rows: Vec<&str> = csv.text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        rows[0],
        "fiscal_year,resource_id,place_ja,place_en,bookings,cancelled,arrived,no_show,no_show_percent,median_lead_days,changed_online,cancelled_online,changed_or_cancelled_online_percent"
    );
    assert!(
        rows[1].starts_with("2026,all,すべての予約先,"),
        "{}",
        csv.text
    );
    let counter = rows
        .iter()
        .find(|r| r.contains(",青葉区役所 マイナンバーカード窓口,"))
        .expect("the counter's row");
    // Two booked, one cancelled, none marked (no rate), 10.5 days ahead, one moved and one
    // cancelled online: all of them.
    assert!(
        counter.ends_with("\"Aoba Ward Office, My Number Card counter\",2,1,0,0,,10.5,1,1,100.0"),
        "{counter}"
    );

    // In English, the page in English.
    by_link.set_cookie("__Host-mdg_lang", "en");
    let english = by_link
        .get(&service, &format!("/bookings/{link}"))
        .await
        .text;
    assert!(
        english.contains("Tue 1 Dec 2026, 10:00–10:30")
            && english.contains("This booking is cancelled"),
        "{english}"
    );
}

#[actix_web::test]
async fn a_booking_is_moved_and_cancelled_through_the_pages_sqlite() {
    moved_and_cancelled_through_the_pages(madoguchi_testkit::Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_booking_is_moved_and_cancelled_through_the_pages_postgres() {
    moved_and_cancelled_through_the_pages(madoguchi_testkit::Engine::Postgres).await;
}

/// The day list's forms: a request confirmed (本受付), then on the day the person marked as
/// come; each posts back to the same day.
async fn confirmed_and_marked_from_the_day_list(engine: madoguchi_testkit::Engine) {
    let t = TestApp::builder()
        .engine(engine)
        .form_definitions([appointment_on_slots()])
        .build();
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let by_clerk = counter("mynumber-aoba", 1).replace(
        "\"per_person\":1",
        "\"per_person\":1,\"confirm\":\"by_clerk\"",
    );
    t.app
        .bookings(&t.tenant())
        .define(&kacho, &by_clerk)
        .unwrap();
    let service = service(&t).await;
    let form = appointment_on_slots();
    let number = file_in(
        &service,
        &Browser::default(),
        &form,
        &appointment("09:00", "青葉 花子"),
    )
    .await
    .unwrap();
    let clerk = Browser::default();
    clerk.set_cookie(
        "__Host-mdg_clerk",
        &t.sign_in_token("koseki-jumin@sendai.example"),
    );
    let day = "/office/bookings?resource=mynumber-aoba&day=2026-12-01";
    let list = clerk.get(&service, day).await;
    assert!(
        list.text.contains(&number) && list.text.contains("仮受付"),
        "{}",
        list.text
    );
    let confirm = between(&list.text, "action=\"/office/bookings/", "\"").to_string();
    assert!(confirm.ends_with("/confirm"), "{confirm}");
    let csrf = madoguchi_e2e::input_value(&list.text, "csrf_token");
    let fields = [("resource", "mynumber-aoba"), ("day", "2026-12-01")];
    let done = clerk
        .post_form(
            &service,
            &format!("/office/bookings/{confirm}"),
            Some(&csrf),
            &fields,
        )
        .await;
    assert_eq!((done.status.as_u16(), done.header("location")), (303, day));
    let list = clerk.get(&service, day).await.text;
    assert!(
        !list.contains("仮受付") && !list.contains("/confirm\""),
        "{list}"
    );
    assert!(
        !list.contains("/attendance\""),
        "not to be marked before the day"
    );

    // Tuesday 1 December, 09:05: she checks in.
    t.clock
        .advance(chrono::Duration::days(11) - chrono::Duration::minutes(55));
    // (Signed in again: a session does not last eleven days.)
    clerk.set_cookie(
        "__Host-mdg_clerk",
        &t.sign_in_token("koseki-jumin@sendai.example"),
    );
    let list = clerk.get(&service, day).await.text;
    let csrf = madoguchi_e2e::input_value(&list, "csrf_token");
    let mark = between(&list, "action=\"/office/bookings/", "\"").to_string();
    assert!(mark.ends_with("/attendance"), "{mark}");
    let mut with = fields.to_vec();
    with.push(("attendance", "arrived"));
    let done = clerk
        .post_form(
            &service,
            &format!("/office/bookings/{mark}"),
            Some(&csrf),
            &with,
        )
        .await;
    assert_eq!(done.status, 303);
    let list = clerk.get(&service, day).await.text;
    assert!(list.contains("<strong>来庁</strong>"), "{list}");
    // Something else posted is refused.
    let mut odd = fields.to_vec();
    odd.push(("attendance", "maybe"));
    let refused = clerk
        .post_form(
            &service,
            &format!("/office/bookings/{mark}"),
            Some(&csrf),
            &odd,
        )
        .await;
    assert_eq!(refused.status, 400);
}

#[actix_web::test]
async fn a_request_is_confirmed_and_attendance_marked_from_the_day_list_sqlite() {
    confirmed_and_marked_from_the_day_list(madoguchi_testkit::Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_request_is_confirmed_and_attendance_marked_from_the_day_list_postgres() {
    confirmed_and_marked_from_the_day_list(madoguchi_testkit::Engine::Postgres).await;
}

/// The day list's block form: a missing reason is asked for at the field; a day stopped
/// says how many were told; the booked resident's page says why and offers other times.
async fn a_day_stopped_from_the_day_list(engine: madoguchi_testkit::Engine) {
    let t = app(engine);
    let service = service(&t).await;
    let hanako = Browser::default();
    let number = file_in(
        &service,
        &hanako,
        &appointment_on_slots(),
        &appointment("09:00", "青葉 花子"),
    )
    .await
    .unwrap();
    let clerk = Browser::default();
    clerk.set_cookie(
        "__Host-mdg_clerk",
        &t.sign_in_token("koseki-jumin@sendai.example"),
    );
    let day = "/office/bookings?resource=mynumber-aoba&day=2026-12-01";
    let list = clerk.get(&service, day).await.text;
    assert!(list.contains("枠の受付を止める"), "{list}");
    let csrf = madoguchi_e2e::input_value(&list, "csrf_token");
    let fields = |reason: &'static str| {
        vec![
            ("resource", "mynumber-aoba"),
            ("day", "2026-12-01"),
            ("time", "all"),
            ("reason", reason),
        ]
    };
    let sent = clerk
        .post_form(&service, "/office/bookings/block", Some(&csrf), &fields(""))
        .await;
    assert_eq!(sent.status.as_u16(), 303);
    let asked = clerk.get(&service, sent.header("location")).await.text;
    assert!(
        asked.contains("href=\"#reason\">受付を止める理由を入力してください")
            && asked.contains("id=\"reason-error\""),
        "{asked}"
    );
    let sent = clerk
        .post_form(
            &service,
            "/office/bookings/block",
            Some(&csrf),
            &fields("職員研修のため"),
        )
        .await;
    let done = clerk.get(&service, sent.header("location")).await.text;
    assert!(
        done.contains("4枠の受付を止めました。予約済みの1人にメールでお知らせしました。"),
        "{done}"
    );
    assert!(done.contains("受付を再開する"), "{done}");

    // The resident's receipt says why and links to the page with the other times.
    let receipt = hanako
        .get(&service, &format!("/receipts/{number}"))
        .await
        .text;
    assert!(
        receipt.contains("この時間は次の理由で受付を止めています: 職員研修のため"),
        "{receipt}"
    );
    assert!(receipt.contains(&format!("/receipts/{number}/bookings/")));
}

#[actix_web::test]
async fn a_day_is_stopped_from_the_day_list_sqlite() {
    a_day_stopped_from_the_day_list(madoguchi_testkit::Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn a_day_is_stopped_from_the_day_list_postgres() {
    a_day_stopped_from_the_day_list(madoguchi_testkit::Engine::Postgres).await;
}
