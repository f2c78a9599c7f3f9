//! Each municipality's departments as this node last read them, so that the pages every
//! resident reads (a procedure's page, the list, a form's step) name the department without
//! a database read per page view.
//!
//! Departments change only when a municipality is set up or its settings are applied
//! (`operations::setup`), which forgets the snapshot on this node; another node's change is
//! seen within `FRESH`, like the tenant registry's.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use madoguchi_core::TenantId;
use madoguchi_records::DepartmentRecord;

use super::{App, AppError};

/// How long a read of a municipality's departments is used before it is read again.
const FRESH: Duration = Duration::from_secs(5);

/// One municipality's departments and when they were read.
type Snapshot = (Instant, Arc<Vec<DepartmentRecord>>);

/// The snapshots, by municipality.
#[derive(Debug, Default)]
pub(crate) struct Departments {
    by_tenant: RwLock<HashMap<TenantId, Snapshot>>,
}

impl App {
    /// The municipality's departments, from memory when read less than `FRESH` ago.
    pub(crate) fn departments_snapshot(
        &self,
        tenant: &TenantId,
    ) -> Result<Arc<Vec<DepartmentRecord>>, AppError> {
        if let Some(fresh) = self.cached_departments(tenant) {
            return Ok(fresh);
        }
        let read = Arc::new(self.read(|c| Ok(c.departments_of(tenant)?))?);
        let mut slot = match self.departments.by_tenant.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        slot.insert(tenant.clone(), (Instant::now(), Arc::clone(&read)));
        Ok(read)
    }

    /// The municipality's departments when this node read them less than `FRESH` ago (no
    /// database read: for callers on the async side, which go to the blocking pool on `None`).
    pub(crate) fn cached_departments(
        &self,
        tenant: &TenantId,
    ) -> Option<Arc<Vec<DepartmentRecord>>> {
        let slot = self.departments.by_tenant.read().ok()?;
        slot.get(tenant)
            .filter(|(read, _)| read.elapsed() < FRESH)
            .map(|(_, departments)| Arc::clone(departments))
    }

    /// Forgets every snapshot (after this node changed departments).
    pub(crate) fn forget_departments(&self) {
        let mut slot = match self.departments.by_tenant.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        slot.clear();
    }
}
