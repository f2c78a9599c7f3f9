DROP INDEX submissions_ward_queue;
ALTER TABLE submissions DROP COLUMN ward_code;
ALTER TABLE clerks DROP COLUMN ward_code;
ALTER TABLE departments DROP COLUMN ward_office;
DROP TABLE wards;
