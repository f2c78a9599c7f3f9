-- Congestion now (issue 49 item 8): a city's counters with a waiting line (窓口), the
-- numbered tickets (番号札) the counter hands out as people check in, and when each number
-- was called. The public page and its open data (`/congestion`) count, per counter, the
-- numbers of the day not yet called and estimate the wait from how fast numbers were
-- called in the last hour. A ticket holds no personal data: a number and two times.
--
-- `issued_day`, `last_number`: the day (Japan time) the counter last handed out a number,
-- and that number; the next ticket takes `last_number + 1` by one conditional UPDATE of
-- this row (numbers start at 1 each day), so two desks never hand out the same number.
CREATE TABLE counter_lines (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    -- JSON {"ja": …, "en": …}: the counter's name and where it is.
    name TEXT NOT NULL,
    place TEXT NOT NULL,
    issued_day DATE,
    last_number INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE counter_tickets (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL,
    line_id TEXT NOT NULL,
    -- The day in Japan time; the times in UTC.
    day DATE NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    issued_at TIMESTAMP NOT NULL,
    called_at TIMESTAMP,
    FOREIGN KEY (tenant_id, line_id) REFERENCES counter_lines (tenant_id, id),
    UNIQUE (tenant_id, line_id, day, number)
);
CREATE INDEX counter_tickets_by_day ON counter_tickets (tenant_id, day);
