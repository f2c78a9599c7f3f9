-- Bookings (issue 49): a city's bookable resources, the slots they open, the places held
-- while a resident fills in a form, and the bookings made.
--
-- A resource is defined by its department as JSON (madoguchi-bookings' `Resource`:
-- weekly sessions, closed days, capacity unit, window, limits); its slots are rows opened
-- from it for the days its window reaches, so "why is 3 March full?" is a row anyone can
-- read. A slot's `booked` and `held` are taken and given back only by conditional
-- statements (`… WHERE booked + held + :units <= capacity`), and the CHECK below makes an
-- overbooked slot impossible to store on either engine.
CREATE TABLE booking_resources (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    definition TEXT NOT NULL,
    -- Slots are opened through this day (Japan time).
    opened_through DATE,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE booking_slots (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    -- The day in Japan time; starts and ends in UTC.
    day DATE NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    capacity INTEGER NOT NULL,
    booked INTEGER NOT NULL DEFAULT 0,
    held INTEGER NOT NULL DEFAULT 0,
    -- JSON {"ja": …, "en": …}: why the slot is closed (a holiday, the resource's own
    -- closed day, a clerk's block); NULL while it is open.
    closed_reason TEXT,
    FOREIGN KEY (tenant_id, resource_id) REFERENCES booking_resources (tenant_id, id),
    UNIQUE (tenant_id, resource_id, starts_at),
    CHECK (capacity > 0 AND booked >= 0 AND held >= 0 AND booked + held <= capacity)
);
CREATE INDEX booking_slots_by_day ON booking_slots (tenant_id, resource_id, day);

-- A place held while a resident finishes a form: counted in its slot's `held` until it
-- becomes a booking, is given back, or expires (an expired hold is swept, and its units
-- given back, by the next hold on its slot or by the sweeper).
CREATE TABLE booking_holds (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL,
    slot_id TEXT NOT NULL REFERENCES booking_slots (id),
    units INTEGER NOT NULL CHECK (units > 0),
    -- SHA-256 of who holds it (the resident's session or account).
    holder_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX booking_holds_by_slot ON booking_holds (slot_id, expires_at);
CREATE INDEX booking_holds_by_expiry ON booking_holds (expires_at);
CREATE INDEX booking_holds_by_holder ON booking_holds (tenant_id, holder_hash);

-- A booking: counted in its slot's `booked` while requested or confirmed. A change moves
-- it to another slot keeping its id (links in old mails lead to it) and raises `sequence`
-- (the calendar attachment's SEQUENCE).
CREATE TABLE bookings (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    slot_id TEXT NOT NULL REFERENCES booking_slots (id),
    units INTEGER NOT NULL CHECK (units > 0),
    -- SHA-256 of the person it is for (per-person limits).
    holder_hash TEXT NOT NULL,
    submission_id TEXT REFERENCES submissions (id),
    -- requested (仮受付), confirmed, cancelled.
    status TEXT NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    FOREIGN KEY (tenant_id, resource_id) REFERENCES booking_resources (tenant_id, id)
);
CREATE INDEX bookings_by_slot ON bookings (slot_id);
CREATE INDEX bookings_by_holder ON bookings (tenant_id, resource_id, holder_hash);
CREATE INDEX bookings_by_submission ON bookings (submission_id);
