//! The closed sets of the office side that storage names too: a staff account's role, the
//! events a department's webhooks report, and what the staff audit log records.
//! Each is stored as its `code()` text; with the `diesel` feature each is a `Text` column type.

use madoguchi_i18n::msg;

use crate::Localized;

crate::column::code_enum! {
    /// Who is acting. A staff account (`clerks.role`) holds one of `Role::STAFF`.
    pub enum Role {
        /// The applicant (or the person acting for them).
        Resident = "resident",
        /// A clerk of the department (and ward) the filing belongs to.
        Clerk = "clerk",
        /// A supervisor of that department: everything a clerk does, and assigning work.
        Supervisor = "supervisor",
        /// Writes procedure definitions; no say over filings.
        Author = "author",
        /// Manages staff accounts; no say over filings.
        Administrator = "administrator",
    }
}

impl Role {
    /// The roles a staff account can have.
    pub const STAFF: [Role; 4] = [
        Role::Clerk,
        Role::Supervisor,
        Role::Author,
        Role::Administrator,
    ];

    pub fn label(self) -> Localized {
        let text = match self {
            Role::Resident => msg::workflow_role_resident::text,
            Role::Clerk => msg::workflow_role_clerk::text,
            Role::Supervisor => msg::workflow_role_supervisor::text,
            Role::Author => msg::workflow_role_author::text,
            Role::Administrator => msg::workflow_role_administrator::text,
        };
        Localized::from_fn(|lang| text(lang).to_owned())
    }
}

crate::column::code_enum! {
    /// A staff account's post (職位) in its section, lowest first: what a step of a
    /// decision's approval route (決裁ルート) asks for. `clerks.post`.
    pub enum Post {
        /// 担当: drafts decisions (起案).
        Staff = "staff",
        /// 係長.
        Chief = "chief",
        /// 課長.
        Manager = "manager",
        /// 部長.
        Director = "director",
    }
}

impl Post {
    pub fn label(self) -> Localized {
        let text = match self {
            Post::Staff => msg::workflow_post_staff::text,
            Post::Chief => msg::workflow_post_chief::text,
            Post::Manager => msg::workflow_post_manager::text,
            Post::Director => msg::workflow_post_director::text,
        };
        Localized::from_fn(|lang| text(lang).to_owned())
    }

    /// The post an account gets unless its administrator says otherwise: a supervisor's
    /// is 係長, everyone else's 担当.
    pub fn for_role(role: Role) -> Post {
        match role {
            Role::Supervisor => Post::Chief,
            _ => Post::Staff,
        }
    }

    /// The post one below (who may stand in, 代決, for a step asking for this one).
    pub fn below(self) -> Option<Post> {
        let i = Post::ALL.iter().position(|p| *p == self)?;
        i.checked_sub(1).map(|j| Post::ALL[j])
    }
}

crate::column::code_enum! {
    /// What a drafted decision (起案) decides once its route agrees.
    pub enum DraftedDecision {
        Approve = "approve",
        Reject = "reject",
    }
}

crate::column::code_enum! {
    /// Where a drafted decision stands.
    pub enum DraftStatus {
        /// On its way: waiting for the approver of its `step`.
        Pending = "pending",
        /// Sent back to its drafter (差戻し).
        Returned = "returned",
        /// Every step agreed: the decision took effect.
        Decided = "decided",
        /// The filing moved on meanwhile (withdrawn, taken back for a correction).
        Withdrawn = "withdrawn",
    }
}

crate::column::code_enum! {
    /// An approver's word on a drafted decision.
    pub enum Verdict {
        /// Agreed (承認; at the last step, 決裁).
        Endorse = "endorse",
        /// Sent back to the drafter (差戻し).
        Return = "return",
    }
}

crate::column::code_enum! {
    /// What a department can subscribe a webhook to (a delivery's `event`; a webhook's
    /// `events` are these codes, comma-separated).
    pub enum WebhookEvent {
        /// A filing arrived.
        SubmissionReceived = "submission.received",
        /// A filing moved to another state.
        StatusChanged = "submission.status_changed",
        /// A filing's fee was paid.
        PaymentReceived = "payment.received",
    }
}

impl WebhookEvent {
    pub fn label(self) -> Localized {
        let text = match self {
            WebhookEvent::SubmissionReceived => msg::app_webhook_event_submission_received::text,
            WebhookEvent::StatusChanged => msg::app_webhook_event_status_changed::text,
            WebhookEvent::PaymentReceived => msg::app_webhook_event_payment_received::text,
        };
        Localized::from_fn(|lang| text(lang).to_owned())
    }
}

