-- The department API lists a department's filings in the order they last changed, page by
-- page and then only what changed since (issue 44 item 7).
CREATE INDEX submissions_changed ON submissions (tenant_id, department_id, updated_at, id);
