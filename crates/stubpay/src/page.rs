//! The hosted checkout page: server-rendered HTML in Japanese with English (catalogue
//! `stubpay.ftl`), one plain form per method (no JavaScript), usable on a 320 px screen.

use std::fmt::Write;

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, LOCATION};
use actix_web::{HttpResponse, web};
use madoguchi_core::Lang;
use madoguchi_i18n::{Phrase, msg, t};
use madoguchi_payment::{PaymentMethod, PaymentStatus};
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Deserialize;

use crate::StubPay;
use crate::state::{Record, Refusal};

/// The test card that pays.
pub(crate) const CARD_OK: &str = "4242424242424242";
/// The test card that is declined.
pub(crate) const CARD_DECLINED: &str = "4000000000000002";

pub(crate) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/pay/{id}", web::get().to(show))
        .route("/pay/{id}/card", web::post().to(card))
        .route("/pay/{id}/konbini", web::post().to(konbini))
        .route("/pay/{id}/qr", web::post().to(qr));
}

async fn show(stub: web::Data<StubPay>, id: web::Path<String>) -> HttpResponse {
    match stub.record(&id) {
        Ok(record) => html(StatusCode::OK, &render(&stub, &record, None)),
        Err(_) => not_found(),
    }
}

#[derive(Debug, Deserialize)]
struct CardForm {
    card_number: String,
}

async fn card(
    stub: web::Data<StubPay>,
    id: web::Path<String>,
    form: web::Form<CardForm>,
) -> HttpResponse {
    let number: String = form
        .card_number
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .collect();
    if number != CARD_OK && number != CARD_DECLINED {
        return match stub.record(&id) {
            Ok(record) => html(
                StatusCode::UNPROCESSABLE_ENTITY,
                &render(
                    &stub,
                    &record,
                    Some(&format!(
                        "{} / {}",
                        msg::stubpay_card_unknown::text(Lang::Ja),
                        msg::stubpay_card_unknown::text(Lang::En)
                    )),
                ),
            ),
            Err(_) => not_found(),
        };
    }
    after(
        &stub,
        &id,
        stub.act(&id, PaymentMethod::Card, number == CARD_OK),
    )
}

async fn konbini(stub: web::Data<StubPay>, id: web::Path<String>) -> HttpResponse {
    after(&stub, &id, stub.act(&id, PaymentMethod::Konbini, false))
}

async fn qr(stub: web::Data<StubPay>, id: web::Path<String>) -> HttpResponse {
    after(&stub, &id, stub.act(&id, PaymentMethod::Qr, false))
}

/// A settled checkout sends the resident back to the city; a pending one shows its number.
fn after(stub: &StubPay, id: &str, acted: Result<(), Refusal>) -> HttpResponse {
    match (acted, stub.record(id)) {
        (Err(Refusal::NotFound(_)), _) | (_, Err(_)) => not_found(),
        (_, Ok(record))
            if record.status == PaymentStatus::Created
                || record.status == PaymentStatus::Pending =>
        {
            see_other(&stub.page_url(id))
        }
        (_, Ok(record)) => see_other(&return_url(&record)),
    }
}

fn return_url(record: &Record) -> String {
    let url = &record.request.return_url;
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}checkout={}", record.id)
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location.to_owned()))
        .finish()
}

fn html(status: StatusCode, body: &str) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header(("cache-control", "no-store"))
        .body(body.to_owned())
}

fn not_found() -> HttpResponse {
    html(
        StatusCode::NOT_FOUND,
        &layout(
            msg::stubpay_not_found::text(Lang::Ja),
            &format!(
                "<h1>{}</h1><p>{}</p>",
                both(msg::stubpay_not_found::text),
                both(msg::stubpay_check_link::text)
            ),
        ),
    )
}

