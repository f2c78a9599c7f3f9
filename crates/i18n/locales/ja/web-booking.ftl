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
