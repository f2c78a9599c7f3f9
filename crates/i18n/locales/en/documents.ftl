### Official PDFs (madoguchi-documents): 決定通知書 (decision notice) and 受付控え (receipt).
### The documents are printed in Japanese; the English texts name what each part is.

## Both documents

doc-document-id = Document ID: { $id }
doc-page-number = { NUMBER($page, useGrouping: "false") } / { NUMBER($pages, useGrouping: "false") }
doc-arrival-number = Arrival number
doc-none = (none)

## Decision notice

doc-notice-title-granted = Notice on { $subject }
doc-notice-title-refused = Notice of { $decision } on { $subject }
doc-notice-addressee = To { $name }
doc-notice-body = We have decided as follows on { $subject }, applied for on { $filed_on }, and notify you of the decision.
doc-notice-details = Details
doc-notice-procedure = Procedure
doc-notice-filed-on = Filed on
doc-notice-decision = Decision
doc-notice-reasons = Reasons
# The note an approval carries for the applicant (a collection day, where to pick up)
doc-notice-note = Note
doc-notice-appeal = Appeal rights
# The English reference page after the Japanese notice (printed in both languages).
doc-notice-reference-heading = English reference
doc-notice-reference-note = This page is an English reference for information only. The decision is as stated in the Japanese notice on the preceding page or pages.
# The decision's outcome on the English reference page.
doc-notice-reference-granted = Your application was granted
doc-notice-reference-refused = Your application was not granted

## Receipt

doc-receipt-title = Receipt
doc-receipt-document-title = Receipt { $procedure }
doc-receipt-arrived-at = Arrived
doc-receipt-arrived-at-value = { $time } (Japan time)
doc-receipt-fee = Fee
doc-receipt-booking = Booking
doc-receipt-answers = Answers
doc-receipt-attachments = Attachments
doc-receipt-attachment = { $name } ({ $size })
