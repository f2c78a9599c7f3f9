-- Residents' own accounts (email and password), optional: a resident may also file as a
-- guest who confirmed their email, where the procedure's identity level allows it.
CREATE TABLE resident_accounts (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    -- Lower-cased; one account per address and municipality.
    email TEXT NOT NULL,
    -- argon2id (PHC string).
    password_hash TEXT NOT NULL,
    -- When the resident opened the link we emailed; unverified accounts cannot sign in.
    verified_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, email)
);

-- Emailed links for an account: confirming the address, or setting a new password. Only
-- the SHA-256 of the link's secret is kept; each works once, until it expires.
CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES resident_accounts (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX account_links_account ON account_links (account_id, purpose);

-- A guest's email confirmed by a six-digit code, for one browser session (its token's
-- SHA-256). The code's hash, how often it was tried, and when it was confirmed.
CREATE TABLE guest_emails (
    session_hash TEXT NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    verified_at TIMESTAMP,
    PRIMARY KEY (session_hash, email)
);
