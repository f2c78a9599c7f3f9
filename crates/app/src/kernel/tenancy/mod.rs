//! Several municipalities on one deployment: which tenant a request's host name serves,
//! each tenant's own settings, and the platform operator's changes to them.
//!
//! Every node keeps the registry (a handful of rows) in memory. It asks the database
//! whether anything changed at most every `RECHECK` and reads it again when it did; an
//! unknown host also re-reads it (at most once per `MISS_RELOAD`), so a host the operator
//! just added works on every node at once, and random host names cost no query each.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use madoguchi_core::{Localized, TenantId};
use madoguchi_records::{TenantEntry, TenantHostRecord, Timestamp};
use serde::{Deserialize, Serialize};

use crate::kernel::{App, AppError};

mod errors;
mod names;

pub use errors::TenancyError;
use names::valid_host;

mod adding;
pub use adding::CheckedTenant;
pub use names::{check_local_gov_code, contrast_on_white, normalise_host};

/// How often a node asks whether the registry changed.
const RECHECK: Duration = Duration::from_secs(5);
/// How far before the last change seen a partial read of the registry starts: the stamp
/// kept folds the number of hosts in as microseconds, and nodes' clocks differ a little.
const CATCH_UP_MARGIN: chrono::Duration = chrono::Duration::seconds(1);
/// An unknown host reads the registry again at most this often.
const MISS_RELOAD: Duration = Duration::from_secs(1);

/// A municipality's own settings, kept as JSON on its `tenants` row. Absent values fall
/// back to the deployment's settings (`public_url`, `mail_from`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantSettings {
    /// Base URL in emails and payment return addresses (`https://akita.example`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// Sender of its residents' emails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail_from: Option<String>,
    /// Who decides and signs notices (仙台市長 / Mayor of Sendai).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Localized>,
    /// Who decides filings routed to a ward, by the ward's code (`04101` → 青葉区長), where
    /// the city's data says the ward mayor decides them.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub ward_authorities: std::collections::BTreeMap<String, Localized>,
    /// The 市章 or logo image (a path under the static files), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// Accent colour `#rrggbb`, at least 4.5:1 against white (WCAG 1.4.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
    /// Office hours as written for residents (`8:30–17:00`): a filing after closing time
    /// counts from the next business day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_hours: Option<String>,
    /// The city's own closing days (`MM-DD`, every year), beside national holidays and the
    /// year-end closure (12-29 to 01-03) every city has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closing_days: Vec<String>,
    /// Name of the identity provider configuration it uses (none: the deployment's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider: Option<String>,
    /// Name of the payment provider configuration it uses (none: the deployment's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_provider: Option<String>,
    /// Approval routes for decisions (決裁ルート), by section code, from the municipality
    /// data: a section not named decides alone.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub decision_routes:
        std::collections::BTreeMap<String, crate::kernel::decision_routes::SectionRoutes>,
    /// The municipality data file (organisation) it was set up from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_file: Option<String>,
}

impl TenantSettings {
    /// Refuses settings that cannot be served: an accent colour that is not `#rrggbb` or
    /// reads worse than 4.5:1 on white, a public URL that is not http(s), office hours
    /// that are not `8:30–17:15`, closing days that are not `MM-DD`.
    pub fn check(&self) -> Result<(), TenancyError> {
        if let Some(accent) = &self.accent {
            let ratio = contrast_on_white(accent).ok_or(TenancyError::AccentFormat)?;
            if ratio < 4.5 {
                return Err(TenancyError::AccentContrast(ratio));
            }
        }
        if let Some(url) = &self.public_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(TenancyError::PublicUrl);
        }
        if let Some(hours) = &self.office_hours {
            crate::kernel::office_calendar::parse_office_hours(hours)?;
        }
        for day in &self.closing_days {
            crate::kernel::office_calendar::parse_closing_day(day)?;
        }
        for (section, routes) in &self.decision_routes {
            if let Some(problem) = routes.problem() {
                return Err(TenancyError::DecisionRoute(format!("{section}: {problem}")));
            }
        }
        Ok(())
    }
}

