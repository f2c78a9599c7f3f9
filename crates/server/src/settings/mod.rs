//! Configuration: `madoguchi.toml` (optional) overridden by `MADOGUCHI_*` environment
//! variables. Every key, its default and its variable are listed in
//! `deploy/config.example.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::StartError;
use crate::limits::HttpLimits;
use crate::observe::MetricsSettings;
use crate::storage::StorageSettings;
use crate::workers::WorkerSettings;

mod env;

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on.
    pub listen: String,
    /// The address residents use (in links sent by mail), `https://`: Secure cookies and
    /// HSTS follow from it. Required; only a demo may leave it empty (`http://` + `listen`)
    /// or use `http://` on a loopback address.
    pub public_url: String,
    /// `sqlite://path` or `postgres://…`. Empty (the default): `sqlite://` +
    /// `data_dir/madoguchi.db`.
    pub database_url: String,
    pub db_pool_size: u32,
    /// Folder of procedure definitions.
    pub forms_dir: PathBuf,
    /// Folder for the SQLite file (unless `database_url` names another), the keys not
    /// given in the environment (`crate::keys`), stored files, and `.eml` files when no
    /// SMTP is set.
    pub data_dir: PathBuf,
    /// Free space (MiB) each folder the process writes to must keep (the SQLite file's,
    /// `data_dir`, the files folder): below it `/readyz` answers 503. 0: not watched.
    pub min_free_mb: u64,
    /// Local-government code of the municipality served.
    pub tenant: String,
    /// Create the demo municipality, departments and clerks (`--demo`). Off, the service
    /// refuses to start while demo accounts exist (`madoguchi demo remove`).
    pub demo: bool,
    /// The municipality's organisation (departments, wards), applied at every start.
    pub municipality_file: PathBuf,
    /// Postal-code data loaded into an empty database at start (empty: none).
    pub postal_codes_file: PathBuf,
    /// Start even when database settings could lose acknowledged submissions.
    pub unsafe_dev: bool,
    pub max_form_bytes: usize,
    pub http_workers: Option<usize>,
    pub mail_from: String,
    pub mail_poll_ms: u64,
    /// Wait after a failed delivery before the first retry; doubles each time (max 1 h).
    pub mail_retry_base_ms: u64,
    /// Attempts before a message is given up (and listed for clerks as undelivered).
    pub mail_max_attempts: i32,
    pub smtp: Option<SmtpSettings>,
    /// The Cabinet Office holiday list (`syukujitsu.csv`, converted to UTF-8) to use instead
    /// of the one built in (empty: built in).
    pub holidays_file: PathBuf,
    /// The Japanese font PDFs are set in (TrueType/OpenType; empty: the IPAex Gothic built
    /// into the binary).
    pub font_path: PathBuf,
    /// Staff sessions end after this many idle minutes…
    pub staff_idle_minutes: i64,
    /// …and after this many hours in any case.
    pub staff_session_hours: i64,
    /// Online payment of fees.
    pub payment: PaymentSettings,
    /// Residents' sign-in (OpenID Connect, for the My Number Card level). Absent: no
    /// sign-in, and procedures needing the card are not held back for it.
    pub oidc: Option<OidcSettings>,
    /// Enforce procedures' identity levels online: `account` procedures need a signed-in
    /// resident, `none` procedures a signed-in resident or a guest who confirmed the
    /// contact email with a code. Off: anyone may file (only the card level is enforced,
    /// with `[oidc]`).
    pub require_identity: bool,
    /// Reverse proxies (addresses or networks, `10.0.0.0/8`) whose `X-Forwarded-For` is
    /// believed, so sign-ins are throttled per resident's address and not per proxy.
    /// Empty: the TCP peer is the address.
    pub trusted_proxies: Vec<String>,
    /// Connections, body deadlines and uploads at once (see [`crate::limits`]).
    pub http: HttpLimits,
    /// Who may read `/metrics` (see [`crate::observe`]).
    pub metrics: MetricsSettings,
    /// The platform operator's API (see [`crate::operator_api`]).
    pub operator: crate::operator_api::OperatorSettings,
    /// Where the background lanes run (see [`crate::workers`]).
    pub worker: WorkerSettings,
    /// Where attached files are kept: `data_dir/files` or an S3-compatible bucket (see
    /// [`crate::storage`]).
    pub storage: StorageSettings,
    /// The systems that check a form's answers (`x-external-check`), by municipality code
    /// and system name: `[external_checks."041009".library]` with `url` and `token`.
    pub external_checks: std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, ExternalCheckSettings>,
    >,
}

