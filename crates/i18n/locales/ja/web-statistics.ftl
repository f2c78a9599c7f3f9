### The web pages (statistics): words a page shows, by id (madoguchi-web).

web-statistics-all-procedures = 全体
web-statistics-approved = 許可・交付
web-statistics-by-procedure = 手続ごとの実績
web-statistics-completed-online = オンラインで完結した割合
web-statistics-corrections = 補正の割合
web-statistics-csv-utf-8-with-bom = CSV(UTF-8、BOM付き)
web-statistics-filed-elsewhere = 紙やシステム外の窓口で受け付けた申請(市が入力)
web-statistics-awaiting-payment = オンラインで申請され、許可・交付の決定後の手数料が未納の申請(完結に数えません)
web-statistics-entered-by-staff = 窓口で職員が住民に代わって入力した申請
web-statistics-bookings-csv = 予約の実績のCSV(UTF-8、BOM付き)
web-statistics-days-are-business-days-from-the = 処理日数は、到達(閉庁時間の到達は翌開庁日)の翌日から決定日までの開庁日数で、補正を待つ間は数えていません。
web-statistics-decided-within-the-standard = 標準処理期間内に処理した割合
web-statistics-export-filings = 申請データの出力
web-statistics-figures-by-procedure = 手続ごとの実績
web-statistics-filings = 件数
web-statistics-number-of-filings = 申請件数
web-statistics-filings-in-each-month-from-april = 4月から翌年3月までの月ごとの件数。数値は下の表にあります。
web-statistics-filings-per-month = 月別の申請件数
web-statistics-fiscal-year = 年度
web-statistics-for-loading-into-core-systems = 基幹システムへの取込み用です。出力は記録されます。個人番号は下4桁以外を伏せて出力します。
web-statistics-for-spreadsheet-software-csv = 表計算ソフトで開く(CSVにBOMを付ける)
web-statistics-format = 形式
web-statistics-median-business-days-to-a = 処理日数の中央値(開庁日)
web-statistics-median-days = 処理日数の中央値
web-statistics-needed-a-correction = 補正が必要だった割合
web-statistics-no-filings-in-this-year-yet = この年度の申請はまだありません。
web-statistics-nothing-was-exported = 出力できませんでした
web-statistics-online = オンライン完結
web-statistics-open-data = オープンデータ
web-statistics-published-figures = 手続の実績
web-statistics-published-figures-open-data = 手続の実績(公開データ)
web-statistics-rejected = 却下・不許可
web-statistics-show = 表示
web-statistics-standard-period-business-days = 標準処理期間(開庁日)
web-statistics-within-period = 期間内の割合
# A month in the tables (a chrono pattern).
web-statistics-month-format = %Y年%-m月
# A month under a bar of the chart (a chrono pattern).
web-statistics-chart-month-format = %-m月
# $year (Text) the fiscal year; $from, $to (Text) its first and last day, as date-format writes them
web-statistics-period = { $year }年度 ({ $from } – { $to })に到達した申請の実績です。
# $percent (Text) the share of filings completed online
web-statistics-online-share = { $percent }(残りは事前入力のうえ窓口で完了)
web-statistics-as-of-line = （{ $date }集計）

## Bookings
web-statistics-bookings = 予約
web-statistics-booking-place = 予約先
web-statistics-booked = 予約数
web-statistics-booking-cancelled = 取消し
web-statistics-no-show = 不来庁の割合
web-statistics-lead-days = 予約から当日までの日数(中央値)
web-statistics-changed-online = インターネットで変更・取消しした割合
web-statistics-bookings-hint = 予約数は、予約の日時がこの年度にあるものです(取り消したものを含みます)。不来庁の割合は、窓口で来庁・不来庁を記録した予約のうち、来なかったものの割合です。変更・取消しは、申請した人が受付票やメールのリンクから行ったものです。
web-statistics-fee-at-counter = オンラインで申請され、手数料を窓口で納めた申請(来庁したため、オンラインでの完結に数えません)
web-statistics-e-approval = 電子決裁で決定した割合
web-statistics-approval-steps = 電子決裁の所要時間
web-statistics-approval-step = 決裁の段
web-statistics-approval-step-n = { $step }段目
web-statistics-approval-signed = 決裁数
web-statistics-approval-stand-in = うち代決
web-statistics-approval-median-hours = 所要時間の中央値(時間)
web-statistics-approval-hint = この年度に受け付けた申請の決定のうち、決裁ルート(係長・課長など)の決裁をこのサービスで経たものの割合です。所要時間は、起案(または前の段の決裁)からその段の決裁までの時間です。差し戻された起案は{ $returned }件でした。
web-statistics-facts-title = 手続の記載事項の確認状況
# $done (Text) facts the city confirmed; $all (Text) facts marked for the city to confirm
web-statistics-facts-line = 手続のページの記載事項のうち、市に確認するとされた{ $all }件のうち、市が確認したものは{ $done }件です(今日現在)。
web-statistics-facts-hint = 市が確認していない事項は、手続のページで「市に確認中」と示し、問い合わせ先の課を案内しています。
