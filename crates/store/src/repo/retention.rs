//! Deleting what is kept only for a while: drafts past their expiry, files uploaded to a
//! draft that no longer exists, spent links, ended sessions, sign-in states, codes and old
//! failed sign-ins, a clerk's entries for residents with nothing left to file. Filed
//! submissions, their files and the audit log are never touched here.

use diesel::prelude::*;

use madoguchi_core::{AttachmentId, ProcedureId, TenantId};
use madoguchi_records::RetentionRead;
use madoguchi_records::schema::{
    account_links, attachments, booking_waitlist, clerk_sessions, counter_visits, draft_links,
    drafts, guest_emails, login_failures, request_counts, resident_identities, resident_sign_ins,
    staff_entries,
};
use madoguchi_records::{PurgeCutoffs, Purged, Retention, StoreError};

use crate::DbConn;

impl RetentionRead for DbConn {
    fn count_attachments_with_hash(
        &mut self,
        tenant: &TenantId,
        sha256: &str,
    ) -> Result<i64, StoreError> {
        Ok(attachments::table
            .filter(attachments::tenant_id.eq(tenant))
            .filter(attachments::sha256.eq(sha256))
            .count()
            .get_result(self)?)
    }

    fn tenants_with_hash(&mut self, sha256: &str) -> Result<Vec<TenantId>, StoreError> {
        Ok(attachments::table
            .filter(attachments::sha256.eq(sha256))
            .select(attachments::tenant_id)
            .distinct()
            .load(self)?)
    }
}

impl Retention for DbConn {
    /// In the caller's transaction.
    fn purge_expired(&mut self, cut: &PurgeCutoffs) -> Result<Purged, StoreError> {
        let drafts =
            diesel::delete(drafts::table.filter(drafts::expires_at.le(cut.now))).execute(self)?;

        // Files of a draft: unfiled, older than a draft lives, and no draft left for them.
        let candidates: Vec<(AttachmentId, TenantId, String, ProcedureId, String)> =
            attachments::table
                .filter(attachments::submission_id.is_null())
                .filter(attachments::created_at.le(cut.unfiled_files_before))
                .select((
                    attachments::id,
                    attachments::tenant_id,
                    attachments::session_hash,
                    attachments::procedure_id,
                    attachments::sha256,
                ))
                .order(attachments::created_at.asc())
                .limit(cut.max_files)
                .load(self)?;
        let mut file_hashes = Vec::new();
        let mut files = 0;
        for (id, tenant, session, procedure, sha) in candidates {
            let draft_left: i64 = drafts::table
                .filter(drafts::tenant_id.eq(&tenant))
                .filter(drafts::session_hash.eq(&session))
                .filter(drafts::procedure_id.eq(&procedure))
                .count()
                .get_result(self)?;
            if draft_left > 0 {
                continue;
            }
            files += diesel::delete(
                attachments::table
                    .find(&id)
                    .filter(attachments::submission_id.is_null()),
            )
            .execute(self)?;
            let key = (tenant, sha);
            if !file_hashes.contains(&key) {
                file_hashes.push(key);
            }
        }

        let mut other = 0;
        other +=
            diesel::delete(draft_links::table.filter(draft_links::expires_at.le(cut.links_before)))
                .execute(self)?;
        other += diesel::delete(
            account_links::table.filter(account_links::expires_at.le(cut.links_before)),
        )
        .execute(self)?;
        other +=
            diesel::delete(clerk_sessions::table.filter(clerk_sessions::expires_at.le(cut.now)))
                .execute(self)?;
        other += diesel::delete(
            resident_identities::table.filter(resident_identities::expires_at.le(cut.now)),
        )
        .execute(self)?;
        other += diesel::delete(
            resident_sign_ins::table.filter(resident_sign_ins::expires_at.le(cut.now)),
        )
        .execute(self)?;
        other += diesel::delete(guest_emails::table.filter(guest_emails::expires_at.le(cut.now)))
            .execute(self)?;
        other += diesel::delete(
            login_failures::table.filter(login_failures::at.le(cut.login_failures_before)),
        )
        .execute(self)?;
        other += diesel::delete(
            request_counts::table
                .filter(request_counts::window_start.lt(cut.request_counts_before)),
        )
        .execute(self)?;
        // A clerk's entry for a resident, once nothing of it is left to file: older than a
        // draft lives, no draft of its session left and no slip of it still open.
        other += diesel::delete(
            staff_entries::table
                .filter(staff_entries::started_at.le(cut.unfiled_files_before))
                .filter(diesel::dsl::not(diesel::dsl::exists(
                    drafts::table.filter(drafts::session_hash.eq(staff_entries::session_hash)),
                )))
                .filter(diesel::dsl::not(diesel::dsl::exists(
                    counter_visits::table
                        .filter(counter_visits::session_hash.eq(staff_entries::session_hash))
                        .filter(counter_visits::filed_at.is_null()),
                ))),
        )
        .execute(self)?;
        // A place in a waiting list once it is over (its address was cleared then), after
        // as long as a draft lives.
        other += diesel::delete(
            booking_waitlist::table.filter(booking_waitlist::ended_at.le(cut.unfiled_files_before)),
        )
        .execute(self)?;
        Ok(Purged {
            drafts,
            files,
            file_hashes,
            other,
        })
    }
}
