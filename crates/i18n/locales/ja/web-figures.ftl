### The web pages (office figures entry): words a page shows, by id (madoguchi-web).

web-figures-entry-title = 紙・窓口の申請件数
web-figures-entry-intro = このサービスを通らなかった申請(紙の申請書、システム外の窓口受付)の件数を、手続と月ごとに入力してください。公開する実績のオンライン申請の割合は、この件数を含めて計算します。同じ手続・同じ月をもう一度入力すると、前の件数を置き換えます。
web-figures-entry-public = 公開している実績を見る
web-figures-entry-procedure = 手続
web-figures-entry-choose = 選んでください
web-figures-entry-month = 月
web-figures-entry-month-hint = 例: 2026-04
web-figures-entry-paper = 紙の申請書の件数
web-figures-entry-paper-hint = 郵送や持参で受け付けた紙の申請書。ない場合は 0
web-figures-entry-counter = システム外の窓口受付の件数
web-figures-entry-counter-hint = このサービスを使わずに窓口で受け付けた申請。ない場合は 0
web-figures-entry-save = 保存する
web-figures-entry-saved = 件数を保存しました
# $year (Text) the fiscal year
web-figures-entry-entered = { $year }年度に入力した件数
web-figures-entry-none = まだ入力されていません
web-figures-entry-who = 入力した人
# $name (Text) who entered the counts, $at (Text) the day
web-figures-entry-by = { $name }({ $at })
# $year (Text), $month (Text) two digits
web-figures-entry-month-of = { $year }年{ $month }月
# $label (Text) the input's label
web-figures-entry-missing = { $label }: 入力してください
web-figures-entry-not-offered = { $label }: 一覧から、件数を入力できる手続を選んでください
web-figures-entry-not-month = { $label }: 2026-04 のように、年と月をハイフンでつないで入力してください
web-figures-entry-out-of-range = { $label }: 2000年1月から今月までの月を入力してください
# $max (Text) the largest count
web-figures-entry-not-count = { $label }: 0 から { $max } までの整数で入力してください
