//! Several municipalities on one deployment, from the server's side: the platform
//! operator's `tenant` commands, the other cities' organisation applied at start, and the
//! demo's three cities.

use std::path::{Path, PathBuf};

use madoguchi_app::App;
use madoguchi_app::kernel::NewClerk;
use madoguchi_app::kernel::tenancy::{TenancyError, TenantSettings, check_local_gov_code};
use madoguchi_app::operations::{DemoLogin, Municipality};
use madoguchi_core::{Lang, Localized, TenantId};
use madoguchi_workflow::Role;

use crate::{Settings, StartError};

/// A municipality as the operator adds it.
#[derive(Debug, Clone)]
pub struct NewTenant {
    pub code: String,
    pub name: Localized,
    pub hosts: Vec<String>,
    pub municipality_file: PathBuf,
    /// The catalogue's folder (`forms_dir`): the city's own procedures are under
    /// `cities/<code>` in it.
    pub forms_dir: PathBuf,
    pub admin_email: String,
    pub settings: TenantSettings,
}

/// The first administrator's one-time sign-in: the password is shown once, the
/// authenticator is enrolled at the first sign-in (as every new staff account does).
#[derive(Debug, Clone)]
pub struct FirstAdmin {
    pub login: String,
    pub one_time_password: String,
    pub sign_in_url: String,
}

fn refused(e: TenancyError) -> StartError {
    StartError::Config(e.to_string())
}

/// Reads a municipality data file, with the city's own procedures from
/// `<forms_dir>/cities/<code>`.
pub fn read_municipality_file(path: &Path, forms_dir: &Path) -> Result<Municipality, StartError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| StartError::Config(format!("cannot read {}: {e}", path.display())))?;
    Ok(Municipality::from_json(&text)?
        .with_parameters_of(path)?
        .with_own_forms(forms_dir)?)
}

/// `m` (read from `path`) when the procedures it offers fit its organisation (their
/// departments and appeal notices are its own); the problems, each named, otherwise.
pub fn fitting(app: &App, m: Municipality, path: &Path) -> Result<Municipality, StartError> {
    let problems = m.problems_with(&app.catalogue());
    if problems.is_empty() {
        return Ok(m);
    }
    Err(StartError::Config(format!(
        "the procedures of {} do not fit {}:\n{}",
        m.tenant.id,
        path.display(),
        problems.join("\n")
    )))
}

/// Adds a municipality: its registry row and settings, its organisation from the data
/// file, its hosts and its first administrator.
pub fn add_tenant(app: &App, new: &NewTenant) -> Result<FirstAdmin, StartError> {
    let id = check_local_gov_code(&new.code).map_err(refused)?;
    app.check_tenant_settings(&new.settings).map_err(refused)?;
    let municipality = fitting(
        app,
        read_municipality_file(&new.municipality_file, &new.forms_dir)?,
        &new.municipality_file,
    )?;
    if municipality.tenant.id != id {
        return Err(StartError::Config(format!(
            "--municipality-file: {} is the data of {}, not of {id} / {} は {} のデータです({id} ではありません)",
            new.municipality_file.display(),
            municipality.tenant.id,
            new.municipality_file.display(),
            municipality.tenant.id
        )));
    }
    // Written whole at once: the city with its settings (the file's authorities and hours
    // in them, so applying the file changes nothing), its hosts, its organisation and its
    // first administrator; refused or failed, nothing of it is kept.
    let mut settings = municipality.settings_over(&new.settings);
    settings.municipality_file = Some(new.municipality_file.display().to_string());
    let checked = app
        .check_new_tenant(&new.code, &new.name, &settings, &new.hosts)?
        .map_err(refused)?;
    let department = municipality
        .departments
        .iter()
        .find(|d| d.code == "digital")
        .or_else(|| municipality.departments.first())
        .ok_or_else(|| {
            StartError::Config(format!(
                "{}: the municipality has no department for its administrator",
                new.municipality_file.display()
            ))
        })?;
    let password = madoguchi_app::kernel::new_token()?;
    let admin = NewClerk {
        tenant: id.clone(),
        department_code: department.code.clone(),
        ward_code: None,
        login: new.admin_email.clone(),
        display_name: format!("{} システム管理者", new.name.ja),
        password: password.clone(),
        role: Role::Administrator,
    };
    app.add_city(&checked, &municipality, &admin)?
        .map_err(refused)?;
    Ok(FirstAdmin {
        login: new.admin_email.clone(),
        one_time_password: password,
        sign_in_url: format!("{}/office/login", app.public_url_of(&id)),
    })
}

/// Every tenant's organisation but the configured one's, from the data file it was added
/// with: its departments, wards and appeal notices (held in memory by each node).
pub fn apply_other_municipalities(app: &App, settings: &Settings) -> Result<(), StartError> {
    for (tenant, _) in app.list_tenants()? {
        if tenant.id.as_str() == settings.tenant {
            continue;
        }
        let Some(file) = &tenant.settings.municipality_file else {
            continue;
        };
        // Checked as when it was added, but without compiling its procedures: each is
        // compiled when first opened (a node serving many cities starts in seconds).
        let m = read_municipality_file(Path::new(file), &settings.forms_dir)?;
        let problems = m.problems_before_compiling(&app.catalogue());
        if !problems.is_empty() {
            return Err(StartError::Config(format!(
                "the procedures of {} do not fit {file}:\n{}",
                m.tenant.id,
                problems.join("\n")
            )));
        }
        app.apply_municipality(&m)?;
    }
    Ok(())
}

