//! Starts the stub for real on a free loopback port, beside a webhook receiver, in a
//! thread of its own; tests talk to both over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use madoguchi_core::Yen;
use madoguchi_payment::{
    CheckoutRequest, PaymentProvider, PaymentStatus, SIGNATURE_HEADER, WebhookEvent, WebhookSecret,
};
use madoguchi_stubpay::{StubConfig, StubPay, StubPayClient, serve};
use serde_json::json;

pub const API_KEY: &str = "sk_test_madoguchi";
pub const SECRET: &[u8] = b"whsec_test_stubpay_0123456789";

pub fn secret() -> WebhookSecret {
    WebhookSecret::new(SECRET).unwrap()
}

/// One webhook request as the receiver saw it.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub signature: Option<String>,
    pub body: Vec<u8>,
    /// What the receiver answered.
    pub accepted: bool,
}

pub struct Harness {
    pub base: String,
    pub client: StubPayClient,
    /// Plain HTTP, no redirects followed (the hosted page's forms, the test routes).
    pub http: reqwest::blocking::Client,
    deliveries: mpsc::Receiver<Delivery>,
}

pub struct Options {
    pub test_mode: bool,
    /// The receiver answers 500 to this many requests before accepting.
    pub refuse_first: usize,
    pub konbini_valid_secs: i64,
    /// Where the checkouts are kept (none: the stub's memory).
    pub store: Option<std::sync::Arc<dyn madoguchi_stubpay::LedgerStore>>,
}

/// A ledger store in memory, as a database would keep it: text, changed under a lock, kept
/// only when the change says so.
#[derive(Debug, Default)]
pub struct MemoryStore(Mutex<String>);

impl madoguchi_stubpay::LedgerStore for MemoryStore {
    fn update(&self, change: &mut dyn FnMut(&mut String) -> bool) -> Result<(), String> {
        let mut stored = self.0.lock().unwrap();
        let mut copy = stored.clone();
        if change(&mut copy) {
            *stored = copy;
        }
        Ok(())
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            test_mode: true,
            refuse_first: 0,
            konbini_valid_secs: 3600,
            store: None,
        }
    }
}

struct Receiver {
    tx: Mutex<mpsc::Sender<Delivery>>,
    refuse: AtomicUsize,
}

async fn receive(req: HttpRequest, body: web::Bytes, rx: web::Data<Receiver>) -> HttpResponse {
    let accepted = rx
        .refuse
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_err();
    let signature = req
        .headers()
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let _ = rx.tx.lock().unwrap().send(Delivery {
        signature,
        body: body.to_vec(),
        accepted,
    });
    if accepted {
        HttpResponse::Ok().finish()
    } else {
        HttpResponse::InternalServerError().finish()
    }
}

impl Harness {
    pub fn start() -> Self {
        Self::with(Options::default())
    }

    pub fn with(options: Options) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let hooks = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut config = StubConfig::new(&base, API_KEY, secret());
        config.webhook_url = Some(format!("http://{}/hook", hooks.local_addr().unwrap()));
        config.test_mode = options.test_mode;
        config.konbini_valid_secs = options.konbini_valid_secs;
        let stub = match options.store {
            Some(store) => StubPay::with_store(config, store).unwrap(),
            None => StubPay::new(config).unwrap(),
        };
        let (tx, deliveries) = mpsc::channel();
        let receiver = web::Data::new(Receiver {
            tx: Mutex::new(tx),
            refuse: AtomicUsize::new(options.refuse_first),
        });
        let (ready_tx, ready) = mpsc::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let hooks = HttpServer::new(move || {
                    App::new()
                        .app_data(receiver.clone())
                        .route("/hook", web::post().to(receive))
                })
                .workers(1)
                .listen(hooks)
                .unwrap()
                .run();
                actix_web::rt::spawn(hooks);
                let server = serve(listener, stub).unwrap();
                ready_tx.send(()).unwrap();
                server.await.unwrap();
            });
        });
        ready.recv().unwrap();
        Self {
            client: StubPayClient::new(&base, API_KEY, secret()).unwrap(),
            http: reqwest::blocking::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base,
            deliveries,
        }
    }

    pub fn checkout(&self, amount: i64) -> madoguchi_payment::Checkout {
        self.client
            .create_checkout(&request(amount, &key()))
            .unwrap()
    }

    /// Posts a hosted-page form (as the resident's browser would).
    pub fn pay(&self, id: &str, method: &str, card: Option<&str>) -> reqwest::blocking::Response {
        let form: Vec<(&str, &str)> = card.map(|c| vec![("card_number", c)]).unwrap_or_default();
        self.http
            .post(format!("{}/pay/{id}/{method}", self.base))
            .form(&form)
            .send()
            .unwrap()
    }

    /// Calls a test route (`script`, `settle`, `expire`).
    pub fn test_route(
        &self,
        id: &str,
        action: &str,
        body: serde_json::Value,
    ) -> reqwest::blocking::Response {
        self.http
            .post(format!("{}/test/checkouts/{id}/{action}", self.base))
            .bearer_auth(API_KEY)
            .json(&body)
            .send()
            .unwrap()
    }

    pub fn script(&self, id: &str, script: serde_json::Value) {
        let response = self.test_route(id, "script", script);
        assert_eq!(response.status(), 204, "{:?}", response.text());
    }

    /// The next webhook request the receiver saw (waits; never asserts how long).
    pub fn next_delivery(&self) -> Delivery {
        self.deliveries
            .recv_timeout(Duration::from_secs(60))
            .expect("a webhook should arrive")
    }

    /// The next accepted webhook, verified as the platform would verify it.
    pub fn next_event(&self) -> (Delivery, WebhookEvent) {
        loop {
            let delivery = self.next_delivery();
            if !delivery.accepted {
                continue;
            }
            let event = self.verify(&delivery, now()).expect("a valid signature");
            return (delivery, event);
        }
    }

    pub fn verify(
        &self,
        delivery: &Delivery,
        now: i64,
    ) -> Result<WebhookEvent, madoguchi_payment::WebhookError> {
        let headers: Vec<(&str, &str)> = delivery
            .signature
            .as_deref()
            .map(|s| vec![("madoguchi-signature", s)])
            .unwrap_or_default();
        self.client.verify_webhook(&headers, &delivery.body, now)
    }

    /// Polls the status until it is `want` (for background changes).
    pub fn wait_for(&self, id: &str, want: PaymentStatus) {
        for _ in 0..600 {
            if self.client.status(id).unwrap().status == want {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("checkout {id} never became {want:?}");
    }
}

pub fn request(amount: i64, key: &str) -> CheckoutRequest {
    CheckoutRequest {
        reference: "R0800-0001".into(),
        amount: Yen::new(amount),
        description: "住民票の写し / Certificate of residence".into(),
        return_url: "http://city.example/p/juminhyo/paid".into(),
        idempotency_key: key.into(),
    }
}

pub fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn no_script() -> serde_json::Value {
    json!({})
}

pub fn location(response: &reqwest::blocking::Response) -> String {
    response
        .headers()
        .get("location")
        .expect("a redirect")
        .to_str()
        .unwrap()
        .to_owned()
}
