//! Bookings as tests need them: a ward counter's definition and Sendai's My Number Card
//! appointment asked as a slot of the chosen office's counter.

use serde_json::{Map, Value, json};

use crate::defaults;

/// A ward counter with id `id`: weekdays 09:00–11:00 in 30-minute slots of `capacity`
/// persons, closed on 9 December 2026 for a system update, booked up to 45 days ahead and
/// until 2 business days before, one booking per person.
pub fn counter(id: &str, capacity: u32) -> String {
    json!({
        "id": id,
        "name": {"ja": "青葉区役所 マイナンバーカード窓口", "en": "Aoba Ward Office, My Number Card counter"},
        "place": {"ja": "青葉区役所 1階 市民課", "en": "Aoba Ward Office, 1st floor"},
        "unit": "persons",
        "sessions": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "until": "11:00", "every": 30, "capacity": capacity}],
        "closed": [{"day": "2026-12-09", "reason": {"ja": "システム更新のため休みです", "en": "Closed for a system update"}}],
        "window": {"opens_days_ahead": 45, "closes_business_days_before": 2},
        "per_person": 1
    })
    .to_string()
}

/// The offices of the appointment and their counters' resource ids (`mynumber-aoba`, …).
pub fn office_resources() -> Map<String, Value> {
    [
        "aoba",
        "miyagino",
        "wakabayashi",
        "taihaku",
        "izumi",
        "miyagi_branch",
        "akiu_branch",
        "ekimae",
    ]
    .iter()
    .map(|o| {
        (
            o.to_string(),
            Value::from(format!("mynumber-{}", o.replace('_', "-"))),
        )
    })
    .collect()
}

/// Sendai's My Number Card appointment with its "preferred date" and "time of day" asked
/// as one slot of the chosen office's counter (`visit_time`, the units from `persons`) —
/// the shape the procedure takes once the city's counters are defined as resources — and
/// filed without an account.
pub fn appointment_on_slots() -> madoguchi_forms::Form {
    let path = defaults::forms_dir().join("mynumber-card-appointment/form.json");
    madoguchi_forms::Form::from_value(&path, defaults::as_sendai(appointment_on_slots_json()))
        .unwrap_or_else(|p| panic!("the appointment on slots loads: {p:?}"))
}

/// [`appointment_on_slots`] as its definition (for a server's forms folder).
pub fn appointment_on_slots_json() -> Value {
    let mut v = defaults::file_definition("mynumber-card-appointment");
    v["procedure"]["identity"] = "none".into();
    let schema = &mut v["schema"];
    if let Some(props) = schema["properties"].as_object_mut() {
        props.remove("visit_date");
        props.remove("visit_slot");
        props.insert(
            "visit_time".into(),
            json!({"type": "string", "format": "booking-slot"}),
        );
    }
    if let Some(required) = schema["required"].as_array_mut() {
        required.retain(|r| r != "visit_date" && r != "visit_slot");
        required.push("visit_time".into());
    }
    if let Some(windows) = schema["x-date-window"].as_array_mut() {
        windows.retain(|w| w["field"] != "/visit_date");
    }
    // The place and the party first; the times of that place on the next step.
    if let Some(steps) = v["ui"]["steps"].as_array_mut()
        && let Some(at) = steps.iter().position(|s| s["id"] == "slot")
    {
        steps[at]["fields"] = json!(["visit_time"]);
        steps.insert(
            at,
            json!({"id": "place", "title": {"ja": "来庁する場所と人数", "en": "Place and party"}, "fields": ["visit_office", "persons"]}),
        );
    }
    if let Some(fields) = v["ui"]["fields"].as_object_mut() {
        fields.remove("visit_date");
        fields.remove("visit_slot");
        fields.insert(
            "visit_time".into(),
            json!({
                "label": {"ja": "来庁する日時", "en": "Date and time of your visit"},
                "booking": {"resource_from": "/visit_office", "resources": office_resources(), "units_from": "/persons"}
            }),
        );
    }
    v
}

/// The appointment's answers (an example's, for one person) for the slot starting `time`
/// at Aoba on 1 December 2026, in `name`.
pub fn appointment(time: &str, name: &str) -> Value {
    let mut data = defaults::example("mynumber-card-appointment", "family-pickup.json");
    if let Some(map) = data.as_object_mut() {
        map.retain(|k, _| !k.starts_with('$'));
        map.remove("visit_date");
        map.remove("visit_slot");
        map.insert("visit_office".into(), "aoba".into());
        map.insert("persons".into(), 1.into());
        map.insert("applicant_name".into(), name.into());
        map.insert(
            "visit_time".into(),
            format!("mynumber-aoba/2026-12-01T{time}").into(),
        );
    }
    data
}
