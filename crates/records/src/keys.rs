//! The keys' check values, and the stored values sealed under them (for a key rotation).

use crate::{StoreError, Timestamp};

/// A one-way check value of a key, stored at the first start with that key: a node
/// configured with another key is told so before it seals or signs anything.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::key_checks, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct KeyCheckRecord {
    /// The key's name (`mynumber`, `totp`, `csrf`…).
    pub name: String,
    pub check_value: String,
    pub created_at: Timestamp,
}

/// Where sealed values (`sealed:v1:…`) are stored: a column of a table keyed by `id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealedPlace {
    /// `clerks.totp_secret`: authenticator secrets.
    ClerkTotp,
    /// `webhooks.secret`: webhook signing secrets.
    WebhookSecret,
    /// `drafts.data`: answers, My Numbers sealed inside.
    DraftData,
    /// `submissions.data`.
    SubmissionData,
    /// `corrections.previous_data`: the answers before a correction.
    CorrectionData,
}

impl SealedPlace {
    pub const ALL: [SealedPlace; 5] = [
        SealedPlace::ClerkTotp,
        SealedPlace::WebhookSecret,
        SealedPlace::DraftData,
        SealedPlace::SubmissionData,
        SealedPlace::CorrectionData,
    ];
}

/// What a read may do with [`Keys`] (`Database::read` hands out only reads).
pub trait KeysRead {
    fn key_checks(&mut self) -> Result<Vec<KeyCheckRecord>, StoreError>;
    /// (id, value) of every row of `place` whose value holds a sealed value.
    fn sealed_values(&mut self, place: SealedPlace) -> Result<Vec<(String, String)>, StoreError>;
}

/// Key checks and sealed values.
pub trait Keys: KeysRead {
    /// Stores the check of a key not checked before (a check already there is kept).
    fn insert_key_check(&mut self, record: &KeyCheckRecord) -> Result<(), StoreError>;
    /// Replaces a key's check (after a rotation).
    fn replace_key_check(&mut self, record: &KeyCheckRecord) -> Result<(), StoreError>;
    fn update_sealed_value(
        &mut self,
        place: SealedPlace,
        id: &str,
        value: &str,
    ) -> Result<(), StoreError>;
}
