### The web pages (counter): words a page shows, by id (madoguchi-web).

web-counter-an-identity-document-my-number = 本人確認書類(マイナンバーカード、運転免許証、パスポート、在留カードなど)と、各手続の案内にある書類をお持ちください。
web-counter-at-the-counter = 窓口での手続
web-counter-continue = 入力を続ける
web-counter-counter-code = 受付コード
web-counter-counter-open-a-pre-entry = 窓口受付(事前入力の読み取り)
web-counter-open-a-pre-entry-heading = 窓口受付:事前入力の読み取り
web-counter-each-procedure-is-now-in-its = 各手続は担当課の受付一覧に入りました。到達番号を申請者に伝えてください(メールアドレスの入力があれば、受付メールも送られます)。
web-counter-filed = 受付済み
web-counter-for-example-7kqm2-xdp9r-a-qr = 例: 7KQM2-XDP9R(QRコードリーダーはこの欄に読み取ります)
web-counter-i-have-checked-the-applicants-or = 申請者(または代理人)の本人確認をし、内容を申請者と確かめました
web-counter-identity-document-checked = 確認した本人確認書類
web-counter-if-it-cannot-be-scanned-tell-the = 読み取れないときは、このコードを職員に伝えてください。
web-counter-none-yet-choose-file-at-the = まだありません。手続の確認画面で「窓口で手続する」を選ぶと、ここに加わります。
web-counter-not-complete-it-will-not-be = 入力が終わっていないため受け付けられません
web-counter-not-finished = 入力が終わっていません
web-counter-open = 開く
web-counter-open-another-code = 別のコードを読み取る
web-counter-pre-entry = 事前入力の内容
web-counter-procedures-filed-and-their = 受け付けた手続と到達番号
web-counter-procedures-prepared = 準備した手続
web-counter-qr-code-for-the-counter = 窓口で読み取るQRコード
web-counter-ready = 入力済み
web-counter-ready-to-file = 受付できます
web-counter-remove = 外す
web-counter-scan-the-qr-code-on-the = 申請者のスマートフォンのQRコードを読み取るか、表示されている10文字のコードを入力してください。
web-counter-show-a-new-code = 新しいコードを表示する
web-counter-show-the-qr-code-on-this-page-at = 窓口でこの画面のQRコードを見せてください。職員が読み取ると、入力した内容で手続を受け付けます。申請書を書く必要はありません。
web-counter-start = 入力を始める
web-counter-the-code-holds-no-personal = このコードには、氏名や住所などの個人情報は入っていません。
web-counter-they-start-with-the-name-address = 入力した氏名・住所などを使って始められます。必要なものだけ選んでください。
web-counter-what-to-bring = 窓口に持っていくもの
web-counter-you-can-prepare-these-too = 続けて準備できる手続
web-counter-you-have-not-prepared-anything = まだ準備した手続はありません。手続の入力を終えて確認画面で「窓口で手続する」を選ぶと、窓口で見せるQRコードが表示されます。
web-counter-your-code-for-the-counter = 窓口で見せるコード
web-counter-your-code-has-expired-your = コードの有効期限が切れました。入力した内容は残っています。
# A time of the visit (a chrono pattern, Japan time).
web-counter-time-format = %-m月%-d日 %H:%M
# The identity documents a clerk checks at the counter.
# $procedure (Text) the procedure whose answers are reused
web-counter-answers-reused-from = { $procedure }の入力内容を使います
# $count (Text) how many procedures are ready to file
web-counter-file-count = 受け付ける({ $count }件)
web-counter-prepared-line = 入力日時：{ $at }
web-counter-identity-checked-with-line = 本人確認：{ $identity }
web-counter-goes-to-line = 担当：{ $department }
web-counter-valid-until-line = 有効期限：{ $date }
web-counter-entry-title = 住民に代わって入力する
web-counter-entry-intro = スマートフォンをお持ちでない方などに、聞き取りながら職員が入力します。「入力を始める」を押すと、このブラウザは新しい住民の画面になり(前に入力したものは、ここからは開けなくなります)、住民と同じ画面・同じチェックで手続を入力できます。確認画面で「窓口で手続する」を選ぶと、本人確認と受付に進めます。
web-counter-entry-start = 入力を始める
web-counter-entry-notice = 職員が住民に代わって入力しています。
web-counter-entry-choose = 手続を選ぶ
web-counter-entry-open = 本人確認と受付に進む
web-counter-entry-next = 次の方の入力を始める
