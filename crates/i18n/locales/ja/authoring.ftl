### The procedure editor (madoguchi-app, authoring): what an author reads about the
### structure of a procedure, and the messages at the editor's fields.

## States of a procedure

authoring-status-draft = 下書き
authoring-status-published = 公開中
authoring-status-retired = 受付終了

## Kinds of question

authoring-kind-text = 文字(1行)
authoring-kind-textarea = 文章(複数行)
authoring-kind-katakana = カタカナ
authoring-kind-email = メールアドレス
authoring-kind-phone = 電話番号
authoring-kind-postal-code = 郵便番号
authoring-kind-date = 日付
authoring-kind-wareki-date = 日付(和暦か西暦を選んで入力)
authoring-kind-integer = 数(整数)
authoring-kind-money = 金額(円)
authoring-kind-radios = 選択(1つ・ボタン)
authoring-kind-select = 選択(1つ・一覧)
authoring-kind-checkboxes = 選択(いくつでも)
authoring-kind-yes-no = はい/いいえ
authoring-kind-consent = 同意のチェック
authoring-kind-file = 書類の添付(PDF・画像)
authoring-kind-address = 住所(都道府県から建物名まで)
authoring-kind-repeat = 繰り返す質問のまとまり(お子さんごと など)
authoring-kind-not-in-item = この種類の質問は、繰り返す質問のまとまりの中には置けません。ほかの種類を選ぶか、まとまりの外の手順に追加してください。
# The parts of an address question the structured editor writes.
authoring-address-prefecture = 都道府県
authoring-address-city = 市区町村
authoring-address-town = 町名・丁目
authoring-address-block = 番地・号
authoring-address-building = 建物名・部屋番号

## When the fee is paid

authoring-fee-on-submission = 申請のときにオンラインで支払う
authoring-fee-after-approval = 承認されたあとにオンラインで支払う
authoring-fee-at-counter = 窓口で支払う
authoring-fee-bought-elsewhere = 別の場所で買う納付券・証紙・印紙で納める(ここでは請求しない)
authoring-fee-information-only = 別の相手やサービスを受ける場所で支払う(フォームは金額を案内するだけ)
# 編集画面で手数料を設定したとき、定義に書き込む(市の言語で)。
authoring-fee-to-confirm = 手続きエディタで設定: 金額と納付方法を手数料条例で確認し、出典を書いてください。
authoring-refund-to-confirm = 手続きエディタで設定: 却下・取下げのときに納付済みの手数料を還付するかを確認し、出典を書いてください。
authoring-legal-basis-to-confirm = 手続きエディタで設定: 根拠の条項を法令・条例で確認し、出典を書いてください。
authoring-processing-days-to-confirm = 手続きエディタで設定: 市が定めた標準処理期間を確認し、出典を書いてください。

## Conditions

# A condition written in JSON that the editor cannot show as a choice.
authoring-condition-json = JSON で設定した条件
# $question the earlier question's label; $answer the answer that shows this one
authoring-condition = 「{ $question }」が「{ $answer }」
authoring-answer-yes = はい
authoring-answer-no = いいえ
# Written into the procedure as the note of a field required under a condition.
# $condition an authoring-condition
authoring-required-when = { $condition }の場合は必須
authoring-condition-wrong = 表示する条件は、この質問より前にある選択式の質問とその答えから選んでください。
# $question the question shown under a condition; $other the question it depends on
authoring-condition-missing = 「{ $question }」の表示条件が質問「{ $other }」を使っています。先に表示条件を外してください。
authoring-condition-before = 「{ $question }」は「{ $other }」の答えで表示が決まるため、「{ $other }」より前には置けません。
# $condition an authoring-condition
authoring-condition-answer = 「{ $question }」は{ $condition }のときに表示します。その答えを残すか、先に表示条件を変えてください。

## Messages at the editor's fields

