-- Madoguchi initial schema (SQLite). Keep in step with ../../postgres/ (same names, same
-- columns); only types and trigger syntax differ. Timestamps are UTC, bound from Rust.

CREATE TABLE tenants (
    id TEXT PRIMARY KEY NOT NULL,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE departments (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    code TEXT NOT NULL,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, code)
);

CREATE TABLE clerks (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE clerk_sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    clerk_id TEXT NOT NULL REFERENCES clerks (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX clerk_sessions_expires ON clerk_sessions (expires_at);

CREATE TABLE form_versions (
    version TEXT PRIMARY KEY NOT NULL,
    procedure_id TEXT NOT NULL,
    definition TEXT NOT NULL,
    first_loaded_at TIMESTAMP NOT NULL
);
CREATE INDEX form_versions_procedure ON form_versions (procedure_id);

CREATE TABLE drafts (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    session_hash TEXT NOT NULL,
    procedure_id TEXT NOT NULL,
    form_version TEXT NOT NULL REFERENCES form_versions (version),
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    UNIQUE (session_hash, procedure_id)
);
CREATE INDEX drafts_expires ON drafts (expires_at);

CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    procedure_id TEXT NOT NULL,
    form_version TEXT NOT NULL REFERENCES form_versions (version),
    arrival_number TEXT NOT NULL UNIQUE,
    arrived_at TIMESTAMP NOT NULL,
    due_on DATE,
    state TEXT NOT NULL CHECK (state IN ('arrived', 'approved', 'rejected')),
    data TEXT NOT NULL,
    data_sha256 TEXT NOT NULL,
    fee_yen BIGINT NOT NULL CHECK (fee_yen >= 0),
    applicant_name TEXT,
    contact_email TEXT,
    resident_session_hash TEXT,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX submissions_queue ON submissions (tenant_id, department_id, arrived_at);

CREATE TABLE submission_events (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    seq INTEGER NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('resident', 'clerk', 'system')),
    actor_id TEXT,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT,
    UNIQUE (submission_id, seq)
);

-- The audit trail is append-only: the database itself refuses changes.
CREATE TRIGGER submission_events_no_update BEFORE UPDATE ON submission_events
BEGIN
    SELECT RAISE(ABORT, 'submission_events is append-only');
END;
CREATE TRIGGER submission_events_no_delete BEFORE DELETE ON submission_events
BEGIN
    SELECT RAISE(ABORT, 'submission_events is append-only');
END;

CREATE TABLE idempotency_keys (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    submission_id TEXT REFERENCES submissions (id),
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    sent_at TIMESTAMP,
    failed_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, failed_at, next_attempt_at);
