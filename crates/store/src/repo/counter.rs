//! Counter visits prepared online (書かない窓口).

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{counter_visits, drafts};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::CounterVisitRecord;

row!(CounterVisitRow <-> CounterVisitRecord in counter_visits {
    id: String,
    tenant_id: String,
    session_hash: String,
    code_hash: String,
    procedures: String,
    created_at: Timestamp,
    expires_at: Timestamp,
    opened_by: Option<String>,
    opened_at: Option<Timestamp>,
    filed_by: Option<String>,
    filed_at: Option<Timestamp>,
    outcome: Option<String>,
});

pub fn insert(conn: &mut DbConn, record: &CounterVisitRecord) -> Result<(), Error> {
    diesel::insert_into(counter_visits::table)
        .values(CounterVisitRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn update(conn: &mut DbConn, r: &CounterVisitRecord) -> Result<(), Error> {
    diesel::update(counter_visits::table.find(&r.id))
        .set((
            counter_visits::code_hash.eq(&r.code_hash),
            counter_visits::procedures.eq(&r.procedures),
            counter_visits::expires_at.eq(r.expires_at),
            counter_visits::opened_by.eq(&r.opened_by),
            counter_visits::opened_at.eq(r.opened_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<CounterVisitRecord>, Error> {
    Ok(counter_visits::table
        .find(id)
        .select(CounterVisitRow::as_select())
        .first::<CounterVisitRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn find_by_code(
    conn: &mut DbConn,
    code_hash: &str,
) -> Result<Option<CounterVisitRecord>, Error> {
    Ok(counter_visits::table
        .filter(counter_visits::code_hash.eq(code_hash))
        .select(CounterVisitRow::as_select())
        .first::<CounterVisitRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn find_open(
    conn: &mut DbConn,
    tenant_id: &str,
    session_hash: &str,
) -> Result<Option<CounterVisitRecord>, Error> {
    Ok(counter_visits::table
        .filter(counter_visits::tenant_id.eq(tenant_id))
        .filter(counter_visits::session_hash.eq(session_hash))
        .filter(counter_visits::filed_at.is_null())
        .order(counter_visits::created_at.desc())
        .select(CounterVisitRow::as_select())
        .first::<CounterVisitRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn mark_filed(
    conn: &mut DbConn,
    id: &str,
    clerk_id: &str,
    at: Timestamp,
    outcome: &str,
) -> Result<bool, Error> {
    let n = diesel::update(
        counter_visits::table
            .find(id)
            .filter(counter_visits::filed_at.is_null()),
    )
    .set((
        counter_visits::filed_by.eq(clerk_id),
        counter_visits::filed_at.eq(at),
        counter_visits::outcome.eq(outcome),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn extend_drafts(
    conn: &mut DbConn,
    tenant_id: &str,
    session_hash: &str,
    now: Timestamp,
    until: Timestamp,
) -> Result<(), Error> {
    diesel::update(
        drafts::table
            .filter(drafts::tenant_id.eq(tenant_id))
            .filter(drafts::session_hash.eq(session_hash))
            .filter(drafts::expires_at.gt(now))
            .filter(drafts::expires_at.lt(until)),
    )
    .set(drafts::expires_at.eq(until))
    .execute(conn)?;
    Ok(())
}
