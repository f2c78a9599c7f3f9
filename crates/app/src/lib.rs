#![doc = include_str!("../README.md")]

mod accounts;
mod attachments;
mod auth;
mod authoring;
mod clock;
mod correction;
mod counter;
mod deliveries;
mod documents;
mod drafts;
mod error;
mod export;
mod figures;
mod guide;
mod identity;
mod integrations;
mod mail;
mod office;
mod passwords;
mod payments;
mod postal;
mod resident;
mod retention;
mod review;
pub mod secrets;
mod setup;
mod staff;
mod throttle;
mod tokens;
pub mod totp;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use madoguchi_core::TenantId;
use madoguchi_forms::{Form, FormRegistry};
use madoguchi_records::{Database, Records, StoreError};
use madoguchi_workflow::BusinessCalendar;

pub use accounts::{ACCOUNT_ISSUER, AccountView};
pub use attachments::{
    AttachmentView, FileDownload, FileStore, LocalFiles, MAX_FILE_BYTES, MAX_FILES_PER_QUESTION,
    MAX_FILING_BYTES, ScanVerdict, SignatureScanner, VirusScanner, human_size,
};
pub use auth::{Clerk, ClerkSession, DEMO_TOTP_SECRET, Enrolment, SignInStep, Ward};
pub use authoring::{
    AuthoredProcedure, ChoiceOption, ConditionChoice, ConditionOutline, DiffLine, Direction,
    FeeInput, FeeOutline, InputProblem, KindOf, LintProblem, PendingPublication, ProcedureDraft,
    ProcedureStatus, Publication, QuestionInput, QuestionKind, QuestionOutline, SettingsInput,
    StepOutline, StructureEdit, StructureOutcome, StructureOutline, VersionView, diff_lines,
    fee_timings, identity_levels,
};
pub use clock::{Clock, FixedClock, SystemClock};
pub use correction::{CorrectionOutcome, CorrectionPage};
pub use counter::{
    ClerkItem, ClerkVisit, CounterCode, CounterFiled, CounterItem, CounterSuggestion,
    IDENTITY_DOCUMENTS, ResidentVisit, clean_code,
};
pub use deliveries::FailedDelivery;
pub use documents::Pdf;
pub use drafts::DraftSummary;
pub use error::AppError;
pub use export::{Export, ExportFormat, ExportQuery};
pub use figures::{FigureRow, Figures, fiscal_year_of};
pub use guide::GuideEntry;
pub use identity::{IdentityGate, SignedIn};
pub use integrations::{
    ApiClient, ApiTokenView, HookAttempt, HookSender, NewApiToken, StatusEvent, SubmissionStatus,
    WebhookDelivery, WebhookEvent, WebhookReport, WebhookView, sign_payload,
};
pub use madoguchi_oidc::{ClientSecret, Level as OidcLevel, OidcConfig};
pub use madoguchi_records::QueueSort;
pub use mail::{DeliveryReport, MailError, Mailer, OutgoingMail, html_version};
pub use office::{
    AssigneeChoice, Change, Choice, CorrectionView, DUE_SOON_DAYS, DueChoice, EventView, QueueItem,
    QueuePage, QueueQuery, SubmissionDetail, changes_between,
};
pub use payments::{
    LedgerLine, PayAccess, PayPage, PaymentJobReport, PaymentView, Reconciliation, WebhookOutcome,
    method_label, status_code as payment_status_code,
};
pub use postal::{Address, ImportError, parse_postal_csv};
pub use resident::{
    ApplicationView, CheckView, Checked, DraftView, HistoryItem, ProcedureSummary, Receipt,
    Refilled, StepOutcome, SubmitOutcome,
};
pub use retention::RetentionReport;
pub use review::{DecisionInput, MAX_CORRECTION_DAYS, ReviewInput};
pub use setup::{
    DEMO_PASSWORD, DEMO_RESIDENT, DEMO_TENANT, DemoLogin, Municipality, NewClerk, RESIDENT_LOGIN,
};
pub use staff::{StaffChange, StaffView, password_problem};
pub use tokens::{new_token, token_hash};

