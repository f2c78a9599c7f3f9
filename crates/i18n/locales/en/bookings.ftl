### Bookings: what is wrong with a resource's definition, and how to fix it (madoguchi-bookings).

bookings-unreadable = The definition cannot be read: { $detail }
bookings-bad-id = { $field }: write the id in 1 to 60 lower-case letters, digits and hyphens (for example aoba-mynumber)
bookings-no-japanese = { $field }: write the text in Japanese
bookings-empty = { $field }: give at least one session, on at least one day
bookings-ends-before-start = { $field }: make `until` later than `from`
bookings-bad-length = { $field }: give whole minutes per slot (`every`) that fit the session (at most 288 slots)
bookings-bad-capacity = { $field }: give a capacity from 1 to 100000
bookings-validity-reversed = { $field }: make `valid_until` no earlier than `valid_from`
bookings-duplicate = { $field }: list each closed day once
bookings-bad-limit = { $field }: give a per-person limit of at least 1, or leave it out
bookings-bad-window = { $field }: open booking 1 to 730 days ahead
bookings-taken = { $field }: this id is already used. Choose another, or edit that resource from the list
