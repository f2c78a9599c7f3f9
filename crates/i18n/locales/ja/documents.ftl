### Official PDFs (madoguchi-documents): 決定通知書 (decision notice) and 受付控え (receipt).
### The documents are written in Japanese, the language of record; the English of a title
### is printed beneath it where the layout has room for one.

## Both documents

# Footer, left: the document's id (a reference or a SHA-256 hex digest).
doc-document-id = 文書ID: { $id }
# Footer, right: page $page of $pages.
doc-page-number = { NUMBER($page, useGrouping: "false") } / { NUMBER($pages, useGrouping: "false") }
doc-arrival-number = 到達番号
doc-none = (なし)

## Decision notice

# $subject: what was applied for (住民票の写しの交付)
doc-notice-title-granted = { $subject }について(通知)
# $decision: the decision as the procedure words it (不許可, 却下)
doc-notice-title-refused = { $subject }について({ $decision }通知)
# The applicant's name, as addressed.
doc-notice-addressee = { $name }　様
# Starts with an ideographic space (a Japanese paragraph indent). $filed_on: a 和暦 date.
doc-notice-body = 　{ $filed_on }付けで申請のあった{ $subject }について、次のとおり決定しましたので通知します。
# Heading of the ruled block (記).
doc-notice-details = 記
doc-notice-procedure = 手続名
doc-notice-filed-on = 申請日
doc-notice-decision = 決定
doc-notice-reasons = 理由
# The note an approval carries for the applicant (a collection day, where to pick up)
doc-notice-note = 付記事項
# The appeal-rights notice (教示).
doc-notice-appeal = 教示
# The English reference page after the Japanese notice (printed in both languages).
doc-notice-reference-heading = 参考訳（英語）
doc-notice-reference-note = この頁は参考のための英語訳です。決定の内容は、前の頁までの日本語の通知書のとおりです。
# The decision's outcome on the English reference page.
doc-notice-reference-granted = 申請を認めました
doc-notice-reference-refused = 申請を認めませんでした

## Receipt

doc-receipt-title = 受付控え
# The PDF's title in its properties.
doc-receipt-document-title = 受付控え { $procedure }
doc-receipt-arrived-at = 到達日時
# $time: the arrival time written with datetime-format
doc-receipt-arrived-at-value = { $time } (日本時間)
doc-receipt-fee = 手数料
doc-receipt-booking = 予約
doc-receipt-answers = 申請内容
doc-receipt-attachments = 添付書類
# One attached file: its name and size (2.4 MB).
doc-receipt-attachment = { $name }　({ $size })