fn layout(title: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} — StubPay</title><style>\
body{{font-family:sans-serif;margin:0;line-height:1.6;color:#1a1a1a;background:#fff}}\
header,main{{max-width:40rem;margin:0 auto;padding:1rem}}header{{border-bottom:2px solid #1a1a1a}}\
section{{border:1px solid #767676;border-radius:4px;padding:1rem;margin:1rem 0}}\
label{{display:block;font-weight:bold}}input{{box-sizing:border-box;width:100%;font-size:1.1rem;padding:.5rem;margin:.25rem 0 .75rem}}\
button{{font-size:1.1rem;padding:.6rem 1.2rem;min-height:44px}}\
.qr svg{{max-width:100%;height:auto}}.number{{font-size:1.6rem;letter-spacing:.1em;font-weight:bold}}\
.error{{border-left:4px solid #b00020;padding-left:.75rem;color:#b00020}}\
</style></head><body><header><p>{}</p></header>\
<main>{main}</main></body></html>\n",
        escape(title),
        both(msg::stubpay_header::text)
    )
}

fn render(stub: &StubPay, record: &Record, error: Option<&str>) -> String {
    let id = escape(&record.id);
    let base = format!("{}/pay/{id}", escape(&stub.config().public_url));
    let amount = record.request.amount;
    let mut main = format!(
        "<h1>{}</h1><dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} <span lang=\"en\">({})</span></dd></dl>",
        both(msg::stubpay_payment::text),
        both(msg::stubpay_for::text),
        escape(&record.request.description),
        both(msg::stubpay_amount::text),
        escape(&amount.format(Lang::Ja)),
        escape(&amount.format(Lang::En)),
    );
    let back = format!(
        "<p><a href=\"{}\">{}</a></p>",
        escape(&return_url(record)),
        both(msg::stubpay_back::text)
    );
    match record.status {
        PaymentStatus::Due | PaymentStatus::Created => {}
        PaymentStatus::Pending => {
            let number = record.konbini_number.as_deref().unwrap_or("—");
            let _ = write!(
                main,
                "<section aria-labelledby=\"pending\"><h2 id=\"pending\">{}</h2><p>{}</p>\
                 <p>{}: <span class=\"number\">{}</span></p><p>{}</p></section>{back}",
                both(msg::stubpay_pending::text),
                both(msg::stubpay_pending_till::text),
                both(msg::stubpay_payment_number::text),
                escape(number),
                both(msg::stubpay_pending_lapses::text),
            );
            return layout(msg::stubpay_pending::text(Lang::Ja), &main);
        }
        status => {
            let outcome = match status {
                PaymentStatus::Paid => msg::stubpay_paid::text,
                PaymentStatus::Failed => msg::stubpay_failed::text,
                PaymentStatus::Expired => msg::stubpay_expired::text,
                _ => msg::stubpay_refunded::text,
            };
            let _ = write!(main, "<p role=\"status\">{}</p>{back}", both(outcome));
            return layout(outcome(Lang::Ja), &main);
        }
    }
    if let Some(error) = error {
        let _ = write!(
            main,
            "<p class=\"error\" role=\"alert\" id=\"card-error\">{}</p>",
            escape(error)
        );
    }
    let described = if error.is_some() {
        " aria-describedby=\"card-error\" aria-invalid=\"true\""
    } else {
        ""
    };
    let qr = QrCode::new(format!("{}/pay/{}", stub.config().public_url, record.id))
        .map(|code| {
            code.render::<svg::Color<'_>>()
                .min_dimensions(160, 160)
                .build()
        })
        .unwrap_or_default();
    let hint = |lang| {
        escape(&t!(
            lang,
            stubpay_card_hint,
            ok = CARD_OK,
            declined = CARD_DECLINED
        ))
    };
    let _ = write!(
        main,
        "<h2>{how}</h2>\
<section aria-labelledby=\"m-card\"><h3 id=\"m-card\">{card}</h3>\
<form method=\"post\" action=\"{base}/card\">\
<label for=\"card_number\">{number}</label>\
<p id=\"card-hint\">{hint_ja} <span lang=\"en\">{hint_en}</span></p>\
<input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\" required aria-describedby=\"card-hint\"{described}>\
<button type=\"submit\">{pay_card}</button></form></section>\
<section aria-labelledby=\"m-konbini\"><h3 id=\"m-konbini\">{konbini}</h3>\
<p>{konbini_about}</p>\
<form method=\"post\" action=\"{base}/konbini\"><button type=\"submit\">{konbini_get}</button></form></section>\
<section aria-labelledby=\"m-qr\"><h3 id=\"m-qr\">{qr_title}</h3>\
<div class=\"qr\" role=\"img\" aria-label=\"{qr_ja} / {qr_en}\">{qr}</div>\
<p>{qr_about}</p>\
<form method=\"post\" action=\"{base}/qr\"><button type=\"submit\">{qr_pay}</button></form></section>",
        how = both(msg::stubpay_how_to_pay::text),
        card = both(msg::stubpay_card::text),
        number = both(msg::stubpay_card_number::text),
        hint_ja = hint(Lang::Ja),
        hint_en = hint(Lang::En),
        pay_card = both(msg::stubpay_pay_by_card::text),
        konbini = both(msg::stubpay_konbini::text),
        konbini_about = both(msg::stubpay_konbini_about::text),
        konbini_get = both(msg::stubpay_konbini_get_number::text),
        qr_title = both(msg::stubpay_qr::text),
        qr_ja = escape(msg::stubpay_qr_image::text(Lang::Ja)),
        qr_en = escape(msg::stubpay_qr_image::text(Lang::En)),
        qr_about = both(msg::stubpay_qr_about::text),
        qr_pay = both(msg::stubpay_qr_pay::text),
    );
    layout(msg::stubpay_payment::text(Lang::Ja), &main)
}

/// The Japanese, then the English in a span of its own: `お支払い <span lang="en">Payment</span>`.
fn both(text: Phrase) -> String {
    format!(
        "{} <span lang=\"en\">{}</span>",
        escape(text(Lang::Ja)),
        escape(text(Lang::En))
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
