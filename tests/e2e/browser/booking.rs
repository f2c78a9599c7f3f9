//! A booking question in Chromium at 320 px (issue 49, item 2): the department defines its
//! counter over its API; a resident books the My Number Card appointment by clicks — the
//! place and party on one step, then a time from the days the counter offers — with axe on
//! the slot step and the check page, nothing scrolling sideways; the filing holds the place,
//! the resident moves it from the receipt to another time by clicks, and the counter's clerk
//! finds it on the day list. With the time full, another resident joins its waiting list
//! by clicks (told first what is missing). The section's head then defines another
//! resource on the department's page (a fault shown at its input, then saved), axe on
//! each page.

use super::*;
use madoguchi_testkit::bookings::{appointment, appointment_on_slots_json, counter};

/// The shipped forms with the appointment asked on slots in their place, made once.
fn forms_with_the_appointment_on_slots() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("forms-on-slots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("mynumber-card-appointment")).unwrap();
    for entry in std::fs::read_dir(madoguchi_testkit::defaults::forms_dir()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "mynumber-card-appointment" {
            std::os::unix::fs::symlink(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    std::fs::write(
        dir.join("mynumber-card-appointment/form.json"),
        appointment_on_slots_json().to_string(),
    )
    .unwrap();
    dir
}

/// A department write token, made on the integrations page by the department's author.
async fn write_token(server: &TestServer) -> String {
    let author = madoguchi_e2e::staff_sign_in(server, "koseki-jumin.author@sendai.example").await;
    let (_, page) = madoguchi_e2e::get(&author, &server.url("/office/integrations")).await;
    let csrf = madoguchi_e2e::input_value(&page, "csrf_token");
    let res = madoguchi_e2e::post_form(
        &author,
        &server.url("/office/integrations/tokens"),
        &csrf,
        &[("name", "予約システム"), ("rights", "write")],
    )
    .await;
    let page = res.text().await.unwrap();
    let marker = "<code class=\"mono\">mdg_";
    let start = page.find(marker).expect("the secret is shown") + marker.len() - 4;
    page[start..start + page[start..].find('<').unwrap()].to_string()
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_visit_is_booked_by_clicks_at_320_px() {
    let forms = forms_with_the_appointment_on_slots();
    let server = crate::browser_support::server_at_its_own_address(|s| s.forms_dir = forms);
    let token = write_token(&server).await;
    let res = reqwest::Client::new()
        .put(server.url("/api/v1/booking-resources/mynumber-aoba"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(counter("mynumber-aoba", 2))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;
    let mut data = appointment("09:00", "青葉 花子");
    data.as_object_mut().unwrap().remove("visit_time");
    let form = madoguchi_testkit::bookings::appointment_on_slots();
    c.goto(&server.url("/p/mynumber-card-appointment"))
        .await
        .unwrap();
    navigate(&c, "a.button-start").await;
    let mut chosen = String::new();
    for _ in 0..10 {
        let url = c.current_url().await.unwrap();
        let step_id = url.path().rsplit('/').next().unwrap().to_string();
        if step_id == "check" {
            break;
        }
        if step_id == "slot" {
            check_page(&c, &axe, "95-booking-slot-step").await;
            // One day comes open; its first time with a place is clicked, as a person does.
            let picked = c
                .execute(
                    "const r = document.querySelector('details[open] input[type=radio]:not([disabled])');
                     if (!r) return '';
                     document.querySelector('label[for=\"' + r.id + '\"]').click();
                     return r.checked ? r.value : '';",
                    vec![],
                )
                .await
                .unwrap();
            chosen = picked.as_str().unwrap_or_default().to_string();
            assert!(
                chosen.starts_with("mynumber-aoba/"),
                "a time to choose: {picked}"
            );
        } else {
            let step = form
                .steps()
                .iter()
                .find(|s| s.id == step_id)
                .unwrap_or_else(|| panic!("{url}"));
            let pairs = madoguchi_forms::input::posted_from_data(step, &data);
            let missing = nursery::fill(&c, &pairs).await;
            assert!(missing.is_empty(), "{step_id}: {missing:?}");
        }
        continue_(&c).await;
        let summary = c
            .execute(
                "const s = document.querySelector('.error-summary'); return s ? s.innerText : '';",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(summary, Value::from(""), "{step_id}");
    }
    check_page(&c, &axe, "96-booking-check").await;
    let check = text(&c, "main").await;
    assert!(check.contains("来庁する日時"), "{check}");
    continue_(&c).await;
    let receipt = text(&c, "main").await;
    assert!(receipt.contains("来庁する日時"), "{receipt}");
    // The place is the filing's: booked, no longer held.
    let (day, time) = chosen.split_once('/').unwrap().1.split_once('T').unwrap();
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let res = reqwest::Client::new()
        .get(server.url(&format!(
            "/api/v1/booking-resources/mynumber-aoba/slots?from={day}&to={day}"
        )))
        .send()
        .await
        .unwrap();
    let slots: Value = res.json().await.unwrap();
    let slot = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["answer"] == chosen.as_str())
        .unwrap_or_else(|| panic!("{time} in {slots}"));
    assert_eq!(
        (slot["booked"].clone(), slot["held"].clone()),
        (Value::from(1), Value::from(0)),
        "{slot}"
    );

    // The receipt shows the time and links to the booking's page, where another time is
    // chosen by clicks: the booking moves, and the page says so.
    assert!(receipt.contains("青葉区役所 1階 市民課"), "{receipt}");
    navigate(&c, "#booked a").await;
    check_page(&c, &axe, "95b-booking-change").await;
    let moved_to = c
        .execute(
            "const r = document.querySelector('details[open] input[type=radio]:not([disabled]):not(:checked)');
             if (!r) return '';
             document.querySelector('label[for=\"' + r.id + '\"]').click();
             return r.checked ? r.value : '';",
            vec![],
        )
        .await
        .unwrap();
    let moved_to = moved_to.as_str().unwrap_or_default().to_string();
    assert!(
        moved_to.starts_with("mynumber-aoba/") && moved_to != chosen,
        "{moved_to}"
    );
    navigate(&c, "form[aria-labelledby=change-title] button[type=submit]").await;
    check_page(&c, &axe, "95c-booking-changed").await;
    let page = text(&c, "main").await;
    let new_time = moved_to.split_once('T').unwrap().1;
    assert!(
        page.contains("予約の日時を変更しました")
            && page.contains(&format!("{}〜", new_time.trim_start_matches('0'))),
        "{page}"
    );
    c.close().await.unwrap();

    // The counter's clerk opens the day list from the office menu and goes to the day.
    let desk = browser(&driver, 320).await;
    staff_signs_in(&desk, &server, "koseki-jumin@sendai.example", 0).await;
    navigate(&desk, "a[href='/office/bookings']").await;
    desk.execute(
        "document.getElementById('day').value = arguments[0];",
        vec![Value::from(day.to_string())],
    )
    .await
    .unwrap();
    navigate(&desk, "form.filters button[type=submit]").await;
    check_page(&desk, &axe, "97-office-bookings-day").await;
    let list = text(&desk, "main").await;
    assert!(
        list.contains("青葉 花子") && list.contains("予約 1 / 定員 2"),
        "{list}"
    );
    desk.close().await.unwrap();

    // One place a slot now: the booked time is full. Another resident reaches the times,
    // follows the waiting list's link, is told what is missing, and joins by clicks.
    let res = reqwest::Client::new()
        .put(server.url("/api/v1/booking-resources/mynumber-aoba"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(counter("mynumber-aoba", 1))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let w = browser(&driver, 320).await;
    w.goto(&server.url("/p/mynumber-card-appointment"))
        .await
        .unwrap();
    navigate(&w, "a.button-start").await;
    for _ in 0..10 {
        let url = w.current_url().await.unwrap();
        let step_id = url.path().rsplit('/').next().unwrap().to_string();
        if step_id == "slot" {
            break;
        }
        let step = form
            .steps()
            .iter()
            .find(|s| s.id == step_id)
            .unwrap_or_else(|| panic!("{url}"));
        let pairs = madoguchi_forms::input::posted_from_data(step, &data);
        let missing = nursery::fill(&w, &pairs).await;
        assert!(missing.is_empty(), "{step_id}: {missing:?}");
        continue_(&w).await;
    }
    navigate(&w, ".slot-waitlist a").await;
    check_page(&w, &axe, "95d-waitlist-join").await;
    let listed = text(&w, "main").await;
    assert!(listed.contains("満員・0人待ち"), "{listed}");
    navigate(&w, "main form button[type=submit]").await;
    check_page(&w, &axe, "95e-waitlist-refused").await;
    let summary = text(&w, ".error-summary").await;
    assert!(
        summary.contains("キャンセル待ちをする日時を選んでください")
            && summary.contains("メールアドレスを入力してください"),
        "{summary}"
    );
    w.execute(
        "const r = document.querySelector('details[open] input[type=radio]');
         document.querySelector('label[for=\"' + r.id + '\"]').click();",
        vec![],
    )
    .await
    .unwrap();
    type_into(&w, "email", "machi@example.jp").await;
    navigate(&w, "main form button[type=submit]").await;
    check_page(&w, &axe, "95f-waitlist-joined").await;
    let joined = text(&w, "main").await;
    assert!(
        joined.contains("キャンセル待ちを受け付けました。"),
        "{joined}"
    );
    w.close().await.unwrap();

    // The section's head defines another resource on the department's page, by typing and
    // clicks: a fault first, said at its input and in the summary, then saved; the list
    // says what was opened.
    let head = browser(&driver, 320).await;
    staff_signs_in(&head, &server, "koseki-jumin.kacho@sendai.example", 0).await;
    navigate(&head, "a[href='/office/bookings']").await;
    navigate(&head, "main a[href='/office/bookings/resources']").await;
    check_page(&head, &axe, "98-office-booking-resources").await;
    navigate(&head, "a[href='/office/bookings/resources/new']").await;
    check_page(&head, &axe, "98b-office-booking-resource-new").await;
    type_into(&head, "id", "izumi-consultation").await;
    type_into(&head, "name-ja", "泉区役所 オンライン相談").await;
    type_into(&head, "place-ja", "オンライン(ビデオ通話)").await;
    for day in ["s0-day-tue", "s0-day-thu"] {
        click(&head, &format!("label[for={day}]")).await;
    }
    type_into(&head, "s0-from", "13:00").await;
    type_into(&head, "s0-until", "15:00").await;
    type_into(&head, "s0-every", "60").await;
    type_into(&head, "opens", "30").await;
    continue_(&head).await;
    check_page(&head, &axe, "98c-office-booking-resource-refused").await;
    let summary = text(&head, ".error-summary").await;
    assert!(
        summary.contains("受付時間帯1: 1枠の定員: 入力してください"),
        "{summary}"
    );
    type_into(&head, "s0-capacity", "1").await;
    continue_(&head).await;
    check_page(&head, &axe, "98d-office-booking-resources-saved").await;
    let list = text(&head, "main").await;
    assert!(
        list.contains("泉区役所 オンライン相談")
            && list.contains("新しく開いた枠")
            && list.contains("火・木 13:00〜15:00, 60分ごと, 1枠の定員 1"),
        "{list}"
    );

    // Congestion now: the head adds the ward's counter (a fault first, at its input), hands
    // out two numbers and calls one; a resident at 320 px reads the wait from the footer.
    navigate(&head, "a[href='/office/congestion']").await;
    check_page(&head, &axe, "99-office-congestion").await;
    type_into(&head, "id", "aoba-shimin").await;
    type_into(&head, "place_ja", "青葉区役所 1階").await;
    navigate(
        &head,
        "form[action='/office/congestion/lines'] button[type=submit]",
    )
    .await;
    check_page(&head, &axe, "99b-office-congestion-refused").await;
    let summary = text(&head, ".error-summary").await;
    assert!(
        summary.contains("窓口の名前(日本語): 入力してください"),
        "{summary}"
    );
    type_into(&head, "name_ja", "青葉区役所 市民課").await;
    navigate(
        &head,
        "form[action='/office/congestion/lines'] button[type=submit]",
    )
    .await;
    for action in ["issue", "issue", "call"] {
        navigate(
            &head,
            &format!("form[action='/office/congestion/aoba-shimin/{action}'] button"),
        )
        .await;
    }
    check_page(&head, &axe, "99c-office-congestion-called").await;
    let said = text(&head, "#line-aoba-shimin").await;
    assert!(
        said.contains("1番の方をお呼びください") && said.contains("1人"),
        "{said}"
    );
    let resident = browser(&driver, 320).await;
    resident.goto(&server.url("/")).await.unwrap();
    navigate(&resident, "footer a[href='/congestion']").await;
    check_page(&resident, &axe, "99d-congestion").await;
    let board = text(&resident, "main").await;
    assert!(
        board.contains("青葉区役所 市民課") && board.contains("1人") && board.contains("1番"),
        "{board}"
    );
    // With JavaScript the page keeps itself current (and says it can be stopped): another
    // number handed out shows without a reload.
    let auto = resident.find(Locator::Id("congestion-auto")).await.unwrap();
    assert!(
        auto.is_displayed().await.unwrap(),
        "the control shows with JavaScript"
    );
    navigate(
        &head,
        "form[action='/office/congestion/aoba-shimin/issue'] button",
    )
    .await;
    head.close().await.unwrap();
    resident
        .execute("window.madoguchiCongestion.refresh();", vec![])
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !text(&resident, "#congestion-board").await.contains("2人") {
        assert!(
            Instant::now() < deadline,
            "the board was not brought up to date"
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    resident.close().await.unwrap();
}
