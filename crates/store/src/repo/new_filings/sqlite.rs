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

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Date, Integer, Nullable, Text, Timestamp};
use diesel::sqlite::Sqlite;
use madoguchi_core::SubmissionId;
use madoguchi_records::schema::submissions;
use madoguchi_records::{NewFilings, StoreError};

use super::{Column, Statement, Table};

/// Where each table is in [`Statement::tables`].
const KEYS: usize = 0;
const SUBMISSIONS: usize = 1;
const EVENTS: usize = 2;
const MAILS: usize = 3;
const DELIVERIES: usize = 4;

pub(super) fn in_turn(
    c: &mut SqliteConnection,
    filings: &NewFilings,
) -> Result<Vec<SubmissionId>, StoreError> {
    let statement = Statement::new(filings);
    let t = &statement.tables;
    let key_row: HashMap<&str, usize> = (0..t[KEYS].rows())
        .map(|i| (t[KEYS].filing_of(i), i))
        .collect();
    let mut new: HashSet<&str> = HashSet::new();
    let mut stored = Vec::new();
    for i in 0..t[SUBMISSIONS].rows() {
        let id = t[SUBMISSIONS].filing_of(i);
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
    if new.is_empty() {
        return Ok(stored);
    }
    for i in (0..t[EVENTS].rows()).filter(|&i| new.contains(t[EVENTS].filing_of(i))) {
        RowInsert::<EVENTS>::new(&t[EVENTS], i).execute(c)?;
    }
    for i in (0..t[MAILS].rows()).filter(|&i| new.contains(t[MAILS].filing_of(i))) {
        RowInsert::<MAILS>::new(&t[MAILS], i).execute(c)?;
    }
    for i in (0..t[DELIVERIES].rows()).filter(|&i| new.contains(t[DELIVERIES].filing_of(i))) {
        RowInsert::<DELIVERIES>::new(&t[DELIVERIES], i).execute(c)?;
    }
    Ok(stored)
}

impl Table<'_> {
    /// How many rows the table has in the batch.
    fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, c)| c.len())
    }

    /// The filing row `i` belongs to (its `filing` column; "" where it has none).
    fn filing_of(&self, i: usize) -> &str {
        let column = self
            .columns
            .iter()
            .chain(self.extra.iter())
            .find(|(name, _)| *name == self.filing);
        match column {
            Some((_, Column::Text(v))) => v[i],
            Some((_, Column::NullableText(v))) => v[i].unwrap_or_default(),
            _ => "",
        }
    }
}

impl Column<'_> {
    fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::NullableText(v) => v.len(),
            Column::Timestamp(v) => v.len(),
            Column::NullableTimestamp(v) => v.len(),
            Column::NullableDate(v) => v.len(),
            Column::Integer(v) => v.len(),
            Column::NullableInteger(v) => v.len(),
            Column::BigInt(v) => v.len(),
        }
    }

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
        let names: Vec<&str> = self.table.columns.iter().map(|(name, _)| *name).collect();
        out.push_sql(&names.join(", "));
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
