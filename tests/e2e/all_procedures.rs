//! Every procedure, in headless Chromium at 360 px: its first step, and its check page
//! reached with a valid example's answers, must have no axe-core WCAG 2.1 A/AA violation and
//! no sideways scrolling. Needs Chromium (compiled in with MADOGUCHI_BROWSER_TESTS).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::PathBuf;

use crate::browser_support::{axe_source, browser, page_problems, post_step, start_chromedriver};
use chrono::NaiveDate;
use madoguchi_e2e::TestServer;
use madoguchi_e2e::madoguchi_testkit::TestDb;
use madoguchi_forms::Form;
use madoguchi_forms::input::posted_from_data;
use serde_json::Value;

fn forms_dir() -> PathBuf {
    std::env::var_os("MADOGUCHI_TEST_FORMS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../forms"))
}

/// A valid example as filed today (the server runs on the real clock, and dates are judged
/// against the filing day), one that attaches no file: the first that is valid today, or else the first
/// with every date moved by the days between the day it is filed on and today, so a visit
/// booked a week ahead is still a week ahead.
fn example_for_today(form: &Form, today: NaiveDate) -> Value {
    let dir = forms_dir().join(form.id()).join("examples/valid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    // The pages post no file: an example that attaches one (an agent's letter of proxy,
    // which the form requires) is answered here only where it needs none.
    let attaches = |d: &Value| form.file_questions().any(|q| d.get(&q.name).is_some());
    let examples: Vec<(NaiveDate, Value)> = files
        .iter()
        .map(|f| madoguchi_forms::examples::read_valid(f).unwrap())
        .filter(|(_, d)| !attaches(d))
        .collect();
    if let Some((_, data)) = examples.iter().find(|(_, d)| {
        form.validate(&form.normalize_json(d.clone()), today)
            .is_empty()
    }) {
        return data.clone();
    }
    let (filed_on, data) = examples[0].clone();
    madoguchi_testkit::defaults::moved(data, (today - filed_on).num_days())
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn every_procedure_is_accessible_at_360px() {
    let server = TestServer::start(TestDb::sqlite());
    let registry = madoguchi_testkit::defaults::catalogue();
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 360).await;
    let mut problems = Vec::new();
    let mut checked = 0;
    for form in registry.all() {
        let id = form.id();
        // The server's filing day: the date in Japan (UTC+9) now.
        let today = madoguchi_testkit::defaults::today_in_japan();
        let data = form.normalize_json(example_for_today(form, today));
        let first = &form.steps()[0].id;
        c.goto(&server.url(&format!("/p/{id}/{first}")))
            .await
            .unwrap();
        problems.extend(page_problems(&c, &axe, &format!("{id}-first-step"), false).await);
        for step in form.shown_steps(&data) {
            let url = server.url(&format!("/p/{id}/{}", step.id));
            c.goto(&url).await.unwrap();
            post_step(&c, &url, &posted_from_data(step, &data)).await;
        }
        c.goto(&server.url(&format!("/p/{id}/check")))
            .await
            .unwrap();
        let at = c.current_url().await.unwrap();
        if !at.path().ends_with("/check") {
            problems.push(format!(
                "{id}: the valid example did not reach the check page (sent to {})",
                at.path()
            ));
            continue;
        }
        problems.extend(page_problems(&c, &axe, &format!("{id}-check"), false).await);
        checked += 1;
    }
    c.close().await.unwrap();
    println!("{checked} procedures checked at 360 px");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(checked, registry.len());
}
