//! The lint refuses definitions that would be unsafe to run or that residents could not use,
//! and says where the problem is.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::Form;
use serde_json::json;

mod common;
use common::{has, juminhyo, problems};

#[test]
fn a_remote_ref_is_refused() {
    let mut d = juminhyo();
    d["schema"]["properties"]["applicant_name"] =
        json!({ "$ref": "https://evil.example/name.json" });
    let p = problems(d);
    assert!(
        has(
            &p,
            "/schema/properties/applicant_name/$ref",
            "only local references"
        ),
        "{p:?}"
    );
    let mut d = juminhyo();
    d["schema"]["properties"]["applicant_name"] = json!({ "$ref": "file:///etc/passwd" });
    assert!(has(
        &problems(d),
        "/schema/properties/applicant_name/$ref",
        "only local references"
    ));
}

#[test]
fn a_backtracking_pattern_is_refused() {
    let mut d = juminhyo();
    // Look-around and back-references need a backtracking engine: catastrophic input can make
    // them run for minutes. The linear-time engine cannot compile them, so they are refused.
    d["schema"]["properties"]["purpose"]["pattern"] = json!("^(a+)+\\1$");
    d["ui"]["fields"]["purpose"]["errors"] = json!({ "pattern": { "ja": "形式", "en": "format" } });
    let p = problems(d);
    assert!(
        has(&p, "/schema/properties/purpose/pattern", "linear time"),
        "{p:?}"
    );
}

#[test]
fn a_huge_definition_is_refused_before_parsing() {
    let text = format!("{{\"padding\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
    let p = Form::from_json(Path::new("forms/big/form.json"), &text).unwrap_err();
    assert!(p[0].message.en.contains("limit"), "{p:?}");
}

#[test]
fn deep_nesting_is_refused() {
    let mut d = juminhyo();
    let mut deep = json!({ "type": "string" });
    for _ in 0..40 {
        deep = json!({ "allOf": [deep] });
    }
    d["schema"]["$defs"]["deep"] = deep;
    assert!(
        problems(d)
            .iter()
            .any(|p| p.message.en.contains("nests deeper"))
    );
}

#[test]
fn unusable_forms_are_refused_with_pointers() {
    let mut d = juminhyo();
    d["ui"]["fields"]["applicant_name"]["label"]["en"] = json!("");
    d["ui"]["steps"][2]["id"] = json!("check");
    d["ui"]["steps"][0]["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!("no_such_field"));
    d["schema"]["properties"]["applicant_phone"]["format"] = json!("telephone");
    d["procedure"]["id"] = json!("another-id");
    let p = problems(d);
    assert!(
        has(
            &p,
            "/ui/fields/applicant_name/label",
            "both Japanese and English"
        ),
        "{p:?}"
    );
    assert!(has(&p, "/ui/steps/2/id", "reserved"), "{p:?}");
    assert!(has(&p, "/ui/steps/0/fields/7", "does not define"), "{p:?}");
    assert!(
        has(
            &p,
            "/schema/properties/applicant_phone/format",
            "unknown format"
        ),
        "{p:?}"
    );
    assert!(has(&p, "/procedure/id", "folder name"), "{p:?}");
}

#[test]
fn a_pattern_needs_a_message_that_says_what_to_type() {
    let mut d = juminhyo();
    d["schema"]["properties"]["purpose"]["pattern"] = json!("^[^<>]+$");
    d["ui"]["fields"]["purpose"]
        .as_object_mut()
        .unwrap()
        .remove("hint");
    let p = problems(d);
    assert!(has(&p, "/ui/fields/purpose", "errors.pattern"), "{p:?}");
}

#[test]
fn the_lint_prints_file_and_pointer() {
    let mut d = juminhyo();
    d["ui"]["steps"][2]["id"] = json!("submit");
    let line = problems(d)[0].to_string();
    assert_eq!(
        line,
        "forms/juminhyo-copy/form.json at /ui/steps/2/id: step id `submit` is reserved (it is a page of every form)"
    );
}

#[test]
fn answers_taken_from_another_procedure_must_fit() {
    // This form's side: the field must exist.
    let mut d = juminhyo();
    d["procedure"]["reuse"] = json!({ "tennyu-yoyaku": { "/no_such_field": "/notifier_name" } });
    let p = problems(d);
    assert!(
        has(
            &p,
            "/procedure/reuse/tennyu-yoyaku",
            "`/no_such_field` is not a field"
        ),
        "{p:?}"
    );

    // Across forms: the other procedure and its field must exist, with a fitting kind.
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    for id in ["juminhyo-copy", "tennyu-yoyaku"] {
        std::fs::create_dir(dir.path().join(id)).unwrap();
        let mut def = common::read_as_sendai(&root.join(id).join("form.json"));
        if id == "juminhyo-copy" {
            def["procedure"]["reuse"] = json!({
                "tennyu-yoyaku": { "/applicant_name": "/notifier_name", "/applicant_phone": "/new_address", "/applicant_email": "/nothing" },
                "no-such-procedure": { "/applicant_name": "/x" }
            });
        }
        std::fs::write(dir.path().join(id).join("form.json"), def.to_string()).unwrap();
    }
    let (forms, p) = madoguchi_forms::FormRegistry::check_dir(dir.path()).unwrap();
    assert_eq!(forms.len(), 2);
    assert!(
        has(
            &p,
            "/procedure/reuse/tennyu-yoyaku",
            "cannot take `/new_address`"
        ),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "/procedure/reuse/tennyu-yoyaku",
            "`/nothing` is not a field of `tennyu-yoyaku`"
        ),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "/procedure/reuse/no-such-procedure",
            "no procedure `no-such-procedure`"
        ),
        "{p:?}"
    );
    assert_eq!(p.len(), 3, "{p:?}");
}

