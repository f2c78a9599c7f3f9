//! The HTTP layer in process: actix's test service over `madoguchi_web`'s routes and the
//! middleware the server adds, on an in-process app (`madoguchi_testkit::TestApp`) — no
//! socket, no server start, no mail worker. Statuses and refusals of bad input, on both
//! engines, in milliseconds instead of seconds.
//!
//! They live in this package rather than in `crates/web/tests`: an app needs a database,
//! and a dev-dependency on the store would put diesel into the web crate's dependency graph,
//! which CI checks is free of it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod support;

mod api_files;
mod booking;
mod booking_api;
mod booking_changes;
mod booking_resources;
mod bounds;
mod bulk_decision;
mod choices;
mod congestion;
mod decision_route;
mod department_filings;
mod duplicates;
mod every_example;
mod fact_signoff;
mod figures_entry;
mod file_answers;
mod html_form;
mod not_found;
mod rate_limit;
mod refusals;
mod retention;
mod routing;
mod throttling;
mod waitlist;
