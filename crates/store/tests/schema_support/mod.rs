//! What the schema tests compare: `schema.rs` read as text, the migrated database read
//! through its catalogue (`sqlite_master` and `PRAGMA table_info` on SQLite,
//! `information_schema` and `pg_catalog` on PostgreSQL), and a listing of everything a
//! migration can create, to tell whether its `down.sql` took it all back.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use madoguchi_store::DbConn;

/// The schema.rs diesel reads; parsed as text so the test cannot drift from it.
pub const SCHEMA_RS: &str = concat!(
    include_str!("../../../records/src/schema/mod.rs"),
    include_str!("../../../records/src/schema/booking_tables.rs"),
    include_str!("../../../records/src/schema/decision_tables.rs"),
    include_str!("../../../records/src/schema/fact_tables.rs"),
    include_str!("../../../records/src/schema/hold_tables.rs"),
    include_str!("../../../records/src/schema/waiting_tables.rs"),
);

/// The files of `SCHEMA_RS` besides `mod.rs`: every module `mod.rs` declares must be one
/// (`schema.rs` checks), or its tables would go unchecked.
pub const SCHEMA_MODULES: &[&str] = &[
    "booking_tables",
    "decision_tables",
    "fact_tables",
    "hold_tables",
    "waiting_tables",
];

/// A column as declared: its SQL type (`Text`, `Timestamp`, …) and whether it is nullable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub sql_type: String,
    pub nullable: bool,
}

/// Table → column → declaration.
pub type Tables<T> = BTreeMap<String, BTreeMap<String, T>>;

/// Reads the `diesel::table!` blocks of a schema.rs. Panics on anything it does not
/// understand (a `#[sql_name]`, say), so an unusual schema fails the test instead of
/// being read wrong.
pub fn parse_schema(text: &str) -> Tables<Declared> {
    let mut tables = Tables::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line.starts_with("diesel::table!") {
            let header = lines.next().unwrap_or_default();
            let name = header
                .split_once(" (")
                .map(|(name, _)| name)
                .filter(|name| is_identifier(name))
                .unwrap_or_else(|| panic!("cannot read the table header `{header}`"));
            let mut columns = BTreeMap::new();
            for line in lines.by_ref() {
                if line == "}" {
                    break;
                }
                let (column, sql_type) = line
                    .strip_suffix(',')
                    .and_then(|l| l.split_once(" -> "))
                    .filter(|(column, _)| is_identifier(column))
                    .unwrap_or_else(|| panic!("cannot read `{line}` in table {name}"));
                let declared = match sql_type.strip_prefix("Nullable<") {
                    Some(inner) => Declared {
                        sql_type: inner.trim_end_matches('>').to_string(),
                        nullable: true,
                    },
                    None => Declared {
                        sql_type: sql_type.to_string(),
                        nullable: false,
                    },
                };
                columns.insert(column.to_string(), declared);
            }
            assert!(!columns.is_empty(), "table {name} has no columns");
            tables.insert(name.to_string(), columns);
        }
    }
    tables
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A column as the database has it: its type as the catalogue names it, and nullability.
#[derive(Clone, Debug, PartialEq, Eq, QueryableByName)]
pub struct Found {
    #[diesel(sql_type = Text)]
    pub table_name: String,
    #[diesel(sql_type = Text)]
    pub column_name: String,
    #[diesel(sql_type = Text)]
    pub data_type: String,
    #[diesel(sql_type = Bool)]
    pub nullable: bool,
}

/// diesel's own bookkeeping; not part of the application's schema.
const MIGRATIONS_TABLE: &str = "__diesel_schema_migrations";

/// Every column of every table in the database, but diesel's migrations table.
pub fn columns(conn: &mut DbConn) -> Tables<Found> {
    let found: Vec<Found> = match conn {
        // NOT NULL as declared: a TEXT primary key without it would take NULLs in SQLite.
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
             p.\"notnull\" = 0 AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> ?",
        )
        .bind::<Text, _>(MIGRATIONS_TABLE)
        .load(c),
        DbConn::Postgres(c) => diesel::sql_query(
            "SELECT table_name::text, column_name::text, data_type::text, \
             is_nullable = 'YES' AS nullable \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name <> $1",
        )
        .bind::<Text, _>(MIGRATIONS_TABLE)
        .load(c),
    }
    .expect("read the catalogue");
    let mut tables = Tables::new();
    for f in found {
        tables
            .entry(f.table_name.clone())
            .or_default()
            .insert(f.column_name.clone(), f);
    }
    tables
}

/// The catalogue's names for a diesel SQL type, per engine. SQLite keeps the declared
/// type name, so the names the migrations use are listed (and their usual synonyms).
fn compatible(sql_type: &str, data_type: &str, sqlite: bool) -> bool {
    let accepted: &[&str] = match (sql_type, sqlite) {
        ("Text", true) => &["TEXT"],
        ("Timestamp", true) => &["TIMESTAMP", "DATETIME"],
        ("Date", true) => &["DATE"],
        ("BigInt", true) => &["BIGINT", "INTEGER"],
        ("Integer", true) => &["INTEGER", "INT"],
        ("Bool", true) => &["BOOLEAN", "BOOL"],
        ("Text", false) => &["text"],
        ("Timestamp", false) => &["timestamp without time zone"],
        ("Date", false) => &["date"],
        ("BigInt", false) => &["bigint"],
        ("Integer", false) => &["integer"],
        ("Bool", false) => &["boolean"],
        _ => &[],
    };
    accepted.iter().any(|a| a.eq_ignore_ascii_case(data_type))
}

