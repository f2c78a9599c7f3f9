//! The payment emails: "please pay" (with the secret link), "payment received", "refund
//! made". Japanese first, then English, like every other message.

use madoguchi_core::{TenantId, Yen};
use madoguchi_forms::definition::FeeTiming;
use madoguchi_records::{OutboxRecord, PaymentRecord, Records, RefundRecord};

use crate::kernel::municipality::city_name;
use crate::kernel::{App, AppError};
use crate::submission::Receipt;
use crate::submission::fees::{method_label, parse_method};

impl App {
    /// "Payment received" (入金のお知らせ).
    pub(super) fn payment_mail(
        &self,
        c: &mut dyn Records,
        r: &Receipt,
        p: &PaymentRecord,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let tenant = TenantId::new(&p.tenant_id);
        let city = city_name(c, &tenant)?;
        let amount = Yen::new(p.amount_paid_yen);
        let method = p.method.as_deref().and_then(parse_method).map(method_label);
        let (next_ja, next_en) = if p.timing == FeeTiming::AfterApproval.code() {
            (
                "証明書などは手続の案内のとおりお届けします。",
                "The certificate (or other result) will reach you as the procedure describes.",
            )
        } else {
            (
                "担当者が申請の内容を確認します。",
                "A member of staff will now check your application.",
            )
        };
        let subject = format!(
            "【{}】手数料のお支払いを確認しました {}(到達番号 {}) / Payment received",
            city.0, r.procedure_title.ja, r.arrival_number
        );
        let body = format!(
            "手続: {}\n到達番号: {}\n\n手数料 {} のお支払いを確認しました(支払方法: {})。{}\n\n担当: {}\nこのメールは送信専用です。\n\n----\nProcedure: {}\nArrival number: {}\n\nWe have received your payment of {} ({}). {}\n\nHandled by: {}\n",
            r.procedure_title.ja,
            r.arrival_number,
            amount.format_ja(),
            method.as_ref().map(|m| m.ja.clone()).unwrap_or_default(),
            next_ja,
            r.department.ja,
            r.procedure_title.en,
            r.arrival_number,
            amount.format_en(),
            method.as_ref().map(|m| m.en.clone()).unwrap_or_default(),
            next_en,
            r.department.en,
        );
        self.outbox_row(&tenant, r, "payment_received", to, subject, body)
    }

    /// "Refund made" (返金のお知らせ).
    pub(super) fn refund_mail(
        &self,
        c: &mut dyn Records,
        r: &Receipt,
        refund: &RefundRecord,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let tenant = TenantId::new(&refund.tenant_id);
        let city = city_name(c, &tenant)?;
        let amount = Yen::new(refund.amount_yen);
        let subject = format!(
            "【{}】手数料を返金しました {}(到達番号 {}) / Fee refunded",
            city.0, r.procedure_title.ja, r.arrival_number
        );
        let body = format!(
            "手続: {}\n到達番号: {}\n\n手数料 {} を、お支払いに使った方法に返金しました。カード会社などの処理により、戻るまで日数がかかることがあります。\n\n担当: {}\n\n----\nProcedure: {}\nArrival number: {}\n\nYour fee of {} has been refunded to the way you paid. It may take some days to reach you, depending on your card company.\n\nHandled by: {}\n",
            r.procedure_title.ja,
            r.arrival_number,
            amount.format_ja(),
            r.department.ja,
            r.procedure_title.en,
            r.arrival_number,
            amount.format_en(),
            r.department.en,
        );
        self.outbox_row(&tenant, r, "refund", to, subject, body)
    }
}
