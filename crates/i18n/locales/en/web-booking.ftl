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
web-booking-waitlist-link = Wait for a full time (waiting list)
web-booking-waiting = Full, { $n } waiting

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
web-booking-office-waiting = { $n } on the waiting list
web-booking-office-persons = { $units } person(s)
web-booking-office-minutes = { $units } minute(s)
web-booking-office-points = { $units } point(s)
web-booking-office-other-section = A booking of another section's filing ({ $units })
web-booking-office-requested = requested, to confirm

## A filing's booking: on the receipt, the status look-up, and its own page (/receipts/{number}/bookings/{id}, /bookings/{link})
web-booking-booked = Booking
# $day the last day changes are taken
web-booking-until = You can change or cancel it until { $day }.
web-booking-until-start = You can change or cancel it until the booked time.
web-booking-manage = See, change or cancel the booking
web-booking-page-title = Your booking
web-booking-page-closed = The booking can no longer be changed or cancelled online. Please contact the office.
web-booking-page-cancelled = This booking is cancelled. To book again, apply from the procedure's page.
web-booking-change = Change the time
web-booking-change-hint = Choose a new time and press "Change to this time". Your booking is only given up once the new time is yours.
web-booking-change-button = Change to this time
web-booking-choose-new = Choose a new time
web-booking-same = That is the time you have. To change it, choose another time.
web-booking-changed = Your booking was moved. We have emailed you (if you gave an email address).
web-booking-cancel = Cancel the booking
web-booking-cancel-hint = Once cancelled, the place is free for others.
web-booking-cancel-confirm = I want to cancel this booking
web-booking-cancel-button = Cancel the booking
web-booking-cancel-unconfirmed = To cancel, tick "I want to cancel this booking"
web-booking-cancelled = Your booking was cancelled.
web-booking-on-status = You can change or cancel the booking from the receipt in the browser you applied with, or from the link in the booking email.

## The day list's actions
web-booking-office-confirm = Confirm the booking
web-booking-office-arrived = Came
web-booking-office-no-show = Did not come
web-booking-office-clear = Undo the mark
web-booking-office-came = came
web-booking-office-did-not-come = did not come

## Stopping slots (the day list)
web-booking-office-block-title = Stop taking bookings
web-booking-office-block-hint = A stopped slot takes no new booking. People already booked are emailed the reason and a link to choose another time (their booking stands).
web-booking-office-block-time = Slot to stop
web-booking-office-block-all = Every slot still to come this day
web-booking-office-block-reason = Reason (shown to the people booked and to anyone booking)
web-booking-office-block-button = Stop taking bookings
web-booking-office-lift = Take bookings again
# $slots slots stopped; $told people told by mail
web-booking-office-stopped = { $slots } slots stopped. { $told } booked people were emailed.
# $slots slots opened again
web-booking-office-lifted = { $slots } slots take bookings again.
web-booking-office-reason-missing = Enter why the bookings are stopped
web-booking-office-reason-too-long = Enter a reason of 200 characters or fewer
# $reason why a clerk stopped the booked time
web-booking-stopped = This time was stopped: { $reason }. Please change to another time.
web-booking-counter-visit = You have booked the time below. Your code on this page and what you entered are kept until the end of that day.

## The department's page defining what residents book (/office/bookings/resources).

