-- Staff sign-in with a second factor, sessions that can be revoked, throttling, and the
-- audit log of who looked at or changed what.

-- The TOTP secret, sealed (AES-256-GCM, see madoguchi-app `secrets`); NULL until enrolled.
ALTER TABLE clerks ADD COLUMN totp_secret TEXT;
-- The last 30-second step a code was accepted for (a code works once).
ALTER TABLE clerks ADD COLUMN totp_last_step BIGINT;
-- Raised when the account is disabled, moved, given another role or a new password, or
-- signed out everywhere: sessions from before stop working on their next request.
ALTER TABLE clerks ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

-- A session is usable once its second factor is checked, until it is idle too long
-- (expires_at, sliding) or too old (absolute_expires_at), and while its epoch is current.
ALTER TABLE clerk_sessions ADD COLUMN mfa_verified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE clerk_sessions ADD COLUMN absolute_expires_at TIMESTAMP;
ALTER TABLE clerk_sessions ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;

-- Failed sign-ins, by account and by address (both hashed), for throttling.
CREATE TABLE login_failures (
    id TEXT PRIMARY KEY NOT NULL,
    key_kind TEXT NOT NULL CHECK (key_kind IN ('login', 'address')),
    key_hash TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key_kind, key_hash, at);

-- Who viewed personal data, revealed a My Number, exported, or changed a staff account.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    at TIMESTAMP NOT NULL,
    clerk_id TEXT REFERENCES clerks (id),
    action TEXT NOT NULL,
    submission_id TEXT REFERENCES submissions (id),
    target_clerk_id TEXT REFERENCES clerks (id),
    reason TEXT,
    detail TEXT
);
CREATE INDEX audit_log_submission ON audit_log (submission_id, at);
CREATE INDEX audit_log_clerk ON audit_log (clerk_id, at);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION madoguchi_append_only();
