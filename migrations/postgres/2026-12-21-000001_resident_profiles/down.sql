ALTER TABLE drafts DROP COLUMN prefilled;
DROP TABLE resident_profiles;
