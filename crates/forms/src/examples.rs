//! Example submissions beside each form: `examples/valid/*.json` (answers that must pass)
//! and `examples/invalid/*.json` (`{"$comment", "data", "expect": [{"pointer", "code"}]}`:
//! answers that must fail with exactly these errors, in page order). Answers are normalised
//! first, as the API does.
//!
//! Rules that count from the filing day (`x-date-window`) need a day: every example is
//! filed on `FILED_ON` unless its file says otherwise with a top-level
//! `"$filed_on": "YYYY-MM-DD"` (beside the answers in a valid example, beside `data` in an
//! invalid one), so the check gives the same answer on every day it runs. A valid example
//! may say why it is there in a `"$comment"` beside its answers too.
//!
//! A valid example's date outside a warning window (`x-date-window` with
//! `"severity": "warning"`) is still valid; it lists the warnings it must give in
//! `"$warnings": [{"pointer", "code"}]` beside its answers, and an example without the
//! key must give none.
//!
//! A valid example may state the fee the form computes for it, `"$fee_yen": 900` beside
//! its answers (the total, 0 when an exemption applies): the check computes it and
//! compares, so a per-ward, per-item or by-answer price is tested as the resident pays it.
//!
//! A catalogue procedure written for every city runs its examples as each city that adopts
//! it; a city whose answers differ (Sendai's offices to visit, an address its rules accept)
//! has its own under `examples/<city code>/` (`examples_for_city`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use madoguchi_core::{Lang, Localized};
use madoguchi_i18n::t;
use serde_json::Value;

use crate::filing_day::{ClosedDays, FilingDay};
use crate::registry::{Form, Problem};

/// How many examples each form must have.
pub const MIN_VALID: usize = 2;
pub const MIN_INVALID: usize = 5;

/// The day examples are filed on when they do not say: the day the examples were written
/// around (their visits are after it, their births and events before it).
pub const FILED_ON: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 22) {
    Some(d) => d,
    None => panic!("2026-11-22 is a date"),
};

/// Takes the example's `$filed_on` (and a valid example's `$comment`, which says why it
/// is there) out of `example`: the day it is filed on.
fn filed_on(path: &Path, example: &mut Value) -> Result<NaiveDate, Problem> {
    let object = example.as_object_mut();
    let Some(day) = object.and_then(|o| {
        o.remove("$comment");
        o.remove("$filed_on")
    }) else {
        return Ok(FILED_ON);
    };
    day.as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .ok_or_else(|| {
            problem(
                path,
                "/$filed_on",
                lint_text!(forms_lint_example_filed_on, day = day.to_string()),
            )
        })
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

fn read(path: &Path) -> Result<Value, Problem> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        problem(
            path,
            "",
            lint_text!(forms_lint_example_unreadable, error = e.to_string()),
        )
    })?;
    serde_json::from_str(&text).map_err(|e| {
        problem(
            path,
            "",
            lint_text!(forms_lint_example_not_json, error = e.to_string()),
        )
    })
}

fn problem(file: &Path, pointer: &str, message: Localized) -> Problem {
    Problem {
        file: file.to_path_buf(),
        pointer: pointer.into(),
        message,
    }
}

/// A valid example as filed: the day it is filed on and its answers (`$filed_on`,
/// `$comment` and `$warnings` taken out). What tests that file an example read it with.
pub fn read_valid(path: &Path) -> Result<(NaiveDate, Value), Problem> {
    read_valid_warned(path).map(|v| (v.day, v.data))
}

/// (pointer, code) pairs: the errors or warnings an example says it gives.
type Expected = Vec<(String, String)>;

/// A valid example as filed, with what it says it gives: its warnings, and its fee when
/// it states one.
struct Valid {
    day: NaiveDate,
    data: Value,
    warnings: Expected,
    fee_yen: Option<Value>,
}

/// A valid example as filed, with the warnings it says it gives and the fee it states.
fn read_valid_warned(path: &Path) -> Result<Valid, Problem> {
    let mut data = read(path)?;
    let warnings = data
        .as_object_mut()
        .and_then(|o| o.remove("$warnings"))
        .map(|w| expected(&w))
        .unwrap_or_default();
    let fee_yen = data.as_object_mut().and_then(|o| o.remove("$fee_yen"));
    Ok(Valid {
        day: filed_on(path, &mut data)?,
        data,
        warnings,
        fee_yen,
    })
}

