DROP INDEX login_failures_at;
DROP INDEX attachments_unfiled;
CREATE TABLE draft_links_old (
    token_hash TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
INSERT INTO draft_links_old (token_hash, tenant_id, draft_id, created_at, expires_at, used_at)
    SELECT token_hash, tenant_id, draft_id, created_at, expires_at, used_at FROM draft_links
    WHERE draft_id IN (SELECT id FROM drafts);
DROP TABLE draft_links;
ALTER TABLE draft_links_old RENAME TO draft_links;
CREATE INDEX draft_links_draft ON draft_links (draft_id);
