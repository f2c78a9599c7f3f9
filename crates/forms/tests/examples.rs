//! Runs every example submission beside every form under `forms/` through the engine:
//! valid ones must pass, invalid ones must fail with exactly the errors they state. This
//! is the same check as `madoguchi forms check`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::FormRegistry;

#[test]
fn every_form_loads_and_every_example_behaves_as_stated() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    // Procedures written for every city are completed and their examples run for each
    // city that adopts them.
    let cities = madoguchi_forms::template::cities_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/data/municipalities"),
    )
    .unwrap();
    let report =
        FormRegistry::check_for_cities(&dir, Some(&national_closed_days()), &cities).unwrap();
    assert!(
        !report.templates.is_empty(),
        "the catalogue has procedures written for every city"
    );
    let (forms, problems, examples) = (report.forms, report.problems, report.examples);
    assert!(
        report.guide.is_some_and(|g| !g.events.is_empty()),
        "the life-event guide loads"
    );
    let report: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        report.join("\n")
    );
    assert!(!forms.is_empty());
    assert!(
        examples >= forms.len() * 7,
        "{examples} examples for {} forms",
        forms.len()
    );
}

/// Weekends, national holidays and 12/29–1/3, as `madoguchi forms check` runs the examples.
fn national_closed_days() -> madoguchi_forms::ClosedDays {
    let calendar = madoguchi_workflow::BusinessCalendar::japan();
    madoguchi_forms::ClosedDays::new(move |d| !calendar.is_business_day(d))
}
