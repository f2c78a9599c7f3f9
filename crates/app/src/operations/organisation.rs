//! A municipality's organisation written to the database: its wards and departments, added
//! or renamed; and a new city added whole (`add_city`). Every node applies every city's
//! file on every start, so what is already as the file says is read, compared and left
//! alone: a restart of a node serving 1,741 cities writes nothing (a write transaction is a
//! disk sync) unless a file changed.

use madoguchi_core::{DepartmentCode, DepartmentId, TenantId};
use madoguchi_records::{DepartmentRecord, Records, Timestamp, WardRecord};

use super::Municipality;
use super::setup::{DepartmentData, WardData};
use crate::kernel::tenancy::{CheckedTenant, TenancyError};
use crate::kernel::{App, AppError, NewClerk};

/// What the database holds of a municipality's organisation (nothing, for a new city).
#[derive(Default)]
struct Held {
    wards: Vec<WardRecord>,
    departments: Vec<DepartmentRecord>,
    needing_approval: Vec<DepartmentCode>,
}

impl Municipality {
    /// `settings` with what the municipality's file says of them: its deciding
    /// authorities (the city's and each ward's), office hours and closing days.
    pub fn settings_over(
        &self,
        settings: &crate::kernel::tenancy::TenantSettings,
    ) -> crate::kernel::tenancy::TenantSettings {
        let mut settings = settings.clone();
        settings.authority = self.tenant.authority.clone().or(settings.authority);
        settings.office_hours = self.tenant.office_hours.clone().or(settings.office_hours);
        if !self.tenant.closing_days.is_empty() {
            settings.closing_days = self.tenant.closing_days.clone();
        }
        settings.decision_routes = self
            .departments
            .iter()
            .filter_map(|d| Some((d.code.to_string(), d.decision_routes.clone()?)))
            .collect();
        settings.ward_authorities = self
            .wards
            .iter()
            .filter_map(|w| Some((w.code.clone(), w.authority.clone()?)))
            .collect();
        settings
    }
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
        let (wards, departments) = changes(m, &held);
        if wards.is_empty() && departments.is_empty() {
            return Ok(false);
        }
        let now = self.now().naive_utc();
        self.write(|c| write_rows(c, tenant, &held, &wards, &departments, now))?;
        Ok(true)
    }

    /// Adds a city whole, in one transaction: its registry row, settings and hosts
    /// (`tenant`, checked), the wards and departments of its file `m`, and its first
    /// administrator `admin` (whose password this service generated); then applies the
    /// file as a start does. Refused (a host taken meanwhile, the code added already)
    /// or failed, nothing of it is kept.
    pub fn add_city(
        &self,
        tenant: &CheckedTenant,
        m: &Municipality,
        admin: &NewClerk,
    ) -> Result<Result<TenantId, TenancyError>, AppError> {
        let hash = crate::kernel::passwords::hash_generated_password(&admin.password)?;
        let id = &m.tenant.id;
        let held = Held::default();
        let (wards, departments) = changes(m, &held);
        let now = self.now().naive_utc();
        let added = self.write_new_tenant(tenant, |c| {
            write_rows(c, id, &held, &wards, &departments, now)?;
            self.insert_clerk_in(c, admin, &hash, None)?;
            Ok(())
        })?;
        if added.is_ok() {
            self.forget_departments();
            self.apply_municipality(m)?;
        }
        Ok(added)
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

fn ward_record(tenant: &TenantId, w: &WardData) -> WardRecord {
    WardRecord {
        tenant_id: tenant.clone(),
        code: w.code.clone(),
        name_ja: w.name.ja.clone(),
        name_en: w.name.en.clone(),
    }
}

/// The wards and departments of `m` that `held` does not hold as they are.
fn changes<'m>(m: &'m Municipality, held: &Held) -> (Vec<WardRecord>, Vec<&'m DepartmentData>) {
    let wards = m
        .wards
        .iter()
        .map(|w| ward_record(&m.tenant.id, w))
        .filter(|w| !held.wards.contains(w))
        .collect();
    let departments = m
        .departments
        .iter()
        .filter(|d| {
            let kept = held.departments.iter().find(|h| h.code == d.code);
            let same = kept.is_some_and(|h| {
                h.name_ja == d.name.ja && h.name_en == d.name.en && h.ward_office == d.ward_office
            });
            !same || held.needing_approval.contains(&d.code) != d.publish_needs_approval
        })
        .collect();
    (wards, departments)
}

fn department_record(tenant: &TenantId, d: &DepartmentData, now: Timestamp) -> DepartmentRecord {
    DepartmentRecord {
        id: DepartmentId::new(uuid::Uuid::now_v7().to_string()),
        tenant_id: tenant.clone(),
        code: d.code.clone(),
        name_ja: d.name.ja.clone(),
        name_en: d.name.en.clone(),
        created_at: now,
        ward_office: d.ward_office,
    }
}

/// Writes `wards` and `departments` in `c`: added, or renamed where `held` has them (read
/// once before, so each is one statement: a round trip to PostgreSQL each), approval set
/// where it differs from what is held.
fn write_rows(
    c: &mut dyn Records,
    tenant: &TenantId,
    held: &Held,
    wards: &[WardRecord],
    departments: &[&DepartmentData],
    now: Timestamp,
) -> Result<(), AppError> {
    for w in wards {
        if held.wards.iter().any(|h| h.code == w.code) {
            c.save_ward(w)?;
        } else {
            c.insert_ward(w)?;
        }
    }
    for d in departments {
        let record = department_record(tenant, d, now);
        match held.departments.iter().find(|h| h.code == d.code) {
            Some(kept) => c.update_department(&DepartmentRecord {
                id: kept.id.clone(),
                ..record
            })?,
            None => c.insert_department(&record)?,
        }
        if held.needing_approval.contains(&d.code) != d.publish_needs_approval {
            c.set_publish_needs_approval(tenant, &d.code, d.publish_needs_approval)?;
        }
    }
    Ok(())
}
