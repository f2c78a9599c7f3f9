### Words of the use cases (madoguchi-app) that the pages and documents show: a filing's
### history, payment states, the office's event details, webhook states.

## A filing's history, as the applicant reads it

app-history-submit = 申請が到達しました
app-history-claim = 担当者が確認を始めました
app-history-request-correction = 修正(補正)をお願いしました
app-history-resubmit = 修正を受け付けました
app-history-extend = 審査の期間を延ばしました
app-history-approve = 認められました
app-history-reject = 認められませんでした
app-history-withdraw = 取り下げました
app-history-close = 手続が完了しました
app-history-payment = 手数料のお支払いを確認しました
app-history-refund = 手数料を返金しました
# $from, $to the booking's times before and after (as datetime-format writes them)
app-history-booking-changed = 予約の日時を変更しました({ $from } → { $to })
# $at the booking's time
app-history-booking-cancelled = 予約を取り消しました({ $at })
app-booking-requested = 申込み中(まだ確定していません)
app-booking-cancelled = 取り消しました

## The fee's payment, in plain words

app-payment-refunded = 返金しました
app-payment-refund-failed = 返金の手続中です(担当からご連絡します)
app-payment-refund-pending = 返金の手続中です
app-payment-unpaid = お支払いがまだです
app-payment-pending = コンビニでのお支払いを待っています
app-payment-paid = 支払済み
app-payment-expired = お支払いの期限が切れました。もう一度お支払いください
app-payment-failed = お支払いができませんでした。もう一度お試しください
app-payment-method-card = クレジットカード
app-payment-method-konbini = コンビニ払い
app-payment-method-qr = QRコード決済
app-payment-method-cash = 現金
app-payment-channel-online = オンライン
app-payment-channel-counter = 窓口

## The reconciliation CSV of payments (kept in Japanese, the language of record)

app-ledger-at = 日時(JST)
app-ledger-kind = 種別
app-ledger-arrival-number = 到達番号
app-ledger-procedure-id = 手続ID
app-ledger-procedure = 手続
app-ledger-checkout-id = 決済ID・領収番号
app-ledger-channel = 収納場所
app-ledger-method = 支払方法
app-ledger-amount = 金額(円)
app-ledger-payment = 入金
app-ledger-refund = 返金
app-ledger-subtotal = 小計
app-ledger-total = 合計(入金−返金)

## A filing's events, as the office reads them

# The assignee's account was removed or moved.
app-detail-former-staff = (異動・停止した職員)
# $prepared when the answers were entered online; $document the identity document checked
app-detail-counter-filed = 窓口で職員が受付(事前入力 { $prepared }、本人確認: { $document })
app-detail-counter-entered = 窓口で職員が聞き取って入力し受付(入力 { $clerk }、本人確認: { $document })
# $amount as money-yen writes it; $method how it was paid
app-detail-amount-method = { $amount }({ $method })
# $days (Number) business days added
# $days (Number) business days added
app-detail-extended = { $days }開庁日延長
# $items the fields' labels, joined with app-list-separator; $deadline a date (YYYY-MM-DD)
app-detail-correction-items = 対象: { $items }(期限 { $deadline })
# $count (Number) how many answers the correction changed
app-detail-changed = { $count }項目を修正
# $name the member of staff
app-detail-assigned = 担当: { $name }
# An approval whose reason the clerk marked for the applicant
app-detail-told-applicant = 申請者にも伝えました(メール・受付のページ・決定通知書)
# Between the items of a list in a sentence.
app-list-separator = 、

## Webhooks

app-webhook-event-submission-received = 申請の到達
app-webhook-event-status-changed = 処理状況の変化
app-webhook-event-payment-received = 手数料の入金
app-webhook-delivered = 配信済み
app-webhook-gave-up = 配信できませんでした
app-webhook-retrying = 再送待ち
app-webhook-waiting = 送信待ち

## Other

# The title of the step that shows the fields to correct.
app-correction-step-title = 修正する項目
# The note at the foot of the receipt PDF (受付控え), which is in Japanese.
app-receipt-note = この控えは申請が到達したことを示すものです。審査の結果は別にお知らせします。お問い合わせの際は到達番号をお伝えください。
# The decision as the notice PDF (決定通知書, in Japanese) names it.
app-decision-granted = 許可
app-decision-refused = 不許可
# The line of the published figures that sums every procedure.
app-figures-all-procedures = すべての手続
app-figures-all-resources = すべての予約先

## How a filing's fee is paid (the clerk's fee line when nothing was paid online)
app-fee-path-nothing = 手数料はありません。
app-fee-path-online-now = 申請と同時にオンラインで納付します(まだ納付されていません)。
app-fee-path-online-after-approval = 承認後にオンラインで納付します(承認すると支払いの案内をメールで送ります)。
app-fee-path-counter-with-filing = オンラインでの支払いはありません(窓口で申請と一緒に納付)。
# $how the way the applicant chose to pay (the form's option), or app-fee-how-counter
app-fee-path-after-approval-offline = オンラインでの支払いはありません(承認後に納付: { $how }。納付を確かめてから完結してください)。
app-fee-how-counter = 窓口で支払う
app-fee-path-elsewhere = 手続の案内のとおり別に納付します(オンラインでの支払いはありません)。
## A resident's status when the fee is still to pay after an approval
app-status-approved-fee-online = 認められました。手数料のお支払いをお待ちしています
# $how the way the applicant chose to pay
app-status-approved-fee-offline = 認められました。手数料をお支払いください(お支払いの方法: { $how })
