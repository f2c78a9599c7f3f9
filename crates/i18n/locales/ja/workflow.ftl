### Review workflow (madoguchi-workflow): states, roles and actions.

## States as staff name them

workflow-state-arrived = 到達(審査待ち)
workflow-state-in-review = 審査中
workflow-state-correction-requested = 補正依頼中
workflow-state-resubmitted = 補正済み(再審査待ち)
workflow-state-approved = 許可・交付
workflow-state-rejected = 却下・不許可
workflow-state-withdrawn = 取下げ
workflow-state-closed = 完結

## States as the applicant reads them

workflow-state-arrived-resident = 受け付けました。担当者が確認するまでお待ちください
workflow-state-in-review-resident = 担当者が確認しています
workflow-state-correction-requested-resident = 直していただきたいところがあります。お知らせを確認してください
workflow-state-resubmitted-resident = 直した内容を受け付けました。担当者が確認しています
workflow-state-approved-resident = 手続が終わりました(認められました)
workflow-state-rejected-resident = 認められませんでした。理由をお知らせしています
workflow-state-withdrawn-resident = 取り下げました
workflow-state-closed-resident = 完了しました

## Roles

workflow-role-resident = 申請者
workflow-role-clerk = 担当者
workflow-role-supervisor = 管理職(決裁者)
workflow-role-author = 手続作成者
workflow-role-administrator = システム管理者

## Posts (職位)

workflow-post-staff = 担当
workflow-post-chief = 係長
workflow-post-manager = 課長
workflow-post-director = 部長

## Actions

workflow-action-claim = 担当する
workflow-action-assign = 担当者を割り当てる
workflow-action-request-correction = 補正を依頼する
workflow-action-resubmit = 補正して再提出
workflow-action-approve = 許可・交付する
workflow-action-reject = 却下・不許可にする
workflow-action-withdraw = 取り下げる
workflow-action-close = 完結にする
workflow-action-extend = 処理期間を延長する
