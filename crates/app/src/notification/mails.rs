//! The emails about a filing: receipt, decision, correction request, the office's messages, the request to pay.

use chrono::NaiveDate;
use madoguchi_core::{Lang, TenantId, jst};
use madoguchi_forms::Form;
use madoguchi_records::{OutboxRecord, Records};
use madoguchi_workflow::State;

use crate::kernel::municipality::city_name;
use crate::kernel::{App, AppError};
use crate::submission::Receipt;

impl App {
    pub(crate) fn receipt_mail(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        r: &Receipt,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(conn, tenant)?;
        let due = |lang| match r.due_on {
            Some(d) => jst::format_date(d, lang),
            None => lang
                .pick(
                    "審査の日程が決まり次第お知らせします",
                    "we will tell you when it is scheduled",
                )
                .into(),
        };
        let subject = format!(
            "【{}】到達のお知らせ {}(到達番号 {}) / Received: {}",
            city.0, r.procedure_title.ja, r.arrival_number, r.procedure_title.en
        );
        let body = format!(
            "次の申請が到達しました。\n\n\
             手続: {title_ja}\n到達番号: {number}\n到達日時: {at_ja}\n手数料: {fee_ja}\n担当: {dep_ja}\n処理の目安: {due_ja}\n\n\
             お問い合わせの際は到達番号をお伝えください。このメールは送信専用です。\n\
             {url}\n\n\
             ----\n\
             Your application has arrived.\n\n\
             Procedure: {title_en}\nArrival number: {number}\nArrived: {at_en}\nFee: {fee_en}\nHandled by: {dep_en}\nExpected decision by: {due_en}\n\n\
             Please quote the arrival number if you contact us. Replies to this address are not read.\n\
             {city_en}\n",
            title_ja = r.procedure_title.ja,
            title_en = r.procedure_title.en,
            number = r.arrival_number,
            at_ja = jst::format_datetime(r.arrived_at, Lang::Ja),
            at_en = jst::format_datetime(r.arrived_at, Lang::En),
            fee_ja = r.fee.format_ja(),
            fee_en = r.fee.format_en(),
            dep_ja = r.department.ja,
            dep_en = r.department.en,
            due_ja = due(Lang::Ja),
            due_en = due(Lang::En),
            url = self.config.public_url,
            city_en = city.1,
        );
        self.outbox_row(tenant, r, "receipt", to, subject, body)
    }

