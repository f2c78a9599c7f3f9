### The web pages (office): words a page shows, by id (madoguchi-web).

web-office-after = After
web-office-all-wards = All wards
web-office-answered = Answered
web-office-any = Any
web-office-anyone = Anyone
web-office-applicant = Applicant
web-office-applications = Applications
web-office-apply = Apply
web-office-approve = Approve
web-office-approve-and-publish = Approve and publish
web-office-arrival-number-or-the-applicants = Arrival number, or the applicant's name or its reading
web-office-ask-for-a-correction = Ask for a correction
web-office-assign = Assign
web-office-assign-to = Assign to
web-office-assign-a-clerk = Assign to
web-office-assigned = Assigned
web-office-assigned-to = Assigned to
web-office-before = Before
web-office-business-days-to-add = Business days to add
web-office-choose = Choose
web-office-choose-approve-or-reject = Choose approve or reject
web-office-claim-this-application = Claim this application
web-office-clear-filters = Clear filters
web-office-close-the-file-result-delivered = Close the file (result delivered)
web-office-code-6-digits = Code (6 digits)
web-office-contact-email = Contact email
web-office-continue = Continue
web-office-correction = Correction
web-office-correction-received = Correction received
web-office-correction-request = Correction request
web-office-corrections = Corrections
web-office-count-by-status = Count by status
web-office-csv-for-spreadsheets-with-a-bom = CSV (for spreadsheets, with a BOM)
web-office-deadline-passed = Deadline passed
web-office-decision-mail = Decision
web-office-decision = Decision
web-office-decision-notice = Decision notice
web-office-differences = Differences
web-office-differences-from-what-is-open = Differences from what is open now
web-office-due = Due
web-office-due-date-first = Due date first
web-office-due-soon = Due soon
web-office-due-within-2-business-days = Due within 2 business days
web-office-emails-about-this-sections = Emails about this section's filings that could not be delivered after every retry. If the address is wrong, contact the applicant another way; once the mail relay is fixed, press "Send again".
web-office-emails-to-the-applicant = Emails to the applicant
web-office-enter-the-6-digits-the-app-shows = Enter the 6 digits the app shows.
web-office-enter-your-code = Enter your code
web-office-every-email-was-delivered = Every email was delivered.
web-office-export-filings-csv-json = Export filings (CSV, JSON)
web-office-export-format = Export format
web-office-extend-the-processing-period = Extend the processing period
web-office-fee-received = Fee received
web-office-fee-refunded = Fee refunded
web-office-booking-changed = Booking moved
web-office-booking-cancelled = Booking cancelled
web-office-filters = Filters
web-office-fingerprint-of-the-filed-data = Check value of the filed data (shows it has not changed since it arrived)
web-office-from-tomorrow-up-to-90-days-the = From tomorrow up to 90 days. The processing period stops meanwhile.
web-office-history = History
web-office-it-will-be-sent-again-check-this = It will be sent again; check this page in a few minutes.
web-office-item = Item
web-office-items = Items
web-office-items-to-correct = Items to correct
web-office-key-to-type = Key to type
web-office-login-id = Login ID
web-office-me = Me
web-office-message = Message
web-office-newest-first = Newest first
web-office-next = Next
web-office-next-filing = Next filing in the queue
web-office-next-you-enter-the-code-from = Next you enter the code from your authenticator app.
web-office-no-application-matches = No application matches.
web-office-no-email-has-been-sent = No email has been sent.
web-office-nobody = Nobody
web-office-nobody-yet = Nobody yet
web-office-none = None.
web-office-none-tell-the-applicant-by-phone = None (tell the applicant by phone or post)
web-office-not-yet = Not yet
web-office-nothing-is-waiting-for-approval = Nothing is waiting for approval.
web-office-nothing-was-recorded = Nothing was recorded
web-office-oldest-first = Oldest first
web-office-open-an-authenticator-app-on = Open an authenticator app on your phone (Google Authenticator, Microsoft Authenticator or similar).
web-office-open-awaiting-in-review = Open (awaiting, in review, correction)
web-office-open-the-pdf = Open the PDF
web-office-order = Order
web-office-overdue = Overdue
web-office-pages = Pages
web-office-paid-after-approval = paid after approval
web-office-previous = Previous
web-office-print-it-and-send-it-by-post = (print it and send it by post)
web-office-procedures-your-sections-authors = Procedures your section's authors asked to publish. Check what changed, then publish it or send it back with a reason.
web-office-qr-code-for-your-authenticator = QR code for your authenticator app
web-office-decision-reason = Reasons
web-office-receipt = Receipt
web-office-record-the-decision = Record the decision
web-office-record-the-extension = Record the extension
web-office-reject = Reject
web-office-requested = Requested
web-office-decision-reason-hint = Required when you reject: the rule and the facts, in words the applicant understands. You may write something with an approval too (a collection day, where to pick the result up): with the box below ticked the applicant is told it, otherwise it is only kept in the filing's history (up to 2,000 characters).
web-office-tell-the-applicant = With an approval too, tell the applicant this (in the decision mail, on their receipt page and on the decision notice)
web-office-say-why-it-goes-back-up-to-500 = Say why it goes back (up to 500 characters).
web-office-scan-this-qr-code-if-you-cannot = Scan this QR code. If you cannot, type the key below instead.
web-office-send-it-back = Send it back
web-office-send-the-request = Send the request
web-office-sent = Sent
web-office-sent-with-a-correction = Sent with a correction
web-office-set-up-your-authenticator-app = Set up your authenticator app
web-office-show-a-my-number-the-reason-is = Show a My Number (the reason is recorded)
web-office-staff-sign-in = Staff sign-in
web-office-start-again = Start again
web-office-submitted-arrived = Submitted (arrived)
web-office-system = System
web-office-the-appeal-rights-notice-sent = The appeal-rights notice sent with the decision
web-office-the-applicant-can-change-only = The applicant can change only the items you tick.
web-office-the-applicant-sent-it-again = The applicant sent it again without changes.
web-office-waiting-to-be-sent = Waiting to be sent
web-office-ward = Ward
web-office-we-could-not-sign-you-in = We could not sign you in
web-office-what-changed = What changed
web-office-what-is-your-decision = What is your decision?
web-office-what-to-do-sent-to-the-applicant = What to do (sent to the applicant)
web-office-why-it-goes-back = Why it goes back
web-office-why-you-need-to-see-it = Why you need to see it
web-office-with-the-applications-ticked = With the applications ticked
web-office-withdrawal-received = Withdrawal received
web-office-correction-deadline-reminder = Correction deadline reminder
web-office-failed-no-more-retries = Failed (no more retries)
web-office-no-standard-period = No standard period
# $procedure (Text) the procedure's id; $version (Text) the number of the version published
web-office-procedure-version-published = { $procedure } version { $version } is published.
# The kinds of mail, on the undelivered emails page.
web-office-mail-receipt = Receipt
web-office-mail-decision = Decision
web-office-mail-correction-request = Correction request
web-office-mail-correction-reminder = Correction reminder
web-office-mail-resubmitted = Correction received
web-office-mail-withdrawn = Withdrawal received
web-office-mail-payment-request = Please pay
web-office-mail-payment-received = Payment received
web-office-mail-refund = Refund made
# The processing clock of a filing, in the days used (web-office-clock).
web-office-clock-running = running
web-office-clock-paused = paused for a correction
web-office-clock-stopped = stopped
# $allowed (Number) the standard processing period in business days; $used (Number) the business days used so far
# $phase (Text) web-office-clock-running, -paused or -stopped
web-office-clock = { $allowed ->
    [one] { $used } of { $allowed } business day used ({ $phase })
   *[other] { $used } of { $allowed } business days used ({ $phase })
}
# $count (Number) how many applications the queue holds
web-office-applications-count = { $count ->
    [one] { $count } application
   *[other] { $count } applications
}
# $count (Number) how many applications were assigned
web-office-applications-assigned = { $count ->
    [one] { $count } application assigned.
   *[other] { $count } applications assigned.
}
# $count (Number) how many times the mail was tried
web-office-attempts-count = { $count ->
    [one] { $count } attempt
   *[other] { $count } attempts
}
web-office-delivery-line = To: { $recipient } · Given up: { $at } · Attempts: { $count }
web-office-choose-filing = Choose { $number }
web-office-sent-by-line = Sent by: { $name }
web-office-changes-made-line = What changed: { $note }
web-office-provider-said-line = Provider said: { $message }
web-office-mail-line-other = Other notice
web-office-mail-line = { $kind }: { $status }
web-office-demo-code-line = Demo only: the demo account’s current code is { $code }

