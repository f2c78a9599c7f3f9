-- That another system (a library's) checked the answers of the step that asks a secret
-- (x-external-check): a JSON object with the system, when, and a digest of the answers
-- it checked (never the secret, which is not kept anywhere). NULL: not checked.
ALTER TABLE drafts ADD COLUMN external_check TEXT;
