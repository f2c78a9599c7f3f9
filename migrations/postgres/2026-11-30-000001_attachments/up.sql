-- Files attached to a procedure's file questions. While the resident is filling in, a file
-- belongs to the browser session's draft (session_hash, procedure_id); the submission takes
-- it over when filed. The bytes are stored by content (SHA-256) outside the database.
CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    session_hash TEXT NOT NULL,
    procedure_id TEXT NOT NULL,
    -- JSON pointer of the file question.
    field TEXT NOT NULL,
    file_name TEXT NOT NULL,
    -- Detected from the content, never taken from the browser.
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    submission_id TEXT REFERENCES submissions (id)
);
CREATE INDEX attachments_draft ON attachments (tenant_id, session_hash, procedure_id);
CREATE INDEX attachments_submission ON attachments (submission_id);
