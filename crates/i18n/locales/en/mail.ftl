### Mail to residents (madoguchi-app): one subject and one body per mail. A mail holds
### every language, Japanese first: the subjects joined by " / ", the bodies each after a
### rule ("----").

## Receipt

mail-receipt-subject = Received: { $title }
mail-receipt-body =
    Your application has arrived.

    Procedure: { $title }
    Arrival number: { $number }
    Arrived: { $at }
    Fee: { $fee }
    Handled by: { $dep }
    Expected decision by: { $due }

    { $lookup }

    Please quote the arrival number if you contact us. Replies to this address are not read.
    { $city }
mail-receipt-lookup = Status look-up key: { $key }
    With the arrival number and this key anyone can see the status without an account, at { $url } (do not share it).
mail-receipt-due-unscheduled = we will tell you when it is scheduled
# $due the expected decision date (datetime-format)
mail-receipt-due-to-confirm = { $due } (an estimate: the city has still to confirm the processing period)

## Decision

mail-decision-subject = Decision: { $title }
mail-decision-body =
    Procedure: { $title }
    Arrival number: { $number }

    { $result }

    Your decision notice (PDF) is ready at this address (for you only; do not forward it):
    { $link }

    {"["}Your right to appeal]
    { $notice }

    Handled by: { $dep }
    Please quote the arrival number if you contact us.
mail-decision-approved-fee-online = Your application was approved. The fee is still to be paid: a separate email tells you how. Once it is paid, the result (a certificate, for example) is sent as the procedure describes.
mail-decision-approved-fee-offline = Your application was approved. Please pay the fee the way you chose ({ $how }); the result (a certificate, for example) is sent once it is paid.
mail-decision-approved = Your application was approved. The result (such as the certificate) will reach you as the procedure describes.
# $note what the clerk wrote for the applicant with an approval (several lines)
mail-decision-note =
    From the office:
    { $note }
mail-decision-rejected =
    Your application was rejected.

    Reasons:
    { $reason }

## Correction request

mail-correction-subject = Please correct your application
mail-correction-body =
    Please correct your application.

    Procedure: { $title }
    Arrival number: { $number }

    Items to correct:
    { $items }

    Message from the office:
    { $message }

    Deadline: { $deadline }

    Make the correction on this page (the address is for you only; do not forward it):
    { $link }

    The processing period is paused until your correction arrives. Without a correction by the deadline, the application may be rejected.
    Handled by: { $dep }
mail-correction-item = ・{ $label }
mail-correction-reminder-subject = [Correction deadline near] { $subject }
mail-correction-reminder-intro = The deadline for your correction ({ $deadline }) is near and we have not received it yet. Please use the address in this message (the earlier one no longer works).

## What the applicant did

mail-corrected-subject = [{ $city }] Correction received: { $title } (arrival number { $number })
mail-corrected-body =
    Procedure: { $title }
    Arrival number: { $number }

    Your correction was received and will be checked. The processing period runs again from the day after it arrived (the next business day if it arrived after hours).

    Handled by: { $dep }
mail-withdrawn-subject = [{ $city }] Withdrawal received: { $title } (arrival number { $number })
mail-withdrawn-body =
    Procedure: { $title }
    Arrival number: { $number }

    Your withdrawal was received. The application will not be reviewed.

    Handled by: { $dep }

## Fees

mail-payment-request-subject = Please pay the fee
mail-payment-request-body =
    Procedure: { $title }
    Arrival number: { $number }

    Please pay the fee of { $fee }. You can pay by card, at a convenience store or by QR payment on this page (for you only):
    { $link }

    We continue once the payment is confirmed.
    Handled by: { $dep }
mail-payment-received-subject = Payment received
mail-payment-received-body =
    Procedure: { $title }
    Arrival number: { $number }

    We have received your payment of { $amount } ({ $method }). { $next }

    Handled by: { $dep }
mail-payment-next-result = The certificate (or other result) will reach you as the procedure describes.
mail-payment-next-review = A member of staff will now check your application.
mail-refund-subject = Fee refunded
mail-refund-body =
    Procedure: { $title }
    Arrival number: { $number }

    Your fee of { $amount } has been refunded to the way you paid. It may take some days to reach you, depending on your card company.

    Handled by: { $dep }

## Drafts and guests

mail-resume-subject = Continue your application
mail-resume-body =
    You can continue "{ $title }" on this page (it works once, for you only):
    { $url }

    Until: { $until }
    After that your answers are deleted. Nothing has been filed yet.
    { $city }
mail-code-subject = Your confirmation code
mail-code-body =
    To file "{ $title }", please confirm your email address: enter the 6 digits above on the application page (valid for 30 minutes).
    If this was not you, delete this mail.
    { $city }
mail-code-label = Code

## Resident accounts

mail-account-exists-subject = About your account
mail-account-exists-body =
    Someone asked to register this address, which already has an account.
    If it was you, sign in here (or set a new password from that page):
    { $url }

    If it was not you, delete this mail: nothing has changed.
    { $city }
