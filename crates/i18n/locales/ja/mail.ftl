### Mail to residents (madoguchi-app): one subject and one body per mail. A mail holds
### every language, Japanese first: the subjects joined by " / ", the bodies each after a
### rule ("----"). Arguments marked optional are shown by some languages only.
###
### Common arguments: $city the municipality's name, $title the procedure's title,
### $number the arrival number (到達番号), $dep the department that handles the filing.

## Receipt (到達のお知らせ)

# $number (Text, optional)
# $city (Text, optional)
mail-receipt-subject = 【{ $city }】到達のお知らせ { $title }(到達番号 { $number })
# $at the arrival time (datetime-format); $fee the fee (money-yen); $due the expected
# decision date, or mail-receipt-due-unscheduled.
# $url (Text, optional) the site's address, below the Japanese text
# $city (Text, optional) the municipality, below the English text
mail-receipt-body =
    次の申請が到達しました。

    手続: { $title }
    到達番号: { $number }
    到達日時: { $at }
    手数料: { $fee }
    担当: { $dep }
    処理の目安: { $due }

    { $lookup }
    お問い合わせの際は到達番号をお伝えください。このメールは送信専用です。
    { $url }
# $key the status look-up key; $url the status look-up page
mail-receipt-lookup = 状況の確認用コード: { $key }
    到達番号とこのコードで、アカウントがなくても次のページで状況を確認できます(他の人に知らせないでください): { $url }
mail-receipt-due-unscheduled = 審査の日程が決まり次第お知らせします
# $due the expected decision date (datetime-format)
mail-receipt-due-to-confirm = { $due }(この日数は市に確認中のため、目安です)

## Decision (審査結果のお知らせ)

# $number (Text, optional)
# $city (Text, optional)
mail-decision-subject = 【{ $city }】審査結果のお知らせ { $title }(到達番号 { $number })
# $result mail-decision-approved or mail-decision-rejected; $link the decision notice PDF;
# $notice the appeal-rights notice (教示) of the procedure.
# $url (Text, optional) the site's address
mail-decision-body =
    手続: { $title }
    到達番号: { $number }

    { $result }

    決定通知書(PDF)ができました。次のアドレスから表示・保存できます(このメールの受取人だけが使えるアドレスです。他の人に転送しないでください):
    { $link }

    【教示】
    { $notice }

    担当: { $dep }
    お問い合わせの際は到達番号をお伝えください。このメールは送信専用です。
    { $url }
mail-decision-approved-fee-online = 申請は許可(承認)されました。手数料のお支払いがまだです。お支払いの案内を別のメールでお送りします。お支払いを確認してから、結果(証明書など)を手続の案内のとおりお届けします。
# $how the way the applicant chose to pay (the form's option), or app-fee-how-counter
mail-decision-approved-fee-offline = 申請は許可(承認)されました。手数料は、お選びの方法({ $how })でお支払いください。お支払いを確かめてから、結果(証明書など)をお届けします。
mail-decision-approved = 申請は許可(承認)されました。結果(証明書など)は手続の案内のとおりお届けします。
# $note what the clerk wrote for the applicant with an approval (several lines)
mail-decision-note =
    市からのお知らせ:
    { $note }
# $reason the reasons the clerk wrote (several lines)
mail-decision-rejected =
    申請は却下(不許可)となりました。

    理由:
    { $reason }

## Correction request (補正のお願い)

# $number (Text, optional)
# $city (Text, optional)
# $title (Text, optional)
mail-correction-subject = 【{ $city }】申請内容の修正(補正)のお願い { $title }(到達番号 { $number })
# $items the fields to correct, one mail-correction-item a line; $message the clerk's
# words; $deadline: as date-format writes it; $link the page to correct on.
mail-correction-body =
    次の申請について、内容の修正(補正)をお願いします。

    手続: { $title }
    到達番号: { $number }

    直していただきたい項目:
    { $items }

    担当者からのお願い:
    { $message }

    期限: { $deadline }

    次のページから修正してください(このメールの受取人だけが使えるアドレスです。他の人に転送しないでください):
    { $link }

    修正が届くまで、審査の期間(標準処理期間)は止まっています。期限までに修正がない場合、申請が却下されることがあります。
    担当: { $dep }