/// A tenant as requests see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tenant {
    pub id: TenantId,
    pub name: Localized,
    pub suspended: bool,
    pub settings: TenantSettings,
}

/// What a host name leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostTenant {
    Serve(TenantId),
    /// The tenant exists but the operator suspended it.
    Suspended(Localized),
    /// No tenant has this host.
    Unknown,
}

/// The in-memory registry of one node.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    state: RwLock<Loaded>,
}

#[derive(Debug, Default)]
struct Loaded {
    tenants: HashMap<TenantId, Tenant>,
    hosts: HashMap<String, TenantId>,
    changed_at: Option<Timestamp>,
    loaded: Option<Instant>,
    checked: Option<Instant>,
}

fn to_tenant(e: TenantEntry) -> Tenant {
    let settings = serde_json::from_str(&e.settings).unwrap_or_else(|err| {
        tracing::warn!(tenant = %e.id, %err, "tenant settings unreadable; using the deployment's");
        TenantSettings::default()
    });
    Tenant {
        name: Localized::new(e.name_ja, e.name_en),
        suspended: e.status == "suspended",
        id: e.id,
        settings,
    }
}

impl App {
    /// Reads the registry again (tenants, hosts) into this node's memory.
    pub fn reload_tenants(&self) -> Result<(), AppError> {
        // When it changed is read first: a change that lands during the reads is then
        // newer than what is kept, and the next check reads it.
        let (changed_at, tenants, hosts) = self.read(|c| {
            let changed_at = c.tenancy_changed_at()?;
            Ok((changed_at, c.all_tenants()?, c.all_tenant_hosts()?))
        })?;
        let mut state = match self.tenancy.state.write() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        state.tenants = tenants
            .into_iter()
            .map(|t| (t.id.clone(), to_tenant(t)))
            .collect();
        state.hosts = hosts.into_iter().map(|h| (h.host, h.tenant_id)).collect();
        state.changed_at = changed_at;
        state.loaded = Some(Instant::now());
        state.checked = state.loaded;
        Ok(())
    }

    /// Reads only what changed in the registry since this node last read it (the cities
    /// and hosts stamped since then, with a margin), and the whole registry when that
    /// cannot be told apart: nothing read yet, or a host removed (the hosts then differ in
    /// number). Adding one city to many is then a read of that city, not of them all.
    pub fn catch_up_tenants(&self) -> Result<(), AppError> {
        let seen = match self.tenancy.state.read() {
            Ok(s) => s.changed_at,
            Err(p) => p.get_ref().changed_at,
        };
        let Some(seen) = seen else {
            return self.reload_tenants();
        };
        let since = seen - CATCH_UP_MARGIN;
        let (changed_at, tenants, (hosts, host_count)) = self.read(|c| {
            let changed_at = c.tenancy_changed_at()?;
            Ok((
                changed_at,
                c.tenants_changed_since(since)?,
                c.tenant_hosts_since(since)?,
            ))
        })?;
        {
            let mut state = match self.tenancy.state.write() {
                Ok(s) => s,
                Err(p) => p.into_inner(),
            };
            for t in tenants {
                state.tenants.insert(t.id.clone(), to_tenant(t));
            }
            for h in hosts {
                state.hosts.insert(h.host, h.tenant_id);
            }
            if i64::try_from(state.hosts.len()).ok() == Some(host_count) {
                state.changed_at = changed_at;
                state.loaded = Some(Instant::now());
                state.checked = state.loaded;
                return Ok(());
            }
        }
        self.reload_tenants()
    }

    /// Re-reads the registry when the database says it changed (checked every `RECHECK`).
    pub(crate) fn refresh_tenants(&self) -> Result<(), AppError> {
        let (checked, seen) = match self.tenancy.state.read() {
            Ok(s) => (s.checked, s.changed_at),
            Err(p) => (p.get_ref().checked, p.get_ref().changed_at),
        };
        if checked.is_some_and(|t| t.elapsed() < RECHECK) {
            return Ok(());
        }
        let now = self.read(|c| Ok(c.tenancy_changed_at()?))?;
        if checked.is_none() || now != seen {
            return self.catch_up_tenants();
        }
        if let Ok(mut s) = self.tenancy.state.write() {
            s.checked = Some(Instant::now());
        }
        Ok(())
    }

