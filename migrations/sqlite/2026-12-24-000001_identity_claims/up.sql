-- The identity provider's verified claims after the My Number Card step-up (name, birth
-- date, postal code, address), kept with the session's identity to fill in its forms
-- (項目の自動入力): a JSON object, and when the provider verified them. Kept no longer than
-- the identity itself (the row goes at sign-out or expiry); never logged.
ALTER TABLE resident_identities ADD COLUMN verified_claims TEXT;
ALTER TABLE resident_identities ADD COLUMN claims_verified_at TIMESTAMP;
