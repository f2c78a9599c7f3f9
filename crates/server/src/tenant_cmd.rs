//! `madoguchi tenant …`: the platform operator adds municipalities, their hosts, and
//! suspends or resumes them.

use std::path::PathBuf;

use clap::Subcommand;
use madoguchi_app::kernel::tenancy::{TenantSettings, check_local_gov_code};
use madoguchi_core::{Lang, Localized};
use madoguchi_server::tenants::{self, NewTenant};
use madoguchi_server::{Settings, StartError, build_app, open_database};

// Parsed once per command run: the size of `Add` costs nothing worth boxing it for.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum TenantCommand {
    /// Add a municipality with its organisation, hosts and first administrator (whose
    /// one-time password is printed once).
    Add {
        /// Local-government code with check digit (秋田市: 052019).
        #[arg(long)]
        code: String,
        #[arg(long)]
        name_ja: String,
        #[arg(long)]
        name_en: String,
        /// A host name that serves it (repeatable).
        #[arg(long = "host")]
        hosts: Vec<String>,
        /// Its organisation: departments, wards, appeal notices.
        #[arg(long)]
        municipality_file: PathBuf,
        /// The first administrator's login.
        #[arg(long)]
        admin_email: String,
        /// Base URL in its emails (default: https://FIRST-HOST).
        #[arg(long)]
        public_url: Option<String>,
        /// Sender of its residents' emails (default: the deployment's).
        #[arg(long)]
        mail_from: Option<String>,
        /// Accent colour #rrggbb (at least 4.5:1 against white).
        #[arg(long)]
        accent: Option<String>,
        /// Its residents' identity provider: a name of [oidc.providers] (default: [oidc]).
        #[arg(long)]
        identity_provider: Option<String>,
        /// Its payment provider: a name of [payment.providers] (default: [payment]).
        #[arg(long)]
        payment_provider: Option<String>,
    },
    /// Host names.
    Hosts {
        #[command(subcommand)]
        command: HostsCommand,
    },
    /// Suspend a municipality: its hosts answer 503 until it is resumed.
    Suspend { code: String },
    /// Resume a suspended municipality.
    Resume { code: String },
    /// Every municipality with its status and hosts.
    List,
}

#[derive(Subcommand)]
pub enum HostsCommand {
    /// Let HOST serve the municipality CODE.
    Add { code: String, host: String },
    /// Stop HOST serving anyone.
    Remove { host: String },
}

fn lang() -> Lang {
    match std::env::var("LANG") {
        Ok(l) if l.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

fn refused(e: madoguchi_app::kernel::tenancy::TenancyError) -> StartError {
    StartError::Config(e.message(lang()))
}

pub fn run(settings: &Settings, command: TenantCommand) -> Result<Vec<String>, StartError> {
    let app = build_app(settings, open_database(settings)?)?;
    match command {
        TenantCommand::Add {
            code,
            name_ja,
            name_en,
            hosts,
            municipality_file,
            admin_email,
            public_url,
            mail_from,
            accent,
            identity_provider,
            payment_provider,
        } => {
            let public_url = public_url.or_else(|| hosts.first().map(|h| format!("https://{h}")));
            let new = NewTenant {
                code,
                name: Localized::new(name_ja, name_en),
                hosts,
                municipality_file,
                forms_dir: settings.forms_dir.clone(),
                admin_email,
                settings: TenantSettings {
                    public_url,
                    mail_from,
                    accent,
                    identity_provider,
                    payment_provider,
                    ..TenantSettings::default()
                },
            };
            let admin = tenants::add_tenant(&app, &new)?;
            Ok(vec![
                format!("municipality {} added", new.code),
                format!("first administrator: {}", admin.login),
                format!(
                    "one-time password (shown once; the first sign-in enrols the authenticator): {}",
                    admin.one_time_password
                ),
                format!("sign in at: {}", admin.sign_in_url),
            ])
        }
        TenantCommand::Hosts {
            command: HostsCommand::Add { code, host },
        } => {
            let id = check_local_gov_code(&code).map_err(refused)?;
            let host = app.add_tenant_host(&id, &host)?.map_err(refused)?;
            Ok(vec![format!("{host} now serves {id}")])
        }
        TenantCommand::Hosts {
            command: HostsCommand::Remove { host },
        } => {
            app.remove_tenant_host(&host)?.map_err(refused)?;
            Ok(vec![format!("{host} removed")])
        }
        TenantCommand::Suspend { code } => {
            let id = check_local_gov_code(&code).map_err(refused)?;
            app.set_tenant_active(&id, false)?.map_err(refused)?;
            Ok(vec![format!("{id} suspended")])
        }
        TenantCommand::Resume { code } => {
            let id = check_local_gov_code(&code).map_err(refused)?;
            app.set_tenant_active(&id, true)?.map_err(refused)?;
            Ok(vec![format!("{id} resumed")])
        }
        TenantCommand::List => tenants::list_lines(&app, lang()),
    }
}
