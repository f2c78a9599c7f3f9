//! The vitals `/metrics` reports: the outbox's and the webhook deliveries' backlog, payments
//! whose provider calls fail, and submissions by procedure and state. Each is one small
//! aggregate query (the queues' pending rows are few; submissions are grouped in the
//! database).

use diesel::dsl::{count_star, min};
use diesel::prelude::*;
use madoguchi_records::schema::{outbox, payments, submissions, webhook_deliveries};
use madoguchi_records::{QueueVitals, StoreError, VitalSigns, Vitals};

use crate::{DbConn, Timestamp};

impl VitalSigns for DbConn {
    fn vitals(&mut self) -> Result<Vitals, StoreError> {
        let pending = outbox::sent_at.is_null().and(outbox::failed_at.is_null());
        let outbox = QueueVitals {
            backlog: outbox::table
                .filter(pending)
                .select(count_star())
                .get_result(self)?,
            oldest: outbox::table
                .filter(pending)
                .select(min(outbox::created_at))
                .get_result::<Option<Timestamp>>(self)?,
            retrying: outbox::table
                .filter(pending)
                .filter(outbox::attempts.gt(0))
                .select(count_star())
                .get_result(self)?,
            given_up: outbox::table
                .filter(outbox::failed_at.is_not_null())
                .select(count_star())
                .get_result(self)?,
        };
        let pending = webhook_deliveries::delivered_at
            .is_null()
            .and(webhook_deliveries::failed_at.is_null());
        let webhooks = QueueVitals {
            backlog: webhook_deliveries::table
                .filter(pending)
                .select(count_star())
                .get_result(self)?,
            oldest: webhook_deliveries::table
                .filter(pending)
                .select(min(webhook_deliveries::created_at))
                .get_result::<Option<Timestamp>>(self)?,
            retrying: webhook_deliveries::table
                .filter(pending)
                .filter(webhook_deliveries::attempts.gt(0))
                .select(count_star())
                .get_result(self)?,
            given_up: webhook_deliveries::table
                .filter(webhook_deliveries::failed_at.is_not_null())
                .select(count_star())
                .get_result(self)?,
        };
        let payments_failing = payments::table
            .filter(payments::last_error.is_not_null())
            .select(count_star())
            .get_result(self)?;
        let submissions = submissions::table
            .group_by((submissions::procedure_id, submissions::state))
            .select((submissions::procedure_id, submissions::state, count_star()))
            .order((submissions::procedure_id, submissions::state))
            .load::<(String, String, i64)>(self)?;
        Ok(Vitals {
            outbox,
            webhooks,
            payments_failing,
            submissions,
        })
    }
}
