//! Which procedures a municipality offers, as its organisation file says
//! (`"procedures": {"adopt": "all" | [ids]}`): the shared catalogue's procedures it adopts as
//! they are, and its own — new ones, and changed copies of catalogue ones under the same id —
//! from `forms/cities/<local-government code>/`.

use std::path::{Path, PathBuf};

use madoguchi_forms::{CityParameters, FormLoadError, FormRegistry, Problem};
use serde::Deserialize;

/// The folder of a municipality's own procedures, under the catalogue's folder.
pub fn own_forms_dir(forms_dir: &Path, tenant: &str) -> PathBuf {
    forms_dir.join("cities").join(tenant)
}

/// `procedures` of a municipality file. Absent: the whole catalogue (a single-city
/// install's file need not say so).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureChoice {
    #[serde(default)]
    pub adopt: Adopt,
}

/// The shared catalogue's procedures a municipality adopts as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Adopt {
    /// Every one (`"all"`).
    #[default]
    All,
    /// These (`[ids]`; `[]`: none, only its own).
    Only(Vec<String>),
}

impl<'de> Deserialize<'de> for Adopt {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Adopt, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Word(String),
            Ids(Vec<String>),
        }
        match Raw::deserialize(d)? {
            Raw::Word(w) if w == "all" => Ok(Adopt::All),
            Raw::Word(w) => Err(serde::de::Error::custom(format!(
                "`adopt` is \"all\" or a list of procedure ids, not \"{w}\""
            ))),
            Raw::Ids(ids) => Ok(Adopt::Only(ids)),
        }
    }
}

impl Adopt {
    pub fn includes(&self, id: &str) -> bool {
        match self {
            Adopt::All => true,
            Adopt::Only(ids) => ids.iter().any(|i| i == id),
        }
    }
}

/// What a municipality serves before anything is published there: the catalogue's
/// procedures it adopts, then its own (an own form with a catalogue id replaces it). The
/// life-event guide is the catalogue's when it adopts everything, else its own folder's
/// (`life-events.json`), else none: the catalogue's guide names procedures it may not offer.
///
/// The catalogue's templates (procedures written for every city) it adopts are completed
/// with `city`'s values; one its values cannot complete is left out (`problems`).
pub fn seeds(
    catalogue: &FormRegistry,
    adopt: &Adopt,
    own: &FormRegistry,
    city: &CityParameters,
) -> (FormRegistry, Vec<Problem>) {
    let adopted = match adopt {
        Adopt::All => catalogue.clone(),
        Adopt::Only(_) => catalogue.only(|id| adopt.includes(id)),
    };
    // A city's own form under a catalogue id replaces the catalogue's: not completed.
    let (mut seeds, problems) = adopted.for_city(city, |id| own.get(id).is_none());
    for form in own.all() {
        seeds = seeds.with_form(std::sync::Arc::clone(form));
    }
    if !own.guide().events.is_empty() || *adopt != Adopt::All {
        seeds = seeds.with_guide(own.shared_guide());
    }
    (seeds, problems)
}

/// Loads a municipality's own procedures (none when it has no folder).
pub fn load_own_forms(forms_dir: &Path, tenant: &str) -> Result<FormRegistry, FormLoadError> {
    let dir = own_forms_dir(forms_dir, tenant);
    if dir.is_dir() {
        FormRegistry::load_dir(&dir)
    } else {
        Ok(FormRegistry::default())
    }
}
