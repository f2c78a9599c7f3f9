### The web pages (fields): words a page shows, by id (madoguchi-web).

web-fields-add-another = Add another
web-fields-attach = Attach
web-fields-change = Change
web-fields-choose-a-file-pdf-jpeg-png-or = Choose a file (PDF, JPEG, PNG or HEIC, up to 10 MB)
web-fields-day = Day
web-fields-era = Era or Western
web-fields-error = Error:
# Before a warning under a field: an answer that is accepted but worth knowing about.
web-fields-warning = Warning:
web-fields-find-address = Find address
web-fields-no-address-was-found-for-this = No address was found for this postal code.
web-fields-part-of-the-address-was-filled = Part of the address was filled in: type the rest.
web-fields-remove = Remove
web-fields-select = Select
web-fields-send-this-document-as-the = Send this document as the section tells you.
web-fields-sometimes-required = Sometimes required
web-fields-year = Year (Western: 4 digits)
web-fields-year-western = Year
web-fields-yen = yen
# $item (Text, optional) what an item of the list is called; $item_lower (Text, optional) the same in lower case
web-fields-add-item = Add another { $item_lower }
# $question (Text) the label of the question the answer was given to; $choices (Text) the choices that make this question apply, each quoted, joined by “or”
web-fields-only-if-chose = Only answer this if you chose { $choices } for “{ $question }”.
# $question (Text) the label of the question the answer was given to; $choices (Text) the choices that do not make this question apply, each quoted, joined by “or”
web-fields-only-if-chose-other-than = Only answer this if you chose something other than { $choices } for “{ $question }”.
# $question (Text) the label of the question
web-fields-only-if-answered = Only answer this if you answered “{ $question }”.
# $first (Text) one choice, quoted; $second (Text) the choices after it, quoted
web-fields-choice-or = { $first } or { $second }
# $item (Text) the item added, with its number (子ども3)
web-fields-item-added = { $item } added.
# $list (Text) the list an item was removed from
web-fields-item-removed = One item removed from { $list }.
