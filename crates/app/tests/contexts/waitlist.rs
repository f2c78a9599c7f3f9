//! Waiting lists (キャンセル待ち, issue 49 item 6): a resident joins the line of a full time
//! from their form; a place freed in it is kept for the line, held for the first in line
//! and offered by mail; the offer moves on to their form as a fresh hold and is booked with
//! the filing; an offer not taken lapses to the next; a line whose time closes ends.

use chrono::Duration;
use madoguchi_app::AppError;
use madoguchi_app::bookings::{Door, SlotView};
use madoguchi_core::{ErrorCode, ProcedureId, ResourceId, TenantId, WaitlistStatus};
use madoguchi_forms::FormErrorCode;
use madoguchi_testkit::bookings::{appointment, appointment_on_slots, counter};
use madoguchi_testkit::{TestApp, db_test, link_secret};

use crate::support::{answer_steps, d};

fn pid() -> ProcedureId {
    ProcedureId::new(appointment_on_slots().id())
}

fn tuesday(t: &TestApp) -> Vec<SlotView> {
    let on = d(2026, 12, 1);
    t.app
        .bookings(&t.tenant())
        .slots(&ResourceId::new("mynumber-aoba"), on, on)
        .unwrap()
}

/// A new browser that answered every step of the appointment for `time` (holding it).
fn browser_at(t: &TestApp, time: &str, name: &str) -> String {
    let session = madoguchi_app::kernel::new_token().unwrap();
    answer_steps(
        t,
        &appointment_on_slots(),
        &session,
        &appointment(time, name),
    );
    session
}

/// Files the browser's draft: (arrival number, the booking's id).
fn file(t: &TestApp, session: &str) -> (String, String) {
    let city = t.tenant();
    let receipt = t
        .app
        .filing(&city)
        .submit(Some(session), &pid(), &uuid::Uuid::new_v4().to_string())
        .unwrap()
        .receipt()
        .clone();
    let number = receipt.arrival_number.to_string();
    let view = t
        .app
        .filing(&city)
        .application(Some(session), &number)
        .unwrap();
    (number, view.bookings[0].id.as_str().to_string())
}

/// The field errors of a refused join.
fn faults(result: Result<(), AppError>) -> Vec<(String, FormErrorCode)> {
    match result {
        Err(AppError::Validation { errors, .. }) => {
            errors.into_iter().map(|e| (e.pointer, e.code)).collect()
        }
        other => panic!("expected faults, got {other:?}"),
    }
}

/// The link in the newest mail delivered to `to`, and that mail's body.
fn mailed(t: &TestApp, to: &str) -> (String, String) {
    t.deliver_mail();
    let mail = t
        .mailer
        .sent_to(to)
        .pop()
        .unwrap_or_else(|| panic!("a mail to {to}"));
    (
        link_secret(&mail.body, "/waitlist/").expect("the entry's link"),
        mail.body,
    )
}

const NINE: &str = "mynumber-aoba/2026-12-01T09:00";

