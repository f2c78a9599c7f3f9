### The form engine (madoguchi-forms): what a resident reads at a field, answers as shown
### on check pages and in queues, fees, categories.
###
### $label is the field's label as the procedure's author wrote it (for a field in a
### group: the group's and the field's, see forms-label-in-group). Limits are written
### without digit grouping (`2000文字`), as they always were.

## Messages at a field, by error code

# required, on a consent box; must_accept
forms-tick-to-confirm = { $label }の内容を確認し、チェックを入れてください
forms-required-file = { $label }のファイルを添付してください
forms-required-choice = { $label }を選んでください
# A label that is a sentence (a question, a statement to confirm), quoted in messages
forms-quoted-label = 「{ $label }」
# A question to answer by choosing: $label quoted (forms-quoted-label)
forms-answer-the-question = { $label }に答えてください
# A statement to confirm by ticking its box: $label quoted (forms-quoted-label)
forms-tick-the-statement = { $label }の内容を確かめて、チェックを入れてください
forms-required = { $label }を入力してください
# $max (Number)
forms-too-long = { $label }は{ NUMBER($max, useGrouping: "false") }文字以内で入力してください
# $min (Number)
forms-too-short = { $label }は{ NUMBER($min, useGrouping: "false") }文字以上で入力してください
forms-not-katakana = { $label }はカタカナで入力してください(例: ヤマダ タロウ)
# A reading written in Latin letters where katakana is required.
forms-not-katakana-latin = { $label }は読み方をカタカナで入力してください。アルファベットの名前も、読み方はカタカナで書きます(例: Smith → スミス、Yamada Taro → ヤマダ タロウ)
# A reading that may also be the name in the Latin alphabet, written neither way.
forms-not-katakana-or-latin = { $label }はカタカナ(例: ヤマダ タロウ)か、住民票に記載されているとおりのアルファベット(例: SMITH JOHN)で入力してください
forms-not-latin-name = { $label }をアルファベットで書くときは、文字・スペース・ハイフン(-)・アポストロフィ(')・ピリオド(.)だけで、住民票に記載されているとおりに入力してください(例: O'BRIEN-SMITH MARY)
forms-not-email = { $label }は taro@example.jp のような形式で入力してください
forms-not-phone = { $label }は市外局番から数字で入力してください。固定電話は10桁、携帯電話・IP電話(070・080・090・050)は11桁です(例: 022-214-1111)
forms-not-postal-code = { $label }は7桁の数字で入力してください(例: 980-8671)
forms-not-date = { $label }は実在する日付を、年・月・日の数字で入力してください
forms-not-integer = { $label }は数字で入力してください(例: 2)
# $min (Number)
forms-too-small = { $label }は{ NUMBER($min, useGrouping: "false") }以上の数を入力してください
# $max (Number)
forms-too-large = { $label }は{ NUMBER($max, useGrouping: "false") }以下の数を入力してください
forms-not-an-option = { $label }は表示された選択肢から選んでください
# $min (Number)
forms-too-few-chosen = { $label }は{ NUMBER($min, useGrouping: "false") }つ以上選んでください
# $max (Number)
forms-too-many-chosen = { $label }は{ NUMBER($max, useGrouping: "false") }つまで選べます。選択を減らしてください
forms-chosen-twice = { $label }で同じものが重ねて選ばれています。重複を外してください
# pattern_mismatch, invalid: $hint is the field's hint as the author wrote it
forms-wrong-format = { $label }の形式が正しくありません。{ $hint }
forms-check-and-enter-again = { $label }の入力内容を確認し、入力し直してください
forms-unexpected-field = { $label }はこの手続では受け付けていない項目です。送信データから除いてください
forms-wrong-type = { $label }の値の種類が正しくありません。手続の定義に合わせてください
forms-file-not-uploaded = { $label }は、ファイルを先にアップロード(POST /api/v1/procedures/<手続ID>/files)し、返された ID を回答にしてください。一つのファイルを使えるのは一つの申請だけです
forms-not-my-number = { $label }は、マイナンバーカードの裏面にある12桁の番号を、誤りのないように入力してください
forms-not-corporate-number = { $label }は13桁の法人番号を入力してください(国税庁法人番号公表サイトで確認できます)
forms-not-bank-code = { $label }は4桁の数字で入力してください(例: 0001)
forms-not-branch-code = { $label }は3桁の数字で入力してください(例: 123)
forms-not-account-number = { $label }は7桁の数字で入力してください。7桁に満たない場合は先頭に0を付けてください
forms-not-bank-kana = { $label }は通帳に記載されているとおり、カタカナで入力してください
# $era: the era chosen; $first: its first day (元年…), $last: its last year and day
# (31年(2019年4月30日)); $actual: the era the date is in.
forms-outside-era-ended = { $label }は{ $era }にない日付です。{ $era }は{ $last }までです。{ $actual }を選んでください
forms-outside-era-not-begun = { $label }は{ $era }にない日付です。{ $era }は{ $first }からです。{ $actual }を選んでください
# $year (Number) the era's last year; $date (Text) its last day written in 西暦 (2019年4月30日)
forms-era-last = { $year }年({ $date })
# $date (Text) the era's first day written in 西暦 (2019年5月1日)
forms-era-first = 元年({ $date })
forms-outside-era-unknown = { $label }の元号と年を確認して、入力し直してください。明治6年(1873年)より前の日付は入力できません
# 和暦/西暦 date inputs read back: the calendar was not chosen, or the year not written right.
forms-date-no-calendar = { $label }の元号(令和・平成・昭和・大正・明治)か西暦を選んでください
# $era: the era chosen
forms-era-year = { $label }の年は{ $era }の年を数字で入力してください。1年目は「元」または1と入力してください
forms-western-year = { $label }の年は西暦の4桁の数字で入力してください(例: 1950)
forms-calendar-not-date = { $label }は実在する日付を入力してください。月は1から12、日はその月にある日の数字です
# $min (Number)
forms-too-few-items = { $label }を{ NUMBER($min, useGrouping: "false") }件以上入力してください
# $max (Number)
forms-too-many-items = { $label }は{ NUMBER($max, useGrouping: "false") }件まで入力できます。減らしてください
# $earlier: the label of the date it must not be before
forms-date-same-or-after = { $label }は{ $earlier }と同じ日かそれより後の日付を入力してください
forms-date-after = { $label }は{ $earlier }より後の日付を入力してください
# The ends of a window of dates counted from the filing day (x-date-window). $date, $from,
# $to: a date as date-format or forms-wareki-date writes it, or forms-date-today around it.
forms-date-today = 今日（{ $date }）
forms-date-not-after = { $label }は{ $date }以前の日付を入力してください
forms-date-not-before = { $label }は{ $date }以降の日付を入力してください
forms-date-between = { $label }は{ $from }から{ $to }までの日付を入力してください
# The same for a month field (YYYY-MM), inside a window when one of its days is: the month
# that holds the end, or an earlier / later one.
forms-month-not-after = { $label }は{ $date }を含む月か、それより前の月を入力してください
forms-month-not-before = { $label }は{ $date }を含む月か、それより後の月を入力してください
forms-month-between = { $label }は{ $from }を含む月から{ $to }を含む月までの月を入力してください
# An end counted from another date of the filing (x-date-window with "field"). $field: that
# date's label; $date: the end as date-format writes it.
forms-date-field = { $field }（{ $date }）
# The same, $days (Number) days after or before that date.
forms-date-days-after-field = { $field }の{ $days }日後（{ $date }）
forms-date-days-before-field = { $field }の{ $days }日前（{ $date }）
# $others: the labels of the other fields, joined with forms-label-or
forms-at-least-one = { $label }か{ $others }のどちらかを入力してください
# A date outside a window that only warns (x-date-window with "severity": "warning"): the
# filing is still accepted. $date: an end as forms-date-today or forms-date-field writes it;
# $meaning: the rule's own message (what it means for the resident).
forms-date-warning-before = { $label }が{ $date }より前です。{ $meaning }このまま申請できます。
forms-date-warning-after = { $label }が{ $date }より後です。{ $meaning }このまま申請できます。
forms-postal-code-unknown = { $label }に当てはまる住所が見つかりません。番号を確認するか、住所を直接入力してください
# $city: the municipality's name
forms-postal-code-outside-city = { $label }は{ $city }内の住所の郵便番号ではないため、担当の区役所を決められません。番号を確認してください。事業所(大口)用の郵便番号のときは、お住まいか事業所の所在地の郵便番号を入力してください。市内に住所がないときは、窓口で届け出てください
# $ward: the ward of the routed address; $offices: the labels of its offices, joined with
# forms-label-or; $postal: the label of the postal-code question the ward comes from
forms-office-not-for-address = { $label }は、郵便番号の住所がある{ $ward }の窓口({ $offices })から選んでください。区が違うときは、{ $postal }を確認してください
forms-hidden-character = { $label }に、画面に表示されない制御文字か、文字の並ぶ向きを変える文字が含まれています(他の文書から貼り付けたときに紛れ込むことがあります)。{ $label }を直接入力し直すか、書式なしのテキストとして貼り付けてください
# $date: the day the age is reckoned on (date-format); $who: one of forms-age-*
forms-age-out-of-range = { $label }を確認してください。この手続の対象は{ $date }時点で{ $who }です
# $days: the closed days of the year, as 1月1日、1月2日
forms-closed-day = { $label }は休業日({ $days })です。ほかの日を選んでください
forms-age-between = { NUMBER($lower, useGrouping: "false") }歳から{ NUMBER($upper, useGrouping: "false") }歳までの方
forms-age-at-least = { NUMBER($lower, useGrouping: "false") }歳以上の方
forms-age-at-most = { NUMBER($upper, useGrouping: "false") }歳以下の方
forms-age-eligible = 対象年齢の方
forms-age-months-between = 月齢{ NUMBER($lower, useGrouping: "false") }か月から{ NUMBER($upper, useGrouping: "false") }か月までの方
forms-age-months-at-least = 月齢{ NUMBER($lower, useGrouping: "false") }か月以上の方
forms-age-months-at-most = 月齢{ NUMBER($upper, useGrouping: "false") }か月以下の方

