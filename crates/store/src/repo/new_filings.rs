//! New filings stored together (`Submissions::insert_new_filings`): a batch of filings sent
//! as JSON, each stored only if its idempotency key is new (issue 19, docs/performance.md).
//!
//! - **PostgreSQL: one statement.** Each table's rows go in as one array per column
//!   (`unnest`), in data-modifying `WITH` clauses: the keys are claimed first (`ON CONFLICT
//!   DO NOTHING RETURNING`), and a submission, its event, its mails and its webhook
//!   deliveries go in only if their filing's key was claimed. A filing's webhook event
//!   becomes one delivery per webhook of its department that listens for it: the webhooks
//!   are joined in the statement (`WebhookRecord::listens_for` in SQL), so nothing is read
//!   before it. One round trip and, its text never changing
//!   with the batch's size, one prepared statement and plan kept on the connection; a
//!   single statement is atomic by itself, so the caller needs no transaction around it
//!   (`Database::write_atomic`). A key claimed by a transaction still open waits for it,
//!   then counts as used if it committed. The foreign keys (a key's submission, an event's
//!   submission) are checked at the end of the statement, after every clause ran.
//! - **SQLite: each filing's submission, then its key claimed with `ON CONFLICT DO
//!   NOTHING`** (a key used before takes the submission out again), then the rest of its
//!   rows, one prepared one-row statement each, in the caller's transaction
//!   (`new_filings/sqlite.rs`): the same tables and columns as PostgreSQL's statement; the
//!   webhooks listening for the kept filings' events are read in that transaction.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Array, BigInt, Date, Integer, Nullable, Text, Timestamp};
use madoguchi_core::SubmissionId;
use madoguchi_records::{NewFilings, StoreError};

use crate::DbConn;

mod sqlite;

pub(super) fn insert(
    conn: &mut DbConn,
    filings: &NewFilings,
) -> Result<Vec<SubmissionId>, StoreError> {
    if filings.mails.iter().any(|m| m.submission_id.is_none()) {
        return Err(StoreError::Other(
            "a new filing's mail names no submission".into(),
        ));
    }
    if filings.keys.is_empty() {
        return Ok(Vec::new());
    }
    match conn {
        DbConn::Postgres(c) => {
            let stored: Vec<String> = Statement::new(filings).load(c)?;
            Ok(stored.into_iter().map(SubmissionId::new).collect())
        }
        DbConn::Sqlite(c) => sqlite::in_turn(c, filings),
    }
}

/// The tables PostgreSQL's one statement writes, with the columns it writes of each
/// (`tests/new_filings.rs` checks that they are every column of those tables).
pub fn columns_written() -> Vec<(&'static str, Vec<&'static str>)> {
    let none = NewFilings::default();
    Statement::new(&none)
        .tables
        .iter()
        .map(|t| {
            let bound = t.columns.iter().map(|(name, _)| *name);
            (
                t.name,
                bound
                    .chain(t.computed.iter().map(|(name, _)| *name))
                    .collect(),
            )
        })
        .collect()
}

/// PostgreSQL's one statement: every table's rows as arrays, one per column.
struct Statement<'a> {
    tables: [Table<'a>; 5],
}

/// One table's rows. `filing` names the column (of `columns`, or `extra`) that tells
/// which filing a row belongs to; `extra` is bound but not stored. `computed` columns are
/// written with an SQL expression instead of a bound array, over `join` (more of the
/// `FROM`; the bound rows are `r`).
struct Table<'a> {
    name: &'static str,
    columns: Vec<(&'static str, Column<'a>)>,
    filing: &'static str,
    extra: Vec<(&'static str, Column<'a>)>,
    computed: Vec<(&'static str, &'static str)>,
    join: Option<&'static str>,
}

impl<'a> Table<'a> {
    /// A table whose every column is bound.
    fn bound(
        name: &'static str,
        columns: Vec<(&'static str, Column<'a>)>,
        filing: &'static str,
    ) -> Table<'a> {
        Table {
            name,
            columns,
            filing,
            extra: Vec::new(),
            computed: Vec::new(),
            join: None,
        }
    }
}

/// A delivery's id on PostgreSQL: a random UUID, one per webhook and event.
const DELIVERY_ID: &str = "gen_random_uuid()::text";

