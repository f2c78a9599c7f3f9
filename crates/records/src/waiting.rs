//! Waiting lines at the counters (issue 49 item 8): the counters a city lists, the numbered
//! tickets (番号札) they hand out as people check in, and when each number was called.

use chrono::NaiveDate;
use madoguchi_core::{CounterLineId, TenantId, TicketId};

use crate::{StoreError, Timestamp};

/// A counter with a waiting line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::counter_lines, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct CounterLineRecord {
    pub tenant_id: TenantId,
    pub id: CounterLineId,
    /// JSON `{"ja": …, "en": …}`: the counter's name, and where it is.
    pub name: String,
    pub place: String,
    /// The day (Japan time) it last handed out a number, and that number.
    pub issued_day: Option<NaiveDate>,
    pub last_number: i32,
    pub created_at: Timestamp,
}

/// A numbered ticket: no personal data, a number and two times.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::counter_tickets, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct TicketRecord {
    pub id: TicketId,
    pub tenant_id: TenantId,
    pub line_id: CounterLineId,
    /// The day in Japan time; the times in UTC.
    pub day: NaiveDate,
    pub number: i32,
    pub issued_at: Timestamp,
    pub called_at: Option<Timestamp>,
}

/// What a read may do with [`Waiting`].
pub trait WaitingRead {
    /// The city's counters, in the order they were added.
    fn counter_lines(&mut self, tenant_id: &TenantId)
    -> Result<Vec<CounterLineRecord>, StoreError>;
    /// The tickets the city's counters handed out on `day`, by counter and number.
    fn tickets_of_day(
        &mut self,
        tenant_id: &TenantId,
        day: NaiveDate,
    ) -> Result<Vec<TicketRecord>, StoreError>;
}

/// Counters added, numbers handed out and called.
pub trait Waiting: WaitingRead {
    /// Adds a counter: false (nothing written) when the city has one with its id.
    fn add_counter_line(&mut self, line: &CounterLineRecord) -> Result<bool, StoreError>;
    /// Takes the counter's next number of `day` (1 on its first of the day) by one
    /// conditional update of its row, so two desks never take the same number; `None`
    /// when the city has no such counter.
    fn take_ticket_number(
        &mut self,
        tenant_id: &TenantId,
        line_id: &CounterLineId,
        day: NaiveDate,
    ) -> Result<Option<i32>, StoreError>;
    fn insert_ticket(&mut self, ticket: &TicketRecord) -> Result<(), StoreError>;
    /// Marks a ticket called: false when another desk called it first.
    fn call_ticket(&mut self, id: &TicketId, at: Timestamp) -> Result<bool, StoreError>;
}
