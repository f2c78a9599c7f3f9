-- What follows a booking (issue 49): its mails, whether the person came, and a clerk's
-- block of its slot.
--
-- `link_hash`: SHA-256 of the secret in the link a booking's mails carry; the link leads
-- to the booking as it stands now (changed or not), so an old mail never shows an old time.
-- `reminded_at`: when the reminder the day before went out (cleared when the booking moves
-- to another day, so the new day is reminded too).
-- `attendance`, `attendance_at`: arrived or no_show, as the counter marked it on the day
-- list, and when (the no-show rate in the figures).
-- `booking_slots.blocked_reason`: JSON {"ja": …, "en": …}, why a clerk stopped the slot
-- (kept apart from `closed_reason`, which a redefinition of the resource re-plans: a block
-- stays until a clerk lifts it). A blocked slot takes no new hold, booking or move.
-- `outbox.calendar`: the iCalendar (RFC 5545/5546) a mail carries as its attachment — a
-- booking's REQUEST or CANCEL, with the booking's stable UID and SEQUENCE.
ALTER TABLE bookings ADD COLUMN link_hash TEXT;
ALTER TABLE bookings ADD COLUMN reminded_at TIMESTAMP;
ALTER TABLE bookings ADD COLUMN attendance TEXT;
ALTER TABLE bookings ADD COLUMN attendance_at TIMESTAMP;
CREATE UNIQUE INDEX bookings_by_link ON bookings (link_hash);
CREATE INDEX booking_slots_by_start ON booking_slots (starts_at);
ALTER TABLE booking_slots ADD COLUMN blocked_reason TEXT;
ALTER TABLE outbox ADD COLUMN calendar TEXT;
