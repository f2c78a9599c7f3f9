//! Webhook deliveries over real HTTP, behind `madoguchi_app::integrations::HookSender`.
//!
//! Redirects are not followed (a receiver that moved must be registered again), and each
//! attempt has 10 seconds. `https://` receivers' certificates are checked against the
//! system's roots (rustls-platform-verifier: `/etc/ssl/certs`, or the bundle named by
//! `SSL_CERT_FILE`), and the roots given to [`HttpHookSender::trusting`].

use std::time::Duration;

use madoguchi_app::{integrations::HookAttempt, integrations::HookSender};

/// How long a receiver has to answer one delivery.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// Made in the worker's own thread on first use: reqwest's blocking client must not be
/// built or dropped inside the async runtime the server runs on.
#[derive(Debug)]
pub struct HttpHookSender {
    client: std::sync::OnceLock<reqwest::blocking::Client>,
    timeout: Duration,
    extra_roots: Vec<reqwest::Certificate>,
}

impl Default for HttpHookSender {
    fn default() -> Self {
        Self::answered_within(ANSWER_WITHIN)
    }
}

impl HttpHookSender {
    /// A sender that gives a receiver `timeout` to answer (the default is 10 s).
    pub fn answered_within(timeout: Duration) -> Self {
        HttpHookSender {
            client: std::sync::OnceLock::new(),
            timeout,
            extra_roots: Vec::new(),
        }
    }

    /// A sender that also trusts the CA certificates in `pem` (one or more PEM blocks),
    /// beside the system's roots.
    pub fn trusting(pem: &[u8]) -> Result<Self, String> {
        let extra_roots = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| format!("CA certificates: {e}"))?;
        Ok(Self {
            extra_roots,
            ..Self::default()
        })
    }

    fn client(&self) -> Result<&reqwest::blocking::Client, String> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let client = reqwest::blocking::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("madoguchi-webhooks/", env!("CARGO_PKG_VERSION")))
            .tls_certs_merge(self.extra_roots.iter().cloned())
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
