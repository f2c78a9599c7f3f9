### The web pages (booking questions): the days and times a resident chooses from (madoguchi-web).

web-booking-place = 場所: { $place }
web-booking-days = 日付を選んでください
web-booking-free = 空きあり
web-booking-full = 満員
web-booking-closed = 休み
web-booking-not-open = 受付前
web-booking-over = 受付終了
web-booking-left = 残り{ $n }
web-booking-choose-first = 先に「{ $question }」を選んで「次へ進む」を押してください。選んだ場所の空いている日時が、ここに表示されます。
web-booking-none = この予約先の日時はまだ用意されていません。お手数ですが、担当の窓口にお問い合わせください。
web-booking-nothing-free = この日に予約できる時間はありません。ほかの日付を選んでください。
web-booking-chosen = 選んでいる日時: { $time }
web-booking-waitlist-link = 満員の時間のキャンセル待ちをする
# $n how many wait
web-booking-waiting = 満員・{ $n }人待ち

## The clerks' day list (/office/bookings)
web-booking-office-title = 予約の一覧(日ごと)
web-booking-office-none = この市区町村には、予約を受け付ける窓口や枠がまだありません。
web-booking-office-resource = 予約先
web-booking-office-day = 日付
web-booking-office-show = 表示する
web-booking-office-days = 前後の日
web-booking-office-previous = 前の日
web-booking-office-next = 次の日
web-booking-office-no-slots = この日に枠はありません。
web-booking-office-counts = 予約 { $booked } / 定員 { $capacity }(入力中の確保 { $held })
web-booking-office-waiting = キャンセル待ち { $n }人
web-booking-office-persons = { $units }人
web-booking-office-minutes = { $units }分
web-booking-office-points = { $units }点
web-booking-office-other-section = 他の課の申請の予約({ $units })
web-booking-office-requested = 仮受付

## A filing's booking: on the receipt, the status look-up, and its own page (/receipts/{number}/bookings/{id}, /bookings/{link})
web-booking-booked = 予約
# $day the last day changes are taken
web-booking-until = 日時の変更・取消しは{ $day }までできます。
web-booking-until-start = 日時の変更・取消しは予約の時刻までできます。
web-booking-manage = 予約の確認・変更・取消し
web-booking-page-title = 予約の確認・変更・取消し
web-booking-page-closed = インターネットでの変更・取消しの受付は終わりました。変更・取消しは担当へお問い合わせください。
web-booking-page-cancelled = この予約は取り消されています。もう一度予約するときは、手続のページからお申し込みください。
web-booking-change = 日時を変更する
web-booking-change-hint = 新しい日時を選んで「この日時に変更する」を押してください。今の予約は、新しい日時が取れたときにだけ取り消されます。
web-booking-change-button = この日時に変更する
web-booking-choose-new = 新しい日時を選んでください
web-booking-same = 今の予約と同じ日時です。変更するときは、ほかの日時を選んでください。
web-booking-changed = 予約の日時を変更しました。お知らせのメールを送りました(メールアドレスをお知らせいただいた場合)。
web-booking-cancel = 予約を取り消す
web-booking-cancel-hint = 取り消すと、この日時の予約はほかの人が使えるようになります。
web-booking-cancel-confirm = 予約を取り消します
web-booking-cancel-button = 予約を取り消す
web-booking-cancel-unconfirmed = 取り消すときは「予約を取り消します」にチェックを入れてください
web-booking-cancelled = 予約を取り消しました。
web-booking-on-status = 予約の変更・取消しは、申請したブラウザの受付票か、予約のお知らせメールのリンクからできます。

## The day list's actions
web-booking-office-confirm = 予約を確定する(本受付)
web-booking-office-arrived = 来庁した
web-booking-office-no-show = 来なかった
web-booking-office-clear = 記録を取り消す
web-booking-office-came = 来庁
web-booking-office-did-not-come = 不来庁

