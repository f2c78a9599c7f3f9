-- Procedures written by departments in the browser or over the API.
-- The working copy: private to the department until published. The text is kept as typed
-- (it may not even parse), so nothing an author wrote is lost.
CREATE TABLE procedure_drafts (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    procedure_id TEXT NOT NULL,
    department_code TEXT NOT NULL,
    definition TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, procedure_id)
);

-- Published versions, never changed: the definition is the form version (its content
-- hash) in form_versions; who published it, when, and why.
CREATE TABLE procedure_versions (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    procedure_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    form_version TEXT NOT NULL REFERENCES form_versions (version),
    department_code TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    change_note TEXT NOT NULL,
    UNIQUE (tenant_id, procedure_id, number)
);

-- Procedures closed to new filings (open filings continue). Publishing again reopens.
CREATE TABLE procedure_retirements (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    procedure_id TEXT NOT NULL,
    retired_by TEXT NOT NULL,
    retired_at TIMESTAMP NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (tenant_id, procedure_id)
);
