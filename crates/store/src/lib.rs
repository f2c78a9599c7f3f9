#![doc = include_str!("../README.md")]

mod conn;
pub mod durability;
mod error;
mod records_impl;
pub mod repo;
pub mod schema;

pub use conn::{Backend, Db, DbConn, PooledConn, write_tx};
pub use error::Error;
pub use madoguchi_records::Timestamp;
pub use repo::{drafts, forms, identity, org, outbox, payments, postal, sessions, submissions};
