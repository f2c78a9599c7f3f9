DROP INDEX clerks_tenant_login;
ALTER TABLE clerks ADD CONSTRAINT clerks_login_key UNIQUE (login);
DROP TABLE tenant_hosts;
ALTER TABLE tenants DROP COLUMN updated_at;
ALTER TABLE tenants DROP COLUMN settings;
ALTER TABLE tenants DROP COLUMN status;
