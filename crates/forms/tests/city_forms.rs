//! Every city's own procedures (`forms/cities/<code>/<id>/form.json`) pass the same
//! check as `madoguchi forms check forms/cities/<code>`: the lint, and every example
//! behaving as stated. A city folder's id may repeat a shared catalogue id only as a
//! deliberate override, which the form's `$comment` says in so many words.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use madoguchi_forms::FormRegistry;

/// What a city form's `$comment` must contain when it replaces a catalogue form.
const OVERRIDE_MARK: &str = "deliberate override";

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms")
}

fn city_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(forms_dir().join("cities"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// 全国地方公共団体コード: five digits and a check digit (weights 6,5,4,3,2; 11 − sum mod 11,
/// taking the last digit).
fn valid_lg_code(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 6 || code.len() != 6 {
        return false;
    }
    let sum: u32 = digits[..5]
        .iter()
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    let check = (11 - sum % 11) % 10;
    digits[5] == check
}

#[test]
fn the_check_digit_rule_accepts_the_three_cities_and_refuses_a_slip() {
    assert!(valid_lg_code("041009"), "Sendai");
    assert!(valid_lg_code("052019"), "Akita");
    assert!(valid_lg_code("042064"), "Shiroishi");
    assert!(!valid_lg_code("052018"));
    assert!(!valid_lg_code("05201"));
}

#[test]
fn every_city_folder_is_named_by_a_local_government_code() {
    let dirs = city_dirs();
    assert!(dirs.len() >= 2, "the Akita and Shiroishi folders exist");
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        assert!(valid_lg_code(&name), "{name} is no local-government code");
    }
}

#[test]
fn every_city_form_loads_and_every_example_behaves_as_stated() {
    for dir in city_dirs() {
        let report =
            FormRegistry::check_with_examples(&dir, Some(&national_closed_days())).unwrap();
        let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        assert!(
            problems.is_empty(),
            "{}: {} problem(s):\n{}",
            dir.display(),
            problems.len(),
            problems.join("\n")
        );
        assert!(!report.forms.is_empty(), "{} has forms", dir.display());
        assert!(
            report.examples >= report.forms.len() * 7,
            "{}: {} examples for {} forms",
            dir.display(),
            report.examples,
            report.forms.len()
        );
    }
}

#[test]
fn a_city_form_repeats_a_catalogue_id_only_as_a_stated_override() {
    let catalogue =
        FormRegistry::check_with_examples(&forms_dir(), Some(&national_closed_days())).unwrap();
    let shared: BTreeSet<String> = catalogue
        .forms
        .iter()
        .map(|f| f.id().to_string())
        .chain(catalogue.templates.iter().map(|t| t.id.clone()))
        .collect();
    assert!(!shared.is_empty());
    let mut overrides = 0;
    for dir in city_dirs() {
        let report =
            FormRegistry::check_with_examples(&dir, Some(&national_closed_days())).unwrap();
        for form in &report.forms {
            if !shared.contains(form.id()) {
                continue;
            }
            let path = dir.join(form.id()).join("form.json");
            let text = std::fs::read_to_string(&path).unwrap();
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            let comment = doc["$comment"].as_str().unwrap_or_default();
            assert!(
                comment.contains(OVERRIDE_MARK),
                "{}: `{}` is also a catalogue procedure; say \"{OVERRIDE_MARK}\" in its $comment \
                 if it replaces the catalogue form for this city, or give it another id",
                path.display(),
                form.id()
            );
            overrides += 1;
        }
    }
    // The copies of this change are overrides; the damage report is the city's own.
    assert!(overrides > 0);
}

/// Weekends, national holidays and 12/29–1/3, as `madoguchi forms check` runs the examples.
fn national_closed_days() -> madoguchi_forms::ClosedDays {
    let calendar = madoguchi_workflow::BusinessCalendar::japan();
    madoguchi_forms::ClosedDays::new(move |d| !calendar.is_business_day(d))
}
