//! A step posted with a file (`multipart/form-data`), read so that nobody can make the
//! server hold files in memory or read them for someone not allowed: the CSRF token is
//! checked before the first byte of a file is read, the file goes to a temporary file on
//! disk with its size limit enforced while it arrives, and only so many uploads are read at
//! once. Also: what is left of a body refused for its size.

use std::cell::RefCell;
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest};
use futures_util::{Stream, StreamExt};
use madoguchi_core::ErrorCode;
use tokio::sync::OwnedSemaphorePermit;

use super::form::{MAX_PAIRS, declared_length, verify_csrf};
use super::{cookie_value, lang_of, state};
use crate::error::WebError;
use crate::{WebState, cookies};

/// The fields of a step posted with a file: the text fields (CSRF-checked like
/// [`super::FormBody`]) and the file of the question named by the input `file:<name>`.
/// Refusals, each before the file is read: 415 wrong type, 403 no CSRF cookie or a wrong
/// token (the forms send `csrf_token` first, or a client sends `X-CSRF-Token`), 413 a
/// declared length over the limit, 503 too many uploads at once. A file growing past the
/// limit stops the reading: 413, nothing kept.
#[derive(Debug)]
pub struct Upload {
    pub pairs: Vec<(String, String)>,
    /// `None` when no file was chosen.
    pub file: Option<StagedFile>,
}

/// An uploaded file waiting on disk for the use case: removed when dropped.
#[derive(Debug)]
pub struct StagedFile {
    /// The question's input name (without `file:`).
    pub question: String,
    /// The file name as sent.
    pub file_name: String,
    path: tempfile::TempPath,
    /// The upload's place, held until the file is stored or dropped.
    _slot: Option<OwnedSemaphorePermit>,
}

impl StagedFile {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl FromRequest for Upload {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let payload = payload.take();
        Box::pin(async move {
            let lang = lang_of(&req);
            let st = state(&req)?;
            let refuse = |code| WebError::new(code, lang);
            let text_limit = st.config.max_form_bytes;
            let file_limit = madoguchi_app::kernel::MAX_FILE_BYTES;
            let declared = declared_length(&req, "multipart/form-data").map_err(refuse)?;
            let checked = csrf_before_body(&req, &st).map_err(refuse)?;
            if declared.is_some_and(|n| n > file_limit + text_limit) {
                return Err(refuse(ErrorCode::FileTooLarge));
            }
            let Some(slot) = st.config.limits.uploads.take() else {
                tracing::warn!("upload refused: too many uploads at once");
                return Err(refuse(ErrorCode::ServiceUnavailable));
            };
            let reading = Reading {
                req: &req,
                st: &st,
                text_limit,
                file_limit,
                dir: st.app.config().files_dir.join(".incoming"),
                checked,
            };
            let (pairs, file) = reading.read(payload).await.map_err(refuse)?;
            Ok(Upload {
                pairs: pairs
                    .into_iter()
                    .filter(|(k, _)| k != "csrf_token")
                    .collect(),
                file: file.map(|f| StagedFile {
                    _slot: Some(slot),
                    ..f
                }),
            })
        })
    }
}

/// What can be checked from the headers alone: without the CSRF cookie no token can be
/// right (403 now); a token in `X-CSRF-Token` is checked now. Returns whether the token
/// has been checked.
fn csrf_before_body(req: &HttpRequest, st: &WebState) -> Result<bool, ErrorCode> {
    if cookie_value(req, cookies::CSRF, st.config.secure_cookies).is_none() {
        tracing::info!(
            route = req.match_pattern().unwrap_or_default(),
            "upload refused before its body: no CSRF cookie"
        );
        return Err(ErrorCode::CsrfFailed);
    }
    match req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        Some(token) => {
            let pairs = [("csrf_token".to_string(), token.to_string())];
            verify_csrf(req, st, &pairs).map(|()| true)
        }
        None => Ok(false),
    }
}

/// The text fields and the staged file of an upload.
type Read = (Vec<(String, String)>, Option<StagedFile>);

/// How long a refused body is read on before the connection is given up.
const DRAIN_FOR: Duration = Duration::from_secs(10);

struct Reading<'a> {
    req: &'a HttpRequest,
    st: &'a WebState,
    text_limit: usize,
    file_limit: usize,
    /// Where files are staged (beside the stored files, so on the same disk).
    dir: PathBuf,
    /// The CSRF token has been checked (from a header).
    checked: bool,
}

