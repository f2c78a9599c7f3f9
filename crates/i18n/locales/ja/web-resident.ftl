### The web pages (resident): words a page shows, by id (madoguchi-web).

web-resident-12-characters-or-more-a-phrase = 12文字以上。覚えやすい文章のようなものがおすすめです(例: あおばどおりのけやき 2026)。記号や大文字は必要ありません。
web-resident-account = アカウント
web-resident-after = 修正後
web-resident-after-you-submit-you-go-on-to = 申請を送信すると、続けて手数料のお支払いの画面に進みます(クレジットカード・コンビニ・QRコード決済)。
web-resident-all-procedures = 手続の一覧
web-resident-application-received = 申請が到達しました
web-resident-applications-made-from-this = このブラウザから申請した手続です(ブラウザの記録を消すと表示されなくなります。到達番号とメールはそのまま使えます)。
web-resident-back = 戻る
web-resident-back-to-the-procedure = 手続の案内へ
web-resident-before = 修正前
web-resident-by-submitting-you-confirm-that = 送信することで、入力した内容が正しいことを申し立てます。
web-resident-can-be-done-online = オンラインでできます
web-resident-categories = 分野
web-resident-change-only-the-items-below-then = 下の項目だけを直して、送信してください。ほかの項目はそのままです。
# Added after the line above when a My Number is among the items to change
web-resident-type-my-number-again = 個人番号は、安全のためもう一度入力してください。
web-resident-check-the-email-address-enter = メールアドレスを確認してください。taro@example.jp のように、@ のあるメールアドレスを入力してください。
web-resident-check-your-answers = 入力内容の確認
web-resident-check-your-answers-before-you = 入力内容の確認
# On the check page when answers are accepted with a warning (shown under each).
web-resident-answers-with-warnings = 次の回答に注意が必要です。それぞれの回答の下の説明を読んでください。このままでよければ、「{ $button }」を押して申請できます。
web-resident-step-with-warnings = 次の質問の回答に注意が必要です。回答の下の説明を読んでください。このままでよければ、「{ $button }」を押して進めます。
web-resident-check-your-email = メールを確認してください
web-resident-choose-what-is-happening-answer = できごとを選んで、いくつかの質問に答えると、必要な手続と持ち物がわかります。
web-resident-choose-your-email-address-and-a = メールアドレスとパスワードを決めてください。登録したメールアドレスに確認のリンクをお送りします。リンクを開くと登録が終わります。
web-resident-confirm = 確認する
web-resident-confirm-with-my-my-number-card = マイナンバーカードで本人確認する
web-resident-confirm-your-email-address = メールアドレスの確認
web-resident-confirmation-code-6-digits = 確認コード(6桁の数字)
web-resident-confirmed-with-your-my-number = マイナンバーカードで確認済み
web-resident-continue = 次へ進む
web-resident-continue-the-draft = 続きを入力する
web-resident-continue-to-check-your-answers = 入力内容の確認へ進む
web-resident-correct-your-application = 申請内容の修正
web-resident-create-account = 登録する
web-resident-create-an-account = 利用者登録
web-resident-current-status = いまの状況
web-resident-decision-notice-pdf = 決定通知書(PDF)
web-resident-deleted-after = この日時を過ぎると消えます
web-resident-done-elsewhere = 市役所以外での手続
web-resident-email-address = メールアドレス
web-resident-email-me-a-code = 確認コードを送る
web-resident-email-me-a-link-to-continue = 続きのリンクを受け取るメールアドレス
web-resident-expected-decision-by = 審査の目安
web-resident-file-at-the-counter-make-a-qr = 窓口で手続する(QRコードを作る)
web-resident-filing-at-a-counter-instead = 窓口で手続する場合
web-resident-fill-it-in-here-first-at-the = ここで事前に入力しておくと、窓口では到達番号を伝えるだけで、書類を書かずに手続できます。
web-resident-find-a-procedure = 手続をさがす
web-resident-find-another-procedure = ほかの手続を探す
web-resident-finished-at-a-counter-prepare = 窓口で手続を完了します(事前入力)
web-resident-for-example-resident-record = 例: 住民票、じどうてあて、ごみ、dog
web-resident-forgot-your-password = パスワードを忘れた方
web-resident-free = 無料です
web-resident-go-to-sign-in = ログインのページへ
web-resident-handled-by = 担当
web-resident-how-long-it-takes = かかる日数
web-resident-how-you-get-the-result = 結果の受け取り方
web-resident-i-understand-and-want-to = 取り下げることを確認しました
web-resident-identity = 本人確認
web-resident-if-no-mail-arrives-check-your = メールが届かないときは、迷惑メールのフォルダもご確認ください。
web-resident-if-you-are-inactive-for-a-while = しばらく操作がないと、ログインは自動で終わります(入力した内容は消えません)。
web-resident-if-you-no-longer-want-to-apply = 申請をやめる場合
web-resident-if-you-withdraw-the-application = 取り下げると、この申請の審査は行いません。元に戻すことはできません。必要になったときは、もう一度申請してください。
web-resident-keep-your-arrival-number-you = 到達番号を控えてください。お問い合わせの際に必要です。
web-resident-life-event-guide = くらしの手続きガイド
web-resident-life-event-guide-find-everything = くらしの手続きガイド: 引っ越し・出産・おくやみなど、できごとから探す
web-resident-message-from-the-office = 担当者からのお願い
web-resident-new-here-create-an-account = はじめての方(利用者登録)
web-resident-no = いいえ
web-resident-no-applications-yet = まだ申請はありません。
web-resident-no-email-was-sent = メールを送れませんでした
web-resident-no-fee = 手数料なし
web-resident-no-procedure-can-be-filed-online = 現在、オンラインで申請できる手続はありません。
web-resident-not-sent-yet = まだ申請できません
web-resident-not-yet-sent = 入力の途中の手続
web-resident-nothing-was-withdrawn = 取り下げていません
web-resident-or-sign-in-with-your-account = アカウントでログインして申請する
web-resident-paid-by = 支払方法
web-resident-paying-the-fee = 手数料のお支払い
web-resident-prepare-online-finish-at-a = 事前入力して窓口で完了
web-resident-press-confirm-to-finish = 「確認する」を押すと、利用者登録が終わります。
web-resident-procedures = 手続の一覧
web-resident-save-the-receipt-pdf = 受付控え(PDF)を保存する
web-resident-saved = 保存した日時
web-resident-send-a-new-code = コードを送り直す
web-resident-send-the-correction = 修正を送信する
web-resident-send-the-link = リンクを送る
web-resident-sent = 送った申請
web-resident-set-a-new-password = パスワードの再設定
web-resident-set-password = 設定する
web-resident-show-what-to-do = 必要な手続を表示する
web-resident-sign-in = ログインする
web-resident-sign-in-with-the-email-address = 利用者登録をしたメールアドレスとパスワードでログインします。ログインしなくても申請できる手続もあります。
web-resident-sign-in-with-your-my-number-card = マイナンバーカードなどでログイン
web-resident-sign-out = ログアウトする
web-resident-end-the-identity-check = 本人確認を終える(ログアウト)
web-resident-signed-in-until = ログインの期限
web-resident-signed-in-with-an-account = アカウントでログイン
web-resident-start-filling-in = 事前入力を始める
web-resident-start-now = 申請を始める
web-resident-submit-and-go-on-to-pay = この内容で申請して支払いに進む
web-resident-submit-application = この内容で申請する
web-resident-the-deadline-has-passed-please = (期限を過ぎています。できるだけ早く送ってください)
web-resident-the-guide-has-no-events-yet = ガイドはまだありません。
web-resident-the-mail-can-take-a-minute-to = メールが届くまで、1分ほどかかることがあります。
web-resident-the-office-will-check-it-and = 担当者が確認します。審査の結果はメールでお知らせします。
web-resident-the-payment-page-could-not-be = 支払いの画面につながりませんでした
web-resident-the-section-continues-once-the = 担当課は、お支払いを確認してから手続を進めます。クレジットカード・コンビニ・QRコード決済が使えます。
web-resident-the-section-will-review-your = 担当課が内容を確認します。確認が必要なときは電話でご連絡します。
web-resident-there-is-no-fee = 手数料はかかりません
web-resident-this-correction-request-is-no = この修正のお願いは、もう受け付けていません。
web-resident-this-procedure-is-filed-by-a = この手続は、利用者登録(アカウント)をして、ログインしてから申請します。入力した内容は消えません。ログインすると、この画面に戻ります。
web-resident-finished-at-a-counter = この手続は窓口で完了します
web-resident-finished-at-a-counter-give-number = この手続は窓口で完了します。窓口でこの到達番号をお伝えください。
web-resident-this-procedure-needs-your = この手続は、マイナンバーカードで本人確認をしてから申請します。スマートフォンでカードを読み取り、暗証番号(4桁)を入力します。
web-resident-to-withdraw-tick-the-box-to = 取り下げる場合は、確認のチェックを入れてください
web-resident-try-other-words-or-browse-the = 別のことばで探すか、下の一覧から選んでください。
web-resident-we-have-emailed-you-a-link-to = 続きのリンクをメールで送りました。
web-resident-we-have-emailed-you-a-receipt = 入力したメールアドレスに到達のお知らせを送りました。審査の結果もメールでお知らせします。
web-resident-what-happens-next = このあとの流れ
web-resident-what-has-happened = これまでの経過
web-resident-what-to-do = 必要な手続
web-resident-what-to-have-ready = 用意するもの
web-resident-what-you-applied-with = 申請した内容
web-resident-what-you-changed = 修正した内容
web-resident-what-you-need = 用意するもの
web-resident-when = 期限
web-resident-when-you-submit-your-application = 送信すると申請が到達し、到達番号が表示されます。
web-resident-who-can-apply = 申請できる方
web-resident-withdraw = 取り下げる
web-resident-withdraw-the-application = 申請の取下げ
web-resident-withdraw-this-application = この申請を取り下げる
web-resident-withdraw-this-application-question = この申請を取り下げますか
web-resident-yes = はい
web-resident-you-are-signed-in = ログイン中です
web-resident-you-are-signed-in-sentence = ログインしています。
web-resident-you-are-signed-in-with-an = アカウントでログインしています。
web-resident-you-are-signed-out-this-browser = ログアウトしました。このブラウザの入力途中の内容と申請の状況は、もう表示されません。
# $city: the city's name
web-resident-you-can-turn-your-answers-into-a = 入力した内容をQRコードにして、{ $city }の窓口で見せることができます。職員が読み取って受け付けるので、申請書を書く必要はありません。
web-resident-you-pay-the-fee-after-the-review = 手数料は、審査が終わってから、メールでお知らせするページでお支払いいただきます。
web-resident-you-pay-the-fee-at-the-counter = 手数料は窓口でお支払いください。
web-resident-fee-bought-elsewhere = この手数料は、「用意するもの」にある納付券・証紙・印紙をお店などで購入して納めます。この申請で請求することはありません。
web-resident-fee-information-only = この手数料は、サービスを受ける場所でお支払いください。この申請で請求することはありません。
web-resident-your-application-has-arrived = 申請が到達しました
web-resident-your-application-is-saved-and = 申請は受け付けてあり、消えていません。少し時間をおいて、下の「支払う」をもう一度押してください。
web-resident-your-applications = 申請の状況
web-resident-your-arrival-number = 到達番号
web-resident-your-correction-was-received = 修正を受け付けました
web-resident-your-email-address-is-confirmed = メールアドレスを確認しました。ログインしてください。
web-resident-your-identity-is-confirmed-with = マイナンバーカードで本人確認ができています。
web-resident-identity-being-confirmed-with-card = マイナンバーカードで本人確認をしています。
web-resident-your-new-password = 新しいパスワード
web-resident-your-new-password-is-set-other = 新しいパスワードを設定しました。ほかの端末でのログインは終了しました。
web-resident-choose-your-new-password-other = 新しいパスワードを決めてください。設定すると、ほかの端末でのログインは終了します。
web-resident-decided-together-after-the = 受付期間の終了後にまとめて決定します
web-resident-enter-the-email-address-you = 登録したメールアドレスを入力してください。新しいパスワードを決めるページのリンクをお送りします(1時間有効)。
# $email (Text) the address the resident registered
web-resident-account-confirmation-sent = { $email } に確認のメールをお送りしました。メールのリンクを24時間以内に開いて、登録を終えてください。
# $email (Text) the address the resident typed
web-resident-password-reset-sent = { $email } が登録されていれば、パスワードを決めるページのリンクをお送りしました。1時間以内に開いてください。
# $amount (Text) the fee for one unit, as money-yen writes it
# $unit (Text, optional) what the fee is counted in (通, copies); $unit_singular (Text, optional) the same without a plural s
web-resident-fee-per-unit = 1{ $unit }につき{ $amount }
web-resident-fee-per-item = 品目の種類ごとに手数料がかかります。合計は送信の前に表示します。
web-resident-fee-by-answer = 手数料は申請の内容によって異なります。送信の前に表示します。
web-resident-fee-varies = 手数料は内容により異なります
web-resident-fee-charged = 有料(ここでは支払いません)
web-resident-basis = 根拠
web-resident-source-about = { $issuer }({ $seen }確認)
web-resident-source-about-document = { $issuer }、{ $document }({ $seen }確認)
web-resident-source-for-legal-basis = 根拠法令
web-resident-source-for-fee = 手数料
web-resident-source-for-refund = 還付
web-resident-source-for-and = ・
web-resident-source-for = { $of }：
web-resident-facts-reviewed = このページの内容は{ $date }に出典と照合しました。
# $date (Text) the expected decision date
web-resident-due-to-confirm = { $date }(この日数は市に確認中のため、目安です)
# $fee (Text) the fee in a line (「手数料 300円」, 「無料」)
web-resident-fee-to-confirm = { $fee }(市に確認中)
web-resident-to-confirm-label = 市に確認中
# $department (Text) the section that handles the procedure
web-resident-to-confirm = この内容は、まだ市が確認していません。確かなことは{ $department }にお問い合わせください。
# $date (Text) the day the facts were last checked against their sources
web-resident-facts-reviewed-partly = このページの内容は{ $date }に出典と照合しましたが、「市に確認中」と示した内容は、まだ市が確認していません。
web-resident-facts-partly-unconfirmed = 「市に確認中」と示した内容は、まだ市が確認していません。
web-resident-handled-by-department = この手続きは{ $department }が担当します。
# $days (Number) the standard processing period in business days
# $days (Number) the standard processing period in business days (0: the same day)
web-resident-processing-days = { $days ->
    [0] 到達した日のうちに処理します(標準処理期間)
   *[other] 到達の翌日から{ $days }開庁日以内(標準処理期間)
}
# $amount (Text) the fee, as money-yen writes it
web-resident-fee = 手数料 { $amount }
# $query (Text) what the resident searched for
web-resident-search-results = 「{ $query }」の検索結果
# $email (Text) the contact address the resident gave
web-resident-email-gate-intro = ログインせずに申請するときは、連絡先のメールアドレス({ $email })を確認します。6桁の確認コードをメールでお送りしますので、下に入力してください。
# HTML (shown as it is, with its link).
# $hours (Number) how long a draft is kept after its last save; $button (Text) the words of the step's button that saves
web-resident-draft-note = 「{ $button }」を押すと、入力した内容が保存されます。保存した内容は、最後に保存してから{ $hours }時間で消えます。途中でやめるときは、<a href="/my">申請の状況</a>から続きのリンクをメールで受け取れます。
# $count (Number) how many procedures the search found
web-resident-found-count = { $count ->
    [0] 見つかりませんでした。
   *[other] { $count }件見つかりました。
}
# $date (Text) the expected date, as date-format writes it
web-resident-expected-decision = 今送信した場合、審査の目安は { $date }です。
web-resident-handled-by-line = 担当：{ $department }
web-resident-from-the-office-line = 担当からのお知らせ：{ $message }

