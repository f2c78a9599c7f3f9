//! How long a request body may take to arrive, and how many uploads run at once.
//!
//! Headers are bounded by the server (`client_request_timeout`); a body that trickles in a
//! byte at a time would otherwise hold its connection (and a file descriptor) for as long as
//! the client likes. [`body_deadline`] gives every body a whole-body deadline, whichever
//! extractor reads it (forms, uploads, JSON, the payment webhook, the mounted stub): past it
//! the body reads as failed and the answer is 408 `request_timeout` on a closed connection.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, ResponseError};
use futures_util::Stream;
use madoguchi_core::ErrorCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

use crate::WebState;
use crate::error::WebError;

/// The limits on request bodies.
#[derive(Clone, Debug)]
pub struct BodyLimits {
    /// Whole-body deadline of a form or JSON body, from the end of its headers.
    pub body_timeout: Duration,
    /// Whole-body deadline of a `multipart/form-data` body (a step with a file) or of a
    /// file uploaded over the API.
    pub upload_timeout: Duration,
    /// Uploads read at the same time; more are answered 503 with `Retry-After`.
    pub uploads: UploadSlots,
}

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits {
            body_timeout: Duration::from_secs(30),
            upload_timeout: Duration::from_secs(300),
            uploads: UploadSlots::new(16),
        }
    }
}

/// The places for uploads in progress (shared by every HTTP worker).
#[derive(Clone, Debug)]
pub struct UploadSlots(Arc<Semaphore>);

impl UploadSlots {
    pub fn new(slots: usize) -> UploadSlots {
        UploadSlots(Arc::new(Semaphore::new(slots)))
    }

    /// A place, if one is free; it is given back when dropped.
    pub(crate) fn take(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.0).try_acquire_owned().ok()
    }
}

/// Middleware (use with `actix_web::middleware::from_fn`): the body deadline of
/// [`BodyLimits`] for every request.
pub async fn body_deadline(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let limits = req
        .app_data::<web::Data<WebState>>()
        .map(|st| st.config.limits.clone())
        .unwrap_or_default();
    let multipart = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/"));
    // A department system's file, sent as the body itself.
    let api_file = req.path().starts_with("/api/") && req.path().ends_with("/files");
    let within = if multipart || api_file {
        limits.upload_timeout
    } else {
        limits.body_timeout
    };
    let expired = Rc::new(Cell::new(false));
    let (http_req, payload) = req.into_parts();
    let body = Deadline {
        inner: payload,
        at: Instant::now() + within,
        sleep: None,
        expired: Rc::clone(&expired),
    };
    let req = ServiceRequest::from_parts(
        http_req,
        Payload::Stream {
            payload: Box::pin(body),
        },
    );
    let res = next.call(req).await?;
    if !expired.get() {
        return Ok(res.map_into_boxed_body());
    }
    let (req, _) = res.into_parts();
    tracing::info!(
        route = req.match_pattern().unwrap_or_default(),
        seconds = within.as_secs(),
        "request refused: its body did not arrive in time"
    );
    let response = timed_out(&req);
    Ok(ServiceResponse::new(req, response).map_into_boxed_body())
}

/// 408 in the API's envelope or as the error page, on a connection that is then closed.
fn timed_out(req: &HttpRequest) -> actix_web::HttpResponse {
    if req.path().starts_with("/api/") {
        crate::routes::api::ApiError::Code(ErrorCode::RequestTimeout).error_response()
    } else {
        WebError::new(ErrorCode::RequestTimeout, crate::extract::lang_of(req)).error_response()
    }
}

/// A request body that fails once its deadline has passed.
struct Deadline {
    inner: Payload,
    at: Instant,
    /// Made when the body first waits (requests without a body never need one).
    sleep: Option<Pin<Box<Sleep>>>,
    expired: Rc<Cell<bool>>,
}

impl Deadline {
    fn expire(&mut self) -> Poll<Option<Result<Bytes, PayloadError>>> {
        self.expired.set(true);
        self.inner = Payload::None;
        Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "request body deadline passed",
        )))))
    }
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.expired.get() {
            return Poll::Ready(None);
        }
        match Pin::new(&mut self.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(_))) if Instant::now() >= self.at => self.expire(),
            Poll::Ready(item) => Poll::Ready(item),
            Poll::Pending => {
                let at = self.at;
                let sleep = self
                    .sleep
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(at)));
                match sleep.as_mut().poll(cx) {
                    Poll::Ready(()) => self.expire(),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }
}
