### Words of the use cases (madoguchi-app) that the pages and documents show.

## A filing's history, as the applicant reads it

app-history-submit = Your application arrived
app-history-claim = A member of staff started checking it
app-history-request-correction = We asked you to correct something
app-history-resubmit = Your correction was received
app-history-extend = The processing period was extended
app-history-approve = Approved
app-history-reject = Not approved
app-history-withdraw = You withdrew it
app-history-close = Completed
app-history-payment = Your fee payment arrived
app-history-refund = Your fee was refunded
# $from, $to the booking's times before and after (as datetime-format writes them)
app-history-booking-changed = You moved your booking from { $from } to { $to }
# $at the booking's time
app-history-booking-cancelled = You cancelled your booking of { $at }
app-booking-requested = requested, not yet confirmed
app-booking-cancelled = cancelled

## The fee's payment

app-payment-refunded = Refunded
app-payment-refund-failed = Refund in progress (the office will contact you)
app-payment-refund-pending = Refund in progress
app-payment-unpaid = Not paid yet
app-payment-pending = Waiting for your payment at the convenience store
app-payment-paid = Paid
app-payment-expired = The payment lapsed: please pay again
app-payment-failed = The payment did not go through: please try again
app-payment-method-card = Card
app-payment-method-konbini = Convenience store
app-payment-method-qr = QR payment
app-payment-method-cash = Cash
app-payment-channel-online = Online
app-payment-channel-counter = At the counter

## The reconciliation CSV of payments

app-ledger-at = Time (JST)
app-ledger-kind = Kind
app-ledger-arrival-number = Arrival number
app-ledger-procedure-id = Procedure id
app-ledger-procedure = Procedure
app-ledger-checkout-id = Payment id or receipt number
app-ledger-channel = Channel
app-ledger-method = Method
app-ledger-amount = Amount (yen)
app-ledger-payment = Payment
app-ledger-refund = Refund
app-ledger-subtotal = Subtotal
app-ledger-total = Total (payments − refunds)

## A filing's events, as the office reads them

app-detail-former-staff = (staff member no longer here)
app-detail-counter-filed = filed at the counter by staff (prepared online { $prepared }; identity: { $document })
app-detail-counter-entered = entered and filed at the counter by staff with the resident (entered by { $clerk }; identity: { $document })
app-detail-amount-method = { $amount } ({ $method })
app-detail-extended = { $days ->
    [one] extended by { $days } business day
   *[other] extended by { $days } business days
}
app-detail-correction-items = items: { $items } (by { $deadline })
app-detail-changed = { $count } item(s) changed
app-detail-assigned = assigned to { $name }
# An approval whose reason the clerk marked for the applicant
app-detail-told-applicant = also told to the applicant (mail, receipt page, decision notice)
app-list-separator = {", "}

## Webhooks

app-webhook-event-submission-received = A filing arrived
app-webhook-event-status-changed = A filing's status changed
app-webhook-event-payment-received = A fee was paid
app-webhook-delivered = Delivered
app-webhook-gave-up = Gave up
app-webhook-retrying = Waiting to retry
app-webhook-waiting = Waiting

## Other

app-correction-step-title = Items to correct
app-receipt-note = This receipt shows that your application arrived. The result of the review is sent separately. Please quote the arrival number if you contact us.
app-decision-granted = Granted
app-decision-refused = Refused
app-figures-all-procedures = All procedures
app-figures-all-resources = All booking places

## How a filing's fee is paid (the clerk's fee line when nothing was paid online)
app-fee-path-nothing = No fee.
app-fee-path-online-now = Paid online with the filing (not paid yet).
app-fee-path-online-after-approval = Paid online after approval (approving emails the request to pay).
app-fee-path-counter-with-filing = Not paid online (paid at the counter with the filing).
app-fee-path-after-approval-offline = Not paid online (paid after approval: { $how }; check it is paid before closing).
app-fee-how-counter = Pay at the counter
app-fee-path-elsewhere = Paid separately as the procedure explains (not online).
## A resident's status when the fee is still to pay after an approval
app-status-approved-fee-online = Approved: waiting for the fee to be paid
app-status-approved-fee-offline = Approved: please pay the fee ({ $how })