## Identity announced on the procedure page, before step 1
web-resident-need-card = 送信の前に、マイナンバーカードで本人確認をします。始める前に確認しておくこともできます。
web-resident-card-confirmed-already = マイナンバーカードで本人確認をしています。
web-resident-need-account = 送信するにはログインが必要です。始める前に、ログインするか利用者登録をしてください。入力した内容はそのまま残ります。
web-resident-need-email-code = アカウントは不要です。送信の前に、入力したメールアドレスに届く確認コードを入力します。
web-resident-or-sign-in-first = アカウントをお持ちの方はログインしてから始められます
web-resident-need-nothing = オンラインで送る前の本人確認はありません。
web-resident-start-as-you-are = このまま始められます。
web-resident-need-account-met = このまま始めて送信できます。
web-resident-applications-of-your-account = ログインしているアカウントで申請した手続と、このブラウザから申請した手続です。

## Statuses and the status look-up
web-resident-approved-pay-the-fee = 認められました。手数料をお支払いください
web-resident-status-key = 状況の確認用コード
web-resident-status-key-hint = 到達番号とこのコードで、アカウントがなくても、ほかの端末からでも状況を確認できます。控えておいてください(他の人には知らせないでください)。到達のお知らせメールにも書いてあります。
web-resident-status-lookup = 申請の状況の確認
web-resident-status-lookup-intro = 受付票または到達のお知らせメールにある到達番号と確認用コードを入力すると、申請の状況を確認できます。アカウントは不要です。表示するのは手続の名前、日付と状況だけです。
web-resident-status-key-where = 受付票または到達のお知らせメールにある英数字12文字(例の形: ABCD-EFGH-JKMN)
web-resident-show-the-status = 状況を見る
web-resident-decided-on = 決定日時
web-resident-status-lookup-more = 入力した内容や決定通知書は、申請したブラウザの「申請の状況」か、メールでお知らせしたページで確認できます。
web-resident-look-up-another = ほかの申請を確認する

