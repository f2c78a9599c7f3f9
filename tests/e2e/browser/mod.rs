//! The resident and clerk pages in a real headless Chromium at 320 px (a small phone):
//! the journey by clicks and typing, axe-core (WCAG 2.1 A/AA rules) on every page, no
//! horizontal scrolling, and focus moved to the error summary.
//!
//! Needs `chromium`, `chromedriver` and `node_modules/axe-core` (CI installs them); compiled
//! in only when `MADOGUCHI_BROWSER_TESTS` is set at build time, otherwise ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use crate::browser_support::{
    axe_source, browser, check_page, choose, click, continue_, navigate, post_step, staff_signs_in,
    start_chromedriver, text, type_into,
};
use fantoccini::Locator;
use madoguchi_e2e::TestServer;
use madoguchi_e2e::madoguchi_testkit::TestDb;
use serde_json::Value;

mod approval;
mod booking;
mod correction;
mod counter;
mod decision;
mod duplicates;
mod facts;
mod filing;
mod messages;
mod new_resident;
mod nursery;
mod older_resident;
mod prefill;
mod resident_day;
mod reveal;
mod workspace;

/// The link to `path` in the newest mail to `to` that has one, as a path on the server.
fn mailed_link(server: &TestServer, to: &str, path: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = server.sink.received().into_iter().rev().find_map(|m| {
            let text = m.text();
            let to_them = m.header("To").is_some_and(|t| t.contains(to));
            let start = text.find(path).filter(|_| to_them)?;
            Some(
                text[start..]
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            )
        });
        if let Some(link) = found {
            return link;
        }
        assert!(Instant::now() < deadline, "no {path} link mailed to {to}");
        std::thread::sleep(Duration::from_millis(100));
    }
}
