### The web pages (payments): words a page shows, by id (madoguchi-web).

web-payments-amount = 金額
web-payments-checkout = 決済ID
web-payments-day = 日付
web-payments-download-as-csv = CSVで保存する
web-payments-enter-the-date-like-2026-11-23 = 日付は 2026-11-23 のように入力してください。今日の分を表示しています。
web-payments-for-the-accounting-section-fees = 会計課の照合用です。日付は日本時間で、オンラインで受け取った手数料と返金を決済事業者の記録と照らし合わせられます。
web-payments-give-this-payment-number-at-a = コンビニのレジで次のお支払い番号をお伝えください。お支払いが確認できるとメールでお知らせします。
web-payments-kind = 種別
web-payments-method = 支払方法
web-payments-my-applications = 申請した手続の一覧
web-payments-net = 差引
web-payments-no-payments-or-refunds-on-this = この日の入金・返金はありません。
web-payments-on-the-next-page-you-can-choose = 次の画面で、クレジットカード・コンビニ・QRコード決済から選べます。お支払いが終わると、この市のページに戻ります。
web-payments-pay-the-fee = 手数料のお支払い
web-payments-payment = 入金
web-payments-payment-complete = お支払いが完了しました
web-payments-payments-and-refunds = 入金と返金の一覧
web-payments-received = 入金
web-payments-refund = 返金
web-payments-refunded = 返金
web-payments-see-your-application = 申請の状況を見る
web-payments-the-date-could-not-be-read = 日付を読み取れませんでした
web-payments-this-application-cannot-be-paid = この申請は、いまはお支払いいただけません(取り下げた、または審査が終わった申請です)。
web-payments-this-fee-has-been-paid-thank-you = お支払いは済んでいます。ありがとうございました。
web-payments-time = 時刻
web-payments-your-payment = お支払いの状況
