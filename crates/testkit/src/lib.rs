#![doc = include_str!("../README.md")]
// Test support: panicking with a clear message is the right way to fail here.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stderr)]

mod db;
mod pg;
mod smtp;

pub use db::TestDb;
pub use smtp::{ReceivedMail, SmtpSink};

/// Runs a test body on both engines: `name::sqlite` and `name::postgres`.
///
/// ```text
/// db_test!(fn stores_things(db) { assert!(db.db.conn().is_ok()); });
/// ```
#[macro_export]
macro_rules! db_test {
    ($(#[$meta:meta])* fn $name:ident($db:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn run($db: $crate::TestDb) $body

            $(#[$meta])*
            #[test]
            fn sqlite() {
                run($crate::TestDb::sqlite());
            }

            $(#[$meta])*
            #[test]
            #[cfg_attr(not(pg_tests), ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)")]
            fn postgres() {
                run($crate::TestDb::postgres());
            }
        }
    };
}
