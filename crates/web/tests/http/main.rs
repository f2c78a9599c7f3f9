//! The HTTP layer in process: actix's test service over `madoguchi_web`'s routes and
//! middleware, on an in-process app (`madoguchi_testkit::TestApp`) — no socket, no server
//! binary. Statuses and refusals of bad input, on both engines.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod support;

mod not_found;
mod refusals;
