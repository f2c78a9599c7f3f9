-- Counter payments (窓口収納, issue 44 item 3): see the SQLite migration of the same name.
ALTER TABLE payments ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
    CHECK (channel IN ('online', 'counter'));
ALTER TABLE payments ADD COLUMN receipt_number TEXT;
ALTER TABLE payments ADD COLUMN recorded_by TEXT;
CREATE UNIQUE INDEX payments_one_at_counter ON payments (submission_id, timing)
    WHERE channel = 'counter';

ALTER TABLE refunds DROP CONSTRAINT refunds_reason_check;
ALTER TABLE refunds ADD CONSTRAINT refunds_reason_check
    CHECK (reason IN ('rejected', 'withdrawn', 'paid_after_close', 'paid_twice'));
ALTER TABLE refunds ADD COLUMN returned_by TEXT;