/// Settings the use cases need.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The municipality served when a request does not say otherwise.
    pub default_tenant: TenantId,
    /// Public base URL, used in emails (`https://madoguchi.city.example`).
    pub public_url: String,
    /// Sender of resident emails.
    pub mail_from: String,
    /// How long a draft is kept without activity.
    pub draft_ttl: chrono::Duration,
    /// How long a counter pre-entry code (QR) is valid after it is made.
    pub counter_code_ttl: chrono::Duration,
    /// Where attached files are stored (by SHA-256).
    pub files_dir: std::path::PathBuf,
    /// The virus-scan hook for attached files.
    pub scanner: Arc<dyn VirusScanner>,
    /// Font files for PDFs, first usable wins; empty: the usual system paths
    /// (`madoguchi_documents::SYSTEM_FONT_PATHS`).
    pub font_paths: Vec<std::path::PathBuf>,
    /// How long a clerk session lasts without activity (idle timeout).
    pub clerk_session_ttl: chrono::Duration,
    /// How long a clerk session lasts at most, however active (absolute timeout).
    pub clerk_session_max: chrono::Duration,
    /// Keys of the values kept encrypted, and of enrolment secrets.
    pub keys: SecretKeys,
    /// Demo deployment: the demo accounts' sign-in page shows their current code.
    pub demo: bool,
    /// How often a message is tried before it is given up (and shown to clerks).
    pub mail_max_attempts: i32,
    /// Wait after the first failed attempt; doubles per attempt up to an hour.
    pub mail_retry_base: chrono::Duration,
    /// Office hours: a filing after closing time counts from the next opening.
    pub office_hours: madoguchi_workflow::OfficeHours,
    /// Business days: the embedded national holidays (or an operator's file) and the
    /// city's own closures.
    pub calendar: BusinessCalendar,
    /// The payment provider (hosted checkout); `None`: fees cannot be paid online (the
    /// resident is told to try later; filings are still accepted).
    pub payments: Option<Arc<dyn madoguchi_payment::PaymentProvider>>,
    /// How often the payment job asks the provider about a checkout that is still open.
    pub payment_check_every: chrono::Duration,
    /// The residents' identity provider (OpenID Connect); `None`: no sign-in, and
    /// procedures needing the My Number Card are not held back for it.
    pub oidc: Option<OidcConfig>,
    /// Procedures' identity levels are enforced online: `account` procedures need a
    /// signed-in resident, `none` procedures a signed-in resident or a guest who confirmed
    /// the contact email. Off: only the card level is enforced (with a provider).
    pub require_identity: bool,
}

impl AppConfig {
    pub fn new(default_tenant: TenantId, public_url: impl Into<String>) -> Self {
        Self {
            default_tenant,
            public_url: public_url.into(),
            mail_from: "Madoguchi <no-reply@madoguchi.invalid>".into(),
            draft_ttl: chrono::Duration::hours(24),
            counter_code_ttl: chrono::Duration::hours(24),
            font_paths: Vec::new(),
            // Throwaway instances and tests; the server uses `data_dir/files`.
            files_dir: std::env::temp_dir().join(format!("madoguchi-files-{}", std::process::id())),
            scanner: Arc::new(SignatureScanner),
            clerk_session_ttl: chrono::Duration::minutes(30),
            clerk_session_max: chrono::Duration::hours(10),
            keys: SecretKeys::random(),
            demo: false,
            mail_max_attempts: 12,
            mail_retry_base: chrono::Duration::seconds(30),
            office_hours: madoguchi_workflow::OfficeHours::default(),
            calendar: BusinessCalendar::japan(),
            payments: None,
            payment_check_every: chrono::Duration::minutes(10),
            oidc: None,
            require_identity: false,
        }
    }
}

/// 256-bit keys, one per purpose. The server reads them from `data_dir/keys/`.
#[derive(Clone)]
pub struct SecretKeys {
    /// Seals staff authenticator secrets.
    pub totp: [u8; 32],
    /// Seals My Number (個人番号) answers.
    pub my_number: [u8; 32],
    /// Derives the secret a first sign-in enrols.
    pub enrolment: [u8; 32],
    /// Derives and signs counter pre-entry codes (書かない窓口).
    pub counter: [u8; 32],
}

impl std::fmt::Debug for SecretKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKeys { .. }")
    }
}