impl Reading<'_> {
    /// The fields of `payload`, the file's growing past `file_limit` or the text's past
    /// `text_limit` stopping the reading (413). A body refused for its size is then read
    /// to its end and dropped, up to the two limits together and for at most
    /// [`DRAIN_FOR`]: a client still sending reads the 413 instead of a reset connection
    /// (closing a socket with unread data makes the kernel answer RST, and the response is
    /// lost with it). A body refused for its token is not read on: the connection closes.
    async fn read(mut self, payload: Payload) -> Result<Read, ErrorCode> {
        let body = Rc::new(RefCell::new(payload));
        let mut parts =
            actix_multipart::Multipart::new(self.req.headers(), Shared(Rc::clone(&body)));
        let read = self.read_parts(&mut parts).await;
        drop(parts);
        if let Err(ErrorCode::FileTooLarge | ErrorCode::PayloadTooLarge) = read {
            let rest = std::mem::replace(&mut *body.borrow_mut(), Payload::None);
            drain(rest, self.file_limit + self.text_limit).await;
        }
        read
    }

    async fn read_parts(
        &mut self,
        parts: &mut actix_multipart::Multipart,
    ) -> Result<Read, ErrorCode> {
        let mut pairs = Vec::new();
        let mut text_bytes = 0usize;
        let mut file: Option<StagedFile> = None;
        while let Some(field) = parts.next().await {
            let mut field = field.map_err(|_| ErrorCode::MalformedRequest)?;
            let name = field.name().unwrap_or_default().to_string();
            if let Some(question) = name.strip_prefix("file:") {
                // Not a byte of a file before the token is known to be right.
                if !self.checked {
                    verify_csrf(self.req, self.st, &pairs)?;
                    self.checked = true;
                }
                let file_name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .unwrap_or_default()
                    .to_string();
                let staged = self.stage(&mut field).await?;
                // Empty file inputs (another question's) are sent too: skip them.
                if staged.is_some() || !file_name.is_empty() {
                    if file.is_some() {
                        return Err(ErrorCode::MalformedRequest);
                    }
                    let path = match staged {
                        Some(path) => path,
                        None => temp_file(&self.dir)?.into_temp_path(),
                    };
                    file = Some(StagedFile {
                        question: question.to_string(),
                        file_name,
                        path,
                        _slot: None,
                    });
                }
                continue;
            }
            let mut data = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(|_| ErrorCode::MalformedRequest)?;
                text_bytes += chunk.len();
                if text_bytes > self.text_limit {
                    return Err(ErrorCode::PayloadTooLarge);
                }
                data.extend_from_slice(&chunk);
            }
            let value = String::from_utf8(data).map_err(|_| ErrorCode::MalformedRequest)?;
            pairs.push((name, value));
            if pairs.len() > MAX_PAIRS {
                return Err(ErrorCode::MalformedRequest);
            }
        }
        if !self.checked {
            verify_csrf(self.req, self.st, &pairs)?;
        }
        Ok((pairs, file))
    }

    /// The file part written to a temporary file (`None` when it is empty), within the
    /// limit; the file is removed on any failure (dropped).
    async fn stage(
        &self,
        field: &mut actix_multipart::Field,
    ) -> Result<Option<tempfile::TempPath>, ErrorCode> {
        stage(field, &self.dir, self.file_limit).await
    }
}

/// A file arriving in chunks written to a temporary file in `dir` (`None` when it is
/// empty), refused once it grows past `limit` (413 `file_too_large`); the file is removed
/// on any failure (dropped). Uploads of the pages and of the API alike.
pub(crate) async fn stage<S, E>(
    chunks: &mut S,
    dir: &Path,
    limit: usize,
) -> Result<Option<tempfile::TempPath>, ErrorCode>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    let mut staged: Option<tempfile::NamedTempFile> = None;
    let mut size = 0usize;
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|_| ErrorCode::MalformedRequest)?;
        size += chunk.len();
        if size > limit {
            return Err(ErrorCode::FileTooLarge);
        }
        let file = match &mut staged {
            Some(f) => f,
            None => staged.insert(temp_file(dir)?),
        };
        // One chunk into the page cache; the file store syncs what it keeps, on the
        // blocking pool.
        file.write_all(&chunk).map_err(|e| staging_failed(&e))?;
    }
    match staged {
        Some(mut f) => {
            f.flush().map_err(|e| staging_failed(&e))?;
            Ok(Some(f.into_temp_path()))
        }
        None => Ok(None),
    }
}

fn temp_file(dir: &Path) -> Result<tempfile::NamedTempFile, ErrorCode> {
    std::fs::create_dir_all(dir)
        .and_then(|()| tempfile::Builder::new().prefix("upload-").tempfile_in(dir))
        .map_err(|e| staging_failed(&e))
}

fn staging_failed(e: &std::io::Error) -> ErrorCode {
    tracing::error!(error = %e, "upload could not be staged on disk");
    ErrorCode::ServiceUnavailable
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
