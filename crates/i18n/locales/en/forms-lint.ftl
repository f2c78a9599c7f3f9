### The lint of procedure definitions (madoguchi-forms, registry): what an author who
### writes form.json is told, with the JSON pointer of the place.

## The document

forms-lint-too-large = the definition is { $bytes } bytes; the limit is { $limit }. Split long option lists or texts
forms-lint-not-json = not valid JSON (line { $line }, column { $column }): { $error }
forms-lint-duplicate-key = the key `{ $key }` appears twice in this object: which one counts would depend on the program reading it, so keep one
forms-lint-byte-order-mark = the text starts with a byte order mark: save it as UTF-8 without one
forms-lint-trailing-data = something follows the JSON value: a definition is one JSON object
forms-lint-too-deep = the definition nests deeper than { $max } levels
forms-lint-format = does not follow the definition format: { $error }
forms-lint-unknown-setting = `{ $key }` is not part of the definition format; the keys here are { $keys }
forms-lint-unknown-setting-near = `{ $key }` is not part of the definition format. Did you mean `{ $near }`?

## The schema

forms-lint-ref-outside = `{ $reference }` points outside this definition; only local references (#/$defs/…) are allowed
forms-lint-schema-version = only JSON Schema 2020-12 is supported
forms-lint-unknown-format = unknown format `{ $format }`; use one of { $formats }
forms-lint-unknown-rule = unknown rule `{ $rule }`; the rules are { $rules }
forms-lint-pattern-invalid = pattern cannot run in linear time or is not valid: { $error }
forms-lint-from-date-format = `x-from-date` is a list of `{"{"}"from": "YYYY-MM-DD", "schema": {"{"}…{"}"}{"}"}` (and an optional `$comment`), one for each day a part of the schema starts to apply
forms-lint-from-date-day = `{ $day }` is not a day written YYYY-MM-DD that exists
forms-lint-from-date-order = `{ $day }` is not after `{ $previous }`: list the days of `x-from-date` in order, each once
forms-lint-from-date-inside = `{ $rule }` cannot be inside a part of `x-from-date`: write the windows on the root schema, and one `x-from-date` list per place
forms-lint-unknown-keyword = unknown keyword `{ $keyword }`: it would be published and never checked. Use a JSON Schema 2020-12 keyword or one of the platform's rules (x-…)
forms-lint-unknown-keyword-near = unknown keyword `{ $keyword }`: it would be published and never checked. Did you mean `{ $near }`?
forms-lint-untyped-mixed = `{ $keyword }` without `type` mixes values of different types ({ $types }): add `type`, or make the values one type
forms-lint-coerce-not-bool = `x-coerce` must be true or false
forms-lint-latin-name-kind = `latin_name` on `{ $field }`: only a name (a text field) or its reading (`format: katakana`) may take a name in the Latin alphabet. Remove it from this field
forms-lint-coerce-number = `{ $field }` is a number field: with `x-coerce: false` (posted text not turned into a number) no answer could ever be accepted. Remove `x-coerce`, or make its `type` string
forms-lint-unknown-error-key = `errors.{ $key }` is a message for a keyword `{ $field }` does not use, so it would never be shown; the keys it can have are { $keywords }
forms-lint-unknown-error-key-near = `errors.{ $key }` is a message for a keyword `{ $field }` does not use, so it would never be shown. Did you mean `{ $near }`?
forms-lint-unrendered = `{ $name }` appears only inside `{ $keyword }` and the pages do not show it, so residents could never answer it: add it to the same object's `properties` (with its label)
forms-lint-not-date-field = `{ $field }` is not a date or month field of this form (a month field is text with the pattern `^[0-9]{"{"}4{"}"}-(0[1-9]|1[0-2])$`; `*` stands for the items of a repeatable group)
# $field: the field's name; $pointer: its JSON pointer
forms-lint-past-date-window = `{ $field }` is a past date (a birth date or a day something happened): add `{"{"}"field": "{ $pointer }", "not_after": "today"{"}"}` to `x-date-window` so it is asked in 和暦 or 西暦. If it may also be a day still to come, set `"widget": "wareki-date"`; to ask it in 西暦 only, `"widget": "date"`
# $field: the field's name
forms-lint-wareki-hint = `{ $field }` is asked in 和暦 or 西暦, but its hint says to write it in 西暦 (「西暦で入力」). For example: 「元号(昭和・平成など)か西暦を選んで入力してください。例: 昭和60年4月1日、1985年4月1日」

## The procedure's settings

forms-lint-id = the id must be kebab-case ASCII (a-z, 0-9, -)
forms-lint-id-folder = the id `{ $id }` differs from its folder name
forms-lint-id-twice = id `{ $id }` is also used by { $file }
forms-lint-both-languages = needs text in both Japanese and English
forms-lint-no-step = a form needs at least one step
forms-lint-step-reserved = step id `{ $id }` is reserved (it is a page of every form)
forms-lint-step-id = step id `{ $id }` must be kebab-case ASCII (a-z, 0-9, -)
forms-lint-step-twice = step id `{ $id }` is used twice
forms-lint-not-email = `{ $field }` is not an email field
forms-lint-not-field = `{ $field }` is not a field
forms-lint-not-postal-code = `{ $field }` is not a postal-code field
forms-lint-offices-without-field = `routing.offices` needs `routing.office_field`, the question they are the options of
forms-lint-office-not-choice = `{ $field }` is not a question with one choice (radios or select)
forms-lint-office-without-ward = option `{ $option }` of `{ $field }` has no ward in `routing.offices`
forms-lint-office-not-option = `{ $option }` is not an option of `{ $field }`
forms-lint-not-field-here = `{ $field }` is not a field of this form
forms-lint-duplicates-kind = `{ $field }` cannot be compared between filings (a file, a list of items, a booking or a secret): name a question with one answer
forms-lint-duplicates-applicant = duplicates: name the answers that identify the applicant in `applicant`, or mark the applicant's name and birth date with `meaning` (`applicant.name`, `applicant.birth_date`)
forms-lint-legal-basis-my-number = this form collects My Number: name the law that allows it (番号法 第9条 and the provision of the procedure)
forms-lint-legal-basis = name the law or ordinance the procedure is based on
forms-lint-filing-note = a pre-entry procedure needs a note saying why and where the counter visit happens
forms-lint-no-price = no price for `{ $option }` of `{ $field }`
forms-lint-not-single-choice = `{ $field }` is not a single-choice field
forms-lint-not-option = `{ $value }` is not an option of `{ $field }`
forms-lint-not-repeat = `{ $field }` is not a repeatable group
forms-lint-negative-fee = a fee cannot be negative
forms-lint-not-quantity = `{ $field }` is not an integer field, a repeatable group or a multiple choice
forms-lint-fee-factors = `quantity_factors` multiplies two or more answers, and is then the fee's only quantity: for one answer use `quantity_field`, and leave out `quantity_field` and `per_item` beside it
forms-lint-fee-without-amount = this fee block has no amount: give `unit_yen`, prices by answer (`price_by`) or per item (`per_item`), or, when the form cannot compute it, say in `amount_text` (ja, en) what the resident pays and where; without any, the pages would call the procedure free
forms-lint-fee-text-and-price = `amount_text` states a fee the form does not compute: leave out `unit_yen`, `price_by`, `per_item`, the quantities, `exemptions` and `online_if` beside it, or drop `amount_text` and let the form compute the fee
forms-lint-fee-text-online = a fee stated in words is not computed, so it cannot be charged online (`{ $timing }`): use `at_counter`, `bought_elsewhere` or `information_only`
forms-lint-fee-text-empty = `amount_text` needs a text in Japanese and in English
forms-lint-address-group = `{ $target }` must be an address group with prefecture, city and town, filled from a postal-code field
forms-lint-pattern-message = `{ $field }` has a pattern: add `errors.pattern` (ja, en) saying what to type

## Answers taken over from another procedure

forms-lint-reuse-unknown = no procedure `{ $source }` to take answers from
forms-lint-reuse-not-field = `{ $field }` is not a field of `{ $source }`
forms-lint-reuse-kind = `{ $field }` ({ $kind }) cannot take `{ $from }` ({ $from_kind }) of `{ $source }`

## Where the facts come from (procedure.facts)

forms-lint-fact-unsourced = `{ $fact }` is stated without its source: add `facts.{ $fact }` with `sources` (title, issuer, url or document, date seen), or a `to_confirm` note saying what the city has to confirm
forms-lint-deadline-unsourced = the deadline on `{ $field }` is stated without its source: add `sources` (title, issuer, url or document, date seen) to the rule, or a `to_confirm` note saying what the city has to confirm
forms-lint-rule-unsourced = the `{ $rule }` rule on `{ $field }` is stated without its source: add `sources` (title, issuer, url or document, date seen) to the rule, or a `to_confirm` note saying what the city has to confirm (the limit, the period or the booking horizon, and where it is to be checked)
forms-lint-change-unsourced = the change from { $day } is stated without its source: add `sources` (title, issuer, url or document, date seen) to the entry, or a `to_confirm` note saying what the city has to confirm
forms-lint-fact-note-empty = the `to_confirm` note is empty: say what the city has to confirm
forms-lint-fact-empty = give `sources`, a `to_confirm` note, or both
forms-lint-source-who = a source needs its title and who published it (`title`, `issuer`)
forms-lint-source-url = the address must be a whole http(s) address without spaces
forms-lint-source-where = say where the source can be read again: an `url` or a `document` (its number or article)
forms-lint-online-if-offline = `online_if` chooses between paying online and otherwise, but the fee's timing `{ $timing }` is never paid online

## How a problem is shown (the file, the JSON pointer when there is one, the message)

forms-lint-problem = { $file }: { $message }
forms-lint-problem-at = { $file } at { $pointer }: { $message }

## The field model (questions, labels, steps)

forms-lint-step-unknown-field = the step lists `{ $name }`, which the schema does not define: add it to `schema.properties`, or remove it from the step
forms-lint-no-label = the field `{ $name }` has no label: add `ui.fields.{ $name }` with `label` (ja, en)
forms-lint-not-on-step = the property `{ $name }` is not placed on any step, so residents could never answer it: add it to a step's `fields`
forms-lint-kind-unknown = cannot tell what kind of input `{ $name }` is from its schema: give it a `type` (string, integer, boolean, array, object) or a `widget`
forms-lint-label-languages = `{ $name }` needs a label in both Japanese and English (`ja`, `en`)
forms-lint-option-no-label = the option `{ $value }` of `{ $name }` has no label: add it to the field's `options` with `ja` and `en`
forms-lint-order-unknown = `{ $name }` orders `{ $child }`, which its schema does not define: add it to the group's `properties`, or remove it from `order`
forms-lint-schema-invalid = the schema is not valid JSON Schema 2020-12: { $error }
forms-lint-schema-invalid-at = the schema is not valid JSON Schema 2020-12 at { $at }: { $error }

## The life-event guide (forms/guide.json)

forms-lint-guide-invalid = not a valid guide: { $error }
forms-lint-guide-event-twice = the event `{ $event }` appears twice: give each event its own id
forms-lint-guide-no-procedure = no procedure `{ $procedure }` under forms/: name an existing procedure's id
forms-lint-guide-item = an item names either a `procedure` or an `elsewhere`, one of the two
forms-lint-guide-no-question = no question `{ $question }` in this event: name one of the event's `questions`

## The example submissions (forms/<id>/examples)

forms-lint-example-unreadable = cannot read the example: { $error }
forms-lint-example-not-json = the example is not valid JSON: { $error }
forms-lint-examples-few = needs at least { $valid_min } valid and { $invalid_min } invalid examples (has { $valid } and { $invalid })
forms-lint-example-refused = expected valid, got `{ $code }`: { $message }
forms-lint-example-no-expect = an invalid example needs `expect`: the list of errors it must give, each with `pointer` and `code`
forms-lint-example-expect-none = an invalid example must expect at least one error
forms-lint-example-mismatch = expected { $want }, got { $got }
forms-lint-example-no-errors = no errors
forms-lint-example-warnings-mismatch = expected the warnings (`$warnings`) { $want }, got { $got }
forms-lint-example-fee-mismatch = the example states the fee (`$fee_yen`) { $want } yen, the form computes { $got } yen
forms-lint-example-no-warnings = no warnings
forms-lint-example-filed-on = `$filed_on` must be a date written YYYY-MM-DD, not { $day }
forms-lint-meaning-unknown = `meaning` “{ $meaning }” on `{ $field }` is not a known meaning. Use one of { $meanings }
forms-lint-meaning-nested = `meaning` “{ $meaning }” on `{ $field }`: only a question of the form itself (not a part of a group or of a repeatable item) can have a meaning. Put it on the whole question
forms-lint-meaning-kind = `meaning` “{ $meaning }” on `{ $field }` needs a field of kind { $kind }, which this field is not. Remove the meaning or change the field
forms-lint-meaning-twice = `meaning` “{ $meaning }” is on `{ $first }` already; `{ $field }` cannot have it too (a form asks each thing about the applicant once). Keep it on the applicant's own question
forms-lint-secret-not-true = `x-secret` is written `true` (a password another system checks), or left out
forms-lint-secret-nested = `{ $field }` is a secret question inside a group: a secret question must be a question of the form itself, on a step
forms-lint-secret-unchecked = `{ $field }` is a secret question that no `x-external-check` sends: a password nobody checks is only a risk. Send it in the form's `x-external-check`, or remove `x-secret`
forms-lint-external-check-format = `x-external-check` holds `system`, `name` (ja, en), `sends` (a list of pointers) and `error_field` (a pointer): { $error }
forms-lint-external-check-system = `system` names the system the operator configures, in kebab-case (`library`)
forms-lint-external-check-field = `{ $field }` is not a question of the form itself: `sends` lists top-level questions
forms-lint-external-check-steps = `{ $field }` is on another step than the first answer sent: every answer the check sends is asked on one step, the step the check runs on
forms-lint-external-check-no-secret = `sends` holds no secret question (`"x-secret": true`): a check without the secret proves nothing
forms-lint-external-check-error-field = `error_field` `{ $field }` is not one of the answers sent: a refusal is shown on one of them
forms-lint-hidden-when-required = the question `{ $name }` is required when `{ $controller }` is { $value }, but its `show_if` hides it then, so a resident who answers so can never file: make its `show_if` hold for { $value } too (or leave `show_if` out: the schema's condition is used)
forms-lint-choice-one-branch = A choice (`oneOf` / `anyOf`) needs at least two branches to choose between: write one branch's questions as properties of the schema instead
forms-lint-choice-no-object = A branch of a choice (`oneOf` / `anyOf`) is a set of questions: write it as an object with `properties` (and `required`)
forms-lint-choice-keyword = A branch of a choice may hold only `properties` and `required`; `{ $keyword }` cannot be shown on the pages from inside a branch: put that rule in the root schema's `allOf` (an `if` on the choosing question, a `then` with the rule)
forms-lint-choice-no-discriminator = The pages show a choice (`oneOf` / `anyOf`) as a question followed by the chosen branch's questions, so each branch must fix one and the same question to a value of its own, like `"applicant_type": {"{"}"const": "person"{"}"}` in one branch and `{"{"}"const": "company"{"}"}` in the other; give that question its label and its options' labels in `ui.fields`
forms-lint-choice-value-not-offered = `{ $name }` tells the branches of the choice apart, but its own definition does not offer { $value }: add it to its `enum`, or leave `{ $name }` out of the root's `properties` (the choice then makes it)
forms-lint-choice-clash = `{ $name }` is defined differently in two places (a branch and the root schema, or two branches); the page shows one question per name: give it one definition, or name the questions differently
forms-lint-choice-nested = The pages show a choice (`oneOf` / `anyOf`) between sets of questions only on the root schema, not inside a question or group: move the choice to the root schema (its branches naming the questions), or ask which case applies with a question and use `show_if` / `if`-`then`

## Booking questions
forms-lint-booking-nested = `{ $field }` is a booking question inside a group or a repeatable question. Put booking questions at the top of a step.
forms-lint-booking-no-resource = `{ $field }` is a booking question (`format: booking-slot`) but does not say whose slots it offers. Give `ui.fields.{ $field }.booking` either `"resource": "<resource id>"` or `"resource_from"` with `"resources"`.
forms-lint-booking-not-slot = `{ $field }` has a `booking` setting but is not a booking question. Give its schema `"format": "booking-slot"`, or remove `booking`.
forms-lint-booking-option-without-resource = The option `{ $option }` of the question that chooses where `{ $field }` is booked has no resource. Add `"{ $option }": "<resource id>"` to `booking.resources`.
forms-lint-booking-chooser = `resource_from` of `{ $field }` points at `{ $pointer }`, which is not a one-choice question on an earlier step. Point it at the question that chooses the place.
forms-lint-booking-units = `units_from` of `{ $field }` points at `{ $pointer }`, which is not a whole-number question on an earlier step. Point it at the question asking how many persons or items, or remove `units_from` (a booking then takes 1).
forms-lint-parameter-builtin = `{ $name }` comes from the city's organisation file: use it as a placeholder without declaring it
forms-lint-parameter-fact = parameter `{ $name }` proves `{ $fact }`, which is not a fact of a procedure (one of { $facts })
forms-lint-parameter-undeclared = the placeholder `{ $name }` is not declared in `procedure.parameters` (say what it is there, with `about`)
forms-lint-parameter-missing = { $city } gives no value for `{ $name }` ({ $about_en }) of { $id }: add it to the city's parameters file, as `procedures.{ $id }.{ $name }` or `values.{ $name }`, with its sources or a to_confirm note
forms-lint-parameter-unsourced = { $city }'s value for `{ $name }` has neither `sources` nor a `to_confirm` note: say where it was read, or what the city still has to confirm
forms-lint-template-unchecked = this procedure is written for every city (it uses the adopting city's values), so it is checked with each city that adopts it: run `madoguchi forms check` where the municipality files are configured
forms-lint-parameter-elsewhere = { $city }'s value for `{ $name }` cites only { $other }'s page: a city's fee, office or period comes from its own publications (another town may support a national rule in the catalogue, never a city's value); cite the city's page or ordinance, or say in `to_confirm` what it still has to confirm
forms-lint-unless-not-a-field = The answer the rule's `{ $key }` names, `{ $field }`, is not a field of this form: point to a field the form asks (`/death_place_type`, say)
forms-lint-unless-never = The field `{ $field }` never takes the value { $value }, so the rule's `{ $key }` never holds: use one of the field's option values (true or false for a yes/no field)