# One field to correct: its label.
mail-correction-item = ・{ $label }
# The reminder before the deadline: a mark before the correction request's subject. The
# subject of this mail is in Japanese only.
# $subject the correction request's subject
mail-correction-reminder-subject = 【補正の期限が近づいています】{ $subject }
# Above the correction request's body, one line per language. $deadline: as date-format writes it
mail-correction-reminder-intro = 補正(修正)の期限 { $deadline } が近づいていますが、まだ修正が届いていません。このメールのアドレスから修正してください(前にお送りしたアドレスは使えなくなりました)。

## What the applicant did: a correction sent, or a withdrawal. Subjects in Japanese only.

mail-corrected-subject = 【{ $city }】修正の受付 { $title }(到達番号 { $number })
mail-corrected-body =
    手続: { $title }
    到達番号: { $number }

    修正(補正)を受け付けました。担当者が確認します。審査の期間は、受け付けた日(閉庁時間に届いたときは次の開庁日)の翌日から再び数えます。

    担当: { $dep }
mail-withdrawn-subject = 【{ $city }】取下げの受付 { $title }(到達番号 { $number })
mail-withdrawn-body =
    手続: { $title }
    到達番号: { $number }

    申請の取下げを受け付けました。この申請の審査は行いません。

    担当: { $dep }

## Fees: the request to pay, payment received, refund

# $number (Text, optional)
# $city (Text, optional)
# $title (Text, optional)
mail-payment-request-subject = 【{ $city }】手数料のお支払いのお願い { $title }(到達番号 { $number })
# $fee: the fee as money-yen writes it; $link: the payment page
mail-payment-request-body =
    手続: { $title }
    到達番号: { $number }

    手数料 { $fee } のお支払いをお願いします。次のページから、クレジットカード・コンビニ・QRコード決済でお支払いいただけます(このメールの受取人だけが使えるアドレスです):
    { $link }

    お支払いが確認できてから、手続を進めます。
    担当: { $dep }
# $number (Text, optional)
# $city (Text, optional)
# $title (Text, optional)
mail-payment-received-subject = 【{ $city }】手数料のお支払いを確認しました { $title }(到達番号 { $number })
# $amount: as money-yen writes it; $method: how it was paid; $next mail-payment-next-result or
# mail-payment-next-review
mail-payment-received-body =
    手続: { $title }
    到達番号: { $number }

    手数料 { $amount } のお支払いを確認しました(支払方法: { $method })。{ $next }

    担当: { $dep }
    このメールは送信専用です。
# The fee was paid after the approval: what comes next.
mail-payment-next-result = 証明書などは手続の案内のとおりお届けします。
# The fee was paid on filing: what comes next.
mail-payment-next-review = 担当者が申請の内容を確認します。
# $number (Text, optional)
# $city (Text, optional)
# $title (Text, optional)
mail-refund-subject = 【{ $city }】手数料を返金しました { $title }(到達番号 { $number })
# $amount: as money-yen writes it
mail-refund-body =
    手続: { $title }
    到達番号: { $number }

    手数料 { $amount } を、お支払いに使った方法に返金しました。カード会社などの処理により、戻るまで日数がかかることがあります。

    担当: { $dep }

## Drafts and guests: the resume link, the confirmation code

# $title (Text, optional)
# $city (Text, optional)
mail-resume-subject = 【{ $city }】入力の続きのご案内 { $title }
# $url the resume link; $until when it expires (datetime-format)
# $city (Text, optional)
mail-resume-body =
    「{ $title }」の入力の続きは、次のページから行えます(一度だけ使えます。このメールの受取人だけが使えるアドレスです):
    { $url }

    使える期限: { $until }
    期限を過ぎると、入力した内容は消えます。まだ申請は届いていません。
