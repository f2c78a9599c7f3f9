-- A reminder goes out once, shortly before a correction's deadline, with a fresh link
-- (only the newest link's SHA-256 is kept).
ALTER TABLE corrections ADD COLUMN reminded_at TIMESTAMP;
