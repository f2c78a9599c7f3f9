//! The audit log of who looked at or changed what (append-only: the database refuses
//! updates and deletes).

use diesel::prelude::*;
use madoguchi_core::{ActorKind, ClerkId, EventId, SubmissionId, TenantId};
use madoguchi_records::AuditRead;
use madoguchi_records::schema::{audit_log, submission_events};
use madoguchi_records::{Audit, AuditRecord, AuditSpan, EventRecord, StoreError};

use crate::DbConn;

impl AuditRead for DbConn {
    fn audit_of_submission(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        Ok(audit_log::table
            .filter(audit_log::submission_id.eq(submission_id))
            .order((audit_log::at.asc(), audit_log::id.asc()))
            .select(AuditRecord::as_select())
            .load(self)?)
    }

    fn audit_of_clerk(
        &mut self,
        tenant_id: &TenantId,
        clerk_id: &ClerkId,
        span: &AuditSpan,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let mut query = audit_log::table
            .filter(audit_log::tenant_id.eq(tenant_id))
            .filter(
                audit_log::clerk_id
                    .eq(clerk_id)
                    .or(audit_log::target_clerk_id.eq(clerk_id)),
            )
            .into_boxed();
        if let Some(from) = span.from {
            query = query.filter(audit_log::at.ge(from));
        }
        if let Some(until) = span.until {
            query = query.filter(audit_log::at.lt(until));
        }
        if let Some((at, id)) = &span.before {
            query = query.filter(
                audit_log::at
                    .lt(*at)
                    .or(audit_log::at.eq(*at).and(audit_log::id.lt(id))),
            );
        }
        Ok(query
            .order((audit_log::at.desc(), audit_log::id.desc()))
            .limit(limit)
            .select(AuditRecord::as_select())
            .load(self)?)
    }

    fn case_actions_of_clerk(
        &mut self,
        tenant_id: &TenantId,
        clerk_id: &ClerkId,
        span: &AuditSpan,
        limit: i64,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let mut query = submission_events::table
            .filter(submission_events::tenant_id.eq(tenant_id))
            .filter(submission_events::actor_kind.eq(ActorKind::Clerk))
            .filter(submission_events::actor_id.eq(clerk_id))
            .into_boxed();
        if let Some(from) = span.from {
            query = query.filter(submission_events::at.ge(from));
        }
        if let Some(until) = span.until {
            query = query.filter(submission_events::at.lt(until));
        }
        if let Some((at, id)) = &span.before {
            let id = EventId::new(id.as_str().to_string());
            query = query.filter(
                submission_events::at.lt(*at).or(submission_events::at
                    .eq(*at)
                    .and(submission_events::id.lt(id))),
            );
        }
        Ok(query
            .order((submission_events::at.desc(), submission_events::id.desc()))
            .limit(limit)
            .select(EventRecord::as_select())
            .load(self)?)
    }
}

impl Audit for DbConn {
    fn append_audit(&mut self, record: &AuditRecord) -> Result<(), StoreError> {
        diesel::insert_into(audit_log::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }
}
