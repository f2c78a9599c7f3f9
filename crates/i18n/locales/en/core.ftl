### Words every crate shares (madoguchi-core): numbers, money, dates.

number-grouping-separator = ,

money-yen = ¥{ $amount }

date-format = %-d %b %Y
datetime-format = %-d %b %Y, %H:%M JST

# The language's name in itself, for the language switch.
lang-name = English
