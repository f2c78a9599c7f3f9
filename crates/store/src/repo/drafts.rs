//! Server-side drafts: a resident's answers between steps, tied to their browser session,
//! and the links that resume one in another browser.

use diesel::prelude::*;
use madoguchi_core::{DraftId, ProcedureId, TenantId};
use madoguchi_records::DraftsRead;
use madoguchi_records::schema::{attachments, draft_links, drafts};
use madoguchi_records::{DraftLink, DraftRecord, Drafts, StoreError};

use crate::{DbConn, Timestamp};

impl DraftsRead for DbConn {
    fn find_live_draft(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        procedure_id: &ProcedureId,
        now: Timestamp,
    ) -> Result<Option<DraftRecord>, StoreError> {
        Ok(drafts::table
            .filter(drafts::tenant_id.eq(tenant_id))
            .filter(drafts::session_hash.eq(session_hash))
            .filter(drafts::procedure_id.eq(procedure_id))
            .filter(drafts::expires_at.gt(now))
            .select(DraftRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn drafts_of_session(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        now: Timestamp,
    ) -> Result<Vec<DraftRecord>, StoreError> {
        Ok(drafts::table
            .filter(drafts::tenant_id.eq(tenant_id))
            .filter(drafts::session_hash.eq(session_hash))
            .filter(drafts::expires_at.gt(now))
            .order(drafts::updated_at.desc())
            .select(DraftRecord::as_select())
            .load(self)?)
    }

    fn find_draft(&mut self, id: &DraftId) -> Result<Option<DraftRecord>, StoreError> {
        Ok(drafts::table
            .find(id)
            .select(DraftRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn count_drafts(&mut self) -> Result<i64, StoreError> {
        Ok(drafts::table.count().get_result(self)?)
    }

    fn find_draft_link(&mut self, token_hash: &str) -> Result<Option<DraftLink>, StoreError> {
        Ok(draft_links::table
            .find(token_hash)
            .select((
                draft_links::tenant_id,
                draft_links::draft_id,
                draft_links::expires_at,
                draft_links::used_at,
            ))
            .first::<DraftLink>(self)
            .optional()?)
    }
}

impl Drafts for DbConn {
    /// Call inside a write transaction (it reads, then writes).
    fn save_draft(&mut self, record: &DraftRecord) -> Result<(), StoreError> {
        let existing = drafts::table
            .filter(drafts::session_hash.eq(&record.session_hash))
            .filter(drafts::procedure_id.eq(&record.procedure_id))
            .select(drafts::id)
            .first::<DraftId>(self)
            .optional()?;
        match existing {
            Some(id) => {
                diesel::update(drafts::table.find(&id))
                    .set((
                        drafts::form_version.eq(&record.form_version),
                        drafts::data.eq(&record.data),
                        drafts::updated_at.eq(record.updated_at),
                        drafts::expires_at.eq(record.expires_at),
                        drafts::privacy_notice_shown_at.eq(record.privacy_notice_shown_at),
                        drafts::prefilled.eq(&record.prefilled),
                        drafts::external_check.eq(&record.external_check),
                    ))
                    .execute(self)?;
            }
            None => {
                diesel::insert_into(drafts::table)
                    .values(record)
                    .execute(self)?;
            }
        }
        Ok(())
    }

    fn delete_draft(&mut self, id: &DraftId) -> Result<(), StoreError> {
        diesel::delete(drafts::table.find(id)).execute(self)?;
        Ok(())
    }

    fn move_draft(&mut self, draft: &DraftRecord, session_hash: &str) -> Result<(), StoreError> {
        if draft.session_hash == session_hash {
            return Ok(());
        }
        let there = attachments::table
            .filter(attachments::session_hash.eq(session_hash))
            .filter(attachments::procedure_id.eq(&draft.procedure_id))
            .filter(attachments::submission_id.is_null());
        diesel::delete(there).execute(self)?;
        let old = drafts::table
            .filter(drafts::session_hash.eq(session_hash))
            .filter(drafts::procedure_id.eq(&draft.procedure_id))
            .select(drafts::id)
            .load::<DraftId>(self)?;
        for id in old {
            diesel::delete(draft_links::table.filter(draft_links::draft_id.eq(&id)))
                .execute(self)?;
            diesel::delete(drafts::table.find(id)).execute(self)?;
        }
        diesel::update(drafts::table.find(&draft.id))
            .set(drafts::session_hash.eq(session_hash))
            .execute(self)?;
        diesel::update(
            attachments::table
                .filter(attachments::session_hash.eq(&draft.session_hash))
                .filter(attachments::procedure_id.eq(&draft.procedure_id))
                .filter(attachments::submission_id.is_null()),
        )
        .set(attachments::session_hash.eq(session_hash))
        .execute(self)?;
        Ok(())
    }

    fn insert_draft_link(
        &mut self,
        token_hash: &str,
        tenant_id: &TenantId,
        draft_id: &DraftId,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::insert_into(draft_links::table)
            .values((
                draft_links::token_hash.eq(token_hash),
                draft_links::tenant_id.eq(tenant_id),
                draft_links::draft_id.eq(draft_id),
                draft_links::created_at.eq(now),
                draft_links::expires_at.eq(expires_at),
            ))
            .execute(self)?;
        Ok(())
    }

    fn use_draft_link(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError> {
        let n = diesel::update(
            draft_links::table
                .find(token_hash)
                .filter(draft_links::used_at.is_null()),
        )
        .set(draft_links::used_at.eq(Some(now)))
        .execute(self)?;
        Ok(n == 1)
    }
}
