### Bookings: what is wrong with a resource's definition, and how to fix it (madoguchi-bookings).

bookings-unreadable = 定義を読めません: { $detail }
bookings-bad-id = { $field }: IDは1〜60文字の英小文字・数字・ハイフンで書いてください(例: aoba-mynumber)
bookings-no-japanese = { $field }: 日本語の文を書いてください
bookings-empty = { $field }: 少なくとも1つの受付時間帯を、少なくとも1つの曜日で書いてください
bookings-ends-before-start = { $field }: 終わりの時刻(until)を始まりの時刻(from)より後にしてください
bookings-bad-length = { $field }: 1枠の分数(every)は、時間帯に収まる分数にしてください(1日288枠まで)
bookings-bad-capacity = { $field }: 定員(capacity)は1〜100000にしてください
bookings-validity-reversed = { $field }: 受付の終わりの日(valid_until)を始まりの日(valid_from)以降にしてください
bookings-duplicate = { $field }: 同じ休みの日は1回だけ書いてください
bookings-bad-limit = { $field }: 1人あたりの上限は1以上にするか、書かないでください
bookings-bad-window = { $field }: 予約の受付開始は1〜730日前にしてください
bookings-taken = { $field }: このIDはもう使われています。別のIDにするか、一覧からその受付を編集してください
