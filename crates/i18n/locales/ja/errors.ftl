### Error messages by error code (madoguchi-core ErrorCode): a title, then what to do.
### The code is the contract; the words may change.

error-not-found-title = ページが見つかりません
error-not-found-todo = 入力したアドレスが正しいか確認するか、手続の一覧から探してください。

error-method-not-allowed-title = この操作はできません
error-method-not-allowed-todo = 前のページに戻り、ボタンから操作してください。

error-payload-too-large-title = 送信された内容が大きすぎます
error-payload-too-large-todo = 入力内容を短くして、もう一度送信してください。
error-request-timeout-title = 送信に時間がかかりすぎたため、受け付けられませんでした
error-request-timeout-todo = 通信環境を確認して、もう一度送信してください。大きなファイルは、速い回線で送ってください。

error-malformed-request-title = 送信された内容を読み取れませんでした
error-malformed-request-todo = ページを開き直して、もう一度入力してください。
error-ambiguous-request-title = 送信された内容が、2通り以上に読み取れるものでした
error-ambiguous-request-todo = ページを開き直して、それぞれの項目を1回ずつ入力し、もう一度送信してください。

error-unsupported-media-type-title = この形式の送信には対応していません
error-unsupported-media-type-todo = ページのフォームから送信してください。

error-csrf-failed-title = ページの有効期限が切れました
error-csrf-failed-todo = 安全のため送信を受け付けませんでした。ページを開き直して、もう一度送信してください。

error-validation-failed-title = 入力内容に誤りがあります
error-validation-failed-todo = 表示された項目を直して、もう一度送信してください。

error-idempotency-key-missing-title = 送信番号がありません
error-idempotency-key-missing-todo = 確認ページを開き直して、送信ボタンを押してください。

error-idempotency-key-reused-title = この送信は別の内容で既に使われています
error-idempotency-key-reused-todo = 確認ページを開き直してから送信してください。

error-draft-missing-title = 入力内容が見つかりません
error-draft-missing-todo = 時間が経ったため入力内容が削除された可能性があります。最初から入力してください。

error-login-failed-title = ログインできませんでした
error-login-failed-todo = ログインIDとパスワードを確認して、もう一度入力してください。

error-login-required-title = ログインが必要です
error-login-required-todo = ログインしてから操作してください。

error-too-many-attempts-title = ログインの失敗が続いたため、受付を止めています
error-too-many-attempts-todo = 15分ほど待ってから、もう一度ログインしてください。分からないときはシステム管理者に連絡してください。
error-rate-limited-title = お使いの接続からの要求が多すぎます
error-rate-limited-todo = 1分ほど待ってから、もう一度お試しください。職場や学校など多くの人と同じ接続を使っているときは、その管理者に相談してください。

error-code-invalid-title = 確認コードが正しくありません
error-code-invalid-todo = 認証アプリに表示されている6桁の数字を入力してください。一度使ったコードは使えません。次のコードが表示されるまで待ってから入力してください。

error-invalid-transition-title = この申請は既に処理されています
error-invalid-transition-todo = 一覧に戻って最新の状態を確認してください。

error-reason-required-title = 理由を入力してください
error-reason-required-todo = 却下・補正依頼・期間延長には、申請者に伝える理由を入力してください。

error-reason-too-long-title = 理由が長すぎます
error-reason-too-long-todo = 理由は2,000文字以内で入力してください。

error-forbidden-title = この操作をする権限がありません
error-forbidden-todo = 必要な場合は、所属の管理職に依頼してください。

error-correction-fields-missing-title = 直してもらう項目を選んでください
error-correction-fields-missing-todo = 補正を依頼する項目に1つ以上チェックを入れ、直し方を入力してください。

error-deadline-invalid-title = 期限の日付を確認してください
error-deadline-invalid-todo = 期限は明日から90日後までの日付を入力してください。

error-extension-invalid-title = 延長する日数を確認してください
error-extension-invalid-todo = 延長は1〜60開庁日で、理由を入力してください。

error-assignee-invalid-title = 割り当てる担当者を選んでください
error-assignee-invalid-todo = 同じ課(区)の担当者の中から選んでください。

error-password-weak-title = このパスワードは使えません
error-password-weak-todo = 12文字以上で、推測されにくいものにしてください(文章のようなものがおすすめです)。記号の組み合わせは必要ありません。

error-login-taken-title = このログインIDは使われています
error-login-taken-todo = 別のログインID(職員のメールアドレスなど)を入力してください。

error-staff-invalid-title = 入力内容を確認してください
error-staff-invalid-todo = ログインID(メールアドレスの形)、氏名、所属、区、役割を確認してください。

