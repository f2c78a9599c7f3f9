-- The outbox keeps every mail sent (a receipt for each filing, each notice), so its
-- look-ups must not walk it: a filing's mails (the clerk's view of a filing) and a city's
-- failed mails (the department's delivery problems) each get an index, only over the rows
-- they read.
CREATE INDEX outbox_of_submission ON outbox (submission_id, created_at)
    WHERE submission_id IS NOT NULL;
CREATE INDEX outbox_failed ON outbox (tenant_id, failed_at)
    WHERE failed_at IS NOT NULL;