/// The webhooks of the event's department that listen for it (`WebhookRecord::listens_for`).
const LISTENING_WEBHOOKS: &str = " JOIN webhooks w ON w.tenant_id = r.tenant_id \
     AND w.department_code = r.department_code AND w.disabled_at IS NULL \
     AND r.event = ANY (string_to_array(w.events, ','))";

/// A column of a batch's rows, bound as one array.
enum Column<'a> {
    Text(Vec<&'a str>),
    NullableText(Vec<Option<&'a str>>),
    Timestamp(Vec<NaiveDateTime>),
    NullableTimestamp(Vec<Option<NaiveDateTime>>),
    NullableDate(Vec<Option<NaiveDate>>),
    Integer(Vec<i32>),
    NullableInteger(Vec<Option<i32>>),
    BigInt(Vec<i64>),
}

fn text<'a, R>(rows: &'a [R], f: impl Fn(&'a R) -> &'a str) -> Column<'a> {
    Column::Text(rows.iter().map(f).collect())
}

fn opt_text<'a, R>(rows: &'a [R], f: impl Fn(&'a R) -> Option<&'a str>) -> Column<'a> {
    Column::NullableText(rows.iter().map(f).collect())
}

fn at<R>(rows: &[R], f: impl Fn(&R) -> NaiveDateTime) -> Column<'_> {
    Column::Timestamp(rows.iter().map(f).collect())
}

fn opt_at<R>(rows: &[R], f: impl Fn(&R) -> Option<NaiveDateTime>) -> Column<'_> {
    Column::NullableTimestamp(rows.iter().map(f).collect())
}

fn int<R>(rows: &[R], f: impl Fn(&R) -> i32) -> Column<'_> {
    Column::Integer(rows.iter().map(f).collect())
}

fn opt_int<R>(rows: &[R], f: impl Fn(&R) -> Option<i32>) -> Column<'_> {
    Column::NullableInteger(rows.iter().map(f).collect())
}

