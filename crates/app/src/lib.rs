#![doc = include_str!("../README.md")]

mod auth;
mod clock;
mod error;
mod mail;
mod office;
mod resident;
mod setup;
mod tokens;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use madoguchi_core::TenantId;
use madoguchi_forms::{Form, FormRegistry};
use madoguchi_store::Db;
use madoguchi_workflow::BusinessCalendar;

pub use auth::{Clerk, ClerkSession};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::AppError;
pub use mail::{DeliveryReport, MailError, Mailer, OutgoingMail};
pub use office::{DecisionInput, EventView, QueueItem, QueuePage, SubmissionDetail};
pub use resident::{CheckView, DraftView, ProcedureSummary, Receipt, StepOutcome, SubmitOutcome};
pub use setup::{DEMO_PASSWORD, DEMO_TENANT, DemoLogin, NewClerk};
pub use tokens::new_token;

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
    /// How long a clerk session lasts without activity.
    pub clerk_session_ttl: chrono::Duration,
    /// How often a message is tried before it is given up (and shown to clerks).
    pub mail_max_attempts: i32,
    /// Wait after the first failed attempt; doubles per attempt up to an hour.
    pub mail_retry_base: chrono::Duration,
}

impl AppConfig {
    pub fn new(default_tenant: TenantId, public_url: impl Into<String>) -> Self {
        Self {
            default_tenant,
            public_url: public_url.into(),
            mail_from: "Madoguchi <no-reply@madoguchi.invalid>".into(),
            draft_ttl: chrono::Duration::hours(24),
            clerk_session_ttl: chrono::Duration::hours(8),
            mail_max_attempts: 12,
            mail_retry_base: chrono::Duration::seconds(30),
        }
    }
}

/// The application: everything a request needs, cheap to clone.
#[derive(Clone)]
pub struct App {
    db: Db,
    forms: Arc<FormRegistry>,
    /// Forms of older versions, for submissions filed before a change.
    old_forms: Arc<Mutex<HashMap<String, Arc<Form>>>>,
    calendar: Arc<BusinessCalendar>,
    clock: Arc<dyn Clock>,
    config: Arc<AppConfig>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("backend", &self.db.backend()).field("forms", &self.forms.len()).finish()
    }
}

impl App {
    /// Builds the application and records every loaded form version in the database, so a
    /// submission can always be shown with the form it was filed under.
    pub fn new(db: Db, forms: FormRegistry, clock: Arc<dyn Clock>, config: AppConfig) -> Result<App, AppError> {
        let app = App {
            db,
            forms: Arc::new(forms),
            old_forms: Arc::new(Mutex::new(HashMap::new())),
            calendar: Arc::new(BusinessCalendar::new()),
            clock,
            config: Arc::new(config),
        };
        app.record_form_versions()?;
        Ok(app)
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    pub fn forms(&self) -> &FormRegistry {
        &self.forms
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Is the database reachable? (for `/readyz`)
    pub fn ready(&self) -> Result<(), AppError> {
        use madoguchi_store::submissions;
        let mut conn = self.db.conn()?;
        submissions::count_all(&mut conn)?;
        Ok(())
    }
}
