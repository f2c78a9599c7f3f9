-- Retention: expired drafts, their unfiled files, sessions and codes are deleted by the
-- worker. A draft link outlives its draft (filed or expired) for a while, so a second use
-- answers "this link no longer works" (410) rather than "not found": the foreign key that
-- deleted links with their draft goes.
CREATE TABLE draft_links_new (
    token_hash TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    draft_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
INSERT INTO draft_links_new (token_hash, tenant_id, draft_id, created_at, expires_at, used_at)
    SELECT token_hash, tenant_id, draft_id, created_at, expires_at, used_at FROM draft_links;
DROP TABLE draft_links;
ALTER TABLE draft_links_new RENAME TO draft_links;
CREATE INDEX draft_links_draft ON draft_links (draft_id);
CREATE INDEX draft_links_expires ON draft_links (expires_at);
CREATE INDEX attachments_unfiled ON attachments (created_at) WHERE submission_id IS NULL;
CREATE INDEX login_failures_at ON login_failures (at);
