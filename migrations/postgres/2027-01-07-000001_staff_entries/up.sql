-- Staff-entered filings (issue 44 item 2, 書かない窓口 for a resident without a phone): a
-- clerk starts an entry at the desk, which gives the clerk's browser a fresh resident
-- session; the clerk fills the procedures with the resident through the same steps and
-- checks, and files them from the counter as a prepared visit is filed.
--
-- `staff_entries`: the session (SHA-256 of its token) a clerk started for a resident, by
-- whom and when. `submissions.entered_by`: the clerk who entered a filing's answers for
-- the resident (NULL: the resident did), shown on the filing and counted in the figures.
CREATE TABLE staff_entries (
    session_hash TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    clerk_id TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL
);
CREATE INDEX staff_entries_by_start ON staff_entries (started_at);
ALTER TABLE submissions ADD COLUMN entered_by TEXT;
