### The web pages (resident): words a page shows, by id (madoguchi-web).

web-resident-12-characters-or-more-a-phrase = 12 characters or more. A phrase you can remember works well. Symbols and capitals are not required.
web-resident-account = Account
web-resident-after = After
web-resident-after-you-submit-you-go-on-to = After you submit, you go on to pay the fee (card, convenience store or QR payment).
web-resident-all-procedures = All procedures
web-resident-application-received = Application received
web-resident-applications-made-from-this = Applications made from this browser. They no longer show if you clear the browser's data; your arrival numbers and emails still work.
web-resident-back = Back
web-resident-back-to-the-procedure = Back to the procedure
web-resident-before = Before
web-resident-by-submitting-you-confirm-that = By submitting you confirm that your answers are correct.
web-resident-can-be-done-online = Can be done online
web-resident-categories = Categories
web-resident-change-only-the-items-below-then = Change only the items below, then send. Everything else stays as it is.
# Added after the line above when a My Number is among the items to change
web-resident-type-my-number-again = For your safety, type the My Number again.
web-resident-check-the-email-address-enter = Check the email address: enter one with an @, like taro@example.jp.
web-resident-check-your-answers = Check your answers
web-resident-check-your-answers-before-you = Check your answers before you submit
# On the check page when answers are accepted with a warning (shown under each).
web-resident-answers-with-warnings = The answers to the questions below need your attention: read the note under each. If they are right, press "{ $button }" to send this application.
web-resident-step-with-warnings = The answers to the questions below need your attention: read the note under each. If they are right, press "{ $button }" to go on.
web-resident-check-your-email = Check your email
web-resident-choose-what-is-happening-answer = Choose what is happening, answer a few questions, and see every procedure that applies and what to bring.
web-resident-choose-your-email-address-and-a = Choose your email address and a password. We email you a link: opening it finishes the registration.
web-resident-confirm = Confirm
web-resident-confirm-with-my-my-number-card = Confirm with my My Number Card
web-resident-confirm-your-email-address = Confirm your email address
web-resident-confirmation-code-6-digits = Confirmation code (6 digits)
web-resident-confirmed-with-your-my-number = Confirmed with your My Number Card
web-resident-continue = Continue
web-resident-continue-the-draft = Continue
web-resident-continue-to-check-your-answers = Continue to check your answers
web-resident-correct-your-application = Correct your application
web-resident-create-account = Create account
web-resident-create-an-account = Create an account
web-resident-current-status = Current status
web-resident-decision-notice-pdf = Decision notice (PDF)
web-resident-deleted-after = Deleted after
web-resident-done-elsewhere = Done elsewhere
web-resident-email-address = Email address
web-resident-email-me-a-code = Email me a code
web-resident-email-me-a-link-to-continue = Email me a link to continue (another device, later)
web-resident-expected-decision-by = Expected decision by
web-resident-file-at-the-counter-make-a-qr = File at the counter (make a QR code)
web-resident-filing-at-a-counter-instead = Filing at a counter instead
web-resident-fill-it-in-here-first-at-the = Fill it in here first: at the counter you only give the number you receive, and nothing has to be written by hand.
web-resident-find-a-procedure = Find a procedure
web-resident-find-another-procedure = Find another procedure
web-resident-finished-at-a-counter-prepare = Finished at a counter (prepare online)
web-resident-for-example-resident-record = For example: resident record, child allowance, bulky waste
web-resident-forgot-your-password = Forgot your password?
web-resident-free = Free
web-resident-go-to-sign-in = Go to sign in
web-resident-handled-by = Handled by
web-resident-how-long-it-takes = How long it takes
web-resident-how-you-get-the-result = How you get the result
web-resident-i-understand-and-want-to = I understand and want to withdraw
web-resident-identity = Identity
web-resident-if-no-mail-arrives-check-your = If no mail arrives, check your spam folder.
web-resident-if-you-are-inactive-for-a-while = If you are inactive for a while you are signed out automatically (your answers are kept).
web-resident-if-you-no-longer-want-to-apply = If you no longer want to apply
web-resident-if-you-withdraw-the-application = If you withdraw, the application will not be reviewed. This cannot be undone: if you need it later, apply again.
web-resident-keep-your-arrival-number-you = Keep your arrival number: you will need it if you contact us.
web-resident-life-event-guide = Life-event guide
web-resident-life-event-guide-find-everything = Life-event guide: find everything to do when you move, have a baby, lose a family member…
web-resident-message-from-the-office = Message from the office
web-resident-new-here-create-an-account = New here? Create an account
web-resident-no = No
web-resident-no-applications-yet = No applications yet.
web-resident-no-email-was-sent = No email was sent
web-resident-no-fee = No fee
web-resident-no-procedure-can-be-filed-online = No procedure can be filed online at the moment.
web-resident-not-sent-yet = Not sent yet
web-resident-not-yet-sent = Not yet sent
web-resident-nothing-was-withdrawn = Nothing was withdrawn
web-resident-or-sign-in-with-your-account = Or sign in with your account
web-resident-paid-by = Paid by
web-resident-paying-the-fee = Paying the fee
web-resident-prepare-online-finish-at-a = Prepare online, finish at a counter
web-resident-press-confirm-to-finish = Press "Confirm" to finish registering.
web-resident-procedures = Procedures
web-resident-save-the-receipt-pdf = Save the receipt (PDF)
web-resident-saved = Saved
web-resident-send-a-new-code = Send a new code
web-resident-send-the-correction = Send the correction
web-resident-send-the-link = Send the link
web-resident-sent = Sent
web-resident-set-a-new-password = Set a new password
web-resident-set-password = Set password
web-resident-show-what-to-do = Show what to do
web-resident-sign-in = Sign in
web-resident-sign-in-with-the-email-address = Sign in with the email address and password you registered. Some procedures can be filed without signing in.
web-resident-sign-in-with-your-my-number-card = Sign in with your My Number Card or another ID
web-resident-sign-out = Sign out
web-resident-end-the-identity-check = Sign out
web-resident-signed-in-until = Signed in until
web-resident-signed-in-with-an-account = Signed in with an account
web-resident-start-filling-in = Start filling in
web-resident-start-now = Start now
web-resident-submit-and-go-on-to-pay = Submit and go on to pay
web-resident-submit-application = Submit application
web-resident-the-deadline-has-passed-please = (the deadline has passed: please send it as soon as you can)
web-resident-the-guide-has-no-events-yet = The guide has no events yet.
web-resident-the-mail-can-take-a-minute-to = The mail can take a minute to arrive.
web-resident-the-office-will-check-it-and = The office will check it and email you the decision.
web-resident-the-payment-page-could-not-be = The payment page could not be reached
web-resident-the-section-continues-once-the = The section continues once the fee is paid. You can pay by card, at a convenience store or by QR payment.
web-resident-the-section-will-review-your = The section will review your application and call you if anything needs checking.
web-resident-there-is-no-fee = There is no fee
web-resident-this-correction-request-is-no = This correction request is no longer open.
web-resident-this-procedure-is-filed-by-a = This procedure is filed by a registered resident: sign in (or create an account). Your answers are kept and you come back to this page.
web-resident-finished-at-a-counter = This procedure is finished at a counter
web-resident-finished-at-a-counter-give-number = This procedure is finished at a counter: give this arrival number there.
web-resident-this-procedure-needs-your = This procedure needs your identity confirmed with your My Number Card: your phone reads the card and you enter its 4-digit PIN.
web-resident-to-withdraw-tick-the-box-to = To withdraw, tick the box to confirm
web-resident-try-other-words-or-browse-the = Try other words, or browse the full list.
web-resident-we-have-emailed-you-a-link-to = We have emailed you a link to continue.
web-resident-we-have-emailed-you-a-receipt = We have emailed you a receipt, and will email you the decision.
web-resident-what-happens-next = What happens next
web-resident-what-has-happened = What has happened
web-resident-what-to-do = What to do
web-resident-what-to-have-ready = What to have ready
web-resident-what-you-applied-with = What you applied with
web-resident-what-you-changed = What you changed
web-resident-what-you-need = What you need
web-resident-when = When
web-resident-when-you-submit-your-application = When you submit, your application arrives and you get an arrival number.
web-resident-who-can-apply = Who can apply
web-resident-withdraw = Withdraw
web-resident-withdraw-the-application = Withdraw the application
web-resident-withdraw-this-application = Withdraw this application
web-resident-withdraw-this-application-question = Withdraw this application?
web-resident-yes = Yes
web-resident-you-are-signed-in = You are signed in
web-resident-you-are-signed-in-sentence = You are signed in.
web-resident-you-are-signed-in-with-an = You are signed in with an account.
web-resident-you-are-signed-out-this-browser = You are signed out. This browser no longer shows your drafts or applications.
# $city: the city's name
web-resident-you-can-turn-your-answers-into-a = You can turn your answers into a QR code to show at a counter of { $city }. The clerk scans it and files it for you: no paper form to fill in.
web-resident-you-pay-the-fee-after-the-review = You pay the fee after the review, on a page we email you.
web-resident-you-pay-the-fee-at-the-counter = You pay the fee at the counter.
web-resident-fee-bought-elsewhere = You pay this fee with stickers, stamps or tickets you buy elsewhere, as “What to prepare” says; nothing is charged here.
web-resident-fee-information-only = You pay this fee where the service is given, not here; nothing is charged here.
web-resident-your-application-has-arrived = Your application has arrived
web-resident-your-application-is-saved-and = Your application is saved and nothing is lost. Wait a few minutes and press "Pay" below again.
web-resident-your-applications = Your applications
web-resident-your-arrival-number = Your arrival number
web-resident-your-correction-was-received = Your correction was received
web-resident-your-email-address-is-confirmed = Your email address is confirmed. Please sign in.
web-resident-your-identity-is-confirmed-with = Your identity is confirmed with your My Number Card.
web-resident-identity-being-confirmed-with-card = Your identity is confirmed with your My Number Card.
web-resident-your-new-password = Your new password
web-resident-your-new-password-is-set-other = Your new password is set; other devices were signed out.
web-resident-choose-your-new-password-other = Choose your new password. Other devices will be signed out.
web-resident-decided-together-after-the = Decided together after the application period
web-resident-enter-the-email-address-you = Enter the email address you registered. We email you a link to a page where you choose a new password (valid for 1 hour).
# $email (Text) the address the resident registered
web-resident-account-confirmation-sent = We have emailed { $email }. Open the link in it within 24 hours to finish registering.
# $email (Text) the address the resident typed
web-resident-password-reset-sent = If { $email } has an account, we have emailed it a link to choose a new password. Open it within an hour.
# $amount (Text) the fee for one unit, as money-yen writes it
# $unit (Text, optional) what the fee is counted in (通, copies); $unit_singular (Text, optional) the same without a plural s
web-resident-fee-per-unit = { $amount } per { $unit_singular }
web-resident-fee-per-item = A fee for each item, by its kind; the total is shown before you submit.
web-resident-fee-by-answer = The fee depends on what you ask for; it is shown before you submit.
web-resident-fee-varies = Fee depends on the request
web-resident-fee-charged = Fee charged (paid elsewhere)
web-resident-basis = Legal basis and sources
web-resident-source-about = { $issuer }, read on { $seen }
web-resident-source-about-document = { $issuer }, { $document }, read on { $seen }
web-resident-source-for-legal-basis = Legal basis
web-resident-source-for-fee = Fee
web-resident-source-for-refund = Refund
web-resident-source-for-and = {", "}
web-resident-source-for = { $of }:
web-resident-facts-reviewed = The facts on this page were last checked against their sources on { $date }.
# $date (Text) the expected decision date
web-resident-due-to-confirm = { $date } (an estimate: the city has still to confirm the processing period)
# $fee (Text) the fee in a line (「手数料 300円」, 「無料」)
web-resident-fee-to-confirm = { $fee } (being confirmed with the city)
web-resident-to-confirm-label = Being confirmed with the city
# $department (Text) the section that handles the procedure
web-resident-to-confirm = The city has not yet confirmed this. To be sure, ask { $department }.
# $date (Text) the day the facts were last checked against their sources
web-resident-facts-reviewed-partly = The facts on this page were last checked against their sources on { $date }; the city has not yet confirmed those marked "Being confirmed with the city".
web-resident-facts-partly-unconfirmed = The city has not yet confirmed the facts marked "Being confirmed with the city".
web-resident-handled-by-department = This procedure is handled by { $department }.
# $days (Number) the standard processing period in business days
web-resident-processing-days = { $days ->
    [0] Processed on the day it arrives (standard processing period)
    [one] Within { $days } working day of arrival (standard processing period)
   *[other] Within { $days } working days of arrival (standard processing period)
}
# $amount (Text) the fee, as money-yen writes it
web-resident-fee = Fee { $amount }
# $query (Text) what the resident searched for
web-resident-search-results = Search results for “{ $query }”
# $email (Text) the contact address the resident gave
web-resident-email-gate-intro = To file without signing in, confirm your contact address ({ $email }): we email you a 6-digit code to type below.
# HTML (shown as it is, with its link).
# $hours (Number) how long a draft is kept after its last save; $button (Text) the words of the step's button that saves
web-resident-draft-note = Pressing "{ $button }" saves your answers. Saved answers are deleted { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
} after the last save. To finish later, get a link by email from <a href="/my">your applications</a>.
# $count (Number) how many procedures the search found
web-resident-found-count = { $count ->
    [0] No procedure found.
    [one] { $count } procedure found.
   *[other] { $count } procedures found.
}
# $date (Text) the expected date, as date-format writes it
web-resident-expected-decision = If you submit now, expect a decision by { $date }.
web-resident-handled-by-line = Handled by: { $department }
web-resident-from-the-office-line = From the office: { $message }

