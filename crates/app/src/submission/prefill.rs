//! Filling in a signed-in resident's known answers (項目の自動入力, once-only): the questions a
//! form marks with a meaning (`ui.fields.<f>.meaning`) are filled, when a draft starts, from
//! (highest first) the identity provider's verified claims after the My Number Card
//! step-up, the resident's profile on the account page (and the account's email), and the
//! same meaning's answer in the resident's latest filing that had it. A browser that is not
//! signed in gets nothing; nothing is read across municipalities (the identity, the profile
//! and the filings are all looked up in the request's tenant).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use madoguchi_core::TenantId;
use madoguchi_forms::{Form, Meaning};
use madoguchi_records::RecordsRead;
use serde_json::{Map, Value};

use crate::kernel::identity::{ACCOUNT_ISSUER, account_key};
use crate::kernel::{App, AppError};
use crate::submission::verified_claims::VerifiedClaims;

/// How many of the resident's latest filings are read for once-only answers.
const FILINGS_READ: usize = 20;

/// Where a filled-in answer came from (stored in the draft's `prefilled`, shown on the step
/// and check pages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrefillSource {
    /// The identity provider's verified claims, after the My Number Card step-up.
    Identity,
    /// The profile the resident keeps on the account page (or the account's email).
    Profile,
    /// The resident's own answer in an earlier filing.
    LastFiling,
}

/// A draft's answers filled in for the resident: field name → where it came from.
pub type PrefillMarks = BTreeMap<String, PrefillSource>;

/// What a new draft starts with.
#[derive(Clone, Debug, Default)]
pub struct Prefill {
    pub data: Map<String, Value>,
    pub marks: PrefillMarks,
}

/// The account page's questions (`residents/profile.json`): what a resident keeps to fill in
/// forms, each with its meaning. Built into the binary; a test loads it.
pub(crate) fn profile_form() -> Result<Arc<Form>, AppError> {
    static FORM: OnceLock<Result<Arc<Form>, String>> = OnceLock::new();
    FORM.get_or_init(|| {
        let value: Value = serde_json::from_str(include_str!("../residents/profile.json"))
            .map_err(|e| e.to_string())?;
        Form::from_value(std::path::Path::new("residents/profile.json"), value)
            .map(Arc::new)
            .map_err(|problems| format!("{problems:?}"))
    })
    .clone()
    .map_err(|e| AppError::broken(format!("the profile form does not load: {e}")))
}

