#![doc = include_str!("../README.md")]

mod external_checks;
pub mod hooks;
pub mod http;
pub mod keys;
pub mod limits;
pub mod mail;
pub mod observe;
pub mod operator_api;
pub mod private_files;
pub mod settings;
mod startup;
pub mod storage;
pub mod tenants;
pub mod traces;
pub mod workers;

use std::net::TcpListener;
use std::time::Duration;

use actix_web::HttpServer;
use actix_web::dev::Server;
use madoguchi_app::{App, operations::DemoLogin};
use madoguchi_web::{WebConfig, WebState};

pub use settings::Settings;
pub use startup::{build_app, import_postal_file, open_database, read_municipality};
pub use workers::{Lanes, Work};

use external_checks::demo_library;
use startup::{build_app_with, load_postal_codes_if_empty, mounted_stub};

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

/// A built service: HTTP server bound, background lanes running (see [`workers`]).
pub struct Application {
    port: u16,
    server: Server,
    lanes: Lanes,
    pub app: App,
    pub demo_logins: Vec<DemoLogin>,
    /// The demo's cities with their URLs and sign-ins (the configured one first).
    pub demo_cities: Vec<tenants::DemoCity>,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl Application {
    pub fn build(mut settings: Settings) -> Result<Application, StartError> {
        settings.resolve();
        settings.check_public_url()?;
        // Bound first: a stub mounted here is called on this very socket.
        let listener = TcpListener::bind(&settings.listen)
            .map_err(|e| StartError::Listen(settings.listen.clone(), e))?;
        let port = listener
            .local_addr()
            .map_err(|e| StartError::Listen(settings.listen.clone(), e))?
            .port();
        let local_base = format!("http://127.0.0.1:{port}");
        let db = open_database(&settings)?;
        let setup_lock = db.clone();
        let library = demo_library(&settings)?;
        let library_token = library.as_ref().map(|(_, token)| token.as_str());
        let app = build_app_with(&settings, db, Some(&local_base), library_token)?;
        let stub = mounted_stub(&settings, &local_base, &setup_lock)?;
        // The configured city's own procedures must fit its organisation, as every
        // other city's must (`tenants::fitting`).
        let municipality = tenants::fitting(
            &app,
            read_municipality(&settings)?,
            &settings.municipality_file,
        )?;
        // A font file named in the settings that cannot be used is a mistake to fix now,
        // not a 503 on the first receipt. The built-in font is checked by the test suite
        // and parsed on the first PDF: parsed, it holds about 27 MB, which a node that
        // never draws a PDF should not carry.
        if !settings.font_path.as_os_str().is_empty() {
            match app.pdf_font() {
                Ok(font) => tracing::debug!(%font, "PDF font"),
                Err(e) => return Err(StartError::Config(e.to_string())),
            }
        }
        // One process at a time (others started at once wait): each finds what the one
        // before it made, instead of both inserting the same rows.
        let demo_cities = setup_lock.exclusively(|| {
            app.apply_municipality(&municipality)?;
            let demo_cities = if settings.demo {
                let logins = app.seed_demo(&municipality)?;
                tenants::seed_demo_cities(&app, &settings, &municipality, logins)?
            } else {
                refuse_demo_accounts(&app, &municipality.tenant.id)?;
                Vec::new()
            };
            tenants::apply_other_municipalities(&app, &settings)?;
            tenants::check_every_tenant(&app)?;
            load_postal_codes_if_empty(&settings, &app)?;
            Ok::<_, StartError>(demo_cities)
        })?;
        let demo_logins = demo_cities
            .first()
            .map(|c| c.logins.clone())
            .unwrap_or_default();
        let work = if settings.worker.in_process {
            Work::All
        } else {
            Work::OwnOnly
        };
        let transports = workers::Transports {
            mailer: mail::from_settings(&settings)?,
            hooks: Box::new(hooks::HttpHookSender::default()),
        };
        let lanes = workers::start(
            &app,
            work,
            transports,
            Duration::from_millis(settings.mail_poll_ms),
        );
        tracing::info!(lanes = ?lanes.names(), "background lanes running");
        let web_config = WebConfig {
            secure_cookies: settings.public_url.starts_with("https://"),
            csrf_key: settings.csrf_key()?,
            max_form_bytes: settings.max_form_bytes,
            trusted_proxies: madoguchi_web::proxies::TrustedProxies::parse(
                &settings.trusted_proxies,
            )
            .map_err(StartError::Config)?,
            limits: settings.http.body_limits(),
            api_rate: madoguchi_web::ApiRateLimit::new(settings.http.api_requests_per_minute),
        };
        let state = WebState {
            app: app.clone(),
            config: web_config,
            pages: Default::default(),
        };
        // The "pay" form redirects to the provider's page: form-action must allow it.
        let payment_origin = payment_origins(&settings);
        let observer = madoguchi_web::observe::Observer {
            trusted: state.config.trusted_proxies.clone(),
            token: settings.metrics.token(),
            ..Default::default()
        };
        let service = http::HttpService {
            state,
            payment_origin,
            stub,
            library: library.map(|(stub, _)| stub),
            observer,
            operator: operator_api::OperatorApi::new(&app, &settings),
        };
        let limits = &settings.http;
        limits.check()?;
        // The listener was bound by std (backlog 128): listen again with ours.
        rustix::net::listen(&listener, i32::try_from(limits.backlog).unwrap_or(i32::MAX))
            .map_err(|e| StartError::Listen(settings.listen.clone(), e.into()))?;
        // Headers within 10 s, bodies within the body deadlines (madoguchi_web::deadline),
        // idle connections closed after keep_alive_seconds.
        // TCP_NODELAY: a response's last small write (a streamed body's end) goes out at
        // once instead of waiting for the client's delayed ACK (about 40 ms a response).
        let mut server = HttpServer::new(move || http::app(service.clone()))
            .tcp_nodelay(true)
            .shutdown_timeout(30)
            .client_request_timeout(Duration::from_secs(10))
            .keep_alive(Duration::from_secs(limits.keep_alive_seconds))
            .max_connections(limits.max_connections)
            .max_connection_rate(limits.max_connection_rate)
            .worker_max_blocking_threads(limits.max_blocking_threads);
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
            lanes,
            app,
            demo_logins,
            demo_cities,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The background lanes this process runs.
    pub fn lanes(&self) -> Vec<&'static str> {
        self.lanes.names()
    }

    /// Serves until SIGINT/SIGTERM (in-flight requests finish, up to 30 s), then stops the
    /// background lanes.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.lanes.stop();
        result
    }
}

