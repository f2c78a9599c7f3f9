//! Each procedure's version as one city serves it, a line each (`id version`): run it
//! before and after rewriting a catalogue procedure as a template, and compare, to see that
//! the city's completion is byte for byte the definition it served (docs/forms.md).
//!
//! ```sh
//! cargo run -p madoguchi-forms --example city_versions -- deploy/data/municipalities/sendai.json forms
//! cargo run -p madoguchi-forms --example city_versions -- deploy/data/municipalities/akita.json forms juminhyo-copy
//! ```
//!
//! With a procedure id after the folder, it prints that procedure as the city serves it
//! (its canonical JSON), to read what the city's residents will be shown.

// A command-line tool: what it prints is its answer.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;

use madoguchi_forms::{CityParameters, FormRegistry};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let organisation = PathBuf::from(
        args.next()
            .ok_or("usage: city_versions ORGANISATION_FILE [FORMS_DIR]")?,
    );
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "forms".into()));
    let show = args.next();
    let city = CityParameters::for_organisation_file(&organisation)?;
    let catalogue = FormRegistry::load_dir(&dir).map_err(|e| e.to_string())?;
    let (served, problems) = catalogue.for_city(&city, |id| city.adopts(id));
    for p in &problems {
        eprintln!("problem: {p}");
    }
    if let Some(id) = show {
        let form = served
            .get(&id)
            .ok_or(format!("{id}: not served to this city"))?;
        println!("{}", form.canonical_json());
        return Ok(());
    }
    let mut ids: Vec<String> = catalogue.all().map(|f| f.id().to_string()).collect();
    ids.extend(
        catalogue
            .templates()
            .filter(|t| city.adopts(&t.id))
            .map(|t| t.id.clone()),
    );
    ids.sort();
    ids.dedup();
    for id in ids {
        match served.get(&id) {
            Some(form) => println!("{id} {}", form.version()),
            None => println!("{id} -"),
        }
    }
    Ok(())
}
