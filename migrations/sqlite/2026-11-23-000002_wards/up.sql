-- Wards of a municipality (区), by local-government code; ward-office departments route
-- filings to the ward of the applicant's address, and clerks may work for one ward only.
CREATE TABLE wards (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    code TEXT NOT NULL,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    PRIMARY KEY (tenant_id, code)
);
ALTER TABLE departments ADD COLUMN ward_office BOOLEAN NOT NULL DEFAULT FALSE;
-- NULL: the clerk works for every ward (central processing).
ALTER TABLE clerks ADD COLUMN ward_code TEXT;
-- NULL: not routed to a ward (city-level department, or an address outside the city).
ALTER TABLE submissions ADD COLUMN ward_code TEXT;
CREATE INDEX submissions_ward_queue ON submissions (tenant_id, department_id, ward_code, arrived_at);
