//! SQLite's way of storing a batch of new filings, in the caller's transaction (writes take
//! turns there, so nothing else writes in between): each filing's submission, then its key
//! claimed with `ON CONFLICT DO NOTHING` (a key used before claims nothing, and the
//! submission is taken out again), then the rest of its rows.
//!
//! One row per statement: SQLite runs in the process, so a statement costs no round trip.
//! Each table's one-row `INSERT` is a statement whose text never changes, with a type of
//! its own ([`RowInsert`]): prepared once per connection and found again by that type,
//! where diesel's `insert_into(…).values(&record)` builds its text anew on every execution
//! to look it up (a record's `None` fields leave their columns out of it) and walks it a
//! second time to see whether it may be cached — 6 % of the server's time in a run at 8
//! connections (docs/performance.md, 2026-11-26). The rows are the ones PostgreSQL's one
//! statement binds as arrays ([`Statement`]): the same tables and columns on both engines.
//! The kept filings' webhook events become deliveries here, to the webhooks of their
//! departments that listen for them, read in the same transaction (each department once).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Date, Integer, Nullable, Text, Timestamp};
use diesel::sqlite::Sqlite;
use madoguchi_core::{DeliveryId, SubmissionId};
use madoguchi_records::schema::{submissions, webhook_deliveries, webhooks};
use madoguchi_records::{
    FilingWebhookEvent, NewFilings, ROWS_PER_INSERT, StoreError, WebhookRecord,
};

use super::{Column, Statement, Table};

/// Where each table is in [`Statement::tables`].
const KEYS: usize = 0;
const SUBMISSIONS: usize = 1;
const EVENTS: usize = 2;
const MAILS: usize = 3;

pub(super) fn in_turn(
    c: &mut SqliteConnection,
    filings: &NewFilings,
) -> Result<Vec<SubmissionId>, StoreError> {
    let statement = Statement::new(filings);
    let t = &statement.tables;
    let of: Vec<Vec<&str>> = t.iter().map(Table::filings).collect();
    let key_row: HashMap<&str, usize> = of[KEYS]
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let mut new: HashSet<&str> = HashSet::new();
    let mut stored = Vec::new();
    for (i, id) in of[SUBMISSIONS].iter().copied().enumerate() {
        let Some(&key) = key_row.get(id) else {
            continue;
        };
        RowInsert::<SUBMISSIONS>::new(&t[SUBMISSIONS], i).execute(c)?;
        if RowInsert::<KEYS>::new(&t[KEYS], key).execute(c)? == 1 {
            new.insert(id);
            stored.push(SubmissionId::new(id));
        } else {
            diesel::delete(submissions::table.filter(submissions::id.eq(id))).execute(c)?;
        }
    }
    let rows_kept = |table: usize| {
        of[table]
            .iter()
            .enumerate()
            .filter(|(_, id)| new.contains(*id))
            .map(|(i, _)| i)
    };
    for i in rows_kept(EVENTS) {
        RowInsert::<EVENTS>::new(&t[EVENTS], i).execute(c)?;
    }
    for i in rows_kept(MAILS) {
        RowInsert::<MAILS>::new(&t[MAILS], i).execute(c)?;
    }
    let events: Vec<&FilingWebhookEvent> = filings
        .webhook_events
        .iter()
        .filter(|e| new.contains(e.submission_id.as_str()))
        .collect();
    deliver(c, &events)?;
    Ok(stored)
}