    /// The decision, with its reasons when refused and the appeal-rights notice (教示) of
    /// the procedure.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn decision_mail(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        r: &Receipt,
        form: &Form,
        to_state: State,
        reason: Option<&str>,
        notice_token: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(conn, tenant)?;
        let link = format!(
            "{}/documents/{notice_token}",
            self.config.public_url.trim_end_matches('/')
        );
        let (result_ja, result_en) = match to_state {
            State::Approved => (
                "申請は許可(承認)されました。結果(証明書など)は手続の案内のとおりお届けします。".to_string(),
                "Your application was approved. The result (such as the certificate) will reach you as the procedure describes.".to_string(),
            ),
            _ => (
                format!("申請は却下(不許可)となりました。\n\n理由:\n{}", reason.unwrap_or_default()),
                format!("Your application was rejected.\n\nReasons:\n{}", reason.unwrap_or_default()),
            ),
        };
        let notice = self
            .appeal_notice(tenant.as_str(), form.settings().appeal_key())
            .ok_or_else(|| {
                AppError::broken(format!(
                    "no appeal notice `{}` for {}",
                    form.settings().appeal_key(),
                    form.id()
                ))
            })?;
        let subject = format!(
            "【{}】審査結果のお知らせ {}(到達番号 {}) / Decision: {}",
            city.0, r.procedure_title.ja, r.arrival_number, r.procedure_title.en
        );
        let body = format!(
            "手続: {}\n到達番号: {}\n\n{}\n\n決定通知書(PDF)ができました。次のアドレスから表示・保存できます(このメールの受取人だけが使えるアドレスです。他の人に転送しないでください):\n{link}\n\n【教示】\n{}\n\n担当: {}\nお問い合わせの際は到達番号をお伝えください。このメールは送信専用です。\n{}\n\n----\n\
             Procedure: {}\nArrival number: {}\n\n{}\n\nYour decision notice (PDF) is ready at this address (for you only; do not forward it):\n{link}\n\n[Your right to appeal]\n{}\n\nHandled by: {}\nPlease quote the arrival number if you contact us.\n",
            r.procedure_title.ja,
            r.arrival_number,
            result_ja,
            notice.ja,
            r.department.ja,
            self.config.public_url,
            r.procedure_title.en,
            r.arrival_number,
            result_en,
            notice.en,
            r.department.en,
        );
        self.outbox_row(tenant, r, "decision", to, subject, body)
    }

    /// A correction request (補正のお願い) with the link to answer it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn correction_mail(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        r: &Receipt,
        form: &Form,
        fields: &[String],
        message: &str,
        deadline: NaiveDate,
        token: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(conn, tenant)?;
        let labels = |lang: Lang| -> String {
            fields
                .iter()
                .filter_map(|p| form.field(p))
                .map(|f| format!("・{}", f.label.get(lang)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let link = format!(
            "{}/corrections/{token}",
            self.config.public_url.trim_end_matches('/')
        );
        let subject = format!(
            "【{}】申請内容の修正(補正)のお願い {}(到達番号 {}) / Please correct your application",
            city.0, r.procedure_title.ja, r.arrival_number
        );
        let body = format!(
            "次の申請について、内容の修正(補正)をお願いします。\n\n\
             手続: {title_ja}\n到達番号: {number}\n\n\
             直していただきたい項目:\n{labels_ja}\n\n\
             担当者からのお願い:\n{message}\n\n\
             期限: {deadline_ja}\n\n\
             次のページから修正してください(このメールの受取人だけが使えるアドレスです。他の人に転送しないでください):\n{link}\n\n\
             修正が届くまで、審査の期間(標準処理期間)は止まっています。期限までに修正がない場合、申請が却下されることがあります。\n\
             担当: {dep_ja}\n\n\
             ----\n\
             Please correct your application.\n\n\
             Procedure: {title_en}\nArrival number: {number}\n\n\
             Items to correct:\n{labels_en}\n\n\
             Message from the office:\n{message}\n\n\
             Deadline: {deadline_en}\n\n\
             Make the correction on this page (the address is for you only; do not forward it):\n{link}\n\n\
             The processing period is paused until your correction arrives. Without a correction by the deadline, the application may be rejected.\n\
             Handled by: {dep_en}\n",
            title_ja = r.procedure_title.ja,
            title_en = r.procedure_title.en,
            number = r.arrival_number,
            labels_ja = labels(Lang::Ja),
            labels_en = labels(Lang::En),
            deadline_ja = jst::format_date(deadline, Lang::Ja),
            deadline_en = jst::format_date(deadline, Lang::En),
            dep_ja = r.department.ja,
            dep_en = r.department.en,
        );
        self.outbox_row(tenant, r, "correction_request", to, subject, body)
    }

    /// Confirms what the applicant did: a correction sent, or a withdrawal.
    pub(crate) fn applicant_action_mail(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        r: &Receipt,
        kind: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(conn, tenant)?;
        let (what_ja, what_en) = match kind {
            "withdrawn" => (
                "申請の取下げを受け付けました。この申請の審査は行いません。",
                "Your withdrawal was received. The application will not be reviewed.",
            ),
            _ => (
                "修正(補正)を受け付けました。担当者が確認します。審査の期間は、受け付けた日(閉庁時間に届いたときは次の開庁日)の翌日から再び数えます。",
                "Your correction was received and will be checked. The processing period runs again from the day after it arrived (the next business day if it arrived after hours).",
            ),
        };
        let subject = format!(
            "【{}】{} {}(到達番号 {})",
            city.0,
            if kind == "withdrawn" {
                "取下げの受付"
            } else {
                "修正の受付"
            },
            r.procedure_title.ja,
            r.arrival_number
        );
        let body = format!(
            "手続: {}\n到達番号: {}\n\n{}\n\n担当: {}\n\n----\nProcedure: {}\nArrival number: {}\n\n{}\n\nHandled by: {}\n",
            r.procedure_title.ja,
            r.arrival_number,
            what_ja,
            r.department.ja,
            r.procedure_title.en,
            r.arrival_number,
            what_en,
            r.department.en,
        );
        self.outbox_row(tenant, r, kind, to, subject, body)
    }

    /// "Please pay" (手数料のお支払いのお願い) with the secret link, sent when a fee
    /// becomes due.
    pub(crate) fn payment_request_mail(
        &self,
        c: &mut dyn Records,
        r: &Receipt,
        tenant: &TenantId,
        token: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(c, tenant)?;
        let link = format!(
            "{}/pay/{token}",
            self.config.public_url.trim_end_matches('/')
        );
        let subject = format!(
            "【{}】手数料のお支払いのお願い {}(到達番号 {}) / Please pay the fee",
            city.0, r.procedure_title.ja, r.arrival_number
        );
        let body = format!(
            "手続: {}\n到達番号: {}\n\n手数料 {} のお支払いをお願いします。次のページから、クレジットカード・コンビニ・QRコード決済でお支払いいただけます(このメールの受取人だけが使えるアドレスです):\n{link}\n\nお支払いが確認できてから、手続を進めます。\n担当: {}\n\n----\nProcedure: {}\nArrival number: {}\n\nPlease pay the fee of {}. You can pay by card, at a convenience store or by QR payment on this page (for you only):\n{link}\n\nWe continue once the payment is confirmed.\nHandled by: {}\n",
            r.procedure_title.ja,
            r.arrival_number,
            r.fee.format_ja(),
            r.department.ja,
            r.procedure_title.en,
            r.arrival_number,
            r.fee.format_en(),
            r.department.en,
        );
        self.outbox_row(tenant, r, "payment_request", to, subject, body)
    }
}
