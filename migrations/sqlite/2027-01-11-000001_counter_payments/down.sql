CREATE TABLE refunds_old (
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
INSERT INTO refunds_old (id, tenant_id, payment_id, amount_yen, reason, state, requested_at,
        done_at, attempts, next_attempt_at, last_error, provider_refund_id)
    SELECT id, tenant_id, payment_id, amount_yen, reason, state, requested_at, done_at,
        attempts, next_attempt_at, last_error, provider_refund_id FROM refunds
    WHERE reason <> 'paid_twice';
DROP TABLE refunds;
ALTER TABLE refunds_old RENAME TO refunds;
CREATE INDEX refunds_due ON refunds (state, next_attempt_at);
CREATE INDEX refunds_done_at ON refunds (tenant_id, done_at);
DROP INDEX payments_one_at_counter;
ALTER TABLE payments DROP COLUMN recorded_by;
ALTER TABLE payments DROP COLUMN receipt_number;
ALTER TABLE payments DROP COLUMN channel;
