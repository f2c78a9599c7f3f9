-- What a signed-in resident keeps on their account page to fill in forms (項目の自動入力):
-- one JSON object of answers by field name (name, name_kana, birth_date, postal_code,
-- address, phone), the account's own form (`residents/profile.json` in the app). Keyed by
-- the municipality and the resident as submissions are (`issuer|subject`), so one city's
-- profile is never read by another.
CREATE TABLE resident_profiles (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    resident_account TEXT NOT NULL,
    data TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, resident_account)
);

-- Which of a draft's answers were filled in for the resident, and from where: a JSON object
-- field name → source (`identity`, `profile`, `last_filing`). A field the resident changes
-- leaves it.
ALTER TABLE drafts ADD COLUMN prefilled TEXT NOT NULL DEFAULT '{}';