## Labels in messages

# A part of the data that is not a field of the form (only API clients send those).
forms-unknown-field = 「{ $pointer }」
# The label of an error about the request body itself (its pointer is empty)
forms-the-answers-as-a-whole = 送信データ全体(回答をまとめたJSONオブジェクト)
# Two labels, either of which will do.
forms-label-or = { $first }か{ $second }
# A field in a group: the group's label and the field's.
forms-label-in-group = { $group }の{ $label }
# Item $number of a repeatable group (子ども2).
forms-repeat-item = { $label }{ NUMBER($number, useGrouping: "false") }

## Answers as shown on check pages, in queues and on receipts

forms-secret-not-kept = (確認に使い、保存していません)
forms-not-provided = (未入力)
forms-confirmed = 確認しました
forms-yes = はい
forms-no = いいえ
# Between the parts of a group's answer (姓 名).
forms-group-separator = { " " }
# Between items of a list (choices, the fields of a repeated item).
forms-list-separator = 、
# One item of a repeatable group and its answers.
forms-repeat-answers = { $item }: { $answers }
# A date in the Japanese calendar: 令和8年11月23日 (元年 for the first year).
# $era (Text) the era's name, $year (Number) the year of the era,
# $month (Number, optional), $day (Number, optional), $date (Text, optional) the date as date-format writes it
forms-wareki-date = { $era }{ $year ->
        [1] 元
       *[other] { $year }
    }年{ $month }月{ $day }日
