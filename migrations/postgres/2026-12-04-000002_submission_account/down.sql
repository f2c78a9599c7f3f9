DROP INDEX submissions_resident_account;
ALTER TABLE submissions DROP COLUMN resident_account;
