-- Several municipalities on one deployment: each request's host names its tenant.
-- A tenant is active or suspended (its pages answer 503); its own settings (public URL,
-- mail sender, the deciding authority, look, office hours, providers) are one JSON object
-- (see `TenantSettings` in madoguchi-records), read by every node into memory.
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
ALTER TABLE clerks DROP CONSTRAINT clerks_login_key;
CREATE UNIQUE INDEX clerks_tenant_login ON clerks (tenant_id, login);
