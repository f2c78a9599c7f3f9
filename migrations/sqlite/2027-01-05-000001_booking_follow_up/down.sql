ALTER TABLE outbox DROP COLUMN calendar;
ALTER TABLE booking_slots DROP COLUMN blocked_reason;
DROP INDEX booking_slots_by_start;
DROP INDEX bookings_by_link;
ALTER TABLE bookings DROP COLUMN attendance_at;
ALTER TABLE bookings DROP COLUMN attendance;
ALTER TABLE bookings DROP COLUMN reminded_at;
ALTER TABLE bookings DROP COLUMN link_hash;
