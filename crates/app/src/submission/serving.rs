//! Which procedures each municipality serves: its seeds (`forms/` and `forms/cities/<code>`),
//! replaced by the versions published there and without the ones retired there; refreshed
//! when another process publishes.

use std::sync::Arc;

use madoguchi_core::ProcedureId;
use madoguchi_core::TenantId;
use madoguchi_forms::FormRegistry;
use madoguchi_records::ProcedureVersionRecord;

use crate::kernel::{App, AppError};

impl App {
    /// Picks up what other server processes published or retired since the last look
    /// (the workers call this every round). True when the procedures served changed.
    pub fn refresh_published(&self) -> Result<bool, AppError> {
        self.run_job("published_procedures", || self.refresh_published_round())
    }

    fn refresh_published_round(&self) -> Result<bool, AppError> {
        let mut changed = false;
        for tenant in self.served_tenants() {
            changed |= self.refresh_published_of(&tenant)?;
        }
        Ok(changed)
    }

    fn refresh_published_of(&self, tenant: &TenantId) -> Result<bool, AppError> {
        let seen = self.read(|c| {
            let versions = c.procedure_versions(tenant)?;
            let retired = c.retirements(tenant)?;
            Ok(format!(
                "{}:{}:{}",
                versions.len(),
                versions
                    .iter()
                    .map(|v| v.id.as_str())
                    .max()
                    .unwrap_or_default(),
                retired
                    .iter()
                    .map(|r| format!("{}@{}", r.procedure_id, r.retired_at))
                    .collect::<Vec<_>>()
                    .join(",")
            ))
        })?;
        {
            let mut last = match self.published_seen.lock() {
                Ok(l) => l,
                Err(poisoned) => poisoned.into_inner(),
            };
            if last.get(tenant) == Some(&seen) {
                return Ok(false);
            }
            last.insert(tenant.clone(), seen);
        }
        self.apply_published(tenant)?;
        Ok(true)
    }

    /// What `tenant` serves: its seeds, with the versions published there replacing them
    /// and the procedures retired there closed.
    pub(crate) fn apply_published(&self, tenant: &TenantId) -> Result<(), AppError> {
        let (latest, retired) = self.read(|c| {
            let mut latest: std::collections::BTreeMap<ProcedureId, ProcedureVersionRecord> =
                Default::default();
            for v in c.procedure_versions(tenant)? {
                latest.insert(v.procedure_id.clone(), v);
            }
            let mut forms = Vec::new();
            for v in latest.values() {
                forms.push(self.form_version(c, &v.form_version)?);
            }
            Ok((forms, c.retirements(tenant)?))
        })?;
        let seeds = self.seeds_of(tenant);
        self.update_forms(tenant, |_| {
            let mut next: FormRegistry = (*seeds).clone();
            for form in &latest {
                next = next.with_form(Arc::clone(form));
            }
            for r in &retired {
                next = next.without(r.procedure_id.as_str());
            }
            next
        });
        Ok(())
    }
}
