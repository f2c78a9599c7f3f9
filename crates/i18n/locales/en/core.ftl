### Words every crate shares (madoguchi-core): numbers, money, dates.

number-grouping-separator = ,

money-yen = ¥{ $amount }

date-format = %-d %b %Y
datetime-format = %-d %b %Y, %H:%M JST

# The language's name in itself, for the language switch.
lang-name = English

## Identity documents a clerk checks at the counter

identity-document-my-number-card = My Number Card
identity-document-driving-licence = Driving licence
identity-document-passport = Passport
identity-document-residence-card = Residence card / special permanent resident certificate
identity-document-two-documents = Two other documents (health insurance certificate…)

# What an entry of the staff audit log records (the audit log page's "action" column).
core-audit-view = Viewed a filing
core-audit-reveal-my-number = Revealed a My Number
core-audit-export = Exported filings
core-audit-mail-retry = Resent a mail
core-audit-counter-open = Opened a counter pre-entry
core-audit-counter-file = Filed at the counter
core-audit-counter-entry-started = Started entering procedures for a resident at the desk
core-audit-fact-confirmed = Confirmed a fact a procedure states, for the city
core-audit-counter-payment = Recorded a fee taken at the counter
core-audit-counter-refund = Handed a fee back at the counter
core-audit-procedure-created = Created a procedure
core-audit-procedure-saved = Saved a procedure
core-audit-procedure-sent-for-approval = Sent a procedure for approval
core-audit-procedure-published = Published a procedure
core-audit-procedure-retired = Retired a procedure
core-audit-procedure-approved = Approved a procedure
core-audit-procedure-returned = Returned a procedure
core-audit-totp-enrolled = Enrolled an authenticator
core-audit-staff-create = Created a staff account
core-audit-staff-update = Changed a staff account
core-audit-staff-password = Set a new password
core-audit-staff-totp-reset = Reset an authenticator
core-audit-staff-sessions-revoked = Signed out everywhere
core-audit-api-token-created = Issued an API token
core-audit-api-token-revoked = Revoked an API token
core-audit-webhook-created = Registered a webhook
core-audit-webhook-disabled = Disabled a webhook
core-audit-webhook-replayed = Replayed a webhook
core-audit-audit-read = Read the audit log
core-audit-audit-export = Downloaded the audit log
core-audit-booking-confirmed = Confirmed a booking
core-audit-booking-attendance = Marked whether a booked person came
core-audit-counter-line-added = Added a counter to the congestion page
core-audit-bookings-blocked = Stopped or reopened booking slots
