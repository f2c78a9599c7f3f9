### The web pages (fields): words a page shows, by id (madoguchi-web).

web-fields-add-another = 追加する
web-fields-attach = 添付する
web-fields-change = 変更する
web-fields-choose-a-file-pdf-jpeg-png-or = ファイルを選ぶ(PDF・JPEG・PNG・HEIC、1ファイル10MBまで)
web-fields-day = 日
web-fields-era = 元号・西暦
web-fields-error = エラー:
# Before a warning under a field: an answer that is accepted but worth knowing about.
web-fields-warning = 注意:
web-fields-find-address = 住所を検索
web-fields-no-address-was-found-for-this = この郵便番号の住所は見つかりませんでした。
web-fields-part-of-the-address-was-filled = 住所の一部を入力しました。続きを入力してください。
web-fields-remove = 削除する
web-fields-select = 選ぶ
web-fields-send-this-document-as-the = 書類は担当課の案内に従って提出してください。
web-fields-sometimes-required = 条件により必須
web-fields-year = 年(元年は「元」、西暦は4桁)
web-fields-year-western = 年(西暦)
web-fields-yen = 円
# $item (Text, optional) what an item of the list is called; $item_lower (Text, optional) the same in lower case
web-fields-add-item = { $item }を追加する
# $question (Text) the label of the question the answer was given to; $choices (Text) the choices that make this question apply, each in 『』, joined by 「または」
web-fields-only-if-chose = 『{ $question }』で{ $choices }を選んだ方のみ答えてください。
# $question (Text) the label of the question the answer was given to; $choices (Text) the choices that do not make this question apply, each in 『』, joined by 「または」
web-fields-only-if-chose-other-than = 『{ $question }』で{ $choices }以外を選んだ方のみ答えてください。
# $question (Text) the label of the question
web-fields-only-if-answered = 『{ $question }』に答えた方のみ答えてください。
# $first (Text) one choice, quoted; $second (Text) the choices after it, quoted
web-fields-choice-or = { $first }または{ $second }
# $item (Text) the item added, with its number (子ども3)
web-fields-item-added = { $item }を追加しました。
# $list (Text) the list an item was removed from
web-fields-item-removed = { $list }から1件削除しました。
