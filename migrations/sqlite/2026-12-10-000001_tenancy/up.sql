-- Several municipalities on one deployment: each request's host names its tenant.
-- A tenant is active or suspended (its pages answer 503); its own settings (public URL,
-- mail sender, the deciding authority, look, office hours, providers) are one JSON object
-- (see `TenantSettings` in madoguchi-records), read by every node into memory.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
ALTER TABLE tenants ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'suspended'));
ALTER TABLE tenants ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tenants ADD COLUMN updated_at TIMESTAMP;

-- Host name (lower-case, no port) → tenant. None at all: a single tenant serves every host.
CREATE TABLE tenant_hosts (
    host TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX tenant_hosts_tenant ON tenant_hosts (tenant_id);

-- Staff logins are unique per municipality, not across the deployment.
CREATE TABLE clerks_new (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    login TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    ward_code TEXT,
    role TEXT NOT NULL DEFAULT 'clerk'
        CHECK (role IN ('clerk', 'supervisor', 'author', 'administrator')),
    totp_secret TEXT,
    totp_last_step BIGINT,
    session_epoch INTEGER NOT NULL DEFAULT 0
);
INSERT INTO clerks_new (id, tenant_id, department_id, login, display_name, password_hash,
    active, created_at, ward_code, role, totp_secret, totp_last_step, session_epoch)
SELECT id, tenant_id, department_id, login, display_name, password_hash,
    active, created_at, ward_code, role, totp_secret, totp_last_step, session_epoch
FROM clerks;
DROP TABLE clerks;
ALTER TABLE clerks_new RENAME TO clerks;
CREATE UNIQUE INDEX clerks_tenant_login ON clerks (tenant_id, login);
COMMIT;
PRAGMA foreign_keys = ON;