impl<'a> Statement<'a> {
    fn new(f: &'a NewFilings) -> Statement<'a> {
        let (s, e, k, m, w) = (
            &f.submissions,
            &f.events,
            &f.keys,
            &f.mails,
            &f.webhook_events,
        );
        let keys = Table::bound(
            "idempotency_keys",
            vec![
                ("tenant_id", text(k, |r| r.tenant_id.as_str())),
                ("idem_key", text(k, |r| &r.idem_key)),
                ("request_hash", text(k, |r| &r.request_hash)),
                ("submission_id", text(k, |r| r.submission_id.as_str())),
                ("created_at", at(k, |r| r.created_at)),
            ],
            "submission_id",
        );
        let submissions = Table::bound(
            "submissions",
            vec![
                ("id", text(s, |r| r.id.as_str())),
                ("tenant_id", text(s, |r| r.tenant_id.as_str())),
                ("department_id", text(s, |r| r.department_id.as_str())),
                ("procedure_id", text(s, |r| r.procedure_id.as_str())),
                ("form_version", text(s, |r| &r.form_version)),
                ("arrival_number", text(s, |r| &r.arrival_number)),
                ("arrived_at", at(s, |r| r.arrived_at)),
                (
                    "due_on",
                    Column::NullableDate(s.iter().map(|r| r.due_on).collect()),
                ),
                ("state", text(s, |r| r.state.code())),
                ("data", text(s, |r| &r.data)),
                ("data_sha256", text(s, |r| &r.data_sha256)),
                (
                    "fee_yen",
                    Column::BigInt(s.iter().map(|r| r.fee_yen).collect()),
                ),
                (
                    "applicant_name",
                    opt_text(s, |r| r.applicant_name.as_deref()),
                ),
                ("contact_email", opt_text(s, |r| r.contact_email.as_deref())),
                (
                    "resident_session_hash",
                    opt_text(s, |r| r.resident_session_hash.as_deref()),
                ),
                ("updated_at", at(s, |r| r.updated_at)),
                ("ward_code", opt_text(s, |r| r.ward_code.as_deref())),
                (
                    "assignee_id",
                    opt_text(s, |r| r.assignee_id.as_ref().map(|a| a.as_str())),
                ),
                ("search_key", text(s, |r| &r.search_key)),
                ("filing_mode", text(s, |r| r.filing_mode.code())),
                ("decided_at", opt_at(s, |r| r.decided_at)),
                ("days_used", opt_int(s, |r| r.days_used)),
                ("correction_count", int(s, |r| r.correction_count)),
                (
                    "resident_account",
                    opt_text(s, |r| r.resident_account.as_deref()),
                ),
                (
                    "status_key_hash",
                    opt_text(s, |r| r.status_key_hash.as_deref()),
                ),
                (
                    "privacy_notice_shown_at",
                    opt_at(s, |r| r.privacy_notice_shown_at),
                ),
                (
                    "entered_by",
                    opt_text(s, |r| r.entered_by.as_ref().map(|c| c.as_str())),
                ),
                ("duplicate_key", opt_text(s, |r| r.duplicate_key.as_deref())),
            ],
            "id",
        );
        let events = Table::bound(
            "submission_events",
            vec![
                ("id", text(e, |r| r.id.as_str())),
                ("tenant_id", text(e, |r| r.tenant_id.as_str())),
                ("submission_id", text(e, |r| r.submission_id.as_str())),
                ("seq", int(e, |r| r.seq)),
                ("at", at(e, |r| r.at)),
                ("actor_kind", text(e, |r| r.actor_kind.code())),
                (
                    "actor_id",
                    opt_text(e, |r| r.actor_id.as_ref().map(|a| a.as_str())),
                ),
                ("action", text(e, |r| r.action.code())),
                (
                    "from_state",
                    opt_text(e, |r| r.from_state.map(|s| s.code())),
                ),
                ("to_state", text(e, |r| r.to_state.code())),
                ("reason", opt_text(e, |r| r.reason.as_deref())),
                ("detail", opt_text(e, |r| r.detail.as_deref())),
            ],
            "submission_id",
        );
        let mails = Table::bound(
            "outbox",
            vec![
                ("id", text(m, |r| r.id.as_str())),
                ("tenant_id", text(m, |r| r.tenant_id.as_str())),
                (
                    "submission_id",
                    opt_text(m, |r| r.submission_id.as_ref().map(|s| s.as_str())),
                ),
                ("kind", text(m, |r| r.kind.code())),
                ("recipient", text(m, |r| &r.recipient)),
                ("subject", text(m, |r| &r.subject)),
                ("body", text(m, |r| &r.body)),
                ("message_id", text(m, |r| &r.message_id)),
                ("created_at", at(m, |r| r.created_at)),
                ("attempts", int(m, |r| r.attempts)),
                ("next_attempt_at", at(m, |r| r.next_attempt_at)),
                ("locked_until", opt_at(m, |r| r.locked_until)),
                ("sent_at", opt_at(m, |r| r.sent_at)),
                ("failed_at", opt_at(m, |r| r.failed_at)),
                ("last_error", opt_text(m, |r| r.last_error.as_deref())),
                ("calendar", opt_text(m, |r| r.calendar.as_deref())),
            ],
            "submission_id",
        );
        let deliveries = Table {
            name: "webhook_deliveries",
            columns: vec![
                ("event", text(w, |r| r.event.code())),
                ("payload", text(w, |r| &r.payload)),
                ("created_at", at(w, |r| r.at)),
            ],
            filing: "filing",
            extra: vec![
                ("filing", text(w, |r| r.submission_id.as_str())),
                ("tenant_id", text(w, |r| r.tenant_id.as_str())),
                ("department_code", text(w, |r| r.department_code.as_str())),
            ],
            computed: vec![
                ("id", DELIVERY_ID),
                ("webhook_id", "w.id"),
                ("attempts", "0"),
                ("next_attempt_at", "r.created_at"),
                ("locked_until", "NULL::timestamp"),
                ("delivered_at", "NULL::timestamp"),
                ("failed_at", "NULL::timestamp"),
                ("last_status", "NULL::int4"),
                ("last_error", "NULL::text"),
            ],
            join: Some(LISTENING_WEBHOOKS),
        };
        Statement {
            tables: [keys, submissions, events, mails, deliveries],
        }
    }
}

impl Column<'_> {
    fn sql_type(&self) -> &'static str {
        match self {
            Column::Text(_) | Column::NullableText(_) => "text[]",
            Column::Timestamp(_) | Column::NullableTimestamp(_) => "timestamp[]",
            Column::NullableDate(_) => "date[]",
            Column::Integer(_) | Column::NullableInteger(_) => "int4[]",
            Column::BigInt(_) => "int8[]",
        }
    }

    fn bind<'b>(&'b self, out: &mut AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        match self {
            Column::Text(v) => out.push_bind_param::<Array<Text>, _>(v),
            Column::NullableText(v) => out.push_bind_param::<Array<Nullable<Text>>, _>(v),
            Column::Timestamp(v) => out.push_bind_param::<Array<Timestamp>, _>(v),
            Column::NullableTimestamp(v) => out.push_bind_param::<Array<Nullable<Timestamp>>, _>(v),
            Column::NullableDate(v) => out.push_bind_param::<Array<Nullable<Date>>, _>(v),
            Column::Integer(v) => out.push_bind_param::<Array<Integer>, _>(v),
            Column::NullableInteger(v) => out.push_bind_param::<Array<Nullable<Integer>>, _>(v),
            Column::BigInt(v) => out.push_bind_param::<Array<BigInt>, _>(v),
        }
    }
}