/// `[{"pointer", "code"}]` as pairs.
fn expected(list: &Value) -> Expected {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap_or_default().to_string(),
                e["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Runs every example of `form` found under `folder/examples` and lists what is wrong.
/// Returns the problems and the number of examples checked. No day is closed.
pub fn check_examples(form: &Form, folder: &Path) -> (Vec<Problem>, usize) {
    check_examples_under(form, folder, None)
}

/// [`check_examples`] with the examples filed under an office calendar: a window end that
/// moves to the next opening day moves past `closed`.
pub fn check_examples_under(
    form: &Form,
    folder: &Path,
    closed: Option<&ClosedDays>,
) -> (Vec<Problem>, usize) {
    check_examples_in(form, folder, &folder.join("examples"), closed)
}

/// The examples a city runs of a catalogue procedure written for every city: its own
/// (`examples/<city code>/valid`, `…/invalid`), where the shared ones name what is only
/// Sendai's (an office to visit, an address its rules accept), else the shared ones.
pub fn examples_for_city(folder: &Path, tenant: &str) -> PathBuf {
    let own = folder.join("examples").join(tenant);
    if own.is_dir() {
        own
    } else {
        folder.join("examples")
    }
}

/// [`check_examples_under`] with the examples of `examples` (`valid/`, `invalid/`).
pub fn check_examples_in(
    form: &Form,
    folder: &Path,
    examples: &Path,
    closed: Option<&ClosedDays>,
) -> (Vec<Problem>, usize) {
    let on = |day: NaiveDate| FilingDay::new(day).under(closed);
    let mut problems = Vec::new();
    let valid = json_files(&examples.join("valid"));
    let invalid = json_files(&examples.join("invalid"));
    let form_file = folder.join("form.json");
    if valid.len() < MIN_VALID || invalid.len() < MIN_INVALID {
        problems.push(problem(
            &form_file,
            "",
            lint_text!(
                forms_lint_examples_few,
                valid_min = MIN_VALID.to_string(),
                invalid_min = MIN_INVALID.to_string(),
                valid = valid.len().to_string(),
                invalid = invalid.len().to_string(),
            ),
        ));
    }
    for path in &valid {
        match read_valid_warned(path) {
            Ok(Valid {
                day,
                data,
                warnings: want,
                fee_yen,
            }) => {
                let data = form.normalize_json(data);
                if let Some(stated) = fee_yen {
                    let got = form.fee(&data).map_or(0, |q| q.total.amount());
                    if stated.as_i64() != Some(got) {
                        problems.push(problem(
                            path,
                            "/$fee_yen",
                            lint_text!(
                                forms_lint_example_fee_mismatch,
                                want = stated.to_string(),
                                got = got.to_string(),
                            ),
                        ));
                    }
                }
                let got: Vec<(String, String)> = form
                    .warnings(&data, on(day))
                    .iter()
                    .map(|w| (w.pointer.clone(), w.code.code().to_string()))
                    .collect();
                if got != want {
                    problems.push(problem(
                        path,
                        "/$warnings",
                        Localized::from_fn(|lang| {
                            t!(
                                lang,
                                forms_lint_example_warnings_mismatch,
                                want = warning_pairs(&want, lang),
                                got = warning_pairs(&got, lang),
                            )
                        }),
                    ));
                }
                for e in form.validate(&data, on(day)) {
                    problems.push(problem(
                        path,
                        &e.pointer,
                        Localized::from_fn(|lang| {
                            t!(
                                lang,
                                forms_lint_example_refused,
                                code = e.code.code(),
                                message = form.message(&e).get(lang),
                            )
                        }),
                    ));
                }
            }
            Err(p) => problems.push(p),
        }
    }
    for path in &invalid {
        let (day, example) = match read(path).and_then(|mut v| Ok((filed_on(path, &mut v)?, v))) {
            Ok(read) => read,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let Some(expect) = example.get("expect").and_then(Value::as_array) else {
            problems.push(problem(
                path,
                "/expect",
                lint_text!(forms_lint_example_no_expect),
            ));
            continue;
        };
        let want = expected(&Value::Array(expect.clone()));
        let data = form.normalize_json(example.get("data").cloned().unwrap_or(Value::Null));
        let got: Vec<(String, String)> = form
            .validate(&data, on(day))
            .iter()
            .map(|e| (e.pointer.clone(), e.code.code().to_string()))
            .collect();
        if want.is_empty() {
            problems.push(problem(
                path,
                "/expect",
                lint_text!(forms_lint_example_expect_none),
            ));
        } else if got != want {
            problems.push(problem(
                path,
                "/expect",
                Localized::from_fn(|lang| {
                    t!(
                        lang,
                        forms_lint_example_mismatch,
                        want = pairs(&want, lang),
                        got = pairs(&got, lang),
                    )
                }),
            ));
        }
    }
    (problems, valid.len() + invalid.len())
}

fn pairs(list: &[(String, String)], lang: Lang) -> String {
    pairs_or(list, t!(lang, forms_lint_example_no_errors))
}

fn warning_pairs(list: &[(String, String)], lang: Lang) -> String {
    pairs_or(list, t!(lang, forms_lint_example_no_warnings))
}

fn pairs_or(list: &[(String, String)], none: &str) -> String {
    if list.is_empty() {
        return none.into();
    }
    list.iter()
        .map(|(p, c)| format!("{p} {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}
