//! Time to check one realistic submission: normalise the answers, then validate them fully
//! (schema, Japanese formats, cross-field rules, error mapping), as the check page and the
//! submission API do. Three forms of rising size: a certificate request, a nursery application
//! with two children, and a long-term-care certification application.
//!
//! Run: `cargo bench -p madoguchi-forms --bench validate`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use madoguchi_forms::Form;
use serde_json::Value;

fn forms_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../forms"))
}

fn load(id: &str, example: &str) -> (Form, chrono::NaiveDate, Value) {
    let path = forms_dir().join(id).join("form.json");
    let form = Form::from_json(&path, &std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|p| panic!("{p:?}"));
    let example_path = forms_dir().join(id).join("examples/valid").join(example);
    let (filed_on, data) = madoguchi_forms::examples::read_valid(&example_path).unwrap();
    // A benchmark of a failing submission would measure the wrong thing.
    assert_eq!(
        form.validate(&form.normalize_json(data.clone()), filed_on),
        vec![]
    );
    (form, filed_on, data)
}

fn validate(c: &mut Criterion) {
    let cases = [
        ("juminhyo-copy", "agent-selected-members.json"),
        ("hoiku-moushikomi", "midyear-moving-in-two-children.json"),
        ("yokaigo-nintei-shinki", "second-family-in-hospital.json"),
    ];
    let mut group = c.benchmark_group("normalise_and_validate");
    for (id, example) in cases {
        let (form, filed_on, data) = load(id, example);
        group.bench_function(id, |b| {
            b.iter(|| {
                let normalized = form.normalize_json(black_box(data.clone()));
                black_box(form.validate(&normalized, filed_on))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, validate);
criterion_main!(benches);
