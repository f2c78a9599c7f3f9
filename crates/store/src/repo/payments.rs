//! Payments of fees, the webhook events applied to them, and refunds.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{payment_events, payments, refunds};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::{PaymentRecord, RefundRecord};

row!(PaymentRow <-> PaymentRecord in payments {
    id: String,
    tenant_id: String,
    submission_id: String,
    timing: String,
    amount_yen: i64,
    status: String,
    checkout_id: Option<String>,
    page_url: Option<String>,
    method: Option<String>,
    konbini_number: Option<String>,
    amount_paid_yen: i64,
    amount_refunded_yen: i64,
    token_hash: String,
    created_at: Timestamp,
    updated_at: Timestamp,
    paid_at: Option<Timestamp>,
    next_check_at: Option<Timestamp>,
    last_error: Option<String>,
});

row!(RefundRow <-> RefundRecord in refunds {
    id: String,
    tenant_id: String,
    payment_id: String,
    amount_yen: i64,
    reason: String,
    state: String,
    requested_at: Timestamp,
    done_at: Option<Timestamp>,
    attempts: i32,
    next_attempt_at: Timestamp,
    last_error: Option<String>,
    provider_refund_id: Option<String>,
});

pub fn insert(conn: &mut DbConn, record: &PaymentRecord) -> Result<(), Error> {
    diesel::insert_into(payments::table)
        .values(PaymentRow::from(record))
        .execute(conn)?;
    Ok(())
}

macro_rules! find_by {
    ($name:ident, $column:ident) => {
        pub fn $name(conn: &mut DbConn, value: &str) -> Result<Option<PaymentRecord>, Error> {
            Ok(payments::table
                .filter(payments::$column.eq(value))
                .select(PaymentRow::as_select())
                .first::<PaymentRow>(conn)
                .optional()?
                .map(Into::into))
        }
    };
}

find_by!(find, id);
find_by!(find_by_checkout, checkout_id);
find_by!(find_by_token, token_hash);

pub fn of_submission(conn: &mut DbConn, submission_id: &str) -> Result<Vec<PaymentRecord>, Error> {
    Ok(payments::table
        .filter(payments::submission_id.eq(submission_id))
        .order((payments::created_at.asc(), payments::id.asc()))
        .select(PaymentRow::as_select())
        .load::<PaymentRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Compare-and-set on the status: false when the payment was no longer in `expected`.
pub fn update_if(conn: &mut DbConn, r: &PaymentRecord, expected: &str) -> Result<bool, Error> {
    let n = diesel::update(
        payments::table
            .filter(payments::id.eq(&r.id))
            .filter(payments::status.eq(expected)),
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
    .execute(conn)?;
    Ok(n == 1)
}

pub fn to_check(
    conn: &mut DbConn,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<PaymentRecord>, Error> {
    Ok(payments::table
        .filter(payments::next_check_at.le(now))
        .order(payments::next_check_at.asc())
        .limit(limit)
        .select(PaymentRow::as_select())
        .load::<PaymentRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn paid_between(
    conn: &mut DbConn,
    tenant_id: &str,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<PaymentRecord>, Error> {
    Ok(payments::table
        .filter(payments::tenant_id.eq(tenant_id))
        .filter(payments::paid_at.ge(from))
        .filter(payments::paid_at.lt(to))
        .order((payments::paid_at.asc(), payments::id.asc()))
        .select(PaymentRow::as_select())
        .load::<PaymentRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn event_seen(conn: &mut DbConn, event_id: &str) -> Result<bool, Error> {
    let n: i64 = payment_events::table
        .filter(payment_events::event_id.eq(event_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn insert_event(
    conn: &mut DbConn,
    event_id: &str,
    payment_id: &str,
    status: &str,
    at: Timestamp,
) -> Result<(), Error> {
    diesel::insert_into(payment_events::table)
        .values((
            payment_events::event_id.eq(event_id),
            payment_events::payment_id.eq(payment_id),
            payment_events::status.eq(status),
            payment_events::received_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_refund(conn: &mut DbConn, record: &RefundRecord) -> Result<(), Error> {
    diesel::insert_into(refunds::table)
        .values(RefundRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn refund_of(conn: &mut DbConn, payment_id: &str) -> Result<Option<RefundRecord>, Error> {
    Ok(refunds::table
        .filter(refunds::payment_id.eq(payment_id))
        .select(RefundRow::as_select())
        .first::<RefundRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn refunds_due(
    conn: &mut DbConn,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<RefundRecord>, Error> {
    Ok(refunds::table
        .filter(refunds::state.eq("requested"))
        .filter(refunds::next_attempt_at.le(now))
        .order(refunds::next_attempt_at.asc())
        .limit(limit)
        .select(RefundRow::as_select())
        .load::<RefundRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn update_refund(conn: &mut DbConn, r: &RefundRecord) -> Result<(), Error> {
    diesel::update(refunds::table.filter(refunds::id.eq(&r.id)))
        .set((
            refunds::state.eq(&r.state),
            refunds::done_at.eq(r.done_at),
            refunds::attempts.eq(r.attempts),
            refunds::next_attempt_at.eq(r.next_attempt_at),
            refunds::last_error.eq(&r.last_error),
            refunds::provider_refund_id.eq(&r.provider_refund_id),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn refunds_done_between(
    conn: &mut DbConn,
    tenant_id: &str,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<RefundRecord>, Error> {
    Ok(refunds::table
        .filter(refunds::tenant_id.eq(tenant_id))
        .filter(refunds::state.eq("done"))
        .filter(refunds::done_at.ge(from))
        .filter(refunds::done_at.lt(to))
        .order((refunds::done_at.asc(), refunds::id.asc()))
        .select(RefundRow::as_select())
        .load::<RefundRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}
