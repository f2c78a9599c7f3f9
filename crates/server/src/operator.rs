//! Operator commands about safety: removing the demo's accounts, rotating a sealing key.

use std::path::PathBuf;

use clap::Subcommand;
use madoguchi_app::operations::RotatedKey;
use madoguchi_server::keys::{self, KeySource};
use madoguchi_server::{Settings, StartError, build_app, open_database, read_municipality};

#[derive(Subcommand)]
pub enum DemoCommand {
    /// Close every demo account (clerks and residents at sendai.example, akita.example and
    /// shiroishi.example, whose password and authenticator key are published), so the
    /// service starts without --demo.
    Remove,
}

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Re-seal every stored value of KEY (`mynumber`: My Number answers; `totp`: staff
    /// authenticator and webhook secrets) under a new key, in one transaction. Stop every
    /// node first; afterwards give them all the new key.
    Rotate {
        /// `mynumber` or `totp`.
        key: String,
        /// The new key: a file of 32 bytes or 64 hex digits, created with a random key
        /// when missing.
        #[arg(long)]
        new_key_file: PathBuf,
    },
}

pub fn demo(settings: &Settings, command: DemoCommand) -> Result<Vec<String>, StartError> {
    match command {
        DemoCommand::Remove => {
            let app = build_app(settings, open_database(settings)?)?;
            let tenant = read_municipality(settings)?.tenant.id;
            let mut removed = app.remove_demo_accounts(&tenant)?;
            // The demo's other cities (Akita, Shiroishi) too.
            for (other, _) in app.list_tenants()? {
                if other.id != tenant {
                    removed.extend(app.remove_demo_accounts(&other.id)?);
                }
            }
            let mut said: Vec<String> = removed.iter().map(|l| format!("removed {l}")).collect();
            said.push(format!("{} demo account(s) removed", removed.len()));
            Ok(said)
        }
    }
}

pub fn keys(settings: &Settings, command: KeysCommand) -> Result<Vec<String>, StartError> {
    match command {
        KeysCommand::Rotate { key, new_key_file } => {
            let which = RotatedKey::parse(&key).ok_or_else(|| {
                StartError::Config(format!(
                    "`{key}` cannot be rotated here: use mynumber or totp"
                ))
            })?;
            let new_key = if new_key_file.exists() {
                keys::load(which.name(), &settings.data_dir, |k| {
                    k.ends_with("_FILE")
                        .then(|| new_key_file.display().to_string())
                })?
                .bytes
            } else {
                let key = keys::random_key()?;
                keys::write_key_file(&new_key_file, &key, true)?;
                key
            };
            let current = settings.key(which.name())?;
            if current.bytes == new_key {
                return Err(StartError::Config(format!(
                    "{} holds the {} key in use already",
                    new_key_file.display(),
                    which.name()
                )));
            }
            // Opening the app checks the configured key against the database first.
            let app = build_app(settings, open_database(settings)?)?;
            let count = app.rotate_key(which, &new_key)?;
            let mut said = vec![format!(
                "{count} value(s) re-sealed under the new {} key",
                which.name()
            )];
            match &current.source {
                KeySource::DataDir(path) => {
                    keys::write_key_file(path, &new_key, false)?;
                    said.push(format!(
                        "{} now holds the new key: copy it to every node's data_dir",
                        path.display()
                    ));
                }
                source => said.push(format!(
                    "give every node the new key from {} in place of {source} (for example {}_FILE={})",
                    new_key_file.display(),
                    keys::variable(which.name()),
                    new_key_file.display()
                )),
            }
            said.push(
                "keep the old key only with backups made before now: nothing in the database opens with it any more"
                    .into(),
            );
            Ok(said)
        }
    }
}
