//! Stable error codes that clients and pages see. The code is the contract (snake_case,
//! never reworded); the messages are for people, in Japanese and English. Because the
//! messages are an exhaustive `match`, a new code without both messages does not compile.

use serde::{Serialize, Serializer};

use crate::Lang;

/// (title, what to do) in one language.
pub type Message = (&'static str, &'static str);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    MalformedRequest,
    UnsupportedMediaType,
    CsrfFailed,
    ValidationFailed,
    IdempotencyKeyMissing,
    IdempotencyKeyReused,
    DraftMissing,
    LoginFailed,
    LoginRequired,
    TooManyAttempts,
    CodeInvalid,
    InvalidTransition,
    ReasonRequired,
    ReasonTooLong,
    Forbidden,
    CorrectionFieldsMissing,
    DeadlineInvalid,
    ExtensionInvalid,
    AssigneeInvalid,
    PasswordWeak,
    LoginTaken,
    StaffInvalid,
    StaffSelf,
    ExportTooLarge,
    SelectionInvalid,
    ExportMixedProcedures,
    FileNameInvalid,
    FileTypeNotAllowed,
    FileTooLarge,
    TooManyFiles,
    FileRejected,
    CounterCodeInvalid,
    CounterCodeExpired,
    CounterFiled,
    CounterNothingReady,
    IdentityUnchecked,
    FeeUnpaid,
    PaymentUnavailable,
    IdentityRequired,
    SignInFailed,
    SignInUnavailable,
    EmailInvalid,
    LinkExpired,
    SignInRequired,
    EmailUnconfirmed,
    EmailCodeInvalid,
    AccountUnverified,
    AccountLoginFailed,
    AccountThrottled,
    ProcedureIdInvalid,
    ProcedureIdTaken,
    DefinitionInvalid,
    ApiTokenInvalid,
    ApiTokenReadOnly,
    TokenNameInvalid,
    WebhookUrlInvalid,
    WebhookEventsMissing,
    ProcedureRetired,
    ImportInvalid,
    ServiceUnavailable,
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 64] = [
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::MalformedRequest,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::CsrfFailed,
        ErrorCode::ValidationFailed,
        ErrorCode::IdempotencyKeyMissing,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::DraftMissing,
        ErrorCode::LoginFailed,
        ErrorCode::LoginRequired,
        ErrorCode::TooManyAttempts,
        ErrorCode::CodeInvalid,
        ErrorCode::InvalidTransition,
        ErrorCode::ReasonRequired,
        ErrorCode::ReasonTooLong,
        ErrorCode::Forbidden,
        ErrorCode::CorrectionFieldsMissing,
        ErrorCode::DeadlineInvalid,
        ErrorCode::ExtensionInvalid,
        ErrorCode::AssigneeInvalid,
        ErrorCode::PasswordWeak,
        ErrorCode::LoginTaken,
        ErrorCode::StaffInvalid,
        ErrorCode::StaffSelf,
        ErrorCode::ExportTooLarge,
        ErrorCode::SelectionInvalid,
        ErrorCode::ExportMixedProcedures,
        ErrorCode::FileNameInvalid,
        ErrorCode::FileTypeNotAllowed,
        ErrorCode::FileTooLarge,
        ErrorCode::TooManyFiles,
        ErrorCode::FileRejected,
        ErrorCode::CounterCodeInvalid,
        ErrorCode::CounterCodeExpired,
        ErrorCode::CounterFiled,
        ErrorCode::CounterNothingReady,
        ErrorCode::IdentityUnchecked,
        ErrorCode::FeeUnpaid,
        ErrorCode::PaymentUnavailable,
        ErrorCode::IdentityRequired,
        ErrorCode::SignInFailed,
        ErrorCode::SignInUnavailable,
        ErrorCode::EmailInvalid,
        ErrorCode::LinkExpired,
        ErrorCode::SignInRequired,
        ErrorCode::EmailUnconfirmed,
        ErrorCode::EmailCodeInvalid,
        ErrorCode::AccountUnverified,
        ErrorCode::AccountLoginFailed,
        ErrorCode::AccountThrottled,
        ErrorCode::ProcedureIdInvalid,
        ErrorCode::ProcedureIdTaken,
        ErrorCode::DefinitionInvalid,
        ErrorCode::ApiTokenInvalid,
        ErrorCode::ApiTokenReadOnly,
        ErrorCode::TokenNameInvalid,
        ErrorCode::WebhookUrlInvalid,
        ErrorCode::WebhookEventsMissing,
        ErrorCode::ProcedureRetired,
        ErrorCode::ImportInvalid,
        ErrorCode::ServiceUnavailable,
        ErrorCode::Internal,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::CsrfFailed => "csrf_failed",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::IdempotencyKeyMissing => "idempotency_key_missing",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::DraftMissing => "draft_missing",
            ErrorCode::LoginFailed => "login_failed",
            ErrorCode::LoginRequired => "login_required",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::CodeInvalid => "code_invalid",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::ReasonRequired => "reason_required",
            ErrorCode::ReasonTooLong => "reason_too_long",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::CorrectionFieldsMissing => "correction_fields_missing",
            ErrorCode::DeadlineInvalid => "deadline_invalid",
            ErrorCode::ExtensionInvalid => "extension_invalid",
            ErrorCode::AssigneeInvalid => "assignee_invalid",
            ErrorCode::PasswordWeak => "password_weak",
            ErrorCode::LoginTaken => "login_taken",
            ErrorCode::StaffInvalid => "staff_invalid",
            ErrorCode::StaffSelf => "staff_self",
            ErrorCode::ExportTooLarge => "export_too_large",
            ErrorCode::SelectionInvalid => "selection_invalid",
            ErrorCode::ExportMixedProcedures => "export_mixed_procedures",
            ErrorCode::FileNameInvalid => "file_name_invalid",
            ErrorCode::FileTypeNotAllowed => "file_type_not_allowed",
            ErrorCode::FileTooLarge => "file_too_large",
            ErrorCode::TooManyFiles => "too_many_files",
            ErrorCode::FileRejected => "file_rejected",
            ErrorCode::CounterCodeInvalid => "counter_code_invalid",
            ErrorCode::CounterCodeExpired => "counter_code_expired",
            ErrorCode::CounterFiled => "counter_filed",
            ErrorCode::CounterNothingReady => "counter_nothing_ready",
            ErrorCode::IdentityUnchecked => "identity_unchecked",
            ErrorCode::FeeUnpaid => "fee_unpaid",
            ErrorCode::PaymentUnavailable => "payment_unavailable",
            ErrorCode::IdentityRequired => "identity_required",
            ErrorCode::SignInFailed => "sign_in_failed",
            ErrorCode::SignInUnavailable => "sign_in_unavailable",
            ErrorCode::EmailInvalid => "email_invalid",
            ErrorCode::LinkExpired => "link_expired",
            ErrorCode::SignInRequired => "sign_in_required",
            ErrorCode::EmailUnconfirmed => "email_unconfirmed",
            ErrorCode::EmailCodeInvalid => "email_code_invalid",
            ErrorCode::AccountUnverified => "account_unverified",
            ErrorCode::AccountLoginFailed => "account_login_failed",
            ErrorCode::AccountThrottled => "account_throttled",
            ErrorCode::ProcedureIdInvalid => "procedure_id_invalid",
            ErrorCode::ProcedureIdTaken => "procedure_id_taken",
            ErrorCode::DefinitionInvalid => "definition_invalid",
            ErrorCode::ApiTokenInvalid => "api_token_invalid",
            ErrorCode::ApiTokenReadOnly => "api_token_read_only",
            ErrorCode::TokenNameInvalid => "token_name_invalid",
            ErrorCode::WebhookUrlInvalid => "webhook_url_invalid",
            ErrorCode::WebhookEventsMissing => "webhook_events_missing",
            ErrorCode::ProcedureRetired => "procedure_retired",
            ErrorCode::ImportInvalid => "import_invalid",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::Internal => "internal",
        }
    }

    /// (title, what to do) in the language asked for.
    pub fn message(self, lang: Lang) -> Message {
        let (ja, en) = self.messages();
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// (Japanese, English).
    fn messages(self) -> (Message, Message) {
        match self {
            ErrorCode::NotFound => (
                (
                    "ページが見つかりません",
                    "入力したアドレスが正しいか確認するか、手続の一覧から探してください。",
                ),
                (
                    "Page not found",
                    "Check the address, or find the procedure in the list of procedures.",
                ),
            ),
            ErrorCode::MethodNotAllowed => (
                (
                    "この操作はできません",
                    "前のページに戻り、ボタンから操作してください。",
                ),
                (
                    "This action is not possible",
                    "Go back and use the buttons on the page.",
                ),
            ),
            ErrorCode::PayloadTooLarge => (
                (
                    "送信された内容が大きすぎます",
                    "入力内容を短くして、もう一度送信してください。",
                ),
                (
                    "What you sent is too large",
                    "Shorten your answers and send them again.",
                ),
            ),
            ErrorCode::MalformedRequest => (
                (
                    "送信された内容を読み取れませんでした",
                    "ページを開き直して、もう一度入力してください。",
                ),
                (
                    "We could not read what was sent",
                    "Open the page again and fill it in once more.",
                ),
            ),
            ErrorCode::UnsupportedMediaType => (
                (
                    "この形式の送信には対応していません",
                    "ページのフォームから送信してください。",
                ),
                (
                    "This kind of request is not supported",
                    "Send your answers from the form on the page.",
                ),
            ),
            ErrorCode::CsrfFailed => (
                (
                    "ページの有効期限が切れました",
                    "安全のため送信を受け付けませんでした。ページを開き直して、もう一度送信してください。",
                ),
                (
                    "This page has expired",
                    "For your security the form was not accepted. Open the page again and send it once more.",
                ),
            ),
            ErrorCode::ValidationFailed => (
                (
                    "入力内容に誤りがあります",
                    "表示された項目を直して、もう一度送信してください。",
                ),
                (
                    "There is a problem with your answers",
                    "Correct the items shown and send the form again.",
                ),
            ),
            ErrorCode::IdempotencyKeyMissing => (
                (
                    "送信番号がありません",
                    "確認ページを開き直して、送信ボタンを押してください。",
                ),
                (
                    "The submission key is missing",
                    "Open the check page again and press the submit button.",
                ),
            ),
            ErrorCode::IdempotencyKeyReused => (
                (
                    "この送信は別の内容で既に使われています",
                    "確認ページを開き直してから送信してください。",
                ),
                (
                    "This submission key was already used with other answers",
                    "Open the check page again, then submit.",
                ),
            ),
            ErrorCode::DraftMissing => (
                (
                    "入力内容が見つかりません",
                    "時間が経ったため入力内容が削除された可能性があります。最初から入力してください。",
                ),
                (
                    "Your answers were not found",
                    "They may have expired. Please start the form again.",
                ),
            ),
            ErrorCode::LoginFailed => (
                (
                    "ログインできませんでした",
                    "ログインIDとパスワードを確認して、もう一度入力してください。",
                ),
                (
                    "We could not sign you in",
                    "Check your login ID and password and try again.",
                ),
            ),
            ErrorCode::LoginRequired => (
                ("ログインが必要です", "ログインしてから操作してください。"),
                ("Please sign in", "Sign in, then try again."),
            ),
            ErrorCode::TooManyAttempts => (
                (
                    "ログインの失敗が続いたため、受付を止めています",
                    "15分ほど待ってから、もう一度ログインしてください。分からないときはシステム管理者に連絡してください。",
                ),
                (
                    "Sign-in is paused after repeated failures",
                    "Wait about 15 minutes and try again, or ask your system administrator.",
                ),
            ),
            ErrorCode::CodeInvalid => (
                (
                    "確認コードが正しくありません",
                    "認証アプリに表示されている6桁の数字を入力してください。一度使ったコードは使えません。次のコードが表示されるまで待ってから入力してください。",
                ),
                (
                    "The code is not right",
                    "Enter the 6 digits your authenticator app shows. A code works once: wait for the next one.",
                ),
            ),
            ErrorCode::InvalidTransition => (
                (
                    "この申請は既に処理されています",
                    "一覧に戻って最新の状態を確認してください。",
                ),
                (
                    "This application has already been handled",
                    "Go back to the list to see its current status.",
                ),
            ),
            ErrorCode::ReasonRequired => (
                (
                    "理由を入力してください",
                    "却下・補正依頼・期間延長には、申請者に伝える理由を入力してください。",
                ),
                (
                    "Enter a reason",
                    "Rejections, correction requests and extensions need the reason the applicant will be told.",
                ),
            ),
            ErrorCode::ReasonTooLong => (
                (
                    "理由が長すぎます",
                    "理由は2,000文字以内で入力してください。",
                ),
                (
                    "The reason is too long",
                    "Keep the reason to 2,000 characters or fewer.",
                ),
            ),
            ErrorCode::Forbidden => (
                (
                    "この操作をする権限がありません",
                    "必要な場合は、所属の管理職に依頼してください。",
                ),
                (
                    "You are not allowed to do this",
                    "If it needs doing, ask your supervisor.",
                ),
            ),
            ErrorCode::CorrectionFieldsMissing => (
                (
                    "直してもらう項目を選んでください",
                    "補正を依頼する項目に1つ以上チェックを入れ、直し方を入力してください。",
                ),
                (
                    "Choose what needs correcting",
                    "Tick at least one item to be corrected and say how to correct it.",
                ),
            ),
            ErrorCode::DeadlineInvalid => (
                (
                    "期限の日付を確認してください",
                    "期限は明日から90日後までの日付を入力してください。",
                ),
                (
                    "Check the deadline",
                    "Enter a deadline from tomorrow up to 90 days ahead.",
                ),
            ),
            ErrorCode::ExtensionInvalid => (
                (
                    "延長する日数を確認してください",
                    "延長は1〜60開庁日で、理由を入力してください。",
                ),
                (
                    "Check the extension",
                    "An extension is 1 to 60 business days, with a reason.",
                ),
            ),
            ErrorCode::PasswordWeak => (
                (
                    "このパスワードは使えません",
                    "12文字以上で、推測されにくいものにしてください(文章のようなものがおすすめです)。記号の組み合わせは必要ありません。",
                ),
                (
                    "This password cannot be used",
                    "Use 12 characters or more that are hard to guess (a phrase works well). Symbols are not required.",
                ),
            ),
            ErrorCode::LoginTaken => (
                (
                    "このログインIDは使われています",
                    "別のログインID(職員のメールアドレスなど)を入力してください。",
                ),
                (
                    "This login is taken",
                    "Enter another login (such as the staff member's email address).",
                ),
            ),
            ErrorCode::StaffInvalid => (
                (
                    "入力内容を確認してください",
                    "ログインID(メールアドレスの形)、氏名、所属、区、役割を確認してください。",
                ),
                (
                    "Check the details",
                    "Check the login (an email address), the name, the section, the ward and the role.",
                ),
            ),
            ErrorCode::SelectionInvalid => (
                (
                    "申請を選んでください",
                    "一覧のチェックボックスで申請を1件以上(1回に200件まで)選んでから、もう一度押してください。",
                ),
                (
                    "Choose the applications",
                    "Tick one or more applications in the list (up to 200 at a time), then press the button again.",
                ),
            ),
            ErrorCode::FileNameInvalid => (
                (
                    "ファイル名を確認してください",
                    "ファイルを選び直してください(ファイル名は200文字以内で、フォルダ名や記号「/」「\\」を含まないもの)。",
                ),
                (
                    "Check the file name",
                    "Choose the file again (a name of up to 200 characters, without folders or the characters / and \\).",
                ),
            ),
            ErrorCode::FileTypeNotAllowed => (
                (
                    "この種類のファイルは添付できません",
                    "PDF、JPEG、PNG、HEIC(iPhoneの写真)のいずれかを選んでください。書類はスマートフォンで撮影した写真でもかまいません。",
                ),
                (
                    "This kind of file cannot be attached",
                    "Choose a PDF, JPEG, PNG or HEIC (iPhone photo). A photo of the document taken with a phone is fine.",
                ),
            ),
            ErrorCode::FileTooLarge => (
                (
                    "ファイルが大きすぎます",
                    "1ファイル10MB以内、1つの申請で合計30MB以内にしてください。写真は解像度を下げるか、ページを分けてください。",
                ),
                (
                    "The file is too large",
                    "Each file must be 10 MB or less, and 30 MB in all for one application. Take the photo at a lower resolution, or split the pages.",
                ),
            ),
            ErrorCode::TooManyFiles => (
                (
                    "ファイルが多すぎます",
                    "1つの書類につき5ファイルまでです。不要なファイルを削除するか、1つのPDFにまとめてください。",
                ),
                (
                    "Too many files",
                    "Up to 5 files for each document. Remove the ones not needed, or put the pages in one PDF.",
                ),
            ),
            ErrorCode::FileRejected => (
                (
                    "このファイルは受け付けられません",
                    "ウイルス検査で問題が見つかりました。書類をもう一度スキャンするか撮影し直して、新しいファイルを添付してください。",
                ),
                (
                    "This file cannot be accepted",
                    "The virus check found a problem. Scan or photograph the document again and attach the new file.",
                ),
            ),
            ErrorCode::ExportMixedProcedures => (
                (
                    "CSVは手続ごとに出力します",
                    "選んだ申請に複数の手続が含まれています。手続で絞り込んでから選ぶか、形式にJSONを選んでください。",
                ),
                (
                    "A CSV holds one procedure",
                    "The applications chosen are of several procedures. Filter by procedure before choosing, or choose JSON.",
                ),
            ),
            ErrorCode::CounterCodeInvalid => (
                (
                    "受付コードを読み取れません",
                    "QRコードをもう一度読み取るか、スマートフォンに表示された10文字のコード(例: 7KQM2-XDP9R)を入力してください。",
                ),
                (
                    "The counter code cannot be read",
                    "Scan the QR code again, or type the 10-character code shown on the phone (for example 7KQM2-XDP9R).",
                ),
            ),
            ErrorCode::CounterCodeExpired => (
                (
                    "受付コードの有効期限が切れています",
                    "申請者のスマートフォンの「窓口での手続」画面で「新しいコードを表示する」を押してもらい、新しいコードを読み取ってください。入力内容は残っています。",
                ),
                (
                    "The counter code has expired",
                    "Ask the applicant to press \"Show a new code\" on the \"At the counter\" page of their phone and scan the new code. Their answers are kept.",
                ),
            ),
            ErrorCode::CounterFiled => (
                (
                    "この事前入力はすでに受け付けられています",
                    "受け付けた手続の到達番号は、この画面の「受付済み」欄で確認できます。",
                ),
                (
                    "This pre-entry has already been filed",
                    "The arrival numbers of the procedures filed are listed under \"Filed\" on this page.",
                ),
            ),
            ErrorCode::CounterNothingReady => (
                (
                    "受け付けられる手続がありません",
                    "入力が終わっていない手続は受け付けられません。申請者にスマートフォンで入力を終えてもらうか、申請書に記入してもらってください。",
                ),
                (
                    "No procedure is ready to file",
                    "A procedure whose answers are incomplete cannot be filed. Ask the applicant to finish it on the phone, or to fill in a paper form.",
                ),
            ),
            ErrorCode::IdentityUnchecked => (
                (
                    "本人確認書類を選んでください",
                    "確認した書類(マイナンバーカード、運転免許証など)を選び、「本人確認をしました」にチェックを入れてください。",
                ),
                (
                    "Choose the identity document",
                    "Choose the document you checked (My Number Card, driving licence…) and tick \"I have checked the applicant's identity\".",
                ),
            ),
            ErrorCode::ExportTooLarge => (
                (
                    "件数が多すぎて出力できません",
                    "期間を短くして(1か月ずつなど)、もう一度出力してください。",
                ),
                (
                    "Too many filings for one file",
                    "Choose a shorter period (a month at a time, for example) and export again.",
                ),
            ),
            ErrorCode::StaffSelf => (
                (
                    "自分のアカウントは停止・降格できません",
                    "別のシステム管理者に依頼してください。",
                ),
                (
                    "You cannot disable or demote yourself",
                    "Ask another administrator to do it.",
                ),
            ),
            ErrorCode::AssigneeInvalid => (
                (
                    "割り当てる担当者を選んでください",
                    "同じ課(区)の担当者の中から選んでください。",
                ),
                (
                    "Choose who to assign",
                    "Choose a member of staff of the same section (and ward).",
                ),
            ),
            ErrorCode::FeeUnpaid => (
                (
                    "手数料がまだ支払われていません",
                    "支払いが確認できてから決定(交付)してください。支払いの状況は申請の画面の「手数料」で確認できます。",
                ),
                (
                    "The fee has not been paid yet",
                    "Decide (or close) once the payment is confirmed. The filing's page shows the payment under \"Fee\".",
                ),
            ),
            ErrorCode::PaymentUnavailable => (
                (
                    "支払いの画面につながりません",
                    "申請は受け付けてあり、消えていません。少し時間をおいて、「支払う」をもう一度押してください。",
                ),
                (
                    "The payment page cannot be reached",
                    "Your application is saved and nothing is lost. Wait a few minutes and press \"Pay\" again.",
                ),
            ),
            ErrorCode::IdentityRequired => (
                (
                    "マイナンバーカードでの本人確認が必要です",
                    "この手続は、マイナンバーカードで本人確認をしてから申請できます。「マイナンバーカードで本人確認する」を押してください。入力した内容は消えません。",
                ),
                (
                    "Confirm your identity with your My Number Card",
                    "This procedure can be filed once you have confirmed your identity with your My Number Card. Press \"Confirm with my My Number Card\"; your answers are kept.",
                ),
            ),
            ErrorCode::SignInFailed => (
                (
                    "本人確認ができませんでした",
                    "本人確認をやり直してください。取り消した場合や、時間がたちすぎた場合も、もう一度はじめからお試しください。",
                ),
                (
                    "Your identity could not be confirmed",
                    "Start the identity check again. If you cancelled it or it took too long, please try again from the start.",
                ),
            ),
            ErrorCode::SignInUnavailable => (
                (
                    "本人確認のサービスにつながりません",
                    "入力した内容は消えていません。少し時間をおいて、もう一度お試しください。",
                ),
                (
                    "The identity service cannot be reached",
                    "Nothing you entered is lost. Wait a few minutes and try again.",
                ),
            ),
            ErrorCode::EmailInvalid => (
                (
                    "メールアドレスを確認してください",
                    "taro@example.jp のように、@ のあるメールアドレスを入力してください。",
                ),
                (
                    "Check the email address",
                    "Enter an email address with an @, like taro@example.jp.",
                ),
            ),
            ErrorCode::LinkExpired => (
                (
                    "このリンクは使えません",
                    "リンクは一度だけ、保存期限までの間使えます。期限が過ぎたか、すでに使われています。もう一度はじめから入力してください。",
                ),
                (
                    "This link no longer works",
                    "A link works once, until the saved answers expire. It has expired or was already used: please start again.",
                ),
            ),
            ErrorCode::SignInRequired => (
                (
                    "ログインが必要です",
                    "この手続は、利用者登録(アカウント)をして、ログインしてから申請します。「ログインする」を押してください。入力した内容は消えません。",
                ),
                (
                    "Sign in to file this procedure",
                    "This procedure is filed by a registered resident. Press \"Sign in\" (or create an account); your answers are kept.",
                ),
            ),
            ErrorCode::EmailUnconfirmed => (
                (
                    "メールアドレスの確認が必要です",
                    "申請の前に、連絡先のメールアドレスにお送りする6桁の確認コードを入力してください。入力した内容は消えません。",
                ),
                (
                    "Confirm your email address",
                    "Before you submit, enter the 6-digit code we email to your contact address. Your answers are kept.",
                ),
            ),
            ErrorCode::EmailCodeInvalid => (
                (
                    "確認コードが正しくありません",
                    "メールに書かれた6桁の数字を入力してください。コードは30分間、5回まで試せます。合わないときは「コードを送り直す」を押してください。",
                ),
                (
                    "The code is not right",
                    "Enter the 6 digits from the email. A code works for 30 minutes and 5 tries; if it does not work, press \"Send a new code\".",
                ),
            ),
            ErrorCode::AccountUnverified => (
                (
                    "メールアドレスの確認がまだです",
                    "登録したメールアドレスに、確認のリンクをもう一度お送りしました。メールのリンクを開いてから、ログインしてください。",
                ),
                (
                    "Your email address is not confirmed yet",
                    "We have emailed the confirmation link again. Open the link in the email, then sign in.",
                ),
            ),
            ErrorCode::AccountLoginFailed => (
                (
                    "ログインできませんでした",
                    "メールアドレスとパスワードを確認して、もう一度入力してください。パスワードを忘れたときは「パスワードを忘れた方」から設定し直せます。",
                ),
                (
                    "We could not sign you in",
                    "Check your email address and password and try again. If you forgot your password, use \"Forgot your password?\" to set a new one.",
                ),
            ),
            ErrorCode::AccountThrottled => (
                (
                    "ログインの失敗が続いたため、受付を止めています",
                    "15分ほど待ってから、もう一度お試しください。パスワードを忘れたときは「パスワードを忘れた方」から設定し直せます。",
                ),
                (
                    "Sign-in is paused after repeated failures",
                    "Wait about 15 minutes and try again. If you forgot your password, use \"Forgot your password?\" to set a new one.",
                ),
            ),
            ErrorCode::ProcedureIdInvalid => (
                (
                    "手続IDを確認してください",
                    "半角の英小文字・数字・ハイフンで、3〜60文字にしてください。例: inu-sanpo-kyoka",
                ),
                (
                    "Check the procedure id",
                    "Use 3 to 60 lower-case letters, digits and hyphens, like dog-walk-permit.",
                ),
            ),
            ErrorCode::ProcedureIdTaken => (
                (
                    "この手続IDはすでに使われています",
                    "ほかの手続と重ならないIDにしてください。",
                ),
                (
                    "This procedure id is taken",
                    "Choose an id no other procedure uses.",
                ),
            ),
            ErrorCode::DefinitionInvalid => (
                (
                    "公開できません",
                    "チェックで見つかった問題をすべて直して保存してから、公開してください。",
                ),
                (
                    "It cannot be published yet",
                    "Fix every problem the check found, save, then publish.",
                ),
            ),
            ErrorCode::ApiTokenInvalid => (
                (
                    "APIトークンが正しくありません",
                    "課の担当者に、有効なトークンを発行してもらってください。トークンは「Authorization: Bearer」で送ります。",
                ),
                (
                    "The API token is not valid",
                    "Ask your department's author for a valid token, and send it as \"Authorization: Bearer\".",
                ),
            ),
            ErrorCode::ApiTokenReadOnly => (
                (
                    "このAPIトークンは読み取り専用です",
                    "変更するには、書き込みのできるトークンを使ってください。",
                ),
                (
                    "This API token can only read",
                    "Use a token with write rights to make changes.",
                ),
            ),
            ErrorCode::TokenNameInvalid => (
                (
                    "名前を確認してください",
                    "どのシステムが使うかわかる名前を、1〜60文字で入力してください。",
                ),
                (
                    "Check the name",
                    "Give a name of 1 to 60 characters that says which system uses it.",
                ),
            ),
            ErrorCode::WebhookUrlInvalid => (
                (
                    "送信先URLを確認してください",
                    "https:// で始まるURLを入力してください(試験環境の http://127.0.0.1 を除く)。",
                ),
                (
                    "Check the URL",
                    "Enter a URL starting with https:// (http://127.0.0.1 only for testing).",
                ),
            ),
            ErrorCode::WebhookEventsMissing => (
                (
                    "通知するできごとを選んでください",
                    "少なくとも1つ選んでください。",
                ),
                ("Choose the events to send", "Choose at least one."),
            ),
            ErrorCode::ProcedureRetired => (
                (
                    "この手続の受付は終了しました",
                    "ほかの手続をお探しください。わからないときは担当課にお問い合わせください。",
                ),
                (
                    "This procedure is closed",
                    "Look for another procedure, or ask the department.",
                ),
            ),
            ErrorCode::ImportInvalid => (
                (
                    "手続の定義として読み取れません",
                    "書き出した form.json の内容をそのまま貼り付けてください(procedure.id が必要です)。",
                ),
                (
                    "This is not a procedure definition",
                    "Paste the whole form.json as exported (it needs procedure.id).",
                ),
            ),
            ErrorCode::ServiceUnavailable => (
                (
                    "ただいま混み合っています",
                    "入力内容は失われていません。少し時間をおいて、もう一度送信してください。",
                ),
                (
                    "The service is busy",
                    "Nothing you entered is lost. Wait a moment and send it again.",
                ),
            ),
            ErrorCode::Internal => (
                (
                    "システムでエラーが発生しました",
                    "ご迷惑をおかけしています。少し時間をおいて、もう一度お試しください。",
                ),
                (
                    "Something went wrong on our side",
                    "We are sorry. Please try again in a little while.",
                ),
            ),
        }
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_distinct_snake_case_with_messages_in_both_languages() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            let text = code.code();
            assert!(seen.insert(text), "duplicate code {text}");
            assert!(
                text.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{text}"
            );
            for lang in Lang::ALL {
                let (title, todo) = code.message(lang);
                assert!(!title.is_empty() && !todo.is_empty(), "{text} {lang}");
            }
            let (ja, _) = code.message(Lang::Ja);
            assert!(
                !ja.is_ascii(),
                "{text}: the Japanese title must be Japanese"
            );
        }
    }
}
