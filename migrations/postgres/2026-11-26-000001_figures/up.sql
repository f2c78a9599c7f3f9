-- What the published figures and exports need, kept on the submission when it happens:
-- how it was filed, when it was decided and in how many business days, and how often the
-- applicant was asked to correct it.
ALTER TABLE submissions ADD COLUMN filing_mode TEXT NOT NULL DEFAULT 'online'
    CHECK (filing_mode IN ('online', 'pre-entry', 'counter'));
ALTER TABLE submissions ADD COLUMN decided_at TIMESTAMP;
-- Business days the office used (the statutory clock at the decision; pauses excluded).
ALTER TABLE submissions ADD COLUMN days_used INTEGER;
ALTER TABLE submissions ADD COLUMN correction_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX submissions_figures ON submissions (tenant_id, arrived_at, procedure_id);