error-staff-self-title = 自分のアカウントは停止・降格できません
error-staff-self-todo = 別のシステム管理者に依頼してください。

error-export-too-large-title = 件数が多すぎて出力できません
error-export-too-large-todo = 期間を短くして(1か月ずつなど)、もう一度出力してください。

error-selection-invalid-title = 申請を選んでください
error-selection-invalid-todo = 一覧のチェックボックスで申請を1件以上(1回に200件まで)選んでから、もう一度押してください。

error-export-mixed-procedures-title = CSVは手続ごとに出力します
error-export-mixed-procedures-todo = 選んだ申請に複数の手続が含まれています。手続で絞り込んでから選ぶか、形式にJSONを選んでください。

error-file-name-invalid-title = ファイル名を確認してください
error-file-name-invalid-todo = ファイルを選び直してください(ファイル名は200文字以内で、フォルダ名や記号「/」「\」を含まないもの)。

error-file-type-not-allowed-title = この種類のファイルは添付できません
error-file-type-not-allowed-todo = PDF、JPEG、PNG、HEIC(iPhoneの写真)のいずれかを選んでください。書類はスマートフォンで撮影した写真でもかまいません。

error-file-too-large-title = ファイルが大きすぎます
error-file-too-large-todo = 1ファイル10MB以内、1つの申請で合計30MB以内にしてください。写真は解像度を下げるか、ページを分けてください。

error-too-many-files-title = ファイルが多すぎます
error-too-many-files-todo = 1つの書類につき5ファイルまでです。不要なファイルを削除するか、1つのPDFにまとめてください。

error-file-rejected-title = このファイルは受け付けられません
error-file-rejected-todo = ウイルス検査で問題が見つかりました。書類をもう一度スキャンするか撮影し直して、新しいファイルを添付してください。

error-counter-code-invalid-title = 受付コードを読み取れません
error-counter-code-invalid-todo = QRコードをもう一度読み取るか、スマートフォンに表示された10文字のコード(例: 7KQM2-XDP9R)を入力してください。

error-counter-code-expired-title = 受付コードの有効期限が切れています
error-counter-code-expired-todo = 申請者のスマートフォンの「窓口での手続」画面で「新しいコードを表示する」を押してもらい、新しいコードを読み取ってください。入力内容は残っています。

error-counter-filed-title = この事前入力はすでに受け付けられています
error-counter-filed-todo = 受け付けた手続の到達番号は、この画面の「受付済み」欄で確認できます。

error-counter-nothing-ready-title = 受け付けられる手続がありません
error-counter-nothing-ready-todo = 入力が終わっていない手続は受け付けられません。申請者にスマートフォンで入力を終えてもらうか、申請書に記入してもらってください。

error-identity-unchecked-title = 本人確認書類を選んでください
error-identity-unchecked-todo = 確認した書類(マイナンバーカード、運転免許証など)を選び、「本人確認をしました」にチェックを入れてください。

error-fee-unpaid-title = 手数料がまだ支払われていません
error-fee-unpaid-todo = 支払いが確認できてから決定(交付)してください。支払いの状況は申請の画面の「手数料」で確認できます。

error-payment-unavailable-title = 支払いの画面につながりません
error-payment-unavailable-todo = 申請は受け付けてあり、消えていません。少し時間をおいて、「支払う」をもう一度押してください。

error-identity-required-title = マイナンバーカードでの本人確認が必要です
error-identity-required-todo = この手続は、マイナンバーカードで本人確認をしてから申請できます。「マイナンバーカードで本人確認する」を押してください。入力した内容は消えません。

error-sign-in-failed-title = 本人確認ができませんでした
error-sign-in-failed-todo = 本人確認をやり直してください。取り消した場合や、時間がたちすぎた場合も、もう一度はじめからお試しください。

error-sign-in-unavailable-title = 本人確認のサービスにつながりません
error-sign-in-unavailable-todo = 入力した内容は消えていません。少し時間をおいて、もう一度お試しください。
error-external-check-unavailable-title = 回答を確認するシステムにつながりません
error-external-check-unavailable-todo = 申請は送られていません。しばらくしてから、もう一度お試しください。

error-email-invalid-title = メールアドレスを確認してください
error-email-invalid-todo = taro@example.jp のように、@ のあるメールアドレスを入力してください。

error-link-expired-title = このリンクは使えません
error-link-expired-todo = リンクは一度だけ、保存期限までの間使えます。期限が過ぎたか、すでに使われています。もう一度はじめから入力してください。

error-sign-in-required-title = ログインが必要です
error-sign-in-required-todo = この手続は、利用者登録(アカウント)をして、ログインしてから申請します。「ログインする」を押してください。入力した内容は消えません。