/// Everything on which schema.rs and the database disagree, one line each (empty when
/// they agree): tables and columns on one side only, types that do not fit, nullability.
pub fn disagreements(
    declared: &Tables<Declared>,
    found: &Tables<Found>,
    sqlite: bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (table, columns) in declared {
        let Some(in_db) = found.get(table) else {
            problems.push(format!("table {table}: in schema.rs, not in the database"));
            continue;
        };
        for (column, d) in columns {
            let Some(f) = in_db.get(column) else {
                problems.push(format!(
                    "{table}.{column}: in schema.rs, not in the database"
                ));
                continue;
            };
            if !compatible(&d.sql_type, &f.data_type, sqlite) {
                problems.push(format!(
                    "{table}.{column}: {} in schema.rs, {} in the database",
                    d.sql_type, f.data_type
                ));
            }
            if d.nullable != f.nullable {
                let say = |nullable| if nullable { "nullable" } else { "NOT NULL" };
                problems.push(format!(
                    "{table}.{column}: {} in schema.rs, {} in the database",
                    say(d.nullable),
                    say(f.nullable)
                ));
            }
        }
    }
    for (table, columns) in found {
        let Some(in_schema) = declared.get(table) else {
            problems.push(format!("table {table}: in the database, not in schema.rs"));
            continue;
        };
        for column in columns.keys().filter(|c| !in_schema.contains_key(*c)) {
            problems.push(format!(
                "{table}.{column}: in the database, not in schema.rs"
            ));
        }
    }
    problems
}

/// schema.rs against the database `conn` is connected to.
pub fn schema_rs_disagreements(conn: &mut DbConn) -> Vec<String> {
    let sqlite = matches!(conn, DbConn::Sqlite(_));
    disagreements(&parse_schema(SCHEMA_RS), &columns(conn), sqlite)
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Everything a migration can create, one line per column, constraint, index, trigger,
/// function, type and relation (diesel's migrations table included: it never changes),
/// in a stable order. Two listings are equal when the schemas are.
pub fn listing(conn: &mut DbConn) -> Vec<String> {
    let queries: &[&str] = match conn {
        DbConn::Sqlite(_) => &[
            "SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || \
             p.\"notnull\" || ' pk=' || p.pk || ' default=' || ifnull(p.dflt_value, 'none') AS line \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' \
             ORDER BY m.name, p.cid",
            // The statements as SQLite keeps them: CHECKs, foreign keys, UNIQUEs, indexes
            // (partial ones with their WHERE), triggers, views.
            "SELECT type || ' ' || name || ' on ' || tbl_name || ': ' || ifnull(sql, '') AS line \
             FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        ],
        DbConn::Postgres(_) => &[
            "SELECT format('column %s.%s %s nullable=%s default=%s', table_name, column_name, \
             data_type, is_nullable, coalesce(column_default, 'none')) AS line \
             FROM information_schema.columns WHERE table_schema = current_schema() \
             ORDER BY table_name, ordinal_position",
            "SELECT format('constraint %s on %s: %s', c.conname, c.conrelid::regclass, \
             pg_get_constraintdef(c.oid)) AS line FROM pg_constraint c \
             JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() \
             ORDER BY 1",
            "SELECT format('index %s on %s: %s', indexname, tablename, indexdef) AS line \
             FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1",
            "SELECT format('trigger %s on %s: %s', t.tgname, t.tgrelid::regclass, \
             pg_get_triggerdef(t.oid)) AS line FROM pg_trigger t \
             JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace \
             WHERE n.nspname = current_schema() AND NOT t.tgisinternal ORDER BY 1",
            "SELECT format('function %s(%s): %s', p.proname, pg_get_function_arguments(p.oid), \
             md5(p.prosrc)) AS line FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
             WHERE n.nspname = current_schema() ORDER BY 1",
            "SELECT format('type %s kind %s', t.typname, t.typtype) AS line FROM pg_type t \
             JOIN pg_namespace n ON n.oid = t.typnamespace \
             WHERE n.nspname = current_schema() AND t.typtype IN ('d', 'e', 'r') ORDER BY 1",
            "SELECT format('relation %s kind %s', c.relname, c.relkind) AS line FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() \
             ORDER BY 1",
        ],
    };
    let mut lines = Vec::new();
    for query in queries {
        let rows: Vec<Line> = match conn {
            DbConn::Sqlite(c) => diesel::sql_query(*query).load(c),
            DbConn::Postgres(c) => diesel::sql_query(*query).load(c),
        }
        .expect("list the schema");
        lines.extend(rows.into_iter().map(|r| normalise(&r.line)));
    }
    lines
}

/// Spelling SQLite keeps from how a table came about, not what it is: a table rebuilt
/// and renamed is stored as `CREATE TABLE "name"`, and `ADD COLUMN` leaves its own spacing.
fn normalise(line: &str) -> String {
    let spaced = line
        .replace('"', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    spaced
        .replace(" ,", ",")
        .replace("( ", "(")
        .replace(" )", ")")
}

/// The lines only in `a` and only in `b`, for a readable assertion message.
pub fn difference(a: &[String], b: &[String]) -> String {
    let only = |x: &[String], y: &[String]| {
        x.iter()
            .filter(|l| !y.contains(l))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n  ")
    };
    format!(
        "only before:\n  {}\nonly after:\n  {}",
        only(a, b),
        only(b, a)
    )
}
