#![doc = include_str!("../README.md")]

mod conn;
pub mod durability;
mod error;
pub mod repo;
pub mod schema;

pub use conn::{Backend, Db, DbConn, PooledConn, write_tx};
pub use error::StoreError;
/// The database driver's error, for callers whose error types wrap `write_tx` failures.
pub use diesel::result::Error as DbError;
pub use repo::*;

/// UTC timestamps as stored (TIMESTAMP without time zone, always UTC).
pub type Timestamp = chrono::NaiveDateTime;
