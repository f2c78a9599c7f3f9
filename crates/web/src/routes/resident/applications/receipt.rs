//! `/receipts/{number}`: the receipt, the history and the answers as they stand, for
//! the browser that filed; and the decision notice as a PDF.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::submission::Receipt;
use madoguchi_core::jst;
use madoguchi_workflow::State;

use crate::error::WebError;
use crate::extract::ArrivalKey;
use crate::extract::{CsrfToken, Ctx, ResidentSession};
use crate::routes::html;
use crate::views::{AnswerSection, Page, answered_sections};

#[derive(Template)]
#[template(path = "receipt.html")]
struct ReceiptPage {
    page: Page,
    receipt: Receipt,
    arrived_at: String,
    due: Option<String>,
    fee: String,
    /// How the fee is made (「300円 × 2年度 × 3通 = 1,800円」), while the answers as they
    /// stand still give the amount charged.
    fee_made: Option<String>,
    csrf: String,
    /// Coming back after the provider could not be reached.
    pay_unavailable: bool,
    history: Vec<madoguchi_app::submission::HistoryItem>,
    can_withdraw: bool,
    /// The answers as they stand now, step by step.
    sections: Vec<AnswerSection>,
    /// The status look-up key, in the browser that just filed (a day).
    status_key: Option<String>,
    /// Its bookings, each with its page while it may be changed.
    visits: Vec<crate::views::booked::BookedVisit>,
}

impl ReceiptPage {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }

    fn what(&self, item: &madoguchi_app::submission::HistoryItem) -> String {
        item.what.get(self.page.lang).to_string()
    }

    fn payment_status(&self) -> String {
        self.receipt
            .payment
            .as_ref()
            .map(|p| p.label().get(self.page.lang).to_string())
            .unwrap_or_default()
    }

    fn payment_method(&self) -> String {
        self.receipt
            .payment
            .as_ref()
            .and_then(|p| p.method)
            .map(|m| {
                madoguchi_app::submission::method_label(m)
                    .get(self.page.lang)
                    .to_string()
            })
            .unwrap_or_default()
    }

    fn status(&self) -> String {
        self.receipt.status_label().get(self.page.lang).to_string()
    }

    /// The panel's heading: the fee still to pay after an approval comes first, then the
    /// outcome once there is one.
    fn heading(&self) -> &'static str {
        heading(&self.receipt)(self.page.lang)
    }

    /// What the office wrote to the applicant with its decision (a refusal's reasons, an
    /// approval's note), shown under the heading.
    fn decision_note(&self) -> Option<&str> {
        self.history
            .iter()
            .rev()
            .find(|h| h.decision)
            .and_then(|h| h.message.as_deref())
    }

    fn decision_note_title(&self) -> &'static str {
        match self.receipt.state {
            State::Rejected => msg::web_resident_reasons_for_the_decision::text(self.page.lang),
            _ => msg::web_resident_note_with_the_decision::text(self.page.lang),
        }
    }

    /// "What happens next", for where the filing stands.
    fn next_steps(&self) -> Vec<&'static str> {
        let mut steps: Vec<madoguchi_i18n::Phrase> = match self.receipt.state {
            State::Approved => vec![
                msg::web_resident_save_the_decision_notice::text,
                msg::web_resident_the_result_reaches_you::text,
            ],
            State::Rejected => vec![
                msg::web_resident_save_the_decision_notice::text,
                msg::web_resident_the_notice_says_how_to_appeal::text,
            ],
            State::Closed | State::Withdrawn => vec![msg::web_resident_nothing_more_to_do::text],
            _ if self.receipt.email_notice => vec![
                msg::web_resident_we_have_emailed_you_a_receipt::text,
                msg::web_resident_the_section_will_review_your::text,
            ],
            _ => vec![msg::web_resident_the_section_will_review_your::text],
        };
        steps.push(msg::web_resident_keep_your_arrival_number_you::text);
        steps.into_iter().map(|p| p(self.page.lang)).collect()
    }

    fn decided(&self) -> bool {
        matches!(
            self.receipt.state,
            State::Approved | State::Rejected | State::Closed
        )
    }

    fn size(&self, bytes: &i64) -> String {
        madoguchi_app::kernel::human_size(*bytes)
    }

    fn title(&self) -> &str {
        self.receipt.procedure_title.get(self.page.lang)
    }

    fn department(&self) -> &str {
        self.receipt.department.get(self.page.lang)
    }

    fn counter_visit(&self) -> &str {
        self.receipt
            .counter_visit
            .as_ref()
            .map(|v| v.get(self.page.lang))
            .unwrap_or_default()
    }
}

