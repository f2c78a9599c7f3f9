-- Files sent in answer to a correction request (補正): kept beside the original ones, and
-- marked with the request they answer.
ALTER TABLE attachments ADD COLUMN correction_id TEXT REFERENCES corrections (id);
