//! The slot counts never lie and never overbook (issue 49): random interleavings of holds,
//! expiries, sweeps, releases, bookings, moves and cancellations, each in its own unit of
//! writes (rolled back when the storage refuses, as the app does), on both engines. After
//! every step, for every slot: `booked + held <= capacity`, `held` is the units of the
//! slot's hold rows and `booked` the units of its bookings taking a place.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use madoguchi_core::{BookingId, BookingStatus, HoldId, ResourceId, SlotId, TenantId};
use madoguchi_records::schema::{booking_holds, bookings};
use madoguchi_records::{BookingRecord, BookingResourceRecord, HoldRecord, SlotRecord, StoreError};
use madoguchi_store::prelude::*;
use madoguchi_store::{DbConn, write_tx};
use madoguchi_testkit::db_test;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

mod rows;
use rows::{seed, t};

const SLOTS: usize = 3;

#[derive(Clone, Debug)]
enum Step {
    Hold {
        slot: usize,
        units: i32,
        holder: u8,
    },
    Release {
        nth: usize,
    },
    Book {
        slot: usize,
        units: i32,
        holder: u8,
        from_hold: Option<usize>,
    },
    Cancel {
        nth: usize,
    },
    Move {
        nth: usize,
        to: usize,
    },
    Confirm {
        nth: usize,
    },
    Wait {
        minutes: i64,
    },
    Sweep {
        slot: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..SLOTS, 1..=3i32, 0..4u8).prop_map(|(slot, units, holder)| Step::Hold { slot, units, holder }),
        1 => (0..8usize).prop_map(|nth| Step::Release { nth }),
        3 => (0..SLOTS, 1..=3i32, 0..4u8, proptest::option::of(0..8usize))
            .prop_map(|(slot, units, holder, from_hold)| Step::Book { slot, units, holder, from_hold }),
        1 => (0..8usize).prop_map(|nth| Step::Cancel { nth }),
        2 => (0..8usize, 0..SLOTS).prop_map(|(nth, to)| Step::Move { nth, to }),
        1 => (0..8usize).prop_map(|nth| Step::Confirm { nth }),
        1 => (1..15i64).prop_map(|minutes| Step::Wait { minutes }),
        1 => (0..SLOTS).prop_map(|slot| Step::Sweep { slot }),
    ]
}