mail-account-verify-subject = Confirm your email address
mail-account-verify-body =
    Thank you for registering with { $city }'s online procedures.
    Open this page to confirm your email address; then you can sign in (it works once, for 24 hours):
    { $url }

    If you did not register, delete this mail.
mail-account-reset-subject = Set a new password
mail-account-reset-body =
    You asked to set a new password. Choose it on this page (it works once):
    { $url }

    Until: { $until }
    If you did not ask, delete this mail: your password has not changed.
mail-password-changed-subject = Your password was changed
mail-password-changed-body =
    Your password was changed at { $when }; other devices were signed out.
    If this was not you, set a new password at once ("Forgot your password?") and contact { $city }.

## How the office is getting on

mail-in-review-subject = Being reviewed: { $title }
mail-in-review-body =
    Procedure: { $title }
    Arrival number: { $number }

    A member of staff has started to review your application. We will email you the result.
    Expected decision by: { $due }

    Handled by: { $dep }
mail-extended-subject = Processing period extended: { $title }
mail-extended-body =
    Procedure: { $title }
    Arrival number: { $number }

    The review takes longer: the processing period was extended by { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    }.
    Reason: { $reason }
    New expected decision date: { $due }

    Handled by: { $dep }
mail-closed-subject = Completed: { $title }
mail-closed-body =
    Procedure: { $title }
    Arrival number: { $number }

    Everything about this application is now completed.

    Handled by: { $dep }

## Bookings: made, requested, changed, confirmed, cancelled, the reminder

# $number (Text, optional)
# $city (Text, optional)
mail-booking-subject = [{ $city }] Booking: { $title } (arrival number { $number })
# $number (Text, optional)
# $city (Text, optional)
mail-booking-cancelled-subject = [{ $city }] Booking cancelled: { $title } (arrival number { $number })
# $number (Text, optional)
# $city (Text, optional)
mail-booking-stopped-subject = [{ $city }] Please choose another time: { $title } (arrival number { $number })
# $number (Text, optional)
# $city (Text, optional)
mail-booking-reminder-subject = [{ $city }] Your booking is tomorrow: { $title } (arrival number { $number })
# $what one of mail-booking-made … mail-booking-reminder; $time the day and time;
# $name what was booked; $place where to go; $manage mail-booking-manage,
# mail-booking-manage-closed or nothing (cancelled)
mail-booking-body =
    { $what }

    Procedure: { $title }
    Arrival number: { $number }
    Time: { $time }
    Booked: { $name }
    Place: { $place }

    { $manage }
    Handled by: { $dep }
    Please quote the arrival number if you contact us. This address does not receive mail.
mail-booking-made = Your booking is made. The attached invite.ics adds it to your calendar.
mail-booking-requested = Your booking request was received. It is not confirmed yet: we will write again once a member of staff has confirmed it.
mail-booking-changed = The time of your booking was changed as below. Opening the attachment moves it in your calendar too.
mail-booking-confirmed = Your booking is confirmed. Please come at this time.
mail-booking-cancelled = Your booking was cancelled. Opening the attachment removes it from your calendar.
# $reason why a clerk stopped the time
mail-booking-stopped = We are sorry: the time of your booking below was stopped, because: { $reason }
    Please choose another time on the page below. Your booking stands until you do.
mail-booking-reminder = Your booking is tomorrow.
# $link the booking's page (a secret link); $until the last day changes are taken, or
# mail-booking-until-start
mail-booking-manage = See, move or cancel the booking on this page (until { $until }; only for the person this mail was sent to):
    { $link }
mail-booking-until-start = the booked time
mail-booking-manage-closed = Bookings can no longer be changed or cancelled online: please contact the office.
# In the calendar entry (Japanese only).
mail-booking-calendar-note = Arrival number { $number } ({ $title }).

## Waiting lists (キャンセル待ち): in line, and a freed place held for the person

mail-waitlist-joined-subject = [{ $city }] On the waiting list: { $title }
mail-waitlist-joined-body =
    You are on the waiting list for the time below, number { $position } in line.
    If a place is freed, we keep it for you and write to this address. Nothing is booked yet.

    Procedure: { $title }
    Time: { $time }
    Booking: { $name }
    Place: { $place }

    See your place in line, or leave the list, on this page (for you only):
    { $link }

    { $city }
    This address does not receive replies.
mail-waitlist-offer-subject = [{ $city }] A place is free at the time you waited for: { $title }
mail-waitlist-offer-body =
    A place is free at the time you waited for. We keep it for you until { $until }.
    Open this page, press "Continue with this time" and send your application to the end to book it:
    { $link }

    Procedure: { $title }
    Time: { $time }
    Booking: { $name }
    Place: { $place }

    After { $until } we offer it to the next person waiting. If the time no longer suits you, leave on the same page.

    { $city }
    This address does not receive replies.
