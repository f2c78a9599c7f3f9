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

/// Stored bytes streamed to the client: read in 64 KiB chunks on the blocking pool, at
/// most a few chunks ahead of what the client has taken (a slow client holds no file in
/// memory). A read error ends the body early (the client sees a short download, and the
/// error is logged).
pub fn stream_reader(
    content: madoguchi_app::kernel::FileReader,
) -> impl futures_util::Stream<Item = Result<web::Bytes, std::io::Error>> {
    use std::io::Read;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<web::Bytes, std::io::Error>>(4);
    let span = tracing::Span::current();
    let mut reader = content.0;
    tokio::task::spawn_blocking(move || {
        let _entered = span.enter();
        loop {
            let mut buf = vec![0u8; 64 * 1024];
            let read = match reader.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => {
                    buf.truncate(n);
                    Ok(web::Bytes::from(buf))
                }
                Err(e) => {
                    tracing::error!(error = %e, "stored file could not be read to its end");
                    Err(e)
                }
            };
            let failed = read.is_err();
            // The client went away: stop reading.
            if tx.blocking_send(read).is_err() || failed {
                return;
            }
        }
    });
    futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
}
