-- Duplicate filings (issue 44 item 4): a procedure's `duplicates` rule names the answers
-- that make two filings the same (the applicant, and key answers such as the child). The
-- filing stores a keyed digest of them (HMAC with a key derived from the deployment's
-- secret: a name and a birth date are too few to hash plainly), so the clerk's page and the
-- resident's check page find the open filings that carry the same one. NULL: the procedure
-- has no rule, or the answers name no applicant.
ALTER TABLE submissions ADD COLUMN duplicate_key TEXT;
CREATE INDEX submissions_duplicate_key ON submissions (tenant_id, duplicate_key)
    WHERE duplicate_key IS NOT NULL;