error-email-unconfirmed-title = メールアドレスの確認が必要です
error-email-unconfirmed-todo = 申請の前に、連絡先のメールアドレスにお送りする6桁の確認コードを入力してください。入力した内容は消えません。

error-email-code-invalid-title = 確認コードが正しくありません
error-email-code-invalid-todo = メールに書かれた6桁の数字を入力してください。コードは30分間、5回まで試せます。合わないときは「コードを送り直す」を押してください。

error-account-unverified-title = メールアドレスの確認がまだです
error-account-unverified-todo = 登録したメールアドレスに、確認のリンクをもう一度お送りしました。メールのリンクを開いてから、ログインしてください。

error-account-login-failed-title = ログインできませんでした
error-account-login-failed-todo = メールアドレスとパスワードを確認して、もう一度入力してください。パスワードを忘れたときは「パスワードを忘れた方」から設定し直せます。

error-status-lookup-failed-title = 到達番号か確認用コードが違います
error-status-lookup-failed-todo = 受付票または到達のお知らせメールにある到達番号と確認用コード(英数字12文字)を確かめて、もう一度入力してください。
error-status-lookup-throttled-title = 照会の失敗が続いたため、受付を止めています
error-status-lookup-throttled-todo = 15分ほど待ってから、もう一度お試しください。確認用コードが分からないときは、担当の窓口に到達番号をお伝えください。
error-account-throttled-title = ログインの失敗が続いたため、受付を止めています
error-account-throttled-todo = 15分ほど待ってから、もう一度お試しください。パスワードを忘れたときは「パスワードを忘れた方」から設定し直せます。

error-procedure-id-invalid-title = 手続IDを確認してください
error-procedure-id-invalid-todo = 半角の英小文字・数字・ハイフンで、3〜60文字にしてください。例: inu-sanpo-kyoka

error-procedure-id-taken-title = この手続IDはすでに使われています
error-procedure-id-taken-todo = ほかの手続と重ならないIDにしてください。

error-definition-invalid-title = 公開できません
error-definition-invalid-todo = チェックで見つかった問題をすべて直して保存してから、公開してください。

error-api-token-invalid-title = APIトークンが正しくありません
error-api-token-invalid-todo = 課の担当者に、有効なトークンを発行してもらってください。トークンは「Authorization: Bearer」で送ります。

error-api-token-read-only-title = このAPIトークンは読み取り専用です
error-api-token-read-only-todo = 変更するには、書き込みのできるトークンを使ってください。

error-token-name-invalid-title = 名前を確認してください
error-token-name-invalid-todo = どのシステムが使うかわかる名前を、1〜60文字で入力してください。

error-webhook-url-invalid-title = 送信先URLを確認してください
error-webhook-url-invalid-todo = https:// で始まるURLを入力してください(試験環境の http://127.0.0.1 を除く)。

error-webhook-events-missing-title = 通知するできごとを選んでください
error-webhook-events-missing-todo = 少なくとも1つ選んでください。

error-procedure-retired-title = この手続の受付は終了しました
error-procedure-retired-todo = ほかの手続をお探しください。わからないときは担当課にお問い合わせください。

error-import-invalid-title = 手続の定義として読み取れません
error-import-invalid-todo = 書き出した form.json の内容をそのまま貼り付けてください(procedure.id が必要です)。

error-service-unavailable-title = ただいま混み合っています
error-service-unavailable-todo = 今回送った内容は保存されていません(それまでに保存された内容は残っています)。ブラウザーの「戻る」で入力した画面に戻り、少し時間をおいて、もう一度送信してください。

error-internal-title = システムでエラーが発生しました
error-internal-todo = ご迷惑をおかけしています。少し時間をおいて、もう一度お試しください。

## Bookings
error-slot-full-title = この時間は満員です
error-slot-full-todo = ほかの日時を選んでください。空きのある日時を一覧に示しています。
error-slot-closed-title = この日時は受け付けていません
error-slot-closed-todo = 一覧に示している理由で休みです。ほかの日時を選んでください。
error-slot-out-of-window-title = この日時は今は予約できません
error-slot-out-of-window-todo = 過ぎた日時や、受付期間の前または締切の後の日時です。一覧から予約できる日時を選んでください。
error-booking-limit-title = 予約できる数を超えています
error-booking-limit-todo = すでにお持ちの予約を変更するか取り消してから、もう一度予約してください。
error-hold-expired-title = 確保していた枠の期限が切れました
error-hold-expired-todo = 同じ枠に空きがあれば、そのまま送ると予約できます。満員のときはほかの日時を選んでください。
