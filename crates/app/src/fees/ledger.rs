//! The accounting section's day: payments and refunds with totals, as a page and CSV.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::ProcedureId;
use madoguchi_core::{Lang, Localized, PaymentChannel, Yen, jst};
use madoguchi_i18n::t;
use madoguchi_payment::PaymentMethod;
use madoguchi_records::{PaymentRecord, RecordsRead};

use super::Fees;
use crate::kernel::spreadsheet::CsvFile;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};
use crate::submission::fees::method_label;

/// Where money was taken, in words.
pub fn channel_label(channel: PaymentChannel) -> Localized {
    crate::kernel::words::localized(match channel {
        PaymentChannel::Online => madoguchi_i18n::msg::app_payment_channel_online::text,
        PaymentChannel::Counter => madoguchi_i18n::msg::app_payment_channel_counter::text,
    })
}

/// One line of the reconciliation report.
#[derive(Clone, Debug)]
pub struct LedgerLine {
    pub at: DateTime<Utc>,
    /// `payment` or `refund`.
    pub kind: &'static str,
    pub arrival_number: String,
    pub procedure_id: ProcedureId,
    pub procedure_title: Localized,
    /// The provider's checkout, or the counter till's receipt number.
    pub checkout_id: String,
    pub channel: PaymentChannel,
    pub method: Option<PaymentMethod>,
    /// Positive for money in, negative for money returned.
    pub amount: Yen,
}

/// A day's money of one channel and way of paying (online by card, at a counter in cash…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelTotal {
    pub channel: PaymentChannel,
    pub method: Option<PaymentMethod>,
    pub received: Yen,
    pub refunded: Yen,
    /// Movements counted.
    pub lines: usize,
}

impl ChannelTotal {
    pub fn net(&self) -> Yen {
        Yen::new(self.received.amount() - self.refunded.amount())
    }
}

/// A day's payments and refunds (JST), for the accounting section.
#[derive(Clone, Debug)]
pub struct Reconciliation {
    pub day: NaiveDate,
    pub lines: Vec<LedgerLine>,
    pub received: Yen,
    pub refunded: Yen,
}

impl Reconciliation {
    /// The day's money per channel and way of paying, online first: what each till and the
    /// provider's statement must show. Their nets add up to the day's net to the yen.
    pub fn by_channel(&self) -> Vec<ChannelTotal> {
        let mut totals: Vec<ChannelTotal> = Vec::new();
        for l in &self.lines {
            let i = match totals
                .iter()
                .position(|t| t.channel == l.channel && t.method == l.method)
            {
                Some(i) => i,
                None => {
                    totals.push(ChannelTotal {
                        channel: l.channel,
                        method: l.method,
                        received: Yen::new(0),
                        refunded: Yen::new(0),
                        lines: 0,
                    });
                    totals.len() - 1
                }
            };
            let t = &mut totals[i];
            t.lines += 1;
            if l.amount.amount() >= 0 {
                t.received = Yen::new(t.received.amount() + l.amount.amount());
            } else {
                t.refunded = Yen::new(t.refunded.amount() - l.amount.amount());
            }
        }
        totals.sort_by_key(|t| {
            (
                t.channel != PaymentChannel::Online,
                t.method.map(|m| m.code()),
            )
        });
        totals
    }

    /// The day's net: received less refunded.
    pub fn net(&self) -> Yen {
        Yen::new(self.received.amount() - self.refunded.amount())
    }

