DROP INDEX submissions_figures;
ALTER TABLE submissions DROP COLUMN correction_count;
ALTER TABLE submissions DROP COLUMN days_used;
ALTER TABLE submissions DROP COLUMN decided_at;
ALTER TABLE submissions DROP COLUMN filing_mode;
