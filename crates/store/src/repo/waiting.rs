//! Waiting lines at the counters (`madoguchi_records::Waiting`).

use chrono::NaiveDate;
use diesel::prelude::*;
use madoguchi_core::{CounterLineId, TenantId, TicketId};
use madoguchi_records::schema::{counter_lines, counter_tickets};
use madoguchi_records::{CounterLineRecord, StoreError, TicketRecord, Waiting, WaitingRead};

use crate::{DbConn, Timestamp};

impl WaitingRead for DbConn {
    fn counter_lines(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<CounterLineRecord>, StoreError> {
        Ok(counter_lines::table
            .filter(counter_lines::tenant_id.eq(tenant_id))
            .order((counter_lines::created_at, counter_lines::id))
            .select(CounterLineRecord::as_select())
            .load(self)?)
    }

    fn tickets_of_day(
        &mut self,
        tenant_id: &TenantId,
        day: NaiveDate,
    ) -> Result<Vec<TicketRecord>, StoreError> {
        Ok(counter_tickets::table
            .filter(counter_tickets::tenant_id.eq(tenant_id))
            .filter(counter_tickets::day.eq(day))
            .order((counter_tickets::line_id, counter_tickets::number))
            .select(TicketRecord::as_select())
            .load(self)?)
    }
}

impl Waiting for DbConn {
    fn add_counter_line(&mut self, line: &CounterLineRecord) -> Result<bool, StoreError> {
        let taken = counter_lines::table
            .find((&line.tenant_id, &line.id))
            .count()
            .get_result::<i64>(self)?;
        if taken > 0 {
            return Ok(false);
        }
        diesel::insert_into(counter_lines::table)
            .values(line)
            .execute(self)?;
        Ok(true)
    }

    fn take_ticket_number(
        &mut self,
        tenant_id: &TenantId,
        line_id: &CounterLineId,
        day: NaiveDate,
    ) -> Result<Option<i32>, StoreError> {
        let line = counter_lines::table.find((tenant_id, line_id));
        // The day's first number: only where the row still holds another day. A desk
        // waiting on the row's lock meanwhile finds today there and adds one below.
        let first = diesel::update(
            line.filter(
                counter_lines::issued_day
                    .is_null()
                    .or(counter_lines::issued_day.ne(day)),
            ),
        )
        .set((
            counter_lines::issued_day.eq(day),
            counter_lines::last_number.eq(1),
        ))
        .execute(self)?;
        if first == 0 {
            let added = diesel::update(line.filter(counter_lines::issued_day.eq(day)))
                .set(counter_lines::last_number.eq(counter_lines::last_number + 1))
                .execute(self)?;
            if added == 0 {
                return Ok(None);
            }
        }
        Ok(Some(line.select(counter_lines::last_number).first(self)?))
    }

    fn insert_ticket(&mut self, ticket: &TicketRecord) -> Result<(), StoreError> {
        diesel::insert_into(counter_tickets::table)
            .values(ticket)
            .execute(self)?;
        Ok(())
    }

    fn call_ticket(&mut self, id: &TicketId, at: Timestamp) -> Result<bool, StoreError> {
        let n = diesel::update(
            counter_tickets::table
                .find(id)
                .filter(counter_tickets::called_at.is_null()),
        )
        .set(counter_tickets::called_at.eq(Some(at)))
        .execute(self)?;
        Ok(n == 1)
    }
}
