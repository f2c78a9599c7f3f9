//! Which organisation `madoguchi forms check DIR` checks a folder of procedures against.

use std::path::{Path, PathBuf};

use madoguchi_forms::FormRegistry;
use madoguchi_server::{Settings, StartError, read_municipality};

/// The organisation the forms of `dir` are checked against, with them as what it offers:
/// for a city's own folder (`…/cities/<code>`), that city's file among the municipality
/// files beside the configured one; otherwise the configured municipality, adopting the
/// folder as its catalogue.
pub(crate) fn organisation_for(
    settings: &Settings,
    dir: &Path,
    forms: Vec<madoguchi_forms::Form>,
) -> Result<(madoguchi_app::operations::Municipality, PathBuf), StartError> {
    use madoguchi_app::operations::Municipality;
    use madoguchi_app::operations::procedure_set::Adopt;
    let city = dir
        .canonicalize()
        .ok()
        .filter(|d| d.parent().and_then(|p| p.file_name()) == Some("cities".as_ref()))
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()));
    let (mut municipality, file) = match city {
        Some(code) => {
            let folder = settings
                .municipality_file
                .parent()
                .unwrap_or(Path::new("."));
            let mut found = None;
            for entry in std::fs::read_dir(folder)
                .map_err(|e| StartError::Config(format!("{}: {e}", folder.display())))?
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                if let Ok(m) = Municipality::from_json(&text)
                    && m.tenant.id.as_str() == code
                {
                    found = Some((m.with_parameters_of(&entry.path())?, entry.path()));
                    break;
                }
            }
            found.ok_or_else(|| {
                StartError::Config(format!(
                    "{}: no municipality file in {} is that of {code} / {code} の団体データが {} にありません",
                    dir.display(),
                    folder.display(),
                    folder.display()
                ))
            })?
        }
        None => (
            read_municipality(settings)?,
            settings.municipality_file.clone(),
        ),
    };
    // Every form of the folder is checked as one the organisation offers.
    municipality.procedures.adopt = Adopt::Only(Vec::new());
    municipality.own_forms = FormRegistry::from_forms(forms);
    Ok((municipality, file))
}
