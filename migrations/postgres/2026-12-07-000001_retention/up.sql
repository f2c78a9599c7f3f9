-- Retention: expired drafts, their unfiled files, sessions and codes are deleted by the
-- worker. A draft link outlives its draft (filed or expired) for a while, so a second use
-- answers "this link no longer works" (410) rather than "not found": the foreign key that
-- deleted links with their draft goes.
ALTER TABLE draft_links DROP CONSTRAINT IF EXISTS draft_links_draft_id_fkey;
CREATE INDEX draft_links_expires ON draft_links (expires_at);
CREATE INDEX attachments_unfiled ON attachments (created_at) WHERE submission_id IS NULL;
CREATE INDEX login_failures_at ON login_failures (at);