## Stopping slots (the day list)
web-booking-office-block-title = 枠の受付を止める
web-booking-office-block-hint = 止めた枠には新しい予約が入りません。予約済みの人には、理由と別の日時を選ぶためのリンクをメールでお知らせします(予約はそのまま残ります)。
web-booking-office-block-time = 止める枠
web-booking-office-block-all = この日のこれからの枠すべて
web-booking-office-block-reason = 理由(予約した人と、予約しようとする人に表示します)
web-booking-office-block-button = 受付を止める
web-booking-office-lift = 受付を再開する
# $slots slots stopped; $told people told by mail
web-booking-office-stopped = { $slots }枠の受付を止めました。予約済みの{ $told }人にメールでお知らせしました。
# $slots slots opened again
web-booking-office-lifted = { $slots }枠の受付を再開しました。
web-booking-office-reason-missing = 受付を止める理由を入力してください
web-booking-office-reason-too-long = 理由は200文字以内で入力してください
# $reason why a clerk stopped the booked time
web-booking-stopped = この時間は次の理由で受付を止めています: { $reason }。お手数ですが、別の日時に変更してください。
web-booking-counter-visit = 次の日時に予約しています。この日の終わりまで、このページのコードと入力した内容は消えません。

## The department's page defining what residents book (/office/bookings/resources).

web-booking-resources-title = 予約の受付枠
web-booking-resources-intro = 窓口、健診、収集などの予約の受付枠を定義します。保存すると、予約を受け付ける期間の枠が開きます。定義を変えても、予約済みの方の枠はなくなりません。
web-booking-resources-none = まだ受付枠はありません。
web-booking-resources-add = 受付枠を追加する
web-booking-resources-edit = { $name }を編集する
web-booking-resources-day-list = { $name }の日ごとの予約
web-booking-resources-saved = 「{ $name }」を保存しました。新しく開いた枠: { $slots }
web-booking-resources-window-summary = { $opens }日前から予約できます。締切: { $closes }業務日前
web-booking-resources-window-same-day = { $opens }日前から当日まで予約できます
web-booking-resources-per-person = 1人{ $n }件まで
web-booking-resources-every = { $minutes }分ごと
web-booking-resources-whole = 時間帯で1枠
web-booking-resource-new-title = 予約の受付枠を追加
web-booking-resource-edit-title = 予約の受付枠を編集
web-booking-resource-id = 受付ID
web-booking-resource-id-hint = 英小文字・数字・ハイフンで書きます(例: aoba-mynumber)。あとから変えられません。
web-booking-resource-name-ja = 名前(日本語)
web-booking-resource-name-en = 名前(英語)
web-booking-resource-place-ja = 場所(日本語)
web-booking-resource-place-en = 場所(英語)
web-booking-resource-translation-hint = 英語は任意です。空欄なら英語のページにも日本語を表示します。
web-booking-resource-unit = 定員の数え方
web-booking-resource-unit-persons = 人数
web-booking-resource-unit-minutes = 窓口の時間(人×分)
web-booking-resource-unit-points = 積載ポイント(収集など)
web-booking-resource-confirm = 予約の確定
web-booking-resource-confirm-on-filing = 申請が届いた時点で確定する
web-booking-resource-confirm-by-clerk = 職員が確定する(仮受付のあと本受付)
web-booking-resource-sessions = 受付時間帯
web-booking-resource-sessions-hint = 曜日、始まりと終わりの時刻、1枠の分数(空欄なら時間帯全体で1枠)、1枠の定員を書きます。市の休日と祝日は自動で休みになります。
web-booking-resource-session = 受付時間帯{ $n }
web-booking-resource-days = 曜日
web-booking-resource-from = 始まりの時刻
web-booking-resource-until = 終わりの時刻
web-booking-resource-every = 1枠の分数(任意)
web-booking-resource-capacity = 1枠の定員
web-booking-resource-valid-from = この時間帯を始める日(任意)
web-booking-resource-valid-until = この時間帯を終える日(任意)
web-booking-resource-remove-session = この時間帯を削除する
web-booking-resource-add-session = 時間帯を1つ増やす
web-booking-resource-closed = この受付だけの休みの日
web-booking-resource-closed-hint = 市の休日と祝日のほかに休む日と、住民に見せる理由を書きます。
web-booking-resource-closed-day = 休みの日{ $n }
web-booking-resource-day = 日付
web-booking-resource-reason-ja = 理由(日本語)
web-booking-resource-reason-en = 理由(英語)
web-booking-resource-remove-closed = この休みの日を削除する
web-booking-resource-add-closed = 休みの日を1つ増やす
web-booking-resource-window = 予約を受け付ける期間
web-booking-resource-opens = 何日前から予約できるか
web-booking-resource-closes = 何業務日前で締め切るか
web-booking-resource-closes-hint = 0なら当日まで予約できます。
web-booking-resource-cutoff = 当日の締切時刻(任意)
web-booking-resource-per-person = 1人が同時に持てる予約の数(任意)
web-booking-resource-save = 保存して枠を開く
web-booking-resource-not-time = { $field }: 時刻は 09:00 のように、24時間制の時と分で書いてください
web-booking-resource-not-number = { $field }: 半角数字の整数で書いてください(例: 3)
web-booking-resource-not-date = { $field }: 日付は 2027-01-04 のように、年-月-日で書いてください
web-booking-resource-missing = { $field }: 入力してください
web-booking-resource-choose = { $field }: どれか1つを選んでください
web-booking-resource-day-mon = 月
web-booking-resource-day-tue = 火
web-booking-resource-day-wed = 水
web-booking-resource-day-thu = 木
web-booking-resource-day-fri = 金
web-booking-resource-day-sat = 土
web-booking-resource-day-sun = 日
web-booking-resources-place = 場所

