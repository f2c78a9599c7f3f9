//! The storage traits of `madoguchi_records`, implemented for `DbConn` one module per
//! aggregate, each method holding its own diesel query. The record structs are the rows
//! (their diesel derives live behind the records crate's `diesel` feature), so a column
//! is named in the migration, `madoguchi_records::schema` and the record, nowhere else.

/// One multi-row `INSERT` of `rows` into `table`, per engine (diesel writes a batch of rows
/// on each engine's own terms: SQLite has no `DEFAULT` in a `VALUES` list).
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            crate::DbConn::Sqlite(c) => {
                diesel::insert_into($table).values($rows).execute(c)?;
            }
            crate::DbConn::Postgres(c) => {
                diesel::insert_into($table).values($rows).execute(c)?;
            }
        }
    };
}

mod accounts;
mod attachments;
mod audit;
mod authoring;
mod booking_follow_up;
mod booking_waitlist;
mod bookings;
mod corrections;
mod counter;
mod decisions;
mod documents;
mod drafts;
mod facts;
mod figures;
mod forms;
mod holds;
mod identity;
mod integrations;
mod keys;
pub(crate) mod new_filings;
mod org;
mod outbox;
mod payments;
mod postal;
mod queue;
mod retention;
mod sessions;
mod slot_opening;
mod submissions;
mod tenancy;
mod vitals;
mod waiting;
