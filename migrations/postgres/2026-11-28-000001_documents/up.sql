-- Documents issued to applicants (the decision notice, 決定通知書). What a document says is
-- fixed when it is issued (`content`, JSON) and the PDF is drawn from it, so a notice reads
-- the same however often it is downloaded, even after the appeal-notice text changes.
CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    kind TEXT NOT NULL CHECK (kind IN ('decision_notice')),
    created_at TIMESTAMP NOT NULL,
    content TEXT NOT NULL,
    -- SHA-256 of the secret in the download link emailed to the applicant.
    token_hash TEXT NOT NULL UNIQUE,
    UNIQUE (submission_id, kind)
);
