-- Approval routes for decisions (決裁ルート, issue 44 item 1). A staff account has a post
-- (職位) in its section: 担当, 係長, 課長, 部長. Where the city's data names a route for a
-- procedure (or its section's default), a clerk's approval or refusal is a draft (起案)
-- that waits for each step's post in turn; the decision takes effect (mail, notice,
-- payment request) only when the last step (専決 or 決裁) agrees. Supervisors are 係長
-- until their administrator says otherwise.
ALTER TABLE clerks ADD COLUMN post TEXT NOT NULL DEFAULT 'staff'
    CHECK (post IN ('staff', 'chief', 'manager', 'director'));
UPDATE clerks SET post = 'chief' WHERE role = 'supervisor';

-- A drafted decision. `route`: the posts of its steps as drafted (JSON, lowest step
-- first), so a route changed meanwhile does not change a draft on its way; `step`: the
-- step waiting. One draft on its way per filing.
CREATE TABLE decision_drafts (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    action TEXT NOT NULL CHECK (action IN ('approve', 'reject')),
    reason TEXT NOT NULL,
    tell_applicant BOOLEAN NOT NULL,
    route TEXT NOT NULL,
    step INTEGER NOT NULL CHECK (step >= 0),
    status TEXT NOT NULL CHECK (status IN ('pending', 'returned', 'decided', 'withdrawn')),
    drafted_by TEXT NOT NULL REFERENCES clerks (id),
    drafted_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE UNIQUE INDEX decision_drafts_one_pending ON decision_drafts (submission_id)
    WHERE status = 'pending';
CREATE INDEX decision_drafts_waiting ON decision_drafts (tenant_id, status, drafted_at);
CREATE INDEX decision_drafts_of_filing ON decision_drafts (submission_id, drafted_at);
CREATE INDEX decision_drafts_by ON decision_drafts (drafted_by, status, drafted_at);

-- Each approver's word on a draft: who, at which step, with which post, agreed
-- (`endorse`) or sent it back (`return`) with a comment; `stand_in` when the one below the
-- step's post acted for its holder (代決), with the reason in the comment. One word per
-- step: a second approver acting on the same step at the same moment is refused.
CREATE TABLE decision_signoffs (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    draft_id TEXT NOT NULL REFERENCES decision_drafts (id),
    step INTEGER NOT NULL,
    clerk_id TEXT NOT NULL REFERENCES clerks (id),
    post TEXT NOT NULL CHECK (post IN ('staff', 'chief', 'manager', 'director')),
    verdict TEXT NOT NULL CHECK (verdict IN ('endorse', 'return')),
    stand_in BOOLEAN NOT NULL,
    comment TEXT NOT NULL,
    signed_at TIMESTAMP NOT NULL,
    UNIQUE (draft_id, step)
);
