//! Webhook deliveries queued for a filing's history events (inside the transaction that records the event).

use madoguchi_core::{DeliveryId, DepartmentCode, HistoryAction};
use madoguchi_records::{
    EventRecord, FilingWebhookEvent, Records, SubmissionRecord, WebhookDeliveryRecord,
    WebhookRecord,
};
use serde_json::{Value, json};

use crate::kernel::{App, AppError};

/// What a department can subscribe to (the vocabulary lives in `madoguchi-core`, where a
/// delivery's stored event names it too).
pub use madoguchi_core::WebhookEvent;

/// The webhook event a filing's history event stands for, if any.
fn event_of(event: &EventRecord) -> Option<WebhookEvent> {
    match event.action {
        HistoryAction::Submit => Some(WebhookEvent::SubmissionReceived),
        HistoryAction::Payment => Some(WebhookEvent::PaymentReceived),
        _ if event.from_state != Some(event.to_state) => Some(WebhookEvent::StatusChanged),
        _ => None,
    }
}

impl App {
    /// Queues the webhook deliveries a filing's history event calls for (inside the
    /// transaction that records the event).
    pub(crate) fn queue_webhooks(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        event: &EventRecord,
    ) -> Result<(), AppError> {
        if event_of(event).is_none() {
            return Ok(());
        }
        let Some(department) = c.find_department(&row.department_id)? else {
            return Ok(());
        };
        self.queue_department_webhooks(c, row, &department.code, event)
    }

    /// [`App::queue_webhooks`] when the caller knows the filing's department (`code`).
    pub(crate) fn queue_department_webhooks(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        code: &DepartmentCode,
        event: &EventRecord,
    ) -> Result<(), AppError> {
        if event_of(event).is_none() {
            return Ok(());
        }
        let hooks = c.webhooks(&row.tenant_id, code)?;
        let deliveries = webhook_deliveries(&hooks, row, code, event);
        if !deliveries.is_empty() {
            c.enqueue_webhooks(&deliveries)?;
        }
        Ok(())
    }
}

/// The deliveries a filing's history event calls for among its department's webhooks
/// (`hooks`, as `Records::webhooks` reads them: disabled ones and other events are left out).
pub(crate) fn webhook_deliveries(
    hooks: &[WebhookRecord],
    row: &SubmissionRecord,
    code: &DepartmentCode,
    event: &EventRecord,
) -> Vec<WebhookDeliveryRecord> {
    let Some(kind) = event_of(event) else {
        return Vec::new();
    };
    let hooks: Vec<&WebhookRecord> = hooks.iter().filter(|w| w.listens_for(kind)).collect();
    if hooks.is_empty() {
        return Vec::new();
    }
    let Some(posted) = filing_webhook_event(row, code, event) else {
        return Vec::new();
    };
    hooks
        .into_iter()
        .map(|hook| posted.delivery_to(hook, DeliveryId::new(uuid::Uuid::now_v7().to_string())))
        .collect()
}

/// The webhook event a filing's history event calls for, with its body (the same for every
/// webhook), whichever webhooks its department has: `None` when it calls for none.
pub(crate) fn filing_webhook_event(
    row: &SubmissionRecord,
    code: &DepartmentCode,
    event: &EventRecord,
) -> Option<FilingWebhookEvent> {
    let kind = event_of(event)?;
    let mut data = json!({
        "submission_id": row.id,
        "arrival_number": row.arrival_number,
        "procedure_id": row.procedure_id,
        "state": event.to_state,
        "previous_state": event.from_state,
        "action": event.action,
    });
    if kind == WebhookEvent::PaymentReceived
        && let Some(amount) = event
            .detail
            .as_deref()
            .and_then(|d| serde_json::from_str::<Value>(d).ok())
            .and_then(|d| d.get("amount").cloned())
    {
        data["amount_yen"] = amount;
    }
    let payload = json!({
        "id": event.id,
        "event": kind.code(),
        "occurred_at": event.at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "department": code,
        "data": data,
    })
    .to_string();
    Some(FilingWebhookEvent {
        submission_id: row.id.clone(),
        tenant_id: row.tenant_id.clone(),
        department_code: code.clone(),
        event: kind,
        payload,
        at: event.at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use madoguchi_records::EventRecord;
    use madoguchi_workflow::State;

    #[test]
    fn history_events_map_to_webhook_events() {
        let mut e = EventRecord {
            id: "e".into(),
            tenant_id: "t".into(),
            submission_id: "s".into(),
            seq: 1,
            at: chrono::NaiveDateTime::default(),
            actor_kind: madoguchi_core::ActorKind::Resident,
            actor_id: None,
            action: HistoryAction::Submit,
            from_state: None,
            to_state: State::Arrived,
            reason: None,
            detail: None,
        };
        assert_eq!(event_of(&e), Some(WebhookEvent::SubmissionReceived));
        e.action = HistoryAction::Payment;
        e.from_state = Some(State::Arrived);
        assert_eq!(event_of(&e), Some(WebhookEvent::PaymentReceived));
        e.action = HistoryAction::Assign;
        assert_eq!(event_of(&e), None, "the state stays");
        e.action = HistoryAction::Approve;
        e.to_state = State::Approved;
        assert_eq!(event_of(&e), Some(WebhookEvent::StatusChanged));
    }
}
