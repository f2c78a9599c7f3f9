//! Bookings (issue 49): a department defines a resource and its slots open; residents hold,
//! book, change and cancel places; no slot is ever overbooked, on either engine.

use chrono::{Duration, NaiveDate};
use madoguchi_app::AppError;
use madoguchi_app::bookings::{Defined, SlotView};
use madoguchi_bookings::Problem;
use madoguchi_core::{ErrorCode, ResourceId, TenantId};
use madoguchi_store::prelude::BookingsRead;
use madoguchi_testkit::bookings::{appointment, appointment_on_slots};
use madoguchi_testkit::{TestApp, db_test};

use crate::support::{answer_steps, d};

/// A ward counter: weekdays 09:00–11:00 in 30-minute slots of `capacity` persons, booked
/// up to 45 days ahead and until 2 business days before, one booking per person.
fn counter(capacity: u32) -> String {
    madoguchi_testkit::bookings::counter("aoba-mynumber", capacity)
}

fn resource() -> ResourceId {
    ResourceId::new("aoba-mynumber")
}

/// Defines the counter as the department's supervisor.
fn define(t: &TestApp, capacity: u32) {
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let defined = t
        .app
        .bookings(&t.tenant())
        .define(&kacho, &counter(capacity))
        .unwrap();
    assert!(matches!(defined, Defined::Stored { .. }), "{defined:?}");
}

/// The slots of one day.
fn day(t: &TestApp, on: NaiveDate) -> Vec<SlotView> {
    t.app
        .bookings(&t.tenant())
        .slots(&resource(), on, on)
        .unwrap()
}

