//! A department's integrations: API tokens, webhooks and their deliveries. Deliveries are
//! leased like the mail outbox (a conditional UPDATE, portable to both engines), so two
//! workers never post the same delivery at once and a crashed worker's lease runs out.

use diesel::prelude::*;
use madoguchi_core::{ApiTokenId, DeliveryId, DepartmentCode, TenantId, WebhookId};
use madoguchi_records::IntegrationsRead;
use madoguchi_records::schema::{api_tokens, webhook_deliveries, webhooks};
use madoguchi_records::{
    ApiTokenRecord, Integrations, StoreError, WebhookDeliveryRecord, WebhookRecord,
};

use crate::{DbConn, Timestamp};

impl IntegrationsRead for DbConn {
    fn find_api_token(&mut self, secret_hash: &str) -> Result<Option<ApiTokenRecord>, StoreError> {
        Ok(api_tokens::table
            .filter(api_tokens::secret_hash.eq(secret_hash))
            .select(ApiTokenRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn api_tokens(
        &mut self,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
    ) -> Result<Vec<ApiTokenRecord>, StoreError> {
        Ok(api_tokens::table
            .filter(api_tokens::tenant_id.eq(tenant_id))
            .filter(api_tokens::department_code.eq(department_code))
            .order(api_tokens::created_at.asc())
            .select(ApiTokenRecord::as_select())
            .load(self)?)
    }

    fn find_webhook(&mut self, id: &WebhookId) -> Result<Option<WebhookRecord>, StoreError> {
        Ok(webhooks::table
            .find(id)
            .select(WebhookRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn webhooks(
        &mut self,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
    ) -> Result<Vec<WebhookRecord>, StoreError> {
        Ok(webhooks::table
            .filter(webhooks::tenant_id.eq(tenant_id))
            .filter(webhooks::department_code.eq(department_code))
            .order(webhooks::created_at.asc())
            .select(WebhookRecord::as_select())
            .load(self)?)
    }

    fn find_webhook_delivery(
        &mut self,
        id: &DeliveryId,
    ) -> Result<Option<WebhookDeliveryRecord>, StoreError> {
        Ok(webhook_deliveries::table
            .find(id)
            .select(WebhookDeliveryRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn webhook_deliveries(
        &mut self,
        webhook_id: &WebhookId,
        limit: i64,
    ) -> Result<Vec<WebhookDeliveryRecord>, StoreError> {
        Ok(webhook_deliveries::table
            .filter(webhook_deliveries::webhook_id.eq(webhook_id))
            .order((
                webhook_deliveries::created_at.desc(),
                webhook_deliveries::id.desc(),
            ))
            .limit(limit)
            .select(WebhookDeliveryRecord::as_select())
            .load(self)?)
    }
}

impl Integrations for DbConn {
    fn insert_api_token(&mut self, record: &ApiTokenRecord) -> Result<(), StoreError> {
        diesel::insert_into(api_tokens::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn revoke_api_token(
        &mut self,
        id: &ApiTokenId,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            api_tokens::table
                .filter(api_tokens::id.eq(id))
                .filter(api_tokens::tenant_id.eq(tenant_id))
                .filter(api_tokens::department_code.eq(department_code))
                .filter(api_tokens::revoked_at.is_null()),
        )
        .set(api_tokens::revoked_at.eq(Some(now)))
        .execute(self)?;
        Ok(n == 1)
    }

    fn touch_api_token(&mut self, id: &ApiTokenId, now: Timestamp) -> Result<(), StoreError> {
        diesel::update(api_tokens::table.find(id))
            .set(api_tokens::last_used_at.eq(Some(now)))
            .execute(self)?;
        Ok(())
    }

    fn insert_webhook(&mut self, record: &WebhookRecord) -> Result<(), StoreError> {
        diesel::insert_into(webhooks::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn disable_webhook(&mut self, id: &WebhookId, now: Timestamp) -> Result<bool, StoreError> {
        let n = diesel::update(
            webhooks::table
                .filter(webhooks::id.eq(id))
                .filter(webhooks::disabled_at.is_null()),
        )
        .set(webhooks::disabled_at.eq(Some(now)))
        .execute(self)?;
        Ok(n == 1)
    }

    fn enqueue_webhook(&mut self, record: &WebhookDeliveryRecord) -> Result<(), StoreError> {
        diesel::insert_into(webhook_deliveries::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn enqueue_webhooks(&mut self, records: &[WebhookDeliveryRecord]) -> Result<(), StoreError> {
        for rows in records.chunks(madoguchi_records::ROWS_PER_INSERT) {
            insert_rows!(self, webhook_deliveries::table, rows);
        }
        Ok(())
    }

    /// Each claim is a conditional UPDATE that affects nothing when another worker leased
    /// the row first.
    fn claim_due_webhooks(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<WebhookDeliveryRecord>, StoreError> {
        let open = || {
            webhook_deliveries::delivered_at
                .is_null()
                .and(webhook_deliveries::failed_at.is_null())
                .and(
                    webhook_deliveries::locked_until
                        .is_null()
                        .or(webhook_deliveries::locked_until.lt(now)),
                )
        };
        let candidates: Vec<DeliveryId> = webhook_deliveries::table
            .filter(open())
            .filter(webhook_deliveries::next_attempt_at.le(now))
            .order(webhook_deliveries::next_attempt_at.asc())
            .limit(limit)
            .select(webhook_deliveries::id)
            .load(self)?;
        let mut claimed = Vec::with_capacity(candidates.len());
        for id in candidates {
            let n = diesel::update(
                webhook_deliveries::table
                    .filter(webhook_deliveries::id.eq(&id))
                    .filter(open()),
            )
            .set(webhook_deliveries::locked_until.eq(Some(lease_until)))
            .execute(self)?;
            if n == 1
                && let Some(row) = self.find_webhook_delivery(&id)?
            {
                claimed.push(row);
            }
        }
        Ok(claimed)
    }

    fn record_webhook_attempt(&mut self, record: &WebhookDeliveryRecord) -> Result<(), StoreError> {
        diesel::update(webhook_deliveries::table.find(&record.id))
            .set((
                webhook_deliveries::attempts.eq(record.attempts),
                webhook_deliveries::next_attempt_at.eq(record.next_attempt_at),
                webhook_deliveries::locked_until.eq(None::<Timestamp>),
                webhook_deliveries::delivered_at.eq(record.delivered_at),
                webhook_deliveries::failed_at.eq(record.failed_at),
                webhook_deliveries::last_status.eq(record.last_status),
                webhook_deliveries::last_error.eq(&record.last_error),
            ))
            .execute(self)?;
        Ok(())
    }
}
