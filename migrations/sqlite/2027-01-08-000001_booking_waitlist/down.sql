DROP INDEX booking_waitlist_in_line;
DROP INDEX booking_waitlist_one_per_address;
DROP TABLE booking_waitlist;
