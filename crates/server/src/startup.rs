//! Start-up: the database (migrated, durability checked), the use-case layer and the
//! payment provider the settings name, the municipality, the postal codes, the calendar.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use madoguchi_app::operations::PostalRows;
use madoguchi_app::operations::{KeyCheckError, KeyMismatch};
use madoguchi_app::residents::OidcConfig;
use madoguchi_app::{App, AppConfig, kernel::SystemClock};
use madoguchi_core::TenantId;
use madoguchi_forms::FormRegistry;
use madoguchi_store::{Db, durability};

use crate::{Settings, StartError};

/// Opens the database, migrates it and checks its durability settings.
pub fn open_database(settings: &Settings) -> Result<Db, StartError> {
    warn_of_an_old_database_location(settings);
    let db = Db::connect(&settings.database_url, settings.db_pool_size)?;
    let applied = db.migrate()?;
    for name in &applied {
        tracing::info!(migration = %name, "migration applied");
    }
    let problems = durability::check(&mut *db.conn()?)?;
    if durability::sqlite_plans_are_kept(&mut *db.conn()?)? == Some(false) {
        tracing::warn!(
            "this build's SQLite plans a look-up again each time it runs (built without \
             SQLITE_ENABLE_QPSG): correct but slower; build from the repository, whose \
             .cargo/config.toml sets LIBSQLITE3_FLAGS"
        );
    }
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

/// Before `database_url` defaulted to `data_dir/madoguchi.db`, it defaulted to
/// `./data/madoguchi.db` whatever `data_dir` said: an instance upgraded with another
/// `data_dir` and no `database_url` would start on a new, empty database. Said once at
/// start, with the way out.
fn warn_of_an_old_database_location(settings: &Settings) {
    let old = Path::new("data/madoguchi.db");
    let new = settings.data_dir.join("madoguchi.db");
    let defaulted = settings.database_url == format!("sqlite://{}", new.display());
    if defaulted && !new.exists() && old.exists() {
        tracing::warn!(
            old = %old.display(),
            new = %new.display(),
            "a database is at the old default place, not in data_dir where this version looks: move it there (service stopped), or set database_url (MADOGUCHI_DATABASE_URL) to it"
        );
    }
}

/// Opens a postal-code file (gzipped or plain; the project's CSV or Japan Post's
/// utf_ken_all.csv) for reading row by row.
fn open_postal_file(path: &Path) -> Result<PostalRows<Box<dyn std::io::Read + Send>>, StartError> {
    let file = std::fs::File::open(path)
        .map_err(|e| StartError::Config(format!("cannot open {}: {e}", path.display())))?;
    let reader: Box<dyn std::io::Read + Send> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(std::io::BufReader::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    PostalRows::new(reader).map_err(|e| StartError::Config(format!("{}: {e}", path.display())))
}

/// Replaces the postal codes with a file's (see `open_postal_file`), in one transaction.
/// The file is read twice, row by row, never whole: first to refuse it, naming the line,
/// before anything is changed; then into the database.
pub fn import_postal_file(app: &App, path: &Path) -> Result<usize, StartError> {
    for row in open_postal_file(path)? {
        row.map_err(|e| StartError::Config(format!("{}: {e}", path.display())))?;
    }
    Ok(app.import_postal_rows(open_postal_file(path)?)?)
}

/// The municipality's organisation from `municipality_file`.
pub fn read_municipality(
    settings: &Settings,
) -> Result<madoguchi_app::operations::Municipality, StartError> {
    let path = &settings.municipality_file;
    let text = std::fs::read_to_string(path)
        .map_err(|e| StartError::Config(format!("cannot read {}: {e}", path.display())))?;
    madoguchi_app::operations::Municipality::from_json(&text)?
        .with_parameters_of(path)?
        .with_own_forms(&settings.forms_dir)
        .map_err(StartError::from)
}

/// Loads the configured postal-code file when the database has none yet. Without postal
/// codes no filing of a procedure routed to a ward office could be taken (each would be
/// refused as an unknown address), so the service refuses to start instead.
pub(crate) fn load_postal_codes_if_empty(settings: &Settings, app: &App) -> Result<(), StartError> {
    if app.postal_codes_loaded()? > 0 {
        return Ok(());
    }
    let path = &settings.postal_codes_file;
    if path.as_os_str().is_empty() || !path.exists() {
        let routed = app
            .forms_for(&app.config().default_tenant)
            .all()
            .filter(|f| f.settings().routing.is_some())
            .count();
        if routed == 0 {
            tracing::warn!(file = %path.display(), "no postal codes; address look-up is empty");
            return Ok(());
        }
        return Err(StartError::Config(format!(
            "{routed} procedure(s) are routed to a ward office by postal code, but the database has no postal codes and postal_codes_file (MADOGUCHI_POSTAL_CODES_FILE) = \"{}\" names no file: point it at Japan Post's data (deploy/data/postal-codes.csv.gz; docs/operations.md, Postal codes)",
            path.display()
        )));
    }
    let started = std::time::Instant::now();
    let n = import_postal_file(app, path)?;
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
    build_app_with(settings, db, None, None)
}

/// `local_base`: this server's own address when it serves; `library_token`: the token of
/// the demo's stand-in library mounted in it (`demo_library`).
pub(crate) fn build_app_with(
    settings: &Settings,
    db: Db,
    local_base: Option<&str>,
    library_token: Option<&str>,
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
    config.disk = disk_watch(settings, &config.files_dir);
    let bucket = settings.storage.open()?;
    config.file_store = bucket
        .clone()
        .map(|b| b as Arc<dyn madoguchi_app::kernel::FileStore>);
    config.font_path =
        (!settings.font_path.as_os_str().is_empty()).then(|| settings.font_path.clone());
    config.payments = payment_provider(settings, local_base)?;
    config.payment_providers = named_payment_providers(settings)?;
    if let Some(oidc) = &settings.oidc {
        config.oidc = (!oidc.issuer.is_empty()).then(|| oidc_config(oidc, &settings.public_url));
        for (name, o) in &oidc.providers {
            if !o.providers.is_empty() || o.issuer.is_empty() || o.client_id.is_empty() {
                return Err(StartError::Config(format!(
                    "[oidc.providers.{name}]: give its issuer and client_id (and no providers of its own)"
                )));
            }
            config
                .oidc_providers
                .insert(name.clone(), oidc_config(o, &settings.public_url));
        }
    }
    config.external_checks =
        crate::external_checks::external_checks(settings, local_base.zip(library_token))?;
    if settings.payment.check_seconds > 0 {
        config.payment_check_every = chrono::Duration::seconds(settings.payment.check_seconds);
    }
    let files_dir = config.files_dir.clone();
    let app = App::new(Arc::new(db), forms, Arc::new(SystemClock), config)?;
    check_keys(settings, &app)?;
    if bucket.is_none() {
        // Files kept before they were kept by municipality move to its folder.
        let moved =
            app.adopt_unscoped_files(&madoguchi_app::kernel::LocalFiles { dir: files_dir })?;
        if moved > 0 {
            tracing::info!(moved, "attached files moved to their municipality's folder");
        }
    }
    Ok(app)
}

/// Every key this process uses against the checks the database keeps: a node given other
/// keys than the first one had would fail forms, staff sign-ins and My Numbers later.
fn check_keys(settings: &Settings, app: &App) -> Result<(), StartError> {
    let mut names = vec!["csrf", "totp", "mynumber", "enrolment", "counter"];
    if settings.mounts_stub() {
        names.push("stubpay");
    }
    let keys = names
        .into_iter()
        .map(|name| settings.key(name))
        .collect::<Result<Vec<_>, _>>()?;
    let named: Vec<(&str, &[u8; 32])> = keys.iter().map(|k| (k.name, &k.bytes)).collect();
    match app.check_keys(&named) {
        Ok(()) => Ok(()),
        Err(KeyCheckError::App(e)) => Err(e.into()),
        Err(KeyCheckError::Mismatch(KeyMismatch(differ))) => {
            let each: Vec<String> = keys
                .iter()
                .filter(|k| differ.iter().any(|d| d == k.name))
                .map(|k| format!("the {} key (from {})", k.name, k.source))
                .collect();
            Err(StartError::Config(format!(
                "refusing to start: {} {} from the keys this database was first started with. Give this node the same keys as the others ({} or {}_FILE, or the files in their data_dir; docs/operations.md, Keys)",
                each.join(", "),
                if each.len() == 1 { "differs" } else { "differ" },
                crate::keys::variable(differ.first().map_or("", String::as_str)),
                crate::keys::variable(differ.first().map_or("", String::as_str)),
            )))
        }
    }
}

/// The relying party's settings of one `[oidc]` configuration. The redirect address is
/// the deployment's; a municipality with its own public URL gets its own (see
/// `madoguchi_app`'s providers).
fn oidc_config(o: &crate::settings::OidcSettings, public_url: &str) -> OidcConfig {
    let secret = (!o.client_secret.is_empty())
        .then(|| madoguchi_app::residents::ClientSecret::new(o.client_secret.clone()));
    let mut c = OidcConfig::new(
        o.issuer.trim_end_matches('/').to_string(),
        o.client_id.clone(),
        secret,
        format!("{public_url}/sign-in/callback"),
    );
    // The standard claims the card's step-up verifies (name, birthdate; address) fill in
    // forms first; a provider that does not offer these scopes ignores them.
    c.scopes = ["openid", "profile", "address"].map(String::from).to_vec();
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
}

/// The named payment configurations (`[payment.providers.NAME]`): each a separate stub
/// (`stub_url` with its keys) until a real provider's adapter exists.
fn named_payment_providers(
    settings: &Settings,
) -> Result<BTreeMap<String, Arc<dyn madoguchi_payment::PaymentProvider>>, StartError> {
    let mut named = BTreeMap::new();
    for (name, p) in &settings.payment.providers {
        let refused =
            |why: String| StartError::Config(format!("[payment.providers.{name}]: {why}"));
        if p.provider != "stub" || p.stub_url.is_empty() || !p.providers.is_empty() {
            return Err(refused(
                "provider = \"stub\" with its stub_url, api_key and webhook_secret (only the default [payment] may use the stub mounted in this server)".into(),
            ));
        }
        let secret = madoguchi_payment::WebhookSecret::new(p.webhook_secret.as_bytes())
            .map_err(|e| refused(format!("webhook_secret: {e}")))?;
        let client =
            madoguchi_stubpay::StubPayClient::new(p.stub_url.clone(), p.api_key.clone(), secret)
                .map_err(|e| refused(e.to_string()))?;
        named.insert(
            name.clone(),
            Arc::new(client) as Arc<dyn madoguchi_payment::PaymentProvider>,
        );
    }
    Ok(named)
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

/// The stand-in provider's checkouts in the database: every node that mounts the stub
/// (each `serve` of a demo or test deployment) sees the same ones, so a resident may start
/// paying on one node and come back on another.
#[derive(Debug)]
struct SharedLedger(Db);

impl madoguchi_stubpay::LedgerStore for SharedLedger {
    fn update(&self, change: &mut dyn FnMut(&mut String) -> bool) -> Result<(), String> {
        use madoguchi_records::Database;
        self.0
            .write(&mut |c| {
                let now = chrono::Utc::now().naive_utc();
                let mut json = c.stub_ledger_for_update(now)?.unwrap_or_default();
                if change(&mut json) {
                    c.save_stub_ledger(&json, now)?;
                }
                Ok(())
            })
            .map_err(|e| e.to_string())
    }
}

/// The stub to mount at `/stubpay` in this server, if the settings ask for it; its
/// checkouts are kept in the database (`db`).
pub(crate) fn mounted_stub(
    settings: &Settings,
    local_base: &str,
    db: &Db,
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
    let store = Arc::new(SharedLedger(db.clone()));
    let stub = madoguchi_stubpay::StubPay::with_store(config, store)
        .map_err(|e| StartError::Config(format!("stub payments: {e}")))?;
    Ok(Some(stub))
}

/// The folders whose free space `/readyz` watches: the SQLite database's (when the database
/// is a file here), the data folder and the files folder, one per file system.
fn disk_watch(settings: &Settings, files_dir: &Path) -> madoguchi_app::kernel::DiskWatch {
    let mut folders = Vec::new();
    // The database's file, however the URL names it (`sqlite://`, `sqlite:`, a plain path).
    if let Ok((madoguchi_store::Backend::Sqlite, path)) =
        madoguchi_store::Backend::from_url(&settings.database_url)
        && let Some(parent) = Path::new(&path).parent()
    {
        folders.push(if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent.to_path_buf()
        });
    }
    folders.push(settings.data_dir.clone());
    folders.push(files_dir.to_path_buf());
    madoguchi_app::kernel::DiskWatch::new(folders, settings.min_free_mb.saturating_mul(1024 * 1024))
}
