-- Waiting lists (キャンセル待ち, issue 49 item 6): a resident who finds a time full joins
-- its line with an e-mail address; when a place in it is freed (a cancellation, a move, a
-- withdrawn filing, an expired hold), the service holds it for the first in line and mails
-- them a link, through which the place moves on to their form as a fresh hold. While
-- anyone waits for a slot, a place freed in it goes to the line, not to whoever asks next.
--
-- `contact_hash`: SHA-256 of the address as typed, lower-cased: one open place in line per
-- address and slot. `email`: where the offer goes; cleared once the entry is over.
-- `link_hash`: SHA-256 of the secret in the link its mails carry. `hold_id`: the hold made
-- for an offer, until it runs out (`offer_expires_at`) or is taken. `mailed_at`: when its
-- link was last mailed (joining again re-sends it at most every ten minutes).
CREATE TABLE booking_waitlist (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    slot_id TEXT NOT NULL REFERENCES booking_slots (id),
    units INTEGER NOT NULL CHECK (units > 0),
    procedure_id TEXT NOT NULL,
    question TEXT NOT NULL,
    contact_hash TEXT NOT NULL,
    email TEXT,
    link_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL
        CHECK (status IN ('waiting', 'offered', 'taken', 'lapsed', 'withdrawn')),
    hold_id TEXT,
    created_at TIMESTAMP NOT NULL,
    offered_at TIMESTAMP,
    offer_expires_at TIMESTAMP,
    ended_at TIMESTAMP,
    mailed_at TIMESTAMP
);
CREATE UNIQUE INDEX booking_waitlist_one_per_address
    ON booking_waitlist (slot_id, contact_hash)
    WHERE status IN ('waiting', 'offered');
CREATE INDEX booking_waitlist_in_line ON booking_waitlist (status, slot_id, created_at);