## Identity announced on the procedure page, before step 1
web-resident-need-card = Before you send it, you confirm your identity with your My Number Card. You can do it now, before you start.
web-resident-card-confirmed-already = Your identity is confirmed with your My Number Card.
web-resident-need-account = You need to sign in to send this. Sign in or create an account before you start; what you enter is kept.
web-resident-need-email-code = You do not need an account. Before you send it, you enter a code we email to the address you give.
web-resident-or-sign-in-first = If you have an account, you can sign in first
web-resident-need-nothing = There is no identity check before you send it online.
web-resident-start-as-you-are = You can start now.
web-resident-need-account-met = You can start and send it as you are.
web-resident-applications-of-your-account = Applications made with the account you are signed in to, and from this browser.

## Statuses and the status look-up
web-resident-approved-pay-the-fee = Approved: please pay the fee
web-resident-status-key = Status look-up key
web-resident-status-key-hint = With the arrival number and this key you can see the status without an account, from any device. Keep a note of it (do not share it). It is also in the email we sent when it arrived.
web-resident-status-lookup = Check the status of an application
web-resident-status-lookup-intro = Enter the arrival number and the look-up key from your receipt or from the email we sent when it arrived. You do not need an account. Only the procedure's name, the dates and the status are shown.
web-resident-status-key-where = 12 letters and digits on your receipt or in the email (shaped like ABCD-EFGH-JKMN)
web-resident-show-the-status = Show the status
web-resident-decided-on = Decided
web-resident-status-lookup-more = What you entered and the decision notice are under "Your applications" in the browser you applied from, or on the page the emails link to.
web-resident-look-up-another = Check another application

