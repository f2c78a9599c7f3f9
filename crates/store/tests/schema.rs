//! schema.rs against the migrated databases, and every migration up, down and up again, on
//! both engines (PostgreSQL variants need TEST_DATABASE_URL at build time).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod schema_support;

use diesel::RunQueryDsl;
use madoguchi_store::{Backend, Db};
use madoguchi_testkit::{TestDb, db_test};
use schema_support::{
    Declared, Found, SCHEMA_MODULES, SCHEMA_RS, Tables, columns, difference, disagreements,
    listing, parse_schema, schema_rs_disagreements,
};

db_test!(fn schema_rs_matches_the_migrated_database(db) {
    let mut conn = db.db.conn().unwrap();
    assert_eq!(schema_rs_disagreements(&mut conn), Vec::<String>::new());
});

db_test!(fn a_column_only_in_the_database_is_reported(db) {
    // What a migration without its schema.rs line looks like.
    let mut conn = db.db.conn().unwrap();
    diesel::sql_query("ALTER TABLE tenants ADD COLUMN name_kana TEXT")
        .execute(&mut *conn)
        .unwrap();
    diesel::sql_query("CREATE TABLE stray (id TEXT PRIMARY KEY NOT NULL)")
        .execute(&mut *conn)
        .unwrap();
    assert_eq!(
        schema_rs_disagreements(&mut conn),
        [
            "table stray: in the database, not in schema.rs",
            "tenants.name_kana: in the database, not in schema.rs",
        ]
    );
});

db_test!(fn a_column_only_in_schema_rs_is_reported(db) {
    // What a schema.rs line without its migration looks like.
    let mut conn = db.db.conn().unwrap();
    let sqlite = db.backend() == Backend::Sqlite;
    let edited = SCHEMA_RS.replacen("        name_en -> Text,\n", "        name_en -> Text,\n        name_kana -> Text,\n", 1);
    assert_ne!(edited, SCHEMA_RS, "the edit applies");
    assert_eq!(
        disagreements(&parse_schema(&edited), &columns(&mut conn), sqlite),
        ["tenants.name_kana: in schema.rs, not in the database"]
    );
});

db_test!(fn every_migration_goes_up_down_and_up_again(db) {
    let names = Db::embedded_migration_names(db.backend()).unwrap();
    // Down to nothing (the test database comes migrated), newest first.
    for name in names.iter().rev() {
        assert_eq!(db.db.revert_last_migration().unwrap(), version_of(name));
    }
    let mut conn = db.db.conn().unwrap();
    let empty = listing(&mut conn);
    assert!(
        empty.iter().all(|l| l.contains("__diesel_schema_migrations")),
        "all migrations reverted leaves only diesel's table:\n{}",
        empty.join("\n")
    );
    // Then each one up, down (the schema is as before it) and up again (as after it).
    for name in &names {
        let before = listing(&mut conn);
        assert_eq!(db.db.run_next_migration().unwrap().as_deref(), Some(version_of(name).as_str()));
        let after = listing(&mut conn);
        assert_ne!(before, after, "{name} changes the schema");
        assert_eq!(db.db.revert_last_migration().unwrap(), version_of(name));
        let reverted = listing(&mut conn);
        assert!(reverted == before, "{name}/down.sql does not undo up.sql:\n{}", difference(&before, &reverted));
        assert_eq!(db.db.run_next_migration().unwrap().as_deref(), Some(version_of(name).as_str()));
        let again = listing(&mut conn);
        assert!(again == after, "{name} up again differs from the first time:\n{}", difference(&after, &again));
    }
    assert_eq!(db.db.run_next_migration().unwrap(), None, "nothing left to apply");
    assert_eq!(schema_rs_disagreements(&mut conn), Vec::<String>::new());
});

/// diesel names an applied migration by its version: the folder name's digits before `_`.
fn version_of(name: &str) -> String {
    name.split('_').next().unwrap_or(name).replace('-', "")
}

#[test]
fn schema_rs_is_read_whole() {
    let tables = parse_schema(SCHEMA_RS);
    // Every `table!` and every `column -> Type` line of the file is accounted for
    // (joinable! lines have an arrow too, in another shape).
    assert_eq!(tables.len(), SCHEMA_RS.matches("diesel::table!").count());
    let column_lines = SCHEMA_RS
        .lines()
        .filter(|l| l.contains(" -> ") && !l.contains("joinable!"))
        .count();
    assert_eq!(
        tables.values().map(|c| c.len()).sum::<usize>(),
        column_lines
    );
    assert_eq!(
        tables["submissions"]["due_on"],
        Declared {
            sql_type: "Date".into(),
            nullable: true
        }
    );
    assert_eq!(
        tables["postal_codes"]["seq"],
        Declared {
            sql_type: "Integer".into(),
            nullable: false
        }
    );
}

#[test]
fn disagreements_name_the_table_and_column() {
    let declared = parse_schema(
        "diesel::table! {\n    t (id) {\n        id -> Text,\n        n -> Nullable<BigInt>,\n        d -> Timestamp,\n        gone -> Text,\n    }\n}\n",
    );
    let found = |column: &str, data_type: &str, nullable: bool| Found {
        table_name: "t".into(),
        column_name: column.into(),
        data_type: data_type.into(),
        nullable,
    };
    let mut db: Tables<Found> = Tables::new();
    let t = db.entry("t".into()).or_default();
    for f in [
        found("id", "TEXT", false),
        found("n", "INTEGER", false),
        found("d", "TEXT", false),
        found("extra", "TEXT", true),
    ] {
        t.insert(f.column_name.clone(), f);
    }
    assert_eq!(
        disagreements(&declared, &db, true),
        [
            "t.d: Timestamp in schema.rs, TEXT in the database",
            "t.gone: in schema.rs, not in the database",
            "t.n: nullable in schema.rs, NOT NULL in the database",
            "t.extra: in the database, not in schema.rs",
        ]
    );
    // INTEGER holds a BigInt on SQLite, not on PostgreSQL.
    assert!(
        disagreements(&declared, &db, false)
            .contains(&"t.n: BigInt in schema.rs, INTEGER in the database".to_string())
    );
}

#[test]
fn the_migration_listing_is_read_on_a_fresh_sqlite_database() {
    let db = TestDb::sqlite();
    let mut conn = db.db.conn().unwrap();
    let lines = listing(&mut conn);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("column submissions.state TEXT notnull=1")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("trigger audit_log_no_update on audit_log")),
        "{lines:?}"
    );
}

#[test]
fn every_schema_module_is_read_by_these_checks() {
    let declared: Vec<&str> = SCHEMA_RS
        .lines()
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        .collect();
    assert!(!declared.is_empty());
    assert_eq!(
        declared, SCHEMA_MODULES,
        "add the new file to SCHEMA_RS and SCHEMA_MODULES"
    );
}
