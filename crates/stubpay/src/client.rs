//! `StubPayClient`: the platform's side of the stub's API, implementing
//! [`PaymentProvider`]. A real provider's adapter has the same shape: map the provider's
//! API to the trait, its failures to [`ProviderError`], and verify its webhooks.

use std::fmt;
use std::time::Duration;

use madoguchi_core::Yen;
use madoguchi_payment::{
    Checkout, CheckoutRequest, PaymentProvider, PaymentState, ProviderError, Refund,
    SIGNATURE_HEADER, WebhookError, WebhookEvent, WebhookSecret, verify_webhook,
};
use reqwest::StatusCode;
use reqwest::blocking::{Client, RequestBuilder, Response};
use serde::de::DeserializeOwned;

use crate::api::{ErrorBody, NewRefund};
use crate::state::NewCheckout;

/// Blocking HTTP client of the stub's API. Use it on a plain (or blocking-pool) thread,
/// never inside an async task. It may be created and dropped anywhere: dropping hands the
/// inner client (which owns a small runtime) to a plain thread.
pub struct StubPayClient {
    base_url: String,
    api_key: String,
    secret: WebhookSecret,
    /// Built on first use (a blocking client cannot be built inside an async runtime, and
    /// the server is assembled inside one).
    http: std::sync::OnceLock<Client>,
}

impl Drop for StubPayClient {
    fn drop(&mut self) {
        if let Some(http) = self.http.take() {
            // Dropping a blocking client inside an async runtime panics; off-thread it is
            // harmless wherever the last reference goes.
            let _ = std::thread::Builder::new()
                .name("stubpay-client-drop".into())
                .spawn(move || drop(http));
        }
    }
}

impl fmt::Debug for StubPayClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StubPayClient")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl StubPayClient {
    /// `base_url` is where the stub's API is (`http://127.0.0.1:8090`, with any prefix).
    pub fn new(
        base_url: impl Into<String>,
        api_key: impl Into<String>,
        webhook_secret: WebhookSecret,
    ) -> Result<Self, ProviderError> {
        Ok(Self {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            api_key: api_key.into(),
            secret: webhook_secret,
            http: std::sync::OnceLock::new(),
        })
    }

    fn http(&self) -> Result<&Client, ProviderError> {
        if let Some(http) = self.http.get() {
            return Ok(http);
        }
        let http = Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        // Two first uses at once: one client is kept, the other dropped here (on this
        // blocking thread, which is fine).
        let _ = self.http.set(http);
        self.http
            .get()
            .ok_or_else(|| ProviderError::Unavailable("no HTTP client".into()))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn call<T: DeserializeOwned>(
        &self,
        request: RequestBuilder,
        checkout_id: &str,
    ) -> Result<T, ProviderError> {
        let response = request
            .bearer_auth(&self.api_key)
            .send()
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        let status = response.status();
        if status.is_success() {
            return response
                .json()
                .map_err(|e| ProviderError::Unavailable(format!("unreadable answer: {e}")));
        }
        Err(refusal(status, checkout_id, response))
    }
}

fn refusal(status: StatusCode, checkout_id: &str, response: Response) -> ProviderError {
    let message = response
        .json::<ErrorBody>()
        .map(|b| b.message)
        .unwrap_or_else(|_| status.to_string());
    if status == StatusCode::NOT_FOUND {
        ProviderError::NotFound(checkout_id.to_owned())
    } else if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
        ProviderError::Unavailable(format!("{status}: {message}"))
    } else {
        ProviderError::Rejected(format!("{status}: {message}"))
    }
}

impl PaymentProvider for StubPayClient {
    fn create_checkout(&self, request: &CheckoutRequest) -> Result<Checkout, ProviderError> {
        let body = NewCheckout {
            reference: request.reference.clone(),
            amount: request.amount,
            description: request.description.clone(),
            return_url: request.return_url.clone(),
        };
        self.call(
            self.http()?
                .post(self.url("/v1/checkouts"))
                .header("idempotency-key", &request.idempotency_key)
                .json(&body),
            "",
        )
    }

    fn status(&self, checkout_id: &str) -> Result<PaymentState, ProviderError> {
        self.call(
            self.http()?
                .get(self.url(&format!("/v1/checkouts/{}", path_segment(checkout_id)))),
            checkout_id,
        )
    }

    fn refund(
        &self,
        checkout_id: &str,
        amount: Yen,
        idempotency_key: &str,
    ) -> Result<Refund, ProviderError> {
        self.call(
            self.http()?
                .post(self.url(&format!(
                    "/v1/checkouts/{}/refunds",
                    path_segment(checkout_id)
                )))
                .header("idempotency-key", idempotency_key)
                .json(&NewRefund { amount }),
            checkout_id,
        )
    }

    fn verify_webhook(
        &self,
        headers: &[(&str, &str)],
        body: &[u8],
        now_unix: i64,
    ) -> Result<WebhookEvent, WebhookError> {
        let signature = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(SIGNATURE_HEADER))
            .map(|(_, value)| *value)
            .ok_or(WebhookError::MissingSignature)?;
        verify_webhook(&self.secret, signature, body, now_unix)
    }
}

/// Checkout ids are ours (`cs_…`), but an id from elsewhere must not change the path.
fn path_segment(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}
