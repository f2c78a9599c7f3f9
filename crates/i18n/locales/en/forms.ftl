### The form engine (madoguchi-forms): what a resident reads at a field, answers as shown
### on check pages and in queues, fees, categories. See ja/forms.ftl for the arguments.

## Messages at a field, by error code

forms-tick-to-confirm = Read { $label } and tick the box to confirm
forms-required-file = Attach a file of { $label }
forms-required-choice = Select { $label }
forms-quoted-label = "{ $label }"
forms-answer-the-question = Answer the question { $label }
forms-tick-the-statement = Tick the box { $label } once you have checked it is true
forms-required = Enter { $label }
forms-too-long = { $label } must be { NUMBER($max, useGrouping: "false") } characters or fewer
forms-too-short = { $label } must be at least { NUMBER($min, useGrouping: "false") } characters
forms-not-katakana = { $label } must be written in katakana, like ヤマダ タロウ
forms-not-katakana-latin = Write how { $label } is read in katakana: names in the Latin alphabet are read in katakana too (Smith → スミス, Yamada Taro → ヤマダ タロウ)
forms-not-katakana-or-latin = Write { $label } in katakana (like ヤマダ タロウ) or in the Latin alphabet as the residence record shows it (like SMITH JOHN)
forms-not-latin-name = Write { $label } in the Latin alphabet as the residence record shows it, with letters, spaces, hyphens (-), apostrophes (') and periods (.) only (like O'BRIEN-SMITH MARY)
forms-not-email = Enter { $label } in the correct format, like taro@example.jp
forms-not-phone = Enter { $label } from the area code: 10 digits for a landline, 11 for a mobile or IP phone (070, 080, 090, 050), like 022-214-1111
forms-not-postal-code = Enter { $label } as 7 digits, like 980-8671
forms-not-date = { $label } must be a real date: enter the year, month and day as numbers
forms-not-integer = Enter { $label } as a whole number, like 2
forms-too-small = { $label } must be { NUMBER($min, useGrouping: "false") } or more
forms-too-large = { $label } must be { NUMBER($max, useGrouping: "false") } or less
forms-not-an-option = Select { $label } from the options shown
forms-too-few-chosen = Select at least { NUMBER($min, useGrouping: "false") } for { $label }
forms-too-many-chosen = Select no more than { NUMBER($max, useGrouping: "false") } for { $label }
forms-chosen-twice = { $label } has the same choice twice: remove the duplicate
forms-wrong-format = { $label } is not in the right format. { $hint }
forms-check-and-enter-again = Check { $label } and enter it again
forms-unexpected-field = { $label } is not a field of this procedure: remove it from the data
forms-wrong-type = { $label } has the wrong type of value: follow the procedure's definition
forms-file-not-uploaded = Upload { $label } first (POST /api/v1/procedures/<procedure id>/files) and give the id it returns as the answer; a file goes with one filing only
forms-not-my-number = Enter { $label }: the 12 digits on the back of the My Number Card, checking each digit
forms-not-corporate-number = Enter { $label }: the 13-digit corporate number (you can look it up on the National Tax Agency's site)
forms-not-bank-code = Enter { $label } as 4 digits, like 0001
forms-not-branch-code = Enter { $label } as 3 digits, like 123
forms-not-account-number = Enter { $label } as 7 digits; add zeros at the front if it is shorter
forms-not-bank-kana = Enter { $label } in katakana, exactly as printed in the bankbook
forms-outside-era-ended = { $label } is not in the { $era } era: { $era } ended in year { $last }. Choose { $actual }
forms-outside-era-not-begun = { $label } is not in the { $era } era: { $era } began in { $first }. Choose { $actual }
forms-era-last = { $year } ({ $date })
forms-era-first = year 1 ({ $date })
forms-outside-era-unknown = Check the era and year of { $label } and enter it again. Dates before 1873 (Meiji 6) cannot be entered
forms-date-no-calendar = Choose the era (Reiwa, Heisei, Showa, Taisho, Meiji) or the Western calendar for { $label }
forms-era-year = Enter the year of { $label } as a number of the { $era } era; the first year is 1 (or 元)
forms-western-year = Enter the year of { $label } with four digits (for example 1950)
forms-calendar-not-date = { $label } must be a real date: the month is 1 to 12 and the day one the month has
forms-too-few-items = Add at least { NUMBER($min, useGrouping: "false") } to { $label }
forms-too-many-items = { $label } can have no more than { NUMBER($max, useGrouping: "false") }: remove some
forms-date-same-or-after = { $label } must be the same as or after { $earlier }
forms-date-after = { $label } must be after { $earlier }
forms-date-today = today ({ $date })
forms-date-not-after = { $label } must be { $date } or earlier
forms-date-not-before = { $label } must be { $date } or later
forms-date-between = { $label } must be between { $from } and { $to }
# The same for a month field (YYYY-MM), inside a window when one of its days is: the month
# that holds the end, or an earlier / later one.
forms-month-not-after = { $label } must be the month of { $date } or an earlier month
forms-month-not-before = { $label } must be the month of { $date } or a later month
forms-month-between = { $label } must be a month from the month of { $from } to the month of { $to }
forms-date-field = { $field } ({ $date })
forms-date-days-after-field = { $days ->
    [one] 1 day
   *[other] { $days } days
} after { $field } ({ $date })
forms-date-days-before-field = { $days ->
    [one] 1 day
   *[other] { $days } days
} before { $field } ({ $date })
forms-at-least-one = Enter { $label } or { $others }
# A date outside a window that only warns (x-date-window with "severity": "warning"): the
# filing is still accepted. $date: an end as forms-date-today or forms-date-field writes it;
# $meaning: the rule's own message (what it means for the resident).
forms-date-warning-before = { $label } is before { $date }. { $meaning } You can still send this application.
forms-date-warning-after = { $label } is after { $date }. { $meaning } You can still send this application.
forms-postal-code-unknown = No address was found for { $label }: check the number, or type the address yourself
# $city: the municipality's name
forms-postal-code-outside-city = { $label } is not the postal code of an address in { $city }, so no ward office can take this filing: check the number; if it is a business's own postal code, enter the code of the home or office address instead; with no address in { $city }, file at the counter
# $ward: the ward of the routed address; $offices: the labels of its offices, joined with
# forms-label-or; $postal: the label of the postal-code question the ward comes from
forms-office-not-for-address = { $label }: choose an office for your address in { $ward }: { $offices } (the ward comes from { $postal }: if it is wrong, check the number)
forms-hidden-character = { $label } contains an invisible control character or a character that changes the direction of the text (they often come along when text is copied from another document): type { $label } again yourself, or paste it as plain text
forms-age-out-of-range = Check { $label }: this procedure is for { $who } on { $date }
forms-closed-day = { $label } falls on a day it is closed ({ $days }). Choose another day
forms-age-between = people aged { NUMBER($lower, useGrouping: "false") } to { NUMBER($upper, useGrouping: "false") }
forms-age-at-least = people aged { NUMBER($lower, useGrouping: "false") } or over
forms-age-at-most = people aged { NUMBER($upper, useGrouping: "false") } or under
forms-age-eligible = people of the eligible age
forms-age-months-between = children aged { NUMBER($lower, useGrouping: "false") } to { NUMBER($upper, useGrouping: "false") } months
forms-age-months-at-least = children aged { NUMBER($lower, useGrouping: "false") } months or over
forms-age-months-at-most = children aged { NUMBER($upper, useGrouping: "false") } months or under

## Labels in messages

forms-unknown-field = "{ $pointer }"
forms-the-answers-as-a-whole = The request body (a JSON object holding the answers)
forms-label-or = { $first } or { $second }
forms-label-in-group = { $label } ({ $group })
forms-repeat-item = { $label } { NUMBER($number, useGrouping: "false") }

## Answers as shown on check pages, in queues and on receipts

forms-secret-not-kept = (used for the check, not kept)
forms-not-provided = (not provided)
forms-confirmed = Confirmed
forms-yes = Yes
forms-no = No
forms-group-separator = { ", " }
forms-list-separator = { ", " }
forms-repeat-answers = { $item }: { $answers }
# 1 May 2019 (Reiwa 1)
forms-wareki-date = { $date } ({ $era } { $year })
forms-wareki-date-answer = { $date } ({ $era } { $year })

## Fees

forms-fee-free = Free ({ $reason })
forms-fee-per-unit = { $unit_price } × { NUMBER($quantity, useGrouping: "false") } { $unit } = { $total }
forms-fee-items = { NUMBER($quantity, useGrouping: "false") } { $unit } = { $total }
forms-fee-factors = { $unit_price } × { $factors } = { $total }
forms-fee-factor = { NUMBER($quantity, useGrouping: "false") } { $unit }

## Who must prove who they are (procedure settings)

forms-identity-none = No identity check needed
forms-identity-account = A registered account is needed
forms-identity-my-number-card = Identity is confirmed with your My Number Card

## Categories of the procedure list

forms-category-certificates = Certificates
forms-category-resident-records = Resident registration and My Number
forms-category-family-register = Family register notifications
forms-category-tax = Taxes
forms-category-child-care = Children and child care
forms-category-education = Education and libraries
forms-category-health-insurance = Health insurance and check-ups
forms-category-pension = Pensions
forms-category-elderly-care = Older people and long-term care
forms-category-disability = Disability
forms-category-welfare = Living support
forms-category-environment-waste = Waste and environment
forms-category-animals = Pets
forms-category-roads-parks = Roads and parks
forms-category-housing-building = Housing and building
forms-category-business-permits = For businesses
forms-category-facilities-events = Facilities and events
forms-category-disaster = Disasters
forms-category-other = Other
# $label: the labels of every question the system was sent (the card number, the password),
# joined with forms-label-or: the system does not say which answer it refused
forms-external-check-refused = What you entered as { $label } was not accepted by { $system }. Check and enter again
forms-external-check-unavailable = The system of { $system } cannot be reached, so your answers could not be checked. Try again later
forms-external-check-paused = { $label } was refused by { $system } several times, so checking is paused. Try again in 15 minutes
forms-external-check-needed = Enter { $label } again: { $system } checks it before you send

## Booking questions
forms-slot-invalid = Choose { $label } from the dates and times listed
forms-slot-full = The time chosen for { $label } has just been taken by other bookings. Choose another time with places left
forms-slot-unavailable = The time chosen for { $label } cannot be booked now (a closed day, outside the booking period, or not a time of the place chosen). Choose again from the list
forms-booking-limit-reached = { $label }: you already have a booking here. Change or cancel it, then book again
forms-slot-not-full = The time chosen for { $label } still has places: go back to the application and book it there
forms-waitlist-full = The waiting list for the time chosen for { $label } is full. Choose another time
forms-waitlist-too-many = { $label } already waits for 3 times: leave one of those waiting lists first
forms-duplicate-filing = { $label }: you already have an open application of this procedure for the same person, and a second one has no effect: see it under “Your applications” and wait for its result, or withdraw it first
