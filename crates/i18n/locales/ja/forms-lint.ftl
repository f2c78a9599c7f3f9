### 手続の定義(form.json)の検査(madoguchi-forms の registry): 定義を書く人に、
### 場所(JSON ポインタ)とともに示すメッセージ。
### The lint of procedure definitions. Every problem carries its message in every language;
### the authoring pages, the authoring API and `madoguchi forms check --lang` pick one.
###
### Arguments are texts: ids, JSON pointers, numbers already written out.

## The document

forms-lint-too-large = 定義が { $bytes } バイトあります。上限は { $limit } バイトです。長い選択肢や文章を分けてください
forms-lint-not-json = JSON として正しくありません({ $line } 行 { $column } 文字目): { $error }
forms-lint-duplicate-key = このオブジェクトにキー `{ $key }` が二度あります。どちらが使われるかは読むプログラムによって変わるので、一つにしてください
forms-lint-byte-order-mark = 先頭に BOM(バイト順マーク)があります。BOM なしの UTF-8 で保存してください
forms-lint-trailing-data = JSON の値の後ろに、さらに何か書かれています。定義は一つの JSON オブジェクトにしてください
forms-lint-too-deep = 定義の入れ子が { $max } 段より深くなっています
forms-lint-format = 定義の形式に従っていません: { $error }
forms-lint-unknown-setting = 定義の形式にない項目 `{ $key }` です。ここで使える項目は次のとおりです: { $keys }
forms-lint-unknown-setting-near = 定義の形式にない項目 `{ $key }` です。`{ $near }` の誤りではありませんか?

## The schema

