//! Adding a municipality: its code, settings and hosts checked first, then its rows written
//! in one transaction — on their own (`add_tenant_with_hosts`), or inside a larger one that
//! also writes its organisation and first administrator (`App::add_city`), so that a city
//! is added whole or not at all.

use madoguchi_core::{Localized, TenantId};
use madoguchi_records::{Records, TenantHostRecord, TenantRecord};

use super::{TenancyError, TenantSettings, check_local_gov_code, normalise_host, valid_host};
use crate::kernel::{App, AppError};

/// A new municipality whose code, settings and hosts passed their checks.
#[derive(Debug, Clone)]
pub struct CheckedTenant {
    pub id: TenantId,
    name: Localized,
    settings_json: String,
    hosts: Vec<String>,
}

impl App {
    /// Adds a municipality (the operator): its code is checked, its settings too.
    pub fn add_tenant(
        &self,
        code: &str,
        name: &Localized,
        settings: &TenantSettings,
    ) -> Result<Result<TenantId, TenancyError>, AppError> {
        self.add_tenant_with_hosts(code, name, settings, &[])
    }

    /// [`Self::add_tenant`] with the hosts it serves, in one transaction and one read of
    /// the registry: a host another city has, or a malformed one, refuses the whole add
    /// and nothing of it is kept.
    pub fn add_tenant_with_hosts(
        &self,
        code: &str,
        name: &Localized,
        settings: &TenantSettings,
        hosts: &[String],
    ) -> Result<Result<TenantId, TenancyError>, AppError> {
        let checked = match self.check_new_tenant(code, name, settings, hosts)? {
            Ok(checked) => checked,
            Err(e) => return Ok(Err(e)),
        };
        self.write_new_tenant(&checked, |_| Ok(()))
    }

    /// The checks of a new municipality that need no transaction: its code's check digit,
    /// its settings, its hosts well formed (whether another city has one is seen in the
    /// transaction that adds it: `write_new_tenant`).
    pub fn check_new_tenant(
        &self,
        code: &str,
        name: &Localized,
        settings: &TenantSettings,
        hosts: &[String],
    ) -> Result<Result<CheckedTenant, TenancyError>, AppError> {
        let id = match check_local_gov_code(code) {
            Ok(id) => id,
            Err(e) => return Ok(Err(e)),
        };
        if let Err(e) = self.check_tenant_settings(settings) {
            return Ok(Err(e));
        }
        let mut normalised: Vec<String> = Vec::with_capacity(hosts.len());
        for host in hosts.iter().map(|h| normalise_host(h)) {
            if !valid_host(&host) {
                return Ok(Err(TenancyError::HostFormat(host)));
            }
            if !normalised.contains(&host) {
                normalised.push(host);
            }
        }
        let settings_json =
            serde_json::to_string(settings).map_err(|e| AppError::internal("settings", e))?;
        Ok(Ok(CheckedTenant {
            id,
            name: name.clone(),
            settings_json,
            hosts: normalised,
        }))
    }

    /// Writes `new`'s rows, then `more` (its organisation, its first administrator) in the
    /// same transaction, and reads the registry again. A host another city has rolls it
    /// all back and is named.
    pub(crate) fn write_new_tenant(
        &self,
        new: &CheckedTenant,
        more: impl FnOnce(&mut dyn Records) -> Result<(), AppError>,
    ) -> Result<Result<TenantId, TenancyError>, AppError> {
        let now = self.now().naive_utc();
        let taken: std::cell::RefCell<Option<String>> = std::cell::RefCell::new(None);
        let done = self.write(|c| {
            if c.find_tenant(&new.id)?.is_some() {
                return Ok(Err(TenancyError::TenantExists(new.id.to_string())));
            }
            c.insert_tenant(&TenantRecord {
                id: new.id.clone(),
                name_ja: new.name.ja.clone(),
                name_en: new.name.en.clone(),
                created_at: now,
            })?;
            c.set_tenant_settings(&new.id, &new.settings_json, now)?;
            for host in &new.hosts {
                let added = c.add_tenant_host(&TenantHostRecord {
                    host: host.clone(),
                    tenant_id: new.id.clone(),
                    created_at: now,
                })?;
                if !added {
                    *taken.borrow_mut() = Some(host.clone());
                    return Err(AppError::Internal {
                        what: "a host taken during the add".into(),
                        cause: None,
                    });
                }
            }
            more(c)?;
            Ok(Ok(new.id.clone()))
        });
        self.catch_up_tenants()?;
        match taken.into_inner() {
            Some(host) => Ok(Err(TenancyError::HostTaken(host))),
            None => done,
        }
    }
}
