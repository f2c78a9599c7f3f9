//! The hosted checkout page: server-rendered HTML in Japanese with English, one plain form
//! per method (no JavaScript), usable on a 320 px screen.

use std::fmt::Write;

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, LOCATION};
use actix_web::{HttpResponse, web};
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
                    Some(
                        "テスト用のカード番号を入力してください。 / Enter one of the test card numbers.",
                    ),
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
            "お支払いが見つかりません",
            "<h1>お支払いが見つかりません <span lang=\"en\">Payment not found</span></h1>\
             <p>リンクをご確認ください。 <span lang=\"en\">Please check the link.</span></p>",
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
</style></head><body><header><p>StubPay テスト決済 <span lang=\"en\">(test payments — no real money)</span></p></header>\
<main>{main}</main></body></html>\n",
        escape(title)
    )
}

fn render(stub: &StubPay, record: &Record, error: Option<&str>) -> String {
    let id = escape(&record.id);
    let base = format!("{}/pay/{id}", escape(&stub.config().public_url));
    let amount = record.request.amount;
    let mut main = format!(
        "<h1>お支払い <span lang=\"en\">Payment</span></h1>\
         <dl><dt>内容 <span lang=\"en\">For</span></dt><dd>{}</dd>\
         <dt>金額 <span lang=\"en\">Amount</span></dt><dd>{} <span lang=\"en\">({})</span></dd></dl>",
        escape(&record.request.description),
        escape(&amount.format_ja()),
        escape(&amount.format_en()),
    );
    let back = format!(
        "<p><a href=\"{}\">申請のページへ戻る <span lang=\"en\">Back to the application</span></a></p>",
        escape(&return_url(record))
    );
    match record.status {
        PaymentStatus::Created => {}
        PaymentStatus::Pending => {
            let number = record.konbini_number.as_deref().unwrap_or("—");
            let _ = write!(
                main,
                "<section aria-labelledby=\"pending\"><h2 id=\"pending\">お支払い待ち <span lang=\"en\">Awaiting payment</span></h2>\
                 <p>コンビニのレジでこの番号をお伝えください。 <span lang=\"en\">Give this number at a convenience-store till.</span></p>\
                 <p>お支払い番号 <span lang=\"en\">Payment number</span>: <span class=\"number\">{}</span></p>\
                 <p>期限を過ぎると無効になります。 <span lang=\"en\">The number lapses after its due date.</span></p></section>{back}",
                escape(number)
            );
            return layout("お支払い待ち", &main);
        }
        status => {
            let (ja, en) = match status {
                PaymentStatus::Paid => ("お支払いが完了しました。", "Paid."),
                PaymentStatus::Failed => ("お支払いができませんでした。", "The payment failed."),
                PaymentStatus::Expired => ("お支払いの期限が切れました。", "The payment expired."),
                _ => ("返金されました。", "Refunded."),
            };
            let _ = write!(
                main,
                "<p role=\"status\">{ja} <span lang=\"en\">{en}</span></p>{back}"
            );
            return layout(ja, &main);
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
    let _ = write!(
        main,
        "<h2>お支払い方法 <span lang=\"en\">How to pay</span></h2>\
<section aria-labelledby=\"m-card\"><h3 id=\"m-card\">クレジットカード <span lang=\"en\">Card</span></h3>\
<form method=\"post\" action=\"{base}/card\">\
<label for=\"card_number\">カード番号 <span lang=\"en\">Card number</span></label>\
<p id=\"card-hint\">テスト用: {CARD_OK} は成功、{CARD_DECLINED} は拒否。 <span lang=\"en\">Test cards: {CARD_OK} pays, {CARD_DECLINED} is declined.</span></p>\
<input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\" required aria-describedby=\"card-hint\"{described}>\
<button type=\"submit\">カードで支払う <span lang=\"en\">Pay by card</span></button></form></section>\
<section aria-labelledby=\"m-konbini\"><h3 id=\"m-konbini\">コンビニ払い <span lang=\"en\">Convenience store</span></h3>\
<p>お支払い番号を発行します。期限までにコンビニでお支払いください。 <span lang=\"en\">You get a payment number to pay at a convenience store before it lapses.</span></p>\
<form method=\"post\" action=\"{base}/konbini\"><button type=\"submit\">番号を発行する <span lang=\"en\">Get a payment number</span></button></form></section>\
<section aria-labelledby=\"m-qr\"><h3 id=\"m-qr\">QRコード決済 <span lang=\"en\">QR payment</span></h3>\
<div class=\"qr\" role=\"img\" aria-label=\"支払い用QRコード / QR code for payment\">{qr}</div>\
<p>スマートフォンのアプリで読み取ってください（テストでは下のボタンで代用）。 <span lang=\"en\">Scan with your phone app (in tests, the button stands in for the phone).</span></p>\
<form method=\"post\" action=\"{base}/qr\"><button type=\"submit\">スマートフォンで支払う <span lang=\"en\">Pay from the phone</span></button></form></section>"
    );
    layout("お支払い", &main)
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