    fn lookup_host(&self, host: &str) -> Option<HostTenant> {
        let state = match self.tenancy.state.read() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        let found = if state.hosts.is_empty() {
            // No host configured: a single-city install; the configured tenant serves all.
            Some(self.config.default_tenant.clone())
        } else {
            state.hosts.get(host).cloned()
        };
        match found {
            Some(id) => match state.tenants.get(&id) {
                Some(t) if t.suspended => Some(HostTenant::Suspended(t.name.clone())),
                _ => Some(HostTenant::Serve(id)),
            },
            None => None,
        }
    }

    /// The tenant a request for `host` (as sent, any case, maybe with a port) is served by.
    pub fn tenant_for_host(&self, host: &str) -> Result<HostTenant, AppError> {
        let host = normalise_host(host);
        self.refresh_tenants()?;
        if let Some(found) = self.lookup_host(&host) {
            return Ok(found);
        }
        let stale = match self.tenancy.state.read() {
            Ok(s) => s.loaded.is_none_or(|t| t.elapsed() >= MISS_RELOAD),
            Err(_) => true,
        };
        if stale {
            self.reload_tenants()?;
            if let Some(found) = self.lookup_host(&host) {
                return Ok(found);
            }
        }
        Ok(HostTenant::Unknown)
    }

    /// `tenant_for_host` without touching the database: the answer of the registry in
    /// memory when it was checked within the last few seconds and knows the host; `None`
    /// otherwise (then ask `tenant_for_host`, on the blocking pool). Cheap enough for every
    /// request on the async side.
    pub fn cached_tenant_for_host(&self, host: &str) -> Option<HostTenant> {
        let fresh = match self.tenancy.state.read() {
            Ok(s) => s.checked.is_some_and(|t| t.elapsed() < RECHECK),
            Err(_) => false,
        };
        if !fresh {
            return None;
        }
        self.lookup_host(&normalise_host(host))
    }

    /// A tenant's name, status and settings as this node last read them.
    pub fn tenant(&self, id: &TenantId) -> Option<Tenant> {
        let state = match self.tenancy.state.read() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        state.tenants.get(id).cloned()
    }

    fn tenant_setting(
        &self,
        id: &TenantId,
        pick: impl Fn(&TenantSettings) -> Option<String>,
    ) -> Option<String> {
        let state = self.tenancy.state.read().ok()?;
        state.tenants.get(id).and_then(|t| pick(&t.settings))
    }

    /// The approval route a city names for a section's procedure (empty: decided alone),
    /// read under the lock without copying the city's settings.
    pub(crate) fn decision_route_of(
        &self,
        id: &TenantId,
        department: &str,
        procedure: &str,
    ) -> Vec<madoguchi_core::Post> {
        let state = match self.tenancy.state.read() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        state.tenants.get(id).map_or_else(Vec::new, |t| {
            crate::kernel::decision_routes::route_of(
                &t.settings.decision_routes,
                department,
                procedure,
            )
            .to_vec()
        })
    }

    /// Whether a city names any approval route at all.
    pub(crate) fn has_decision_routes(&self, id: &TenantId) -> bool {
        let state = match self.tenancy.state.read() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        state
            .tenants
            .get(id)
            .is_some_and(|t| !t.settings.decision_routes.is_empty())
    }

    /// The tenant's public base URL (without trailing slash), else the deployment's.
    pub fn public_url_of(&self, id: &TenantId) -> String {
        self.tenant_setting(id, |s| s.public_url.clone())
            .unwrap_or_else(|| self.config.public_url.clone())
            .trim_end_matches('/')
            .to_string()
    }

    /// The sender of the tenant's resident emails, else the deployment's.
    pub fn mail_from_of(&self, id: &TenantId) -> String {
        self.tenant_setting(id, |s| s.mail_from.clone())
            .unwrap_or_else(|| self.config.mail_from.clone())
    }

