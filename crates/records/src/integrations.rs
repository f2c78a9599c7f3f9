//! A department's integrations: API tokens, webhooks and their deliveries.

use madoguchi_core::{
    ApiTokenId, ClerkId, DeliveryId, DepartmentCode, SubmissionId, TenantId, WebhookEvent,
    WebhookId,
};

use crate::{StoreError, Timestamp};

/// A department's API token (see `api_tokens`): only the secret's SHA-256 is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::api_tokens, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct ApiTokenRecord {
    pub id: ApiTokenId,
    pub tenant_id: TenantId,
    pub department_code: DepartmentCode,
    pub name: String,
    pub can_write: bool,
    pub secret_hash: String,
    pub created_by: ClerkId,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// A department's webhook subscription (see `webhooks`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::webhooks, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct WebhookRecord {
    pub id: WebhookId,
    pub tenant_id: TenantId,
    pub department_code: DepartmentCode,
    pub url: String,
    /// Comma-separated event names.
    pub events: String,
    /// The signing secret, sealed.
    pub secret: String,
    pub created_by: ClerkId,
    pub created_at: Timestamp,
    pub disabled_at: Option<Timestamp>,
}

impl WebhookRecord {
    /// Is this webhook posted `event`? It is when it is enabled and subscribed to it.
    pub fn listens_for(&self, event: WebhookEvent) -> bool {
        self.disabled_at.is_none() && self.events.split(',').any(|e| e == event.code())
    }
}

/// A new filing's webhook event, posted to every webhook of its department that listens
/// for it ([`WebhookRecord::listens_for`]). The store finds those webhooks as it writes the
/// filing (`Submissions::insert_new_filings`): a batch of filings reads nothing before its
/// write, and a webhook's deliveries are decided in the statement that stores the filing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilingWebhookEvent {
    pub submission_id: SubmissionId,
    pub tenant_id: TenantId,
    pub department_code: DepartmentCode,
    pub event: WebhookEvent,
    /// The JSON body, the same for every webhook.
    pub payload: String,
    /// When it happened: each delivery's `created_at` and first `next_attempt_at`.
    pub at: Timestamp,
}

impl FilingWebhookEvent {
    /// Its delivery to `hook`, not yet attempted, as `id`.
    pub fn delivery_to(&self, hook: &WebhookRecord, id: DeliveryId) -> WebhookDeliveryRecord {
        WebhookDeliveryRecord {
            id,
            webhook_id: hook.id.clone(),
            event: self.event,
            payload: self.payload.clone(),
            created_at: self.at,
            attempts: 0,
            next_attempt_at: self.at,
            locked_until: None,
            delivered_at: None,
            failed_at: None,
            last_status: None,
            last_error: None,
        }
    }
}

/// One event posted (or to be posted) to one webhook.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::webhook_deliveries, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct WebhookDeliveryRecord {
    pub id: DeliveryId,
    pub webhook_id: WebhookId,
    pub event: WebhookEvent,
    /// The JSON body, exactly as signed and sent.
    pub payload: String,
    pub created_at: Timestamp,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub locked_until: Option<Timestamp>,
    pub delivered_at: Option<Timestamp>,
    pub failed_at: Option<Timestamp>,
    /// The receiver's last HTTP status.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
}

/// What a read may do with [`Integrations`] (`Database::read` hands out only reads).
pub trait IntegrationsRead {
    /// The token with this secret hash, revoked or not.
    fn find_api_token(&mut self, secret_hash: &str) -> Result<Option<ApiTokenRecord>, StoreError>;
    /// The department's tokens, revoked ones too, oldest first.
    fn api_tokens(
        &mut self,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
    ) -> Result<Vec<ApiTokenRecord>, StoreError>;
    fn find_webhook(&mut self, id: &WebhookId) -> Result<Option<WebhookRecord>, StoreError>;
    /// The department's webhooks, disabled ones too, oldest first.
    fn webhooks(
        &mut self,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
    ) -> Result<Vec<WebhookRecord>, StoreError>;
    fn find_webhook_delivery(
        &mut self,
        id: &DeliveryId,
    ) -> Result<Option<WebhookDeliveryRecord>, StoreError>;
    /// The latest deliveries of a webhook, newest first.
    fn webhook_deliveries(
        &mut self,
        webhook_id: &WebhookId,
        limit: i64,
    ) -> Result<Vec<WebhookDeliveryRecord>, StoreError>;
}

/// API tokens, webhooks and deliveries.
pub trait Integrations: IntegrationsRead {
    fn insert_api_token(&mut self, record: &ApiTokenRecord) -> Result<(), StoreError>;
    /// Revokes a live token of the department; false when there is none.
    fn revoke_api_token(
        &mut self,
        id: &ApiTokenId,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    fn touch_api_token(&mut self, id: &ApiTokenId, now: Timestamp) -> Result<(), StoreError>;
    fn insert_webhook(&mut self, record: &WebhookRecord) -> Result<(), StoreError>;
    /// Stops a webhook; false when it was stopped already.
    fn disable_webhook(&mut self, id: &WebhookId, now: Timestamp) -> Result<bool, StoreError>;
    fn enqueue_webhook(&mut self, record: &WebhookDeliveryRecord) -> Result<(), StoreError>;
    /// Several deliveries in one statement per [`crate::ROWS_PER_INSERT`].
    fn enqueue_webhooks(&mut self, records: &[WebhookDeliveryRecord]) -> Result<(), StoreError>;
    /// Leases up to `limit` deliveries due at `now` (see the mail outbox).
    fn claim_due_webhooks(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<WebhookDeliveryRecord>, StoreError>;
    /// Records an attempt: delivered, to retry at `next`, or given up (`failed`).
    fn record_webhook_attempt(&mut self, record: &WebhookDeliveryRecord) -> Result<(), StoreError>;
}