# $city (Text, optional)
mail-code-subject = 【{ $city }】確認コード
# $code (Text, optional) the six digits after mail-code-label, shown once (in Japanese)
# $city (Text, optional)
mail-code-body =
    「{ $title }」の申請のため、メールアドレスの確認をお願いします。申請の画面に、次の6桁の数字を入力してください(30分間有効です):

    { $code }

    お心当たりがない場合は、このメールを削除してください。
# Before the code; the labels of every language are joined with " / ", then ": ".
mail-code-label = 確認コード

## Resident accounts

# $city (Text, optional)
mail-account-exists-subject = 【{ $city }】利用者登録について
# $url the sign-in page
# $city (Text, optional)
mail-account-exists-body =
    このメールアドレスで、利用者登録の申し込みがありました。すでに登録されています。
    ご本人の場合は、次のページからログインしてください。パスワードを忘れた場合は、ログインのページから設定し直せます。
    { $url }

    お心当たりがない場合は、このメールを削除してください。登録内容は変わっていません。
# $city (Text, optional)
mail-account-verify-subject = 【{ $city }】メールアドレスの確認
# $url the confirmation link
mail-account-verify-body =
    { $city }のオンライン申請の利用者登録を受け付けました。
    次のページを開くと、メールアドレスの確認が終わり、ログインできるようになります(24時間、一度だけ使えます):
    { $url }

    お心当たりがない場合は、このメールを削除してください。
# $city (Text, optional)
mail-account-reset-subject = 【{ $city }】パスワードの再設定
# $url the reset link; $until when it expires (datetime-format)
mail-account-reset-body =
    パスワードの再設定の申し込みを受け付けました。次のページで、新しいパスワードを決めてください(一度だけ使えます):
    { $url }

    使える期限: { $until }
    お心当たりがない場合は、このメールを削除してください。パスワードは変わっていません。
# $city (Text, optional)
mail-password-changed-subject = 【{ $city }】パスワードを変更しました
# $when: the time, as datetime-format writes it; $city: the city's name
mail-password-changed-body =
    { $when }に、パスワードを変更しました。ほかの端末でのログインは終了しました。
    お心当たりがない場合は、すぐに「パスワードを忘れた方」から設定し直し、{ $city }にご連絡ください。

## How the office is getting on (審査中・延長・完結)

# $number (Text, optional)
# $city (Text, optional)
mail-in-review-subject = 【{ $city }】審査を始めました { $title }(到達番号 { $number })
# $due the expected decision date, or mail-receipt-due-unscheduled
# $url (Text, optional) the site's address
mail-in-review-body =
    手続: { $title }
    到達番号: { $number }

    担当者が申請の審査を始めました。結果はメールでお知らせします。
    処理の目安: { $due }

    担当: { $dep }
    { $url }
# $number (Text, optional)
# $city (Text, optional)
mail-extended-subject = 【{ $city }】処理期間の延長のお知らせ { $title }(到達番号 { $number })
# $days (Number) the business days added; $reason why (the clerk's words); $due the new
# expected decision date, or mail-receipt-due-unscheduled
# $url (Text, optional) the site's address
mail-extended-body =
    手続: { $title }
    到達番号: { $number }

    審査の期間を{ $days }開庁日延長しました。
    理由: { $reason }
    新しい処理の目安: { $due }

    担当: { $dep }
    { $url }
# $number (Text, optional)
# $city (Text, optional)
mail-closed-subject = 【{ $city }】手続が完了しました { $title }(到達番号 { $number })
# $url (Text, optional) the site's address
mail-closed-body =
    手続: { $title }
    到達番号: { $number }

    この申請の手続はすべて完了しました。

    担当: { $dep }
    { $url }

## Bookings (予約のお知らせ): made, requested, changed, confirmed, cancelled, the reminder

