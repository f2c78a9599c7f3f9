-- Counter payments (窓口収納, issue 44 item 3): a fee paid in cash or at the counter's
-- terminal is recorded by the clerk who took it, against the filing, as a payment that is
-- already paid. `channel` says where it was collected; `receipt_number` is the number the
-- till printed; `recorded_by` the clerk. One counter payment per filing and timing: a
-- second clerk recording the same fee at the same moment is refused by the index.
ALTER TABLE payments ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
    CHECK (channel IN ('online', 'counter'));
ALTER TABLE payments ADD COLUMN receipt_number TEXT;
ALTER TABLE payments ADD COLUMN recorded_by TEXT;
CREATE UNIQUE INDEX payments_one_at_counter ON payments (submission_id, timing)
    WHERE channel = 'counter';

-- Refunds: a fee paid twice (online and at the counter) gives the online one back
-- (`paid_twice`); a counter payment is given back at the counter, and `returned_by` is
-- the clerk who handed the money back. SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE refunds_new (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    payment_id TEXT NOT NULL UNIQUE REFERENCES payments (id),
    amount_yen BIGINT NOT NULL CHECK (amount_yen > 0),
    reason TEXT NOT NULL CHECK (reason IN ('rejected', 'withdrawn', 'paid_after_close', 'paid_twice')),
    state TEXT NOT NULL CHECK (state IN ('requested', 'done', 'failed')),
    requested_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    provider_refund_id TEXT,
    returned_by TEXT
);
INSERT INTO refunds_new (id, tenant_id, payment_id, amount_yen, reason, state, requested_at,
        done_at, attempts, next_attempt_at, last_error, provider_refund_id)
    SELECT id, tenant_id, payment_id, amount_yen, reason, state, requested_at, done_at,
        attempts, next_attempt_at, last_error, provider_refund_id FROM refunds;
DROP TABLE refunds;
ALTER TABLE refunds_new RENAME TO refunds;
CREATE INDEX refunds_due ON refunds (state, next_attempt_at);
CREATE INDEX refunds_done_at ON refunds (tenant_id, done_at);
