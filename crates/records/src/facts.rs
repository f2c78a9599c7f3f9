//! The city's confirmations of the facts its procedures state (issue 46 item 3): who
//! confirmed a fact marked `to_confirm`, when, and on what evidence. A confirmation is for
//! the words it was given on (`digest`), so an author's change needs a new one.

use madoguchi_core::{ClerkId, ProcedureId, TenantId};

use crate::{StoreError, Timestamp};

/// One fact confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::fact_confirmations, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct FactConfirmationRecord {
    pub id: String,
    pub tenant_id: TenantId,
    pub procedure_id: ProcedureId,
    /// The fact's key (`fee`, `processing_days`…).
    pub fact: String,
    /// SHA-256 of the statement and its note, as the form states them.
    pub digest: String,
    /// The form version it was confirmed on.
    pub form_version: String,
    /// `page`, `ordinance` or `internal_rule`.
    pub evidence_kind: String,
    /// The address, the ordinance and article, or the rule's name.
    pub evidence: String,
    pub confirmed_by: ClerkId,
    pub confirmed_at: Timestamp,
}

/// What a read may do with [`FactConfirmations`].
pub trait FactConfirmationsRead {
    /// Every confirmation of a city, oldest first.
    fn fact_confirmations_of(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<FactConfirmationRecord>, StoreError>;
}

/// Recording confirmations.
pub trait FactConfirmations: FactConfirmationsRead {
    /// Stores a confirmation; `false` (nothing stored) when these words of the fact are
    /// confirmed already.
    fn insert_fact_confirmation(
        &mut self,
        confirmation: &FactConfirmationRecord,
    ) -> Result<bool, StoreError>;
}
