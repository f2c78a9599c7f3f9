-- Requests to the anonymous API per client address (hashed) and minute, added up by every
-- node, so the per-address rate limit holds across nodes. Rows older than an hour are
-- deleted by retention.
CREATE TABLE request_counts (
    key_hash TEXT NOT NULL,
    window_start TIMESTAMP NOT NULL,
    requests BIGINT NOT NULL,
    PRIMARY KEY (key_hash, window_start)
);
CREATE INDEX request_counts_window ON request_counts (window_start);