authoring-not-json = 作業中の定義が JSON として読めないため、ここでは編集できません。「JSON で編集」で直してください。
authoring-step-id-invalid = 手順のIDは、半角の英小文字・数字とハイフン(-)で40文字以内にしてください(check と submit は使えません)。例: dog-details
authoring-step-id-taken = 手順のID「{ $id }」はすでに使われています。別のIDにしてください。
authoring-step-not-empty = この手順にはまだ質問があります。質問をほかの手順へ移すか削除してから、手順を削除してください。
authoring-identity-choose = 本人確認の方法を一覧から選んでください。
authoring-processing-days-invalid = 標準処理期間は、0から365までの半角数字(開庁日の日数)で入力してください。決まっていないときは空にしてください。
authoring-legal-basis-missing = 根拠となる法令や条例を入力してください。例: 狂犬病予防法 第4条
authoring-fee-amount-invalid = 手数料の額は、0以上の半角数字(円)で入力してください。例: 300
authoring-fee-timing-choose = 支払いの時期を一覧から選んでください。
authoring-fee-quantity-choose = 数量を答える質問は、この手続の「数(整数)」の質問から選んでください(1件ごとの手数料なら「数量を問わない」を選びます)。
authoring-kind-choose = 質問の種類を一覧から選んでください。
authoring-step-choose = 質問を置く手順を一覧から選んでください。
authoring-key-invalid = 質問のキーは、半角の英小文字で始め、英小文字・数字・アンダースコア(_)だけで40文字以内にしてください。例: dog_name
authoring-key-taken = 質問のキー「{ $key }」はこの手続ですでに使われています。別のキーにしてください。
authoring-question-in-settings = この質問は手続の設定(お知らせを送るメールアドレス、申請者の氏名、手数料の数量など)で使われているため、削除できません。「JSON で編集」で設定を変えてから削除してください。
authoring-question-in-choice = この質問は選択肢ごとに分かれる質問(JSON の oneOf / anyOf)の中にあるため、「JSON で編集」で変更してください。
# $what authoring-thing-step or authoring-thing-question
authoring-not-found = この{ $what }は見つかりませんでした。ほかの画面で変更された可能性があります。ページを読み込み直してください。
authoring-thing-step = 手順
authoring-thing-question = 質問
# $at a JSON pointer in the definition
authoring-shape = 定義の { $at } の形が想定と違うため、ここでは変更できません。「JSON で編集」で直してください。

## The choices of a choice question, one a line ("value | 日本語 | English")

# $problem one of authoring-options-…
authoring-options = 選択肢: { $problem } 書き方は「値 | 日本語 | English」で、値は半角の英小文字・数字・_・- です。
authoring-options-none = 選択肢を1行に1つ書いてください。
# $line (Number) the line with a mistake
authoring-options-line = { NUMBER($line, useGrouping: "false") }行目を直してください。
# $value the value used twice
authoring-options-twice = 値「{ $value }」が2回あります。値は選択肢ごとに変えてください。

## Texts typed in pairs (Japanese and English)

# $name one of authoring-name-…
authoring-text-missing-ja = { $name }(日本語)を入力してください。
authoring-text-missing-en = { $name }(英語)を入力してください。
authoring-text-one-language = { $name }は日本語と英語の両方を書くか、両方とも空にしてください。
authoring-name-title = 手続の名前
authoring-name-summary = 手続の説明
authoring-name-who-may-file = 申請できる方
authoring-name-what-to-prepare = 用意するもの
# $name (Text) the list's name; $ja (Number) lines in Japanese; $en (Number) lines in English
authoring-lines-differ = { $name }は1行に1つずつ、日本語と英語で同じ数の行を書いてください(日本語 { $ja }行、英語 { $en }行)。
authoring-name-result-delivery = 結果の受け取り方
# $name one of authoring-name-…; $text the template's text still there
authoring-lint-placeholder = { $name }がテンプレートの文のままです。住民が読む文に書き換えてください(今の文:「{ $text }」)
authoring-name-step-title = 手順の名前
authoring-name-label = 質問の文
authoring-name-hint = ヒント
authoring-name-unit = 手数料の単位

## The editor's own checks of a working copy, beside the forms lint

authoring-lint-id-kept = ID は `{ $id }` のままにしてください。別の手続を作るときは、この手続を複製してください
authoring-lint-department-own = 担当課はあなたの課 `{ $department }` にしてください
