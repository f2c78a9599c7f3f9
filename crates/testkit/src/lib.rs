#![doc = include_str!("../README.md")]
// Test support: panicking with a clear message is the right way to fail here.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stderr)]

mod app;
#[cfg(test)]
mod app_tests;
pub mod bookings;
pub mod calendar;
pub mod catalogue;
mod db;
pub mod defaults;
mod mailer;
mod pg;
mod resident;
mod smtp;
pub mod tls;

pub use app::{Engine, TestApp, TestAppBuilder, link_secret};
pub use db::TestDb;
pub use mailer::RecordingMailer;
pub use resident::{JUMINHYO_APPLICANT, JUMINHYO_PAYMENT, JUMINHYO_REQUEST, Resident};
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
