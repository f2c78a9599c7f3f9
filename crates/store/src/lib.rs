#![doc = include_str!("../README.md")]

mod checkpoint;
mod conn;
pub mod durability;
mod error;
pub mod group_commit;
mod lock;
mod pool_watch;
mod repo;

pub use conn::{Backend, Db, DbConn, PooledConn, TRY_AFTER_IDLE, prepare_tls, write_tx};
pub use error::Error;
/// The storage traits `DbConn` implements: `use madoguchi_store::prelude::*;` to call them
/// on a connection.
pub use madoguchi_records::prelude;
pub use madoguchi_records::{Timestamp, schema};
/// What the batch of new filings writes on PostgreSQL (for tests).
pub use repo::new_filings::columns_written as new_filing_columns;
