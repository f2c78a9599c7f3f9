DROP TABLE audit_log;
DROP TABLE login_failures;
ALTER TABLE clerk_sessions DROP COLUMN epoch;
ALTER TABLE clerk_sessions DROP COLUMN absolute_expires_at;
ALTER TABLE clerk_sessions DROP COLUMN mfa_verified;
ALTER TABLE clerks DROP COLUMN session_epoch;
ALTER TABLE clerks DROP COLUMN totp_last_step;
ALTER TABLE clerks DROP COLUMN totp_secret;
