//! Residents' sign-ins through OpenID Connect: those in progress and the identities
//! reached, by browser session.

use diesel::prelude::*;
use madoguchi_records::IdentityRead;
use madoguchi_records::schema::{resident_identities, resident_sign_ins};
use madoguchi_records::{Identity, IdentityRecord, SignInRecord, StoreError};

use crate::{DbConn, Timestamp};

impl IdentityRead for DbConn {
    fn find_identity(
        &mut self,
        session_hash: &str,
        now: Timestamp,
    ) -> Result<Option<IdentityRecord>, StoreError> {
        Ok(resident_identities::table
            .find(session_hash)
            .filter(resident_identities::expires_at.gt(now))
            .select(IdentityRecord::as_select())
            .first(self)
            .optional()?)
    }
}

impl Identity for DbConn {
    fn insert_sign_in(&mut self, record: &SignInRecord) -> Result<(), StoreError> {
        diesel::insert_into(resident_sign_ins::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn take_sign_in(&mut self, state_hash: &str) -> Result<Option<SignInRecord>, StoreError> {
        let found = resident_sign_ins::table
            .find(state_hash)
            .select(SignInRecord::as_select())
            .first(self)
            .optional()?;
        if found.is_some() {
            // Deleted by exactly one caller: a state replayed at once finds nothing left.
            let n = diesel::delete(resident_sign_ins::table.find(state_hash)).execute(self)?;
            if n == 0 {
                return Ok(None);
            }
        }
        Ok(found)
    }

    fn save_identity(&mut self, record: &IdentityRecord) -> Result<(), StoreError> {
        diesel::delete(resident_identities::table.find(&record.session_hash)).execute(self)?;
        diesel::insert_into(resident_identities::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn delete_identity(&mut self, session_hash: &str) -> Result<(), StoreError> {
        diesel::delete(resident_identities::table.find(session_hash)).execute(self)?;
        Ok(())
    }

    fn extend_identity(
        &mut self,
        session_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::update(resident_identities::table.find(session_hash))
            .set(resident_identities::expires_at.eq(expires_at))
            .execute(self)?;
        Ok(())
    }
}
