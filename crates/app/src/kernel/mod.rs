//! The shared kernel: the application value, its settings and keys, units of work on the
//! database, the clock, errors, authorisation (staff and residents), the audit log, secrets,
//! retry with backoff, and look-ups of a municipality's organisation. Every other module
//! builds on it; it uses none of them.

pub(crate) mod appeal_notices;
pub(crate) mod audit;
pub(crate) mod booking;
mod booking_visits;
mod clock;
pub mod combine;
mod config;
pub mod confirmed_facts;
pub mod decision_routes;
pub(crate) mod departments;
pub mod disk;
mod error;
pub mod files;
pub(crate) mod identity;
mod jobs;
pub(crate) mod municipality;
pub mod office_calendar;
pub mod passwords;
pub mod postal;
pub(crate) mod providers;
pub(crate) mod retry;
pub mod secrets;
mod served;
pub mod spreadsheet;
pub mod staff;
pub mod tenancy;
pub(crate) mod throttle;
pub mod tokens;
pub mod totp;
pub(crate) mod words;

pub use clock::{Clock, FixedClock, SystemClock};
pub use config::{AppConfig, CheckEndpoint, SecretKeys};
pub use disk::{DiskWatch, FreeSpace, NotReady};
pub use error::AppError;
pub use files::{
    AttachmentView, FileContent, FileDownload, FileReader, FileStore, LocalFiles, MAX_FILE_BYTES,
    MAX_FILES_PER_QUESTION, MAX_FILING_BYTES, ScanVerdict, SignatureScanner, VirusScanner,
    human_size,
};
pub use identity::{ACCOUNT_ISSUER, IdentityGate, IdentityNeed, SignedIn};
pub use postal::Address;
pub use staff::{Clerk, NewClerk, Ward};
pub use throttle::{THROTTLE_WINDOW, client_group};
pub use tokens::{new_status_key, new_token, status_key_hash, token_hash};
pub use totp::DEMO_TOTP_SECRET;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use madoguchi_forms::{Form, FormRegistry};
use madoguchi_records::{Database, Records, RecordsRead, StoreError};
use madoguchi_workflow::BusinessCalendar;

/// The sealers of the app, built from its keys.
#[derive(Clone, Debug)]
pub(crate) struct Sealers {
    pub totp: secrets::Sealer,
    pub my_number: secrets::Sealer,
    /// Webhooks' signing secrets (a key derived from the TOTP key).
    pub webhook: secrets::Sealer,
}

/// The application: everything a request needs, cheap to clone.
#[derive(Clone)]
pub struct App {
    db: Arc<dyn Database>,
    /// The procedures each municipality offers; replaced whole when one is published or
    /// retired.
    served: Arc<std::sync::RwLock<served::Served>>,
    /// Forms of older versions, for submissions filed before a change.
    pub(crate) old_forms: Arc<Mutex<HashMap<String, Arc<Form>>>>,
    /// Form versions this process knows are recorded (what it loaded at start); a
    /// city's template compiled on first use is recorded with what is first saved under
    /// it (`keep_form_version`).
    pub(crate) recorded_versions: Arc<Mutex<std::collections::HashSet<String>>>,
    pub(crate) calendar: Arc<BusinessCalendar>,
    clock: Arc<dyn Clock>,
    pub(crate) config: Arc<AppConfig>,
    pub(crate) sealers: Arc<Sealers>,
    /// Each municipality's appeal-rights notices (教示), by (tenant, key); set by
    /// `apply_municipality`.
    pub(crate) appeal_notices: Arc<std::sync::RwLock<appeal_notices::AppealNotices>>,
    pub(crate) files: Arc<dyn FileStore>,
    pub(crate) scanner: Arc<dyn VirusScanner>,
    /// The font PDFs are drawn with, loaded on first use (`Err`: why the configured file
    /// cannot be used).
    pub(crate) fonts: Arc<std::sync::OnceLock<Result<Arc<madoguchi_documents::Fonts>, String>>>,
    /// The residents' identity providers' clients, once discovered.
    pub(crate) oidc: Arc<providers::OidcClients>,
    /// What `refresh_published` saw last of each municipality's published versions and
    /// retirements.
    pub(crate) published_seen: Arc<Mutex<HashMap<madoguchi_core::TenantId, String>>>,
    /// Background jobs' runs and failures in this process.
    jobs: Arc<jobs::JobCounters>,
    /// The tenants and their host names, as this node last read them.
    pub(crate) tenancy: Arc<tenancy::Registry>,
    /// Each municipality's departments as this node last read them.
    pub(crate) departments: Arc<departments::Departments>,
    /// Each city's confirmations of its procedures' facts as this node last read them.
    pub(crate) confirmed: Arc<confirmed_facts::ConfirmedFacts>,
    /// Filings sent as JSON, written in batches by whichever request leads
    /// (`filing/batch.rs`).
    pub(crate) filing_batches: Arc<combine::Combiner>,
    /// Filings those batches stored.
    pub(crate) filings_batched: Arc<std::sync::atomic::AtomicU64>,
}