    /// Who decides for the tenant (仙台市長): its setting, else 「<name>長」.
    pub fn authority_of(&self, id: &TenantId) -> Option<Localized> {
        let t = self.tenant(id)?;
        Some(t.settings.authority.clone().unwrap_or_else(|| {
            Localized::new(
                format!("{}長", t.name.ja),
                format!("Mayor of {}", t.name.en.trim_end_matches(" City")),
            )
        }))
    }

    /// Who decides a filing of the tenant: the ward's authority when the filing is routed
    /// to a ward whose mayor decides, else the city's (`authority_of`).
    pub fn decision_authority_of(&self, id: &TenantId, ward: Option<&str>) -> Option<Localized> {
        let t = self.tenant(id)?;
        if let Some(a) = ward.and_then(|w| t.settings.ward_authorities.get(w)) {
            return Some(a.clone());
        }
        self.authority_of(id)
    }

    /// Every tenant with its hosts (the operator's list).
    pub fn list_tenants(&self) -> Result<Vec<(Tenant, Vec<String>)>, AppError> {
        let (tenants, hosts) = self.read(|c| Ok((c.all_tenants()?, c.all_tenant_hosts()?)))?;
        Ok(tenants
            .into_iter()
            .map(|t| {
                let own = hosts
                    .iter()
                    .filter(|h| h.tenant_id == t.id)
                    .map(|h| h.host.clone())
                    .collect();
                (to_tenant(t), own)
            })
            .collect())
    }

    /// Replaces a tenant's settings after checking them.
    pub fn set_tenant_settings(
        &self,
        id: &TenantId,
        settings: &TenantSettings,
    ) -> Result<Result<(), TenancyError>, AppError> {
        if let Err(e) = self.check_tenant_settings(settings) {
            return Ok(Err(e));
        }
        let json =
            serde_json::to_string(settings).map_err(|e| AppError::internal("settings", e))?;
        let now = self.now().naive_utc();
        let found = self.write(|c| Ok(c.set_tenant_settings(id, &json, now)?))?;
        self.catch_up_tenants()?;
        Ok(if found {
            Ok(())
        } else {
            Err(TenancyError::NoSuchTenant(id.to_string()))
        })
    }

    /// Suspends (`false`) or resumes (`true`) a municipality: while suspended its hosts
    /// answer 503 and its background work waits.
    pub fn set_tenant_active(
        &self,
        id: &TenantId,
        active: bool,
    ) -> Result<Result<(), TenancyError>, AppError> {
        let status = if active { "active" } else { "suspended" };
        let now = self.now().naive_utc();
        let found = self.write(|c| Ok(c.set_tenant_status(id, status, now)?))?;
        self.catch_up_tenants()?;
        Ok(if found {
            Ok(())
        } else {
            Err(TenancyError::NoSuchTenant(id.to_string()))
        })
    }

    /// Lets `host` serve the tenant.
    pub fn add_tenant_host(
        &self,
        id: &TenantId,
        host: &str,
    ) -> Result<Result<String, TenancyError>, AppError> {
        let host = normalise_host(host);
        if !valid_host(&host) {
            return Ok(Err(TenancyError::HostFormat(host)));
        }
        let now = self.now().naive_utc();
        let done = self.write(|c| {
            if c.find_tenant(id)?.is_none() {
                return Ok(Err(TenancyError::NoSuchTenant(id.to_string())));
            }
            let added = c.add_tenant_host(&TenantHostRecord {
                host: host.clone(),
                tenant_id: id.clone(),
                created_at: now,
            })?;
            Ok(if added {
                Ok(host.clone())
            } else {
                Err(TenancyError::HostTaken(host.clone()))
            })
        })?;
        self.catch_up_tenants()?;
        Ok(done)
    }

    /// Stops `host` serving anyone.
    pub fn remove_tenant_host(&self, host: &str) -> Result<Result<(), TenancyError>, AppError> {
        let host = normalise_host(host);
        let removed = self.write(|c| Ok(c.remove_tenant_host(&host)?))?;
        self.catch_up_tenants()?;
        Ok(if removed {
            Ok(())
        } else {
            Err(TenancyError::NoSuchHost(host))
        })
    }
}

#[cfg(test)]
mod tests;
