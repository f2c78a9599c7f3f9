-- Who filed, when signed in (`issuer|subject`: an account of this service or the identity
-- provider's subject): "my applications" shows the filing on any device signed in as them.
ALTER TABLE submissions ADD COLUMN resident_account TEXT;
CREATE INDEX submissions_resident_account ON submissions (tenant_id, resident_account);
