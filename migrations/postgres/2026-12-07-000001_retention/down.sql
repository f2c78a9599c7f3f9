DROP INDEX login_failures_at;
DROP INDEX attachments_unfiled;
DROP INDEX draft_links_expires;
DELETE FROM draft_links WHERE draft_id NOT IN (SELECT id FROM drafts);
ALTER TABLE draft_links ADD CONSTRAINT draft_links_draft_id_fkey
    FOREIGN KEY (draft_id) REFERENCES drafts (id) ON DELETE CASCADE;