fn refused(result: Result<impl std::fmt::Debug, AppError>) -> ErrorCode {
    match result {
        Err(AppError::Refused(code)) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

db_test!(fn a_department_defines_a_counter_and_its_slots_open_for_its_window(db) {
    // Friday 20 November 2026, 10:00 in Japan.
    let t = TestApp::builder().db(db).build();
    let city = t.tenant();
    let bookings = t.app.bookings(&city);
    // A clerk does not define resources; another city's handle knows no one of this one.
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    assert!(matches!(bookings.define(&clerk, &counter(4)), Err(AppError::Forbidden)));
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let elsewhere = TenantId::new("000000");
    assert!(matches!(t.app.bookings(&elsewhere).define(&kacho, &counter(4)), Err(AppError::NotFound)));
    // A definition with faults is not stored; each fault is at its field.
    let Defined::Faults(faults) = bookings.define(&kacho, &counter(4).replace("\"11:00\"", "\"08:00\"")).unwrap() else {
        panic!("a session ending before it starts is a fault");
    };
    assert_eq!(faults[0].field, "/sessions/0/until");
    let Defined::Faults(faults) = bookings.define(&kacho, "{\"id\": 1}").unwrap() else { panic!() };
    assert!(matches!(&faults[0].problem, Problem::Unreadable(m) if m.contains("string")), "{faults:?}");
    assert!(bookings.resources().unwrap().is_empty());

    let Defined::Stored { id, slots_opened } = bookings.define(&kacho, &counter(4)).unwrap() else { panic!() };
    assert_eq!(id, resource());
    // 20 November through 4 January: 32 weekdays, four slots each.
    assert_eq!(slots_opened, 32 * 4);
    assert_eq!(bookings.resources().unwrap()[0].name.ja, "青葉区役所 マイナンバーカード窓口");
    // Defining it again opens nothing new.
    let Defined::Stored { slots_opened, .. } = bookings.define(&kacho, &counter(4)).unwrap() else { panic!() };
    assert_eq!(slots_opened, 0);
    // Added as new (the department's form) a taken id is a fault at /id; nothing replaced.
    let Defined::Faults(faults) = bookings.add(&kacho, &counter(9)).unwrap() else { panic!("the id is taken") };
    assert_eq!((faults[0].field.as_str(), &faults[0].problem), ("/id", &Problem::Taken));
    // Its definition is read back to be edited by those who may define, by no one else.
    assert_eq!(bookings.definition(&kacho, &resource()).unwrap().sessions[0].capacity, 4);
    assert!((bookings.may_define(&kacho), bookings.may_define(&clerk)) == (true, false));
    assert!(matches!(bookings.definition(&clerk, &resource()), Err(AppError::Forbidden)));
    assert!(matches!(bookings.add(&clerk, &counter(4)), Err(AppError::Forbidden)));
    assert!(!t.app.bookings(&elsewhere).may_define(&kacho));
    assert!(matches!(t.app.bookings(&elsewhere).definition(&kacho, &resource()), Err(AppError::NotFound)));
    assert!(matches!(bookings.definition(&kacho, &ResourceId::new("none")), Err(AppError::NotFound)));

    // A weekday's four slots; the next Tuesday is bookable, Monday 23 November (勤労感謝の日)
    // is closed for the holiday, the resource's own closed day and the year end say why.
    let tuesday = day(&t, d(2026, 12, 1));
    assert_eq!(tuesday.iter().map(|s| s.starts.format("%H:%M").to_string()).collect::<Vec<_>>(), ["09:00", "09:30", "10:00", "10:30"]);
    assert!(tuesday.iter().all(|s| s.offers(4) && !s.offers(5)));
    let holiday = day(&t, d(2026, 11, 23));
    assert!(holiday.iter().all(|s| s.free == 0 && s.closed.as_ref().unwrap().ja == "祝日(勤労感謝の日)のため休みです"), "{holiday:?}");
    assert_eq!(day(&t, d(2026, 12, 9))[0].closed.as_ref().unwrap().en, "Closed for a system update");
    assert!(day(&t, d(2026, 12, 29))[0].closed.as_ref().unwrap().ja.starts_with("年末年始"));
    assert!(day(&t, d(2026, 11, 21)).is_empty(), "no session on Saturdays");
    // Monday 23 November is closed; Tuesday 24 is within 2 business days: not bookable.
    assert!(day(&t, d(2026, 11, 24)).iter().all(|s| s.bookable.is_err()));
    assert!(day(&t, d(2026, 11, 25)).iter().all(|s| s.bookable.is_ok()));
    assert!(day(&t, d(2027, 1, 5)).is_empty(), "beyond the window: not opened yet");

    // Days later the window reaches further: the daily opening adds them.
    t.clock.advance(Duration::days(3));
    assert_eq!(t.app.open_booking_days().unwrap(), 3 * 4, "5, 6 and 7 January");
    assert_eq!(t.app.open_booking_days().unwrap(), 0);
    assert_eq!(day(&t, d(2027, 1, 5)).len(), 4);

    // Fewer places in a new definition never take a booked place away.
    let slot = &day(&t, d(2026, 12, 1))[0];
    bookings.book(&slot.id, 3, "holder-a", None, None).unwrap();
    bookings.define(&kacho, &counter(2)).unwrap();
    let after = &day(&t, d(2026, 12, 1));
    assert_eq!((after[0].capacity, after[0].free, after[1].capacity), (3, 0, 2));
});

db_test!(fn two_hundred_residents_for_the_last_place_one_wins_and_none_overbooks(db) {
    let t = TestApp::builder().db(db).build();
    define(&t, 1);
    let slots = day(&t, d(2026, 12, 1));
    let tenant = t.tenant();
    // 200 residents hold the same place at once.
    let outcomes: Vec<Result<_, AppError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..200)
            .map(|i| {
                let (app, tenant, slot) = (&t.app, &tenant, &slots[0].id);
                s.spawn(move || app.bookings(tenant).hold(slot, 1, &format!("resident-{i}")))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1);
    let full = outcomes.iter().filter(|o| matches!(o, Err(AppError::Refused(ErrorCode::SlotFull)))).count();
    assert_eq!(full, 199, "{:?}", outcomes.iter().filter(|o| o.is_err()).take(3).collect::<Vec<_>>());
    // And 200 others book the next place at once, without holding first.
    let outcomes: Vec<Result<_, AppError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..200)
            .map(|i| {
                let (app, tenant, slot) = (&t.app, &tenant, &slots[1].id);
                s.spawn(move || app.bookings(tenant).book(slot, 1, &format!("booker-{i}"), None, None))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1);
    assert_eq!(outcomes.iter().filter(|o| matches!(o, Err(AppError::Refused(ErrorCode::SlotFull)))).count(), 199);
    let after = day(&t, d(2026, 12, 1));
    assert_eq!((after[0].held, after[0].booked), (1, 0));
    assert_eq!((after[1].held, after[1].booked), (0, 1));
    let mut conn = t.db.db.conn().unwrap();
    assert_eq!(conn.bookings_in_slot(&tenant, &slots[1].id).unwrap().len(), 1);
});

db_test!(fn a_place_is_held_while_the_form_is_filled_and_freed_when_the_hold_expires(db) {
    let t = TestApp::builder().db(db).build();
    define(&t, 1);
    let city = t.tenant();
    let bookings = t.app.bookings(&city);
    let slot = day(&t, d(2026, 12, 1))[0].id.clone();
    let held = bookings.hold(&slot, 1, "hanako").unwrap();
    assert_eq!(held.expires_at, t.app.now() + madoguchi_app::bookings::HOLD_FOR);
    assert_eq!(refused(bookings.hold(&slot, 1, "taro")), ErrorCode::SlotFull);
    // Renewed while Hanako works; a stranger cannot renew or give it back.
    t.clock.advance(Duration::minutes(15));
    bookings.renew(&held.id, "hanako").unwrap();
    assert_eq!(refused(bookings.renew(&held.id, "taro")), ErrorCode::HoldExpired);
    bookings.release(&held.id, "taro").unwrap();
    assert_eq!(refused(bookings.hold(&slot, 1, "taro")), ErrorCode::SlotFull);
    // Left alone past its expiry, the place goes to the next resident who asks (or back
    // to the slot when the sweeper passes first).
    t.clock.advance(Duration::minutes(21));
    assert_eq!(day(&t, d(2026, 12, 1))[0].held, 1, "expired, not yet swept");
    assert_eq!(t.app.sweep_expired_holds().unwrap(), 1);
    assert_eq!(t.app.sweep_expired_holds().unwrap(), 0);
    assert_eq!(day(&t, d(2026, 12, 1))[0].free, 1);
    let taro = bookings.hold(&slot, 1, "taro").unwrap();
    assert_eq!(refused(bookings.renew(&held.id, "hanako")), ErrorCode::HoldExpired);
    assert_eq!(refused(bookings.book(&slot, 1, "hanako", Some(&held.id), None)), ErrorCode::SlotFull);
    // Taro's hold becomes his booking: the place moves from held to booked.
    let booking = bookings.book(&slot, 1, "taro", Some(&taro.id), None).unwrap();
    let s = &day(&t, d(2026, 12, 1))[0];
    assert_eq!((s.held, s.booked, s.free), (0, 1, 0));
    assert_eq!(bookings.booking(&booking, "taro").unwrap().sequence, 0);
    assert!(matches!(bookings.booking(&booking, "hanako"), Err(AppError::NotFound)));
    // A hold given back frees its place at once.
    let other = day(&t, d(2026, 12, 1))[1].id.clone();
    let h = bookings.hold(&other, 1, "jiro").unwrap();
    bookings.release(&h.id, "jiro").unwrap();
    assert_eq!(day(&t, d(2026, 12, 1))[1].free, 1);
});

db_test!(fn a_booking_moves_in_one_step_and_is_cancelled_up_to_the_close(db) {
    let t = TestApp::builder().db(db).build();
    define(&t, 1);
    let city = t.tenant();
    let bookings = t.app.bookings(&city);
    let tuesday = day(&t, d(2026, 12, 1));
    let booking = bookings.book(&tuesday[0].id, 1, "hanako", None, None).unwrap();
    // One booking per person: a second is refused until the first is moved or cancelled.
    assert_eq!(refused(bookings.book(&tuesday[2].id, 1, "hanako", None, None)), ErrorCode::BookingLimit);
    assert_eq!(refused(bookings.hold(&tuesday[2].id, 1, "hanako")), ErrorCode::BookingLimit);
    // A move to a full slot changes nothing.
    bookings.book(&tuesday[1].id, 1, "taro", None, None).unwrap();
    assert_eq!(refused(bookings.change(&booking, "hanako", &tuesday[1].id)), ErrorCode::SlotFull);
    let now = day(&t, d(2026, 12, 1));
    assert_eq!((now[0].booked, now[1].booked), (1, 1));
    // A move to a free slot: the new place taken, the old freed, the booking kept.
    bookings.change(&booking, "hanako", &tuesday[3].id).unwrap();
    let now = day(&t, d(2026, 12, 1));
    assert_eq!((now[0].booked, now[3].booked), (0, 1));
    let moved = bookings.booking(&booking, "hanako").unwrap();
    assert_eq!((moved.slot_id.clone(), moved.sequence), (tuesday[3].id.clone(), 1));
    // Closed, holiday and out-of-window slots are refused with their own answers.
    assert_eq!(refused(bookings.change(&booking, "hanako", &day(&t, d(2026, 12, 9))[0].id)), ErrorCode::SlotClosed);
    assert_eq!(refused(bookings.hold(&day(&t, d(2026, 11, 23))[0].id, 1, "jiro")), ErrorCode::SlotClosed);
    assert_eq!(refused(bookings.hold(&day(&t, d(2026, 11, 24))[0].id, 1, "jiro")), ErrorCode::SlotOutOfWindow);
    // Another resident cannot touch it.
    assert!(matches!(bookings.cancel(&booking, "taro"), Err(AppError::NotFound)));
    // Cancelled online up to the close: its place is free again.
    bookings.cancel(&booking, "hanako").unwrap();
    assert_eq!(day(&t, d(2026, 12, 1))[3].free, 1);
    assert!(matches!(bookings.cancel(&booking, "hanako"), Err(AppError::NotFound)));
    // After the close (the end of Friday 27 November, two business days before Tuesday)
    // online changes stop.
    let late = bookings.book(&tuesday[2].id, 1, "jiro", None, None).unwrap();
    t.clock.advance(Duration::days(7));
    bookings.booking(&late, "jiro").unwrap();
    assert!(day(&t, d(2026, 12, 1))[2].bookable.is_ok(), "Friday: still open");
    t.clock.advance(Duration::days(1));
    assert_eq!(refused(bookings.cancel(&late, "jiro")), ErrorCode::SlotOutOfWindow);
});

db_test!(fn a_filing_books_the_slot_its_form_chose_and_a_withdrawal_frees_it(db) {
    use madoguchi_app::filing::StepOutcome;
    use madoguchi_app::kernel::new_token;
    use madoguchi_forms::FormErrorCode;
    let form = appointment_on_slots();
    let t = TestApp::builder().db(db).form_definitions([appointment_on_slots()]).build();
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let aoba = madoguchi_testkit::bookings::counter("mynumber-aoba", 1);
    t.app.bookings(&t.tenant()).define(&kacho, &aoba).unwrap();
    let slots = |on| t.app.bookings(&t.tenant()).slots(&ResourceId::new("mynumber-aoba"), on, on).unwrap();
    let pid = madoguchi_core::ProcedureId::new(form.id());

    // Hanako chooses 09:00: the step's save holds it.
    let hanako = new_token().unwrap();
    let outcome = answer_steps(&t, &form, &hanako, &appointment("09:00", "青葉 花子"));
    assert!(matches!(outcome, StepOutcome::Saved { .. }), "{outcome:?}");
    assert_eq!((slots(d(2026, 12, 1))[0].held, slots(d(2026, 12, 1))[0].free), (1, 0));
    // Taro, a moment later, is told on the question that the time is taken.
    let taro = new_token().unwrap();
    let StepOutcome::Invalid { errors } = answer_steps(&t, &form, &taro, &appointment("09:00", "青葉 太郎")) else { panic!("the place is Hanako's") };
    assert_eq!((errors[0].pointer.as_str(), errors[0].code), ("/visit_time", FormErrorCode::SlotFull));
    // An office whose counter has no slots, or a time that is no slot: not to be had.
    let mut izumi = appointment("09:00", "青葉 太郎");
    izumi["visit_office"] = "izumi".into();
    let StepOutcome::Invalid { errors } = answer_steps(&t, &form, &taro, &izumi) else { panic!() };
    assert_eq!(errors[0].code, FormErrorCode::SlotUnavailable);
    let StepOutcome::Invalid { errors } = answer_steps(&t, &form, &taro, &appointment("09:10", "青葉 太郎")) else { panic!() };
    assert_eq!(errors[0].code, FormErrorCode::SlotUnavailable);
    // Taro takes 09:30; changing his mind to 10:00 gives 09:30 back.
    assert!(matches!(answer_steps(&t, &form, &taro, &appointment("09:30", "青葉 太郎")), StepOutcome::Saved { .. }));
    assert!(matches!(answer_steps(&t, &form, &taro, &appointment("10:00", "青葉 太郎")), StepOutcome::Saved { .. }));
    let day = slots(d(2026, 12, 1));
    assert_eq!(day.iter().map(|s| s.held).collect::<Vec<_>>(), [1, 0, 1, 0]);

    // Filing books the held place with the filing; the hold is gone.
    let receipt = t.app.filing(&t.tenant()).submit(Some(&hanako), &pid, &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let day = slots(d(2026, 12, 1));
    assert_eq!((day[0].booked, day[0].held), (1, 0));
    // Hanako's hold expired before Taro files: his place is still his (no one asked for it).
    t.clock.advance(Duration::minutes(25));
    t.app.filing(&t.tenant()).submit(Some(&taro), &pid, &uuid::Uuid::new_v4().to_string()).unwrap();
    assert_eq!(slots(d(2026, 12, 1))[2].booked, 1);

    // A department's system files for 10:30 over the API; a second filing for the same
    // place is refused on the question, and nothing of it is stored.
    let before = t.submissions();
    t.app.filing(&t.tenant()).submit_data(&pid, appointment("10:30", "青葉 一郎"), &uuid::Uuid::new_v4().to_string(), "192.0.2.9").unwrap();
    let refused = t.app.filing(&t.tenant()).submit_data(&pid, appointment("10:30", "青葉 次郎"), &uuid::Uuid::new_v4().to_string(), "192.0.2.9");
    let Err(AppError::Validation { step, errors }) = refused else { panic!("{refused:?}") };
    assert_eq!((step.as_str(), errors[0].code), ("slot", FormErrorCode::SlotFull));
    assert_eq!(t.submissions(), before + 1);

    // The clerks' day list: who comes when. The department's clerk sees each filing;
    // another department's clerk sees the bookings counted, not named; an author none.
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let list = t.app.bookings(&t.tenant()).day_list(&clerk, None, d(2026, 12, 1)).unwrap();
    assert_eq!(list.resource, Some(ResourceId::new("mynumber-aoba")));
    let first = &list.slots[0];
    assert_eq!((first.starts.format("%H:%M").to_string(), first.booked, first.capacity), ("09:00".into(), 1, 1));
    let named = first.people[0].filing.as_ref().expect("the department's own filing");
    assert_eq!((named.arrival_number.as_str(), named.applicant_name.as_deref()), (receipt.arrival_number.as_str(), Some("青葉 花子")));
    assert_eq!(list.slots.iter().map(|s| s.people.len()).collect::<Vec<_>>(), [1, 0, 1, 1]);
    let other = t.sign_in("hoken-nenkin@sendai.example");
    let list = t.app.bookings(&t.tenant()).day_list(&other, None, d(2026, 12, 1)).unwrap();
    assert!(list.slots[0].people[0].filing.is_none(), "another department's filing is not named");
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    assert!(matches!(t.app.bookings(&t.tenant()).day_list(&author, None, d(2026, 12, 1)), Err(AppError::Forbidden)));
    assert!(matches!(t.app.bookings(&TenantId::new("000000")).day_list(&clerk, None, d(2026, 12, 1)), Err(AppError::NotFound)));

    // Hanako withdraws: 09:00 is free again.
    t.app.filing(&t.tenant()).withdraw_by_receipt(Some(&hanako), receipt.arrival_number.as_str()).unwrap();
    assert_eq!(slots(d(2026, 12, 1))[0].free, 1);
});