/// ```sql
/// WITH t0 AS (INSERT INTO idempotency_keys (tenant_id, …) SELECT r.tenant_id, …
///             FROM unnest($1::text[], …) AS r(tenant_id, …)
///             ON CONFLICT (tenant_id, idem_key) DO NOTHING RETURNING submission_id),
///      t1 AS (INSERT INTO submissions (id, …) SELECT r.id, … FROM unnest(…) AS r(id, …)
///             WHERE r.id IN (SELECT submission_id FROM t0)),
///      …
///      t4 AS (INSERT INTO webhook_deliveries (event, …, id, webhook_id, …)
///             SELECT r.event, …, gen_random_uuid()::text, w.id, … FROM unnest(…) AS r(…)
///             JOIN webhooks w ON … WHERE r.filing IN (SELECT submission_id FROM t0))
/// SELECT submission_id FROM t0
/// ```
impl QueryFragment<Pg> for Statement<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        // Pushed piece by piece: diesel walks this on every execution (to bind the arrays,
        // to see that it may be cached), and pushing text costs nothing then, where
        // formatting and joining allocated each time, in the batch's turn.
        let list = |out: &mut AstPass<'_, 'b, Pg>,
                    items: &mut dyn Iterator<Item = (&str, &str)>| {
            for (j, (prefix, item)) in items.enumerate() {
                if j > 0 {
                    out.push_sql(", ");
                }
                out.push_sql(prefix);
                out.push_sql(item);
            }
        };
        for (i, table) in self.tables.iter().enumerate() {
            out.push_sql(if i == 0 { "WITH " } else { ", " });
            out.push_sql(CLAUSES[i]);
            out.push_sql(" AS (INSERT INTO ");
            out.push_sql(table.name);
            out.push_sql(" (");
            let bound = table.columns.iter().map(|(name, _)| ("", *name));
            let computed = table.computed.iter().map(|(name, _)| ("", *name));
            list(&mut out, &mut bound.chain(computed));
            out.push_sql(") SELECT ");
            let bound = table.columns.iter().map(|(name, _)| ("r.", *name));
            let computed = table.computed.iter().map(|(_, sql)| ("", *sql));
            list(&mut out, &mut bound.chain(computed));
            out.push_sql(" FROM unnest(");
            let bound = table.columns.iter().chain(table.extra.iter());
            for (j, (_, column)) in bound.clone().enumerate() {
                if j > 0 {
                    out.push_sql(", ");
                }
                column.bind(&mut out)?;
                out.push_sql("::");
                out.push_sql(column.sql_type());
            }
            out.push_sql(") AS r(");
            list(&mut out, &mut bound.map(|(name, _)| ("", *name)));
            out.push_sql(")");
            if let Some(join) = table.join {
                out.push_sql(join);
            }
            if i == 0 {
                out.push_sql(
                    " ON CONFLICT (tenant_id, idem_key) DO NOTHING RETURNING submission_id)",
                );
            } else {
                out.push_sql(" WHERE r.");
                out.push_sql(table.filing);
                out.push_sql(" IN (SELECT submission_id FROM t0))");
            }
        }
        out.push_sql(" SELECT submission_id FROM t0");
        Ok(())
    }
}

/// The names of the statement's clauses, one per table (`t0` claims the keys).
const CLAUSES: [&str; 5] = ["t0", "t1", "t2", "t3", "t4"];

impl QueryId for Statement<'_> {
    type QueryId = Statement<'static>;
    /// The text never changes: the statement is prepared once per connection and kept.
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl Query for Statement<'_> {
    type SqlType = Text;
}

impl<Conn> RunQueryDsl<Conn> for Statement<'_> {}
