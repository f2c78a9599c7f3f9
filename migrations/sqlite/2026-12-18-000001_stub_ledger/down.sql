DROP TABLE stub_ledger;
