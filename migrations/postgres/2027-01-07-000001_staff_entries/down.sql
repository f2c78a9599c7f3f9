ALTER TABLE submissions DROP COLUMN entered_by;
DROP INDEX staff_entries_by_start;
DROP TABLE staff_entries;
