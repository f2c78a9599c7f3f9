-- A resident's filings are looked up by the browser's session or by their account
-- (`submissions_of_resident`), newest first. Each has an index of its own that gives the
-- order too; before, the look-up walked every filing of the city (the only index it could
-- use was the city's filings by date). Only filings that have the column are indexed: a
-- filing sent through the API has neither, and writes no entry.
DROP INDEX submissions_resident_account;
CREATE INDEX submissions_resident_account ON submissions (tenant_id, resident_account, arrived_at)
    WHERE resident_account IS NOT NULL;
CREATE INDEX submissions_resident_session ON submissions (tenant_id, resident_session_hash, arrived_at)
    WHERE resident_session_hash IS NOT NULL;