/// Outside the demo, demo accounts (a published password and authenticator key) must not
/// exist: the service does not start beside them.
fn refuse_demo_accounts(app: &App, tenant: &madoguchi_core::TenantId) -> Result<(), StartError> {
    // Every city's: the demo seeds Akita and Shiroishi beside Sendai.
    let mut found = app.demo_accounts(tenant)?;
    for (other, _) in app.list_tenants()? {
        if &other.id != tenant {
            found.extend(app.demo_accounts(&other.id)?);
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    Err(StartError::Config(format!(
        "refusing to start without --demo: the database has {} demo account(s) ({}) whose password and authenticator key are published. Remove them with `madoguchi demo remove` (same configuration), or start with --demo (MADOGUCHI_DEMO=1) for a demonstration",
        found.len(),
        match found.len() {
            0..=3 => found.join(", "),
            n => format!("{} and {} more", found[..3].join(", "), n - 3),
        }
    )))
}

/// The origins of every payment provider's pages outside this server (space-separated):
/// the "pay" form redirects there, which `form-action` must allow.
fn payment_origins(settings: &Settings) -> Option<String> {
    let mut origins: Vec<String> = settings
        .payment
        .providers
        .values()
        .map(|p| http::origin_of(&p.stub_url))
        .collect();
    if settings.payment_provider() == "stub" && !settings.mounts_stub() {
        origins.push(http::origin_of(&settings.payment.stub_url));
    }
    origins.sort();
    origins.dedup();
    (!origins.is_empty()).then(|| origins.join(" "))
}