## Purpose of use of the personal data (利用目的), before the first step
web-resident-purpose-of-use = 個人情報の利用目的
web-resident-privacy-notice-link = 個人情報の取扱いについて
# $department the section that handles the procedure; $title the procedure
web-resident-purpose-of-use-default = 入力いただく個人情報は、{ $department }が「{ $title }」の手続(審査、結果のお知らせ、お問い合わせへの回答)のために利用します。

## Accessibility statement and privacy notice (/accessibility)
web-resident-statement-title = アクセシビリティと個人情報の取扱い
web-resident-statement-accessibility = アクセシビリティ方針
web-resident-statement-target = このオンライン窓口は、高齢の方、障害のある方、スマートフォンだけをお使いの方を含め、誰もが手続できるよう、日本産業規格 JIS X 8341-3:2016 の適合レベル AA を目標に作っています。
web-resident-statement-standard-key = 規格
web-resident-statement-level-key = 目標とする適合レベル
web-resident-statement-degree-key = 対応度
web-resident-statement-degree = AA に配慮
web-resident-statement-scope-key = 対象範囲
web-resident-statement-scope = 住民向けのページ(手続の一覧と案内、申請の入力、確認、受付票、申請の状況、ログインと利用者登録、状況の確認、このページ)
web-resident-statement-tech-key = 依存するウェブコンテンツ技術
web-resident-statement-degree-why = 「準拠」「一部準拠」と表記するには、規格の附属書 JB の試験方法に沿って、すべての達成基準を試験する必要があります。下の自動試験はその一部にあたるため、対応度は「配慮」としています。
web-resident-statement-waic = ウェブコンテンツの JIS X 8341-3:2016 対応度表記ガイドライン(ウェブアクセシビリティ基盤委員会)
web-resident-statement-method = 試験の方法
web-resident-statement-axe = 幅 320 px のスマートフォンの画面で、住民の申請から職員の決定までを実際のブラウザ(Chromium)で操作し、表示したすべてのページで axe-core の WCAG 2.0/2.1 レベル A・AA の規則を確認しています。
web-resident-statement-reflow = 同じ操作のなかで、どのページも幅 320 px で横にスクロールしないこと(リフロー)を確認しています。
web-resident-statement-no-js = JavaScript を使わなくても、手続の入力から送信、受付票、状況の確認まで進めることを確認しています。
web-resident-statement-errors = 入力に誤りがあったとき、誤りの一覧にフォーカスが移り、各項目へ移動できることを確認しています。
web-resident-statement-results = 試験の結果
web-resident-statement-results-text = 変更のたびに自動でこれらの試験を行い、axe-core の違反や横スクロールが1件でもあれば失敗とします。
web-resident-statement-not-yet = 自動の試験で見つかるのは問題の一部です。スクリーンリーダー(VoiceOver、NVDA)を使う方との試験は、まだ行っていません。
web-resident-privacy-title = 個人情報の取扱い
web-resident-privacy-what = 集める情報: 手続ごとの質問への回答、連絡先のメールアドレス、添付したファイル、ログインした場合はそのアカウント。
web-resident-privacy-purpose = 利用目的: 各手続のページと最初の入力ページに書いてあります。送信した申請には、利用目的を表示した日時を記録します。
web-resident-privacy-kept = 保管: 送信しなかった入力途中の内容は、最後の保存から24時間で消去します。送信した申請は、手続ごとに定められた保存期間、市が保管します。
web-resident-privacy-my-number = マイナンバー(個人番号)は暗号化して保存し、表示するときは一部を隠します。
web-resident-privacy-cookies = クッキー: 表示する言語、ふりがなの表示、入力途中の内容とログインの状態(24時間)、送信の確認用、状況の確認用コードの表示(24時間)のために使います。広告や利用状況の分析には使いません。
web-resident-statement-contact-title = お問い合わせ
web-resident-statement-contact = このページの内容、使いにくい点、個人情報の取扱いについては、各手続のページに書かれた担当課にお問い合わせください。申請についてのお問い合わせには到達番号をお伝えください。
# $count (Number) how many procedures a category holds
web-resident-procedure-count = { $count }件
# the home page's list of life events, above the links
web-resident-life-events = できごとから探す

