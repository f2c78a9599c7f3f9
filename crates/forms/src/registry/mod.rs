//! Loading definitions from `forms/`, linting them, and the published `Form`.
//!
//! * `load.rs` — a definition read, linted and compiled into a `Form`;
//! * `form.rs`, `answers.rs` — what a `Form` answers: its steps and fields, validation,
//!   messages, My Number answers, fees, the answers as shown;
//! * `lint.rs` — the checks of a definition beyond its format (schema safety, settings);
//! * `keywords.rs` — the keywords a schema may use (a misspelt one is refused);
//! * `normalize.rs` — answers cleaned before validation (era dates, normalised text);
//! * `reuse.rs` — answers taken over from another procedure;
//! * `duplicates.rs` — what makes two filings the same (`procedure.duplicates`);
//! * `external_check.rs` — answers another system checks, and secret answers;
//! * `set.rs` — `FormRegistry`, every published form of a folder.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use jsonschema::Validator;

use madoguchi_core::{Lang, Localized};
use madoguchi_i18n::t;

use crate::definition::FormDefinition;
use crate::model::{Field, Step};

mod answers;
mod bookings;
mod choices;
mod duplicates;
mod external_check;
mod facts;
mod fee_lint;
mod files;
mod form;
mod keywords;
mod lint;
mod load;
mod normalize;
mod reuse;
mod set;
mod templates;

use keywords::check_keywords;
use lint::{check_schema_safety, check_settings};
use normalize::{eraless_dates, normalize_at};
use reuse::check_reuse;

pub use bookings::BookingAnswer;
pub use external_check::ExternalCheck;
pub use facts::OpenFact;
pub use keywords::{
    COERCE, ENGINE_KEYWORDS, EXTERNAL_CHECK, SCHEMA_KEYWORDS, SECRET, json_type, known_keywords,
    nearest,
};
pub use lint::reads_as_past;
pub(crate) use load::is_month;
pub use load::{canonical_json, read_definition};
pub use reuse::reused_answers;
pub use set::{CheckReport, FormRegistry, GUIDE_FILE};
pub use templates::{Placement, Template};

/// Largest definition accepted, in bytes.
pub const MAX_DEFINITION_BYTES: usize = 512 * 1024;
/// Deepest nesting of a definition document.
pub const MAX_DEPTH: usize = 32;
/// Step ids that would collide with the fixed paths every form has under `/p/{id}/`
/// (`check`, `submit`, `resume-link`, `email-code`): a step's page is `/p/{id}/{step}`.
/// The web crate checks that every such path is listed here.
pub const RESERVED_STEP_IDS: [&str; 4] = ["check", "submit", "resume-link", "email-code"];

/// One problem found by the lint, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// JSON pointer inside the file (empty for the whole file).
    pub pointer: String,
    /// The catalogue message (`forms-lint-…`) in every language; the author's page, the
    /// authoring API and `madoguchi forms check --lang` each show their reader's.
    pub message: Localized,
}

impl Problem {
    /// The problem as one line in `lang`: the file, the pointer when there is one, and
    /// the message.
    pub fn text(&self, lang: Lang) -> String {
        let file = self.file.display().to_string();
        let message = self.message.get(lang);
        if self.pointer.is_empty() {
            t!(lang, forms_lint_problem, file = file, message = message)
        } else {
            t!(
                lang,
                forms_lint_problem_at,
                file = file,
                pointer = self.pointer.as_str(),
                message = message,
            )
        }
    }
}

/// In English: the start-up log of `serve` (for the operator; the CLI's `forms check`
/// and the authoring pages pick their reader's language with `Problem::text`).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FormLoadError {
    #[error("cannot read {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{} problem(s) in the form definitions:\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

/// A definition that passed the lint, ready to render and validate.
pub struct Form {
    definition: FormDefinition,
    version: String,
    canonical: String,
    steps: Vec<Step>,
    /// The validator before the first day of an `x-from-date` part (every form's, when
    /// it has none).
    validator: std::sync::Arc<Validator>,
    /// From each day an `x-from-date` part starts, in order: the schema in force.
    dated: Vec<(chrono::NaiveDate, std::sync::Arc<Validator>)>,
    /// `x-date-window`, checked against the filing day outside the compiled schema.
    date_windows: crate::rules::DateWindows,
    by_pointer: HashMap<String, Field>,
    order: HashMap<String, usize>,
    /// `x-external-check`: answers another system checks.
    external_check: Option<ExternalCheck>,
    /// The open facts' keys and digests, worked out once (every page that marks them asks).
    open_digests: std::sync::OnceLock<Vec<(&'static str, String)>>,
}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Form")
            .field("id", &self.id())
            .field("version", &self.version)
            .finish()
    }
}
