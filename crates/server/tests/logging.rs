//! A failure of ours is logged once, with its whole cause chain and the request id; what a
//! use case logs on the blocking pool carries the request id too; a person's mistake (4xx)
//! is not logged as an error.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};

use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, test, web};
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Lang};
use madoguchi_web::WebError;
use madoguchi_web::blocking::run_blocking;
use madoguchi_web::observe::{Observer, access::around};

/// Everything logged, as the server writes it (no colours).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn lines(&self) -> Vec<String> {
        String::from_utf8_lossy(&self.0.lock().unwrap())
            .lines()
            .map(str::to_string)
            .collect()
    }
}

async fn fails_in_the_use_case() -> Result<HttpResponse, WebError> {
    let result = run_blocking(|| {
        tracing::info!("the use case ran");
        Err::<(), _>(AppError::internal(
            "storing an attachment",
            std::io::Error::other("disk full"),
        ))
    })
    .await
    .map_err(|e| WebError::internal(e, Lang::Ja))?;
    result.map_err(|e| WebError::from_app(e, Lang::Ja))?;
    Ok(HttpResponse::Ok().finish())
}

async fn not_found() -> Result<HttpResponse, WebError> {
    Err(WebError::new(ErrorCode::NotFound, Lang::Ja))
}

#[actix_web::test]
async fn a_failure_is_logged_once_with_its_causes_and_the_request_id() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // The blocking pool's threads log through the global subscriber.
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let app = test::init_service(
        App::new()
            .wrap(from_fn(move |req, next| {
                around(Observer::default(), req, next)
            }))
            .route("/boom/{id}", web::get().to(fails_in_the_use_case))
            .route("/missing", web::get().to(not_found)),
    )
    .await;
    let res = test::call_service(&app, test::TestRequest::get().uri("/boom/1").to_request()).await;
    assert_eq!(res.status(), 500);
    let id = res
        .headers()
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let page = String::from_utf8(test::read_body(res).await.to_vec()).unwrap();
    assert!(page.contains(&id), "the page gives the id to quote: {page}");
    let res = test::call_service(&app, test::TestRequest::get().uri("/missing").to_request()).await;
    assert_eq!(res.status(), 404);

    let lines = captured.lines();
    let failed: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("request failed"))
        .collect();
    assert_eq!(failed.len(), 1, "one line for the one failure: {lines:#?}");
    let line = failed[0];
    assert!(
        line.contains("internal error: storing an attachment: disk full"),
        "the whole chain: {line}"
    );
    assert!(line.contains("request_id="), "the request id: {line}");
    assert!(line.contains(&id), "the id the response gave: {line}");
    assert!(
        line.contains("http.route=/boom/{id}"),
        "the route pattern: {line}"
    );
    assert!(line.contains("ERROR"), "{line}");

    let inside = lines
        .iter()
        .find(|l| l.contains("the use case ran"))
        .expect("the use case's own line");
    assert!(
        inside.contains("request_id="),
        "a use case on the blocking pool logs in the request's span: {inside}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("ERROR") && l.contains("/missing")),
        "a 404 is not an error of ours: {lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" INFO ") && l.contains("http.status_code=404")),
        "the 404 has its access line at INFO: {lines:#?}"
    );
    assert_eq!(
        lines.iter().filter(|l| l.contains("ERROR")).count(),
        1,
        "nothing else at ERROR: {lines:#?}"
    );
}
