//! A fee taken at the counter (窓口収納), on the filing's page: the clerk records the amount,
//! how it was paid and the till's receipt number; a counter payment's refund is marked
//! handed back. Refused input shows the page again with each input's message.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use madoguchi_app::fees::{
    COUNTER_METHODS, CounterPaymentFault, CounterPaymentField, CounterPaymentInput,
    CounterPaymentProblem, MAX_RECEIPT_NUMBER,
};
use madoguchi_app::review::SubmissionDetail;
use madoguchi_core::{Lang, jst};
use madoguchi_i18n::t;

use super::detail::{detail_view, load_detail};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody, RecordKey};
use crate::routes::{html, see_other};
use crate::views::{ErrorLink, TextInput};

/// The ids (and names) of the form's inputs.
const AMOUNT: &str = "counter-amount";
const RECEIPT: &str = "counter-receipt-number";
const METHOD: &str = "counter-method";

/// The form on the filing's page, as typed, with what to fix.
pub(in crate::routes::office) struct CounterForm {
    pub(super) inputs: Vec<TextInput>,
    /// `(value, label, checked)` of each way to pay.
    pub(super) methods: Vec<(String, String, bool)>,
    pub(super) method_error: Option<String>,
    pub(super) errors: Vec<ErrorLink>,
}

impl CounterForm {
    pub(super) fn new(
        s: &SubmissionDetail,
        lang: Lang,
        typed: &CounterPaymentInput,
        faults: &[CounterPaymentFault],
    ) -> Self {
        let fresh = faults.is_empty();
        let fault_at = |field: CounterPaymentField, label: &str| {
            faults
                .iter()
                .find(|f| f.field == field)
                .map(|f| fault_text(f.problem, label, lang))
        };
        let mut errors = Vec::new();
        let amount_label = msg::web_counter_fee_amount::text(lang);
        // Offered filled with the fee: the counter takes the fee, no more, no less.
        let amount_value = match (&s.counter_fee, fresh) {
            (Some(f), true) => f.amount.amount().to_string(),
            _ => typed.amount.clone(),
        };
        let amount = TextInput {
            numeric: true,
            ..TextInput::typed(
                AMOUNT,
                amount_label,
                Some(msg::web_counter_fee_amount_hint::text(lang)),
                &amount_value,
                "w-10",
                fault_at(CounterPaymentField::Amount, amount_label),
                &mut errors,
            )
        };
        let method_label = msg::web_counter_fee_method::text(lang);
        let method_error = fault_at(CounterPaymentField::Method, method_label);
        if let Some(text) = &method_error {
            errors.push(ErrorLink {
                href: format!("#{METHOD}-{}", COUNTER_METHODS[0].code()),
                text: text.clone(),
            });
        }
        let receipt_label = msg::web_counter_fee_receipt_number::text(lang);
        let receipt = TextInput::typed(
            RECEIPT,
            receipt_label,
            Some(msg::web_counter_fee_receipt_number_hint::text(lang)),
            &typed.receipt_number,
            "w-20",
            fault_at(CounterPaymentField::ReceiptNumber, receipt_label),
            &mut errors,
        );
        let methods = COUNTER_METHODS
            .iter()
            .map(|m| {
                (
                    m.code().to_string(),
                    madoguchi_app::submission::method_label(*m)
                        .get(lang)
                        .to_string(),
                    typed.method == m.code(),
                )
            })
            .collect();
        CounterForm {
            inputs: vec![amount, receipt],
            methods,
            method_error,
            errors,
        }
    }

    /// `aria-describedby` of the way-to-pay group.
    pub(super) fn method_describedby(&self) -> String {
        crate::views::described_by(METHOD, false, self.method_error.is_some())
    }
}

fn fault_text(problem: CounterPaymentProblem, label: &str, lang: Lang) -> String {
    match problem {
        CounterPaymentProblem::Missing => t!(lang, web_counter_fee_missing, label = label),
        CounterPaymentProblem::NotAmount => t!(lang, web_counter_fee_not_amount, label = label),
        CounterPaymentProblem::NotTheFee(fee) => t!(
            lang,
            web_counter_fee_not_the_fee,
            label = label,
            fee = fee.format(lang)
        ),
        CounterPaymentProblem::NotMethod => t!(lang, web_counter_fee_not_method, label = label),
        CounterPaymentProblem::NotReceiptNumber => t!(
            lang,
            web_counter_fee_not_receipt_number,
            label = label,
            max = MAX_RECEIPT_NUMBER.to_string()
        ),
        CounterPaymentProblem::AlreadyPaid => {
            msg::web_counter_fee_already_paid::text(lang).to_string()
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct Posted {
    #[serde(rename = "counter-amount")]
    amount: String,
    #[serde(rename = "counter-method")]
    method: String,
    #[serde(rename = "counter-receipt-number")]
    receipt_number: String,
}

/// Records the fee taken at the counter; back to the filing, or the page again with what
/// to fix (422, nothing recorded).
pub(super) async fn record(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner().into_inner();
    let posted: Posted = body.parse()?;
    let input = CounterPaymentInput {
        amount: posted.amount,
        method: posted.method,
        receipt_number: posted.receipt_number,
    };
    let (c, sid, inp) = (clerk.clerk.clone(), id.clone(), input.clone());
    let faults = ctx
        .run(move |app, tenant| app.fees(&tenant).record_at_counter(&c, &sid, &inp))
        .await?;
    let faults = match faults {
        Ok(_) => return Ok(see_other(&format!("/office/submissions/{id}#fee"))),
        Err(faults) => faults,
    };
    let s = load_detail(&ctx, &clerk, id).await?;
    let closed = ctx.app.closed_days(&clerk.clerk.tenant);
    let mut view = detail_view(lang, &clerk, csrf.0, s, jst::date(ctx.app.now()), closed);
    view.counter = CounterForm::new(&view.s, lang, &input, &faults);
    view.page.has_errors = true;
    html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
}

/// A counter payment's refund was handed back at the counter.
pub(super) async fn returned(
    ctx: Ctx,
    clerk: CurrentClerk,
    path: web::Path<(RecordKey, RecordKey)>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (id, payment) = path.into_inner();
    let (id, payment) = (id.into_inner(), payment.into_inner());
    let c = clerk.clerk.clone();
    let sid = id.clone();
    ctx.run(move |app, tenant| {
        app.fees(&tenant)
            .counter_refund_returned(&c, &sid, &payment)
    })
    .await?;
    Ok(see_other(&format!("/office/submissions/{id}#fee")))
}
