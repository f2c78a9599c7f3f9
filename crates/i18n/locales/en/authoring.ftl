### The procedure editor (madoguchi-app, authoring).

## States of a procedure

authoring-status-draft = Draft
authoring-status-published = Published
authoring-status-retired = Retired

## Kinds of question

authoring-kind-text = Text (one line)
authoring-kind-textarea = Longer text (several lines)
authoring-kind-katakana = Katakana
authoring-kind-email = Email address
authoring-kind-phone = Phone number
authoring-kind-postal-code = Postal code
authoring-kind-date = Date
authoring-kind-wareki-date = Date (Japanese era or Western year)
authoring-kind-integer = Whole number
authoring-kind-money = Amount in yen
authoring-kind-radios = One choice (buttons)
authoring-kind-select = One choice (drop-down list)
authoring-kind-checkboxes = Any number of choices
authoring-kind-yes-no = Yes / no
authoring-kind-consent = Tick to agree
authoring-kind-file = Attach a document (PDF or image)
authoring-kind-address = Address (prefecture to building)
authoring-kind-repeat = Questions asked for each of several (each child, …)
authoring-kind-not-in-item = A question of this kind cannot be inside questions asked for each of several. Choose another kind, or add it to a step outside them.
# The parts of an address question the structured editor writes.
authoring-address-prefecture = Prefecture
authoring-address-city = City, ward
authoring-address-town = Town and chome
authoring-address-block = Block and house number
authoring-address-building = Building and room

## When the fee is paid

authoring-fee-on-submission = Paid online when the application is sent
authoring-fee-after-approval = Paid online once the application is approved
authoring-fee-at-counter = Paid at the counter
authoring-fee-bought-elsewhere = Paid with a sticker, stamp or ticket bought elsewhere (never charged here)
authoring-fee-information-only = Paid to someone else or where the service is given (the form only says what it costs)
# Written into the definition (in the city's language) when a fee is set in the editor.
authoring-fee-to-confirm = Set in the procedure editor: confirm the amount and how it is paid against the fee ordinance, and write its source.
authoring-refund-to-confirm = Set in the procedure editor: confirm whether a paid fee is given back when the filing is rejected or withdrawn, and write its source.
authoring-legal-basis-to-confirm = Set in the procedure editor: confirm the articles cited against the law and the ordinances, and write their source.
authoring-processing-days-to-confirm = Set in the procedure editor: confirm the standard processing period (標準処理期間) the city has set, and write its source.

## Conditions

authoring-condition-json = a condition set in JSON
authoring-condition = “{ $question }” is “{ $answer }”
authoring-answer-yes = yes
authoring-answer-no = no
authoring-required-when = Required when { $condition }
authoring-condition-wrong = Choose the condition from the list: an earlier choice question and one of its answers.
authoring-condition-missing = “{ $question }” is shown depending on “{ $other }”: clear that condition first.
authoring-condition-before = “{ $question }” depends on the answer to “{ $other }”, so it cannot come before it.
authoring-condition-answer = “{ $question }” is shown when { $condition }: keep that answer, or change the condition first.

## Messages at the editor's fields

authoring-not-json = The working copy is not valid JSON, so it cannot be edited here. Fix it with “Edit as JSON”.
authoring-step-id-invalid = Step id: use up to 40 lower-case letters, digits and hyphens (-), like dog-details (check and submit cannot be used).
authoring-step-id-taken = Step id: “{ $id }” is already used in this procedure. Choose another id.
authoring-step-not-empty = This step still has questions. Move them to another step or remove them, then remove the step.
authoring-identity-choose = Choose how the applicant's identity is checked from the list.
authoring-processing-days-invalid = Processing time: enter a number of business days from 0 to 365 in digits, or leave it empty when it is not fixed.
authoring-legal-basis-missing = Enter the law or ordinance the procedure is based on, like “Rabies Prevention Act, Article 4”.
authoring-fee-amount-invalid = Fee: enter the amount in yen as a whole number of 0 or more, like 300.
authoring-fee-timing-choose = Choose when the fee is paid from the list.
authoring-fee-quantity-choose = Choose the number of units from this procedure's whole-number questions (for a fee per filing, choose “one per filing”).
authoring-kind-choose = Choose the kind of question from the list.
authoring-step-choose = Choose the step the question goes on from the list.
authoring-key-invalid = Question key: start with a lower-case letter and use only lower-case letters, digits and underscores (_), up to 40 characters, like dog_name.
authoring-key-taken = Question key: “{ $key }” is already used in this procedure. Choose another key.
authoring-question-in-settings = This question is used by the procedure's settings (the email for notices, the applicant's name, the fee's quantity…), so it cannot be removed. Change those with “Edit as JSON” first.
authoring-question-in-choice = This question belongs to one branch of a choice (oneOf / anyOf in JSON): change it with “Edit as JSON”.
authoring-not-found = This { $what } was not found: it may have been changed elsewhere. Reload the page.
authoring-thing-step = step
authoring-thing-question = question
authoring-shape = The definition at { $at } is not shaped as expected, so it cannot be changed here. Fix it with “Edit as JSON”.

## The choices of a choice question

authoring-options = Choices: { $problem } Write each as “value | 日本語 | English”; the value uses lower-case letters, digits, _ and -.
authoring-options-none = Write the choices, one a line.
authoring-options-line = Fix line { NUMBER($line, useGrouping: "false") }.
authoring-options-twice = The value “{ $value }” is used twice: give each choice its own value.

## Texts typed in pairs

authoring-text-missing-ja = Enter the { $name } in Japanese.
authoring-text-missing-en = Enter the { $name } in English.
authoring-text-one-language = Write the { $name } in both Japanese and English, or leave both empty.
authoring-name-title = procedure name
authoring-name-summary = summary
authoring-name-who-may-file = text on who may apply
authoring-name-what-to-prepare = list of what to prepare
authoring-lines-differ = Write the { $name } one item per line, with as many lines in English as in Japanese (Japanese { $ja }, English { $en }).
authoring-name-result-delivery = text on how the result reaches the applicant
# $name one of authoring-name-…; $text the template's text still there
authoring-lint-placeholder = The { $name } is still the template's text ("{ $text }"): write what residents should read.
authoring-name-step-title = step title
authoring-name-label = question text
authoring-name-hint = hint
authoring-name-unit = fee unit

## The editor's own checks of a working copy, beside the forms lint

authoring-lint-id-kept = the id must stay `{ $id }`: to make another procedure, copy this one
authoring-lint-department-own = the department must be yours, `{ $department }`
