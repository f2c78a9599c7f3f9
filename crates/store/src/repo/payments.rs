//! Payments of fees, the webhook events applied to them, and refunds.

use diesel::prelude::*;
use madoguchi_core::{
    PaymentChannel, PaymentId, PaymentStatus, RefundState, SubmissionId, TenantId,
};
use madoguchi_records::PaymentsRead;
use madoguchi_records::schema::{payment_events, payments, refunds, stub_ledger};
use madoguchi_records::{PaymentRecord, Payments, RefundRecord, StoreError};

use crate::{DbConn, Timestamp};

impl PaymentsRead for DbConn {
    fn find_payment(&mut self, id: &PaymentId) -> Result<Option<PaymentRecord>, StoreError> {
        Ok(payments::table
            .filter(payments::id.eq(id))
            .select(PaymentRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_payment_by_checkout(
        &mut self,
        checkout_id: &str,
    ) -> Result<Option<PaymentRecord>, StoreError> {
        Ok(payments::table
            .filter(payments::checkout_id.eq(checkout_id))
            .select(PaymentRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_payment_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<PaymentRecord>, StoreError> {
        Ok(payments::table
            .filter(payments::token_hash.eq(token_hash))
            .select(PaymentRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn payments_of(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<PaymentRecord>, StoreError> {
        Ok(payments::table
            .filter(payments::submission_id.eq(submission_id))
            .order((payments::created_at.asc(), payments::id.asc()))
            .select(PaymentRecord::as_select())
            .load(self)?)
    }

    fn payments_to_check(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<PaymentRecord>, StoreError> {
        Ok(payments::table
            .filter(payments::next_check_at.le(now))
            .order(payments::next_check_at.asc())
            .limit(limit)
            .select(PaymentRecord::as_select())
            .load(self)?)
    }

    fn payments_paid_between(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<PaymentRecord>, StoreError> {
        Ok(payments::table
            .filter(payments::tenant_id.eq(tenant_id))
            .filter(payments::paid_at.ge(from))
            .filter(payments::paid_at.lt(to))
            .order((payments::paid_at.asc(), payments::id.asc()))
            .select(PaymentRecord::as_select())
            .load(self)?)
    }

    fn payment_event_seen(&mut self, event_id: &str) -> Result<bool, StoreError> {
        let n: i64 = payment_events::table
            .filter(payment_events::event_id.eq(event_id))
            .count()
            .get_result(self)?;
        Ok(n > 0)
    }

    fn refund_of_payment(
        &mut self,
        payment_id: &PaymentId,
    ) -> Result<Option<RefundRecord>, StoreError> {
        Ok(refunds::table
            .filter(refunds::payment_id.eq(payment_id))
            .select(RefundRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn refunds_due(&mut self, now: Timestamp, limit: i64) -> Result<Vec<RefundRecord>, StoreError> {
        // A counter payment is handed back at the counter: the provider is never asked.
        let online = payments::table
            .filter(payments::channel.eq(PaymentChannel::Online))
            .select(payments::id);
        Ok(refunds::table
            .filter(refunds::state.eq(RefundState::Requested))
            .filter(refunds::next_attempt_at.le(now))
            .filter(refunds::payment_id.eq_any(online))
            .order(refunds::next_attempt_at.asc())
            .limit(limit)
            .select(RefundRecord::as_select())
            .load(self)?)
    }

    fn refunds_done_between(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<RefundRecord>, StoreError> {
        Ok(refunds::table
            .filter(refunds::tenant_id.eq(tenant_id))
            .filter(refunds::state.eq(RefundState::Done))
            .filter(refunds::done_at.ge(from))
            .filter(refunds::done_at.lt(to))
            .order((refunds::done_at.asc(), refunds::id.asc()))
            .select(RefundRecord::as_select())
            .load(self)?)
    }
}

impl Payments for DbConn {
    fn insert_payment(&mut self, record: &PaymentRecord) -> Result<(), StoreError> {
        diesel::insert_into(payments::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn update_payment_if(
        &mut self,
        r: &PaymentRecord,
        expected_status: PaymentStatus,
    ) -> Result<bool, StoreError> {
        // What a payment's life changes; id, filing, timing, amount, link and creation stay.
        let n = diesel::update(
            payments::table
                .filter(payments::id.eq(&r.id))
                .filter(payments::status.eq(expected_status)),
        )
        .set((
            payments::status.eq(&r.status),
            payments::checkout_id.eq(&r.checkout_id),
            payments::page_url.eq(&r.page_url),
            payments::method.eq(&r.method),
            payments::konbini_number.eq(&r.konbini_number),
            payments::amount_paid_yen.eq(r.amount_paid_yen),
            payments::amount_refunded_yen.eq(r.amount_refunded_yen),
            payments::updated_at.eq(r.updated_at),
            payments::paid_at.eq(r.paid_at),
            payments::next_check_at.eq(r.next_check_at),
            payments::last_error.eq(&r.last_error),
        ))
        .execute(self)?;
        Ok(n == 1)
    }

    fn insert_payment_event(
        &mut self,
        event_id: &str,
        payment_id: &PaymentId,
        status: PaymentStatus,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::insert_into(payment_events::table)
            .values((
                payment_events::event_id.eq(event_id),
                payment_events::payment_id.eq(payment_id),
                payment_events::status.eq(status),
                payment_events::received_at.eq(at),
            ))
            .execute(self)?;
        Ok(())
    }

    fn insert_refund(&mut self, record: &RefundRecord) -> Result<(), StoreError> {
        diesel::insert_into(refunds::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn update_refund(&mut self, r: &RefundRecord) -> Result<(), StoreError> {
        diesel::update(refunds::table.filter(refunds::id.eq(&r.id)))
            .set((
                refunds::state.eq(&r.state),
                refunds::done_at.eq(r.done_at),
                refunds::attempts.eq(r.attempts),
                refunds::next_attempt_at.eq(r.next_attempt_at),
                refunds::last_error.eq(&r.last_error),
                refunds::provider_refund_id.eq(&r.provider_refund_id),
            ))
            .execute(self)?;
        Ok(())
    }

    fn stub_ledger_for_update(&mut self, now: Timestamp) -> Result<Option<String>, StoreError> {
        // Touching the row first takes its lock (PostgreSQL) for the transaction, so two
        // nodes changing the ledger at once take turns; SQLite has one writer anyway.
        let touched = diesel::update(stub_ledger::table.find(1))
            .set(stub_ledger::updated_at.eq(now))
            .execute(self)?;
        if touched == 0 {
            return Ok(None);
        }
        Ok(Some(
            stub_ledger::table
                .find(1)
                .select(stub_ledger::ledger)
                .first(self)?,
        ))
    }

    fn save_stub_ledger(&mut self, ledger: &str, now: Timestamp) -> Result<(), StoreError> {
        let n = diesel::update(stub_ledger::table.find(1))
            .set((
                stub_ledger::ledger.eq(ledger),
                stub_ledger::updated_at.eq(now),
            ))
            .execute(self)?;
        if n == 0 {
            diesel::insert_into(stub_ledger::table)
                .values((
                    stub_ledger::id.eq(1),
                    stub_ledger::ledger.eq(ledger),
                    stub_ledger::updated_at.eq(now),
                ))
                .execute(self)?;
        }
        Ok(())
    }
}
