//! Use cases run on actix's blocking pool (diesel is synchronous), inside the request's
//! tracing span: what they log carries the request id like everything else the request
//! logs.

use actix_web::error::BlockingError;
use std::io::Read as _;

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

/// Stored bytes streamed to the client: read in 64 KiB chunks on the blocking pool, each
/// when the one before was sent (a slow client holds no file in memory), each read a task
/// of its own, so a slow client holds no thread of the pool while it takes its time.
/// A read error ends the body early (the client sees a short download, and the error is
/// logged).
pub fn stream_reader(
    content: madoguchi_app::kernel::FileReader,
) -> impl futures_util::Stream<Item = Result<web::Bytes, std::io::Error>> {
    let span = tracing::Span::current();
    futures_util::stream::unfold(Some(content.0), move |reader| {
        let span = span.clone();
        async move {
            let reader = reader?;
            let chunk = web::block(move || span.in_scope(|| read_chunk(reader))).await;
            match chunk {
                Ok((_, Ok(None))) => None,
                Ok((reader, Ok(Some(bytes)))) => Some((Ok(bytes), Some(reader))),
                Ok((_, Err(e))) => {
                    tracing::error!(error = %e, "stored file could not be read to its end");
                    Some((Err(e), None))
                }
                Err(e) => Some((Err(std::io::Error::other(e.to_string())), None)),
            }
        }
    })
}

type Reader = Box<dyn std::io::Read + Send>;

/// The next chunk of `reader` (`None` at its end), and the reader to go on with.
fn read_chunk(mut reader: Reader) -> (Reader, std::io::Result<Option<web::Bytes>>) {
    let mut buf = vec![0u8; 64 * 1024];
    let read = match reader.read(&mut buf) {
        Ok(0) => Ok(None),
        Ok(n) => {
            buf.truncate(n);
            Ok(Some(web::Bytes::from(buf)))
        }
        Err(e) => Err(e),
    };
    (reader, read)
}
