//! The end-to-end tests, one binary: the real server (`madoguchi_server::Application`) on a
//! random port, driven over HTTP (and, in the browser modules, by headless Chromium). One
//! binary links the server once and lets the browser tests share a chromedriver; each module
//! is one area (see README.md). `in_process` runs the HTTP layer without a socket.

mod browser_support;

mod accounts;
mod all_procedures;
mod api;
mod applies;
mod audit_log;
mod authoring;
mod bad_input;
mod browser;
mod browser_pages;
mod calendars;
mod compressed;
mod correction_scope;
mod external_check;
mod fast_pages;
mod finding;
mod furigana;
mod identity;
mod identity_claims;
mod in_process;
mod integrations;
mod journey;
mod late_notice;
mod observability;
mod payments;
mod resident_day;
mod review;
mod slow_clients;
mod staff_entry;
mod startup;
mod tenancy;
mod workspace;
