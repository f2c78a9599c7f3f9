DROP TABLE bookings;
DROP TABLE booking_holds;
DROP TABLE booking_slots;
DROP TABLE booking_resources;
