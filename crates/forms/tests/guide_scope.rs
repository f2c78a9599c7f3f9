//! The life-event guide sends residents only where the procedure's own page says they can
//! go: an item is checked against its procedure's scope and against the event it is
//! listed for.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::FormRegistry;
use madoguchi_forms::guide::Guide;

fn shipped() -> (FormRegistry, Guide) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let report = FormRegistry::check_with_examples(&dir, Some(&national_closed_days())).unwrap();
    // The guide is Sendai's (the city adopting the whole catalogue): its procedures as
    // Sendai serves them, templates completed with its values.
    let sendai = madoguchi_forms::CityParameters::for_organisation_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/data/municipalities/sendai.json"),
    )
    .unwrap();
    let (registry, problems) = FormRegistry::load_dir(&dir)
        .unwrap()
        .for_city(&sendai, |_| true);
    assert!(problems.is_empty(), "{problems:?}");
    (registry, report.guide.expect("the guide loads"))
}

/// Events about a move: only they may count a deadline from the move.
const MOVES: [&str; 4] = ["moving-in", "moving-out", "moving-within", "marriage"];

#[test]
fn no_event_counts_a_deadline_from_a_move_it_is_not_about() {
    let (_, guide) = shipped();
    for event in &guide.events {
        for item in &event.items {
            let Some(deadline) = &item.deadline else {
                continue;
            };
            let from_a_move = ["引っ越し", "引越し", "転入", "転出"]
                .iter()
                .any(|w| deadline.ja.contains(w))
                || deadline.en.contains("moving");
            assert!(
                !from_a_move || MOVES.contains(&event.id.as_str()),
                "{}: {:?} counts from a move: {}",
                event.id,
                item.procedure,
                deadline.ja
            );
        }
    }
}

#[test]
fn the_moving_in_guide_lists_no_procedure_whose_page_keeps_moving_in_at_the_counter() {
    let (registry, guide) = shipped();
    let moving_in = guide.event("moving-in").unwrap();
    for id in moving_in
        .items
        .iter()
        .filter_map(|i| i.procedure.as_deref())
    {
        let form = registry.get(id).unwrap();
        let summary = &form.settings().summary;
        assert!(
            !summary.ja.contains("転入は窓口"),
            "{id} says moving in is done at a counter: {}",
            summary.ja
        );
    }
}

#[test]
fn the_death_guide_lists_every_procedure_a_death_leaves_to_the_family() {
    let (_, guide) = shipped();
    let death = guide.event("death").unwrap();
    let listed: Vec<&str> = death
        .items
        .iter()
        .filter_map(|i| i.procedure.as_deref())
        .collect();
    for id in [
        "shibo-todoke",
        "setai-henko",
        "kokuho-sosaihi",
        "kokuho-kogaku-ryoyohi",
        "jido-teate-shometsu",
        "inu-henko",
        "kaigo-kogaku-service",
    ] {
        assert!(
            listed.contains(&id),
            "the death guide lists {id}: {listed:?}"
        );
    }
}

/// Weekends, national holidays and 12/29–1/3, as `madoguchi forms check` runs the examples.
fn national_closed_days() -> madoguchi_forms::ClosedDays {
    let calendar = madoguchi_workflow::BusinessCalendar::japan();
    madoguchi_forms::ClosedDays::new(move |d| !calendar.is_business_day(d))
}
