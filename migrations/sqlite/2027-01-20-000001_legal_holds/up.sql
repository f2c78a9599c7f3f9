-- Legal holds (法的保留, issue 44 item 5): while a lawsuit, an appeal (審査請求) or a
-- disclosure request (情報公開請求) concerns a filing, its section's head puts a hold on it,
-- with the reason; a held filing is never disposed of, whatever its keeping period says.
-- Lifting a hold keeps the row (who, when, why). One hold in force per filing.
CREATE TABLE legal_holds (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    reason TEXT NOT NULL,
    placed_by TEXT NOT NULL REFERENCES clerks (id),
    placed_at TIMESTAMP NOT NULL,
    lifted_by TEXT REFERENCES clerks (id),
    lifted_at TIMESTAMP,
    lift_reason TEXT
);
CREATE UNIQUE INDEX legal_holds_one_in_force ON legal_holds (submission_id)
    WHERE lifted_at IS NULL;
CREATE INDEX legal_holds_of_filing ON legal_holds (tenant_id, submission_id, placed_at);
