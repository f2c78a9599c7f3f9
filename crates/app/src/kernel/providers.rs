//! Which identity provider and payment provider configuration serves a municipality: the
//! one its settings name (`identity_provider`, `payment_provider`), else the deployment's.
//!
//! A name the deployment does not configure is refused when the settings are stored and
//! at every start (`App::check_tenant_settings`), so a request never meets one; should it
//! still (a node configured differently), the city gets no provider rather than another's.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use madoguchi_core::{ErrorCode, TenantId};
use madoguchi_oidc::{OidcClient, OidcConfig};
use madoguchi_payment::PaymentProvider;

use crate::kernel::tenancy::{TenancyError, TenantSettings};
use crate::kernel::{App, AppError};

/// The OIDC clients, one per configuration and redirect address, each discovered on first
/// use (the provider may start after us) and dropped off the async runtime (it owns a
/// blocking HTTP client).
#[derive(Default)]
pub(crate) struct OidcClients(Mutex<HashMap<String, Arc<OidcClient>>>);

impl Drop for OidcClients {
    fn drop(&mut self) {
        if let Ok(mut clients) = self.0.lock() {
            let clients: Vec<_> = clients.drain().collect();
            if !clients.is_empty() {
                let _ = std::thread::Builder::new()
                    .name("oidc-client-drop".into())
                    .spawn(move || drop(clients));
            }
        }
    }
}

impl App {
    /// Refuses settings that cannot be served: [`TenantSettings::check`], and provider
    /// names the deployment does not configure.
    pub fn check_tenant_settings(&self, settings: &TenantSettings) -> Result<(), TenancyError> {
        settings.check()?;
        if let Some(name) = &settings.identity_provider
            && !self.config.oidc_providers.contains_key(name)
        {
            return Err(TenancyError::UnknownIdentityProvider(name.clone()));
        }
        if let Some(name) = &settings.payment_provider
            && !self.config.payment_providers.contains_key(name)
        {
            return Err(TenancyError::UnknownPaymentProvider(name.clone()));
        }
        Ok(())
    }

    /// The identity provider configuration of `tenant`, with the redirect address on its
    /// own public URL when it has one (the browser comes back to the city's host, where
    /// its session cookie is).
    pub(crate) fn oidc_config_of(&self, tenant: &TenantId) -> Option<(String, OidcConfig)> {
        let settings = self.tenant(tenant).map(|t| t.settings).unwrap_or_default();
        let (name, config) = match &settings.identity_provider {
            Some(name) => (name.clone(), self.config.oidc_providers.get(name)?),
            None => (String::new(), self.config.oidc.as_ref()?),
        };
        let mut config = config.clone();
        if let Some(url) = &settings.public_url {
            config.redirect_uri = format!("{}/sign-in/callback", url.trim_end_matches('/'));
        }
        Some((name, config))
    }

    /// Residents of `tenant` can sign in (it has an identity provider).
    pub fn sign_in_available(&self, tenant: &TenantId) -> bool {
        self.oidc_config_of(tenant).is_some()
    }

    /// The OIDC client of `tenant`'s configuration, discovered once per node.
    pub(crate) fn oidc_client(&self, tenant: &TenantId) -> Result<Arc<OidcClient>, AppError> {
        let (name, config) = self.oidc_config_of(tenant).ok_or(AppError::NotFound)?;
        let key = format!("{name}|{}", config.redirect_uri);
        let mut clients = self
            .oidc
            .0
            .lock()
            .map_err(|_| AppError::broken("oidc clients poisoned"))?;
        if let Some(client) = clients.get(&key) {
            return Ok(Arc::clone(client));
        }
        let client = Arc::new(OidcClient::discover(config).map_err(|e| {
            tracing::warn!(error = %e, configuration = %name, "identity provider unavailable");
            AppError::Outside(ErrorCode::SignInUnavailable)
        })?);
        clients.insert(key, Arc::clone(&client));
        Ok(client)
    }

    /// The payment provider of `tenant`: its named configuration, else the deployment's.
    pub(crate) fn payments_of(&self, tenant: &TenantId) -> Option<Arc<dyn PaymentProvider>> {
        let named = self
            .tenant(tenant)
            .and_then(|t| t.settings.payment_provider);
        match named {
            Some(name) => self.config.payment_providers.get(&name).cloned(),
            None => self.config.payments.clone(),
        }
    }

    /// Both municipalities use the same payment provider configuration.
    pub(crate) fn same_payment_provider(&self, a: &TenantId, b: &TenantId) -> bool {
        let name = |t: &TenantId| self.tenant(t).and_then(|t| t.settings.payment_provider);
        a == b || name(a) == name(b)
    }

    /// [`App::payments_of`], or "paying online is not available".
    pub(crate) fn provider(&self, tenant: &TenantId) -> Result<Arc<dyn PaymentProvider>, AppError> {
        self.payments_of(tenant)
            .ok_or(AppError::Outside(ErrorCode::PaymentUnavailable))
    }
}
