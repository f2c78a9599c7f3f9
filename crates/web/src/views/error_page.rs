//! The error page: the person's mistakes get a 4xx page that says what to do; ours get a
//! 5xx page that gives nothing away (with the request id to quote).

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;
use madoguchi_core::ErrorCode;

use super::Page;
use crate::error::{WebError, retry_after_if_paused, status_of};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: Page,
    heading: &'a str,
    todo: &'a str,
    code: &'a str,
    /// The request's id, for the person to quote (`X-Request-Id`).
    request_id: Option<String>,
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        status_of(self.code)
    }

    fn error_response(&self) -> HttpResponse {
        if self.code == ErrorCode::LoginRequired {
            return HttpResponse::SeeOther()
                .insert_header((LOCATION, "/office/login"))
                .finish();
        }
        let (heading, todo) = self.code.message(self.lang);
        let page = ErrorPage {
            page: Page::new(self.lang, heading, "/"),
            heading,
            todo,
            code: self.code.code(),
            request_id: crate::observe::request_id::current().map(|id| id.to_string()),
        };
        let mut res = HttpResponse::build(self.status_code());
        if self.code == ErrorCode::ServiceUnavailable {
            res.insert_header((RETRY_AFTER, "5"));
        }
        retry_after_if_paused(&mut res, self.status_code());
        if matches!(
            self.code,
            ErrorCode::PayloadTooLarge
                | ErrorCode::FileTooLarge
                | ErrorCode::RequestTimeout
                | ErrorCode::CsrfFailed
        ) {
            // What is left of a refused body may still be on its way (an upload refused for
            // its token is not read at all): the connection is not reused (RFC 9110
            // §15.5.14, §15.5.9), so the browser's next request opens a new one.
            res.force_close();
        }
        match page.render() {
            Ok(html) => res
                .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
                .body(html),
            Err(_) => res
                .insert_header((CONTENT_TYPE, "text/plain; charset=utf-8"))
                .body(heading.to_string()),
        }
    }
}
