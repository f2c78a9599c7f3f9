### The web pages (statistics): words a page shows, by id (madoguchi-web).

web-statistics-all-procedures = All procedures
web-statistics-approved = Approved
web-statistics-by-procedure = By procedure
web-statistics-completed-online = Completed online
web-statistics-corrections = Corrections
web-statistics-csv-utf-8-with-bom = CSV (UTF-8 with BOM)
web-statistics-filed-elsewhere = Filed on paper or at a counter outside this service (entered by the city)
web-statistics-awaiting-payment = Filed online and approved, the fee due after approval not yet paid (not counted as completed)
web-statistics-entered-by-staff = Filings a clerk entered for the resident at the desk
web-statistics-bookings-csv = Booking figures, CSV (UTF-8 with BOM)
web-statistics-days-are-business-days-from-the = Days are business days from the day after arrival (the next business day for arrivals after hours) to the decision, not counting the time spent waiting for a correction.
web-statistics-decided-within-the-standard = Decided within the standard period
web-statistics-export-filings = Export filings
web-statistics-figures-by-procedure = Figures by procedure
web-statistics-filings = Filings
web-statistics-number-of-filings = Filings
web-statistics-filings-in-each-month-from-april = Filings in each month from April to March; the numbers are in the table below.
web-statistics-filings-per-month = Filings per month
web-statistics-fiscal-year = Fiscal year
web-statistics-for-loading-into-core-systems = For loading into core systems. Each export is recorded. My Numbers are masked except for the last 4 digits.
web-statistics-for-spreadsheet-software-csv = For spreadsheet software (CSV with a BOM)
web-statistics-format = Format
web-statistics-median-business-days-to-a = Median business days to a decision
web-statistics-median-days = Median days
web-statistics-needed-a-correction = Needed a correction
web-statistics-no-filings-in-this-year-yet = No filings in this year yet.
web-statistics-nothing-was-exported = Nothing was exported
web-statistics-online = Online
web-statistics-open-data = Open data
web-statistics-published-figures = Published figures
web-statistics-published-figures-open-data = Published figures
web-statistics-rejected = Rejected
web-statistics-show = Show
web-statistics-standard-period-business-days = Standard period (business days)
web-statistics-within-period = Within period
# A month in the tables (a chrono pattern).
web-statistics-month-format = %b %Y
# A month under a bar of the chart (a chrono pattern).
web-statistics-chart-month-format = %b
# $year (Text) the fiscal year; $from, $to (Text) its first and last day, as date-format writes them
web-statistics-period = { $year } fiscal year ({ $from } – { $to }): filings that arrived in this period.
# $percent (Text) the share of filings completed online
web-statistics-online-share = { $percent } (the rest were prepared online and finished at a counter)
web-statistics-as-of-line = (as of { $date })

## Bookings
web-statistics-bookings = Bookings
web-statistics-booking-place = Booking place
web-statistics-booked = Bookings
web-statistics-booking-cancelled = Cancelled
web-statistics-no-show = Did not come
web-statistics-lead-days = Days from booking to the day (median)
web-statistics-changed-online = Changed or cancelled online
web-statistics-bookings-hint = Bookings are those whose time falls in the year (cancelled ones included). "Did not come" is the share of the bookings the counter marked. Changes and cancellations are those the applicants made themselves from the receipt or the emailed link.
web-statistics-fee-at-counter = Filed online with the fee paid at a counter (the resident came in, so not counted as completed online)
web-statistics-e-approval = Decided through electronic approval
web-statistics-approval-steps = Time taken by electronic approval
web-statistics-approval-step = Step
web-statistics-approval-step-n = Step { $step }
web-statistics-approval-signed = Approvals
web-statistics-approval-stand-in = Of which by a stand-in
web-statistics-approval-median-hours = Median hours
web-statistics-approval-hint = Of the decisions on filings received in the year, the share that went round an approval route (section chief, division manager…) in this service. The time is from the draft (or the step before) to that step's approval. { $returned } drafts were sent back.
web-statistics-facts-title = Facts on the procedures' pages the city has confirmed
# $done (Text) facts the city confirmed; $all (Text) facts marked for the city to confirm
web-statistics-facts-line = Of the { $all } facts on the procedures' pages marked for the city to confirm, the city has confirmed { $done } (as of today).
web-statistics-facts-hint = A fact the city has not confirmed is marked "Being confirmed with the city" on the procedure's page, with the section to ask.
