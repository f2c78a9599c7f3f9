ALTER TABLE attachments DROP COLUMN correction_id;