## Waiting lists (キャンセル待ち): joined from a booking question's step (/p/{id}/{step}/waitlist), and the entry's page (/waitlist/{link})
web-waitlist-join-title = キャンセル待ちの申込み
web-waitlist-back = 申請の画面に戻る
web-waitlist-intro = 満員の日時を選び、メールアドレスを入力してください。その日時に空きが出たら、申し込んだ順に、その場所を12時間取っておいてメールでお知らせします。メールのリンクから申請を続けて最後まで送ると予約になります。キャンセル待ちの間は、まだ予約はできていません。
web-waitlist-nothing = いまキャンセル待ちのできる日時はありません。空いている日時は申請の画面で選べます。
web-waitlist-email = メールアドレス
web-waitlist-email-hint = 空きが出たときのお知らせと、順番の確認・取りやめのページのリンクを送ります。
web-waitlist-join-button = キャンセル待ちを申し込む
web-waitlist-sent = キャンセル待ちを受け付けました。入力したメールアドレスに、確認のメールを送りました。
web-waitlist-sent-more = メールのリンクから、順番の確認と取りやめができます。空きが出たら、同じアドレスにお知らせします。
web-waitlist-slot-required = キャンセル待ちをする日時を選んでください
web-waitlist-slot-unavailable = 選んだ日時は、いまはキャンセル待ちができません(休みの日、受付期間の外、または選んだ場所の日時ではありません)。一覧から選び直してください
web-waitlist-slot-not-full = 選んだ日時には、まだ空きがあります。申請の画面に戻って、その日時で予約してください
web-waitlist-line-full = 選んだ日時は、キャンセル待ちの人数がいっぱいです。別の日時を選んでください
web-waitlist-email-required = メールアドレスを入力してください。空きが出たときのお知らせを送ります
web-waitlist-email-invalid = メールアドレスは hanako@example.jp のように、@ の前後を入れて入力してください
web-waitlist-too-many = このメールアドレスでは、すでに3つの時間のキャンセル待ちをしています。どれかをやめてから申し込んでください
web-waitlist-title = キャンセル待ち
# $n the place in line
web-waitlist-status-waiting = キャンセル待ちをしています。いまは { $n } 番目です。
# $until until when the place is kept
web-waitlist-status-offered = 空きが出ました。{ $until }まで、あなたのために取っておきます。
web-waitlist-status-taken = この日時は申請の画面に移りました。申請を最後まで送ると予約になります。
web-waitlist-status-lapsed = このキャンセル待ちは終わりました(お知らせした期限が過ぎたか、受付期間が終わりました)。
web-waitlist-status-withdrawn = このキャンセル待ちは取りやめました。
web-waitlist-take-hint = 「この日時で申請を続ける」を押すと、このブラウザの申請の画面にこの日時が入ります。続きを入力して、最後まで送ってください。
web-waitlist-take = この日時で申請を続ける
web-waitlist-to-form = 申請の画面へ
web-waitlist-leave-hint = キャンセル待ちをやめると、順番は次の方に移ります。
web-waitlist-leave = キャンセル待ちをやめる
web-waitlist-decline-hint = この日時を使わないときは辞退してください。次に待っている方にお知らせします。
web-waitlist-decline = この空きを辞退する
web-waitlist-left = キャンセル待ちをやめました。
