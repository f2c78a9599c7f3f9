//! A department's integrations: API tokens, webhooks and their deliveries. Deliveries are
//! leased like the mail outbox (a conditional UPDATE, portable to both engines), so two
//! workers never post the same delivery at once and a crashed worker's lease runs out.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{api_tokens, webhook_deliveries, webhooks};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::{ApiTokenRecord, WebhookDeliveryRecord, WebhookRecord};

row!(TokenRow <-> ApiTokenRecord in api_tokens {
    id: String,
    tenant_id: String,
    department_code: String,
    name: String,
    can_write: bool,
    secret_hash: String,
    created_by: String,
    created_at: Timestamp,
    last_used_at: Option<Timestamp>,
    revoked_at: Option<Timestamp>,
});

row!(WebhookRow <-> WebhookRecord in webhooks {
    id: String,
    tenant_id: String,
    department_code: String,
    url: String,
    events: String,
    secret: String,
    created_by: String,
    created_at: Timestamp,
    disabled_at: Option<Timestamp>,
});

row!(DeliveryRow <-> WebhookDeliveryRecord in webhook_deliveries {
    id: String,
    webhook_id: String,
    event: String,
    payload: String,
    created_at: Timestamp,
    attempts: i32,
    next_attempt_at: Timestamp,
    locked_until: Option<Timestamp>,
    delivered_at: Option<Timestamp>,
    failed_at: Option<Timestamp>,
    last_status: Option<i32>,
    last_error: Option<String>,
});

pub fn insert_token(conn: &mut DbConn, record: &ApiTokenRecord) -> Result<(), Error> {
    diesel::insert_into(api_tokens::table)
        .values(TokenRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn find_token(conn: &mut DbConn, secret_hash: &str) -> Result<Option<ApiTokenRecord>, Error> {
    Ok(api_tokens::table
        .filter(api_tokens::secret_hash.eq(secret_hash))
        .select(TokenRow::as_select())
        .first::<TokenRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn tokens(
    conn: &mut DbConn,
    tenant_id: &str,
    department_code: &str,
) -> Result<Vec<ApiTokenRecord>, Error> {
    Ok(api_tokens::table
        .filter(api_tokens::tenant_id.eq(tenant_id))
        .filter(api_tokens::department_code.eq(department_code))
        .order(api_tokens::created_at.asc())
        .select(TokenRow::as_select())
        .load::<TokenRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn revoke_token(
    conn: &mut DbConn,
    id: &str,
    department_code: &str,
    now: Timestamp,
) -> Result<bool, Error> {
    let n = diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::department_code.eq(department_code))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn touch_token(conn: &mut DbConn, id: &str, now: Timestamp) -> Result<(), Error> {
    diesel::update(api_tokens::table.find(id))
        .set(api_tokens::last_used_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

pub fn insert_webhook(conn: &mut DbConn, record: &WebhookRecord) -> Result<(), Error> {
    diesel::insert_into(webhooks::table)
        .values(WebhookRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn find_webhook(conn: &mut DbConn, id: &str) -> Result<Option<WebhookRecord>, Error> {
    Ok(webhooks::table
        .find(id)
        .select(WebhookRow::as_select())
        .first::<WebhookRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn webhooks_of(
    conn: &mut DbConn,
    tenant_id: &str,
    department_code: &str,
) -> Result<Vec<WebhookRecord>, Error> {
    Ok(webhooks::table
        .filter(webhooks::tenant_id.eq(tenant_id))
        .filter(webhooks::department_code.eq(department_code))
        .order(webhooks::created_at.asc())
        .select(WebhookRow::as_select())
        .load::<WebhookRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn disable_webhook(conn: &mut DbConn, id: &str, now: Timestamp) -> Result<bool, Error> {
    let n = diesel::update(
        webhooks::table
            .filter(webhooks::id.eq(id))
            .filter(webhooks::disabled_at.is_null()),
    )
    .set(webhooks::disabled_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn enqueue(conn: &mut DbConn, record: &WebhookDeliveryRecord) -> Result<(), Error> {
    diesel::insert_into(webhook_deliveries::table)
        .values(DeliveryRow::from(record))
        .execute(conn)?;
    Ok(())
}

/// Leases deliveries due at `now`: each claim is a conditional UPDATE that affects nothing
/// when another worker leased the row first.
pub fn claim_due(
    conn: &mut DbConn,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<WebhookDeliveryRecord>, Error> {
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
    let candidates: Vec<String> = webhook_deliveries::table
        .filter(open())
        .filter(webhook_deliveries::next_attempt_at.le(now))
        .order(webhook_deliveries::next_attempt_at.asc())
        .limit(limit)
        .select(webhook_deliveries::id)
        .load(conn)?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for id in candidates {
        let n = diesel::update(
            webhook_deliveries::table
                .filter(webhook_deliveries::id.eq(&id))
                .filter(open()),
        )
        .set(webhook_deliveries::locked_until.eq(Some(lease_until)))
        .execute(conn)?;
        if n == 1
            && let Some(row) = find_delivery(conn, &id)?
        {
            claimed.push(row);
        }
    }
    Ok(claimed)
}

pub fn record_attempt(conn: &mut DbConn, record: &WebhookDeliveryRecord) -> Result<(), Error> {
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
        .execute(conn)?;
    Ok(())
}

pub fn find_delivery(conn: &mut DbConn, id: &str) -> Result<Option<WebhookDeliveryRecord>, Error> {
    Ok(webhook_deliveries::table
        .find(id)
        .select(DeliveryRow::as_select())
        .first::<DeliveryRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn deliveries(
    conn: &mut DbConn,
    webhook_id: &str,
    limit: i64,
) -> Result<Vec<WebhookDeliveryRecord>, Error> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .order((
            webhook_deliveries::created_at.desc(),
            webhook_deliveries::id.desc(),
        ))
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load::<DeliveryRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}
