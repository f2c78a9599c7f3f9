//! Which procedures each municipality offers, in memory: its seeds (the shared catalogue's
//! procedures it adopts, and its own from `forms/cities/<code>`), with what its authors
//! published here laid over them and what they retired taken away.
//!
//! Nothing here is shared between municipalities but the catalogue's forms themselves
//! (immutable, content-addressed): a form published in one city is served by that city
//! only.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use madoguchi_core::TenantId;
use madoguchi_forms::FormRegistry;

use crate::kernel::App;

/// The procedures served, per municipality.
#[derive(Debug, Default)]
pub(crate) struct Served {
    /// The shared catalogue (`forms/`), as loaded at start.
    catalogue: Arc<FormRegistry>,
    /// Per municipality: what its organisation file chose (`procedures.adopt` and its own).
    seeds: HashMap<TenantId, Arc<FormRegistry>>,
    /// Per municipality: what it serves now (its seeds, published versions, retirements).
    now: HashMap<TenantId, Arc<FormRegistry>>,
}

impl Served {
    pub(crate) fn new(catalogue: FormRegistry) -> RwLock<Served> {
        RwLock::new(Served {
            catalogue: Arc::new(catalogue),
            ..Served::default()
        })
    }
}

impl App {
    fn served(&self) -> std::sync::RwLockReadGuard<'_, Served> {
        match self.served.read() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn served_mut(&self) -> std::sync::RwLockWriteGuard<'_, Served> {
        match self.served.write() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The procedures `tenant` offers now (a snapshot: publishing replaces it). A
    /// municipality whose organisation was not applied on this node is offered the
    /// shared catalogue's seeds (never another city's published versions); the
    /// departments it has decide what of it can be filed.
    pub fn forms_for(&self, tenant: &TenantId) -> Arc<FormRegistry> {
        let served = self.served();
        served
            .now
            .get(tenant)
            .or_else(|| served.seeds.get(tenant))
            .map_or_else(|| Arc::clone(&served.catalogue), Arc::clone)
    }

    /// The shared catalogue (`forms/`) as loaded, before any municipality's choice.
    pub fn catalogue(&self) -> Arc<FormRegistry> {
        Arc::clone(&self.served().catalogue)
    }

    /// The municipalities whose procedures this node holds (for the refresh of what
    /// other nodes published), the configured one first.
    pub(crate) fn served_tenants(&self) -> Vec<TenantId> {
        let mut tenants = vec![self.config.default_tenant.clone()];
        let mut others: Vec<TenantId> = self
            .served()
            .seeds
            .keys()
            .filter(|t| **t != self.config.default_tenant)
            .cloned()
            .collect();
        others.sort();
        tenants.extend(others);
        tenants
    }

    /// Every registry served on this node (to find a form version in memory).
    pub(crate) fn every_served(&self) -> Vec<Arc<FormRegistry>> {
        let served = self.served();
        let mut all = vec![Arc::clone(&served.catalogue)];
        all.extend(served.seeds.values().cloned());
        all.extend(served.now.values().cloned());
        all
    }

    /// Sets what `tenant`'s organisation file chose; what it serves starts from it again.
    pub(crate) fn set_seeds(&self, tenant: &TenantId, seeds: FormRegistry) {
        let seeds = Arc::new(seeds);
        let mut served = self.served_mut();
        served.now.insert(tenant.clone(), Arc::clone(&seeds));
        served.seeds.insert(tenant.clone(), seeds);
    }

    /// `tenant`'s seeds (the catalogue when its organisation was not applied here).
    pub(crate) fn seeds_of(&self, tenant: &TenantId) -> Arc<FormRegistry> {
        let served = self.served();
        served
            .seeds
            .get(tenant)
            .map_or_else(|| Arc::clone(&served.catalogue), Arc::clone)
    }

    /// Replaces what `tenant` serves with `change(current)`.
    pub(crate) fn update_forms(
        &self,
        tenant: &TenantId,
        change: impl FnOnce(&FormRegistry) -> FormRegistry,
    ) {
        let mut served = self.served_mut();
        let current = served
            .now
            .get(tenant)
            .or_else(|| served.seeds.get(tenant))
            .map_or_else(|| Arc::clone(&served.catalogue), Arc::clone);
        let next = Arc::new(change(&current));
        served.now.insert(tenant.clone(), next);
    }
}
