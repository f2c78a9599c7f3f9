//! The resource form read from what a browser posts, and drawn again from a definition.

use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn a_posted_form_reads_as_the_definition_it_describes() {
    let form = ResourceForm::from_pairs(&pairs(&[
        ("id", "aoba-mynumber"),
        ("name-ja", "青葉区役所 窓口"),
        ("place-ja", "青葉区役所 1階"),
        ("unit", "persons"),
        ("confirm", "by_clerk"),
        ("opens", "４５"),
        ("closes", "2"),
        ("per-person", "1"),
        ("s0-day", "mon"),
        ("s0-day", "fri"),
        ("s0-from", "9:00"),
        ("s0-until", "11:00"),
        ("s0-every", "30"),
        ("s0-capacity", "2"),
        // A blank row and a removed row are no rows.
        ("s1-from", ""),
        ("s2-day", "sat"),
        ("s2-from", "09:00"),
        ("s2-remove", "1"),
        ("s3-day", "wed"),
        ("s3-from", "13:00"),
        ("s3-until", "15:00"),
        ("s3-capacity", "1"),
        ("c0-day", "2027-01-04"),
        ("c0-reason-ja", "点検のため"),
    ]));
    let read = form.read().unwrap();
    let r = &read.resource;
    assert_eq!(r.window.opens_days_ahead, 45, "full-width digits read");
    assert_eq!(r.confirm, Confirm::ByClerk);
    assert_eq!(r.sessions.len(), 2);
    assert_eq!(r.sessions[0].days, vec![WeekDay::Mon, WeekDay::Fri]);
    assert_eq!(r.sessions[1].every, None);
    assert_eq!(read.session_rows, vec![0, 3]);
    assert_eq!(read.input_of("/sessions/1/capacity"), "s3-capacity");
    assert_eq!(read.input_of("/sessions/1/valid_until"), "s3-valid-until");
    assert_eq!(read.input_of("/sessions/0/days"), "s0-day-mon");
    assert_eq!(read.input_of("/closed/0/reason"), "c0-reason-ja");
    assert_eq!(read.input_of("/window/opens_days_ahead"), "opens");
    assert!(r.check().is_empty(), "{:?}", r.check());

    // Drawn again from the stored definition, the same definition is read back.
    let again = ResourceForm::of(r).read().unwrap();
    assert_eq!(&again.resource, r);
}

#[test]
fn inputs_that_cannot_be_read_are_named() {
    let form = ResourceForm::from_pairs(&pairs(&[
        ("unit", "litres"),
        ("confirm", "on_filing"),
        ("opens", ""),
        ("cutoff", "noon"),
        ("s0-day", "mon"),
        ("s0-from", "25:00"),
        ("s0-until", "11:00"),
        ("s0-capacity", "-1"),
        ("c0-day", "2027/01/04"),
    ]));
    let faults = form.read().unwrap_err();
    let got: Vec<(&str, &Slip)> = faults.iter().map(|f| (f.input.as_str(), &f.slip)).collect();
    assert_eq!(
        got,
        vec![
            ("unit-persons", &Slip::Choose),
            ("opens", &Slip::Missing),
            ("cutoff", &Slip::NotTime),
            ("s0-from", &Slip::NotTime),
            ("s0-capacity", &Slip::NotNumber),
            ("c0-day", &Slip::NotDate),
        ]
    );
}

#[test]
fn rows_past_the_limit_are_not_made() {
    let form = ResourceForm::from_pairs(&pairs(&[("s999999-from", "09:00")]));
    assert!(form.sessions.is_empty());
    let tidied = form.tidied("session");
    assert_eq!((tidied.sessions.len(), tidied.closed.len()), (1, 1));
}
