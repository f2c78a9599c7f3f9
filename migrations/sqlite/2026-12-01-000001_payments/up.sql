-- Fees paid online. A payment is one attempt to collect a filing's fee through the
-- provider's hosted checkout; when a checkout lapses or fails the resident starts another
-- (a new row), so a filing has at most one payment that is not final at a time.
-- `status` is the provider's status (created, pending, paid, expired, failed, refunded),
-- or `due` before a checkout exists (the provider was down, or nobody pressed "pay" yet).
-- Amounts are whole yen.
CREATE TABLE payments (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    timing TEXT NOT NULL CHECK (timing IN ('on_submission', 'after_approval')),
    amount_yen BIGINT NOT NULL CHECK (amount_yen > 0),
    status TEXT NOT NULL CHECK (status IN ('due', 'created', 'pending', 'paid', 'expired', 'failed', 'refunded')),
    checkout_id TEXT UNIQUE,
    page_url TEXT,
    method TEXT,
    konbini_number TEXT,
    amount_paid_yen BIGINT NOT NULL DEFAULT 0,
    amount_refunded_yen BIGINT NOT NULL DEFAULT 0,
    -- SHA-256 of the secret in the "pay now" link emailed to the applicant.
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    paid_at TIMESTAMP,
    -- When the polling job next asks the provider (checkouts not yet final).
    next_check_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX payments_submission ON payments (submission_id);
CREATE INDEX payments_check ON payments (next_check_at);
CREATE INDEX payments_paid_at ON payments (tenant_id, paid_at);

-- Webhook events already applied, by the provider's event id: a duplicate is dropped.
CREATE TABLE payment_events (
    event_id TEXT PRIMARY KEY NOT NULL,
    payment_id TEXT NOT NULL REFERENCES payments (id),
    status TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);

-- Refunds owed. One per payment (always the whole amount paid), made by the payment job
-- with the refund's id as the provider's idempotency key, so a retry never refunds twice.
CREATE TABLE refunds (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    payment_id TEXT NOT NULL UNIQUE REFERENCES payments (id),
    amount_yen BIGINT NOT NULL CHECK (amount_yen > 0),
    reason TEXT NOT NULL CHECK (reason IN ('rejected', 'withdrawn', 'paid_after_close')),
    state TEXT NOT NULL CHECK (state IN ('requested', 'done', 'failed')),
    requested_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    provider_refund_id TEXT
);
CREATE INDEX refunds_due ON refunds (state, next_attempt_at);
CREATE INDEX refunds_done_at ON refunds (tenant_id, done_at);
