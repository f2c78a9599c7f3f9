#![doc = include_str!("../README.md")]

use std::fmt;
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpServer, web};
use madoguchi_payment::{PaymentMethod, PaymentStatus, WebhookEvent};

mod api;
mod client;
mod delivery;
mod page;
mod state;

pub use client::StubPayClient;
pub use madoguchi_payment::WebhookSecret;
pub use state::{NewCheckout, Outcome, Script, WebhookScript};

use state::{Ledger, Record, Refusal, now_unix};

/// How the stub runs.
#[derive(Clone)]
pub struct StubConfig {
    /// Where residents' browsers reach the stub, with any mount prefix
    /// (`http://127.0.0.1:8090`); hosted-page URLs start with it.
    pub public_url: String,
    /// The bearer key API callers must present.
    pub api_key: String,
    /// Where status changes are posted; `None` sends no webhooks.
    pub webhook_url: Option<String>,
    pub webhook_secret: WebhookSecret,
    /// Enables `/test/…` (scripts, settling and expiring payments).
    pub test_mode: bool,
    /// Deliveries of one webhook before giving up (with backoff in between).
    pub webhook_attempts: u32,
    /// How long a convenience-store payment number stays valid.
    pub konbini_valid_secs: i64,
}

impl StubConfig {
    pub fn new(
        public_url: impl Into<String>,
        api_key: impl Into<String>,
        webhook_secret: WebhookSecret,
    ) -> Self {
        Self {
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            api_key: api_key.into(),
            webhook_url: None,
            webhook_secret,
            test_mode: false,
            webhook_attempts: 5,
            konbini_valid_secs: 3 * 24 * 3600,
        }
    }
}

impl fmt::Debug for StubConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StubConfig")
            .field("public_url", &self.public_url)
            .field("api_key", &"..")
            .field("webhook_url", &self.webhook_url)
            .field("test_mode", &self.test_mode)
            .field("webhook_attempts", &self.webhook_attempts)
            .field("konbini_valid_secs", &self.konbini_valid_secs)
            .finish_non_exhaustive()
    }
}

/// One running stub: its configuration and memory, shared by every worker (clone it
/// freely). Create it once, outside `HttpServer::new`.
#[derive(Clone, Debug)]
pub struct StubPay {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: StubConfig,
    ledger: Mutex<Ledger>,
    /// Where the checkouts are kept when several processes serve the stub (none: memory).
    store: Option<Arc<dyn LedgerStore>>,
    http: reqwest::Client,
}

/// Where a stub shared by several processes keeps its checkouts: a store that runs a change
/// on the stored ledger (JSON text, `{}` or empty before the first checkout) under a lock
/// held until it returns, and stores the text it leaves when the change returns `true`.
pub trait LedgerStore: Send + Sync + fmt::Debug {
    fn update(&self, change: &mut dyn FnMut(&mut String) -> bool) -> Result<(), String>;
}

