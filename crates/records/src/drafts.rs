//! Residents' server-side drafts, tied to a browser session, and the links that resume one.

use madoguchi_core::{DraftId, ProcedureId, TenantId};

use crate::{StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::drafts, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct DraftRecord {
    pub id: DraftId,
    pub tenant_id: TenantId,
    pub session_hash: String,
    pub procedure_id: ProcedureId,
    pub form_version: String,
    pub data: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub expires_at: Timestamp,
    /// When the page that shows the purpose of use (利用目的) sent the first step.
    pub privacy_notice_shown_at: Option<Timestamp>,
    /// Answers filled in for the resident and from where: a JSON object, field name →
    /// source (`identity`, `profile`, `last_filing`); `{}` when none.
    pub prefilled: String,
    /// That another system checked the answers of the step asking a secret
    /// (`x-external-check`): JSON with the system, when and a digest of what it checked;
    /// never the secret.
    pub external_check: Option<String>,
}

/// A draft's resume link: (tenant, draft id, expires at, used at).
pub type DraftLink = (TenantId, DraftId, Timestamp, Option<Timestamp>);

/// What a read may do with [`Drafts`] (`Database::read` hands out only reads).
pub trait DraftsRead {
    fn find_live_draft(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        procedure_id: &ProcedureId,
        now: Timestamp,
    ) -> Result<Option<DraftRecord>, StoreError>;
    /// The session's live drafts, most recently saved first.
    fn drafts_of_session(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        now: Timestamp,
    ) -> Result<Vec<DraftRecord>, StoreError>;
    fn find_draft(&mut self, id: &DraftId) -> Result<Option<DraftRecord>, StoreError>;
    /// How many drafts there are, live or expired (for tests and health checks).
    fn count_drafts(&mut self) -> Result<i64, StoreError>;
    /// (tenant, draft id, expires at, used at) of a resume link.
    fn find_draft_link(&mut self, token_hash: &str) -> Result<Option<DraftLink>, StoreError>;
}

/// Drafts and their resume links.
pub trait Drafts: DraftsRead {
    /// Inserts, or replaces the session's draft for the procedure (an expired one included).
    fn save_draft(&mut self, record: &DraftRecord) -> Result<(), StoreError>;
    fn delete_draft(&mut self, id: &DraftId) -> Result<(), StoreError>;
    /// Moves a draft and its files to another browser session; a draft of the same
    /// procedure already there is replaced (with its files).
    fn move_draft(&mut self, draft: &DraftRecord, session_hash: &str) -> Result<(), StoreError>;
    fn insert_draft_link(
        &mut self,
        token_hash: &str,
        tenant_id: &TenantId,
        draft_id: &DraftId,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Marks a resume link used (compare-and-set): false when it already was.
    fn use_draft_link(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError>;
}