/// One case: a fresh resource with slots of capacity 1 to 4, and the steps run on it.
fn run_case(conn: &mut DbConn, case: usize, capacities: &[i32], steps: &[Step]) {
    let tenant = TenantId::new("041009");
    let resource = ResourceId::new(format!("r-{case}"));
    let mut now: NaiveDateTime = t("2027-03-01 00:00:00");
    conn.save_booking_resource(&BookingResourceRecord {
        tenant_id: tenant.clone(),
        id: resource.clone(),
        definition: "{}".into(),
        opened_through: None,
        updated_at: now,
    })
    .unwrap();
    let slots: Vec<SlotId> = capacities
        .iter()
        .enumerate()
        .map(|(i, capacity)| {
            let id = SlotId::new(format!("s-{case}-{i}"));
            let starts_at = t("2027-03-10 00:00:00") + Duration::minutes(30 * i as i64);
            let slot = SlotRecord {
                id: id.clone(),
                tenant_id: tenant.clone(),
                resource_id: resource.clone(),
                day: NaiveDate::from_ymd_opt(2027, 3, 10).unwrap(),
                starts_at,
                ends_at: starts_at + Duration::minutes(30),
                capacity: *capacity,
                booked: 0,
                held: 0,
                closed_reason: None,
                blocked_reason: None,
            };
            assert_eq!(conn.open_slots(std::slice::from_ref(&slot)).unwrap(), 1);
            // Opened again (another node's round): nothing added, nothing refused.
            let again = SlotRecord {
                id: SlotId::new(format!("s-{case}-{i}-again")),
                ..slot
            };
            assert_eq!(conn.open_slots(&[again]).unwrap(), 0);
            id
        })
        .collect();
    let mut holds: Vec<HoldId> = Vec::new();
    let mut made: Vec<BookingId> = Vec::new();
    for (n, s) in steps.iter().enumerate() {
        let id = format!("{case}-{n}");
        // Each step is one unit of writes: a refusal rolls it back whole.
        let outcome: Result<(), StoreError> = write_tx(conn, |c| {
            let done = match s {
                Step::Hold {
                    slot,
                    units,
                    holder,
                } => {
                    c.sweep_expired_holds(&slots[*slot], now)?;
                    let hold = HoldRecord {
                        id: HoldId::new(format!("h-{id}")),
                        tenant_id: tenant.clone(),
                        slot_id: slots[*slot].clone(),
                        units: *units,
                        holder_hash: holder.to_string(),
                        created_at: now,
                        expires_at: now + Duration::minutes(10),
                    };
                    let ok = c.hold_place(&hold)?;
                    if ok {
                        holds.push(hold.id);
                    }
                    ok
                }
                Step::Release { nth } => match holds.get(*nth) {
                    Some(h) => c.release_hold(h)?,
                    None => true,
                },
                Step::Book {
                    slot,
                    units,
                    holder,
                    from_hold,
                } => {
                    let from = from_hold.and_then(|k| holds.get(k)).cloned();
                    if from.is_none() {
                        c.sweep_expired_holds(&slots[*slot], now)?;
                    }
                    let booking = BookingRecord {
                        id: BookingId::new(format!("b-{id}")),
                        tenant_id: tenant.clone(),
                        resource_id: resource.clone(),
                        slot_id: slots[*slot].clone(),
                        units: *units,
                        holder_hash: holder.to_string(),
                        submission_id: None,
                        status: BookingStatus::Requested,
                        sequence: 0,
                        created_at: now,
                        updated_at: now,
                        link_hash: None,
                        reminded_at: None,
                        attendance: None,
                        attendance_at: None,
                    };
                    let ok = c.book(&booking, from.as_ref())?;
                    if ok {
                        made.push(booking.id);
                    }
                    ok
                }
                Step::Cancel { nth } => match made.get(*nth) {
                    Some(b) => {
                        c.cancel_booking(b, now)?;
                        true
                    }
                    None => true,
                },
                Step::Move { nth, to } => match made.get(*nth) {
                    Some(b) => {
                        c.sweep_expired_holds(&slots[*to], now)?;
                        c.move_booking(b, &slots[*to], now)?
                    }
                    None => true,
                },
                Step::Confirm { nth } => match made.get(*nth) {
                    Some(b) => {
                        c.confirm_booking(b, now)?;
                        true
                    }
                    None => true,
                },
                Step::Wait { .. } => true,
                Step::Sweep { slot } => {
                    c.sweep_expired_holds(&slots[*slot], now)?;
                    true
                }
            };
            if done {
                Ok(())
            } else {
                Err(StoreError::RolledBack)
            }
        });
        match outcome {
            Ok(()) | Err(StoreError::RolledBack) => {}
            Err(e) => panic!("step {n} {s:?}: {e}"),
        }
        if let Step::Wait { minutes } = s {
            now += Duration::minutes(*minutes);
        }
        holds.retain(|h| conn.find_hold(&tenant, h).unwrap().is_some());
        check(conn, &tenant, &slots, n, s);
    }
}

/// The counts of every slot agree with its rows and fit its capacity.
fn check(conn: &mut DbConn, tenant: &TenantId, slots: &[SlotId], n: usize, s: &Step) {
    for id in slots {
        let slot = conn.find_slot(tenant, id).unwrap().unwrap();
        let held: Vec<i32> = booking_holds::table
            .filter(booking_holds::slot_id.eq(id))
            .select(booking_holds::units)
            .load(conn)
            .unwrap();
        let booked: Vec<i32> = bookings::table
            .filter(bookings::slot_id.eq(id))
            .filter(bookings::status.ne(BookingStatus::Cancelled))
            .select(bookings::units)
            .load(conn)
            .unwrap();
        assert!(
            slot.booked + slot.held <= slot.capacity,
            "after step {n} {s:?}: {slot:?}"
        );
        assert_eq!(
            slot.held,
            held.iter().sum::<i32>(),
            "held, after step {n} {s:?}"
        );
        assert_eq!(
            slot.booked,
            booked.iter().sum::<i32>(),
            "booked, after step {n} {s:?}"
        );
    }
}

db_test!(fn holds_bookings_moves_and_cancellations_never_overbook_and_counts_match_rows(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    let conn = std::cell::RefCell::new(conn);
    let case = std::cell::Cell::new(0);
    let mut runner = TestRunner::new(Config { cases: 48, failure_persistence: None, ..Config::default() });
    let strategy = (
        proptest::collection::vec(1..=4i32, SLOTS),
        proptest::collection::vec(step(), 1..40),
    );
    runner
        .run(&strategy, |(capacities, steps)| {
            case.set(case.get() + 1);
            run_case(&mut conn.borrow_mut(), case.get(), &capacities, &steps);
            Ok(())
        })
        .unwrap();
});
