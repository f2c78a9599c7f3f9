-- The review process: every state of the workflow crate, assignment, search by name or
-- reading, structured event details (extensions), correction requests (補正), staff roles.
ALTER TABLE submissions DROP CONSTRAINT submissions_state_check;
ALTER TABLE submissions ADD CONSTRAINT submissions_state_check
    CHECK (state IN ('arrived', 'in_review', 'correction_requested', 'resubmitted',
        'approved', 'rejected', 'withdrawn', 'closed'));
ALTER TABLE submissions ADD COLUMN assignee_id TEXT REFERENCES clerks (id);
ALTER TABLE submissions ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
UPDATE submissions SET search_key = COALESCE(applicant_name, '');
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