db_test!(fn a_freed_place_goes_to_the_first_in_line_and_on_to_their_form(db) {
    // Friday 20 November 2026, 10:00 in Japan; Tuesday's slots close at the end of Friday
    // 27 November. One place a slot.
    let t = TestApp::builder().db(db).form_definitions([appointment_on_slots()]).build();
    let city = t.tenant();
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let bookings = t.app.bookings(&city);
    bookings.define(&kacho, &counter("mynumber-aoba", 1)).unwrap();
    let hanako = browser_at(&t, "09:00", "青葉 花子");
    let (number, booking) = file(&t, &hanako);

    // Jiro's form holds 10:00; he would rather come at 9:00, which is full.
    let jiro = browser_at(&t, "10:00", "青葉 次郎");
    // What cannot be joined is said at its input.
    assert_eq!(faults(bookings.join_waitlist(Some(&jiro), &pid(), "", "")), vec![
        ("/slot".into(), FormErrorCode::Required),
        ("/email".into(), FormErrorCode::Required),
    ]);
    assert_eq!(faults(bookings.join_waitlist(Some(&jiro), &pid(), "9時", "jiro@")), vec![
        ("/slot".into(), FormErrorCode::SlotInvalid),
        ("/email".into(), FormErrorCode::NotEmail),
    ]);
    // 10:30 still has its place: booked on the form, not waited for.
    assert_eq!(
        faults(bookings.join_waitlist(Some(&jiro), &pid(), "mynumber-aoba/2026-12-01T10:30", "jiro@example.jp")),
        vec![("/slot".into(), FormErrorCode::SlotNotFull)]
    );
    // Only from a form in progress: a browser with none, or none at all, is refused.
    let stranger = madoguchi_app::kernel::new_token().unwrap();
    let err = bookings.join_waitlist(Some(&stranger), &pid(), NINE, "x@example.jp").unwrap_err();
    assert!(matches!(err, AppError::DraftMissing), "{err:?}");
    let err = bookings.join_waitlist(None, &pid(), NINE, "x@example.jp").unwrap_err();
    assert!(matches!(err, AppError::DraftMissing), "{err:?}");

    bookings.join_waitlist(Some(&jiro), &pid(), NINE, "jiro@example.jp").unwrap();
    let (jiro_link, body) = mailed(&t, "jiro@example.jp");
    assert!(body.contains("1 番目") && body.contains("2026年12月1日(火) 9:00〜9:30"), "{body}");
    assert!(body.contains("青葉区役所 1階 市民課"), "{body}");
    // The same address again keeps its place and is sent the same link — not more often
    // than every ten minutes, so the form cannot fill a stranger's mailbox.
    let sent = |t: &TestApp| {
        t.deliver_mail();
        t.mailer.sent_to("jiro@example.jp").len()
    };
    let before = sent(&t);
    bookings.join_waitlist(Some(&jiro), &pid(), NINE, " JIRO@example.jp ").unwrap();
    assert_eq!(sent(&t), before, "mailed a moment ago");
    t.clock.advance(Duration::minutes(10));
    bookings.join_waitlist(Some(&jiro), &pid(), NINE, " JIRO@example.jp ").unwrap();
    assert_eq!(sent(&t), before + 1);
    assert_eq!(mailed(&t, "jiro@example.jp").0, jiro_link);
    bookings.join_waitlist(Some(&jiro), &pid(), NINE, "jiro@example.jp").unwrap();
    assert_eq!(sent(&t), before + 1);
    let saburo = browser_at(&t, "10:30", "青葉 三郎");
    bookings.join_waitlist(Some(&saburo), &pid(), NINE, "saburo@example.jp").unwrap();
    let (saburo_link, body) = mailed(&t, "saburo@example.jp");
    assert!(body.contains("2 番目"), "{body}");
    let entry = bookings.waitlist_entry(&jiro_link).unwrap();
    assert_eq!((entry.status, entry.position, entry.offer_until), (WaitlistStatus::Waiting, Some(1), None));
    assert_eq!(bookings.waitlist_entry(&saburo_link).unwrap().position, Some(2));
    // Another city, or a link of no entry: not found.
    assert!(matches!(t.app.bookings(&TenantId::new("000000")).waitlist_entry(&jiro_link), Err(AppError::NotFound)));
    assert!(matches!(bookings.waitlist_entry(&"A".repeat(43)), Err(AppError::NotFound)));
    // The clerks' day list says how many wait for each time.
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let list = bookings.day_list(&clerk, None, d(2026, 12, 1)).unwrap();
    let waiting: Vec<u32> = list.slots.iter().map(|s| s.waiting).collect();
    assert_eq!(waiting, [2, 0, 0, 0]);
    // Nothing is free: nothing offered.
    assert_eq!(t.app.offer_freed_places().unwrap(), 0);

    // Hanako cancels. The place is kept for the line: shown full, held by no one else.
    bookings.cancel_filed(Door::Receipt { session: Some(&hanako), number: &number, booking: &booking }).unwrap();
    let nine = tuesday(&t).into_iter().next().unwrap();
    assert_eq!((nine.booked, nine.held, nine.free, nine.waiting), (0, 0, 0, 2));
    assert!(nine.can_wait_for(1) && !nine.offers(1));
    let err = bookings.hold(&nine.id, 1, "someone-quicker").unwrap_err();
    assert!(matches!(err, AppError::Refused(ErrorCode::SlotFull)), "{err:?}");

    // The worker holds it for Jiro, for twelve hours (until 22:10, Japan time), and mails
    // him.
    assert_eq!(t.app.offer_freed_places().unwrap(), 1);
    assert_eq!(t.app.offer_freed_places().unwrap(), 0, "offered once");
    let nine = tuesday(&t).into_iter().next().unwrap();
    assert_eq!((nine.held, nine.free, nine.waiting), (1, 0, 1));
    let (link, body) = mailed(&t, "jiro@example.jp");
    assert_eq!(link, jiro_link, "every mail of the entry carries its one link");
    assert!(body.contains("2026年11月20日 22時10分まで"), "the offer's end, on Japan's clock: {body}");
    let entry = bookings.waitlist_entry(&jiro_link).unwrap();
    assert_eq!((entry.status, entry.position), (WaitlistStatus::Offered, None));
    assert_eq!(entry.offer_until.map(|u| u.to_rfc3339()), Some("2026-11-20T13:10:00+00:00".into()));
    assert_eq!(bookings.waitlist_entry(&saburo_link).unwrap().position, Some(1));
    // Saburo has no offer to take.
    let err = bookings.take_offer(&saburo_link, &saburo).unwrap_err();
    assert!(matches!(err, AppError::Refused(ErrorCode::HoldExpired)), "{err:?}");

    // Jiro takes it on to his form: 9:00 is his answer and his hold; his 10:00 goes back.
    let (procedure, step) = bookings.take_offer(&jiro_link, &jiro).unwrap();
    assert_eq!((procedure, step.as_str()), (pid(), "slot"));
    let draft = t.app.filing(&city).draft(Some(&jiro), &pid()).unwrap();
    assert_eq!(draft.data["visit_time"], NINE);
    let slots = tuesday(&t);
    assert_eq!((slots[0].held, slots[2].held), (1, 0), "{slots:?}");
    // Taken once: the link now says so, and taking again is refused.
    assert_eq!(bookings.waitlist_entry(&jiro_link).unwrap().status, WaitlistStatus::Taken);
    assert!(matches!(bookings.take_offer(&jiro_link, &jiro), Err(AppError::Refused(ErrorCode::HoldExpired))));
    // He sends the form: 9:00 is booked from his hold.
    let (jiro_number, jiro_booking) = file(&t, &jiro);
    let nine = tuesday(&t).into_iter().next().unwrap();
    assert_eq!((nine.booked, nine.held), (1, 0));

    // Jiro cancels after all: Saburo is offered the place, lets the offer run out, and it
    // lapses; with no one left waiting the place is anyone's again.
    bookings.cancel_filed(Door::Receipt { session: Some(&jiro), number: &jiro_number, booking: &jiro_booking }).unwrap();
    assert_eq!(t.app.offer_freed_places().unwrap(), 1);
    assert_eq!(bookings.waitlist_entry(&saburo_link).unwrap().status, WaitlistStatus::Offered);
    t.clock.advance(Duration::hours(12));
    assert_eq!(t.app.offer_freed_places().unwrap(), 0);
    assert_eq!(bookings.waitlist_entry(&saburo_link).unwrap().status, WaitlistStatus::Lapsed);
    let err = bookings.take_offer(&saburo_link, &saburo).unwrap_err();
    assert!(matches!(err, AppError::Refused(ErrorCode::HoldExpired)), "{err:?}");
    let nine = tuesday(&t).into_iter().next().unwrap();
    assert_eq!((nine.booked, nine.held, nine.free, nine.waiting), (0, 0, 1, 0));
});

