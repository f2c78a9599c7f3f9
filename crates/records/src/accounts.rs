//! Residents' own accounts, their emailed links, guests' emails confirmed by a code, and
//! what a browser session holds when its token changes at sign-in.

use madoguchi_core::{AccountId, AccountLinkPurpose, TenantId};

use crate::{StoreError, Timestamp};

/// A resident's own account (see the `resident_accounts` table).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::resident_accounts, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct AccountRecord {
    pub id: AccountId,
    pub tenant_id: TenantId,
    /// Lower-cased.
    pub email: String,
    pub password_hash: String,
    pub verified_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub password_changed_at: Timestamp,
}

/// An emailed link for an account: `verify` (the address) or `reset` (the password).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::account_links, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct AccountLinkRecord {
    pub token_hash: String,
    pub account_id: AccountId,
    pub purpose: AccountLinkPurpose,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
    /// The browser session (its token's SHA-256) that asked for a confirmation link:
    /// confirming from it signs it in.
    pub session_hash: Option<String>,
}

/// A guest's email confirmed (or being confirmed) by a code, for one browser session.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::guest_emails, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct GuestEmailRecord {
    pub session_hash: String,
    pub tenant_id: TenantId,
    pub email: String,
    pub code_hash: String,
    pub attempts: i32,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub verified_at: Option<Timestamp>,
}

/// What a signed-in resident keeps to fill in forms (see the `resident_profiles` table).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::resident_profiles, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct ProfileRecord {
    pub tenant_id: TenantId,
    /// `issuer|subject`, as submissions record who filed.
    pub resident_account: String,
    /// JSON object of answers by the profile form's field names.
    pub data: String,
    pub updated_at: Timestamp,
}

/// What a read may do with [`Accounts`] (`Database::read` hands out only reads).
pub trait AccountsRead {
    fn find_account(&mut self, id: &AccountId) -> Result<Option<AccountRecord>, StoreError>;
    fn find_account_by_email(
        &mut self,
        tenant_id: &TenantId,
        email: &str,
    ) -> Result<Option<AccountRecord>, StoreError>;
    fn find_account_link(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<AccountLinkRecord>, StoreError>;
    fn find_guest_email(
        &mut self,
        session_hash: &str,
        email: &str,
    ) -> Result<Option<GuestEmailRecord>, StoreError>;
    fn find_profile(
        &mut self,
        tenant_id: &TenantId,
        resident_account: &str,
    ) -> Result<Option<ProfileRecord>, StoreError>;
}

/// Residents' accounts, their profiles and guests' confirmed emails.
pub trait Accounts: AccountsRead {
    fn insert_account(&mut self, record: &AccountRecord) -> Result<(), StoreError>;
    fn set_account_verified(&mut self, id: &AccountId, now: Timestamp) -> Result<(), StoreError>;
    fn set_account_password(
        &mut self,
        id: &AccountId,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    fn insert_account_link(&mut self, record: &AccountLinkRecord) -> Result<(), StoreError>;
    /// Marks the link used; `false` when it already was (one caller wins).
    fn use_account_link(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError>;
    /// Marks every unused link of the account for `purpose` used (a newer one replaces them).
    fn retire_account_links(
        &mut self,
        account_id: &AccountId,
        purpose: AccountLinkPurpose,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Ends every session signed in as this subject (after a password change).
    fn delete_identities_of(&mut self, issuer: &str, subject: &str) -> Result<u64, StoreError>;
    /// Records (or replaces) a code sent to `record.email` for the session.
    fn save_guest_email(&mut self, record: &GuestEmailRecord) -> Result<(), StoreError>;
    /// Inserts or replaces the resident's profile.
    fn save_profile(&mut self, record: &ProfileRecord) -> Result<(), StoreError>;
    fn delete_profile(
        &mut self,
        tenant_id: &TenantId,
        resident_account: &str,
    ) -> Result<(), StoreError>;
    /// Moves what one browser session holds to another token's hash (a new token at
    /// sign-in).
    fn rekey_session(&mut self, old_hash: &str, new_hash: &str) -> Result<(), StoreError>;
}
