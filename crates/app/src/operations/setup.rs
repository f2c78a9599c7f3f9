//! Setting a deployment up: form versions, municipalities, departments, clerks, the demo.

use madoguchi_core::{DepartmentCode, Localized, Post, TenantId};
use madoguchi_records::{FormVersionRecord, TenantRecord};
use madoguchi_workflow::Role;
use serde::Deserialize;

use super::procedure_set::{self, Adopt, ProcedureChoice};
use crate::kernel::passwords::hash_password;
use crate::kernel::{App, AppError, NewClerk};

/// `DemoLogin::department` of the demo resident (not a clerk: signs in at `/account`).
pub const RESIDENT_LOGIN: &str = "住民 / resident";

/// A demo sign-in, printed at start-up.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    pub login: String,
    pub password: String,
    pub department: String,
}

/// The demo municipality: Sendai (local-government code 04100, with check digit 041009).
pub const DEMO_TENANT: &str = "041009";
/// The demo resident's account (confirmed), password `DEMO_PASSWORD`.
pub const DEMO_RESIDENT: &str = "taro@sendai.example";
/// Shared by every demo clerk; printed at start-up. Demo data only.
pub const DEMO_PASSWORD: &str = "madoguchi-demo";

/// A municipality's organisation as data (`deploy/data/municipalities/*.json`): its wards
/// and the departments procedures are routed to.
#[derive(Clone, Debug, Deserialize)]
pub struct Municipality {
    pub tenant: MunicipalityTenant,
    pub wards: Vec<WardData>,
    pub departments: Vec<DepartmentData>,
    /// The appeal-rights notices (教示) decisions carry, by the key procedures name.
    pub appeal_notices: std::collections::BTreeMap<String, AppealNotice>,
    /// Which of the shared catalogue's procedures it adopts as they are.
    #[serde(default)]
    pub procedures: ProcedureChoice,
    /// Its own procedures (`forms/cities/<code>`), loaded by `with_own_forms`.
    #[serde(skip)]
    pub own_forms: madoguchi_forms::FormRegistry,
    /// Its values for the catalogue's templates (`<file>.parameters.json` beside its
    /// organisation file), loaded by `with_parameters_of`.
    #[serde(skip)]
    pub parameters: madoguchi_forms::CityParameters,
}