forms-lint-ref-outside = `{ $reference }` がこの定義の外を指しています。使えるのは定義の中への参照(#/$defs/…)だけです
forms-lint-schema-version = 使える JSON Schema は 2020-12 だけです
forms-lint-unknown-format = 不明な形式 `{ $format }` です。次のどれかを使ってください: { $formats }
forms-lint-unknown-rule = 不明なルール `{ $rule }` です。ルールは次のとおりです: { $rules }
forms-lint-pattern-invalid = パターンが正しくないか、線形時間で実行できません: { $error }
forms-lint-from-date-format = `x-from-date` は `{"{"}"from": "YYYY-MM-DD", "schema": {"{"}…{"}"}{"}"}`(と任意の `$comment`)の一覧です。スキーマの一部が適用され始める日ごとに一つ書いてください
forms-lint-from-date-day = `{ $day }` は YYYY-MM-DD で書かれた実在する日ではありません
forms-lint-from-date-order = `{ $day }` が `{ $previous }` より後ではありません。`x-from-date` の日は古い順に、同じ日を二度書かずに並べてください
forms-lint-from-date-inside = `{ $rule }` は `x-from-date` の部分の中には書けません。期間の規則はルートのスキーマに、`x-from-date` は場所ごとに一つの一覧に書いてください
forms-lint-unknown-keyword = 不明なキーワード `{ $keyword }` です。検査に使われないまま公開されてしまいます。JSON Schema 2020-12 のキーワードか、このサービスのルール(x-…)に直してください
forms-lint-unknown-keyword-near = 不明なキーワード `{ $keyword }` です。検査に使われないまま公開されてしまいます。`{ $near }` の誤りではありませんか?
forms-lint-untyped-mixed = `type` のない `{ $keyword }` に種類の違う値({ $types })が混ざっています。`type` を書くか、値を一つの種類にそろえてください
forms-lint-coerce-not-bool = `x-coerce` は true か false で書いてください
# $field: the field's name
forms-lint-latin-name-kind = `{ $field }` の `latin_name` は、氏名(文字の項目)かその読み方(`format: katakana`)にだけ付けられます。この項目から外してください
forms-lint-coerce-number = `{ $field }` は数の項目なので、`x-coerce: false`(入力を数に直さない)にすると、どの回答も受け付けられません。`x-coerce` を消すか、`type` を string にしてください
forms-lint-unknown-error-key = `errors.{ $key }` は `{ $field }` の使わないキーワードへのメッセージなので、表示されることがありません。使えるのは { $keywords } です
forms-lint-unknown-error-key-near = `errors.{ $key }` は `{ $field }` の使わないキーワードへのメッセージなので、表示されることがありません。`{ $near }` の誤りではありませんか?
forms-lint-unrendered = `{ $name }` は `{ $keyword }` の中にしかなく、画面に表示されないので、住民が入力できません。同じオブジェクトの `properties` に加えて(ラベルも付けて)ください
forms-lint-not-date-field = `{ $field }` はこの様式の日付・年月の項目ではありません(年月の項目は pattern が `^[0-9]{"{"}4{"}"}-(0[1-9]|1[0-2])$` の文字列です。`*` は繰り返しグループの各項目を表します)
# $field: the field's name; $pointer: its JSON pointer
forms-lint-past-date-window = `{ $field }` は過去の日付(生年月日や、すでにあった出来事の日)です。和暦でも西暦でも入力できるよう、`x-date-window` に `{"{"}"field": "{ $pointer }", "not_after": "today"{"}"}` を加えてください。これから先の日付のこともあるなら `"widget": "wareki-date"`、西暦だけで聞くなら `"widget": "date"` を指定してください
# $field: the field's name
forms-lint-wareki-hint = `{ $field }` は元号か西暦を選んで入力する項目ですが、ヒントが「西暦で入力」と言っています。例: 「元号(昭和・平成など)か西暦を選んで入力してください。例: 昭和60年4月1日、1985年4月1日」

## The procedure's settings

forms-lint-id = ID は半角の英小文字・数字・ハイフン(a-z、0-9、-)で書いてください
forms-lint-id-folder = ID `{ $id }` がフォルダの名前と違います
forms-lint-id-twice = ID `{ $id }` は { $file } でも使われています
forms-lint-both-languages = 日本語と英語の両方の文が必要です
forms-lint-no-step = 手順が1つ以上必要です
forms-lint-step-reserved = 手順の ID `{ $id }` は使えません(どの手続にもあるページの名前です)
forms-lint-step-id = 手順の ID `{ $id }` は半角の英小文字・数字・ハイフン(a-z、0-9、-)で書いてください
forms-lint-step-twice = 手順の ID `{ $id }` が2回使われています
forms-lint-not-email = `{ $field }` はメールアドレスの項目ではありません
forms-lint-not-field = `{ $field }` という項目はありません
forms-lint-not-postal-code = `{ $field }` は郵便番号の項目ではありません
forms-lint-offices-without-field = `routing.offices` には、その選択肢を持つ質問 `routing.office_field` が必要です
forms-lint-office-not-choice = `{ $field }` は1つを選ぶ質問(ラジオボタンかセレクト)ではありません
forms-lint-office-without-ward = `{ $field }` の `{ $option }` に区(`routing.offices`)がありません
forms-lint-office-not-option = `{ $option }` は `{ $field }` の選択肢ではありません
forms-lint-not-field-here = `{ $field }` はこの手続の項目ではありません
forms-lint-duplicates-kind = `{ $field }` は申請どうしで比べられません(ファイル、繰り返しの項目、予約、秘密の項目)。答えが一つの質問を指定してください
forms-lint-duplicates-applicant = duplicates: 申請者を特定する答えを `applicant` に書くか、申請者の氏名と生年月日に `meaning`(`applicant.name`、`applicant.birth_date`)を付けてください
forms-lint-legal-basis-my-number = この手続はマイナンバーを集めます。それを認める法令(番号法 第9条と、この手続の規定)を書いてください
forms-lint-legal-basis = 手続の根拠となる法令や条例を書いてください
forms-lint-filing-note = 事前入力の手続には、窓口に来てもらう理由と場所を書いた案内が必要です
forms-lint-no-price = `{ $field }` の `{ $option }` に金額がありません
forms-lint-not-single-choice = `{ $field }` は1つを選ぶ項目ではありません
forms-lint-not-option = `{ $value }` は `{ $field }` の選択肢ではありません
forms-lint-not-repeat = `{ $field }` は繰り返しのグループではありません
forms-lint-negative-fee = 手数料は負の額にできません
forms-lint-not-quantity = `{ $field }` は整数の項目、繰り返しのグループ、複数選択のどれでもありません
forms-lint-fee-factors = `quantity_factors` は二つ以上の回答を掛け合わせ、手数料の数量はそれだけで決まります。回答が一つなら `quantity_field` を使い、`quantity_field` や `per_item` と一緒には書かないでください
forms-lint-fee-without-amount = この手数料には金額がありません。`unit_yen`、回答による価格 (`price_by`)、品目ごとの価格 (`per_item`) のどれかを書くか、フォームで計算できない場合は `amount_text` (ja, en) に何をどこで支払うかを書いてください。どれもないと、ページには無料と表示されてしまいます
forms-lint-fee-text-and-price = `amount_text` はフォームで計算しない手数料を文章で示します。`unit_yen`、`price_by`、`per_item`、数量、`exemptions`、`online_if` は一緒に書かないか、`amount_text` をやめてフォームで計算してください
forms-lint-fee-text-online = 文章で示す手数料は計算されないため、オンラインでは請求できません (`{ $timing }`)。`at_counter`、`bought_elsewhere`、`information_only` のどれかにしてください
forms-lint-fee-text-empty = `amount_text` には日本語と英語の文章が必要です
forms-lint-address-group = `{ $target }` は、郵便番号の項目から都道府県・市区町村・町域を埋める住所のグループでなければなりません
forms-lint-pattern-message = `{ $field }` にはパターンがあります。何を入力すればよいかを `errors.pattern`(ja、en)に書いてください

## Answers taken over from another procedure

forms-lint-reuse-unknown = 回答を引き継ぐ手続 `{ $source }` がありません
forms-lint-reuse-not-field = `{ $field }` は `{ $source }` の項目ではありません
forms-lint-reuse-kind = `{ $field }`({ $kind })は `{ $source }` の `{ $from }`({ $from_kind })を引き継げません

## 事実の出典(procedure.facts)

forms-lint-fact-unsourced = `{ $fact }` に出典がありません。`facts.{ $fact }` に `sources`(題名・発行者・URL または文書番号・確認日)を書くか、市に確認する事項を `to_confirm` に書いてください
forms-lint-deadline-unsourced = `{ $field }` の期限に出典がありません。規則に `sources`(題名・発行者・URL または文書番号・確認日)を書くか、市に確認する事項を `to_confirm` に書いてください
forms-lint-rule-unsourced = `{ $field }` の `{ $rule }` 規則に出典がありません。規則に `sources`(題名・発行者・URL または文書番号・確認日)を書くか、市に確認する事項(年齢・期間・予約できる先までの日数と、確認する先)を `to_confirm` に書いてください
forms-lint-change-unsourced = { $day } からの変更に出典がありません。その項目に `sources`(題名・発行者・URL または文書番号・確認日)を書くか、市に確認する事項を `to_confirm` に書いてください
forms-lint-fact-note-empty = `to_confirm` が空です。市に確認する事項を書いてください
forms-lint-fact-empty = `sources`、`to_confirm` のどちらか(または両方)を書いてください
forms-lint-source-who = 出典には題名と発行者(`title`、`issuer`)が必要です
forms-lint-source-url = URL は空白を含まない http(s) の完全なアドレスにしてください
forms-lint-source-where = 出典を再び確認できる場所を書いてください。`url` または `document`(文書番号や条項)
forms-lint-online-if-offline = `online_if` はオンライン払いとそれ以外を選ぶ設定ですが、手数料の納付方法 `{ $timing }` はオンラインで払いません

## How a problem is shown (the file, the JSON pointer when there is one, the message)

forms-lint-problem = { $file }: { $message }
forms-lint-problem-at = { $file } の { $pointer }: { $message }

## The field model (questions, labels, steps)

forms-lint-step-unknown-field = ステップに `{ $name }` がありますが、スキーマに定義されていません。`schema.properties` に加えるか、ステップから外してください
forms-lint-no-label = 項目 `{ $name }` にラベルがありません。`ui.fields.{ $name }` に `label`(ja, en)を書いてください
forms-lint-not-on-step = プロパティ `{ $name }` がどのステップにも置かれていないため、住民が答えられません。いずれかのステップの `fields` に加えてください
forms-lint-kind-unknown = `{ $name }` のスキーマから入力の種類が分かりません。`type`(string, integer, boolean, array, object)か `widget` を書いてください
forms-lint-label-languages = `{ $name }` のラベルを日本語と英語(`ja`, `en`)の両方で書いてください
forms-lint-option-no-label = `{ $name }` の選択肢 `{ $value }` にラベルがありません。項目の `options` に `ja` と `en` で書いてください
forms-lint-order-unknown = `{ $name }` の `order` にある `{ $child }` はスキーマに定義されていません。グループの `properties` に加えるか、`order` から外してください
forms-lint-schema-invalid = スキーマが JSON Schema 2020-12 として正しくありません: { $error }
forms-lint-schema-invalid-at = スキーマが { $at } で JSON Schema 2020-12 として正しくありません: { $error }

## The life-event guide (forms/guide.json)

forms-lint-guide-invalid = ガイドの形式として正しくありません: { $error }
forms-lint-guide-event-twice = ライフイベント `{ $event }` が二度あります。イベントごとに別の id にしてください
forms-lint-guide-no-procedure = forms/ に手続 `{ $procedure }` がありません。ある手続の id を書いてください
forms-lint-guide-item = 項目には `procedure` か `elsewhere` のどちらか一方を書いてください
forms-lint-guide-no-question = このイベントに質問 `{ $question }` はありません。イベントの `questions` にある質問を書いてください

## The example submissions (forms/<id>/examples)

forms-lint-example-unreadable = 例を読めません: { $error }
forms-lint-example-not-json = 例が JSON として正しくありません: { $error }
forms-lint-examples-few = 正しい例が { $valid_min } 件以上、誤った例が { $invalid_min } 件以上必要です(いまは { $valid } 件と { $invalid } 件)
forms-lint-example-refused = 受け付けられるはずの例が `{ $code }` で受け付けられませんでした: { $message }
forms-lint-example-no-expect = 誤った例には `expect`(出るべきエラーの一覧。それぞれ `pointer` と `code`)が必要です
forms-lint-example-expect-none = 誤った例には、出るべきエラーを一つ以上書いてください
forms-lint-example-mismatch = 期待したエラーは { $want }、実際は { $got } でした
forms-lint-example-no-errors = エラーなし
forms-lint-example-warnings-mismatch = 期待した警告(`$warnings`)は { $want }、実際は { $got } でした
forms-lint-example-fee-mismatch = 例に書かれた手数料(`$fee_yen`)は { $want } 円、フォームの計算では { $got } 円です
forms-lint-example-no-warnings = 警告なし
forms-lint-example-filed-on = `$filed_on` は YYYY-MM-DD の形の日付で書いてください(書かれていたのは { $day })
forms-lint-meaning-unknown = `{ $field }` の `meaning`「{ $meaning }」は、定められた意味ではありません。{ $meanings } のどれかを使ってください
forms-lint-meaning-nested = `{ $field }` の `meaning`「{ $meaning }」: 意味を付けられるのはフォーム直下の質問だけです(グループの一部や繰り返し項目の中には付けられません)。質問全体に付けてください
forms-lint-meaning-kind = `{ $field }` の `meaning`「{ $meaning }」には { $kind } の項目が必要ですが、この項目は違います。意味を外すか、項目を直してください
forms-lint-meaning-twice = `meaning`「{ $meaning }」はすでに `{ $first }` に付いています。`{ $field }` には付けられません(一つのフォームで申請者について同じことは一度だけ聞きます)。申請者本人の質問に残してください
forms-lint-secret-not-true = `x-secret` は `true`(ほかのシステムが確かめるパスワード)と書くか、書かないでください
forms-lint-secret-nested = `{ $field }` はグループの中の秘密の質問です。秘密の質問は、ステップに置くフォームそのものの質問にしてください
forms-lint-secret-unchecked = `{ $field }` は秘密の質問ですが、どの `x-external-check` も送りません。だれも確かめないパスワードは危険なだけです。フォームの `x-external-check` で送るか、`x-secret` を消してください
forms-lint-external-check-format = `x-external-check` には `system`、`name`(ja、en)、`sends`(ポインタの一覧)、`error_field`(ポインタ)を書いてください: { $error }
forms-lint-external-check-system = `system` は運用者が設定するシステムの名前で、ケバブケース(`library`)で書いてください
forms-lint-external-check-field = `{ $field }` はフォームそのものの質問ではありません。`sends` には最上位の質問を書いてください
forms-lint-external-check-steps = `{ $field }` は最初に送る回答と別のステップにあります。確認で送る回答は、確認をおこなう一つのステップで聞いてください
forms-lint-external-check-no-secret = `sends` に秘密の質問(`"x-secret": true`)がありません。秘密を送らない確認では何も確かめられません
forms-lint-external-check-error-field = `error_field` の `{ $field }` は送る回答のひとつではありません。断られたときは送った回答のどれかに示します
forms-lint-hidden-when-required = 質問 `{ $name }` は `{ $controller }` が { $value } のとき必須ですが、その `show_if` はそのとき質問を隠すため、そう答えた住民は申請できません。`show_if` が { $value } でも成り立つようにしてください(`show_if` を書かなければスキーマの条件が使われます)
forms-lint-choice-one-branch = 選択肢(`oneOf` / `anyOf`)には選ぶ分岐が2つ以上必要です。分岐が1つなら、その質問をスキーマの properties に書いてください
forms-lint-choice-no-object = 選択肢(`oneOf` / `anyOf`)の分岐は質問のまとまりです。`properties`(と `required`)を持つオブジェクトとして書いてください
forms-lint-choice-keyword = 選択肢の分岐に書けるのは `properties` と `required` だけです。分岐の中の `{ $keyword }` は画面に反映できないため、ルートのスキーマの `allOf`(選ぶ質問についての `if` と、規則を書いた `then`)に移してください
forms-lint-choice-no-discriminator = 選択肢(`oneOf` / `anyOf`)は、どの場合かを選ぶ質問と、選んだ分岐の質問として画面に表示します。各分岐で同じ一つの質問を分岐ごとの値に固定してください(例: 一方の分岐に `"applicant_type": {"{"}"const": "person"{"}"}`、もう一方に `{"{"}"const": "company"{"}"}`)。その質問のラベルと選択肢のラベルは `ui.fields` に書きます
forms-lint-choice-value-not-offered = `{ $name }` で分岐を選びますが、`{ $name }` の定義に { $value } がありません。`enum` に加えるか、ルートの `properties` から `{ $name }` を外してください(選択肢から作られます)
forms-lint-choice-clash = `{ $name }` が二か所(分岐とルート、または二つの分岐)で異なる定義になっています。画面では一つの名前に一つの質問しか表示できないため、定義を一つにするか、別の名前にしてください
forms-lint-choice-nested = 質問のまとまりの選択肢(`oneOf` / `anyOf`)を画面に表示できるのはルートのスキーマだけです。質問やグループの中ではなくルートに移すか、どの場合かを尋ねる質問を置いて `show_if` / `if`-`then` を使ってください

## Booking questions
forms-lint-booking-nested = `{ $field }` は予約の項目ですが、グループや繰り返しの中にあります。予約の項目はステップの直下に置いてください。
forms-lint-booking-no-resource = `{ $field }` は予約の項目(`format: booking-slot`)ですが、どの予約先の枠かが書かれていません。`ui.fields.{ $field }.booking` に `"resource": "予約先のID"` か、`"resource_from"` と `"resources"` を書いてください。
forms-lint-booking-not-slot = `{ $field }` に `booking` の設定がありますが、予約の項目ではありません。スキーマに `"format": "booking-slot"` を書くか、`booking` を消してください。
forms-lint-booking-option-without-resource = `{ $field }` の予約先を選ぶ質問の選択肢 `{ $option }` に予約先がありません。`booking.resources` に `"{ $option }": "予約先のID"` を書いてください。
forms-lint-booking-chooser = `{ $field }` の `resource_from` が指す `{ $pointer }` は、この項目より前のステップにある、選択肢から1つ選ぶ質問ではありません。予約先を選ぶ質問のポインターを書いてください。
forms-lint-booking-units = `{ $field }` の `units_from` が指す `{ $pointer }` は、この項目より前のステップにある整数の質問ではありません。人数や品目数を聞く整数の質問のポインターを書くか、`units_from` を消してください(1件で1とします)。
forms-lint-parameter-builtin = `{ $name }` は市の団体データから取ります。宣言せずにそのまま差し込み記号として使ってください
forms-lint-parameter-fact = パラメータ `{ $name }` が示す `{ $fact }` は手続の事実ではありません({ $facts } のいずれかにしてください)
forms-lint-parameter-undeclared = 差し込み記号 `{ $name }` が `procedure.parameters` で宣言されていません(何の値かを `about` に書いて宣言してください)
# $about_ja (optional)
# $about_en (optional)
forms-lint-parameter-missing = { $city } には { $id } の `{ $name }`({ $about_ja })の値がありません。市のパラメータファイルに `procedures.{ $id }.{ $name }` または `values.{ $name }` として、出典(sources)か確認事項(to_confirm)を添えて加えてください
forms-lint-parameter-unsourced = { $city } の `{ $name }` の値に出典(sources)も確認事項(to_confirm)もありません。どこで読んだ値か、市が何を確認するかを書いてください
forms-lint-template-unchecked = この手続はどの市でも使えるように書かれ、採用する市の値を使うため、採用する市ごとに検査します。団体データを設定した環境で `madoguchi forms check` を実行してください
forms-lint-parameter-elsewhere = { $city } の `{ $name }` の値の出典が { $other } のページだけです。市の手数料・窓口・期間は、その市の公表資料で確かめます(他の自治体のページは、カタログにある国の制度の裏付けにはなりますが、市の値の出典にはなりません)。市のページや条例を出典にするか、確認すべきことを `to_confirm` に書いてください
forms-lint-unless-not-a-field = 規則の `{ $key }` の回答 `{ $field }` はこの様式の項目ではありません。様式が尋ねる項目のポインタ(`/death_place_type` など)にしてください
forms-lint-unless-never = 項目 `{ $field }` は { $value } という値をとらないので、規則の `{ $key }` が成り立つことはありません。項目の選択肢の値(はい/いいえの項目は true か false)にしてください
