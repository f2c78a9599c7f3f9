DROP INDEX submissions_resident_session;
DROP INDEX submissions_resident_account;
CREATE INDEX submissions_resident_account ON submissions (tenant_id, resident_account);
