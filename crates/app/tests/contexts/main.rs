//! The use cases against a real database (SQLite, and PostgreSQL when configured), one
//! module per context of `madoguchi-app`, all on `madoguchi_testkit::TestApp`. One binary:
//! the app, the store and the forms are linked once.
//!
//! A new test goes in the module of the context whose `App` method it exercises (see the
//! crate's README); what several modules need and `TestApp` does not give is in `support`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod authoring;
mod booking_changes;
mod bookings;
mod bulk_decisions;
mod city_procedures;
mod congestion;
mod counter;
mod decision_routes;
mod duplicates;
mod external_check;
mod fact_signoff;
mod fees;
mod filing;
mod filing_batches;
mod filing_files;
mod fourth_city;
mod integrations;
mod keys;
mod notification;
mod office_calendar;
mod operations;
mod retention_plan;
mod review;
mod routing;
mod staff;
mod tenancy;
mod waitlist;
