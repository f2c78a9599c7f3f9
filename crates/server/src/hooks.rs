//! Webhook deliveries over real HTTP, behind `madoguchi_app::integrations::HookSender`.
//!
//! Redirects are not followed (a receiver that moved must be registered again), and each
//! attempt has 10 seconds. `https://` receivers need the binary built with the `https`
//! feature; without it such a delivery fails with that reason in the delivery log.

use std::time::Duration;

use madoguchi_app::{integrations::HookAttempt, integrations::HookSender};

/// Made in the worker's own thread on first use: reqwest's blocking client must not be
/// built or dropped inside the async runtime the server runs on.
#[derive(Debug, Default)]
pub struct HttpHookSender {
    client: std::sync::OnceLock<reqwest::blocking::Client>,
}

impl HttpHookSender {
    fn client(&self) -> Result<&reqwest::blocking::Client, String> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("madoguchi-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("webhook client: {e}"))?;
        Ok(self.client.get_or_init(|| client))
    }
}

impl HookSender for HttpHookSender {
    fn post(&self, attempt: &HookAttempt) -> Result<u16, String> {
        let mut request = self.client()?.post(&attempt.url);
        for (name, value) in &attempt.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        request
            .body(attempt.body.clone())
            .send()
            .map(|res| res.status().as_u16())
            .map_err(|e| {
                // reqwest's message names the cause chain's first link only.
                let mut why = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(s) = source {
                    why.push_str(": ");
                    why.push_str(&s.to_string());
                    source = s.source();
                }
                why
            })
    }
}
