-- Counter pre-entry (書かない窓口): a resident prepares one or more procedures on a phone
-- and shows a code at the counter; a clerk opens it, checks identity and files them.
-- The answers stay in the resident's drafts (found by the session); the code is derived
-- from the visit with a server key and never stored, only its SHA-256.
CREATE TABLE counter_visits (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    -- SHA-256 of the resident's session token: its drafts hold the answers.
    session_hash TEXT NOT NULL,
    -- SHA-256 of the current code (it changes when the resident asks for a new one).
    code_hash TEXT NOT NULL UNIQUE,
    -- JSON array of the procedure ids prepared, in order.
    procedures TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    opened_by TEXT REFERENCES clerks (id),
    opened_at TIMESTAMP,
    filed_by TEXT REFERENCES clerks (id),
    filed_at TIMESTAMP,
    -- JSON: the identity document checked and the arrival numbers filed.
    outcome TEXT
);
CREATE INDEX counter_visits_session ON counter_visits (tenant_id, session_hash);