impl SecretKeys {
    /// Fresh random keys: values sealed with them open only in this process (tests and
    /// throwaway instances; the server always passes its key files).
    pub fn random() -> Self {
        let mut keys = Self {
            totp: [0; 32],
            my_number: [0; 32],
            enrolment: [0; 32],
            counter: [0; 32],
        };
        for k in [
            &mut keys.totp,
            &mut keys.my_number,
            &mut keys.enrolment,
            &mut keys.counter,
        ] {
            // Without randomness nothing secure can start; zeros would be worse than a stop.
            if getrandom::fill(k).is_err() {
                panic!("the operating system gave no randomness for keys");
            }
        }
        keys
    }
}

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
    /// The procedures open for filing; replaced whole when one is published or retired.
    forms: Arc<std::sync::RwLock<Arc<FormRegistry>>>,
    /// Forms of older versions, for submissions filed before a change.
    old_forms: Arc<Mutex<HashMap<String, Arc<Form>>>>,
    calendar: Arc<BusinessCalendar>,
    clock: Arc<dyn Clock>,
    config: Arc<AppConfig>,
    sealers: Arc<Sealers>,
    /// Each municipality's appeal-rights notices (教示), by (tenant, key); set by
    /// `apply_municipality`.
    appeal_notices: Arc<
        std::sync::RwLock<std::collections::BTreeMap<(String, String), madoguchi_core::Localized>>,
    >,
    files: Arc<dyn FileStore>,
    scanner: Arc<dyn VirusScanner>,
    /// The font PDFs are drawn with, loaded on first use (`None`: none found).
    fonts: Arc<std::sync::OnceLock<Option<Arc<madoguchi_documents::Fonts>>>>,
    /// The residents' identity provider's client, once discovered.
    oidc: Arc<identity::OidcSlot>,
    /// What `refresh_published` saw last of the published versions and retirements.
    published_seen: Arc<Mutex<String>>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("engine", &self.db.engine())
            .field("forms", &self.forms().len())
            .finish()
    }
}

impl App {
    /// Builds the application and records every loaded form version in the database, so a
    /// submission can always be shown with the form it was filed under.
    pub fn new(
        db: Arc<dyn Database>,
        forms: FormRegistry,
        clock: Arc<dyn Clock>,
        config: AppConfig,
    ) -> Result<App, AppError> {
        let files: Arc<dyn FileStore> = Arc::new(LocalFiles {
            dir: config.files_dir.clone(),
        });
        let scanner = Arc::clone(&config.scanner);
        let app = App {
            db,
            forms: Arc::new(std::sync::RwLock::new(Arc::new(forms))),
            old_forms: Arc::new(Mutex::new(HashMap::new())),
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
            files,
            scanner,
        };
        app.record_form_versions()?;
        app.refresh_published()?;
        app.fill_search_keys()?;
        Ok(app)
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    /// The procedures open for filing now (a snapshot: publishing replaces it).
    pub fn forms(&self) -> Arc<FormRegistry> {
        match self.forms.read() {
            Ok(forms) => Arc::clone(&forms),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Replaces the procedures open for filing with `change(current)`.
    pub(crate) fn update_forms(&self, change: impl FnOnce(&FormRegistry) -> FormRegistry) {
        let mut slot = match self.forms.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        let next = change(&slot);
        *slot = Arc::new(next);
    }

    /// A municipality's appeal-rights notice (教示) with this key, as decisions print it.
    pub fn appeal_notice(&self, tenant: &str, key: &str) -> Option<madoguchi_core::Localized> {
        self.appeal_notices
            .read()
            .ok()?
            .get(&(tenant.to_string(), key.to_string()))
            .cloned()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Is the database reachable? (for `/readyz`)
    pub fn ready(&self) -> Result<(), AppError> {
        self.read(|r| Ok(r.count_submissions()?)).map(|_| ())
    }

    /// Runs `f` on a database connection (no transaction).
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&mut dyn Records) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        run_once(|work| self.db.read(work), f)
    }

    /// Runs `f` in one write transaction; an error from `f` rolls everything back.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut dyn Records) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        run_once(|work| self.db.write(work), f)
    }
}

/// Adapts a typed, fallible closure to the object-safe `Database` interface: the result
/// travels out through `slot`, and an error makes the unit of work fail (rolling back a
/// transaction).
fn run_once<T>(
    run: impl FnOnce(madoguchi_records::Work<'_>) -> Result<(), StoreError>,
    f: impl FnOnce(&mut dyn Records) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let mut f = Some(f);
    let mut slot: Option<Result<T, AppError>> = None;
    let outcome = run(&mut |records: &mut dyn Records| {
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
        (Ok(()), None) => Err(AppError::Internal("unit of work did not run".into())),
    }
}
