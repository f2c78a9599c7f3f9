//! Deleting what is kept only for a while: drafts past their expiry, files uploaded to a
//! draft that no longer exists, spent links, ended sessions, sign-in states, codes and old
//! failed sign-ins. Filed submissions, their files and the audit log are never touched here.

use diesel::prelude::*;

use crate::schema::{
    account_links, attachments, clerk_sessions, draft_links, drafts, guest_emails, login_failures,
    resident_identities, resident_sign_ins,
};
use crate::{DbConn, Error};
use madoguchi_records::{PurgeCutoffs, Purged};

/// Deletes what the cutoffs say has expired, in the caller's transaction.
pub fn purge(conn: &mut DbConn, cut: &PurgeCutoffs) -> Result<Purged, Error> {
    let drafts =
        diesel::delete(drafts::table.filter(drafts::expires_at.le(cut.now))).execute(conn)?;

    // Files of a draft: unfiled, older than a draft lives, and no draft left for them.
    let candidates: Vec<(String, String, String, String, String)> = attachments::table
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
        .load(conn)?;
    let mut file_hashes = Vec::new();
    let mut files = 0;
    for (id, tenant, session, procedure, sha) in candidates {
        let draft_left: i64 = drafts::table
            .filter(drafts::tenant_id.eq(&tenant))
            .filter(drafts::session_hash.eq(&session))
            .filter(drafts::procedure_id.eq(&procedure))
            .count()
            .get_result(conn)?;
        if draft_left > 0 {
            continue;
        }
        files += diesel::delete(
            attachments::table
                .find(&id)
                .filter(attachments::submission_id.is_null()),
        )
        .execute(conn)?;
        if !file_hashes.contains(&sha) {
            file_hashes.push(sha);
        }
    }

    let mut other = 0;
    other +=
        diesel::delete(draft_links::table.filter(draft_links::expires_at.le(cut.links_before)))
            .execute(conn)?;
    other +=
        diesel::delete(account_links::table.filter(account_links::expires_at.le(cut.links_before)))
            .execute(conn)?;
    other += diesel::delete(clerk_sessions::table.filter(clerk_sessions::expires_at.le(cut.now)))
        .execute(conn)?;
    other += diesel::delete(
        resident_identities::table.filter(resident_identities::expires_at.le(cut.now)),
    )
    .execute(conn)?;
    other +=
        diesel::delete(resident_sign_ins::table.filter(resident_sign_ins::expires_at.le(cut.now)))
            .execute(conn)?;
    other += diesel::delete(guest_emails::table.filter(guest_emails::expires_at.le(cut.now)))
        .execute(conn)?;
    other += diesel::delete(
        login_failures::table.filter(login_failures::at.le(cut.login_failures_before)),
    )
    .execute(conn)?;
    Ok(Purged {
        drafts,
        files,
        file_hashes,
        other,
    })
}

/// How many attachments, filed or not, still name these bytes.
pub fn count_with_hash(conn: &mut DbConn, sha256: &str) -> Result<i64, Error> {
    Ok(attachments::table
        .filter(attachments::sha256.eq(sha256))
        .count()
        .get_result(conn)?)
}
