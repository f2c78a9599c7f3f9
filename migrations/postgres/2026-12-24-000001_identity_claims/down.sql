ALTER TABLE resident_identities DROP COLUMN claims_verified_at;
ALTER TABLE resident_identities DROP COLUMN verified_claims;
