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