# $number (Text, optional)
# $city (Text, optional)
mail-booking-subject = 【{ $city }】予約のお知らせ { $title }(到達番号 { $number })
# $number (Text, optional)
# $city (Text, optional)
mail-booking-cancelled-subject = 【{ $city }】予約の取消しのお知らせ { $title }(到達番号 { $number })
# $number (Text, optional)
# $city (Text, optional)
mail-booking-stopped-subject = 【{ $city }】予約の時間を変更してください { $title }(到達番号 { $number })
# $number (Text, optional)
# $city (Text, optional)
mail-booking-reminder-subject = 【{ $city }】明日は予約の日です { $title }(到達番号 { $number })
# $what one of mail-booking-made … mail-booking-reminder; $time the day and time;
# $name what was booked; $place where to go; $manage mail-booking-manage,
# mail-booking-manage-closed or nothing (cancelled)
mail-booking-body =
    { $what }

    手続: { $title }
    到達番号: { $number }
    日時: { $time }
    予約: { $name }
    場所: { $place }

    { $manage }
    担当: { $dep }
    お問い合わせの際は到達番号をお伝えください。このメールは送信専用です。
mail-booking-made = 次のとおり予約しました。添付の予定(invite.ics)をカレンダーに取り込めます。
mail-booking-requested = 次のとおり予約を申し込みました。まだ確定していません。担当者が確認して確定したら、改めてお知らせします。
mail-booking-changed = 予約の日時を次のとおり変更しました。添付の予定を取り込むと、カレンダーの予定も新しい日時に変わります。
mail-booking-confirmed = 次の予約が確定しました。当日はこの日時にお越しください。
mail-booking-cancelled = 次の予約を取り消しました。添付の予定を取り込むと、カレンダーから予定が消えます。
# $reason why a clerk stopped the time
mail-booking-stopped = 申し訳ありません。次の予約の時間は、次の理由で受付を止めました: { $reason }
    お手数ですが、下のページから別の日時を選んでください。予約はそのまま残っています。
mail-booking-reminder = 明日は次の予約の日です。
# $link the booking's page (a secret link); $until the last day changes are taken, or
# mail-booking-until-start
mail-booking-manage = 予約の確認・日時の変更・取消しは次のページからできます({ $until }まで。このメールの受取人だけが使えるアドレスです):
    { $link }
mail-booking-until-start = 予約の時刻
mail-booking-manage-closed = インターネットでの変更・取消しの受付は終わりました。変更・取消しは担当へお問い合わせください。
# In the calendar entry (Japanese only).
mail-booking-calendar-note = 到達番号 { $number }({ $title })。変更・取消しは予約のお知らせメールのリンクからできます。

## Waiting lists (キャンセル待ち): in line, and a freed place held for the person

# $city (Text, optional)
mail-waitlist-joined-subject = 【{ $city }】キャンセル待ちを受け付けました { $title }
# $position the place in line (1 is first); $time, $name, $place what is waited for;
# $link the entry's page (a secret link)
mail-waitlist-joined-body =
    次の時間のキャンセル待ちを受け付けました。いまは { $position } 番目です。
    空きが出たら、その場所をあなたのために取っておき、このアドレスにお知らせします。まだ予約はできていません。

    手続: { $title }
    日時: { $time }
    予約: { $name }
    場所: { $place }

    順番の確認と、キャンセル待ちの取りやめは、次のページからできます(このメールの受取人だけが使えるアドレスです):
    { $link }

    { $city }
    このメールは送信専用です。
# $city (Text, optional)
mail-waitlist-offer-subject = 【{ $city }】キャンセル待ちの時間に空きが出ました { $title }
# $until until when the place is kept; $link the entry's page (a secret link)
mail-waitlist-offer-body =
    キャンセル待ちをしていた次の時間に空きが出ました。{ $until }まで、あなたのために取っておきます。
    次のページで「この日時で申請を続ける」を押し、申請を最後まで送ると予約になります。
    { $link }

    手続: { $title }
    日時: { $time }
    予約: { $name }
    場所: { $place }

    { $until }を過ぎると、次に待っている方にお知らせします。ご都合が悪くなったときは、同じページで取りやめてください。

    { $city }
    このメールは送信専用です。
