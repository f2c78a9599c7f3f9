//! The profile a signed-in resident keeps on the account page (name, reading, birth date,
//! postal code, address, phone; the email is the account's): the account page's own form
//! (`profile.json`), whose answers fill in every form's questions of the same meaning
//! (`submission::prefill`). Changed and cleared by the resident; kept per municipality.

use std::sync::Arc;

use madoguchi_forms::{FieldError, Form};
use madoguchi_records::ProfileRecord;
use serde_json::{Map, Value};

use super::Residents;
use crate::kernel::identity::account_key;
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{AppError, token_hash};
use crate::submission::prefill::profile_form;

/// The account page's profile: its form and the answers kept.
#[derive(Clone, Debug)]
pub struct ProfileView {
    pub form: Arc<Form>,
    pub data: Value,
}

impl ProfileView {
    /// Nothing kept yet (or everything cleared).
    pub fn is_empty(&self) -> bool {
        self.data.as_object().is_none_or(Map::is_empty)
    }
}

/// Saving the profile: saved, or the answers' problems (nothing saved), each naming its field.
#[derive(Clone, Debug)]
pub enum ProfileSaved {
    Saved,
    Invalid { errors: Vec<FieldError> },
}

impl Residents<'_> {
    /// The signed-in resident's profile (`None` when the session is not signed in here).
    pub fn profile(&self, token: Option<&str>) -> Result<Option<ProfileView>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(None);
        };
        let form = profile_form()?;
        let now = self.app.now().naive_utc();
        self.app.read(|c| {
            let Some(identity) = c
                .find_identity(&token_hash(token), now)?
                .filter(|i| i.tenant_id == *self.city)
            else {
                return Ok(None);
            };
            let data = match c.find_profile(self.city, &account_key(&identity))? {
                Some(row) => serde_json::from_str(&row.data)
                    .map_err(|e| AppError::internal("stored profile", e))?,
                None => Value::Object(Map::new()),
            };
            Ok(Some(ProfileView {
                form: Arc::clone(&form),
                data,
            }))
        })
    }

    /// Replaces the signed-in resident's profile with the posted answers, checked as a
    /// form's are (a reading in katakana, a phone number, a birth date not in the future…).
    /// Every answer cleared deletes it. Not signed in: `LoginRequired`.
    pub fn save_profile(
        &self,
        token: Option<&str>,
        posted: &[(String, String)],
    ) -> Result<ProfileSaved, AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::LoginRequired)?;
        let form = profile_form()?;
        let step = form
            .steps()
            .first()
            .ok_or_else(|| AppError::broken("the profile form has no step"))?;
        let mut data = Map::new();
        let errors = form.answer_step(step, posted, &mut data, self.app.filing_day());
        if !errors.is_empty() {
            return Ok(ProfileSaved::Invalid { errors });
        }
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let identity = c
                .find_identity(&token_hash(token), now)?
                .filter(|i| i.tenant_id == *self.city)
                .ok_or(AppError::LoginRequired)?;
            let resident = account_key(&identity);
            if data.is_empty() {
                c.delete_profile(self.city, &resident)?;
            } else {
                c.save_profile(&ProfileRecord {
                    tenant_id: self.city.clone(),
                    resident_account: resident,
                    data: madoguchi_forms::registry::canonical_json(&Value::Object(data)),
                    updated_at: now,
                })?;
            }
            Ok(())
        })?;
        tracing::info!("resident profile saved");
        Ok(ProfileSaved::Saved)
    }
}