db_test!(fn a_resident_leaves_the_line_and_a_line_ends_when_its_time_closes(db) {
    let t = TestApp::builder().db(db).form_definitions([appointment_on_slots()]).build();
    let city = t.tenant();
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let bookings = t.app.bookings(&city);
    bookings.define(&kacho, &counter("mynumber-aoba", 1)).unwrap();
    let hanako = browser_at(&t, "09:00", "青葉 花子");
    let (number, booking) = file(&t, &hanako);
    let jiro = browser_at(&t, "10:00", "青葉 次郎");
    let saburo = browser_at(&t, "10:30", "青葉 三郎");
    bookings.join_waitlist(Some(&jiro), &pid(), NINE, "jiro@example.jp").unwrap();
    let (jiro_link, _) = mailed(&t, "jiro@example.jp");
    bookings.join_waitlist(Some(&saburo), &pid(), NINE, "saburo@example.jp").unwrap();
    let (saburo_link, _) = mailed(&t, "saburo@example.jp");

    // Jiro leaves; Saburo moves up. Leaving twice changes nothing.
    bookings.leave_waitlist(&jiro_link).unwrap();
    bookings.leave_waitlist(&jiro_link).unwrap();
    assert_eq!(bookings.waitlist_entry(&jiro_link).unwrap().status, WaitlistStatus::Withdrawn);
    assert_eq!(bookings.waitlist_entry(&saburo_link).unwrap().position, Some(1));
    // Turning an offer down gives its place to the next: here no one, so it is free.
    bookings.cancel_filed(Door::Receipt { session: Some(&hanako), number: &number, booking: &booking }).unwrap();
    assert_eq!(t.app.offer_freed_places().unwrap(), 1);
    assert_eq!(tuesday(&t)[0].held, 1);
    // Stopped by a clerk meanwhile, the time cannot be taken on to a form; lifted, it can.
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let aoba = ResourceId::new("mynumber-aoba");
    let nine_o_clock = chrono::NaiveTime::from_hms_opt(9, 0, 0);
    bookings.block(&clerk, &aoba, d(2026, 12, 1), nine_o_clock, Some("職員研修のため")).unwrap();
    let err = bookings.take_offer(&saburo_link, &saburo).unwrap_err();
    assert!(matches!(err, AppError::Refused(ErrorCode::SlotClosed)), "{err:?}");
    bookings.block(&clerk, &aoba, d(2026, 12, 1), nine_o_clock, None).unwrap();
    assert_eq!(bookings.waitlist_entry(&saburo_link).unwrap().status, WaitlistStatus::Offered);
    bookings.leave_waitlist(&saburo_link).unwrap();
    let nine = &tuesday(&t)[0];
    assert_eq!((nine.held, nine.free, nine.waiting), (0, 1, 0));

    // Hanako waits for 9:30 after Jiro took it; the time closes at the end of Friday 27th
    // with no place freed, and the round that ends closed lines ends hers.
    let jiro_again = browser_at(&t, "09:30", "青葉 次郎");
    file(&t, &jiro_again);
    let hanako_again = browser_at(&t, "09:00", "青葉 花子");
    let half_past = "mynumber-aoba/2026-12-01T09:30";
    bookings.join_waitlist(Some(&hanako_again), &pid(), half_past, "hanako@example.jp").unwrap();
    let (hanako_link, _) = mailed(&t, "hanako@example.jp");
    assert_eq!(t.app.end_closed_waitlists().unwrap(), 0, "still open for booking");
    t.clock.advance(Duration::days(8));
    assert_eq!(t.app.offer_freed_places().unwrap(), 0);
    assert_eq!(bookings.waitlist_entry(&hanako_link).unwrap().status, WaitlistStatus::Waiting);
    assert_eq!(t.app.end_closed_waitlists().unwrap(), 1);
    assert_eq!(bookings.waitlist_entry(&hanako_link).unwrap().status, WaitlistStatus::Lapsed);
    // Nor can anyone join a line of a time closed for booking (a form begun now).
    let late = browser_at(&t, "09:00", "青葉 花子");
    assert_eq!(
        faults(bookings.join_waitlist(Some(&late), &pid(), half_past, "hanako@example.jp")),
        vec![("/slot".into(), FormErrorCode::SlotUnavailable)]
    );
    // Over, an entry is kept as long as a draft lives, then forgotten with its link.
    t.app.purge_expired().unwrap();
    assert_eq!(bookings.waitlist_entry(&hanako_link).unwrap().status, WaitlistStatus::Lapsed);
    assert!(matches!(bookings.waitlist_entry(&jiro_link), Err(AppError::NotFound)));
    t.clock.advance(Duration::days(2));
    t.app.purge_expired().unwrap();
    assert!(matches!(bookings.waitlist_entry(&hanako_link), Err(AppError::NotFound)));
});