/// Every municipality's settings can be served here: a provider configuration one names
/// that this node lacks stops the start, naming the city and the configuration.
pub fn check_every_tenant(app: &App) -> Result<(), StartError> {
    for (tenant, _) in app.list_tenants()? {
        app.check_tenant_settings(&tenant.settings)
            .map_err(|e| StartError::Config(format!("municipality {}: {e}", tenant.id)))?;
    }
    Ok(())
}

/// The demo's other cities beside the configured one: Akita and Shiroishi.
/// Their data files sit beside the configured municipality's.
const DEMO_CITIES: [(&str, &str); 2] = [("052019", "akita.json"), ("042064", "shiroishi.json")];

/// A city's demo base URL: the configured one with `<city>.localhost` as its host.
fn demo_url(public_url: &str, city: &str) -> String {
    let (scheme, rest) = public_url.split_once("://").unwrap_or(("http", public_url));
    let authority = rest.split('/').next().unwrap_or_default();
    let port = authority
        .rsplit_once(':')
        .map(|(_, p)| format!(":{p}"))
        .unwrap_or_default();
    format!("{scheme}://{city}.localhost{port}")
}

/// One demo city's sign-ins, printed at start-up.
#[derive(Debug, Clone)]
pub struct DemoCity {
    pub name: Localized,
    pub url: String,
    pub logins: Vec<DemoLogin>,
}

/// Seeds the demo's three cities (Sendai from the configured file; Akita and Shiroishi
/// from theirs) with hosts `<city>.localhost`, and `127.0.0.1`/`localhost` for Sendai.
/// Only when the configured municipality is Sendai's: another city's demo stays a
/// single-city install. Safe to run on every start.
pub fn seed_demo_cities(
    app: &App,
    settings: &Settings,
    sendai: &Municipality,
    sendai_logins: Vec<DemoLogin>,
) -> Result<Vec<DemoCity>, StartError> {
    let base = settings.public_url.trim_end_matches('/');
    let mut cities = vec![DemoCity {
        name: sendai.tenant.name.clone(),
        url: base.to_string(),
        logins: sendai_logins,
    }];
    if sendai.tenant.id.as_str() != madoguchi_app::operations::DEMO_TENANT {
        return Ok(cities);
    }
    let sendai_id = sendai.tenant.id.clone();
    let mut hosts: Vec<(TenantId, String)> = ["sendai.localhost", "localhost", "127.0.0.1"]
        .into_iter()
        .map(|h| (sendai_id.clone(), h.to_string()))
        .collect();
    let folder = settings
        .municipality_file
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    for (code, file) in DEMO_CITIES {
        let path = folder.join(file);
        let file = path.display().to_string();
        if !path.exists() {
            tracing::warn!(%file, "demo city data missing; the demo serves Sendai only");
            continue;
        }
        let m = fitting(
            app,
            read_municipality_file(&path, &settings.forms_dir)?,
            &path,
        )?;
        let id = check_local_gov_code(code).map_err(refused)?;
        let city = m
            .tenant
            .name
            .en
            .split_whitespace()
            .next()
            .unwrap_or(code)
            .to_lowercase();
        let url = demo_url(base, &city);
        if app.tenant(&id).is_none() {
            app.ensure_tenant(&id, &m.tenant.name.ja, &m.tenant.name.en)?;
        }
        let mut own = app.tenant(&id).map(|t| t.settings).unwrap_or_default();
        own.public_url = Some(url.clone());
        own.municipality_file = Some(file.clone());
        app.set_tenant_settings(&id, &own)?
            .map_err(|e| StartError::Config(format!("municipality {id}: {e}")))?;
        let logins = app.seed_demo_city(&m, &format!("{city}.example"))?;
        hosts.push((id.clone(), format!("{city}.localhost")));
        cities.push(DemoCity {
            name: m.tenant.name.clone(),
            url,
            logins,
        });
    }
    if cities.len() > 1 {
        let mut own = app
            .tenant(&sendai_id)
            .map(|t| t.settings)
            .unwrap_or_default();
        own.public_url = Some(base.to_string());
        app.set_tenant_settings(&sendai_id, &own)?
            .map_err(refused)?;
        for (id, host) in hosts {
            if app.list_tenants()?.iter().any(|(_, h)| h.contains(&host)) {
                continue;
            }
            app.add_tenant_host(&id, &host)?.map_err(refused)?;
        }
    }
    Ok(cities)
}

/// The operator's list: one line per tenant.
pub fn list_lines(app: &App, lang: Lang) -> Result<Vec<String>, StartError> {
    let ja = lang == Lang::Ja;
    Ok(app
        .list_tenants()?
        .into_iter()
        .map(|(t, hosts)| {
            let status = match (t.suspended, ja) {
                (true, true) => "停止中",
                (true, false) => "suspended",
                (false, true) => "稼働中",
                (false, false) => "active",
            };
            format!(
                "{} {} / {} [{status}] {}",
                t.id,
                t.name.ja,
                t.name.en,
                if hosts.is_empty() {
                    "-".to_string()
                } else {
                    hosts.join(", ")
                }
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_cities_keep_the_port_of_the_configured_url() {
        assert_eq!(
            demo_url("http://127.0.0.1:8080", "akita"),
            "http://akita.localhost:8080"
        );
        assert_eq!(
            demo_url("https://madoguchi.example", "shiroishi"),
            "https://shiroishi.localhost"
        );
    }
}
