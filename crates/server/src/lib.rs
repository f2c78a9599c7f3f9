#![doc = include_str!("../README.md")]

pub mod hooks;
pub mod mail;
pub mod settings;

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{HttpServer, web};
use madoguchi_app::{
    App, AppConfig, kernel::SystemClock, notification::Mailer, operations::DemoLogin,
};
use madoguchi_core::TenantId;
use madoguchi_forms::FormRegistry;
use madoguchi_records::PostalCodeRecord;
use madoguchi_store::{Db, durability};
use madoguchi_web::{WebConfig, WebState};

pub use settings::Settings;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    Config(String),
    #[error(transparent)]
    Store(#[from] madoguchi_store::Error),
    #[error(transparent)]
    Forms(#[from] madoguchi_forms::FormLoadError),
    #[error("{0}")]
    App(#[from] madoguchi_app::AppError),
    #[error("cannot listen on {0}: {1}")]
    Listen(String, std::io::Error),
}

/// A built service: HTTP server bound, mail worker running.
pub struct Application {
    port: u16,
    server: Server,
    worker: MailWorker,
    pub app: App,
    pub demo_logins: Vec<DemoLogin>,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

/// Opens the database, migrates it and checks its durability settings.
pub fn open_database(settings: &Settings) -> Result<Db, StartError> {
    let db = Db::connect(&settings.database_url, settings.db_pool_size)?;
    let applied = db.migrate()?;
    for name in &applied {
        tracing::info!(migration = %name, "migration applied");
    }
    let problems = durability::check(&mut *db.conn()?)?;
    if !problems.is_empty() {
        if settings.unsafe_dev {
            tracing::warn!(
                ?problems,
                "unsafe database settings accepted because unsafe_dev is set"
            );
        } else {
            return Err(StartError::Config(format!(
                "refusing to start: acknowledged submissions could be lost ({}). Fix the database settings or set unsafe_dev = true for a throwaway instance.",
                problems.join("; ")
            )));
        }
    }
    Ok(db)
}

/// Reads a postal-code file (gzipped or plain; the project's CSV or Japan Post's
/// utf_ken_all.csv).
pub fn read_postal_file(path: &std::path::Path) -> Result<Vec<PostalCodeRecord>, StartError> {
    let file = std::fs::File::open(path)
        .map_err(|e| StartError::Config(format!("cannot open {}: {e}", path.display())))?;
    let reader: Box<dyn std::io::Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(std::io::BufReader::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    madoguchi_app::operations::parse_postal_csv(reader)
        .map_err(|e| StartError::Config(format!("{}: {e}", path.display())))
}

/// The municipality's organisation from `municipality_file`.
pub fn read_municipality(
    settings: &Settings,
) -> Result<madoguchi_app::operations::Municipality, StartError> {
    let path = &settings.municipality_file;
    let text = std::fs::read_to_string(path)
        .map_err(|e| StartError::Config(format!("cannot read {}: {e}", path.display())))?;
    Ok(madoguchi_app::operations::Municipality::from_json(&text)?)
}

/// Loads the configured postal-code file when the database has none yet.
fn load_postal_codes_if_empty(settings: &Settings, app: &App) -> Result<(), StartError> {
    if settings.postal_codes_file.as_os_str().is_empty() || app.postal_codes_loaded()? > 0 {
        return Ok(());
    }
    if !settings.postal_codes_file.exists() {
        tracing::warn!(file = %settings.postal_codes_file.display(), "postal-code file not found; address look-up is empty");
        return Ok(());
    }
    let started = std::time::Instant::now();
    let records = read_postal_file(&settings.postal_codes_file)?;
    let n = app.import_postal_codes(&records)?;
    tracing::info!(
        rows = n,
        seconds = started.elapsed().as_secs_f32(),
        "postal codes loaded"
    );
    Ok(())
}

/// The business calendar: the built-in holiday list or the configured file, with a
/// warning when its data runs out within four months.
fn calendar(settings: &Settings) -> Result<madoguchi_workflow::BusinessCalendar, StartError> {
    let calendar = if settings.holidays_file.as_os_str().is_empty() {
        madoguchi_workflow::BusinessCalendar::japan()
    } else {
        let path = &settings.holidays_file;
        let text = std::fs::read_to_string(path)
            .map_err(|e| StartError::Config(format!("cannot read {}: {e}", path.display())))?;
        madoguchi_workflow::BusinessCalendar::from_cabinet_office_csv(&text)
            .map_err(|e| StartError::Config(format!("{}: {e}", path.display())))?
    };
    let until = calendar.holidays_cover_until();
    let today = madoguchi_core::jst::date(chrono::Utc::now());
    if until < today + chrono::Duration::days(120) {
        tracing::warn!(
            covers_until = %until,
            "the holiday list runs out soon: later dates use the rules, which cannot know the equinoxes the observatory announces each February; update it (docs/operations.md, Holidays)"
        );
    }
    Ok(calendar)
}

/// Builds the use-case layer over an open database. A stub mounted in a `serve` process
/// is reached at `public_url/stubpay` (the worker's way; `serve` points it at its own
/// socket once bound, see `Application::build`).
pub fn build_app(settings: &Settings, db: Db) -> Result<App, StartError> {
    build_app_with(settings, db, None)
}

fn build_app_with(
    settings: &Settings,
    db: Db,
    local_base: Option<&str>,
) -> Result<App, StartError> {
    let forms = FormRegistry::load_dir(&settings.forms_dir)?;
    let mut config = AppConfig::new(TenantId::new(&settings.tenant), &settings.public_url);
    config.mail_from = settings.mail_from.clone();
    config.mail_retry_base = chrono::Duration::milliseconds(
        i64::try_from(settings.mail_retry_base_ms).unwrap_or(30_000),
    );
    config.mail_max_attempts = settings.mail_max_attempts.max(1);
    config.keys = settings.secret_keys()?;
    config.demo = settings.demo;
    config.require_identity = settings.require_identity;
    config.clerk_session_ttl = chrono::Duration::minutes(settings.staff_idle_minutes.max(1));
    config.clerk_session_max = chrono::Duration::hours(settings.staff_session_hours.max(1));
    config.calendar = calendar(settings)?;
    config.files_dir = settings.data_dir.join("files");
    config.payments = payment_provider(settings, local_base)?;
    config.oidc = settings.oidc.as_ref().map(|o| {
        let secret = (!o.client_secret.is_empty())
            .then(|| madoguchi_app::residents::ClientSecret::new(o.client_secret.clone()));
        let mut c = madoguchi_app::residents::OidcConfig::new(
            o.issuer.trim_end_matches('/').to_string(),
            o.client_id.clone(),
            secret,
            format!("{}/sign-in/callback", settings.public_url),
        );
        if !o.card_acr.is_empty() {
            c = c.with_acr(
                o.card_acr.clone(),
                madoguchi_app::residents::OidcLevel::MyNumberCard,
            );
        }
        if !o.account_acr.is_empty() {
            c = c.with_acr(
                o.account_acr.clone(),
                madoguchi_app::residents::OidcLevel::Account,
            );
        }
        c
    });
    if settings.payment.check_seconds > 0 {
        config.payment_check_every = chrono::Duration::seconds(settings.payment.check_seconds);
    }
    Ok(App::new(
        Arc::new(db),
        forms,
        Arc::new(SystemClock),
        config,
    )?)
}

/// The payment provider the settings name (`None`: fees are not paid online).
fn payment_provider(
    settings: &Settings,
    local_base: Option<&str>,
) -> Result<Option<Arc<dyn madoguchi_payment::PaymentProvider>>, StartError> {
    match settings.payment_provider() {
        "none" => Ok(None),
        "stub" => {
            let (base, key, secret) = if settings.mounts_stub() {
                let (key, secret) = settings.mounted_stub_keys()?;
                let base = format!(
                    "{}/stubpay",
                    local_base.unwrap_or(settings.public_url.as_str())
                );
                (base, key, secret.to_vec())
            } else {
                (
                    settings.payment.stub_url.clone(),
                    settings.payment.api_key.clone(),
                    settings.payment.webhook_secret.as_bytes().to_vec(),
                )
            };
            let secret = madoguchi_payment::WebhookSecret::new(&secret)
                .map_err(|e| StartError::Config(format!("[payment] webhook_secret: {e}")))?;
            let client = madoguchi_stubpay::StubPayClient::new(base, key, secret)
                .map_err(|e| StartError::Config(format!("[payment]: {e}")))?;
            Ok(Some(Arc::new(client)))
        }
        other => Err(StartError::Config(format!(
            "[payment] provider = \"{other}\" is not known (stub or none)"
        ))),
    }
}

/// The stub to mount at `/stubpay` in this server, if the settings ask for it.
fn mounted_stub(
    settings: &Settings,
    local_base: &str,
) -> Result<Option<madoguchi_stubpay::StubPay>, StartError> {
    if !settings.mounts_stub() {
        return Ok(None);
    }
    let (key, secret) = settings.mounted_stub_keys()?;
    let secret = madoguchi_payment::WebhookSecret::new(&secret)
        .map_err(|e| StartError::Config(format!("stub webhook secret: {e}")))?;
    let mut config =
        madoguchi_stubpay::StubConfig::new(format!("{}/stubpay", settings.public_url), key, secret);
    config.webhook_url = Some(format!("{local_base}/payments/webhook"));
    let stub = madoguchi_stubpay::StubPay::new(config)
        .map_err(|e| StartError::Config(format!("stub payments: {e}")))?;
    Ok(Some(stub))
}

impl Application {
    pub fn build(mut settings: Settings) -> Result<Application, StartError> {
        settings.resolve();
        // Bound first: a stub mounted here is called on this very socket.
        let listener = TcpListener::bind(&settings.listen)
            .map_err(|e| StartError::Listen(settings.listen.clone(), e))?;
        let port = listener
            .local_addr()
            .map_err(|e| StartError::Listen(settings.listen.clone(), e))?
            .port();
        let local_base = format!("http://127.0.0.1:{port}");
        let db = open_database(&settings)?;
        let app = build_app_with(&settings, db, Some(&local_base))?;
        let stub = mounted_stub(&settings, &local_base)?;
        let municipality = read_municipality(&settings)?;
        // Decisions are still recorded without a font; their PDFs answer 503 until one is
        // installed.
        match app.pdf_font() {
            Some(path) => tracing::debug!(font = %path.display(), "PDF font"),
            None => tracing::warn!(
                "no Japanese font for PDFs (decision notices): install fonts-ipaexfont or fonts-noto-cjk"
            ),
        }
        let problems = municipality.problems_with(&app.forms());
        if !problems.is_empty() {
            return Err(StartError::Config(format!(
                "the forms in {} do not fit {}:\n{}",
                settings.forms_dir.display(),
                settings.municipality_file.display(),
                problems.join("\n")
            )));
        }
        app.apply_municipality(&municipality)?;
        let demo_logins = if settings.demo {
            app.seed_demo(&municipality)?
        } else {
            Vec::new()
        };
        load_postal_codes_if_empty(&settings, &app)?;
        let mailer = mail::from_settings(&settings)?;
        let worker = MailWorker::start(
            app.clone(),
            mailer,
            Box::new(hooks::HttpHookSender::default()),
            Duration::from_millis(settings.mail_poll_ms),
        );
        let web_config = WebConfig {
            secure_cookies: settings.public_url.starts_with("https://"),
            csrf_key: settings.csrf_key()?,
            max_form_bytes: settings.max_form_bytes,
            trusted_proxies: madoguchi_web::proxies::TrustedProxies::parse(
                &settings.trusted_proxies,
            )
            .map_err(StartError::Config)?,
        };
        let state = WebState {
            app: app.clone(),
            config: web_config,
        };
        let secure = state.config.secure_cookies;
        // The "pay" form redirects to the provider's page: form-action must allow it.
        let payment_origin = (settings.payment_provider() == "stub" && !settings.mounts_stub())
            .then(|| origin_of(&settings.payment.stub_url));
        let mut server = HttpServer::new(move || {
            let mut app = actix_web::App::new()
                .wrap(from_fn(madoguchi_web::attach_pending_cookies))
                .wrap(from_fn(madoguchi_web::remember_furigana_choice))
                .wrap(madoguchi_web::security_headers(
                    secure,
                    payment_origin.as_deref(),
                ))
                .wrap(madoguchi_web::compression())
                .wrap(tracing_actix_web::TracingLogger::<PrivateSpans>::new());
            if let Some(stub) = &stub {
                app = app.service(
                    web::scope("/stubpay").configure(|cfg| madoguchi_stubpay::configure(cfg, stub)),
                );
            }
            app.configure(madoguchi_web::configure(state.clone()))
                .default_service(madoguchi_web::not_found_service())
                .app_data(web::PayloadConfig::new(settings_payload_limit()))
        })
        .shutdown_timeout(30)
        .client_request_timeout(Duration::from_secs(10));
        if let Some(workers) = settings.http_workers {
            server = server.workers(workers);
        }
        let server = server
            .listen(listener)
            .map_err(|e| StartError::Listen(settings.listen.clone(), e))?
            .run();
        Ok(Application {
            port,
            server,
            worker,
            app,
            demo_logins,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT/SIGTERM (in-flight requests finish, up to 30 s), then stops the
    /// mail worker.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.worker.stop();
        result
    }
}

/// `https://pay.example` of `https://pay.example/api/v1`.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let host = rest.split('/').next().unwrap_or_default();
    format!("{scheme}://{host}")
}

/// Bodies of routes that do not read forms are never buffered; this caps anything else.
fn settings_payload_limit() -> usize {
    256 * 1024
}

/// How often the worker deletes expired drafts, links and sessions.
const PURGE_EVERY: Duration = Duration::from_secs(600);

/// The outbox worker: a thread that delivers due mail and webhooks every poll interval,
/// and deletes expired data every ten minutes.
pub struct MailWorker {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl MailWorker {
    pub fn start(
        app: App,
        mailer: Box<dyn Mailer>,
        hooks: Box<dyn madoguchi_app::integrations::HookSender>,
        every: Duration,
    ) -> MailWorker {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::Builder::new()
            .name("mail-worker".into())
            .spawn(move || {
                let mut last_purge: Option<std::time::Instant> = None;
                while !flag.load(Ordering::SeqCst) {
                    if last_purge.is_none_or(|t| t.elapsed() >= PURGE_EVERY) {
                        last_purge = Some(std::time::Instant::now());
                        match app.purge_expired() {
                            Ok(r) if !r.is_empty() => tracing::info!(
                                drafts = r.drafts,
                                files = r.files,
                                blobs = r.blobs,
                                other = r.other,
                                "expired data deleted"
                            ),
                            Ok(_) => {}
                            Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "retention round failed"),
                        }
                    }
                    match app.send_correction_reminders() {
                        Ok(n) if n > 0 => {
                            tracing::info!(reminders = n, "correction reminders queued")
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "correction reminders failed"),
                    }
                    match app.run_payment_jobs() {
                        Ok(r)
                            if r.refunded + r.refund_retries + r.refunds_failed + r.checked > 0 =>
                        {
                            tracing::info!(
                                refunded = r.refunded,
                                retried = r.refund_retries,
                                failed = r.refunds_failed,
                                checked = r.checked,
                                "payment round"
                            );
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "payment round failed"),
                    }
                    match app.deliver_due_mail(mailer.as_ref(), 50) {
                        Ok(report) if report.sent + report.retried + report.failed > 0 => {
                            tracing::info!(
                                sent = report.sent,
                                retried = report.retried,
                                failed = report.failed,
                                "mail delivery round"
                            );
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "mail delivery round failed"),
                    }
                    match app.refresh_published() {
                        Ok(true) => tracing::info!("published procedures refreshed"),
                        Ok(false) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "refreshing procedures failed"),
                    }
                    match app.deliver_due_webhooks(hooks.as_ref(), 50) {
                        Ok(r) if r.delivered + r.retried + r.failed > 0 => {
                            tracing::info!(
                                delivered = r.delivered,
                                retried = r.retried,
                                failed = r.failed,
                                "webhook round"
                            );
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "webhook round failed"),
                    }
                    // Sleep in small steps so a stop request is seen quickly.
                    let mut slept = Duration::ZERO;
                    while slept < every && !flag.load(Ordering::SeqCst) {
                        let step = Duration::from_millis(50).min(every - slept);
                        std::thread::sleep(step);
                        slept += step;
                    }
                }
            })
            .ok();
        MailWorker { stop, handle }
    }

    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl std::fmt::Debug for MailWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailWorker").finish_non_exhaustive()
    }
}

/// Request logging without the address: paths can hold secrets (the correction links'
/// tokens) and personal data (an arrival number with a name is a filing), so a request is
/// logged by its route pattern (`/corrections/{token}`), method, status and request id.
#[derive(Debug)]
pub struct PrivateSpans;

impl tracing_actix_web::RootSpanBuilder for PrivateSpans {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        use actix_web::HttpMessage;
        let route = request
            .match_pattern()
            .unwrap_or_else(|| "(no route)".into());
        let request_id = request
            .extensions()
            .get::<tracing_actix_web::RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            http.method = %request.method(),
            http.route = %route,
            http.status_code = tracing::field::Empty,
            request_id = %request_id,
        )
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        let (status, error) = match outcome {
            Ok(response) => (response.status(), response.response().error()),
            Err(e) => (e.as_response_error().status_code(), Some(e)),
        };
        span.record("http.status_code", status.as_u16());
        // The one line a failure of ours gets: its whole cause chain, in the request's span
        // (so with its request id). The person's mistakes (4xx) are not errors of ours.
        if status.is_server_error() {
            let cause = error
                .and_then(madoguchi_web::logged_cause)
                .unwrap_or_else(|| "(no cause recorded)".into());
            tracing::error!(parent: &span, status = status.as_u16(), error = %cause, "request failed");
        }
    }
}
