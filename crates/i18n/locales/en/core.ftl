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