#[test]
fn date_windows_must_be_well_written_on_the_root_about_date_fields() {
    // Not a date, no such field, an unknown key: each says where and what.
    let mut d = juminhyo();
    d["schema"]["x-date-window"] = json!([
        {"field": "/applicant_birth_date", "not_after": "today"},
        {"field": "/applicant_name", "not_after": "today"},
        {"field": "/no_such_field", "not_before": "today"},
        // (A birth date must keep its window: the lint says so otherwise.)
        {"field": "/subject_birth_date", "not_after": "today"}
    ]);
    let p = problems(d);
    assert!(
        has(
            &p,
            "/schema/x-date-window/1/field",
            "not a date or month field"
        ),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "/schema/x-date-window/2/field",
            "not a date or month field"
        ),
        "{p:?}"
    );
    assert!(
        !p.iter()
            .any(|p| p.pointer == "/schema/x-date-window/0/field"),
        "{p:?}"
    );
    for (rule, words) in [
        (
            json!([{"field": "/applicant_birth_date", "not_after": "today", "max": 1}]),
            "unknown field `max`",
        ),
        (
            json!([{"field": "/applicant_birth_date", "not_after": "yesterday"}]),
            "x-date-window",
        ),
        (
            json!([{"field": "/applicant_birth_date"}]),
            "needs `not_before`, `not_after` or both",
        ),
        (
            json!([{"field": "/applicant_birth_date", "not_before": {"days": 3}, "not_after": "today"}]),
            "no day would be accepted",
        ),
    ] {
        let mut d = juminhyo();
        d["schema"]["x-date-window"] = rule.clone();
        let p = problems(d);
        assert!(has(&p, "/schema", words), "{rule}: {p:?}");
    }
    // Below the root, where validation would never look.
    let mut d = juminhyo();
    d["schema"]["properties"]["applicant_address"]["x-date-window"] =
        json!([{"field": "/applicant_birth_date", "not_after": "today"}]);
    let p = problems(d);
    assert!(has(&p, "/schema", "write it on the root schema"), "{p:?}");
}
