### Error messages by error code (madoguchi-core ErrorCode): a title, then what to do.

error-not-found-title = Page not found
error-not-found-todo = Check the address, or find the procedure in the list of procedures.

error-method-not-allowed-title = This action is not possible
error-method-not-allowed-todo = Go back and use the buttons on the page.

error-payload-too-large-title = What you sent is too large
error-payload-too-large-todo = Shorten your answers and send them again.
error-request-timeout-title = What you sent took too long to arrive
error-request-timeout-todo = Check your connection and send it again. A large file may need a faster connection.

error-malformed-request-title = We could not read what was sent
error-malformed-request-todo = Open the page again and fill it in once more.
error-ambiguous-request-title = What was sent could be read in more than one way
error-ambiguous-request-todo = Open the page again and fill it in once more, giving each answer once.

error-unsupported-media-type-title = This kind of request is not supported
error-unsupported-media-type-todo = Send your answers from the form on the page.

error-csrf-failed-title = This page has expired
error-csrf-failed-todo = For your security the form was not accepted. Open the page again and send it once more.

error-validation-failed-title = There is a problem with your answers
error-validation-failed-todo = Correct the items shown and send the form again.

error-idempotency-key-missing-title = The submission key is missing
error-idempotency-key-missing-todo = Open the check page again and press the submit button.

error-idempotency-key-reused-title = This submission key was already used with other answers
error-idempotency-key-reused-todo = Open the check page again, then submit.

error-draft-missing-title = Your answers were not found
error-draft-missing-todo = They may have expired. Please start the form again.

error-login-failed-title = We could not sign you in
error-login-failed-todo = Check your login ID and password and try again.

error-login-required-title = Please sign in
error-login-required-todo = Sign in, then try again.

error-too-many-attempts-title = Sign-in is paused after repeated failures
error-too-many-attempts-todo = Wait about 15 minutes and try again, or ask your system administrator.
error-rate-limited-title = Too many requests from your connection
error-rate-limited-todo = Wait a minute and try again. If you share a connection with many people (an office or a school), ask its administrator.

error-code-invalid-title = The code is not right
error-code-invalid-todo = Enter the 6 digits your authenticator app shows. A code works once: wait for the next one.

error-invalid-transition-title = This application has already been handled
error-invalid-transition-todo = Go back to the list to see its current status.

error-reason-required-title = Enter a reason
error-reason-required-todo = Rejections, correction requests and extensions need the reason the applicant will be told.

error-reason-too-long-title = The reason is too long
error-reason-too-long-todo = Keep the reason to 2,000 characters or fewer.

error-forbidden-title = You are not allowed to do this
error-forbidden-todo = If it needs doing, ask your supervisor.

error-correction-fields-missing-title = Choose what needs correcting
error-correction-fields-missing-todo = Tick at least one item to be corrected and say how to correct it.

error-deadline-invalid-title = Check the deadline
error-deadline-invalid-todo = Enter a deadline from tomorrow up to 90 days ahead.

error-extension-invalid-title = Check the extension
error-extension-invalid-todo = An extension is 1 to 60 business days, with a reason.

error-assignee-invalid-title = Choose who to assign
error-assignee-invalid-todo = Choose a member of staff of the same section (and ward).

error-password-weak-title = This password cannot be used
error-password-weak-todo = Use 12 characters or more that are hard to guess (a phrase works well). Symbols are not required.

