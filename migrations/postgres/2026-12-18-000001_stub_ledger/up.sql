-- The demo's and tests' stand-in payment provider keeps its checkouts here (one row, the
-- whole ledger as JSON), so that every node of a deployment sees the same checkouts.
CREATE TABLE stub_ledger (
    id INTEGER PRIMARY KEY NOT NULL,
    ledger TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO stub_ledger (id, ledger, updated_at) VALUES (1, '{"checkouts":{},"keys":{}}', CURRENT_TIMESTAMP);
