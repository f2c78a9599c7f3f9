//! Use cases run on actix's blocking pool (diesel is synchronous), inside the request's
//! tracing span: what they log carries the request id like everything else the request
//! logs.

use actix_web::error::BlockingError;
use actix_web::web;

/// Runs `f` on the blocking pool in the current span.
pub async fn run_blocking<T, F>(f: F) -> Result<T, BlockingError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let span = tracing::Span::current();
    web::block(move || span.in_scope(f)).await
}
