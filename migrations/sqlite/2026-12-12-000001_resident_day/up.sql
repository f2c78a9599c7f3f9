-- The resident's day.
-- A confirmation link remembers the browser session (its token's SHA-256) that asked for
-- it: confirming from that session signs it in.
ALTER TABLE account_links ADD COLUMN session_hash TEXT;
-- The secret printed on the receipt for looking up the status without an account: only
-- its SHA-256 is kept.
ALTER TABLE submissions ADD COLUMN status_key_hash TEXT;
-- When the purpose of use of the personal data (利用目的) was shown: on the draft when its
-- first step was sent from the page that showed it, then on the filing.
ALTER TABLE drafts ADD COLUMN privacy_notice_shown_at TIMESTAMP;
ALTER TABLE submissions ADD COLUMN privacy_notice_shown_at TIMESTAMP;