## Purpose of use of the personal data, before the first step
web-resident-purpose-of-use = Why we ask for your personal data
web-resident-privacy-notice-link = How we handle personal data
web-resident-purpose-of-use-default = The personal data you enter is used by { $department } for the procedure "{ $title }": to review it, to tell you the result and to answer your questions.

## Accessibility statement and privacy notice (/accessibility)
web-resident-statement-title = Accessibility and privacy
web-resident-statement-accessibility = Accessibility statement
web-resident-statement-target = This online counter aims at conformance level AA of the Japanese Industrial Standard JIS X 8341-3:2016, so that everyone can use it, including older people, disabled people and people who only have a smartphone.
web-resident-statement-standard-key = Standard
web-resident-statement-level-key = Level aimed at
web-resident-statement-degree-key = Degree of conformance
web-resident-statement-degree = Considered (AA)
web-resident-statement-scope-key = Pages covered
web-resident-statement-scope = The residents' pages (the procedures and their guidance, filling in, checking, the receipt, your applications, signing in and registering, the status look-up, this page)
web-resident-statement-tech-key = Technologies relied upon
web-resident-statement-degree-why = "Conforming" or "partially conforming" may only be claimed after every success criterion is tested by the method of annex JB of the standard. The automated tests below cover part of that, so the degree is "considered".
web-resident-statement-waic = Guidelines for stating conformance with JIS X 8341-3:2016 (Web Accessibility Infrastructure Committee, in Japanese)
web-resident-statement-method = How the pages are tested
web-resident-statement-axe = A real browser (Chromium) on a 320 px wide phone screen goes through a resident's application and a clerk's decision; every page it shows is checked with the axe-core rules for WCAG 2.0 and 2.1 levels A and AA.
web-resident-statement-reflow = On the same journey, no page may scroll sideways at 320 px (reflow).
web-resident-statement-no-js = Without JavaScript, a resident can still fill in, send, see the receipt and look up the status.
web-resident-statement-errors = After a mistake, the focus moves to the list of problems, which links to each question.
web-resident-statement-results = Results
web-resident-statement-results-text = These tests run automatically on every change, and fail on any axe-core violation or any sideways scrolling.
web-resident-statement-not-yet = Automated tests find only part of the problems. Testing with people who use screen readers (VoiceOver, NVDA) has not been done yet.
web-resident-privacy-title = How we handle personal data
web-resident-privacy-what = What we collect: your answers to the procedure's questions, your contact email address, the files you attach, and your account when you sign in.
web-resident-privacy-purpose = Why: each procedure's page and its first question page say so. A filing records when that was shown.
web-resident-privacy-kept = How long: what you did not send is deleted 24 hours after it was last saved. Filings are kept by the city for the retention period set for each procedure.
web-resident-privacy-my-number = Your My Number (individual number) is stored encrypted and shown only in part.
web-resident-privacy-cookies = Cookies: for the language, furigana, your answers in progress and your sign-in (24 hours), protecting forms, and showing your status look-up key (24 hours). None for advertising or analytics.
web-resident-statement-contact-title = Contact
web-resident-statement-contact = About this page, anything hard to use, or how we handle personal data: contact the section named on each procedure's page. Give the arrival number when you ask about an application.
# $count (Number) how many procedures a category holds
web-resident-procedure-count = { $count ->
    [one] { $count } procedure
   *[other] { $count } procedures
}
# the home page's list of life events, above the links
web-resident-life-events = Find by life event

