ALTER TABLE refunds DROP COLUMN returned_by;
DELETE FROM refunds WHERE reason = 'paid_twice';
ALTER TABLE refunds DROP CONSTRAINT refunds_reason_check;
ALTER TABLE refunds ADD CONSTRAINT refunds_reason_check
    CHECK (reason IN ('rejected', 'withdrawn', 'paid_after_close'));
DROP INDEX payments_one_at_counter;
ALTER TABLE payments DROP COLUMN recorded_by;
ALTER TABLE payments DROP COLUMN receipt_number;
ALTER TABLE payments DROP COLUMN channel;