# The audit log page (/office/audit): supervisors and administrators read who viewed or changed what.
web-office-audit-log = Audit log
web-office-audit-intro = The record of views of filings, revealed My Numbers, exports, and changes to staff accounts and procedures, and of the actions on filings (arrival, claim, assignment, correction request and resubmission, extension, decision, fee received and refunded, completion, withdrawal). Enter an arrival number to read the entries about that filing, or choose a staff member to read what they did and what was done to their account, newest first. Reading and downloading it are recorded too.
web-office-audit-filing = Arrival number
web-office-audit-filing-hint = For example 261124-7K3M-Q8R5
web-office-audit-staff = Staff member
web-office-audit-staff-none = (none)
web-office-audit-from = From
web-office-audit-until = Until
web-office-audit-dates-hint = Year-month-day, for example 2026-11-24. Leave empty for no limit.
web-office-audit-show = Show the entries
web-office-audit-choose = Enter an arrival number or choose a staff member.
web-office-audit-one-subject = Give either an arrival number or a staff member, not both.
web-office-audit-date-invalid = Enter “{ $field }” as year-month-day, for example 2026-11-24.
web-office-audit-range = “From” must be the same day as “Until” or earlier.
web-office-audit-not-found = No filing with that arrival number, or no such staff member, was found. Only those within your reach (your section and ward) are shown.
web-office-audit-none = No entries match.
web-office-audit-records-of = Entries for { $subject }
web-office-audit-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
web-office-audit-by = Done by
web-office-audit-filing-line = Filing
web-office-audit-target = Staff account
web-office-audit-reason = Reason
web-office-audit-via-token = Done with API token { $token }
web-office-audit-older = Older entries
web-office-audit-export = Download these entries as CSV
web-office-audit-export-hint = Every entry from the first page on (at most 20,000: for more, shorten the period). Downloading is recorded too.
web-office-mail-in-review = Review started
web-office-mail-extended = Processing period extended
web-office-mail-closed = Completed
web-office-mail-resume-link = Link to go on with a saved application
web-office-mail-email-code = Email address confirmation code
web-office-mail-account-exists = Registration with an address that has an account
web-office-mail-account-verify = Account email confirmation
web-office-mail-account-reset = Password reset
web-office-mail-account-password-changed = Password changed
web-office-mail-booking = Booking
web-office-mail-booking-cancelled = Booking cancelled
web-office-mail-booking-reminder = Booking reminder
web-office-mail-booking-stopped = Booked time stopped
web-office-mail-waitlist-joined = Waiting list joined
web-office-mail-waitlist-offer = Waiting list: a place for you
web-office-actions-on-this-filing = Actions on this filing
# Shown instead of an action the fee still owed holds back
web-office-approval-waits-for-the-fee = You can approve once the fee is paid (you can reject now).
web-office-close-waits-for-the-fee = You can close the file once the fee is paid.
web-office-alike-title = Possible duplicate
web-office-alike-flagged = Another open application of this procedure is for the same person with the same key answers. Check whether both are meant before deciding; the resident was warned before sending.
web-office-alike-void = Another open application of this procedure is for the same person with the same key answers, and the procedure says a second one has no effect. It could be sent only from another device or without signing in: check which one stands.
web-office-alike-elsewhere = { $count ->
    [one] One more is routed to another ward, which you cannot open.
   *[other] { $count } more are routed to other wards, which you cannot open.
}

