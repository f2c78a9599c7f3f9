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
