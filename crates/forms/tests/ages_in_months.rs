//! Ages in months (`x-age` with `min_months` / `max_months`) on a shipped form: the
//! 1歳6か月児 check-up's window on the session day, and the message that names it in
//! months in both languages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::NaiveDate;
use madoguchi_core::Lang;
use madoguchi_forms::Form;
use serde_json::{Value, json};

fn form() -> Form {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/nyuyoji-kenshin-yoyaku/form.json");
    let d: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    Form::from_value(&path, d).unwrap()
}

fn answers(born: &str, session: &str, checkup: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms/nyuyoji-kenshin-yoyaku/examples/valid/book-18-month.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v.as_object_mut()
        .unwrap()
        .retain(|k, _| !k.starts_with('$'));
    v["child_birth_date"] = json!(born);
    v["preferred_session"] = json!(session);
    v["checkup_type"] = json!(checkup);
    v
}

fn filed() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()
}

#[test]
fn the_18_month_check_up_is_refused_a_day_early_and_named_in_months() {
    let f = form();
    let early = f.validate(&answers("2025-05-20", "2026-11-18", "age_1y6m"), filed());
    assert_eq!(early.len(), 1);
    assert_eq!(early[0].code.code(), "age_out_of_range");
    assert_eq!(early[0].related.as_deref(), Some("2026-11-18;months"));
    let ja = f.message_in(&early[0], Lang::Ja);
    assert!(ja.contains("月齢18か月から23か月までの方"), "{ja}");
    let en = f.message_in(&early[0], Lang::En);
    assert!(en.contains("aged 18 to 23 months"), "{en}");
    assert!(
        f.validate(&answers("2025-05-20", "2026-11-19", "age_1y6m"), filed())
            .is_empty()
    );
}

#[test]
fn other_check_ups_keep_their_own_window() {
    // The same child booked for the 3-year check-up is not held to 18–23 months.
    let f = form();
    assert!(
        f.validate(&answers("2025-05-20", "2026-11-18", "age_3y"), filed())
            .is_empty()
    );
}
