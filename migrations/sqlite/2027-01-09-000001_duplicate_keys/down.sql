DROP INDEX submissions_duplicate_key;
ALTER TABLE submissions DROP COLUMN duplicate_key;
