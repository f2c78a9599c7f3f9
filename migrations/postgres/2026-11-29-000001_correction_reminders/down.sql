ALTER TABLE corrections DROP COLUMN reminded_at;