web-booking-resources-title = Bookable counters and sessions
web-booking-resources-intro = Define what residents book: a counter, a check-up session, a collection area. Saving opens its slots for the days its booking window reaches. A changed definition never takes a booked resident's place away.
web-booking-resources-none = Nothing bookable yet.
web-booking-resources-add = Add a bookable resource
web-booking-resources-edit = Edit { $name }
web-booking-resources-day-list = Bookings of { $name } by day
web-booking-resources-saved = Saved “{ $name }”. Slots newly opened: { $slots }
web-booking-resources-window-summary = Bookable from { $opens } days ahead; closes { $closes } business days before
web-booking-resources-window-same-day = Bookable from { $opens } days ahead until the day
web-booking-resources-per-person = { $n } per person
web-booking-resources-every = every { $minutes } minutes
web-booking-resources-whole = one slot for the session
web-booking-resource-new-title = Add a bookable resource
web-booking-resource-edit-title = Edit a bookable resource
web-booking-resource-id = Id
web-booking-resource-id-hint = Lower-case letters, digits and hyphens (for example aoba-mynumber). It cannot be changed later.
web-booking-resource-name-ja = Name (Japanese)
web-booking-resource-name-en = Name (English)
web-booking-resource-place-ja = Place (Japanese)
web-booking-resource-place-en = Place (English)
web-booking-resource-translation-hint = English is optional; left blank, English pages show the Japanese.
web-booking-resource-unit = What capacity counts
web-booking-resource-unit-persons = Persons
web-booking-resource-unit-minutes = Counter time (person-minutes)
web-booking-resource-unit-points = Load points (collections)
web-booking-resource-confirm = When a booking stands
web-booking-resource-confirm-on-filing = When the filing arrives
web-booking-resource-confirm-by-clerk = When a clerk confirms it (a request first)
web-booking-resource-sessions = Weekly sessions
web-booking-resource-sessions-hint = Give the days, the start and end times, the minutes per slot (blank: one slot for the whole session) and each slot's capacity. The city's closing days and holidays are closed already.
web-booking-resource-session = Session { $n }
web-booking-resource-days = Days
web-booking-resource-from = Starts at
web-booking-resource-until = Ends at
web-booking-resource-every = Minutes per slot (optional)
web-booking-resource-capacity = Capacity per slot
web-booking-resource-valid-from = First day held (optional)
web-booking-resource-valid-until = Last day held (optional)
web-booking-resource-remove-session = Remove this session
web-booking-resource-add-session = Add another session
web-booking-resource-closed = Days only this resource is closed
web-booking-resource-closed-hint = Days closed besides the city's closing days and holidays, with the reason residents are shown.
web-booking-resource-closed-day = Closed day { $n }
web-booking-resource-day = Date
web-booking-resource-reason-ja = Reason (Japanese)
web-booking-resource-reason-en = Reason (English)
web-booking-resource-remove-closed = Remove this closed day
web-booking-resource-add-closed = Add another closed day
web-booking-resource-window = Booking window
web-booking-resource-opens = Bookable from how many days ahead
web-booking-resource-closes = Closes how many business days before
web-booking-resource-closes-hint = 0: bookable on the day itself.
web-booking-resource-cutoff = Same-day cut-off time (optional)
web-booking-resource-per-person = Bookings one person may hold at once (optional)
web-booking-resource-save = Save and open the slots
web-booking-resource-not-time = { $field }: write a time as hours and minutes on the 24-hour clock, for example 09:00
web-booking-resource-not-number = { $field }: write a whole number in digits, for example 3
web-booking-resource-not-date = { $field }: write a date as year-month-day, for example 2027-01-04
web-booking-resource-missing = { $field }: fill this in
web-booking-resource-choose = { $field }: choose one
web-booking-resource-day-mon = Mon
web-booking-resource-day-tue = Tue
web-booking-resource-day-wed = Wed
web-booking-resource-day-thu = Thu
web-booking-resource-day-fri = Fri
web-booking-resource-day-sat = Sat
web-booking-resource-day-sun = Sun
web-booking-resources-place = Place

## Waiting lists (キャンセル待ち): joined from a booking question's step (/p/{id}/{step}/waitlist), and the entry's page (/waitlist/{link})
web-waitlist-join-title = Join a waiting list
web-waitlist-back = Back to your application
web-waitlist-intro = Choose a full time and enter your email address. If a place is freed at that time, we keep it for the first in line for 12 hours and write to them. Continue your application from the link in that mail and send it to the end to book. While you wait, nothing is booked.
web-waitlist-nothing = No time can be waited for now. Times with places left can be chosen on your application.
web-waitlist-email = Email address
web-waitlist-email-hint = We send the news of a freed place here, and the link to see your place in line or leave.
web-waitlist-join-button = Join the waiting list
web-waitlist-sent = You are on the waiting list. We sent a confirmation to the address you entered.
web-waitlist-sent-more = Its link shows your place in line and lets you leave. If a place is freed, we write to the same address.
web-waitlist-slot-required = Choose the time to wait for
web-waitlist-slot-unavailable = The time chosen cannot be waited for now (a closed day, outside the booking period, or not a time of the place chosen). Choose again from the list
web-waitlist-slot-not-full = The time chosen still has places: go back to your application and book it there
web-waitlist-line-full = The waiting list for the time chosen is full. Choose another time
web-waitlist-email-required = Enter your email address: we write to it when a place is freed
web-waitlist-email-invalid = Enter an email address like hanako@example.jp, with text before and after the @
web-waitlist-too-many = This email address already waits for 3 times: leave one of those waiting lists first
web-waitlist-title = Waiting list
web-waitlist-status-waiting = You are on the waiting list, number { $n } in line.
web-waitlist-status-offered = A place is free. We keep it for you until { $until }.
web-waitlist-status-taken = This time has gone on to your application. Send the application to the end to book it.
web-waitlist-status-lapsed = This waiting list entry is over (the time we kept the place passed, or booking has closed).
web-waitlist-status-withdrawn = You left this waiting list.
web-waitlist-take-hint = "Continue with this time" puts this time on your application in this browser. Fill in the rest and send it to the end.
web-waitlist-take = Continue with this time
web-waitlist-to-form = Go to your application
web-waitlist-leave-hint = If you leave, your place in line goes to the next person.
web-waitlist-leave = Leave the waiting list
web-waitlist-decline-hint = If you will not use this time, decline it: we tell the next person waiting.
web-waitlist-decline = Decline this place
web-waitlist-left = You left the waiting list.
