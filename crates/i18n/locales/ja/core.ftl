### Words every crate shares (madoguchi-core): numbers, money, dates.

# How digits are grouped in numbers (`1,200`). A space is written { " " }.
number-grouping-separator = ,

# An amount of money in whole yen.
# $amount (Number)
money-yen = { $amount }円

# How dates and times are written, as chrono patterns (https://docs.rs/chrono: strftime).
# Month names (%b) are English whatever the language.
date-format = %Y年%-m月%-d日
datetime-format = %Y年%-m月%-d日 %H時%M分

# The language's name in itself, for the language switch.
lang-name = 日本語
