//! Residents' own accounts, their emailed links, guests' emails confirmed by a code, and
//! moving what a browser session holds to a new token at sign-in.

use diesel::prelude::*;
use madoguchi_core::{AccountId, AccountLinkPurpose, TenantId};
use madoguchi_records::AccountsRead;
use madoguchi_records::schema::{
    account_links, attachments, counter_visits, drafts, guest_emails, resident_accounts,
    resident_identities, resident_profiles, submissions,
};
use madoguchi_records::{
    AccountLinkRecord, AccountRecord, Accounts, GuestEmailRecord, ProfileRecord, StoreError,
};

use crate::{DbConn, Timestamp};

impl AccountsRead for DbConn {
    fn find_account(&mut self, id: &AccountId) -> Result<Option<AccountRecord>, StoreError> {
        Ok(resident_accounts::table
            .find(id)
            .select(AccountRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_account_by_email(
        &mut self,
        tenant_id: &TenantId,
        email: &str,
    ) -> Result<Option<AccountRecord>, StoreError> {
        Ok(resident_accounts::table
            .filter(resident_accounts::tenant_id.eq(tenant_id))
            .filter(resident_accounts::email.eq(email))
            .select(AccountRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_account_link(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<AccountLinkRecord>, StoreError> {
        Ok(account_links::table
            .find(token_hash)
            .select(AccountLinkRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_guest_email(
        &mut self,
        session_hash: &str,
        email: &str,
    ) -> Result<Option<GuestEmailRecord>, StoreError> {
        Ok(guest_emails::table
            .find((session_hash, email))
            .select(GuestEmailRecord::as_select())
            .first(self)
            .optional()?)
    }

    /// Drafts and their files, filings, counter slips and confirmed guest emails: a sign-in
    /// gets a new token, so a token planted before it is worth nothing after.
    fn find_profile(
        &mut self,
        tenant_id: &TenantId,
        resident_account: &str,
    ) -> Result<Option<ProfileRecord>, StoreError> {
        Ok(resident_profiles::table
            .find((tenant_id, resident_account))
            .select(ProfileRecord::as_select())
            .first(self)
            .optional()?)
    }
}

impl Accounts for DbConn {
    fn insert_account(&mut self, record: &AccountRecord) -> Result<(), StoreError> {
        diesel::insert_into(resident_accounts::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn set_account_verified(&mut self, id: &AccountId, now: Timestamp) -> Result<(), StoreError> {
        diesel::update(
            resident_accounts::table
                .find(id)
                .filter(resident_accounts::verified_at.is_null()),
        )
        .set(resident_accounts::verified_at.eq(Some(now)))
        .execute(self)?;
        Ok(())
    }

    fn set_account_password(
        &mut self,
        id: &AccountId,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::update(resident_accounts::table.find(id))
            .set((
                resident_accounts::password_hash.eq(password_hash),
                resident_accounts::password_changed_at.eq(now),
            ))
            .execute(self)?;
        Ok(())
    }

    fn insert_account_link(&mut self, record: &AccountLinkRecord) -> Result<(), StoreError> {
        diesel::insert_into(account_links::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn use_account_link(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError> {
        let n = diesel::update(
            account_links::table
                .find(token_hash)
                .filter(account_links::used_at.is_null()),
        )
        .set(account_links::used_at.eq(Some(now)))
        .execute(self)?;
        Ok(n == 1)
    }

    fn retire_account_links(
        &mut self,
        account_id: &AccountId,
        purpose: AccountLinkPurpose,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::update(
            account_links::table
                .filter(account_links::account_id.eq(account_id))
                .filter(account_links::purpose.eq(purpose))
                .filter(account_links::used_at.is_null()),
        )
        .set(account_links::used_at.eq(Some(now)))
        .execute(self)?;
        Ok(())
    }

    fn delete_identities_of(&mut self, issuer: &str, subject: &str) -> Result<u64, StoreError> {
        let n = diesel::delete(
            resident_identities::table
                .filter(resident_identities::issuer.eq(issuer))
                .filter(resident_identities::subject.eq(subject)),
        )
        .execute(self)?;
        Ok(n as u64)
    }

    fn save_guest_email(&mut self, record: &GuestEmailRecord) -> Result<(), StoreError> {
        diesel::delete(
            guest_emails::table.find((record.session_hash.as_str(), record.email.as_str())),
        )
        .execute(self)?;
        diesel::insert_into(guest_emails::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn save_profile(&mut self, record: &ProfileRecord) -> Result<(), StoreError> {
        let updated = diesel::update(
            resident_profiles::table.find((&record.tenant_id, &record.resident_account)),
        )
        .set((
            resident_profiles::data.eq(&record.data),
            resident_profiles::updated_at.eq(record.updated_at),
        ))
        .execute(self)?;
        if updated == 0 {
            diesel::insert_into(resident_profiles::table)
                .values(record)
                .execute(self)?;
        }
        Ok(())
    }

    fn delete_profile(
        &mut self,
        tenant_id: &TenantId,
        resident_account: &str,
    ) -> Result<(), StoreError> {
        diesel::delete(resident_profiles::table.find((tenant_id, resident_account)))
            .execute(self)?;
        Ok(())
    }

    fn rekey_session(&mut self, old_hash: &str, new_hash: &str) -> Result<(), StoreError> {
        diesel::update(drafts::table.filter(drafts::session_hash.eq(old_hash)))
            .set(drafts::session_hash.eq(new_hash))
            .execute(self)?;
        diesel::update(attachments::table.filter(attachments::session_hash.eq(old_hash)))
            .set(attachments::session_hash.eq(new_hash))
            .execute(self)?;
        diesel::update(submissions::table.filter(submissions::resident_session_hash.eq(old_hash)))
            .set(submissions::resident_session_hash.eq(new_hash))
            .execute(self)?;
        diesel::update(counter_visits::table.filter(counter_visits::session_hash.eq(old_hash)))
            .set(counter_visits::session_hash.eq(new_hash))
            .execute(self)?;
        diesel::update(guest_emails::table.filter(guest_emails::session_hash.eq(old_hash)))
            .set(guest_emails::session_hash.eq(new_hash))
            .execute(self)?;
        Ok(())
    }
}
