//! A stand-in of a library's own system: it checks a library card's number and the
//! password registered on it, as Madoguchi's external check asks (`x-external-check`,
//! `docs/forms.md`). A real HTTP server on loopback, memory only, for tests and the demo —
//! never production.
//!
//! `POST /check` with `Authorization: Bearer <token>` and a JSON object holding
//! `library_card_number` and `library_password` answers `{"ok": true}` for a demo card
//! and its password, else `{"ok": false, "reason": "card_or_password"}`; a wrong or
//! missing bearer token is 401, a body that is not such an object 400. The body is never
//! logged.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, dev::ServerHandle, web};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

/// The demo cards: (card number, password). The demo prints the first.
/// The last two are the cards of the library reservation's examples
/// (`forms/toshokan-yoyaku/examples/valid`), so that each files on the demo as stated.
pub const DEMO_CARDS: [(&str, &str); 4] = [
    ("2100012345", "hon-daisuki"),
    ("2100067890", "tosho-2026"),
    ("2100098765", "hon-daisuki"),
    ("2100055555", "hon-daisuki"),
];

/// The stand-in: the bearer token it expects and the cards it knows.
#[derive(Clone, Debug)]
pub struct StubLibrary {
    token: String,
    cards: Vec<(String, String)>,
}

impl StubLibrary {
    /// A stand-in with the [`DEMO_CARDS`].
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: token.into(),
            cards: DEMO_CARDS
                .iter()
                .map(|(n, p)| ((*n).to_string(), (*p).to_string()))
                .collect(),
        }
    }

    /// Whether `number` is a card whose password is `password` (constant time on the
    /// password).
    fn knows(&self, number: &str, password: &str) -> bool {
        self.cards
            .iter()
            .any(|(n, p)| n == number && bool::from(p.as_bytes().ct_eq(password.as_bytes())))
    }
}

/// A stand-in serving on its own thread (its own actix system), and where it answers.
#[derive(Debug)]
pub struct Running {
    /// `http://127.0.0.1:<port>/check`.
    pub check_url: String,
    handle: ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Stops the server and waits for its thread.
    pub fn stop(mut self) {
        self.shut();
    }

    fn shut(&mut self) {
        if let Some(thread) = self.thread.take() {
            // Stopping needs the server's own system to run the future; waiting on it here
            // is enough, the thread ends when the server does.
            let stopping = self.handle.stop(false);
            drop(stopping);
            let _ = thread.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shut();
    }
}

/// Mounts `POST /check` in an app (the demo mounts it in Madoguchi's own server at
/// `/stublibrary`, as `/stubpay` is: no second server, no thread of its own).
pub fn configure(cfg: &mut web::ServiceConfig, stub: &Arc<StubLibrary>) {
    cfg.app_data(web::Data::from(Arc::clone(stub)))
        .route("/check", web::post().to(check));
}

/// Serves `stub` on `listener` (bind port 0 on loopback) on a thread of its own, so a
/// synchronous test or a process already inside a runtime can start it alike.
pub fn spawn(listener: TcpListener, stub: StubLibrary) -> std::io::Result<Running> {
    let address = listener.local_addr()?;
    let stub = Arc::new(stub);
    let server = HttpServer::new(move || App::new().configure(|cfg| configure(cfg, &stub)))
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run();
    let handle = server.handle();
    let thread = std::thread::Builder::new()
        .name("stub-library".into())
        .spawn(move || {
            if let Err(e) = actix_web::rt::System::new().block_on(server) {
                tracing::warn!(error = %e, "the stand-in library stopped");
            }
        })?;
    Ok(Running {
        check_url: format!("http://{address}/check"),
        handle,
        thread: Some(thread),
    })
}

async fn check(
    stub: web::Data<StubLibrary>,
    request: HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    let bearer = request
        .headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !bool::from(bearer.as_bytes().ct_eq(stub.token.as_bytes())) {
        return HttpResponse::Unauthorized().json(json!({"error": "unauthorized"}));
    }
    let Ok(Value::Object(answers)) = serde_json::from_slice::<Value>(&body) else {
        return HttpResponse::BadRequest().json(json!({"error": "malformed"}));
    };
    let text = |k: &str| answers.get(k).and_then(Value::as_str).unwrap_or_default();
    if stub.knows(text("library_card_number"), text("library_password")) {
        HttpResponse::Ok().json(json!({"ok": true}))
    } else {
        HttpResponse::Ok().json(json!({"ok": false, "reason": "card_or_password"}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_card_passes_and_a_wrong_password_or_token_does_not() -> std::io::Result<()> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let running = spawn(listener, StubLibrary::new("library-secret"))?;
        let client = reqwest::blocking::Client::new();
        let ask = |token: &str, password: &str| {
            client
                .post(&running.check_url)
                .bearer_auth(token)
                .json(&json!({"library_card_number": "2100012345", "library_password": password}))
                .send()
                .map_err(std::io::Error::other)
        };
        let passed: Value = ask("library-secret", "hon-daisuki")?
            .json()
            .map_err(std::io::Error::other)?;
        assert_eq!(passed, json!({"ok": true}));
        let refused: Value = ask("library-secret", "guess")?
            .json()
            .map_err(std::io::Error::other)?;
        assert_eq!(refused["ok"], json!(false));
        assert_eq!(ask("other", "hon-daisuki")?.status().as_u16(), 401);
        running.stop();
        Ok(())
    }
}
