//! Settings the use cases need, and their keys.

use std::sync::Arc;

use madoguchi_core::TenantId;
use madoguchi_workflow::BusinessCalendar;

#[cfg(doc)]
use crate::kernel::LocalFiles;
use crate::kernel::{FileStore, SignatureScanner, VirusScanner};
use madoguchi_oidc::OidcConfig;

/// Settings the use cases need.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The municipality served when a request does not say otherwise.
    pub default_tenant: TenantId,
    /// The deployment's public base URL (`https://madoguchi.city.example`): the default
    /// city's, and any city's that sets none of its own. Links are never built from it
    /// directly but through `App::public_url_of(tenant)`, so that each city's mails,
    /// documents and payment returns lead to its own host; the field is visible to the
    /// kernel alone, so a mail that reached for it would not compile.
    pub(in crate::kernel) public_url: String,
    /// Sender of resident emails.
    pub mail_from: String,
    /// How long a draft is kept without activity.
    pub draft_ttl: chrono::Duration,
    /// How long a counter pre-entry code (QR) is valid after it is made.
    pub counter_code_ttl: chrono::Duration,
    /// Where attached files are stored (by municipality and SHA-256) when `file_store`
    /// names no other store; uploads are staged in its `.incoming` folder in any case.
    pub files_dir: std::path::PathBuf,
    /// The store of attached files (an S3-compatible bucket); `None`: a [`LocalFiles`]
    /// at `files_dir`.
    pub file_store: Option<Arc<dyn FileStore>>,
    /// The virus-scan hook for attached files.
    pub scanner: Arc<dyn VirusScanner>,
    /// The font file PDFs are set in (TrueType/OpenType, face 0 of a collection); `None`:
    /// the IPAex Gothic built into the binary.
    pub font_path: Option<std::path::PathBuf>,
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
    /// Named payment provider configurations a tenant may choose
    /// (`TenantSettings::payment_provider`) instead of `payments`.
    pub payment_providers:
        std::collections::BTreeMap<String, Arc<dyn madoguchi_payment::PaymentProvider>>,
    /// How often the payment job asks the provider about a checkout that is still open.
    pub payment_check_every: chrono::Duration,
    /// The residents' identity provider (OpenID Connect); `None`: no sign-in, and
    /// procedures needing the My Number Card are not held back for it.
    pub oidc: Option<OidcConfig>,
    /// Named identity provider configurations a tenant may choose
    /// (`TenantSettings::identity_provider`) instead of `oidc`.
    pub oidc_providers: std::collections::BTreeMap<String, OidcConfig>,
    /// Procedures' identity levels are enforced online: `account` procedures need a
    /// signed-in resident, `none` procedures a signed-in resident or a guest who confirmed
    /// the contact email. Off: only the card level is enforced (with a provider).
    pub require_identity: bool,
    /// The systems that check answers of a form (`x-external-check`), by municipality and
    /// system name (`("041009", "library")`); a system a city lacks refuses as unreachable.
    pub external_checks: std::collections::BTreeMap<(TenantId, String), CheckEndpoint>,
    /// The folders whose free space `/readyz` watches, and the floor (empty: none).
    pub disk: crate::kernel::DiskWatch,
}

/// Where one system checks answers: an `http(s)://` address and the bearer secret it and
/// the city's operator share (never logged, never shown).
#[derive(Clone)]
pub struct CheckEndpoint {
    pub url: String,
    pub token: String,
}

impl std::fmt::Debug for CheckEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckEndpoint")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl AppConfig {
    pub fn new(default_tenant: TenantId, public_url: impl Into<String>) -> Self {
        Self {
            default_tenant,
            public_url: public_url.into(),
            mail_from: "Madoguchi <no-reply@madoguchi.invalid>".into(),
            draft_ttl: chrono::Duration::hours(24),
            counter_code_ttl: chrono::Duration::hours(24),
            font_path: None,
            // Throwaway instances and tests; the server uses `data_dir/files`.
            files_dir: std::env::temp_dir().join(format!("madoguchi-files-{}", std::process::id())),
            file_store: None,
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
            payment_providers: std::collections::BTreeMap::new(),
            disk: crate::kernel::DiskWatch::default(),
            payment_check_every: chrono::Duration::minutes(10),
            oidc: None,
            oidc_providers: std::collections::BTreeMap::new(),
            require_identity: false,
            external_checks: std::collections::BTreeMap::new(),
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

impl std::fmt::Debug for SecretKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKeys { .. }")
    }
}
