DROP TABLE decision_signoffs;
DROP TABLE decision_drafts;
ALTER TABLE clerks DROP COLUMN post;