/// An appeal-rights notice (教示): where and by when a decision can be contested.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppealNotice {
    /// Who hears a request for review (審査庁), or that there is none; for staff screens.
    pub review_body: Localized,
    /// The notice as printed on decisions.
    pub text: Localized,
    /// Where the wording comes from (the statutes it follows).
    pub basis: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct MunicipalityTenant {
    pub id: TenantId,
    pub name: Localized,
    /// Who decides and signs notices (仙台市長 / Mayor of Sendai); none: 「<name>長」.
    #[serde(default)]
    pub authority: Option<Localized>,
    /// Office hours as written for residents (`8:30–17:15`); none: the deployment's.
    #[serde(default)]
    pub office_hours: Option<String>,
    /// Its own closing days (`MM-DD`) beside national holidays and the year-end closure.
    #[serde(default)]
    pub closing_days: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct WardData {
    /// 5-digit local-government code, as in Japan Post's data (04101 = 青葉区).
    pub code: String,
    pub name: Localized,
    /// Who decides the filings routed to this ward (青葉区長), where the ward mayor does;
    /// none: the city's authority.
    #[serde(default)]
    pub authority: Option<Localized>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DepartmentData {
    pub code: DepartmentCode,
    pub name: Localized,
    /// The department works in every ward office; filings go to the applicant's ward.
    #[serde(default)]
    pub ward_office: bool,
    /// Authors' publications wait for a supervisor of the department to approve them.
    #[serde(default)]
    pub publish_needs_approval: bool,
    /// Its decisions' approval routes (決裁ルート); none: each clerk decides alone.
    #[serde(default)]
    pub decision_routes: Option<crate::kernel::decision_routes::SectionRoutes>,
    /// What the city still has to confirm about the department (its name…): for the
    /// operator and the authors, never shown to residents. A name must read true as it is.
    #[serde(default)]
    pub to_confirm: Option<String>,
}

/// The words of a note to the city found in a name shown to residents, if any.
fn internal_note(name: &Localized) -> Option<&'static str> {
    const NOTES: [&str; 3] = ["要確認", "確認中", "to confirm"];
    let text = format!("{} {}", name.ja, name.en).to_lowercase();
    NOTES.into_iter().find(|n| text.contains(n))
}

impl Municipality {
    pub fn from_json(text: &str) -> Result<Municipality, AppError> {
        serde_json::from_str(text).map_err(|e| AppError::internal("municipality data", e))
    }

    /// The same, with its own procedures read from `<forms_dir>/cities/<code>/`.
    pub fn with_own_forms(
        mut self,
        forms_dir: &std::path::Path,
    ) -> Result<Municipality, madoguchi_forms::FormLoadError> {
        self.own_forms = procedure_set::load_own_forms(forms_dir, self.tenant.id.as_str())?;
        Ok(self)
    }

    /// The same, with its values for the catalogue's templates from the parameters file
    /// beside its organisation file `path` (`akita.json` → `akita.parameters.json`), if any.
    pub fn with_parameters_of(mut self, path: &std::path::Path) -> Result<Municipality, AppError> {
        let file = madoguchi_forms::template::parameters_file(path);
        if !file.is_file() {
            return Ok(self);
        }
        let text = std::fs::read_to_string(&file)
            .map_err(|e| AppError::internal("municipality parameters", e))?;
        let parameters = madoguchi_forms::CityParameters::from_json(&text).map_err(|e| {
            AppError::internal(
                "municipality parameters",
                format!("{}: {e}", file.display()),
            )
        })?;
        if parameters.tenant != self.tenant.id.as_str() {
            return Err(AppError::internal(
                "municipality parameters",
                format!(
                    "{}: `tenant` is \"{}\", but the organisation file is {}'s",
                    file.display(),
                    parameters.tenant,
                    self.tenant.id
                ),
            ));
        }
        self.parameters = parameters;
        Ok(self)
    }

    /// Its values for the catalogue's templates, with its name and authority.
    pub fn city_parameters(&self) -> madoguchi_forms::CityParameters {
        let mut city = self.parameters.clone();
        city.tenant = self.tenant.id.as_str().to_string();
        let authority = self
            .tenant
            .authority
            .clone()
            .unwrap_or_else(|| madoguchi_forms::template::default_authority(&self.tenant.name));
        city.with_city(&self.tenant.name, &authority)
    }

    /// What it offers before anything is published: the catalogue's procedures it
    /// adopts (its templates completed with its values) and its own.
    pub fn seeds(
        &self,
        catalogue: &madoguchi_forms::FormRegistry,
    ) -> madoguchi_forms::FormRegistry {
        self.seeds_with_problems(catalogue).0
    }

    fn seeds_with_problems(
        &self,
        catalogue: &madoguchi_forms::FormRegistry,
    ) -> (madoguchi_forms::FormRegistry, Vec<madoguchi_forms::Problem>) {
        procedure_set::seeds(
            catalogue,
            &self.procedures.adopt,
            &self.own_forms,
            &self.city_parameters(),
        )
    }

    /// What of the procedures it offers (`seeds` of `catalogue`) it cannot serve: a
    /// procedure it adopts that the catalogue does not have, one whose department it does
    /// not have (residents could not file it, no clerk would see it), one handled in every
    /// ward office that does not say how to find the ward, or an appeal notice it lacks.
    ///
    /// The catalogue's templates it adopts are completed with its values and compiled, so
    /// a value that makes one invalid is found too (`tenant add`, the configured city's
    /// start, `forms check`); `problems_before_compiling` leaves that out.
    pub fn problems_with(&self, catalogue: &madoguchi_forms::FormRegistry) -> Vec<String> {
        self.problems(catalogue, true)
    }

    /// `problems_with` without compiling its templates: a restart of a node serving many
    /// cities checks their files (every value present, with provenance; departments,
    /// wards and notices) without compiling each city's procedures, which are compiled when
    /// first opened (one a changed value made invalid is then not offered).
    pub fn problems_before_compiling(
        &self,
        catalogue: &madoguchi_forms::FormRegistry,
    ) -> Vec<String> {
        self.problems(catalogue, false)
    }

    fn problems(&self, catalogue: &madoguchi_forms::FormRegistry, compile: bool) -> Vec<String> {
        let mut problems = Vec::new();
        if let Adopt::Only(ids) = &self.procedures.adopt {
            for id in ids {
                if !catalogue.holds(id) && self.own_forms.get(id).is_none() {
                    problems.push(format!(
                        "{id}: `procedures.adopt` names a procedure the catalogue does not have"
                    ));
                }
            }
        }
        for d in &self.departments {
            if let Some(problem) = d.decision_routes.as_ref().and_then(|r| r.problem()) {
                problems.push(format!(
                    "department `{}`: decision_routes {problem}",
                    d.code
                ));
            }
        }
        // Names are shown to residents as they are: a note about them belongs in
        // `to_confirm`, never in the name (「市民課(名称は要確認)」 once reached the pages).
        let named = self
            .departments
            .iter()
            .map(|d| (format!("department `{}`", d.code), &d.name))
            .chain(
                self.wards
                    .iter()
                    .map(|w| (format!("ward `{}`", w.code), &w.name)),
            );
        for (what, name) in named {
            if let Some(note) = internal_note(name) {
                problems.push(format!(
                    "{what}: its name holds a note for the city ({note:?}), which residents would read: give the name as it stands and move the note to `to_confirm`"
                ));
            }
        }
        let (forms, unfilled) = self.seeds_with_problems(catalogue);
        // A template it adopts that its values cannot complete (a value missing, …), or
        // (compiled) whose completion is no valid definition.
        problems.extend(unfilled.iter().map(|p| p.text(madoguchi_core::Lang::En)));
        if compile {
            problems.extend(
                forms
                    .completion_problems()
                    .iter()
                    .map(|p| p.text(madoguchi_core::Lang::En)),
            );
        }
        for procedure in forms.placements() {
            match self
                .departments
                .iter()
                .find(|d| d.code == procedure.department.as_str())
            {
                None => problems.push(format!(
                    "{}: department `{}` is not one of {}'s departments",
                    procedure.id, procedure.department, self.tenant.id
                )),
                Some(d) if d.ward_office && procedure.routing.is_none() => {
                    problems.push(format!(
                        "{}: department `{}` works in every ward office, so the procedure needs `routing.ward_from`",
                        procedure.id, procedure.department
                    ));
                }
                Some(_) => {}
            }
            if let Some(routing) = &procedure.routing {
                problems.extend(self.office_problems(&procedure.id, routing));
            }
            if !self.appeal_notices.contains_key(&procedure.appeal) {
                problems.push(format!(
                    "{}: appeal notice `{}` is not one of {}'s `appeal_notices`",
                    procedure.id, procedure.appeal, self.tenant.id
                ));
            }
        }
        problems.sort();
        problems
    }

    /// An office (`routing.offices`) of a ward the municipality does not have, or a ward
    /// without an office: the office check would refuse every resident of that ward.
    fn office_problems(
        &self,
        id: &str,
        routing: &madoguchi_forms::definition::Routing,
    ) -> Vec<String> {
        if routing.office_field.is_none() {
            return Vec::new();
        }
        let mut problems: Vec<String> = routing
            .offices
            .iter()
            .filter(|(_, ward)| !self.wards.iter().any(|w| &w.code == *ward))
            .map(|(office, ward)| {
                format!("{id}: `routing.offices` gives office `{office}` ward `{ward}`, which is not one of {}'s wards", self.tenant.id)
            })
            .collect();
        for ward in &self.wards {
            if !routing.offices.values().any(|w| w == &ward.code) {
                problems.push(format!(
                    "{id}: `routing.offices` gives ward `{}` ({}) no office",
                    ward.code, ward.name.ja
                ));
            }
        }
        problems
    }
}

impl App {
    /// Records every form version of `forms` (idempotent).
    pub(crate) fn record_form_versions(
        &self,
        forms: &madoguchi_forms::FormRegistry,
    ) -> Result<(), AppError> {
        let now = self.now().naive_utc();
        let mut recorded = 0;
        for form in forms.all() {
            let new = self.write(|conn| {
                Ok(conn.ensure_form_version(&FormVersionRecord {
                    version: form.version().to_string(),
                    procedure_id: form.procedure_id(),
                    definition: form.canonical_json().to_string(),
                    first_loaded_at: now,
                })?)
            })?;
            if let Ok(mut known) = self.recorded_versions.lock() {
                known.insert(form.version().to_string());
            }
            if new {
                recorded += 1;
                tracing::debug!(
                    procedure = form.id(),
                    version = &form.version()[..12],
                    "form version recorded"
                );
            }
        }
        if recorded > 0 {
            tracing::info!(
                new = recorded,
                forms = forms.len(),
                "form versions recorded"
            );
        }
        Ok(())
    }

    /// Gives filings from before the clerks' search its keys (name and reading, folded).
    pub(crate) fn fill_search_keys(&self) -> Result<(), AppError> {
        let mut filled = 0;
        loop {
            let batch = self.read(|c| Ok(c.submissions_without_search_key(500)?))?;
            if batch.is_empty() {
                break;
            }
            self.write(|c| {
                for row in &batch {
                    let form = self.form_version(c, &row.form_version)?;
                    let data = self.open_data(&form, &row.data)?;
                    c.set_search_key(&row.id, &crate::submission::forms::search_key(&form, &data))?;
                }
                Ok(())
            })?;
            filled += batch.len();
        }
        if filled > 0 {
            tracing::info!(filled, "search keys filled for older filings");
        }
        Ok(())
    }

    pub fn ensure_tenant(
        &self,
        id: &TenantId,
        name_ja: &str,
        name_en: &str,
    ) -> Result<(), AppError> {
        self.write(|c| {
            if c.find_tenant(id)?.is_none() {
                c.insert_tenant(&TenantRecord {
                    id: id.clone(),
                    name_ja: name_ja.into(),
                    name_en: name_en.into(),
                    created_at: self.now().naive_utc(),
                })?;
            }
            Ok::<_, AppError>(())
        })
    }

    /// Applies a municipality's organisation: the tenant, its wards and its departments
    /// (added, or renamed when they exist), its notices, and what it serves. Idempotent;
    /// run on every start for every city, where it writes only what changed.
    pub fn apply_municipality(&self, m: &Municipality) -> Result<(), AppError> {
        let tenant = m.tenant.id.clone();
        let known = self.tenant(&tenant).is_some();
        if !known {
            self.ensure_tenant(&tenant, &m.tenant.name.ja, &m.tenant.name.en)?;
        }
        self.keep_appeal_notices(&tenant, m);
        if self.write_organisation(m)? {
            self.forget_departments();
        }
        // A new city is read into this node's registry of cities (what changed since the
        // last read, so done only then, not for each of the cities a start applies).
        if !known {
            self.catch_up_tenants()?;
        }
        self.record_form_versions(&m.own_forms)?;
        // The catalogue's templates as this city completes them are compiled, and their
        // versions recorded, when first used (`keep_form_version`).
        self.set_seeds(&tenant, m.seeds(&self.catalogue()));
        self.apply_published(&tenant)?;
        self.apply_authorities(m)
    }

    /// Keeps the municipality data's deciding authorities, office hours and closing days
    /// in the tenant's settings (shared by every node), leaving the operator's other
    /// settings as they are.
    fn apply_authorities(&self, m: &Municipality) -> Result<(), AppError> {
        let Some(current) = self.tenant(&m.tenant.id) else {
            return Ok(());
        };
        let settings = m.settings_over(&current.settings);
        if settings == current.settings {
            return Ok(());
        }
        match self.set_tenant_settings(&m.tenant.id, &settings)? {
            Ok(()) => Ok(()),
            Err(e) => Err(AppError::internal("municipality data", e)),
        }
    }

    /// The demo clerks, password `DEMO_PASSWORD`: one for each department of the
    /// municipality (every ward), and one of 戸籍住民課 who works for 泉区 only. Safe to run on
    /// every start.
    pub fn seed_demo(&self, m: &Municipality) -> Result<Vec<DemoLogin>, AppError> {
        self.seed_demo_city(m, "sendai.example")
    }

    /// `seed_demo` for any city of the demo, its accounts at `domain` (`akita.example`).
    pub fn seed_demo_city(
        &self,
        m: &Municipality,
        domain: &str,
    ) -> Result<Vec<DemoLogin>, AppError> {
        self.apply_municipality(m)?;
        let tenant = m.tenant.id.clone();
        // One hash for all demo accounts: hashing dozens of passwords would slow every start.
        let hash = hash_password(DEMO_PASSWORD)?;
        let mut wanted: Vec<(String, &DepartmentData, Option<&WardData>, Role)> = m
            .departments
            .iter()
            .map(|d| (format!("{}@{domain}", d.code), d, None, Role::Clerk))
            .collect();
        if let Some(d) = m.departments.iter().find(|d| d.code == "koseki-jumin") {
            wanted.push((
                format!("koseki-jumin.kacho@{domain}"),
                d,
                None,
                Role::Supervisor,
            ));
            // A 係長 too, so that a decision can go round a route of 係長 → 課長.
            wanted.push((
                format!("koseki-jumin.kakaricho@{domain}"),
                d,
                None,
                Role::Supervisor,
            ));
            wanted.push((
                format!("koseki-jumin.author@{domain}"),
                d,
                None,
                Role::Author,
            ));
            if let Some(admin) = m.departments.iter().find(|d| d.code == "digital") {
                wanted.push((format!("admin@{domain}"), admin, None, Role::Administrator));
            }
            if let Some(w) = m.wards.iter().find(|w| w.code == "04105") {
                wanted.push((
                    format!("koseki-jumin.izumi@{domain}"),
                    d,
                    Some(w),
                    Role::Clerk,
                ));
            }
        }
        let mut logins = Vec::new();
        let resident = match domain {
            "sendai.example" => DEMO_RESIDENT.to_string(),
            other => format!("taro@{other}"),
        };
        self.write(|c| {
            if c.find_account_by_email(&tenant, &resident)?.is_none() {
                let now = self.now().naive_utc();
                c.insert_account(&madoguchi_records::AccountRecord {
                    id: madoguchi_core::AccountId::new(uuid::Uuid::now_v7().to_string()),
                    tenant_id: tenant.clone(),
                    email: resident.clone(),
                    password_hash: hash.clone(),
                    verified_at: Some(now),
                    created_at: now,
                    password_changed_at: now,
                })?;
            }
            Ok(())
        })?;
        logins.push(DemoLogin {
            login: resident,
            password: DEMO_PASSWORD.into(),
            department: RESIDENT_LOGIN.into(),
        });
        for (login, dep, ward, role) in wanted {
            let exists =
                self.read(|conn| Ok(conn.find_clerk_by_login(&tenant, &login)?.is_some()))?;
            // The demo's 課長 holds that post; its 係長 the one a supervisor has.
            let post = if login.contains(".kacho@") {
                Post::Manager
            } else {
                Post::for_role(role)
            };
            if !exists {
                let title = match (role, post) {
                    (Role::Supervisor, Post::Chief) => "係長",
                    (Role::Supervisor, _) => "課長",
                    (Role::Administrator, _) => "システム管理者",
                    (Role::Author, _) => "手続作成者",
                    _ => "担当",
                };
                let display_name = match ward {
                    Some(w) => format!("{} {} {title}(デモ)", w.name.ja, dep.name.ja),
                    None => format!("{} {title}(デモ)", dep.name.ja),
                };
                self.insert_clerk(
                    &NewClerk {
                        tenant: tenant.clone(),
                        department_code: dep.code.clone(),
                        ward_code: ward.map(|w| w.code.clone()),
                        login: login.clone(),
                        display_name,
                        password: DEMO_PASSWORD.into(),
                        role,
                    },
                    &hash,
                    Some(
                        self.sealers
                            .totp
                            .seal(crate::kernel::totp::DEMO_TOTP_SECRET)?,
                    ),
                )?;
            }
            let held = self.read(|c| Ok(c.find_clerk_by_login(&tenant, &login)?))?;
            if let Some(row) = held.filter(|r| r.post != post) {
                self.write(|c| {
                    Ok(c.update_clerk(&madoguchi_records::ClerkRecord {
                        post,
                        ..row.clone()
                    })?)
                })?;
            }
            let department = match (ward, role) {
                (Some(w), _) => format!("{} {}", w.name.ja, dep.name.ja),
                (None, Role::Supervisor) if post == Post::Chief => {
                    format!("{} 係長", dep.name.ja)
                }
                (None, Role::Supervisor) => format!("{} 課長", dep.name.ja),
                (None, Role::Administrator) => "システム管理者".to_string(),
                (None, Role::Author) => format!("{} 手続作成者", dep.name.ja),
                (None, _) => dep.name.ja.clone(),
            };
            logins.push(DemoLogin {
                login,
                password: DEMO_PASSWORD.into(),
                department,
            });
        }
        Ok(logins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_to_the_city_in_a_name_is_found_and_a_plain_name_passes() {
        let named = |ja: &str, en: &str| internal_note(&Localized::new(ja, en));
        assert_eq!(
            named("市民課(名称は要確認)", "Residents' Division"),
            Some("要確認")
        );
        assert_eq!(
            named("市民課", "Residents' Division (name to confirm)"),
            Some("to confirm")
        );
        assert_eq!(
            named("白石市役所 住民票・戸籍の担当", "Shiroishi City Office"),
            None
        );
        assert_eq!(named("健康推進課", "Health Promotion Division"), None);
    }
}