db_test!(fn one_address_waits_for_three_times_at_most_and_a_party_too_big_for_a_time_cannot_wait(db) {
    let t = TestApp::builder().db(db).form_definitions([appointment_on_slots()]).build();
    let city = t.tenant();
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let bookings = t.app.bookings(&city);
    bookings.define(&kacho, &counter("mynumber-aoba", 1)).unwrap();
    // Every time of Tuesday is booked.
    for (i, slot) in tuesday(&t).iter().enumerate() {
        bookings.book(&slot.id, 1, &format!("someone-{i}"), None, None).unwrap();
    }
    // A form in progress that chose the place (its time step refused: all full).
    let hanako = madoguchi_app::kernel::new_token().unwrap();
    answer_steps(&t, &appointment_on_slots(), &hanako, &appointment("09:00", "青葉 花子"));
    for time in ["09:00", "09:30", "10:00"] {
        let slot = format!("mynumber-aoba/2026-12-01T{time}");
        bookings.join_waitlist(Some(&hanako), &pid(), &slot, "hanako@example.jp").unwrap();
    }
    assert_eq!(
        faults(bookings.join_waitlist(Some(&hanako), &pid(), "mynumber-aoba/2026-12-01T10:30", "Hanako@example.jp")),
        vec![("/email".into(), FormErrorCode::WaitlistTooMany)]
    );
    // Another address may; and the same address again for a time it waits for is no new one.
    bookings.join_waitlist(Some(&hanako), &pid(), "mynumber-aoba/2026-12-01T10:30", "taro@example.jp").unwrap();
    bookings.join_waitlist(Some(&hanako), &pid(), "mynumber-aoba/2026-12-01T09:00", "hanako@example.jp").unwrap();
    let waiting: Vec<u32> = tuesday(&t).iter().map(|s| s.waiting).collect();
    assert_eq!(waiting, [1, 1, 1, 1]);

    // A party of two cannot wait for a time that holds one.
    let jiro = madoguchi_app::kernel::new_token().unwrap();
    let mut two = appointment("09:00", "青葉 次郎");
    two["persons"] = 2.into();
    answer_steps(&t, &appointment_on_slots(), &jiro, &two);
    assert_eq!(
        faults(bookings.join_waitlist(Some(&jiro), &pid(), "mynumber-aoba/2026-12-01T09:00", "jiro@example.jp")),
        vec![("/slot".into(), FormErrorCode::SlotUnavailable)]
    );
});
