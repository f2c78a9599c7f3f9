//! Repositories: plain functions over `&mut DbConn`, one module per group of tables. They
//! read and write rows; callers (the `app` crate) decide what the rows mean. Each table has
//! a private diesel row type mirroring its `madoguchi_records` record; the `row!` macro
//! writes both conversions, so the two cannot drift apart silently.

pub mod accounts;
pub mod attachments;
pub mod authoring;
pub mod counter;
pub mod documents;
pub mod drafts;
pub mod forms;
pub mod identity;
pub mod integrations;
pub mod org;
pub mod outbox;
pub mod payments;
pub mod postal;
pub mod retention;
pub mod sessions;
pub mod submissions;

/// Declares the diesel row type of a table and its conversions to and from the record.
macro_rules! row {
    ($row:ident <-> $record:ident in $table:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        #[derive(Clone, diesel::Queryable, diesel::Selectable, diesel::Insertable)]
        #[diesel(table_name = crate::schema::$table, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
        pub(crate) struct $row {
            $(pub $field: $ty),*
        }

        impl From<$row> for madoguchi_records::$record {
            fn from(row: $row) -> Self {
                Self { $($field: row.$field),* }
            }
        }

        impl From<&madoguchi_records::$record> for $row {
            fn from(record: &madoguchi_records::$record) -> Self {
                Self { $($field: record.$field.clone()),* }
            }
        }
    };
}
pub(crate) use row;
