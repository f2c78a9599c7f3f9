//! A filing's history entry in words for staff: what happened and who did it (the
//! filing's page and the audit log read them alike).

use crate::msg;

use madoguchi_app::staff::AuditWhat;
use madoguchi_core::{ActorKind, HistoryAction, Lang};
use madoguchi_workflow::ActionKind;

/// What a history entry records: the arrival, a fee received or refunded, or a review
/// action by its label.
pub fn history_action(action: HistoryAction, lang: Lang) -> String {
    match action {
        HistoryAction::Submit => msg::web_office_submitted_arrived::text(lang).to_string(),
        HistoryAction::Payment => msg::web_office_fee_received::text(lang).to_string(),
        HistoryAction::Refund => msg::web_office_fee_refunded::text(lang).to_string(),
        HistoryAction::BookingChanged => msg::web_office_booking_changed::text(lang).to_string(),
        HistoryAction::BookingCancelled => {
            msg::web_office_booking_cancelled::text(lang).to_string()
        }
        HistoryAction::DecisionDrafted => {
            msg::web_office_history_decision_drafted::text(lang).to_string()
        }
        HistoryAction::DecisionEndorsed => {
            msg::web_office_history_decision_endorsed::text(lang).to_string()
        }
        HistoryAction::DecisionReturned => {
            msg::web_office_history_decision_returned::text(lang).to_string()
        }
        HistoryAction::LegalHoldPlaced => msg::web_office_hold_placed_event::text(lang).to_string(),
        HistoryAction::LegalHoldLifted => msg::web_office_hold_lifted_event::text(lang).to_string(),
        review => ActionKind::of(review)
            .map(|a| a.label().get(lang).to_string())
            .unwrap_or_else(|| review.code().to_string()),
    }
}

/// What a line of the audit log records: the log's own entry, or a case action.
pub fn audit_what(what: AuditWhat, lang: Lang) -> String {
    match what {
        AuditWhat::Audit(a) => a.label().get(lang).to_string(),
        AuditWhat::Case(h) => history_action(h, lang),
    }
}

/// Who made an entry: the staff member's name, else the applicant or the service.
pub fn actor(kind: ActorKind, name: Option<&str>, lang: Lang) -> String {
    match (kind, name) {
        (_, Some(n)) => n.to_string(),
        (ActorKind::Resident, None) => msg::web_office_applicant::text(lang).into(),
        _ => msg::web_office_system::text(lang).into(),
    }
}
