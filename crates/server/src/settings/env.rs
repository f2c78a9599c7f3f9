//! The `MADOGUCHI_*` environment variables over the file's settings: every key of
//! `deploy/config.example.toml` has one, and the secrets can come only from here.

use super::*;

impl Settings {
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
        if let Some(v) = get("MADOGUCHI_MIN_FREE_MB") {
            self.min_free_mb = v
                .parse()
                .map_err(|_| parse_err("MADOGUCHI_MIN_FREE_MB", &v))?;
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
    /// (the name upper-cased, `-` as `_`), and the external checks' from
    /// `MADOGUCHI_EXTERNAL_CHECK_<TENANT>_<SYSTEM>_TOKEN` (and `_URL`), so they need not be
    /// written in the file.
    fn apply_named_provider_env(&mut self, get: &impl Fn(&str) -> Option<String>) {
        let upper = |name: &str| name.to_ascii_uppercase().replace('-', "_");
        if let Some(oidc) = &mut self.oidc {
            for (name, o) in &mut oidc.providers {
                if let Some(v) = get(&format!("MADOGUCHI_OIDC_{}_CLIENT_SECRET", upper(name))) {
                    o.client_secret = v;
                }
            }
        }
        for (tenant, systems) in &mut self.external_checks {
            for (system, check) in systems {
                let prefix = format!(
                    "MADOGUCHI_EXTERNAL_CHECK_{}_{}",
                    upper(tenant),
                    upper(system)
                );
                if let Some(v) = get(&format!("{prefix}_URL")) {
                    check.url = v;
                }
                if let Some(v) = get(&format!("{prefix}_TOKEN")) {
                    check.token = v;
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
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}
