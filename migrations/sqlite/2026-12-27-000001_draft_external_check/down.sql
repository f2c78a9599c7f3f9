ALTER TABLE drafts DROP COLUMN external_check;