## Answers filled in for a signed-in resident (項目の自動入力)
web-resident-filled-from-identity = マイナンバーカードで確認された情報から入力しました。違っているとき、またはほかの方について申請・届出をするときは書き直してください。
web-resident-filled-from-profile = アカウントに登録した情報から入力しました。違っているとき、またはほかの方について申請・届出をするときは書き直してください。
web-resident-filled-from-last-filing = 前回の申請での回答から入力しました。違っているとき、またはほかの方について申請・届出をするときは書き直してください。
web-resident-filled-mark-identity = マイナンバーカードで確認した情報
web-resident-filled-mark-profile = アカウントの登録情報から自動入力
web-resident-filled-mark-last-filing = 前回の申請から自動入力
web-resident-your-details = フォームに自動で入力する情報
web-resident-your-details-intro = ここに登録した情報は、申請フォームの同じ意味の質問(申請者の氏名、フリガナ、生年月日、郵便番号、住所、電話番号)に最初から入力されます。フォームでは入力された内容を確認し、変えることができます。メールアドレスはアカウントのものを使います。前回の申請での回答も、次の申請で同じ質問に入力されます。
web-resident-your-details-none = まだ登録されていません。
web-resident-change-your-details = 自動で入力する情報を変更する
web-resident-save-your-details = 保存する
web-resident-your-details-saved = 自動で入力する情報を保存しました。
web-resident-your-details-clear-hint = 消したい項目は空欄にして保存してください。すべて空欄にすると、登録した情報は削除されます。
web-resident-privacy-prefill = ログインして申請するときは、マイナンバーカードで本人確認をした場合はその情報(氏名、生年月日、郵便番号、住所。本人確認が有効な間だけ保存します)、アカウントのページに登録した情報(氏名、フリガナ、生年月日、郵便番号、住所、電話番号)とアカウントのメールアドレス、そしてこれまでの申請での回答を、次の申請の同じ意味の質問に最初から入力します。入力した質問にはそのことが書かれ、送信する前に変えられます。登録した情報はアカウントのページでいつでも変更・削除できます。ほかの市町村の手続に使われることはありません。
# The receipt page's heading once the office has decided (or the resident withdrew)
web-resident-heading-approved = 申請が認められました
web-resident-heading-rejected = 申請は認められませんでした
web-resident-heading-closed = 手続が完了しました
web-resident-heading-withdrawn = 申請を取り下げました
# The note or reasons the office wrote with its decision, under the receipt's heading
web-resident-note-with-the-decision = 担当からのお知らせ
web-resident-reasons-for-the-decision = 理由
# "What happens next" once decided
web-resident-save-the-decision-notice = 決定通知書(PDF)を保存してください。
web-resident-the-result-reaches-you = 結果(証明書など)は手続の案内のとおりお届けします。
web-resident-the-notice-says-how-to-appeal = 不服がある場合の申立ての方法は、決定通知書に書いてあります。
web-resident-nothing-more-to-do = この申請について、あなたがすることはもうありません。
web-resident-alike-title = 同じ申請がすでに受付中です
web-resident-alike-flagged = この手続で、同じ方について同じ内容の申請を、あなたからすでに受け付けています。このまま送ると、担当課で両方を確かめることになります。先の申請を直したい場合は、その受付票に書かれた担当課にお問い合わせください。このまま送ることもできます。
web-resident-alike-void = この手続では、先の申請が受付中の間は、同じ方について二つ目の申請はできません。先の申請の結果をお待ちいただくか、その受付票から取り下げてから申請してください。
web-resident-alike-item = { $date }受付、{ $state }
web-resident-alike-not-sent = 上の申請が受付中のため、この申請は送れません。
