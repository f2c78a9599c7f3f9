### Words every crate shares (madoguchi-core): numbers, money, dates.

# How digits are grouped in numbers (`1,200`). A space is written { " " }.
number-grouping-separator = ,

# An amount of money in whole yen.
# $amount (Number)
money-yen = { $amount }円

# How dates and times are written, as chrono patterns (https://docs.rs/chrono: strftime).
# Month names (%b) are English whatever the language.
date-format = %Y年%-m月%-d日
datetime-format = %Y年%-m月%-d日 %H時%M分

# The language's name in itself, for the language switch.
lang-name = 日本語

## 窓口で確認する本人確認書類

identity-document-my-number-card = マイナンバーカード
identity-document-driving-licence = 運転免許証
identity-document-passport = パスポート
identity-document-residence-card = 在留カード・特別永住者証明書
identity-document-two-documents = その他の書類2点(健康保険の資格確認書など)

# What an entry of the staff audit log records (the audit log page's "action" column).
core-audit-view = 申請の閲覧
core-audit-reveal-my-number = マイナンバーの表示
core-audit-export = 申請の書き出し
core-audit-mail-retry = メールの再送
core-audit-counter-open = 窓口事前入力の呼び出し
core-audit-counter-file = 窓口での受付
core-audit-counter-entry-started = 窓口で住民に代わって入力を開始
core-audit-fact-confirmed = 手続の記載事項を市として確認
core-audit-counter-payment = 窓口で受け取った手数料を記録
core-audit-counter-refund = 窓口で手数料を返金
core-audit-procedure-created = 手続の作成
core-audit-procedure-saved = 手続の保存
core-audit-procedure-sent-for-approval = 手続の承認依頼
core-audit-procedure-published = 手続の公開
core-audit-procedure-retired = 手続の公開終了
core-audit-procedure-approved = 手続の承認
core-audit-procedure-returned = 手続の差戻し
core-audit-totp-enrolled = 認証アプリの登録
core-audit-staff-create = 職員アカウントの作成
core-audit-staff-update = 職員アカウントの変更
core-audit-staff-password = パスワードの再設定
core-audit-staff-totp-reset = 認証アプリのリセット
core-audit-staff-sessions-revoked = 全端末からのサインアウト
core-audit-api-token-created = APIトークンの発行
core-audit-api-token-revoked = APIトークンの失効
core-audit-webhook-created = Webhookの登録
core-audit-webhook-disabled = Webhookの停止
core-audit-webhook-replayed = Webhookの再送
core-audit-audit-read = 監査ログの閲覧
core-audit-audit-export = 監査ログの書き出し
core-audit-booking-confirmed = 予約の確定(本受付)
core-audit-booking-attendance = 予約の来庁・不来庁の記録
core-audit-counter-line-added = 混雑状況を知らせる窓口の追加
core-audit-bookings-blocked = 予約枠の停止・再開