# An answer given as a date in either calendar, read back in both: 昭和25年3月1日（1950年3月1日）.
# $era (Text) the era's name, $year (Number) the year of the era, $month (Number, optional), $day (Number, optional),
# $western (Number, optional) the Western year, $date (Text, optional) the date as date-format writes it
forms-wareki-date-answer = { $era }{ $year ->
        [1] 元
       *[other] { $year }
    }年{ $month }月{ $day }日（{ NUMBER($western, useGrouping: "false") }年{ $month }月{ $day }日）

## Fees

# $reason: why nothing is due, as the procedure says
forms-fee-free = 無料({ $reason })
# 300円 × 2通 = 600円: $unit_price and $total are amounts (money-yen), $unit the unit the procedure names
# $quantity (Number)
forms-fee-per-unit = { $unit_price } × { NUMBER($quantity, useGrouping: "false") }{ $unit } = { $total }
# 3点 = 2,100円, when items are priced one by one
# $quantity (Number)
forms-fee-items = { NUMBER($quantity, useGrouping: "false") }{ $unit } = { $total }
# 300円 × 2年度 × 3通 = 1,800円, when the quantity multiplies answers: $factors is the list of forms-fee-factor joined by ×
forms-fee-factors = { $unit_price } × { $factors } = { $total }
# one answer multiplied in: 2年度
# $quantity (Number)
forms-fee-factor = { NUMBER($quantity, useGrouping: "false") }{ $unit }

