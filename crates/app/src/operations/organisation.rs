//! A municipality's organisation written to the database: its wards and departments, added
//! or renamed. Every node applies every city's file on every start, so what is already as
//! the file says is read, compared and left alone: a restart of a node serving 1,741
//! cities writes nothing (a write transaction is a disk sync) unless a file changed.

use madoguchi_core::{DepartmentCode, DepartmentId, TenantId};
use madoguchi_records::{DepartmentRecord, WardRecord};

use super::Municipality;
use crate::kernel::{App, AppError};

/// What the database holds of a municipality's organisation.
struct Held {
    wards: Vec<WardRecord>,
    departments: Vec<DepartmentRecord>,
    needing_approval: Vec<DepartmentCode>,
}

impl App {
    /// Writes the wards and departments of `m` that the database does not hold as they
    /// are; whether anything was written.
    pub(crate) fn write_organisation(&self, m: &Municipality) -> Result<bool, AppError> {
        let tenant = &m.tenant.id;
        let held = self.read(|c| {
            Ok(Held {
                wards: c.wards_of(tenant)?,
                departments: c.departments_of(tenant)?,
                needing_approval: c.departments_needing_approval(tenant)?,
            })
        })?;
        let wards: Vec<WardRecord> = m
            .wards
            .iter()
            .map(|w| WardRecord {
                tenant_id: tenant.clone(),
                code: w.code.clone(),
                name_ja: w.name.ja.clone(),
                name_en: w.name.en.clone(),
            })
            .filter(|w| !held.wards.contains(w))
            .collect();
        let departments: Vec<_> = m
            .departments
            .iter()
            .filter(|d| {
                let kept = held.departments.iter().find(|h| h.code == d.code);
                let same = kept.is_some_and(|h| {
                    h.name_ja == d.name.ja
                        && h.name_en == d.name.en
                        && h.ward_office == d.ward_office
                });
                !same || held.needing_approval.contains(&d.code) != d.publish_needs_approval
            })
            .collect();
        if wards.is_empty() && departments.is_empty() {
            return Ok(false);
        }
        let now = self.now().naive_utc();
        self.write(|c| {
            for w in &wards {
                c.save_ward(w)?;
            }
            for d in &departments {
                let record = DepartmentRecord {
                    id: DepartmentId::new(uuid::Uuid::now_v7().to_string()),
                    tenant_id: tenant.clone(),
                    code: d.code.clone(),
                    name_ja: d.name.ja.clone(),
                    name_en: d.name.en.clone(),
                    created_at: now,
                    ward_office: d.ward_office,
                };
                match c.find_department_by_code(tenant, &d.code)? {
                    Some(existing) => c.update_department(&DepartmentRecord {
                        id: existing.id,
                        ..record
                    })?,
                    None => c.insert_department(&record)?,
                }
                c.set_publish_needs_approval(tenant, &d.code, d.publish_needs_approval)?;
            }
            Ok::<_, AppError>(())
        })?;
        Ok(true)
    }

    /// Keeps the municipality's appeal-rights notices (教示) in memory, sharing one copy
    /// among cities whose notices are the same text.
    pub(crate) fn keep_appeal_notices(&self, tenant: &TenantId, m: &Municipality) {
        let notices: std::collections::BTreeMap<String, madoguchi_core::Localized> = m
            .appeal_notices
            .iter()
            .map(|(k, n)| (k.clone(), n.text.clone()))
            .collect();
        let mut kept = match self.appeal_notices.write() {
            Ok(kept) => kept,
            Err(poisoned) => poisoned.into_inner(),
        };
        kept.set(tenant.as_str(), notices);
    }
}