impl App {
    /// The application value with nothing loaded yet (`App::new` loads what it needs).
    pub(crate) fn assemble(
        db: Arc<dyn Database>,
        forms: FormRegistry,
        clock: Arc<dyn Clock>,
        config: AppConfig,
    ) -> App {
        let files: Arc<dyn FileStore> = match &config.file_store {
            Some(store) => Arc::clone(store),
            None => Arc::new(LocalFiles {
                dir: config.files_dir.clone(),
            }),
        };
        let scanner = Arc::clone(&config.scanner);
        let filing_batches = Arc::new(combine::Combiner::new(
            combine::leaders_for(db.writes_take_turns()),
            madoguchi_records::ROWS_PER_INSERT,
        ));
        App {
            db,
            served: Arc::new(served::Served::new(forms)),
            old_forms: Arc::new(Mutex::new(HashMap::new())),
            recorded_versions: Arc::default(),
            calendar: Arc::new(config.calendar.clone()),
            clock,
            sealers: Arc::new(Sealers {
                totp: secrets::Sealer::new(secrets::Purpose::Totp, &config.keys.totp),
                my_number: secrets::Sealer::new(secrets::Purpose::MyNumber, &config.keys.my_number),
                webhook: secrets::Sealer::new(
                    secrets::Purpose::Webhook,
                    &secrets::derive_key(&config.keys.totp, "webhook"),
                ),
            }),
            config: Arc::new(config),
            appeal_notices: Arc::default(),
            fonts: Arc::default(),
            oidc: Arc::default(),
            published_seen: Arc::default(),
            jobs: Arc::default(),
            tenancy: Arc::default(),
            departments: Arc::default(),
            confirmed: Arc::default(),
            filing_batches,
            filings_batched: Arc::default(),
            files,
            scanner,
        }
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    /// A municipality's appeal-rights notice (教示) with this key, as decisions print it.
    pub fn appeal_notice(&self, tenant: &str, key: &str) -> Option<madoguchi_core::Localized> {
        self.appeal_notices.read().ok()?.get(tenant, key).cloned()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The day answers are validated for (the JST date on the app's clock): what rules
    /// counted from the filing day (`x-date-window`) count from.
    pub fn filing_day(&self) -> chrono::NaiveDate {
        madoguchi_core::jst::date(self.now())
    }

    /// Does the database answer `SELECT 1` within about `within`? (for `/readyz`: a
    /// probe that counted rows, or waited the pool's 15 s for a connection, would answer
    /// too late to be of use)
    /// Then is there room on every folder it writes to, above the operator's floor
    /// (`min_free_mb`)?
    pub fn ready(&self, within: std::time::Duration) -> Result<(), NotReady> {
        self.db
            .ping(within)
            .map_err(|e| NotReady::Database(AppError::from(e)))?;
        match self.config.disk.below_floor() {
            Some(low) => Err(NotReady::LowDisk {
                low,
                floor_bytes: self.config.disk.floor_bytes,
            }),
            None => Ok(()),
        }
    }

    /// The free space of each folder this process writes to (for `/metrics`).
    pub fn free_space(&self) -> Vec<FreeSpace> {
        self.config.disk.measure()
    }

    /// The connection pool's use and waits, and the engine's name (for `/metrics`).
    pub(crate) fn pool_vitals(&self) -> (madoguchi_records::PoolVitals, &'static str) {
        (self.db.pool_vitals(), self.db.engine())
    }

    /// Runs `f` on a database connection (no transaction).
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&mut dyn RecordsRead) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        run_read_once(|work| self.db.read(work), f)
    }

    /// Runs `f` as one unit of writes; an error from `f` rolls back everything it wrote.
    /// The unit may share a transaction and its commit with concurrent writes (group
    /// commit); it returns once that commit is durable.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut dyn Records) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        run_once(|work| self.db.write(work), f)
    }

    /// Runs `f`, which writes with one statement (or a store method atomic on its own), as
    /// one unit of writes without a transaction of its own where none is needed
    /// (`Database::write_atomic`).
    pub(crate) fn write_atomic<T>(
        &self,
        f: impl FnOnce(&mut dyn Records) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        run_once(|work| self.db.write_atomic(work), f)
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("engine", &self.db.engine())
            .field("catalogue", &self.catalogue().len())
            .finish()
    }
}

/// Adapts a typed, fallible closure to the object-safe `Database` interface: the result
/// travels out through `slot`, and an error makes the unit of work fail (rolling back a
/// transaction).
/// (One for units of writes, which get every storage method, and one for units of reads,
/// which get only the reads.)
macro_rules! run_once {
    ($name:ident, $records:ident, $work:ty) => {
        fn $name<T>(
            run: impl FnOnce($work) -> Result<(), StoreError>,
            f: impl FnOnce(&mut dyn $records) -> Result<T, AppError>,
        ) -> Result<T, AppError> {
            let mut f = Some(f);
            let mut slot: Option<Result<T, AppError>> = None;
            let outcome = run(&mut |records: &mut dyn $records| {
                let Some(f) = f.take() else {
                    return Err(StoreError::Other("unit of work run twice".into()));
                };
                let result = f(records);
                let failed = result.is_err();
                slot = Some(result);
                if failed {
                    Err(StoreError::RolledBack)
                } else {
                    Ok(())
                }
            });
            match (outcome, slot) {
                (Ok(()), Some(result)) => result,
                (Err(StoreError::RolledBack), Some(Err(e))) => Err(e),
                // The database failed around the work (connection, commit): that is the error.
                (Err(e), _) => Err(AppError::Store(e)),
                (Ok(()), None) => Err(AppError::broken("unit of work did not run")),
            }
        }
    };
}
run_once!(run_once, Records, madoguchi_records::Work<'_>);
run_once!(run_read_once, RecordsRead, madoguchi_records::ReadWork<'_>);