crate::column::code_enum! {
    /// What an entry of the staff audit log records: a view of personal data, a revealed My
    /// Number, an export, or a change to a staff account, a procedure or an integration.
    pub enum AuditAction {
        View = "view",
        RevealMyNumber = "reveal_my_number",
        Export = "export",
        MailRetry = "mail_retry",
        CounterOpen = "counter_open",
        CounterFile = "counter_file",
        /// A clerk started entering procedures for a resident at the desk.
        CounterEntryStarted = "counter_entry_started",
        /// A fee taken at a counter recorded against a filing (窓口収納).
        CounterPayment = "counter_payment",
        /// A counter payment's refund handed back at the counter.
        CounterRefund = "counter_refund",
        ProcedureCreated = "procedure_created",
        ProcedureSaved = "procedure_saved",
        ProcedureSentForApproval = "procedure_sent_for_approval",
        ProcedurePublished = "procedure_published",
        ProcedureRetired = "procedure_retired",
        ProcedureApproved = "procedure_approved",
        ProcedureReturned = "procedure_returned",
        TotpEnrolled = "totp_enrolled",
        StaffCreate = "staff_create",
        StaffUpdate = "staff_update",
        StaffPassword = "staff_password",
        StaffTotpReset = "staff_totp_reset",
        StaffSessionsRevoked = "staff_sessions_revoked",
        ApiTokenCreated = "api_token_created",
        ApiTokenRevoked = "api_token_revoked",
        WebhookCreated = "webhook_created",
        WebhookDisabled = "webhook_disabled",
        WebhookReplayed = "webhook_replayed",
        AuditRead = "audit_read",
        AuditExport = "audit_export",
        /// A requested booking confirmed (本受付).
        BookingConfirmed = "booking_confirmed",
        /// Whether a booked person came, marked (or the mark cleared).
        BookingAttendance = "booking_attendance",
        /// Booking slots stopped with a reason, or opened again.
        BookingsBlocked = "bookings_blocked",
        /// A counter with a waiting line added (its numbers and congestion published).
        CounterLineAdded = "counter_line_added",
        /// A fact a procedure states confirmed by the city, with its evidence.
        FactConfirmed = "fact_confirmed",
    }
}

impl AuditAction {
    /// What the entry records, in words (the audit log page).
    pub fn label(self) -> Localized {
        let text = match self {
            AuditAction::View => msg::core_audit_view::text,
            AuditAction::RevealMyNumber => msg::core_audit_reveal_my_number::text,
            AuditAction::Export => msg::core_audit_export::text,
            AuditAction::MailRetry => msg::core_audit_mail_retry::text,
            AuditAction::CounterOpen => msg::core_audit_counter_open::text,
            AuditAction::CounterFile => msg::core_audit_counter_file::text,
            AuditAction::CounterEntryStarted => msg::core_audit_counter_entry_started::text,
            AuditAction::CounterPayment => msg::core_audit_counter_payment::text,
            AuditAction::FactConfirmed => msg::core_audit_fact_confirmed::text,
            AuditAction::CounterRefund => msg::core_audit_counter_refund::text,
            AuditAction::ProcedureCreated => msg::core_audit_procedure_created::text,
            AuditAction::ProcedureSaved => msg::core_audit_procedure_saved::text,
            AuditAction::ProcedureSentForApproval => {
                msg::core_audit_procedure_sent_for_approval::text
            }
            AuditAction::ProcedurePublished => msg::core_audit_procedure_published::text,
            AuditAction::ProcedureRetired => msg::core_audit_procedure_retired::text,
            AuditAction::ProcedureApproved => msg::core_audit_procedure_approved::text,
            AuditAction::ProcedureReturned => msg::core_audit_procedure_returned::text,
            AuditAction::TotpEnrolled => msg::core_audit_totp_enrolled::text,
            AuditAction::StaffCreate => msg::core_audit_staff_create::text,
            AuditAction::StaffUpdate => msg::core_audit_staff_update::text,
            AuditAction::StaffPassword => msg::core_audit_staff_password::text,
            AuditAction::StaffTotpReset => msg::core_audit_staff_totp_reset::text,
            AuditAction::StaffSessionsRevoked => msg::core_audit_staff_sessions_revoked::text,
            AuditAction::ApiTokenCreated => msg::core_audit_api_token_created::text,
            AuditAction::ApiTokenRevoked => msg::core_audit_api_token_revoked::text,
            AuditAction::WebhookCreated => msg::core_audit_webhook_created::text,
            AuditAction::WebhookDisabled => msg::core_audit_webhook_disabled::text,
            AuditAction::WebhookReplayed => msg::core_audit_webhook_replayed::text,
            AuditAction::AuditRead => msg::core_audit_audit_read::text,
            AuditAction::AuditExport => msg::core_audit_audit_export::text,
            AuditAction::BookingConfirmed => msg::core_audit_booking_confirmed::text,
            AuditAction::BookingAttendance => msg::core_audit_booking_attendance::text,
            AuditAction::BookingsBlocked => msg::core_audit_bookings_blocked::text,
            AuditAction::CounterLineAdded => msg::core_audit_counter_line_added::text,
        };
        Localized::from_fn(|lang| text(lang).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>().unwrap(), *r);
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
            assert!(!r.label().ja.is_empty());
        }
        assert!("nope".parse::<Role>().is_err());
        for e in WebhookEvent::ALL {
            assert_eq!(e.code().parse::<WebhookEvent>().unwrap(), *e);
            assert!(!e.label().en.is_empty());
        }
        assert!("submission".parse::<WebhookEvent>().is_err());
        for a in AuditAction::ALL {
            assert_eq!(a.code().parse::<AuditAction>().unwrap(), *a);
        }
    }
}
