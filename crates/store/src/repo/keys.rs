//! Key checks, and the values sealed under the keys (read and rewritten by a rotation).

use diesel::prelude::*;
use madoguchi_records::KeysRead;
use madoguchi_records::schema::{clerks, corrections, drafts, key_checks, submissions, webhooks};
use madoguchi_records::{KeyCheckRecord, Keys, SealedPlace, StoreError};

use crate::DbConn;

/// What every sealed value starts with (see `madoguchi_app::kernel::secrets`).
const SEALED: &str = "%sealed:v1:%";

impl KeysRead for DbConn {
    fn key_checks(&mut self) -> Result<Vec<KeyCheckRecord>, StoreError> {
        Ok(key_checks::table
            .order(key_checks::name.asc())
            .select(KeyCheckRecord::as_select())
            .load(self)?)
    }

    fn sealed_values(&mut self, place: SealedPlace) -> Result<Vec<(String, String)>, StoreError> {
        let rows: Vec<(String, Option<String>)> = match place {
            SealedPlace::ClerkTotp => clerks::table
                .filter(clerks::totp_secret.like(SEALED))
                .select((clerks::id, clerks::totp_secret))
                .load(self)?,
            SealedPlace::WebhookSecret => webhooks::table
                .filter(webhooks::secret.like(SEALED))
                .select((webhooks::id, webhooks::secret.nullable()))
                .load(self)?,
            SealedPlace::DraftData => drafts::table
                .filter(drafts::data.like(SEALED))
                .select((drafts::id, drafts::data.nullable()))
                .load(self)?,
            SealedPlace::SubmissionData => submissions::table
                .filter(submissions::data.like(SEALED))
                .select((submissions::id, submissions::data.nullable()))
                .load(self)?,
            SealedPlace::CorrectionData => corrections::table
                .filter(corrections::previous_data.like(SEALED))
                .select((corrections::id, corrections::previous_data))
                .load(self)?,
        };
        Ok(rows
            .into_iter()
            .filter_map(|(id, value)| Some((id, value?)))
            .collect())
    }
}

impl Keys for DbConn {
    fn insert_key_check(&mut self, record: &KeyCheckRecord) -> Result<(), StoreError> {
        let present: i64 = key_checks::table
            .filter(key_checks::name.eq(&record.name))
            .count()
            .get_result(self)?;
        if present == 0 {
            diesel::insert_into(key_checks::table)
                .values(record)
                .execute(self)?;
        }
        Ok(())
    }

    fn replace_key_check(&mut self, record: &KeyCheckRecord) -> Result<(), StoreError> {
        diesel::delete(key_checks::table.find(&record.name)).execute(self)?;
        diesel::insert_into(key_checks::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn update_sealed_value(
        &mut self,
        place: SealedPlace,
        id: &str,
        value: &str,
    ) -> Result<(), StoreError> {
        match place {
            SealedPlace::ClerkTotp => diesel::update(clerks::table.find(id))
                .set(clerks::totp_secret.eq(value))
                .execute(self)?,
            SealedPlace::WebhookSecret => diesel::update(webhooks::table.find(id))
                .set(webhooks::secret.eq(value))
                .execute(self)?,
            SealedPlace::DraftData => diesel::update(drafts::table.find(id))
                .set(drafts::data.eq(value))
                .execute(self)?,
            SealedPlace::SubmissionData => diesel::update(submissions::table.find(id))
                .set(submissions::data.eq(value))
                .execute(self)?,
            SealedPlace::CorrectionData => diesel::update(corrections::table.find(id))
                .set(corrections::previous_data.eq(value))
                .execute(self)?,
        };
        Ok(())
    }
}
