//! Slots opened in one PostgreSQL statement (`Bookings::open_slots`): a counter's save opens
//! a thousand slots or more, and a round trip apiece made it take most of a second.

use diesel::prelude::*;
use madoguchi_records::SlotRecord;

/// The slots in one statement, each column bound as an array; a slot whose resource already
/// has one at that time is left out (`ON CONFLICT … DO NOTHING`).
pub(super) fn on_postgres(pg: &mut PgConnection, slots: &[SlotRecord]) -> QueryResult<usize> {
    use diesel::sql_types::{Array, Date, Integer, Nullable, Text, Timestamp};
    let text = |f: fn(&SlotRecord) -> &str| slots.iter().map(f).collect::<Vec<_>>();
    let int = |f: fn(&SlotRecord) -> i32| slots.iter().map(f).collect::<Vec<_>>();
    let at = |f: fn(&SlotRecord) -> chrono::NaiveDateTime| slots.iter().map(f).collect::<Vec<_>>();
    diesel::sql_query(
        "INSERT INTO booking_slots (id, tenant_id, resource_id, day, starts_at, ends_at, \
         capacity, booked, held, closed_reason, blocked_reason) \
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], \
         $5::timestamp[], $6::timestamp[], $7::int4[], $8::int4[], $9::int4[], $10::text[], \
         $11::text[]) \
         ON CONFLICT (tenant_id, resource_id, starts_at) DO NOTHING",
    )
    .bind::<Array<Text>, _>(text(|s| s.id.as_str()))
    .bind::<Array<Text>, _>(text(|s| s.tenant_id.as_str()))
    .bind::<Array<Text>, _>(text(|s| s.resource_id.as_str()))
    .bind::<Array<Date>, _>(slots.iter().map(|s| s.day).collect::<Vec<_>>())
    .bind::<Array<Timestamp>, _>(at(|s| s.starts_at))
    .bind::<Array<Timestamp>, _>(at(|s| s.ends_at))
    .bind::<Array<Integer>, _>(int(|s| s.capacity))
    .bind::<Array<Integer>, _>(int(|s| s.booked))
    .bind::<Array<Integer>, _>(int(|s| s.held))
    .bind::<Array<Nullable<Text>>, _>(
        slots
            .iter()
            .map(|s| s.closed_reason.as_deref())
            .collect::<Vec<_>>(),
    )
    .bind::<Array<Nullable<Text>>, _>(
        slots
            .iter()
            .map(|s| s.blocked_reason.as_deref())
            .collect::<Vec<_>>(),
    )
    .execute(pg)
}
