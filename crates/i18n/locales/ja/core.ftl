### Words every crate shares (madoguchi-core): numbers, money, dates.

# How digits are grouped in numbers (`1,200`). A space is written { " " }.
number-grouping-separator = ,

# An amount of money in whole yen.
# $amount (Number)
money-yen = { $amount }円

# How dates and times are written, as chrono patterns (https://docs.rs/chrono: strftime).
# Month names (%b) are English whatever the language.
date-format = %Y年%-m月%-d日
datetime-format = %Y年%-m月%-d日 %H時%M分

# The language's name in itself, for the language switch.
lang-name = 日本語

## 窓口で確認する本人確認書類

identity-document-my-number-card = マイナンバーカード
identity-document-driving-licence = 運転免許証
identity-document-passport = パスポート
identity-document-residence-card = 在留カード・特別永住者証明書
identity-document-two-documents = その他の書類2点(健康保険の資格確認書など)