/// One system that checks answers for one municipality (a library's card check).
#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExternalCheckSettings {
    /// Where answers are POSTed (`https://…`; `http://` on loopback only).
    pub url: String,
    /// The bearer secret the system and the operator share; better given as
    /// `MADOGUCHI_EXTERNAL_CHECK_<TENANT>_<SYSTEM>_TOKEN`. Never logged.
    pub token: String,
}

impl std::fmt::Debug for ExternalCheckSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExternalCheckSettings")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// The residents' identity provider.
#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OidcSettings {
    /// The issuer, exactly as its discovery document says (`https://id.example`).
    pub issuer: String,
    pub client_id: String,
    /// Empty: a public client (PKCE alone).
    pub client_secret: String,
    /// The acr value that stands for the My Number Card (asked for in a step-up).
    pub card_acr: String,
    /// Other acr values the provider sends (an account's password), counted as "account".
    pub account_acr: String,
    /// Further configurations by name (`[oidc.providers.akita]`, the same keys but this
    /// one), for municipalities whose settings name one (`identity_provider`). The keys
    /// above are the default: the configuration of every other municipality (none when
    /// `issuer` is empty).
    pub providers: std::collections::BTreeMap<String, OidcSettings>,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// The payment provider. Only the stand-in provider exists so far; a real provider's
/// adapter is added beside it (see crates/payment).
#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PaymentSettings {
    /// `stub` (the stand-in hosted checkout: test payments only) or `none` (fees are not
    /// paid online). Empty: `stub` for a demo deployment, `none` otherwise.
    pub provider: String,
    /// Where the stub's API is (`http://127.0.0.1:8090`, a separate `madoguchi stub-pay`).
    /// Empty: the stub is mounted inside this server at `/stubpay`, with its keys in
    /// `data_dir/keys/stubpay.key`.
    pub stub_url: String,
    /// A separate stub's API key and webhook secret (its `--api-key`, `--webhook-secret`).
    pub api_key: String,
    pub webhook_secret: String,
    /// Seconds between questions to the provider about a checkout still open (0: the
    /// default, 600).
    pub check_seconds: i64,
    /// Further configurations by name (`[payment.providers.akita]`: `provider`, `stub_url`,
    /// `api_key`, `webhook_secret`), for municipalities whose settings name one
    /// (`payment_provider`). The keys above are the default, for every other municipality.
    pub providers: std::collections::BTreeMap<String, PaymentSettings>,
}

