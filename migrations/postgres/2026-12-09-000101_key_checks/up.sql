-- One check value per key (a one-way function of it), stored at the first start with the
-- key: a node started with another key refuses to start and names it.
CREATE TABLE key_checks (
    name TEXT PRIMARY KEY NOT NULL,
    check_value TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
