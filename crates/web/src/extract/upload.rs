//! Reading a `multipart/form-data` step within its limits, and what is left of a body
//! refused for its size.

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::HttpRequest;
use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::web::Bytes;
use futures_util::{Stream, StreamExt};
use madoguchi_core::ErrorCode;

use super::form::MAX_PAIRS;

/// The text fields and the file (question, file name as sent, bytes) of an upload.
type Read = (Vec<(String, String)>, Option<(String, String, Vec<u8>)>);

/// How long a refused body is read on before the connection is given up.
const DRAIN_FOR: Duration = Duration::from_secs(10);

/// The fields of `payload`, the file's growing past `file_limit` or the text's past
/// `text_limit` stopping the reading (413). A body refused for its size is then read to
/// its end and dropped, up to the two limits together and for at most [`DRAIN_FOR`]: a
/// client still sending reads the 413 instead of a reset connection (closing a socket
/// with unread data makes the kernel answer RST, and the response is lost with it).
pub(super) async fn read(
    req: &HttpRequest,
    payload: Payload,
    text_limit: usize,
    file_limit: usize,
) -> Result<Read, ErrorCode> {
    let body = Rc::new(RefCell::new(payload));
    let mut parts = actix_multipart::Multipart::new(req.headers(), Shared(Rc::clone(&body)));
    let read = read_parts(&mut parts, text_limit, file_limit).await;
    drop(parts);
    if let Err(ErrorCode::FileTooLarge | ErrorCode::PayloadTooLarge) = read {
        let rest = std::mem::replace(&mut *body.borrow_mut(), Payload::None);
        drain(rest, file_limit + text_limit).await;
    }
    read
}

async fn read_parts(
    parts: &mut actix_multipart::Multipart,
    text_limit: usize,
    file_limit: usize,
) -> Result<Read, ErrorCode> {
    let mut pairs = Vec::new();
    let mut text_bytes = 0usize;
    let mut file = None;
    while let Some(field) = parts.next().await {
        let mut field = field.map_err(|_| ErrorCode::MalformedRequest)?;
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_string);
        let is_file = name.starts_with("file:");
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| ErrorCode::MalformedRequest)?;
            if is_file {
                if data.len() + chunk.len() > file_limit {
                    return Err(ErrorCode::FileTooLarge);
                }
            } else {
                text_bytes += chunk.len();
                if text_bytes > text_limit {
                    return Err(ErrorCode::PayloadTooLarge);
                }
            }
            data.extend_from_slice(&chunk);
        }
        if is_file {
            // Empty file inputs (another question's) are sent too: skip them.
            if !data.is_empty() || file_name.as_deref().is_some_and(|n| !n.is_empty()) {
                if file.is_some() {
                    return Err(ErrorCode::MalformedRequest);
                }
                file = Some((
                    name.trim_start_matches("file:").to_string(),
                    file_name.unwrap_or_default(),
                    data,
                ));
            }
        } else {
            let value = String::from_utf8(data).map_err(|_| ErrorCode::MalformedRequest)?;
            pairs.push((name, value));
            if pairs.len() > MAX_PAIRS {
                return Err(ErrorCode::MalformedRequest);
            }
        }
    }
    Ok((pairs, file))
}

/// Reads and drops up to `cap` more bytes of `rest`, for at most [`DRAIN_FOR`].
pub(crate) async fn drain(mut rest: Payload, cap: usize) {
    let read = async {
        let mut seen = 0usize;
        while let Some(Ok(chunk)) = rest.next().await {
            seen += chunk.len();
            if seen > cap {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_FOR, read).await;
}

/// The request body, read first by the multipart reader and then, after a refusal, by
/// [`drain`].
struct Shared(Rc<RefCell<Payload>>);

impl Stream for Shared {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut *self.0.borrow_mut()).poll_next(cx)
    }
}
