//! The long-running processes: `serve` (the web application and, unless told otherwise, the
//! background lanes), `worker` (the lanes alone) and `stub-pay` (the local payment stub),
//! each until SIGTERM or SIGINT.

use madoguchi_server::observe::announce;
use madoguchi_server::{Application, Settings, StartError, Work, build_app, mail, open_database};

use crate::{StubPayArgs, say};

pub(crate) fn serve(settings: Settings) -> Result<std::process::ExitCode, StartError> {
    // Each connection is a file descriptor: use all the system allows (LimitNOFILE=).
    let workers = settings.http_workers.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let connections = workers.saturating_mul(settings.http.max_connections);
    match madoguchi_server::limits::raise_open_file_limit() {
        Ok(files) if (files as usize) < connections.saturating_add(256) => tracing::warn!(
            open_files = files,
            connections,
            "the open-file limit is below the connections allowed (http.max_connections × workers) plus 256 for the rest: raise LimitNOFILE= or lower http.max_connections"
        ),
        Ok(files) => tracing::info!(open_files = files, connections, "open-file limit"),
        Err(e) => tracing::warn!(error = %e, "could not raise the open-file limit"),
    }
    let public_url = settings.public_url.clone();
    let database = settings
        .database_url
        .split('@')
        .next_back()
        .unwrap_or_default()
        .to_string();
    let mail_target = match &settings.smtp {
        Some(s) => format!("SMTP {}:{}", s.host, s.port),
        None => format!("files in {}", settings.data_dir.join("mail").display()),
    };
    let payments = match (settings.payment_provider(), settings.mounts_stub()) {
        ("stub", true) => {
            format!("test payments (stub at {public_url}/stubpay: card 4242 4242 4242 4242 pays)")
        }
        ("stub", false) => format!("test payments (stub at {})", settings.payment.stub_url),
        _ => "not online (fees are paid at the counter)".to_string(),
    };
    let demo = settings.demo;
    let runtime = actix_web::rt::System::new();
    runtime.block_on(async move {
        let application = Application::build(settings)?;
        announce("");
        announce(&format!("Madoguchi is running at {public_url}"));
        announce(&format!("  residents:  {public_url}/procedures"));
        announce(&format!("  staff:      {public_url}/office"));
        for city in application.demo_cities.iter().skip(1) {
            announce(&format!(
                "  {} / {}: {}/procedures",
                city.name.ja, city.name.en, city.url
            ));
            for login in &city.logins {
                announce(&format!(
                    "    {} / {} ({})",
                    login.login, login.password, login.department
                ));
            }
        }
        if demo {
            let (card, password) = madoguchi_stublibrary::DEMO_CARDS[0];
            announce(&format!(
                "  demo library card (図書館の予約, checked by the stand-in library): {card} / {password}"
            ));
        }
        for login in &application.demo_logins {
            if login.department == madoguchi_app::operations::RESIDENT_LOGIN {
                announce(&format!(
                    "  demo resident (sign in at {public_url}/account): {} / {}",
                    login.login, login.password
                ));
            } else {
                announce(&format!(
                    "  demo clerk ({}): {} / {}",
                    login.department, login.login, login.password
                ));
            }
        }
        if !application.demo_logins.is_empty() {
            announce(&format!(
                "  staff sign-in asks for an authenticator code: demo accounts use the key {} \
                 (the demo sign-in page also shows the current code)",
                madoguchi_app::kernel::DEMO_TOTP_SECRET
            ));
        }
        announce(&format!("  database:   {database}"));
        announce(&format!("  mail:       {mail_target}"));
        announce(&format!("  fees:       {payments}"));
        announce(&format!("  background: {}", application.lanes().join(", ")));
        announce("Press Ctrl+C to stop.");
        application
            .run_until_stopped()
            .await
            .map_err(|e| StartError::Listen("server".into(), e))
    })?;
    Ok(std::process::ExitCode::SUCCESS)
}

pub(crate) fn stub_pay(args: StubPayArgs) -> Result<std::process::ExitCode, StartError> {
    let secret = madoguchi_stubpay::WebhookSecret::new(args.webhook_secret.as_bytes())
        .map_err(|e| StartError::Config(format!("--webhook-secret: {e}")))?;
    let public_url = args
        .public_url
        .unwrap_or_else(|| format!("http://{}", args.listen));
    let mut config = madoguchi_stubpay::StubConfig::new(&public_url, args.api_key, secret);
    config.webhook_url = args.webhook_url;
    config.test_mode = args.test_mode;
    say(&format!("StubPay (test payments) at {public_url}"));
    if config.test_mode {
        say("  test mode: /test/checkouts/{id}/script, /settle and /expire are enabled");
    }
    actix_web::rt::System::new()
        .block_on(madoguchi_stubpay::run(args.listen, config))
        .map_err(|e| StartError::Listen(args.listen.to_string(), e))?;
    Ok(std::process::ExitCode::SUCCESS)
}

pub(crate) fn worker(settings: Settings) -> Result<std::process::ExitCode, StartError> {
    settings.check_public_url()?;
    let db = open_database(&settings)?;
    let app = build_app(&settings, db)?;
    madoguchi_server::tenants::check_every_tenant(&app)?;
    let transports = madoguchi_server::workers::Transports {
        mailer: mail::from_settings(&settings)?,
        hooks: Box::new(madoguchi_server::hooks::HttpHookSender::default()),
    };
    let lanes = madoguchi_server::workers::start(
        &app,
        Work::All,
        transports,
        std::time::Duration::from_millis(settings.mail_poll_ms),
    );
    announce(&format!(
        "worker running: {}; Ctrl+C to stop",
        lanes.names().join(", ")
    ));
    let listen = settings.worker.listen.clone();
    let observer = madoguchi_web::observe::Observer {
        token: settings.metrics.token(),
        trusted: madoguchi_web::proxies::TrustedProxies::parse(&settings.trusted_proxies)
            .map_err(StartError::Config)?,
        ..Default::default()
    };
    actix_web::rt::System::new().block_on(async move {
        let probes = if listen.is_empty() {
            None
        } else {
            let handle = madoguchi_server::workers::probes::start(&listen, &app, observer)?;
            announce(&format!(
                "  probes:     http://{listen}/healthz, /readyz and /metrics"
            ));
            Some(handle)
        };
        stop_requested()
            .await
            .map_err(|e| StartError::Config(format!("cannot wait for a stop signal: {e}")))?;
        if let Some(probes) = probes {
            probes.stop(true).await;
        }
        Ok::<(), StartError>(())
    })?;
    tracing::info!("stopping: each lane finishes its round");
    lanes.stop();
    Ok(std::process::ExitCode::SUCCESS)
}

/// Waits for SIGTERM (systemd, containers) or SIGINT (Ctrl+C).
async fn stop_requested() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    Ok(())
}