## Approval routes (決裁ルート)

web-office-route-title = Approval
web-office-route-hint = Decisions on this procedure take effect once { $route } approve them. Recording a decision here sends it round as a draft; the applicant is told nothing until the last approval.
web-office-route-draft-button = Draft and send for approval
web-office-route-pending = A draft to “{ $decision }” by { $drafter } on { $at } is waiting for approval.
web-office-route-returned-line = The draft to “{ $decision }” by { $drafter } on { $at } was sent back. Review it and record the decision again.
web-office-route-draft-reason = The draft's reasons or note
web-office-route-steps = Approvals so far
web-office-route-step = Step
web-office-route-post = Post
web-office-route-who = Approver
web-office-route-word = Approval
web-office-route-waiting = Waiting
web-office-route-not-yet = Not yet
web-office-route-endorsed = Approved
web-office-route-returned = Sent back
web-office-route-stand-in = Stand-in
web-office-route-your-word = Your approval
web-office-route-endorse = Approve the draft
web-office-route-endorse-last = Approve: the decision takes effect and the applicant is told
web-office-route-return = Send back to the drafter
web-office-route-comment = Comment
web-office-route-comment-hint = Say why when you send it back or act as a stand-in (up to 500 characters).
web-office-route-as-stand-in = Approve as stand-in for the { $post } (give the reason in the comment)
web-office-route-record = Record
web-office-route-comment-required = Comment: say why you send it back, or why you act as a stand-in
web-office-route-comment-too-long = Comment: keep it to 500 characters
web-office-history-decision-drafted = Decision drafted
web-office-history-decision-endorsed = Draft approved
web-office-history-decision-returned = Draft sent back
web-office-decisions-title = Awaiting approval
web-office-decisions-intro = Drafts waiting for your post's approval, oldest first.
web-office-decisions-none = No draft is waiting for your approval.
web-office-decisions-mine = Your drafts
web-office-decisions-mine-none = None of your drafts is on its way or sent back.
web-office-decisions-decision = Decision
web-office-decisions-drafted = Drafted
web-office-decisions-age = Age
web-office-decisions-days = { $days } days
web-office-decisions-waiting-for = Waiting for the { $post }
web-office-decisions-sent-back-by = Sent back by { $by } ({ $post }): { $comment }
web-office-decisions-pick = Choose: { $number }
web-office-decisions-endorse-many = Approve the chosen drafts together
web-office-decisions-endorse-many-hint = Drafts you would sign as a stand-in need a reason each: open them one by one.
web-office-decisions-pick-none = Choose the drafts to approve
web-office-decisions-endorsed-many = { $count } drafts approved.
web-office-bulk-decide = Go on to approve (check them together)
web-office-bulk-decision-title = Approve together (bulk decision)
web-office-bulk-decision-procedure = Procedure: { $title }
web-office-bulk-decision-intro = The chosen applications were checked as a single approval checks them. Only those that pass are approved together. Each decision is recorded on its own and each applicant is told.
web-office-bulk-decision-routed = This procedure has an approval route ({ $route }). Each approval is drafted and goes along it; it takes effect, and the applicant is told, when the route agrees.
web-office-bulk-decision-unseen = { $count } of the chosen applications can no longer be opened (moved to another ward, for example).
web-office-bulk-decision-checks = What the checks found
web-office-bulk-decision-check = Check
web-office-bulk-decision-passes = Can be approved
web-office-bulk-block-other-procedure = Another procedure: choose one procedure at a time
web-office-bulk-block-state = Cannot be approved from this status
web-office-bulk-block-drafted = A decision on it is already on its approval route
web-office-bulk-block-alike = Possible duplicate: open it and check it on its own
web-office-bulk-block-fee-unpaid = The fee is not paid yet
web-office-bulk-decision-none = None of the chosen applications passes. Go back to the queue and choose again.
web-office-bulk-decision-note = Note on the approval (optional)
web-office-bulk-decision-note-hint = Kept on every application's record. Up to 2,000 characters.
web-office-bulk-decision-tell = Tell the applicants this note too (a collection day, for example)
web-office-bulk-decision-approve = Approve { $count }
web-office-bulk-decision-draft = Draft { $count } approvals for the approval route
web-office-bulk-decision-changed = Nothing was approved: some applications changed after they were checked. Look at the checks as they stand now and press again.
web-office-applications-approved = { $count } approved. Each applicant is told.
web-office-applications-drafted = { $count } approvals drafted and sent along the approval route.
web-office-retention-title = Keeping periods and disposal
web-office-retention-intro = Each of the section's procedures with its keeping period, and how many decided applications are past it. The period is counted from 1 April of the fiscal year after the decision. Applications still in progress, and those that ended without a decision (withdrawn), are not counted. Nothing is deleted from this page.
web-office-retention-as-of = As of { $day }, { $count } applications are past their keeping period.
web-office-retention-caption = Keeping period by procedure
web-office-retention-class = Kept for
web-office-retention-decided-before = Past the period if decided before
web-office-retention-due = Past the period
web-office-retention-years = { $years } years
web-office-retention-permanent = Permanently
web-office-retention-unknown = Not set (check the procedure's definition)
web-office-retention-download = Download the disposal list (CSV)
web-office-retention-not-yet = Approving a disposal and deletion or anonymisation are not available yet. The list is for checking. Legal holds are put on from the application's page.
web-office-hold-title = Legal hold (disposal stopped)
web-office-hold-none = This application has no legal hold. Once past its keeping period it goes on the disposal list.
web-office-hold-in-force = Under a legal hold ({ $by }, { $at }). Until the hold is lifted it stays off the disposal list, whatever its keeping period.
web-office-hold-place = Put a legal hold on it
web-office-hold-place-hint = Say why: a lawsuit, an appeal, a disclosure request. Up to 500 characters.
web-office-hold-place-button = Put the hold on
web-office-hold-lift = Lift the legal hold
web-office-hold-lift-hint = Say why the hold ends (a final judgment, a request withdrawn). Up to 500 characters.
web-office-hold-lift-button = Lift the hold
web-office-hold-reason-required = Reason: say why the hold is put on (or lifted)
web-office-hold-reason-too-long = Reason: use 500 characters or fewer
web-office-hold-placed-event = Legal hold put on
web-office-hold-lifted-event = Legal hold lifted
web-office-retention-held = { $count } more are kept for a legal hold.

## The city signs off its facts (/office/facts)
web-office-facts-title = Confirm the facts
web-office-facts-intro = These are the facts your procedures' pages state that their definitions mark for the city to confirm. Until the city confirms one, residents see it marked "Being confirmed with the city" on the page, the check page and the mails. When you have confirmed a fact, record what it rests on (a page the city publishes, an ordinance or rule, an internal rule). To correct a fact, edit the procedure and publish a new version (the new words are then confirmed again).
# $done (Text) facts confirmed; $all (Text) facts marked to confirm
web-office-facts-progress = Confirmed by the city: { $done } of { $all } facts
web-office-facts-none = No fact needs confirming.
web-office-facts-saved = The confirmation is recorded. The "Being confirmed with the city" mark leaves the residents' pages within seconds.
web-office-facts-done = Confirmed
web-office-facts-stated = What the residents' page states
web-office-facts-note = What to confirm
web-office-facts-sources = Sources found
web-office-facts-no-sources = None yet
# $name (Text) who confirmed; $at (Text) when; $evidence (Text) the kind of evidence; $what (Text) the evidence named; $version (Text) the form version's first characters
web-office-facts-confirmed-by = Confirmed by { $name } on { $at } (evidence: { $evidence } "{ $what }", form version { $version })
web-office-facts-evidence = What the confirmation rests on
web-office-facts-evidence-page = A page the city publishes
web-office-facts-evidence-ordinance = An ordinance or rule
web-office-facts-evidence-internal-rule = An internal rule or decision
web-office-facts-what = Name or address of the evidence
web-office-facts-what-hint = The page's address, the ordinance's name and article, the internal rule's name and date
web-office-facts-confirm = Confirm
web-office-facts-evidence-missing = Choose what the confirmation rests on
web-office-facts-what-missing = Enter the name or address of the evidence (an ordinance's name and article, a page's address)
# $max (Text) the most characters
web-office-facts-what-too-long = Enter the name or address of the evidence in { $max } characters or fewer
web-office-facts-changed = This fact's words changed after the page was opened, or it is confirmed already. Open the page again and check the words as they are now.
