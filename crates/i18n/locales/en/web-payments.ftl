### The web pages (payments): words a page shows, by id (madoguchi-web).

web-payments-amount = Amount
web-payments-checkout = Checkout
web-payments-day = Day
web-payments-download-as-csv = Download as CSV
web-payments-enter-the-date-like-2026-11-23 = Enter the date like 2026-11-23. Today is shown.
web-payments-for-the-accounting-section-fees = For the accounting section: fees received online and refunds made on one day (Japan time), to reconcile with the payment provider's statement.
web-payments-give-this-payment-number-at-a = Give this payment number at a convenience-store till. We will email you once the payment is confirmed.
web-payments-kind = Kind
web-payments-method = Method
web-payments-my-applications = My applications
web-payments-net = Net
web-payments-no-payments-or-refunds-on-this = No payments or refunds on this day.
web-payments-on-the-next-page-you-can-choose = On the next page you can choose card, convenience store or QR payment. When you have paid, you come back to the city's pages.
web-payments-pay-the-fee = Pay the fee
web-payments-payment = Payment
web-payments-payment-complete = Payment complete
web-payments-payments-and-refunds = Payments and refunds
web-payments-received = Received
web-payments-refund = Refund
web-payments-refunded = Refunded
web-payments-see-your-application = See your application
web-payments-the-date-could-not-be-read = The date could not be read
web-payments-this-application-cannot-be-paid = This application cannot be paid for now (it was withdrawn or the matter is closed).
web-payments-this-fee-has-been-paid-thank-you = This fee has been paid. Thank you.
web-payments-time = Time
web-payments-your-payment = Your payment
