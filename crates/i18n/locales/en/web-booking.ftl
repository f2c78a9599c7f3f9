### The web pages (booking questions): the days and times a resident chooses from (madoguchi-web).

web-booking-place = Place: { $place }
web-booking-days = Choose a date
web-booking-free = Places left
web-booking-full = Full
web-booking-closed = Closed
web-booking-not-open = Not yet open
web-booking-over = Booking closed
web-booking-left = { $n } left
web-booking-choose-first = First choose "{ $question }" and press "Continue". The free dates and times of the place chosen are then shown here.
web-booking-none = No dates and times are offered here yet. Please contact the office in charge.
web-booking-nothing-free = No time can be booked on this day. Choose another date.
web-booking-chosen = Your choice: { $time }
