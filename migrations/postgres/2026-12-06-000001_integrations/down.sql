ALTER TABLE procedure_drafts DROP COLUMN submitted_note;
ALTER TABLE procedure_drafts DROP COLUMN submitted_at;
ALTER TABLE procedure_drafts DROP COLUMN submitted_by;
ALTER TABLE departments DROP COLUMN publish_needs_approval;
DROP TABLE webhook_deliveries;
DROP TABLE webhooks;
DROP TABLE api_tokens;
