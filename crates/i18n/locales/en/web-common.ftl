### The web pages (common): words a page shows, by id (madoguchi-web).

web-common-applications-made-from-this = Applications made from this browser
web-common-approve-procedures = Approve procedures
web-common-counter-qr = Counter (QR)
web-common-error-prefix = Error:{" "}
web-common-error-code = Error code
web-common-request-id = Request ID
web-common-request-id-hint = If you contact us about this, please tell us this ID.
web-common-exports = Exports
web-common-fees-by-day = Fees by day
web-common-go-to-the-list-of-procedures = Go to the list of procedures
web-common-integrations = Integrations
web-common-online-counter = Online counter
web-common-online-counter-for-staff = Online counter for staff
web-common-procedures = Procedures
web-common-published-figures-open-data = Published figures (open data)
web-common-queue = Queue
web-common-sign-in = Sign in
web-common-sign-out = Sign out
web-common-skip-to-main-content = Skip to main content
web-common-staff-menu = Staff menu
web-common-stay-signed-in = Stay signed in
web-common-there-is-a-problem = There is a problem
# $count (Number) how many problems the error summary does not list (it lists the first 100)
web-common-and-more-problems = And { $count } more problem(s): fix the ones above and send the page again.
web-common-undelivered-emails = Undelivered emails
# $city: the city's name (Sendai City), or words for "your city" on a page of no city
web-common-you-can-also-use-these-services = You can also use these services by phone or at a counter of { $city }. Ask us if you need help.
web-common-your-sign-in-cannot-be-extended = Your sign-in cannot be extended further (12 hours). Your answers are saved: sign in again when you submit.
web-common-your-sign-in-has-ended-your = Your sign-in has ended. Your answers are saved: sign in again when you submit.
# The furigana switch, on Japanese pages only.
web-common-furigana-on = Show furigana
web-common-furigana-off = Hide furigana
# $until (Text) when the sign-in ends, as datetime-format writes it
web-common-signed-out-soon = You will be signed out soon ({ $until }) because of inactivity. Press "Stay signed in" to continue; your answers are kept.
web-common-month = Month
web-common-optional = Optional
web-common-remove = Remove
web-common-required = Required
web-common-select = Select
web-common-all = All
web-common-all-procedures = All procedures
web-common-arrival-number = Arrival number
web-common-arrived = Arrived
web-common-arrived-from = Arrived from
web-common-arrived-until = Arrived until
web-common-back-to-the-queue = Back to the queue
web-common-convenience-store-payment-number = Convenience-store payment number
web-common-create = Create
web-common-deadline = Deadline
web-common-documents-attached = Documents attached
web-common-error = Error
web-common-export = Export
web-common-fee = Fee
web-common-find-a-procedure = Find a procedure
web-common-identity-check = Identity check
web-common-open = Open
web-common-password = Password
web-common-pay = Pay
web-common-procedure = Procedure
web-common-reason = Reason
web-common-search = Search
web-common-send-again = Send again
web-common-show = Show
web-common-status = Status
web-common-status-now = Status now
web-common-step = Step
web-common-deadline-line = Deadline: { $deadline }
web-common-fee-line = Fee: { $fee }
web-common-reason-line = Reason: { $reason }
web-common-step-title = Step { $number }: { $title }
web-common-your-menu = Your menu
web-common-signed-in-account = Signed in
web-common-accessibility-and-privacy = Accessibility and privacy
web-common-status-lookup-link = Check a status with the arrival number
# For a sentence naming the city, on a page no city serves
web-common-your-city = your city
