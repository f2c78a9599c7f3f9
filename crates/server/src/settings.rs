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

    /// Applies `MADOGUCHI_*` overrides read through `get`.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), StartError> {
        let parse_err = |k: &str, v: &str| StartError::Config(format!("{k}={v} is not valid"));
        if let Some(v) = get("MADOGUCHI_LISTEN") {
            self.listen = v;
        }
        if let Some(v) = get("MADOGUCHI_PUBLIC_URL") {
            self.public_url = v;
        }
        if let Some(v) = get("MADOGUCHI_DATABASE_URL").or_else(|| get("DATABASE_URL")) {
            self.database_url = v;
        }
        if let Some(v) = get("MADOGUCHI_FORMS_DIR") {
            self.forms_dir = v.into();
        }
        if let Some(v) = get("MADOGUCHI_DATA_DIR") {
            self.data_dir = v.into();
        }
        if let Some(v) = get("MADOGUCHI_TENANT") {
            self.tenant = v;
        }
        if let Some(v) = get("MADOGUCHI_DEMO") {
            self.demo = parse_bool(&v).ok_or_else(|| parse_err("MADOGUCHI_DEMO", &v))?;
        }
        if let Some(v) = get("MADOGUCHI_REQUIRE_IDENTITY") {
            self.require_identity =
                parse_bool(&v).ok_or_else(|| parse_err("MADOGUCHI_REQUIRE_IDENTITY", &v))?;
        }
        if let Some(v) = get("MADOGUCHI_TRUSTED_PROXIES") {
            self.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_string)
                .collect();
        }
        self.http.apply_env(&get)?;
        self.metrics.apply_env(&get);
        self.operator.apply_env(&get);
        self.worker.apply_env(&get)?;
        if let Some(v) = get("MADOGUCHI_MUNICIPALITY_FILE") {
            self.municipality_file = v.into();
        }
        if let Some(v) = get("MADOGUCHI_POSTAL_CODES_FILE") {
            self.postal_codes_file = v.into();
        }
        if let Some(v) = get("MADOGUCHI_HOLIDAYS_FILE") {
            self.holidays_file = v.into();
        }
        if let Some(v) = get("MADOGUCHI_FONT_PATH") {
            self.font_path = v.into();
        }
        if let Some(v) = get("MADOGUCHI_MAIL_FROM") {
            self.mail_from = v;
        }
        if let Some(v) = get("MADOGUCHI_PAYMENT_PROVIDER") {
            self.payment.provider = v;
        }
        if let Some(v) = get("MADOGUCHI_PAYMENT_STUB_URL") {
            self.payment.stub_url = v;
        }
        if let Some(v) = get("MADOGUCHI_PAYMENT_API_KEY") {
            self.payment.api_key = v;
        }
        if let Some(v) = get("MADOGUCHI_PAYMENT_WEBHOOK_SECRET") {
            self.payment.webhook_secret = v;
        }
        self.apply_storage_env(&get)?;
        if let Some(v) = get("MADOGUCHI_OIDC_ISSUER") {
            let mut oidc = self.oidc.clone().unwrap_or_default();
            oidc.issuer = v;
            if let Some(v) = get("MADOGUCHI_OIDC_CLIENT_ID") {
                oidc.client_id = v;
            }
            if let Some(v) = get("MADOGUCHI_OIDC_CLIENT_SECRET") {
                oidc.client_secret = v;
            }
            self.oidc = Some(oidc);
        }
        self.apply_named_provider_env(&get);
        if let Some(v) = get("MADOGUCHI_SMTP_HOST") {
            let mut smtp = self.smtp.clone().unwrap_or_default();
            smtp.host = v;
            if let Some(p) = get("MADOGUCHI_SMTP_PORT") {
                smtp.port = p
                    .parse()
                    .map_err(|_| parse_err("MADOGUCHI_SMTP_PORT", &p))?;
            }
            if let Some(t) = get("MADOGUCHI_SMTP_TLS") {
                smtp.tls = t;
            }
            if let Some(u) = get("MADOGUCHI_SMTP_USERNAME") {
                smtp.username = Some(u);
            }
            if let Some(p) = get("MADOGUCHI_SMTP_PASSWORD") {
                smtp.password = Some(p);
            }
            self.smtp = Some(smtp);
        }
        Ok(())
    }

    /// `[storage]` from `MADOGUCHI_STORAGE_*`; the secret also from a file
    /// (`MADOGUCHI_STORAGE_SECRET_ACCESS_KEY_FILE`, container secrets), like the keys.
    fn apply_storage_env(
        &mut self,
        get: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), StartError> {
        let storage = &mut self.storage;
        if let Some(v) = get("MADOGUCHI_STORAGE_KIND") {
            storage.kind = v;
        }
        if let Some(v) = get("MADOGUCHI_STORAGE_BUCKET") {
            storage.bucket = v;
        }
        if let Some(v) = get("MADOGUCHI_STORAGE_ENDPOINT") {
            storage.endpoint = v;
        }
        if let Some(v) = get("MADOGUCHI_STORAGE_REGION") {
            storage.region = v;
        }
        if let Some(v) = get("MADOGUCHI_STORAGE_ACCESS_KEY_ID") {
            storage.access_key_id = v;
        }
        if let Some(v) = get("MADOGUCHI_STORAGE_ALLOW_HTTP") {
            storage.allow_http = parse_bool(&v).ok_or_else(|| {
                StartError::Config(format!("MADOGUCHI_STORAGE_ALLOW_HTTP={v} is not valid"))
            })?;
        }
        let secret = get("MADOGUCHI_STORAGE_SECRET_ACCESS_KEY");
        let secret_file = get("MADOGUCHI_STORAGE_SECRET_ACCESS_KEY_FILE");
        match (secret, secret_file) {
            (Some(_), Some(_)) => {
                return Err(StartError::Config(
                    "set MADOGUCHI_STORAGE_SECRET_ACCESS_KEY or MADOGUCHI_STORAGE_SECRET_ACCESS_KEY_FILE, not both".into(),
                ));
            }
            (Some(v), None) => storage.secret_access_key = v,
            (None, Some(path)) => {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    StartError::Config(format!(
                        "MADOGUCHI_STORAGE_SECRET_ACCESS_KEY_FILE: cannot read {path}: {e}"
                    ))
                })?;
                storage.secret_access_key = text.trim().to_string();
            }
            (None, None) => {}
        }
        Ok(())
    }

    /// The secrets of named provider configurations, from `MADOGUCHI_OIDC_<NAME>_CLIENT_SECRET`,
    /// `MADOGUCHI_PAYMENT_<NAME>_API_KEY` and `MADOGUCHI_PAYMENT_<NAME>_WEBHOOK_SECRET`
    /// (the name upper-cased, `-` as `_`), so they need not be written in the file.
    fn apply_named_provider_env(&mut self, get: &impl Fn(&str) -> Option<String>) {
        let upper = |name: &str| name.to_ascii_uppercase().replace('-', "_");
        if let Some(oidc) = &mut self.oidc {
            for (name, o) in &mut oidc.providers {
                if let Some(v) = get(&format!("MADOGUCHI_OIDC_{}_CLIENT_SECRET", upper(name))) {
                    o.client_secret = v;
                }
            }
        }
        for (name, p) in &mut self.payment.providers {
            if let Some(v) = get(&format!("MADOGUCHI_PAYMENT_{}_API_KEY", upper(name))) {
                p.api_key = v;
            }
            if let Some(v) = get(&format!("MADOGUCHI_PAYMENT_{}_WEBHOOK_SECRET", upper(name))) {
                p.webhook_secret = v;
            }
        }
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

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_the_file() {
        let mut s: Settings = toml::from_str("listen = \"0.0.0.0:9000\"\ndemo = false\n").unwrap();
        assert_eq!(s.listen, "0.0.0.0:9000");
        let env = |k: &str| match k {
            "MADOGUCHI_DATABASE_URL" => Some("postgres://db/madoguchi".to_string()),
            "MADOGUCHI_SMTP_HOST" => Some("relay.city.example".to_string()),
            "MADOGUCHI_SMTP_PORT" => Some("587".to_string()),
            "MADOGUCHI_TRUSTED_PROXIES" => Some("10.0.0.0/8, 192.0.2.5".to_string()),
            _ => None,
        };
        s.apply_env(env).unwrap();
        assert_eq!(s.trusted_proxies, ["10.0.0.0/8", "192.0.2.5"]);
        assert_eq!(s.database_url, "postgres://db/madoguchi");
        assert_eq!(
            s.smtp.as_ref().map(|m| (m.host.as_str(), m.port)),
            Some(("relay.city.example", 587))
        );
        assert!(!s.demo);
    }

    #[test]
    fn the_bucket_secret_comes_from_the_environment_or_a_file_not_both() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s3_secret");
        std::fs::write(&file, "from-a-file\n").unwrap();
        let path = file.display().to_string();
        let mut s: Settings = toml::from_str("[storage]\nkind = \"s3\"\nbucket = \"b\"\n").unwrap();
        s.apply_env(|k| match k {
            "MADOGUCHI_STORAGE_SECRET_ACCESS_KEY_FILE" => Some(path.clone()),
            "MADOGUCHI_STORAGE_ACCESS_KEY_ID" => Some("id".to_string()),
            "MADOGUCHI_STORAGE_ALLOW_HTTP" => Some("true".to_string()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.storage.secret_access_key, "from-a-file");
        assert_eq!(
            (s.storage.kind.as_str(), s.storage.access_key_id.as_str()),
            ("s3", "id")
        );
        assert!(s.storage.allow_http);
        let both = s.apply_env(|k| {
            k.starts_with("MADOGUCHI_STORAGE_SECRET_ACCESS_KEY")
                .then(|| path.clone())
        });
        assert!(both.is_err());
        let unknown = StorageSettings {
            kind: "ftp".into(),
            ..StorageSettings::default()
        };
        assert!(unknown.open().is_err());
        assert!(StorageSettings::default().open().unwrap().is_none());
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(toml::from_str::<Settings>("lisen = \"typo\"").is_err());
    }

    #[test]
    fn the_example_config_is_valid_and_complete() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../deploy/config.example.toml"
        ))
        .unwrap();
        let parsed: Settings = toml::from_str(&text).unwrap();
        assert!(
            parsed.smtp.is_some(),
            "the example documents the [smtp] table"
        );
        let operations = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/operations.md"
        ))
        .unwrap();
        let http = &text[text
            .find("\n[http]")
            .expect("the example has an [http] table")
            + 1..];
        let http = &http[..http[1..].find("\n[").map_or(http.len(), |end| end + 1)];
        // Every variable read here, and each key's two, is named in both.
        let source = include_str!("settings.rs");
        let mut variables: Vec<String> = source
            .split("get(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|v| v.starts_with("MADOGUCHI_"))
            .map(str::to_string)
            .collect();
        assert!(variables.len() > 20, "{variables:?}");
        for (name, file, _) in crate::keys::KEYS {
            let var = crate::keys::variable(name);
            variables.push(format!("{var}_FILE"));
            variables.push(var);
            assert!(operations.contains(file), "docs/operations.md names {file}");
        }
        for var in &variables {
            assert!(text.contains(var.as_str()), "the example names {var}");
            assert!(
                operations.contains(var.as_str()),
                "docs/operations.md names {var}"
            );
        }
        // Every setting of the example is in the table of docs/operations.md.
        let example: toml::Table = toml::from_str(&text).unwrap();
        for (key, value) in &example {
            if key != "http" {
                assert!(
                    operations.contains(&format!("`{key}`"))
                        || operations.contains(&format!("`[{key}]`")),
                    "docs/operations.md explains {key}"
                );
            }
            if let Some(table) = value.as_table().filter(|_| key != "http") {
                for inner in table.keys() {
                    assert!(
                        operations.contains(&format!("`{inner}`")),
                        "docs/operations.md explains {key}.{inner}"
                    );
                }
            }
        }
        assert!(
            !parsed.demo && parsed.database_url.is_empty(),
            "the example shows the defaults"
        );
        for (key, var) in crate::limits::HTTP_KEYS {
            assert!(
                http.contains(&format!("{key} = ")),
                "the example's [http] table sets {key}"
            );
            assert!(text.contains(var), "the example names {var}");
            assert!(
                operations.contains(key) && operations.contains(var),
                "docs/operations.md explains http.{key} ({var})"
            );
        }
    }
}