## Answers filled in for a signed-in resident (項目の自動入力)
web-resident-filled-from-identity = We filled this in from the details confirmed with your My Number Card. Change it if it is wrong, or if you are applying for someone else.
web-resident-filled-from-profile = We filled this in from the details saved in your account. Change it if it is wrong, or if you are applying for someone else.
web-resident-filled-from-last-filing = We filled this in from your answer in an earlier application. Change it if it is wrong, or if you are applying for someone else.
web-resident-filled-mark-identity = Verified with your My Number Card
web-resident-filled-mark-profile = Filled in from your account details
web-resident-filled-mark-last-filing = Filled in from an earlier application
web-resident-your-details = Details to fill in forms for you
web-resident-your-details-intro = What you save here is filled in for you on the questions of application forms that ask the same thing (the applicant's name, its katakana reading, date of birth, postal code, address and phone number). On each form you can check it and change it. The email address is your account's. Your answers in one application are also filled in on the same questions of the next.
web-resident-your-details-none = Nothing saved yet.
web-resident-change-your-details = Change the details filled in for you
web-resident-save-your-details = Save
web-resident-your-details-saved = Your details are saved.
web-resident-your-details-clear-hint = To remove a detail, leave it empty and save. With every detail empty, what you saved is deleted.
web-resident-privacy-prefill = When you apply signed in, the details confirmed with your My Number Card if you confirmed your identity with it (name, date of birth, postal code, address; kept only while that confirmation lasts), the details saved on your account page (name, katakana reading, date of birth, postal code, address, phone number), your account's email address and your answers in earlier applications fill in the questions of your next application that ask the same thing. Each question filled in says so, and you can change it before you send. You can change or delete the saved details on your account page at any time. They are never used for another municipality's procedures.
# The receipt page's heading once the office has decided (or the resident withdrew)
web-resident-heading-approved = Your application was approved
web-resident-heading-rejected = Your application was not approved
web-resident-heading-closed = Your application is complete
web-resident-heading-withdrawn = You withdrew this application
# The note or reasons the office wrote with its decision, under the receipt's heading
web-resident-note-with-the-decision = From the office
web-resident-reasons-for-the-decision = Reasons
# "What happens next" once decided
web-resident-save-the-decision-notice = Save the decision notice (PDF).
web-resident-the-result-reaches-you = The result (such as the certificate) will reach you as the procedure describes.
web-resident-the-notice-says-how-to-appeal = The decision notice says how to appeal if you disagree.
web-resident-nothing-more-to-do = There is nothing more for you to do for this application.
web-resident-alike-title = You already have this application open
web-resident-alike-flagged = We already have an application of this procedure from you for the same person with the same details. If you send this one too, the office will look at both. To change the first one, contact the office shown on its receipt. You can still send this one.
web-resident-alike-void = For this procedure, a second application for the same person cannot be made while the first is open. Wait for the first one's result, or withdraw it from its receipt first.
web-resident-alike-item = received { $date }, { $state }
web-resident-alike-not-sent = This application cannot be sent while the one above is open.
