### The web pages (common): words a page shows, by id (madoguchi-web).

web-common-applications-made-from-this = このブラウザで申請した手続の状況
web-common-approve-procedures = 手続の公開の承認
web-common-counter-qr = 窓口受付(QR)
web-common-error-prefix = エラー:{" "}
web-common-error-code = エラーコード
web-common-request-id = お問い合わせ番号
web-common-request-id-hint = お問い合わせの際は、この番号をお伝えください。
web-common-exports = データ出力
web-common-fees-by-day = 手数料の日計
web-common-go-to-the-list-of-procedures = 手続の一覧へ
web-common-integrations = システム連携
web-common-online-counter = オンライン窓口
web-common-online-counter-for-staff = オンライン窓口 職員用
web-common-procedures = 手続の作成
web-common-published-figures-open-data = 手続の実績(公開データ)
web-common-queue = 受付一覧
web-common-sign-in = ログイン
web-common-sign-out = ログアウト
web-common-skip-to-main-content = 本文へ移動
web-common-staff-menu = 職員メニュー
web-common-stay-signed-in = ログインを続ける
web-common-there-is-a-problem = 入力内容に誤りがあります
# $count (Number) how many problems the error summary does not list (it lists the first 100)
web-common-and-more-problems = ほかに{ $count }件の誤りがあります。上の項目を直してから、もう一度送ってください。
web-common-undelivered-emails = 届かなかったメール
# $city: the city's name (仙台市), or words for "your city" on a page of no city
web-common-you-can-also-use-these-services = 電話や窓口でも手続ができます。お困りのときは{ $city }の窓口にご相談ください。
web-common-your-sign-in-cannot-be-extended = ログインを続けられる時間(12時間)が過ぎます。入力した内容は保存されています。申請するときに、もう一度ログインしてください。
web-common-your-sign-in-has-ended-your = ログインの期限が過ぎました。入力した内容は保存されています。申請するときに、もう一度ログインしてください。
# The furigana switch, on Japanese pages only.
web-common-furigana-on = ふりがなをつける
web-common-furigana-off = ふりがなをはずす
# $until (Text) when the sign-in ends, as datetime-format writes it
web-common-signed-out-soon = まもなく({ $until })、操作がないためログインが終わります。続ける場合は「ログインを続ける」を押してください。入力した内容は消えません。
web-common-month = 月
web-common-optional = 任意
web-common-remove = 削除
web-common-required = 必須
web-common-select = 選んでください
web-common-all = すべて
web-common-all-procedures = すべての手続
web-common-arrival-number = 到達番号
web-common-arrived = 到達日時
web-common-arrived-from = 到達日(から)
web-common-arrived-until = 到達日(まで)
web-common-back-to-the-queue = 受付一覧へ
web-common-convenience-store-payment-number = コンビニのお支払い番号
web-common-create = 作成する
web-common-deadline = 期限
web-common-documents-attached = 添付書類
web-common-error = エラー
web-common-export = 出力する
web-common-fee = 手数料
web-common-find-a-procedure = 手続を探す
web-common-identity-check = 本人確認
web-common-open = 未処理
web-common-password = パスワード
web-common-pay = 支払う
web-common-procedure = 手続
web-common-reason = 理由
web-common-search = 検索
web-common-send-again = もう一度送る
web-common-show = 表示する
web-common-status = 状態
web-common-status-now = いまの状況
web-common-step = ステップ
web-common-deadline-line = 期限：{ $deadline }
web-common-fee-line = 手数料：{ $fee }
web-common-reason-line = 理由：{ $reason }
web-common-step-title = ステップ{ $number }：{ $title }
web-common-your-menu = 利用者メニュー
web-common-signed-in-account = ログイン中
web-common-accessibility-and-privacy = アクセシビリティと個人情報の取扱い
web-common-status-lookup-link = 到達番号で申請の状況を確認する
# For a sentence naming the city, on a page no city serves
web-common-your-city = お住まいの市区町村