impl std::fmt::Debug for PaymentSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentSettings")
            .field("provider", &self.provider)
            .field("stub_url", &self.stub_url)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    /// `none` (plain, for a relay on the same host or tests), `starttls` or `tls`.
    pub tls: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub timeout_seconds: u64,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 25,
            tls: "starttls".into(),
            username: None,
            password: None,
            timeout_seconds: 10,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            public_url: String::new(),
            database_url: String::new(),
            db_pool_size: 8,
            forms_dir: "forms".into(),
            data_dir: "data".into(),
            min_free_mb: 256,
            tenant: madoguchi_app::operations::DEMO_TENANT.into(),
            demo: false,
            postal_codes_file: "deploy/data/postal-codes.csv.gz".into(),
            municipality_file: "deploy/data/municipalities/sendai.json".into(),
            unsafe_dev: false,
            max_form_bytes: 64 * 1024,
            http_workers: None,
            mail_from: "仙台市 オンライン窓口 <no-reply@madoguchi.invalid>".into(),
            mail_poll_ms: 2000,
            mail_retry_base_ms: 30_000,
            mail_max_attempts: 12,
            smtp: None,
            holidays_file: PathBuf::new(),
            font_path: PathBuf::new(),
            staff_idle_minutes: 30,
            staff_session_hours: 10,
            payment: PaymentSettings::default(),
            oidc: None,
            require_identity: true,
            trusted_proxies: Vec::new(),
            http: HttpLimits::default(),
            metrics: MetricsSettings::default(),
            operator: crate::operator_api::OperatorSettings::default(),
            worker: WorkerSettings::default(),
            storage: StorageSettings::default(),
            external_checks: std::collections::BTreeMap::new(),
        }
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("database", &self.database_url.split('@').next_back())
            .field("forms_dir", &self.forms_dir)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// Reads `file` when given (or `madoguchi.toml` when it exists), then the environment;
    /// `demo` (the `--demo` flag) turns the demo on whatever they say.
    pub fn load(file: Option<&Path>, demo: bool) -> Result<Settings, StartError> {
        let path = file.map(Path::to_path_buf).or_else(|| {
            let default = PathBuf::from("madoguchi.toml");
            default.exists().then_some(default)
        });
        let mut settings = match path {
            Some(p) => {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| StartError::Config(format!("cannot read {}: {e}", p.display())))?;
                toml::from_str(&text)
                    .map_err(|e| StartError::Config(format!("{}: {e}", p.display())))?
            }
            None => Settings::default(),
        };
        settings.apply_env(|k| std::env::var(k).ok())?;
        settings.demo |= demo;
        settings.http.check()?;
        settings.resolve();
        Ok(settings)
    }

    /// Fills what defaults to other settings: the database from the data folder, and a
    /// demo's public URL from the listen address.
    pub fn resolve(&mut self) {
        if self.database_url.is_empty() {
            self.database_url =
                format!("sqlite://{}", self.data_dir.join("madoguchi.db").display());
        }
        if self.public_url.is_empty() && self.demo {
            let host = self.listen.replace("0.0.0.0", "127.0.0.1");
            self.public_url = format!("http://{host}");
        }
        self.public_url = self.public_url.trim_end_matches('/').to_string();
    }

    /// The public URL residents are sent to must be `https://`: mail links, Secure cookies
    /// and HSTS depend on it. A demo may use `http://` on a loopback address.
    pub fn check_public_url(&self) -> Result<(), StartError> {
        let url = self.public_url.as_str();
        if url.starts_with("https://") && url.len() > "https://".len() {
            return Ok(());
        }
        let host = url
            .strip_prefix("http://")
            .map(|rest| rest.split(['/', '?']).next().unwrap_or_default())
            .map(|authority| match authority.rsplit_once(':') {
                Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
                _ => authority,
            });
        let loopback = host.is_some_and(|h| {
            h == "localhost"
                || h == "[::1]"
                || h.parse::<std::net::Ipv4Addr>()
                    .is_ok_and(|ip| ip.is_loopback())
        });
        if self.demo && loopback {
            return Ok(());
        }
        let why = if url.is_empty() {
            "is not set".to_string()
        } else {
            format!("= \"{url}\" is not https://")
        };
        Err(StartError::Config(format!(
            "public_url (MADOGUCHI_PUBLIC_URL) {why}: set it to the https:// address residents use (links in mail, Secure cookies); only a demo (--demo) may use http:// on a loopback address"
        )))
    }

    /// The key `name` of [`crate::keys::KEYS`], from the environment or `data_dir`.
    pub fn key(&self, name: &str) -> Result<crate::keys::LoadedKey, StartError> {
        crate::keys::load(name, &self.data_dir, |k| std::env::var(k).ok())
    }

    /// The CSRF key. Kept so a restart does not invalidate open forms; several instances
    /// must share it.
    pub fn csrf_key(&self) -> Result<[u8; 32], StartError> {
        Ok(self.key("csrf")?.bytes)
    }

    /// The keys of values kept encrypted. Back them up apart from the database: without
    /// `mynumber` the My Numbers in it cannot be read, without `totp` staff must enrol
    /// their authenticators again.
    pub fn secret_keys(&self) -> Result<madoguchi_app::SecretKeys, StartError> {
        Ok(madoguchi_app::SecretKeys {
            totp: self.key("totp")?.bytes,
            my_number: self.key("mynumber")?.bytes,
            enrolment: self.key("enrolment")?.bytes,
            counter: self.key("counter")?.bytes,
        })
    }

    /// Which provider is used: `stub` or `none`.
    pub fn payment_provider(&self) -> &str {
        match self.payment.provider.as_str() {
            "" if self.demo => "stub",
            "" => "none",
            other => other,
        }
    }

    /// The stub is mounted inside this server (no separate stub named).
    pub fn mounts_stub(&self) -> bool {
        self.payment_provider() == "stub" && self.payment.stub_url.is_empty()
    }

    /// The mounted stub's (API key, webhook secret), derived from the `stubpay` key
    /// so `serve` and `worker` processes agree.
    pub fn mounted_stub_keys(&self) -> Result<(String, [u8; 32]), StartError> {
        let key = self.key("stubpay")?.bytes;
        let api_key: String = key[..16].iter().map(|b| format!("{b:02x}")).collect();
        Ok((format!("sk_local_{api_key}"), key))
    }
}

#[cfg(test)]
mod tests;
