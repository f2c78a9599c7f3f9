-- "Email me a link to continue": a secret link (its SHA-256 kept) that moves a draft to
-- the browser that opens it, once, before the draft expires.
CREATE TABLE draft_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX draft_links_draft ON draft_links (draft_id);