/// The answers of `data` by meaning, for the questions of `form` that declare one.
pub(crate) fn answers_by_meaning(form: &Form, data: &Value) -> BTreeMap<Meaning, Value> {
    form.steps()
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter_map(|f| {
            let meaning = f.meaning?;
            let value = data.get(&f.name).filter(|v| !is_blank(v))?;
            Some((meaning, value.clone()))
        })
        .collect()
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

/// Reads a draft's `prefilled` column (`{}` or a JSON object).
pub(crate) fn marks_of(stored: &str) -> PrefillMarks {
    serde_json::from_str(stored).unwrap_or_default()
}

pub(crate) fn stored_marks(marks: &PrefillMarks) -> String {
    serde_json::to_string(marks).unwrap_or_else(|_| "{}".into())
}

/// Keeps the marks of answers that did not change (`before` → `after`): an answer the
/// resident changed or cleared is theirs now.
pub(crate) fn keep_unchanged(
    marks: &mut PrefillMarks,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) {
    marks.retain(|name, _| after.get(name).is_some() && after.get(name) == before.get(name));
}

/// Adds what `answers` know that nothing higher did.
fn learn(
    known: &mut BTreeMap<Meaning, (Value, PrefillSource)>,
    answers: BTreeMap<Meaning, Value>,
    source: PrefillSource,
) {
    for (meaning, value) in answers {
        known.entry(meaning).or_insert((value, source));
    }
}

impl App {
    /// What a new draft of `form` starts with for the session `session_hash` in `tenant`:
    /// nothing when it is not signed in there.
    pub(crate) fn prefill_in(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        session_hash: &str,
        form: &Form,
    ) -> Result<Prefill, AppError> {
        let wanted: Vec<(&str, Meaning)> = form
            .steps()
            .iter()
            .flat_map(|s| s.fields.iter())
            .filter_map(|f| f.meaning.map(|m| (f.name.as_str(), m)))
            .collect();
        if wanted.is_empty() {
            return Ok(Prefill::default());
        }
        let now = self.now().naive_utc();
        let Some(identity) = c
            .find_identity(session_hash, now)?
            .filter(|i| i.tenant_id == *tenant)
        else {
            return Ok(Prefill::default());
        };
        let resident = account_key(&identity);
        let mut known: BTreeMap<Meaning, (Value, PrefillSource)> = BTreeMap::new();
        // The identity provider's verified claims come first: kept only after the My
        // Number Card step-up (see residents::identity).
        if let Some(claims) = identity
            .verified_claims
            .as_deref()
            .and_then(VerifiedClaims::from_json)
        {
            learn(&mut known, claims.answers(), PrefillSource::Identity);
        }
        if let Some(profile) = c.find_profile(tenant, &resident)? {
            let data: Value = serde_json::from_str(&profile.data)
                .map_err(|e| AppError::internal("stored profile", e))?;
            learn(
                &mut known,
                answers_by_meaning(&*profile_form()?, &data),
                PrefillSource::Profile,
            );
        }
        if identity.issuer == ACCOUNT_ISSUER
            && let Some(account) =
                c.find_account(&madoguchi_core::AccountId::new(identity.subject.clone()))?
            && account.tenant_id == *tenant
        {
            learn(
                &mut known,
                BTreeMap::from([(Meaning::ApplicantEmail, Value::String(account.email))]),
                PrefillSource::Profile,
            );
        }
        // Once-only: the resident's own filings (signed in as them, in this municipality),
        // newest first; each meaning from the latest filing that answered it.
        let filings = c.submissions_of_resident(tenant, session_hash, Some(&resident))?;
        for row in filings
            .iter()
            .filter(|r| r.resident_account.as_deref() == Some(resident.as_str()))
            .take(FILINGS_READ)
        {
            if wanted.iter().all(|(_, m)| known.contains_key(m)) {
                break;
            }
            let filed_with = self.form_version(c, &row.form_version)?;
            let data = self.open_data(&filed_with, &row.data)?;
            learn(
                &mut known,
                answers_by_meaning(&filed_with, &data),
                PrefillSource::LastFiling,
            );
        }
        let mut prefill = Prefill::default();
        for (name, meaning) in wanted {
            if let Some((value, source)) = known.get(&meaning) {
                prefill.data.insert(name.to_string(), value.clone());
                prefill.marks.insert(name.to_string(), *source);
            }
        }
        Ok(prefill)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_form_loads_and_every_question_has_a_meaning() {
        let form = profile_form().expect("profile.json passes the lint");
        let fields: Vec<_> = form.steps().iter().flat_map(|s| s.fields.iter()).collect();
        assert_eq!(fields.len(), 6);
        assert!(fields.iter().all(|f| f.meaning.is_some()), "{fields:?}");
        assert!(
            !fields
                .iter()
                .any(|f| f.meaning == Some(Meaning::ApplicantEmail)),
            "the email is the account's"
        );
    }

    #[test]
    fn a_changed_or_cleared_answer_loses_its_mark() {
        let mut marks = PrefillMarks::from([
            ("name".to_string(), PrefillSource::Profile),
            ("phone".to_string(), PrefillSource::LastFiling),
            ("email".to_string(), PrefillSource::Profile),
        ]);
        let before: Map<String, Value> = serde_json::from_value(serde_json::json!(
            {"name": "青葉 花子", "phone": "022-261-1111", "email": "a@example.jp"}
        ))
        .unwrap();
        let after: Map<String, Value> = serde_json::from_value(serde_json::json!(
            {"name": "青葉 花子", "phone": "090-1234-5678"}
        ))
        .unwrap();
        keep_unchanged(&mut marks, &before, &after);
        assert_eq!(marks.keys().collect::<Vec<_>>(), ["name"]);
        assert_eq!(marks_of(&stored_marks(&marks)), marks);
        assert!(marks_of("{}").is_empty());
    }
}
