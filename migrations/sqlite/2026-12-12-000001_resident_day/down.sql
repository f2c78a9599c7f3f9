ALTER TABLE submissions DROP COLUMN privacy_notice_shown_at;
ALTER TABLE drafts DROP COLUMN privacy_notice_shown_at;
ALTER TABLE submissions DROP COLUMN status_key_hash;
ALTER TABLE account_links DROP COLUMN session_hash;