error-login-taken-title = This login is taken
error-login-taken-todo = Enter another login (such as the staff member's email address).

error-staff-invalid-title = Check the details
error-staff-invalid-todo = Check the login (an email address), the name, the section, the ward and the role.

error-staff-self-title = You cannot disable or demote yourself
error-staff-self-todo = Ask another administrator to do it.

error-export-too-large-title = Too many filings for one file
error-export-too-large-todo = Choose a shorter period (a month at a time, for example) and export again.

error-selection-invalid-title = Choose the applications
error-selection-invalid-todo = Tick one or more applications in the list (up to 200 at a time), then press the button again.

error-export-mixed-procedures-title = A CSV holds one procedure
error-export-mixed-procedures-todo = The applications chosen are of several procedures. Filter by procedure before choosing, or choose JSON.

error-file-name-invalid-title = Check the file name
error-file-name-invalid-todo = Choose the file again (a name of up to 200 characters, without folders or the characters / and \).

error-file-type-not-allowed-title = This kind of file cannot be attached
error-file-type-not-allowed-todo = Choose a PDF, JPEG, PNG or HEIC (iPhone photo). A photo of the document taken with a phone is fine.

error-file-too-large-title = The file is too large
error-file-too-large-todo = Each file must be 10 MB or less, and 30 MB in all for one application. Take the photo at a lower resolution, or split the pages.

error-too-many-files-title = Too many files
error-too-many-files-todo = Up to 5 files for each document. Remove the ones not needed, or put the pages in one PDF.

error-file-rejected-title = This file cannot be accepted
error-file-rejected-todo = The virus check found a problem. Scan or photograph the document again and attach the new file.

error-counter-code-invalid-title = The counter code cannot be read
error-counter-code-invalid-todo = Scan the QR code again, or type the 10-character code shown on the phone (for example 7KQM2-XDP9R).

error-counter-code-expired-title = The counter code has expired
error-counter-code-expired-todo = Ask the applicant to press "Show a new code" on the "At the counter" page of their phone and scan the new code. Their answers are kept.

error-counter-filed-title = This pre-entry has already been filed
error-counter-filed-todo = The arrival numbers of the procedures filed are listed under "Filed" on this page.

error-counter-nothing-ready-title = No procedure is ready to file
error-counter-nothing-ready-todo = A procedure whose answers are incomplete cannot be filed. Ask the applicant to finish it on the phone, or to fill in a paper form.

error-identity-unchecked-title = Choose the identity document
error-identity-unchecked-todo = Choose the document you checked (My Number Card, driving licence…) and tick "I have checked the applicant's identity".

error-fee-unpaid-title = The fee has not been paid yet
error-fee-unpaid-todo = Decide (or close) once the payment is confirmed. The filing's page shows the payment under "Fee".

error-payment-unavailable-title = The payment page cannot be reached
error-payment-unavailable-todo = Your application is saved and nothing is lost. Wait a few minutes and press "Pay" again.

error-identity-required-title = Confirm your identity with your My Number Card
error-identity-required-todo = This procedure can be filed once you have confirmed your identity with your My Number Card. Press "Confirm with my My Number Card"; your answers are kept.

error-sign-in-failed-title = Your identity could not be confirmed
error-sign-in-failed-todo = Start the identity check again. If you cancelled it or it took too long, please try again from the start.

error-sign-in-unavailable-title = The identity service cannot be reached
error-sign-in-unavailable-todo = Nothing you entered is lost. Wait a few minutes and try again.
error-external-check-unavailable-title = The system that checks your answers cannot be reached
error-external-check-unavailable-todo = Nothing was sent. Wait a while and try again.

error-email-invalid-title = Check the email address
error-email-invalid-todo = Enter an email address with an @, like taro@example.jp.

error-link-expired-title = This link no longer works
error-link-expired-todo = A link works once, until the saved answers expire. It has expired or was already used: please start again.

error-sign-in-required-title = Sign in to file this procedure
error-sign-in-required-todo = This procedure is filed by a registered resident. Press "Sign in" (or create an account); your answers are kept.

error-email-unconfirmed-title = Confirm your email address
error-email-unconfirmed-todo = Before you submit, enter the 6-digit code we email to your contact address. Your answers are kept.

error-email-code-invalid-title = The code is not right
error-email-code-invalid-todo = Enter the 6 digits from the email. A code works for 30 minutes and 5 tries; if it does not work, press "Send a new code".

error-account-unverified-title = Your email address is not confirmed yet
error-account-unverified-todo = We have emailed the confirmation link again. Open the link in the email, then sign in.

error-account-login-failed-title = We could not sign you in
error-account-login-failed-todo = Check your email address and password and try again. If you forgot your password, use "Forgot your password?" to set a new one.

error-status-lookup-failed-title = The arrival number or the look-up key is wrong
error-status-lookup-failed-todo = Check the arrival number and the look-up key (12 letters and digits) on your receipt or in the email we sent when it arrived, and enter them again.
error-status-lookup-throttled-title = Look-ups are paused after repeated failures
error-status-lookup-throttled-todo = Wait about 15 minutes and try again. If you do not have the look-up key, give the arrival number to the section that handles it.
error-account-throttled-title = Sign-in is paused after repeated failures
error-account-throttled-todo = Wait about 15 minutes and try again. If you forgot your password, use "Forgot your password?" to set a new one.

error-procedure-id-invalid-title = Check the procedure id
error-procedure-id-invalid-todo = Use 3 to 60 lower-case letters, digits and hyphens, like dog-walk-permit.

error-procedure-id-taken-title = This procedure id is taken
error-procedure-id-taken-todo = Choose an id no other procedure uses.

error-definition-invalid-title = It cannot be published yet
error-definition-invalid-todo = Fix every problem the check found, save, then publish.

error-api-token-invalid-title = The API token is not valid
error-api-token-invalid-todo = Ask your department's author for a valid token, and send it as "Authorization: Bearer".

error-api-token-read-only-title = This API token can only read
error-api-token-read-only-todo = Use a token with write rights to make changes.

error-token-name-invalid-title = Check the name
error-token-name-invalid-todo = Give a name of 1 to 60 characters that says which system uses it.

error-webhook-url-invalid-title = Check the URL
error-webhook-url-invalid-todo = Enter a URL starting with https:// (http://127.0.0.1 only for testing).

error-webhook-events-missing-title = Choose the events to send
error-webhook-events-missing-todo = Choose at least one.

error-procedure-retired-title = This procedure is closed
error-procedure-retired-todo = Look for another procedure, or ask the department.

error-import-invalid-title = This is not a procedure definition
error-import-invalid-todo = Paste the whole form.json as exported (it needs procedure.id).

error-service-unavailable-title = The service is busy
error-service-unavailable-todo = What you just sent was not saved (what was saved before is kept). Go back to the page you filled in with your browser's Back button, wait a moment and send it again.

error-internal-title = Something went wrong on our side
error-internal-todo = We are sorry. Please try again in a little while.

## Bookings
error-slot-full-title = The time you chose is full
error-slot-full-todo = Choose another date and time: the list shows those with places left.
error-slot-closed-title = This date and time is not open
error-slot-closed-todo = It is closed for the reason shown in the list. Choose another date and time.
error-slot-out-of-window-title = This date and time cannot be booked now
error-slot-out-of-window-todo = It is past, not yet open for booking, or its booking has closed. Choose a date and time from the list.
error-booking-limit-title = You already have as many bookings as allowed
error-booking-limit-todo = Change or cancel a booking you have, then book again.
error-hold-expired-title = The place kept for you has expired
error-hold-expired-todo = If the slot still has places, sending again books it; if it is full, choose another date and time.
