//! Which procedures this process serves: the seeds of `forms/`, replaced by the versions
//! published here and without the retired ones; refreshed when another process publishes.

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
        let result = self.refresh_published_round();
        self.count_job("published_procedures", result)
    }

    fn refresh_published_round(&self) -> Result<bool, AppError> {
        let tenant = self.config.default_tenant.clone();
        let seen = self.read(|c| {
            let versions = c.procedure_versions(&tenant)?;
            let retired = c.retirements(&tenant)?;
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
            if *last == seen {
                return Ok(false);
            }
            *last = seen;
        }
        self.apply_published(&tenant)?;
        Ok(true)
    }

    /// At start: the versions published here replace the seeds of `forms/`, and retired
    /// procedures are closed.
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
        if latest.is_empty() && retired.is_empty() {
            return Ok(());
        }
        self.update_forms(|forms| {
            let mut next: FormRegistry = forms.clone();
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
