//! The two trails, each appended by one function inside the caller's transaction: a
//! filing's history (`submission_events`: what happened to it, shown to the applicant in
//! plain words) and the staff audit log (`audit_log`: who viewed, exported or changed what).
//! The database refuses updates and deletes of both.

use chrono::{DateTime, Utc};
use madoguchi_core::{ActorKind, AuditAction, AuditId, ClerkId, EventId, SubmissionId};
use madoguchi_records::{AuditRecord, EventRecord, Records, SubmissionRecord};
use madoguchi_workflow::State;

use crate::kernel::{App, AppError, Clerk};

/// Who made an entry of a filing's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Actor {
    /// The applicant (online).
    Resident,
    /// A member of staff, by id.
    Clerk(ClerkId),
    /// The service itself (payments, refunds).
    System,
}

/// An entry of a filing's history, before it is numbered.
#[derive(Clone, Debug)]
pub(crate) struct HistoryEntry {
    pub actor: Actor,
    /// What happened (what the applicant's history and the webhooks read).
    pub action: madoguchi_core::HistoryAction,
    /// `None` only for the arrival, the first entry.
    pub from: Option<State>,
    pub to: State,
    /// What the office wrote (reasons, a correction request).
    pub reason: Option<String>,
    /// JSON with what the action carried besides its reason.
    pub detail: Option<String>,
}

/// An entry of the staff audit log.
#[derive(Clone, Debug)]
pub(crate) struct AuditEntry<'a> {
    action: AuditAction,
    submission: Option<&'a SubmissionId>,
    target_clerk: Option<&'a ClerkId>,
    reason: Option<&'a str>,
    detail: Option<String>,
}

impl<'a> AuditEntry<'a> {
    pub(crate) fn new(action: AuditAction) -> Self {
        Self {
            action,
            submission: None,
            target_clerk: None,
            reason: None,
            detail: None,
        }
    }

    /// The filing it concerns.
    pub(crate) fn submission(mut self, id: &'a SubmissionId) -> Self {
        self.submission = Some(id);
        self
    }

    /// The staff account it concerns.
    pub(crate) fn target_clerk(mut self, id: &'a ClerkId) -> Self {
        self.target_clerk = Some(id);
        self
    }

    /// The reason the clerk gave.
    pub(crate) fn reason(mut self, reason: &'a str) -> Self {
        self.reason = Some(reason);
        self
    }

    /// JSON with the rest.
    pub(crate) fn detail(mut self, json: String) -> Self {
        self.detail = Some(json);
        self
    }
}

impl App {
    /// Appends to a filing's history, numbered after its last entry (the arrival is 1).
    pub(crate) fn append_history(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        at: DateTime<Utc>,
        entry: HistoryEntry,
    ) -> Result<EventRecord, AppError> {
        let seq = match entry.from {
            None => 1,
            Some(_) => c.next_event_seq(&row.id)?,
        };
        let event = history_event(row, at, entry, seq);
        c.append_event(&event)?;
        Ok(event)
    }

    /// Appends to the staff audit log what `clerk` did. A request made with an API token
    /// names the token in the detail.
    pub(crate) fn audit(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        entry: AuditEntry<'_>,
    ) -> Result<(), AppError> {
        c.append_audit(&AuditRecord {
            id: AuditId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: clerk.tenant.clone(),
            at: self.now().naive_utc(),
            clerk_id: Some(clerk.id.clone()),
            action: entry.action,
            submission_id: entry.submission.cloned(),
            target_clerk_id: entry.target_clerk.cloned(),
            reason: entry.reason.map(str::to_string),
            detail: match &clerk.via_token {
                None => entry.detail,
                Some(token) => {
                    let mut d = entry
                        .detail
                        .and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
                        .filter(serde_json::Value::is_object)
                        .unwrap_or_else(|| serde_json::json!({}));
                    d["api_token"] = serde_json::Value::from(token.as_str());
                    Some(d.to_string())
                }
            },
        })?;
        Ok(())
    }
}

/// A filing's history entry numbered `seq`, as it is stored (a filing's arrival is 1).
pub(crate) fn history_event(
    row: &SubmissionRecord,
    at: DateTime<Utc>,
    entry: HistoryEntry,
    seq: i32,
) -> EventRecord {
    let (actor_kind, actor_id) = match entry.actor {
        Actor::Resident => (ActorKind::Resident, None),
        Actor::Clerk(id) => (ActorKind::Clerk, Some(id)),
        Actor::System => (ActorKind::System, None),
    };
    EventRecord {
        id: EventId::new(uuid::Uuid::now_v7().to_string()),
        tenant_id: row.tenant_id.clone(),
        submission_id: row.id.clone(),
        seq,
        at: at.naive_utc(),
        actor_kind,
        actor_id,
        action: entry.action,
        from_state: entry.from,
        to_state: entry.to,
        reason: entry.reason,
        detail: entry.detail,
    }
}
