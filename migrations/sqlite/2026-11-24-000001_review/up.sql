-- The review process: every state of the workflow crate, assignment, search by name or
-- reading, structured event details (extensions), correction requests (補正), staff roles.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE submissions_new (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    procedure_id TEXT NOT NULL,
    form_version TEXT NOT NULL REFERENCES form_versions (version),
    arrival_number TEXT NOT NULL UNIQUE,
    arrived_at TIMESTAMP NOT NULL,
    due_on DATE,
    state TEXT NOT NULL CHECK (state IN ('arrived', 'in_review', 'correction_requested',
        'resubmitted', 'approved', 'rejected', 'withdrawn', 'closed')),
    data TEXT NOT NULL,
    data_sha256 TEXT NOT NULL,
    fee_yen BIGINT NOT NULL CHECK (fee_yen >= 0),
    applicant_name TEXT,
    contact_email TEXT,
    resident_session_hash TEXT,
    updated_at TIMESTAMP NOT NULL,
    ward_code TEXT,
    assignee_id TEXT REFERENCES clerks (id),
    search_key TEXT NOT NULL DEFAULT ''
);
INSERT INTO submissions_new (id, tenant_id, department_id, procedure_id, form_version,
    arrival_number, arrived_at, due_on, state, data, data_sha256, fee_yen, applicant_name,
    contact_email, resident_session_hash, updated_at, ward_code, assignee_id, search_key)
SELECT id, tenant_id, department_id, procedure_id, form_version, arrival_number, arrived_at,
    due_on, state, data, data_sha256, fee_yen, applicant_name, contact_email,
    resident_session_hash, updated_at, ward_code, NULL, COALESCE(applicant_name, '')
FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_new RENAME TO submissions;
CREATE INDEX submissions_queue ON submissions (tenant_id, department_id, arrived_at);
CREATE INDEX submissions_ward_queue ON submissions (tenant_id, department_id, ward_code, arrived_at);
CREATE INDEX submissions_state ON submissions (tenant_id, department_id, state, due_on);
CREATE INDEX submissions_assignee ON submissions (assignee_id);

-- What an event carries besides its reason (an extension's days, a correction's fields).
ALTER TABLE submission_events ADD COLUMN detail TEXT;

ALTER TABLE clerks ADD COLUMN role TEXT NOT NULL DEFAULT 'clerk'
    CHECK (role IN ('clerk', 'supervisor', 'author', 'administrator'));

-- A request to the applicant to fix named fields by a deadline, and its answer.
CREATE TABLE corrections (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    seq INTEGER NOT NULL,
    requested_by TEXT NOT NULL REFERENCES clerks (id),
    requested_at TIMESTAMP NOT NULL,
    -- JSON array of the JSON pointers of the fields to fix.
    fields TEXT NOT NULL,
    message TEXT NOT NULL,
    deadline DATE NOT NULL,
    -- SHA-256 of the secret in the link sent to the applicant.
    token_hash TEXT NOT NULL UNIQUE,
    resubmitted_at TIMESTAMP,
    -- The answers as they were before the correction (the submission holds the new ones).
    previous_data TEXT,
    UNIQUE (submission_id, seq)
);

COMMIT;
PRAGMA foreign_keys = ON;
