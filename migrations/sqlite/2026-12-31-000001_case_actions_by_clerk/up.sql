-- The audit log reader lists what a staff member did to filings (claims, decisions,
-- correction requests…) beside their views: those are history entries, read by the clerk
-- who made them, newest first, a page at a time, without walking every filing's history.
CREATE INDEX submission_events_by_clerk ON submission_events (tenant_id, actor_id, at, id)
    WHERE actor_id IS NOT NULL;
