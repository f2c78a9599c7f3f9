### The stand-in payment provider's hosted page (madoguchi-stubpay). The page shows the
### Japanese with the English beside it.

stubpay-header = StubPay テスト決済
stubpay-not-found = お支払いが見つかりません
stubpay-check-link = リンクをご確認ください。
stubpay-payment = お支払い
stubpay-for = 内容
stubpay-amount = 金額
stubpay-back = 申請のページへ戻る
stubpay-pending = お支払い待ち
stubpay-pending-till = コンビニのレジでこの番号をお伝えください。
stubpay-payment-number = お支払い番号
stubpay-pending-lapses = 期限を過ぎると無効になります。
stubpay-paid = お支払いが完了しました。
stubpay-failed = お支払いができませんでした。
stubpay-expired = お支払いの期限が切れました。
stubpay-refunded = 返金されました。
stubpay-card-unknown = テスト用のカード番号を入力してください。
stubpay-how-to-pay = お支払い方法
stubpay-card = クレジットカード
stubpay-card-number = カード番号
# $ok: the card number that pays; $declined: the one that is declined
stubpay-card-hint = テスト用: { $ok } は成功、{ $declined } は拒否。
stubpay-pay-by-card = カードで支払う
stubpay-konbini = コンビニ払い
stubpay-konbini-about = お支払い番号を発行します。期限までにコンビニでお支払いください。
stubpay-konbini-get-number = 番号を発行する
stubpay-qr = QRコード決済
stubpay-qr-image = 支払い用QRコード
stubpay-qr-about = スマートフォンのアプリで読み取ってください（テストでは下のボタンで代用）。
stubpay-qr-pay = スマートフォンで支払う