impl StubPay {
    pub fn new(config: StubConfig) -> Result<Self, std::io::Error> {
        let http = reqwest::Client::builder()
            // Each actix worker has its own runtime: pooled connections must not outlive
            // the request that made them.
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(std::io::Error::other)?;
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                ledger: Mutex::new(Ledger::default()),
                store: None,
                http,
            }),
        })
    }

    /// A stub whose checkouts are kept in `store`, shared with every process using it.
    pub fn with_store(
        config: StubConfig,
        store: Arc<dyn LedgerStore>,
    ) -> Result<Self, std::io::Error> {
        let stub = Self::new(config)?;
        let inner =
            Arc::into_inner(stub.inner).ok_or_else(|| std::io::Error::other("stub shared"))?;
        Ok(Self {
            inner: Arc::new(Inner {
                store: Some(store),
                ..inner
            }),
        })
    }

    pub fn config(&self) -> &StubConfig {
        &self.inner.config
    }

    /// Runs `change` on the ledger and keeps what it leaves when it succeeds: in memory,
    /// under a lock held only while it runs, or in the shared store, whose lock is held as
    /// long. `change` may run again when the store retries its transaction, so it must not
    /// move anything out of its captures.
    pub(crate) fn with_ledger<R>(
        &self,
        mut change: impl FnMut(&mut Ledger) -> Result<R, Refusal>,
    ) -> Result<R, Refusal> {
        let Some(store) = &self.inner.store else {
            // A panic while holding the lock leaves plain data behind; keep serving.
            let mut ledger = self
                .inner
                .ledger
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            return change(&mut ledger);
        };
        let mut outcome = None;
        store
            .update(&mut |json| {
                let read = if json.trim().is_empty() {
                    Ok(Ledger::default())
                } else {
                    serde_json::from_str(json)
                };
                let mut ledger: Ledger = match read {
                    Ok(ledger) => ledger,
                    Err(e) => {
                        outcome = Some(Err(Refusal::Unavailable(format!(
                            "the stored ledger is unreadable: {e}"
                        ))));
                        return false;
                    }
                };
                let result = change(&mut ledger);
                let keep = result.is_ok();
                if keep {
                    match serde_json::to_string(&ledger) {
                        Ok(text) => *json = text,
                        Err(e) => {
                            outcome = Some(Err(Refusal::Unavailable(e.to_string())));
                            return false;
                        }
                    }
                }
                outcome = Some(result);
                keep
            })
            .map_err(Refusal::Unavailable)?;
        outcome.unwrap_or_else(|| Err(Refusal::Unavailable("the ledger was not read".into())))
    }

    fn page_url(&self, id: &str) -> String {
        format!("{}/pay/{id}", self.inner.config.public_url)
    }

    /// A copy of the checkout, after lapsing an overdue convenience-store number.
    fn record(&self, id: &str) -> Result<Record, Refusal> {
        let (record, events, script) = self.with_ledger(|ledger| {
            let record = ledger.get_mut(id)?;
            let overdue = record.status == PaymentStatus::Pending
                && record.konbini_due.is_some_and(|due| now_unix() > due);
            let events = if overdue {
                record.change(PaymentStatus::Expired, now_unix())?
            } else {
                Vec::new()
            };
            Ok((record.clone(), events, record.script.webhook))
        })?;
        self.dispatch(events, script);
        Ok(record)
    }

    /// Changes a checkout's status and sends the webhooks.
    fn change(&self, id: &str, to: PaymentStatus) -> Result<(), Refusal> {
        self.change_from(id, None, to)
    }

    /// As `change`, only from status `from` when given (checked under the same lock).
    fn change_from(
        &self,
        id: &str,
        from: Option<PaymentStatus>,
        to: PaymentStatus,
    ) -> Result<(), Refusal> {
        let (events, script) = self.with_ledger(|ledger| {
            let record = ledger.get_mut(id)?;
            if let Some(from) = from
                && from != record.status
            {
                return Err(Refusal::Conflict(format!(
                    "the checkout is {:?}, not {from:?}",
                    record.status
                )));
            }
            Ok((record.change(to, now_unix())?, record.script.webhook))
        })?;
        self.dispatch(events, script);
        Ok(())
    }

    /// The resident paid (or tried to) with `method` on the hosted page; `card_ok` is
    /// what the card number alone would give. A script's outcome overrides it.
    fn act(&self, id: &str, method: PaymentMethod, card_ok: bool) -> Result<(), Refusal> {
        let now = now_unix();
        let (events, script, settle_after) = self.with_ledger(|ledger| {
            let record = ledger.get_mut(id)?;
            if record.status != PaymentStatus::Created {
                return Err(Refusal::Conflict("this checkout is already settled".into()));
            }
            // `None`: a convenience-store number waits for the till (`/test/…/settle`) or
            // its due date.
            let outcome = record.script.outcome.take().or(match method {
                PaymentMethod::Card if !card_ok => Some(Outcome::Decline),
                PaymentMethod::Konbini => None,
                _ => Some(Outcome::Succeed),
            });
            record.method = Some(method);
            let mut events = Vec::new();
            let pending_first = outcome != Some(Outcome::Decline)
                && (method == PaymentMethod::Konbini || outcome == Some(Outcome::PendingThenPaid));
            if pending_first {
                if method == PaymentMethod::Konbini {
                    record.konbini_number = Some(state::konbini_number());
                    record.konbini_due = Some(now + self.inner.config.konbini_valid_secs);
                }
                events.extend(record.change(PaymentStatus::Pending, now)?);
            }
            let then = match outcome {
                Some(Outcome::Succeed) => Some(PaymentStatus::Paid),
                Some(Outcome::Decline) => Some(PaymentStatus::Failed),
                Some(Outcome::Expire) => Some(PaymentStatus::Expired),
                Some(Outcome::PendingThenPaid) | None => None,
            };
            if let Some(to) = then {
                events.extend(record.change(to, now)?);
            }
            let settle_after = (outcome == Some(Outcome::PendingThenPaid))
                .then_some(record.script.settle_after_ms);
            Ok((events, record.script.webhook, settle_after))
        })?;
        self.dispatch(events, script);
        if let Some(ms) = settle_after {
            let stub = self.clone();
            let id = id.to_owned();
            actix_web::rt::spawn(async move {
                actix_web::rt::time::sleep(Duration::from_millis(ms)).await;
                if let Err(e) = stub.change(&id, PaymentStatus::Paid) {
                    tracing::warn!(checkout = %id, error = %e, "scripted settlement failed");
                }
            });
        }
        Ok(())
    }

    fn dispatch(&self, events: Vec<WebhookEvent>, script: WebhookScript) {
        let Some(url) = self.inner.config.webhook_url.clone() else {
            return;
        };
        if events.is_empty() {
            return;
        }
        let mut batch = Vec::with_capacity(events.len() * 2);
        for event in events {
            if script.duplicate {
                batch.push(event.clone());
            }
            batch.push(event);
        }
        actix_web::rt::spawn(delivery::deliver(
            self.inner.http.clone(),
            url,
            self.inner.config.webhook_secret.clone(),
            self.inner.config.webhook_attempts,
            Duration::from_millis(script.delay_ms),
            batch,
        ));
    }
}

/// The stub's routes (`/v1/…`, `/pay/…` and, in test mode, `/test/…`), to mount in an
/// `App` or a `web::scope` (set `public_url` to match the prefix).
pub fn configure(cfg: &mut web::ServiceConfig, stub: &StubPay) {
    cfg.app_data(web::Data::new(stub.clone()));
    api::configure(cfg, stub.config().test_mode);
    page::configure(cfg);
}

/// Serves the stub on an already bound listener (tests bind port 0 first). Call it inside
/// an actix system; await the returned server.
pub fn serve(listener: TcpListener, stub: StubPay) -> std::io::Result<actix_web::dev::Server> {
    Ok(
        HttpServer::new(move || App::new().configure(|cfg| configure(cfg, &stub)))
            .workers(1)
            .listen(listener)?
            .run(),
    )
}

/// Binds `addr` and serves the stub until stopped (Ctrl+C).
pub async fn run(addr: SocketAddr, config: StubConfig) -> std::io::Result<()> {
    let stub = StubPay::new(config)?;
    serve(TcpListener::bind(addr)?, stub)?.await
}
