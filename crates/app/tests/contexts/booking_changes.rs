//! A filing's booking after the filing (issue 49, item 4): seen on the receipt, moved and
//! cancelled from the receipt and from the link its mails carry, up to the close; each mail
//! with a calendar entry a calendar reads as one event moved, then removed; the reminder the
//! day before; request-then-confirm.

use chrono::Duration;
use madoguchi_app::AppError;
use madoguchi_app::bookings::{Door, SlotView};
use madoguchi_core::{BookingStatus, ErrorCode, Lang, MailKind, ProcedureId, ResourceId, TenantId};
use madoguchi_records::OutboxRecord;
use madoguchi_testkit::bookings::{appointment, appointment_on_slots, counter};
use madoguchi_testkit::calendar::read_invite;
use madoguchi_testkit::{TestApp, db_test, link_secret};

use crate::support::{answer_steps, d};

fn refused(result: Result<impl std::fmt::Debug, AppError>) -> ErrorCode {
    match result {
        Err(AppError::Refused(code)) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The appointment on slots, with Aoba's counter (`capacity` a slot) defined by `resource`.
fn setup(db: madoguchi_testkit::TestDb, resource: &str) -> TestApp {
    let t = TestApp::builder()
        .db(db)
        .form_definitions([appointment_on_slots()])
        .build();
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    t.app
        .bookings(&t.tenant())
        .define(&kacho, resource)
        .unwrap();
    t
}

fn tuesday(t: &TestApp) -> Vec<SlotView> {
    let on = d(2026, 12, 1);
    t.app
        .bookings(&t.tenant())
        .slots(&ResourceId::new("mynumber-aoba"), on, on)
        .unwrap()
}

/// Files the appointment at `time` on Tuesday 1 December in a new browser: (its session,
/// its arrival number, its submission id).
fn file(t: &TestApp, time: &str, name: &str) -> (String, String, String) {
    let form = appointment_on_slots();
    let session = madoguchi_app::kernel::new_token().unwrap();
    answer_steps(t, &form, &session, &appointment(time, name));
    let receipt = t
        .app
        .filing(&t.tenant())
        .submit(
            Some(&session),
            &ProcedureId::new(form.id()),
            &uuid::Uuid::new_v4().to_string(),
        )
        .unwrap()
        .receipt()
        .clone();
    (
        session,
        receipt.arrival_number.to_string(),
        receipt.submission_id.as_str().to_string(),
    )
}

/// The newest mail of `kind` queued for the filing.
fn newest(t: &TestApp, submission: &str, kind: MailKind) -> OutboxRecord {
    t.outbox(submission)
        .into_iter()
        .rev()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("a {kind:?} mail"))
}

db_test!(fn the_applicant_moves_and_cancels_a_booking_from_the_receipt_and_the_mailed_link(db) {
    // Friday 20 November 2026, 10:00 in Japan; Tuesday's slots close at the end of Friday
    // 27 November.
    let t = setup(db, &counter("mynumber-aoba", 1));
    let city = t.tenant();
    let bookings = t.app.bookings(&city);
    let (hanako, number, submission) = file(&t, "09:00", "青葉 花子");

    // The receipt shows the booking: the time, the place, until when it may be changed.
    let view = t.app.filing(&city).application(Some(&hanako), &number).unwrap();
    let [booked] = view.bookings.as_slice() else { panic!("{:?}", view.bookings) };
    assert_eq!(booked.time(Lang::Ja), "2026年12月1日(火) 9:00〜9:30");
    assert_eq!(booked.time(Lang::En), "Tue 1 Dec 2026, 9:00–9:30");
    assert_eq!(booked.place.ja, "青葉区役所 1階 市民課");
    assert_eq!((booked.status, booked.changeable, booked.changeable_until), (BookingStatus::Confirmed, true, Some(d(2026, 11, 27))));
    let digest_filed = view.receipt.data_sha256.clone();

    // Its mail: the time and place, the link, and a calendar entry a calendar reads as
    // one event with a reminder the day before.
    let mail = newest(&t, &submission, MailKind::Booking);
    assert!(mail.body.contains("2026年12月1日(火) 9:00〜9:30") && mail.body.contains("青葉区役所 1階 市民課"), "{}", mail.body);
    assert!(mail.body.contains("2026年11月27日まで"), "{}", mail.body);
    let link = link_secret(&mail.body, "/bookings/").expect("the booking's link");
    let first = read_invite(mail.calendar.as_deref().expect("a calendar entry"));
    assert_eq!(
        (first.method.as_str(), first.sequence, first.status.as_str(), first.start.as_str(), first.end.as_str()),
        ("REQUEST", 0, "CONFIRMED", "20261201T000000Z", "20261201T003000Z")
    );
    assert_eq!((first.location.as_str(), first.alarm.as_deref()), ("青葉区役所 1階 市民課", Some("-PT1440M")));
    assert!(first.summary.contains("マイナンバーカード"), "{first:?}");
    assert!(!mail.calendar.as_deref().unwrap().contains(&link), "the link's secret stays out of calendars");

    // Only the filing's browser, and the link, reach it; another browser, another city
    // or a wrong link are told "not found".
    let id = booked.id.as_str().to_string();
    let by_receipt = Door::Receipt { session: Some(&hanako), number: &number, booking: &id };
    let stranger = madoguchi_app::kernel::new_token().unwrap();
    let wrong_browser = Door::Receipt { session: Some(&stranger), number: &number, booking: &id };
    assert!(matches!(bookings.filed(wrong_browser), Err(AppError::NotFound)));
    assert!(matches!(t.app.bookings(&TenantId::new("000000")).filed(Door::Link(&link)), Err(AppError::NotFound)));
    assert!(matches!(bookings.filed(Door::Link(&"A".repeat(43))), Err(AppError::NotFound)));
    let page = bookings.filed(Door::Link(&link)).unwrap();
    assert_eq!((page.arrival_number.as_str(), page.booking.id.as_str()), (number.as_str(), id.as_str()));
    assert!(page.offer.is_some(), "the times it may move to");

    // Taro takes 09:30. A move there is refused and changes nothing; a time that is no
    // slot, or another resource's, is not offered.
    let (_, _, taro) = file(&t, "09:30", "青葉 太郎");
    assert_eq!(refused(bookings.change_filed(by_receipt, "mynumber-aoba/2026-12-01T09:30")), ErrorCode::SlotFull);
    assert_eq!(refused(bookings.change_filed(by_receipt, "mynumber-aoba/2026-12-01T09:10")), ErrorCode::SlotClosed);
    assert_eq!(refused(bookings.change_filed(by_receipt, "mynumber-izumi/2026-12-01T10:00")), ErrorCode::SlotClosed);
    assert_eq!(tuesday(&t).iter().map(|s| s.booked).collect::<Vec<_>>(), [1, 1, 0, 0]);

    // Moved by the mailed link to 10:00 in one step: the same booking, its place taken and
    // the old one freed together.
    let moved = bookings.change_filed(Door::Link(&link), "mynumber-aoba/2026-12-01T10:00").unwrap();
    assert_eq!((moved.id.as_str(), moved.sequence), (id.as_str(), 1));
    assert_eq!(tuesday(&t).iter().map(|s| s.booked).collect::<Vec<_>>(), [0, 1, 1, 0]);
    // The filing's answer follows it (the digest with it); its history says so.
    let view = t.app.filing(&city).application(Some(&hanako), &number).unwrap();
    assert_eq!(view.answers["visit_time"], "mynumber-aoba/2026-12-01T10:00");
    assert_ne!(view.receipt.data_sha256, digest_filed);
    let said = view.history.last().unwrap().what.ja.clone();
    assert!(said.contains("予約の日時を変更しました") && said.contains("09時00分") && said.contains("10時00分"), "{said}");
    // The change's mail moves the same calendar entry; the old link shows the new time.
    let changed = newest(&t, &submission, MailKind::Booking);
    let second = read_invite(changed.calendar.as_deref().unwrap());
    assert_eq!((second.uid.as_str(), second.sequence, second.start.as_str()), (first.uid.as_str(), 1, "20261201T010000Z"));
    assert_eq!(link_secret(&changed.body, "/bookings/").as_deref(), Some(link.as_str()));
    assert_eq!(bookings.filed(Door::Link(&link)).unwrap().booking.starts.format("%H:%M").to_string(), "10:00");

    // Cancelled from the receipt: the place is free at once, the calendar entry removed.
    bookings.cancel_filed(by_receipt).unwrap();
    assert_eq!(tuesday(&t).iter().map(|s| s.booked).collect::<Vec<_>>(), [0, 1, 0, 0]);
    let cancel = read_invite(newest(&t, &submission, MailKind::BookingCancelled).calendar.as_deref().unwrap());
    assert_eq!((cancel.method.as_str(), cancel.status.as_str(), cancel.uid.as_str(), cancel.sequence), ("CANCEL", "CANCELLED", first.uid.as_str(), 2));
    assert_eq!(cancel.alarm, None);
    let page = bookings.filed(Door::Link(&link)).unwrap();
    assert_eq!((page.booking.status, page.booking.changeable), (BookingStatus::Cancelled, false));
    assert!(page.offer.is_none());
    assert_eq!(refused(bookings.cancel_filed(by_receipt)), ErrorCode::SlotOutOfWindow);
    assert!(t.app.filing(&city).application(Some(&hanako), &number).unwrap().history.last().unwrap().what.ja.contains("予約を取り消しました"));

    // After the close (the end of Friday 27 November) Taro's booking stands but cannot be
    // changed or cancelled online; his mail's link says so.
    t.clock.advance(Duration::days(8));
    let taro_link = link_secret(&newest(&t, &taro, MailKind::Booking).body, "/bookings/").unwrap();
    let page = bookings.filed(Door::Link(&taro_link)).unwrap();
    assert_eq!((page.booking.status, page.booking.changeable), (BookingStatus::Confirmed, false));
    assert_eq!(refused(bookings.change_filed(Door::Link(&taro_link), "mynumber-aoba/2026-12-01T10:30")), ErrorCode::SlotOutOfWindow);
    assert_eq!(refused(bookings.cancel_filed(Door::Link(&taro_link))), ErrorCode::SlotOutOfWindow);
});

db_test!(fn a_booking_is_reminded_once_the_day_before(db) {
    let t = setup(db, &counter("mynumber-aoba", 2));
    let (_, _, hanako) = file(&t, "09:00", "青葉 花子");
    let (taro_session, taro_number, taro) = file(&t, "09:30", "青葉 太郎");
    // Taro cancels: he is not reminded.
    let taro_booking = t.app.filing(&t.tenant()).application(Some(&taro_session), &taro_number).unwrap().bookings[0].id.as_str().to_string();
    t.app.bookings(&t.tenant()).cancel_filed(Door::Receipt { session: Some(&taro_session), number: &taro_number, booking: &taro_booking }).unwrap();
    // Friday: nothing is tomorrow.
    assert_eq!(t.app.send_booking_reminders().unwrap(), 0);
    // Monday 30 November, 10:00: Tuesday's bookings are reminded, once.
    t.clock.advance(Duration::days(10));
    assert_eq!(t.app.send_booking_reminders().unwrap(), 1);
    assert_eq!(t.app.send_booking_reminders().unwrap(), 0);
    let reminder = newest(&t, &hanako, MailKind::BookingReminder);
    assert!(reminder.body.contains("明日は次の予約の日です") && reminder.body.contains("2026年12月1日(火) 9:00〜9:30"), "{}", reminder.body);
    assert!(reminder.calendar.is_none(), "the reminder adds nothing to the calendar");
    assert!(t.outbox(&taro).iter().all(|m| m.kind != MailKind::BookingReminder));
});

db_test!(fn a_requested_booking_is_confirmed_by_a_clerk_of_the_department(db) {
    // 仮受付 → 本受付: the request takes the place; the clerk's confirmation tells the day.
    let by_clerk = counter("mynumber-aoba", 1).replace("\"per_person\":1", "\"per_person\":1,\"confirm\":\"by_clerk\"");
    assert!(by_clerk.contains("by_clerk"), "{by_clerk}");
    let t = setup(db, &by_clerk);
    let (session, number, submission) = file(&t, "09:00", "青葉 花子");
    let booked = t.app.filing(&t.tenant()).application(Some(&session), &number).unwrap().bookings[0].clone();
    assert_eq!(booked.status, BookingStatus::Requested);
    assert_eq!(booked.status_note(Lang::Ja).as_deref(), Some("申込み中(まだ確定していません)"));
    assert_eq!(tuesday(&t)[0].free, 0, "the request takes the place");
    let requested = newest(&t, &submission, MailKind::Booking);
    assert!(requested.body.contains("まだ確定していません"), "{}", requested.body);
    let tentative = read_invite(requested.calendar.as_deref().unwrap());
    assert_eq!((tentative.status.as_str(), tentative.sequence), ("TENTATIVE", 0));

    // Another department's clerk does not see it; the department's clerk confirms it once.
    let other = t.sign_in("hoken-nenkin@sendai.example");
    assert!(matches!(t.app.bookings(&t.tenant()).confirm(&other, &booked.id), Err(AppError::NotFound)));
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    t.app.bookings(&t.tenant()).confirm(&clerk, &booked.id).unwrap();
    assert!(matches!(t.app.bookings(&t.tenant()).confirm(&clerk, &booked.id), Err(AppError::InvalidTransition)));
    let confirmed = newest(&t, &submission, MailKind::Booking);
    assert!(confirmed.body.contains("次の予約が確定しました") && confirmed.body.contains("2026年12月1日(火) 9:00〜9:30"), "{}", confirmed.body);
    let now = read_invite(confirmed.calendar.as_deref().unwrap());
    assert_eq!((now.status.as_str(), now.uid.as_str(), now.sequence), ("CONFIRMED", tentative.uid.as_str(), 1));
    let view = t.app.filing(&t.tenant()).application(Some(&session), &number).unwrap();
    assert_eq!(view.bookings[0].status, BookingStatus::Confirmed);
});

db_test!(fn the_counter_marks_who_came_on_the_day(db) {
    use madoguchi_core::Attendance;
    let t = setup(db, &counter("mynumber-aoba", 2));
    let (_, _, _) = file(&t, "09:00", "青葉 花子");
    let (_, _, _) = file(&t, "09:30", "青葉 太郎");
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let city = t.tenant();
    let bookings = t.app.bookings(&city);
    let people = |t: &TestApp| {
        let list = t.app.bookings(&t.tenant()).day_list(&clerk, None, d(2026, 12, 1)).unwrap();
        list.slots.into_iter().flat_map(|s| s.people).collect::<Vec<_>>()
    };
    let [hanako, taro] = people(&t).try_into().unwrap();
    // Before the day nothing can be marked.
    assert!(!hanako.can_mark);
    assert_eq!(refused(bookings.mark(&clerk, &hanako.id, Some(Attendance::Arrived))), ErrorCode::SlotOutOfWindow);
    // Tuesday 1 December, 09:10: Hanako checks in; Taro's time has not begun, so he is
    // not yet a no-show.
    t.clock.advance(Duration::days(11) - Duration::minutes(50));
    bookings.mark(&clerk, &hanako.id, Some(Attendance::Arrived)).unwrap();
    assert_eq!(refused(bookings.mark(&clerk, &taro.id, Some(Attendance::NoShow))), ErrorCode::SlotOutOfWindow);
    t.clock.advance(Duration::minutes(40));
    bookings.mark(&clerk, &taro.id, Some(Attendance::NoShow)).unwrap();
    let [hanako, taro] = people(&t).try_into().unwrap();
    assert_eq!((hanako.attendance, taro.attendance), (Some(Attendance::Arrived), Some(Attendance::NoShow)));
    assert!(hanako.can_mark && !hanako.can_confirm);
    // A mark made by mistake is cleared; another department's clerk is told "not found".
    bookings.mark(&clerk, &taro.id, None).unwrap();
    assert_eq!(people(&t)[1].attendance, None);
    let other = t.sign_in("hoken-nenkin@sendai.example");
    assert!(matches!(bookings.mark(&other, &taro.id, Some(Attendance::Arrived)), Err(AppError::NotFound)));
});

db_test!(fn a_clerk_stops_a_day_and_the_booked_are_told_to_choose_another_time(db) {
    let t = setup(db, &counter("mynumber-aoba", 2));
    let city = t.tenant();
    let bookings = t.app.bookings(&city);
    let (_, _, hanako) = file(&t, "09:00", "青葉 花子");
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let aoba = ResourceId::new("mynumber-aoba");
    let tuesday_on = d(2026, 12, 1);
    // A reason is required; an author may not stop anything.
    let Err(AppError::Validation { errors, .. }) = bookings.block(&clerk, &aoba, tuesday_on, None, Some("  ")) else { panic!() };
    assert_eq!((errors[0].pointer.as_str(), errors[0].code), ("/reason", madoguchi_forms::FormErrorCode::Required));
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    assert!(matches!(bookings.block(&author, &aoba, tuesday_on, None, Some("職員不足")), Err(AppError::Forbidden)));

    // The whole day is stopped: every slot closed with the reason, Hanako told by mail.
    let done = bookings.block(&clerk, &aoba, tuesday_on, None, Some("職員研修のため")).unwrap();
    assert_eq!((done.slots, done.told), (4, 1));
    let day = tuesday(&t);
    assert!(day.iter().all(|s| s.closed.as_ref().is_some_and(|r| r.ja == "職員研修のため")), "{day:?}");
    assert_eq!(refused(bookings.hold(&day[1].id, 1, "jiro")), ErrorCode::SlotClosed);
    let mail = newest(&t, &hanako, MailKind::BookingStopped);
    assert!(mail.body.contains("職員研修のため") && mail.body.contains("別の日時を選んでください"), "{}", mail.body);
    assert!(mail.calendar.is_none(), "nothing moved in the calendar yet");
    let link = link_secret(&mail.body, "/bookings/").unwrap();
    // Her booking stands, says why, and moves to Wednesday from the link.
    let page = bookings.filed(Door::Link(&link)).unwrap();
    assert_eq!(page.booking.closed.as_ref().map(|r| r.ja.as_str()), Some("職員研修のため"));
    assert!(page.booking.changeable && page.booking.status == BookingStatus::Confirmed);
    bookings.change_filed(Door::Link(&link), "mynumber-aoba/2026-12-02T09:00").unwrap();
    assert_eq!(tuesday(&t)[0].booked, 0);

    // A redefinition of the resource does not lift the block; the clerk does, slot by slot.
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    bookings.define(&kacho, &counter("mynumber-aoba", 3)).unwrap();
    assert!(tuesday(&t).iter().all(|s| s.closed.is_some()));
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let lifted = bookings.block(&clerk, &aoba, tuesday_on, Some(nine), None).unwrap();
    assert_eq!(lifted.slots, 1);
    let day = tuesday(&t);
    assert_eq!((day[0].closed.is_none(), day[0].capacity, day[1].closed.is_some()), (true, 3, true));
    let list = bookings.day_list(&clerk, Some(&aoba), tuesday_on).unwrap();
    assert_eq!(list.slots.iter().map(|s| s.blocked).collect::<Vec<_>>(), [false, true, true, true]);
});

db_test!(fn a_counter_visit_books_its_time_and_its_code_lasts_to_the_end_of_that_day(db) {
    // Prepared at home on Friday 20 November for Tuesday 1 December: the time is booked
    // when the code is taken (a hold would be gone in 20 minutes), and the code and the
    // answers last until the end of the booked day.
    let t = setup(db, &counter("mynumber-aoba", 1));
    let city = t.tenant();
    let form = appointment_on_slots();
    let pid = ProcedureId::new(form.id());
    let session = madoguchi_app::kernel::new_token().unwrap();
    answer_steps(&t, &form, &session, &appointment("09:00", "青葉 花子"));
    t.app.counter(&city).add(Some(&session), &pid).unwrap();
    assert_eq!((tuesday(&t)[0].booked, tuesday(&t)[0].held), (1, 0));
    let visit = t.app.counter(&city).visit(Some(&session)).unwrap().unwrap();
    assert_eq!(visit.bookings.len(), 1);
    assert_eq!(visit.bookings[0].time(Lang::Ja), "2026年12月1日(火) 9:00〜9:30");
    let code = visit.code.expect("a code");
    // Midnight at the end of 1 December in Japan.
    assert_eq!(code.expires_at.to_rfc3339(), "2026-12-01T15:00:00+00:00");
    // Added again (nothing changed): still one booking.
    t.app.counter(&city).add(Some(&session), &pid).unwrap();
    assert_eq!(tuesday(&t)[0].booked, 1);

    // Tuesday 09:00: the counter opens the code and files; the booking becomes the
    // filing's, not a second one.
    t.clock.advance(Duration::days(10) + Duration::hours(23));
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let id = t.app.counter(&city).open_code(&clerk, &code.display).unwrap();
    let filed = t.app.counter(&city).file(&clerk, &id, "residence_card", true).unwrap();
    assert_eq!(filed.len(), 1);
    assert_eq!(tuesday(&t)[0].booked, 1);
    let list = t.app.bookings(&city).day_list(&clerk, None, d(2026, 12, 1)).unwrap();
    let named = list.slots[0].people[0].filing.as_ref().expect("the filing's booking");
    assert_eq!(named.arrival_number, filed[0].1);
});

db_test!(fn the_figures_count_bookings_no_shows_lead_times_and_online_changes(db) {
    use madoguchi_core::Attendance;
    let t = setup(db, &counter("mynumber-aoba", 2));
    let city = t.tenant();
    let bookings = t.app.bookings(&city);
    let booked = |session: &str, number: &str| {
        t.app.filing(&city).application(Some(session), number).unwrap().bookings[0].id.as_str().to_string()
    };
    let (hanako, hanako_number, _) = file(&t, "09:00", "青葉 花子");
    let (taro, taro_number, _) = file(&t, "09:30", "青葉 太郎");
    let (jiro, jiro_number, _) = file(&t, "10:00", "青葉 次郎");
    let (h, tr, j) = (booked(&hanako, &hanako_number), booked(&taro, &taro_number), booked(&jiro, &jiro_number));
    // Hanako moves online, Jiro cancels online.
    bookings.change_filed(Door::Receipt { session: Some(&hanako), number: &hanako_number, booking: &h }, "mynumber-aoba/2026-12-01T10:30").unwrap();
    bookings.cancel_filed(Door::Receipt { session: Some(&jiro), number: &jiro_number, booking: &j }).unwrap();
    // On the day (Tuesday 11:00) Hanako came and Taro did not.
    t.clock.advance(Duration::days(11) + Duration::hours(1));
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    bookings.mark(&clerk, &madoguchi_core::BookingId::new(h), Some(Attendance::Arrived)).unwrap();
    bookings.mark(&clerk, &madoguchi_core::BookingId::new(tr), Some(Attendance::NoShow)).unwrap();

    let figures = t.app.figures(&city, None).unwrap();
    let [row] = figures.bookings.as_slice() else { panic!("{:?}", figures.bookings) };
    assert_eq!(row.resource_id, "mynumber-aoba");
    assert_eq!(row.name.ja, "青葉区役所 マイナンバーカード窓口");
    assert_eq!((row.bookings, row.cancelled, row.arrived, row.no_show), (3, 1, 1, 1));
    assert_eq!(row.no_show_permille, Some(500));
    // Booked on 20 November 10:00 for 10:30, 9:30 and 10:00 on 1 December: 11, 10 and 11
    // whole days ahead.
    assert_eq!(row.median_lead_days_tenths, Some(110));
    assert_eq!((row.changed_online, row.cancelled_online), (1, 1));
    assert_eq!(row.changed_or_cancelled_online_permille, Some(667));
    assert_eq!((figures.booking_total.bookings, figures.booking_total.no_show_permille), (3, Some(500)));
});