/// The deliveries of `events`: one per webhook of the event's department that listens for
/// it (`WebhookRecord::listens_for`), the webhooks read once per department.
fn deliver(c: &mut SqliteConnection, events: &[&FilingWebhookEvent]) -> Result<(), StoreError> {
    let mut hooks: HashMap<(&str, &str), Vec<WebhookRecord>> = HashMap::new();
    let mut rows = Vec::new();
    for event in events {
        let department = (event.tenant_id.as_str(), event.department_code.as_str());
        let these = match hooks.entry(department) {
            Entry::Occupied(read) => read.into_mut(),
            Entry::Vacant(slot) => slot.insert(
                webhooks::table
                    .filter(webhooks::tenant_id.eq(&event.tenant_id))
                    .filter(webhooks::department_code.eq(&event.department_code))
                    .order(webhooks::created_at.asc())
                    .select(WebhookRecord::as_select())
                    .load(c)?,
            ),
        };
        let listening = these.iter().filter(|h| h.listens_for(event.event));
        for hook in listening {
            let id = DeliveryId::new(uuid::Uuid::now_v7().to_string());
            rows.push(event.delivery_to(hook, id));
        }
    }
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        diesel::insert_into(webhook_deliveries::table)
            .values(chunk)
            .execute(c)?;
    }
    Ok(())
}

impl Table<'_> {
    /// The filing each row belongs to, row by row (its `filing` column; "" where none).
    fn filings(&self) -> Vec<&str> {
        let column = self
            .columns
            .iter()
            .chain(self.extra.iter())
            .find(|(name, _)| *name == self.filing);
        match column {
            Some((_, Column::Text(v))) => v.clone(),
            Some((_, Column::NullableText(v))) => {
                v.iter().map(|id| id.unwrap_or_default()).collect()
            }
            _ => Vec::new(),
        }
    }
}

impl Column<'_> {
    fn bind_row<'b>(&'b self, i: usize, out: &mut AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        match self {
            Column::Text(v) => out.push_bind_param::<Text, _>(v[i]),
            Column::NullableText(v) => out.push_bind_param::<Nullable<Text>, _>(&v[i]),
            Column::Timestamp(v) => out.push_bind_param::<Timestamp, _>(&v[i]),
            Column::NullableTimestamp(v) => out.push_bind_param::<Nullable<Timestamp>, _>(&v[i]),
            Column::NullableDate(v) => out.push_bind_param::<Nullable<Date>, _>(&v[i]),
            Column::Integer(v) => out.push_bind_param::<Integer, _>(&v[i]),
            Column::NullableInteger(v) => out.push_bind_param::<Nullable<Integer>, _>(&v[i]),
            Column::BigInt(v) => out.push_bind_param::<BigInt, _>(&v[i]),
        }
    }
}

/// Row `row` of the statement's table number `T`, as a one-row `INSERT` (the keys' with
/// `ON CONFLICT DO NOTHING`). Its text depends on `T` alone: one prepared statement per
/// table and connection, found by its type.
struct RowInsert<'a, const T: usize> {
    table: &'a Table<'a>,
    row: usize,
}

impl<'a, const T: usize> RowInsert<'a, T> {
    fn new(table: &'a Table<'a>, row: usize) -> Self {
        RowInsert { table, row }
    }
}

impl<const T: usize> QueryFragment<Sqlite> for RowInsert<'_, T> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        out.push_sql("INSERT INTO ");
        out.push_sql(self.table.name);
        out.push_sql(" (");
        // Pushed one by one: diesel walks this on every execution to bind the row, and
        // pushing text costs nothing then, where joining the names allocated each time.
        for (j, (name, _)) in self.table.columns.iter().enumerate() {
            if j > 0 {
                out.push_sql(", ");
            }
            out.push_sql(name);
        }
        out.push_sql(") VALUES (");
        for (j, (_, column)) in self.table.columns.iter().enumerate() {
            if j > 0 {
                out.push_sql(", ");
            }
            column.bind_row(self.row, &mut out)?;
        }
        out.push_sql(")");
        if T == KEYS {
            out.push_sql(" ON CONFLICT DO NOTHING");
        }
        Ok(())
    }
}

impl<const T: usize> QueryId for RowInsert<'_, T> {
    type QueryId = RowInsert<'static, T>;
    /// The text never changes for a table: prepared once per connection and kept.
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<Conn, const T: usize> RunQueryDsl<Conn> for RowInsert<'_, T> {}
