//! What the request log writes for a failed response: the cause chain of a page's or the
//! API's error, never shown to the person.

use crate::error::WebError;
use crate::routes::api::ApiError;

/// What to log for a response that failed with `e`: the cause chain of a page's or the
/// API's error (`None` when it carries none, as a person's mistakes do not).
pub fn logged_cause(e: &actix_web::Error) -> Option<String> {
    let cause: &(dyn std::error::Error + 'static) = if let Some(page) = e.as_error::<WebError>() {
        page.cause.as_deref()?
    } else if let Some(api) = e.as_error::<ApiError>() {
        api.cause()?
    } else {
        return Some(e.to_string());
    };
    Some(madoguchi_core::error_chain(cause))
}
