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

## The clerks' day list (/office/bookings)
web-booking-office-title = Bookings by day
web-booking-office-none = This municipality offers no bookable counters or sessions yet.
web-booking-office-resource = Booked at
web-booking-office-day = Date
web-booking-office-show = Show
web-booking-office-days = Other days
web-booking-office-previous = Previous day
web-booking-office-next = Next day
web-booking-office-no-slots = No slots on this day.
web-booking-office-counts = Booked { $booked } of { $capacity } ({ $held } held while forms are filled)
web-booking-office-persons = { $units } person(s)
web-booking-office-minutes = { $units } minute(s)
web-booking-office-points = { $units } point(s)
web-booking-office-other-section = A booking of another section's filing ({ $units })
web-booking-office-requested = requested, to confirm
