### The web pages (counter): words a page shows, by id (madoguchi-web).

web-counter-an-identity-document-my-number = An identity document (My Number Card, driving licence, passport, residence card…) and the documents each procedure's page lists.
web-counter-at-the-counter = At the counter
web-counter-continue = Continue
web-counter-counter-code = Counter code
web-counter-counter-open-a-pre-entry = Counter: open a pre-entry
web-counter-open-a-pre-entry-heading = Counter: open a pre-entry
web-counter-each-procedure-is-now-in-its = Each procedure is now in its section's queue. Give the applicant the arrival numbers (an email receipt is sent too when they gave an address).
web-counter-filed = Filed
web-counter-for-example-7kqm2-xdp9r-a-qr = For example 7KQM2-XDP9R (a QR scanner types into this box)
web-counter-i-have-checked-the-applicants-or = I have checked the applicant's (or proxy's) identity and gone through the answers with them
web-counter-identity-document-checked = Identity document checked
web-counter-if-it-cannot-be-scanned-tell-the = If it cannot be scanned, tell the clerk this code:
web-counter-none-yet-choose-file-at-the = None yet. Choose "File at the counter" on a procedure's check page to add it here.
web-counter-not-complete-it-will-not-be = Not complete: it will not be filed
web-counter-not-finished = Not finished
web-counter-open = Open
web-counter-open-another-code = Open another code
web-counter-pre-entry = Pre-entry
web-counter-procedures-filed-and-their = Procedures filed and their arrival numbers
web-counter-procedures-prepared = Procedures prepared
web-counter-qr-code-for-the-counter = QR code for the counter
web-counter-ready = Ready
web-counter-ready-to-file = Ready to file
web-counter-remove = Remove
web-counter-scan-the-qr-code-on-the = Scan the QR code on the applicant's phone, or type the 10-character code shown under it.
web-counter-show-a-new-code = Show a new code
web-counter-show-the-qr-code-on-this-page-at = Show the QR code on this page at the counter. The clerk scans it and files your procedures with the answers you gave: there is no form to fill in again.
web-counter-start = Start
web-counter-the-code-holds-no-personal = The code holds no personal details such as your name or address.
web-counter-they-start-with-the-name-address = They start with the name, address and other answers you already gave. Choose only the ones you need.
web-counter-what-to-bring = What to bring
web-counter-you-can-prepare-these-too = You can prepare these too
web-counter-you-have-not-prepared-anything = You have not prepared anything yet. Finish a procedure's questions and choose "File at the counter" on its check page: you get a QR code to show at the counter.
web-counter-your-code-for-the-counter = Your code for the counter
web-counter-your-code-has-expired-your = Your code has expired. Your answers are kept.
# A time of the visit (a chrono pattern, Japan time).
web-counter-time-format = %-d %B, %H:%M
# The identity documents a clerk checks at the counter.
# $procedure (Text) the procedure whose answers are reused
web-counter-answers-reused-from = { $procedure }: answers reused
# $count (Text) how many procedures are ready to file
web-counter-file-count = File({ $count })
web-counter-prepared-line = Prepared: { $at }
web-counter-identity-checked-with-line = Identity checked with: { $identity }
web-counter-goes-to-line = Goes to: { $department }
web-counter-valid-until-line = Valid until { $date }
web-counter-entry-title = Enter for a resident
web-counter-entry-intro = For a resident without a smartphone, or who asks, a clerk enters the answers while listening. "Start entering" gives this browser a fresh resident session (what was entered before can no longer be opened from here); the procedures are then filled with the same pages and checks a resident uses. On the check page choose to file at the counter, then go on to identity and filing.
web-counter-entry-start = Start entering
web-counter-entry-notice = A clerk is entering for a resident.
web-counter-entry-choose = Choose the procedures
web-counter-entry-open = Go on to identity and filing
web-counter-entry-next = Start entering for the next resident
