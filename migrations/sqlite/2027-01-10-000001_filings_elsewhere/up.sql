-- Filings made elsewhere (issue 44 item 6): for each procedure and month, the paper forms and
-- the counter filings that never came through this service, as the city counted them, so
-- that the online share on /statistics and in open data is the city's real rate. Entered by
-- a supervisor (or an administrator) on /office/figures; a second entry for the same month
-- replaces the first, keeping who entered it last and when.
CREATE TABLE filings_elsewhere (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    procedure_id TEXT NOT NULL,
    month DATE NOT NULL,
    paper BIGINT NOT NULL CHECK (paper >= 0),
    counter BIGINT NOT NULL CHECK (counter >= 0),
    entered_by TEXT NOT NULL,
    entered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, procedure_id, month)
);
