### The web pages (office figures entry): words a page shows, by id (madoguchi-web).

web-figures-entry-title = Paper and counter filings
web-figures-entry-intro = Enter, per procedure and month, the filings that did not come through this service (paper forms, counter filings taken outside it). The online share in the published figures counts them. Entering the same procedure and month again replaces the earlier counts.
web-figures-entry-public = See the published figures
web-figures-entry-procedure = Procedure
web-figures-entry-choose = Choose one
web-figures-entry-month = Month
web-figures-entry-month-hint = For example 2026-04
web-figures-entry-paper = Paper forms
web-figures-entry-paper-hint = Forms received by post or handed in. 0 if none
web-figures-entry-counter = Counter filings outside this service
web-figures-entry-counter-hint = Filings taken at a counter without this service. 0 if none
web-figures-entry-save = Save
web-figures-entry-saved = The counts are saved
# $year (Text) the fiscal year
web-figures-entry-entered = Counts entered for fiscal year { $year }
web-figures-entry-none = Nothing entered yet
web-figures-entry-who = Entered by
# $name (Text) who entered the counts, $at (Text) the day
web-figures-entry-by = { $name } ({ $at })
# $year (Text), $month (Text) two digits
web-figures-entry-month-of = { $year }-{ $month }
# $label (Text) the input's label
web-figures-entry-missing = { $label }: enter this
web-figures-entry-not-offered = { $label }: choose from the list a procedure you may enter counts for
web-figures-entry-not-month = { $label }: enter the year and month joined by a hyphen, like 2026-04
web-figures-entry-out-of-range = { $label }: enter a month from January 2000 up to this one
# $max (Text) the largest count
web-figures-entry-not-count = { $label }: enter a whole number from 0 to { $max }
