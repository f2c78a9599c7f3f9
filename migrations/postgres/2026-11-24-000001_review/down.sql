DROP TABLE corrections;
ALTER TABLE clerks DROP COLUMN role;
ALTER TABLE submission_events DROP COLUMN detail;
DROP INDEX submissions_assignee;
DROP INDEX submissions_state;
ALTER TABLE submissions DROP COLUMN search_key;
ALTER TABLE submissions DROP COLUMN assignee_id;
UPDATE submissions SET state = 'arrived' WHERE state NOT IN ('arrived', 'approved', 'rejected');
ALTER TABLE submissions DROP CONSTRAINT submissions_state_check;
ALTER TABLE submissions ADD CONSTRAINT submissions_state_check
    CHECK (state IN ('arrived', 'approved', 'rejected'));
