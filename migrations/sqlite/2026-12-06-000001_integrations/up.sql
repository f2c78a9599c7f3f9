-- Integrations of a department: API tokens and webhooks.

-- A token lets a department's systems use the API for that department: read (its
-- procedures, their working copies and its filings' status) or also write (working
-- copies, publish, retire). Only the SHA-256 of the secret is kept; revoked tokens stay
-- listed (who made them, when they were last used).
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    department_code TEXT NOT NULL,
    name TEXT NOT NULL,
    can_write BOOLEAN NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);

-- A department's subscription: events (comma-separated) are posted to the URL, signed
-- with HMAC-SHA256 under the secret (kept sealed).
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    department_code TEXT NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP
);

-- One event for one webhook, written in the same transaction as the change it reports and
-- posted by the workers (leased like the mail outbox), retried with backoff.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id),
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    delivered_at TIMESTAMP,
    failed_at TIMESTAMP,
    last_status INTEGER,
    last_error TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at);
CREATE INDEX webhook_deliveries_of ON webhook_deliveries (webhook_id, created_at);

-- Publishing needs a supervisor's approval in departments that ask for it: the working
-- copy is then submitted (who, when, the change note) and published on approval.
ALTER TABLE departments ADD COLUMN publish_needs_approval BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE procedure_drafts ADD COLUMN submitted_by TEXT;
ALTER TABLE procedure_drafts ADD COLUMN submitted_at TIMESTAMP;
ALTER TABLE procedure_drafts ADD COLUMN submitted_note TEXT;