## Who must prove who they are (procedure settings)

forms-identity-none = 本人確認は不要です
forms-identity-account = 利用者登録(アカウント)が必要です
forms-identity-my-number-card = マイナンバーカードによる本人確認が必要です

## Categories of the procedure list

forms-category-certificates = 証明書
forms-category-resident-records = 住民登録・マイナンバー
forms-category-family-register = 戸籍の届出
forms-category-tax = 税金
forms-category-child-care = 子育て
forms-category-education = 教育・図書館
forms-category-health-insurance = 健康保険・健診
forms-category-pension = 年金
forms-category-elderly-care = 高齢者・介護
forms-category-disability = 障害のある方
forms-category-welfare = 生活の支援
forms-category-environment-waste = ごみ・環境
forms-category-animals = ペット
forms-category-roads-parks = 道路・公園
forms-category-housing-building = 住まい・建築
forms-category-business-permits = 事業者向け
forms-category-facilities-events = 施設・イベント
forms-category-disaster = 災害
forms-category-other = その他
# $label: the labels of every question the system was sent (the card number, the password),
# joined with forms-label-or: the system does not say which answer it refused
forms-external-check-refused = 入力した{ $label }は{ $system }で確認できませんでした。確かめて、もう一度入力してください
forms-external-check-unavailable = { $system }のシステムにつながらないため、確認できませんでした。しばらくしてから、もう一度お試しください
forms-external-check-paused = { $label }が{ $system }で何度も確認できなかったため、確認を止めています。15分ほどしてから、もう一度お試しください
forms-external-check-needed = { $label }をもう一度入力してください。送信の前に{ $system }で確認します

## Booking questions
forms-slot-invalid = { $label }は、一覧にある日時から選んでください
forms-slot-full = { $label }に選んだ日時は、ほかの方の予約で満員になりました。空きのある日時を選び直してください
forms-slot-unavailable = { $label }に選んだ日時は、いまは予約できません(休みの日、受付期間の外、または選んだ場所の日時ではありません)。一覧から選び直してください
forms-booking-limit-reached = { $label }: この予約先の予約をすでにお持ちです。お持ちの予約を変更するか取り消してから、もう一度予約してください
forms-slot-not-full = { $label }に選んだ日時には、まだ空きがあります。申請の画面に戻って、その日時で予約してください
forms-waitlist-full = { $label }に選んだ日時は、キャンセル待ちの人数がいっぱいです。別の日時を選んでください
forms-waitlist-too-many = { $label }: このアドレスでは、すでに3つの時間のキャンセル待ちをしています。どれかをやめてから申し込んでください
forms-duplicate-filing = { $label }: 同じ方についてのこの手続の申請が、すでに受付中です。二重の申請は受け付けられません。「申請の状況」で先の申請を確かめ、結果をお待ちいただくか、取り下げてから申請してください