    /// CSV with a BOM (Excel reads it as UTF-8), Japanese headers, one line per movement
    /// and a total line; no cell is read as a formula (see `kernel::spreadsheet`).
    pub fn to_csv(&self) -> Result<Vec<u8>, AppError> {
        let mut w = CsvFile::new(true);
        {
            let err = |e: csv::Error| AppError::internal("reconciliation csv", e);
            // Kept in Japanese, the language of record.
            let ja = Lang::Ja;
            w.row([
                t!(ja, app_ledger_at),
                t!(ja, app_ledger_kind),
                t!(ja, app_ledger_arrival_number),
                t!(ja, app_ledger_procedure_id),
                t!(ja, app_ledger_procedure),
                t!(ja, app_ledger_checkout_id),
                t!(ja, app_ledger_channel),
                t!(ja, app_ledger_method),
                t!(ja, app_ledger_amount),
            ])
            .map_err(err)?;
            for l in &self.lines {
                w.row([
                    jst::to_jst(l.at).format("%Y-%m-%d %H:%M:%S").to_string(),
                    match l.kind {
                        "refund" => t!(ja, app_ledger_refund).to_string(),
                        _ => t!(ja, app_ledger_payment).to_string(),
                    },
                    l.arrival_number.clone(),
                    l.procedure_id.to_string(),
                    l.procedure_title.ja.clone(),
                    l.checkout_id.clone(),
                    channel_label(l.channel).get(ja).to_string(),
                    l.method
                        .map(|m| method_label(m).get(ja).to_string())
                        .unwrap_or_default(),
                    l.amount.amount().to_string(),
                ])
                .map_err(err)?;
            }
            // A subtotal per channel and way of paying, then the day's total: the
            // subtotals add up to the total.
            for t in self.by_channel() {
                let what = match t.method {
                    Some(m) => format!(
                        "{} {}",
                        channel_label(t.channel).get(ja),
                        method_label(m).get(ja)
                    ),
                    None => channel_label(t.channel).get(ja).to_string(),
                };
                let blank = String::new;
                w.row([
                    t!(ja, app_ledger_subtotal).to_string(),
                    blank(),
                    blank(),
                    blank(),
                    blank(),
                    blank(),
                    what,
                    blank(),
                    t.net().amount().to_string(),
                ])
                .map_err(err)?;
            }
            w.row([
                t!(ja, app_ledger_total),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                &self.net().amount().to_string(),
            ])
            .map_err(err)?;
        }
        w.finish()
            .map_err(|e| AppError::internal("reconciliation csv", e))
    }
}

impl Fees<'_> {
    /// A day's payments and refunds (the day in JST) for the accounting section:
    /// supervisors and administrators, for the whole municipality.
    pub fn reconciliation(
        &self,
        clerk: &Clerk,
        day: NaiveDate,
    ) -> Result<Reconciliation, AppError> {
        require_city(clerk, self.city)?;
        if !matches!(
            clerk.role,
            madoguchi_workflow::Role::Supervisor | madoguchi_workflow::Role::Administrator
        ) {
            return Err(AppError::Forbidden);
        }
        let (from, to) = (
            jst::start_utc(day),
            jst::start_utc(day) + chrono::Duration::days(1),
        );
        let tenant = self.city;
        self.app.read(|c| {
            let mut lines = Vec::new();
            for p in c.payments_paid_between(tenant, from, to)? {
                lines.push(self.ledger_line(c, &p, "payment", p.paid_at, p.amount_paid_yen)?);
            }
            for r in c.refunds_done_between(tenant, from, to)? {
                if let Some(p) = c.find_payment(&r.payment_id)? {
                    lines.push(self.ledger_line(c, &p, "refund", r.done_at, -r.amount_yen)?);
                }
            }
            lines.sort_by(|a, b| {
                a.at.cmp(&b.at)
                    .then_with(|| a.checkout_id.cmp(&b.checkout_id))
            });
            let received = lines
                .iter()
                .filter(|l| l.kind == "payment")
                .map(|l| l.amount.amount())
                .sum();
            let refunded = -lines
                .iter()
                .filter(|l| l.kind == "refund")
                .map(|l| l.amount.amount())
                .sum::<i64>();
            Ok(Reconciliation {
                day,
                lines,
                received: Yen::new(received),
                refunded: Yen::new(refunded),
            })
        })
    }

    fn ledger_line(
        &self,
        c: &mut dyn RecordsRead,
        p: &PaymentRecord,
        kind: &'static str,
        at: Option<chrono::NaiveDateTime>,
        amount: i64,
    ) -> Result<LedgerLine, AppError> {
        let row = c
            .find_submission(&p.tenant_id, &p.submission_id)?
            .ok_or_else(|| AppError::broken("payment without submission"))?;
        let form = self.app.form_version(c, &row.form_version)?;
        Ok(LedgerLine {
            at: at.map(|t| t.and_utc()).unwrap_or_default(),
            kind,
            arrival_number: row.arrival_number.clone(),
            procedure_id: row.procedure_id.clone(),
            procedure_title: form.title().clone(),
            checkout_id: p
                .checkout_id
                .clone()
                .or_else(|| p.receipt_number.clone())
                .unwrap_or_default(),
            channel: p.channel,
            method: p.method,
            amount: Yen::new(amount),
        })
    }
}