/// The receipt's heading: the fee still owed after an approval, else the outcome, else
/// the arrival.
fn heading(receipt: &Receipt) -> madoguchi_i18n::Phrase {
    if receipt.fee_owed_after_approval().is_some() {
        return msg::web_resident_approved_pay_the_fee::text;
    }
    match receipt.state {
        State::Approved => msg::web_resident_heading_approved::text,
        State::Rejected => msg::web_resident_heading_rejected::text,
        State::Closed => msg::web_resident_heading_closed::text,
        State::Withdrawn => msg::web_resident_heading_withdrawn::text,
        _ => msg::web_resident_your_application_has_arrived::text,
    }
}

#[derive(serde::Deserialize)]
pub(super) struct ReceiptQuery {
    pay: Option<PayNote>,
}

/// `?pay=unavailable`: back after the payment provider could not be reached.
#[derive(serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum PayNote {
    Unavailable,
    #[serde(other)]
    Other,
}

pub(super) async fn receipt(
    req: actix_web::HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    number: web::Path<ArrivalKey>,
    query: web::Query<ReceiptQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (token, n) = (session.0, number.into_inner().into_inner());
    let madoguchi_app::filing::ApplicationView {
        receipt,
        form,
        answers,
        history,
        can_withdraw,
        bookings,
    } = ctx
        .run(move |app, tenant| app.filing(&tenant).application(token.as_deref(), &n))
        .await?;
    let page = Page::new(
        lang,
        match receipt.state {
            State::Approved | State::Rejected | State::Closed | State::Withdrawn => {
                heading(&receipt)(lang)
            }
            _ => msg::web_resident_application_received::text(lang),
        },
        format!("/receipts/{}", receipt.arrival_number),
    );
    let view = ReceiptPage {
        page,
        arrived_at: jst::format_datetime(receipt.arrived_at, lang),
        due: receipt
            .due_on
            .map(|d| crate::views::due_text(d, receipt.due_to_confirm, lang)),
        fee: receipt.fee.format(lang),
        fee_made: form
            .fee(&answers)
            .filter(|q| q.total == receipt.fee)
            .map(|q| q.breakdown().get(lang).to_string()),
        csrf: csrf.0,
        history,
        can_withdraw,
        sections: answered_sections(&form, &answers, lang),
        pay_unavailable: query.pay == Some(PayNote::Unavailable)
            && receipt.payment.as_ref().is_some_and(|p| p.can_pay()),
        status_key: crate::extract::status_key_for(&req, receipt.arrival_number.as_str()),
        visits: crate::views::booked::booked_visits(
            &bookings,
            |b| {
                Some(format!(
                    "/receipts/{}/bookings/{}",
                    receipt.arrival_number,
                    b.id.as_str()
                ))
            },
            lang,
        ),
        receipt,
    };
    html(StatusCode::OK, &view, lang)
}

/// The decision notice, for the browser that filed the application.
pub(super) async fn notice(
    ctx: Ctx,
    session: ResidentSession,
    number: web::Path<ArrivalKey>,
) -> Result<HttpResponse, WebError> {
    let (token, number) = (session.0, number.into_inner().into_inner());
    let doc = ctx
        .run(move |app, tenant| {
            app.filing(&tenant)
                .decision_notice_for_session(token.as_deref(), &number)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CONTENT_TYPE, "application/pdf"))
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{}\"", doc.filename),
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(doc.body))
}
