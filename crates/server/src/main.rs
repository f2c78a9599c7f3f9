//! `madoguchi`: the service and its operator commands.

mod forms_org;
mod operator;
mod processes;
mod tenant_cmd;

use processes::{serve, stub_pay, worker};

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use madoguchi_core::Lang;
use madoguchi_forms::FormRegistry;
use madoguchi_server::{
    Settings, StartError, build_app, import_postal_file, open_database, read_municipality,
};

#[derive(Parser)]
#[command(
    name = "madoguchi",
    version,
    about = "Online administrative procedures for Japanese cities"
)]
struct Cli {
    /// Configuration file (default: ./madoguchi.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Run the demonstration: demo municipality, clerks and resident with published
    /// passwords, test payments, http:// on loopback allowed (same as MADOGUCHI_DEMO=1).
    #[arg(long, global = true)]
    demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application, and run the background lanes unless told not to (the
    /// default command).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Run every background lane (mail, webhooks, payments, reminders, retention,
    /// procedures) without serving: for `serve --no-worker` deployments.
    Worker,
    /// Procedure definitions.
    Forms {
        #[command(subcommand)]
        command: FormsCommand,
    },
    /// Clerk accounts.
    Clerk {
        #[command(subcommand)]
        command: ClerkCommand,
    },
    /// Postal-code data.
    Postal {
        #[command(subcommand)]
        command: PostalCommand,
    },
    /// The demo's accounts.
    Demo {
        #[command(subcommand)]
        command: operator::DemoCommand,
    },
    /// Municipalities served by this deployment (docs/tenancy.md).
    Tenant {
        #[command(subcommand)]
        command: tenant_cmd::TenantCommand,
    },
    /// The keys (docs/operations.md, Keys).
    Keys {
        #[command(subcommand)]
        command: operator::KeysCommand,
    },
    /// Run the stand-in payment provider (hosted checkout, signed webhooks) for
    /// development and tests; needs no configuration file or database.
    StubPay(StubPayArgs),
}

#[derive(Args, Default)]
struct ServeArgs {
    /// Leave the shared background lanes to `madoguchi worker` processes (the same as
    /// `[worker] in_process = false`).
    #[arg(long)]
    no_worker: bool,
}

#[derive(Args)]
struct StubPayArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8090")]
    listen: std::net::SocketAddr,
    /// Where browsers reach the stub (default: http://LISTEN).
    #[arg(long)]
    public_url: Option<String>,
    /// The bearer key callers must present.
    #[arg(long, env = "MADOGUCHI_STUBPAY_API_KEY", hide_env_values = true)]
    api_key: String,
    /// Where status changes are posted (none: no webhooks).
    #[arg(long)]
    webhook_url: Option<String>,
    /// The webhook signing secret shared with the platform (at least 16 bytes).
    #[arg(long, env = "MADOGUCHI_STUBPAY_WEBHOOK_SECRET", hide_env_values = true)]
    webhook_secret: String,
    /// Enable the /test/… scripting routes.
    #[arg(long)]
    test_mode: bool,
}

#[derive(Subcommand)]
enum PostalCommand {
    /// Replace the postal codes with FILE: the project's CSV or Japan Post's
    /// utf_ken_all.csv, plain or .gz.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum FormsCommand {
    /// Lint every `*/form.json` under DIR (default: the configured forms folder), and
    /// count the facts still to be confirmed by the city.
    Check {
        dir: Option<PathBuf>,
        /// List each fact and rule to be confirmed by the city, with its note.
        #[arg(long)]
        to_confirm: bool,
        /// Language of the problems found: ja or en (default: ja when the LANG
        /// environment variable starts with `ja`, else en).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
}

#[derive(Subcommand)]
enum ClerkCommand {
    /// Create a clerk; the password is read from MADOGUCHI_NEW_PASSWORD.
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        department: madoguchi_core::DepartmentCode,
        /// Local-government code of the ward the clerk works for (default: every ward).
        #[arg(long)]
        ward: Option<String>,
        /// clerk, supervisor, author or administrator.
        #[arg(long, default_value = "clerk")]
        role: String,
    },
}

fn main() -> std::process::ExitCode {
    madoguchi_server::private_files::keep_new_files_private();
    if let Err(e) = madoguchi_server::observe::init_logging() {
        report(&format!("error: {e}"));
        return std::process::ExitCode::FAILURE;
    }
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            tracing::error!("{e}");
            report(&format!("error: {e}"));
            std::process::ExitCode::FAILURE
        }
    };
    madoguchi_server::traces::flush();
    code
}

#[allow(clippy::print_stderr)]
fn report(line: &str) {
    eprintln!("{line}");
}

#[allow(clippy::print_stdout)]
fn say(line: &str) {
    println!("{line}");
}

fn run(cli: Cli) -> Result<std::process::ExitCode, StartError> {
    let command = cli
        .command
        .unwrap_or_else(|| Command::Serve(ServeArgs::default()));
    let settings = match command {
        Command::StubPay(args) => return stub_pay(args),
        _ => Settings::load(cli.config.as_deref(), cli.demo)?,
    };
    match command {
        Command::StubPay(args) => stub_pay(args),
        Command::Serve(args) => {
            let mut settings = settings;
            if args.no_worker {
                settings.worker.in_process = false;
            }
            if !settings.worker.in_process && settings.mounts_stub() {
                // Split processes are how several nodes run; the mounted stub is not shared.
                tracing::warn!(
                    "the payment stub mounted at /stubpay keeps its checkouts in this process's memory: with several nodes, run one `madoguchi stub-pay` and point every node at it with [payment] stub_url (docs/operations.md, Several nodes)"
                );
            }
            serve(settings)
        }
        Command::Migrate => {
            open_database(&settings)?;
            say("migrations applied");
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Worker => worker(settings),
        Command::Demo { command } => {
            operator::demo(&settings, command)?
                .iter()
                .for_each(|l| say(l));
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Tenant { command } => {
            tenant_cmd::run(&settings, command)?
                .iter()
                .for_each(|l| say(l));
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Keys { command } => {
            operator::keys(&settings, command)?
                .iter()
                .for_each(|l| say(l));
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Forms {
            command:
                FormsCommand::Check {
                    dir,
                    to_confirm,
                    lang,
                },
        } => {
            let lang = lang.unwrap_or_else(|| lang_of_environment(std::env::var("LANG").ok()));
            let dir = dir.unwrap_or_else(|| settings.forms_dir.clone());
            // Examples are filed under the national calendar (weekends, holidays, 12/29–1/3).
            let calendar = madoguchi_workflow::BusinessCalendar::japan();
            let closed = madoguchi_forms::ClosedDays::new(move |d| !calendar.is_business_day(d));
            // Procedures written for every city are checked with each city that adopts
            // them: the municipality files beside the configured one, with their values.
            let folder = settings
                .municipality_file
                .parent()
                .unwrap_or(std::path::Path::new("."));
            let cities =
                madoguchi_forms::template::cities_in(folder).map_err(StartError::Config)?;
            let report = FormRegistry::check_for_cities(&dir, Some(&closed), &cities)?;
            let (forms, problems, examples) = (report.forms, report.problems, report.examples);
            for p in &problems {
                say(&p.text(lang));
            }
            // What the city still has to confirm (the facts' notes and the rules'): counted
            // always, listed when asked.
            // A template's are each adopting city's (its values' notes among them).
            let completed: Vec<(String, madoguchi_forms::Form)> = report
                .templates
                .iter()
                .flat_map(|t| {
                    cities.iter().filter(|c| c.adopts(&t.id)).filter_map(|c| {
                        Some((format!("{} [{}]", t.id, c.tenant), t.complete(c).ok()?))
                    })
                })
                .collect();
            let open: Vec<(String, madoguchi_forms::provenance::ToConfirm)> = forms
                .iter()
                .map(|f| (f.id().to_string(), f))
                .chain(completed.iter().map(|(label, f)| (label.clone(), f)))
                .flat_map(|(label, f)| f.to_confirm().into_iter().map(move |n| (label.clone(), n)))
                .collect();
            if to_confirm {
                for (id, n) in &open {
                    let field = n
                        .field
                        .as_deref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default();
                    say(&format!("{id}: to confirm: {}{field}: {}", n.at, n.note));
                }
            }
            let with_open = open
                .iter()
                .map(|(id, _)| id)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            say(&format!(
                "{} fact(s) of {with_open} procedure(s) to be confirmed by the city{}",
                open.len(),
                if to_confirm {
                    ""
                } else {
                    " (list them with --to-confirm)"
                }
            ));
            // Who may file and what to prepare may be stated without provenance: a figure,
            // not a problem.
            let unsourced: usize = forms.iter().map(|f| f.unsourced_facts().len()).sum();
            say(&format!(
                "{unsourced} stated fact(s) without provenance (who may file, what to prepare, how the result comes)"
            ));
            // The forms must also fit the configured municipality's organisation.
            let loaded = forms.len();
            let mut unfit = Vec::new();
            if problems.is_empty() {
                let (municipality, file) = forms_org::organisation_for(&settings, &dir, forms)?;
                unfit = municipality.problems_with(&FormRegistry::default());
                for p in &unfit {
                    say(&format!("{}: {p}", file.display()));
                }
            }
            let problems: Vec<String> =
                problems.iter().map(|p| p.text(lang)).chain(unfit).collect();
            say(&format!(
                "{}: {} form(s) loaded, {} written for every city ({} completion(s) for the cities adopting them), {examples} example(s) run, {} problem(s)",
                dir.display(),
                loaded,
                report.templates.len(),
                completed.len(),
                problems.len()
            ));
            Ok(if problems.is_empty() {
                std::process::ExitCode::SUCCESS
            } else {
                std::process::ExitCode::FAILURE
            })
        }
        Command::Postal {
            command: PostalCommand::Import { file },
        } => {
            let db = open_database(&settings)?;
            let app = build_app(&settings, db)?;
            let n = import_postal_file(&app, &file)?;
            say(&format!(
                "{n} postal-code rows imported from {}",
                file.display()
            ));
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Clerk {
            command:
                ClerkCommand::Add {
                    login,
                    name,
                    department,
                    ward,
                    role,
                },
        } => {
            let role: madoguchi_workflow::Role = role
                .parse()
                .ok()
                .filter(|r| *r != madoguchi_workflow::Role::Resident)
                .ok_or_else(|| {
                    StartError::Config(format!(
                        "--role {role}: use clerk, supervisor, author or administrator"
                    ))
                })?;
            let password = std::env::var("MADOGUCHI_NEW_PASSWORD").map_err(|_| {
                StartError::Config("set MADOGUCHI_NEW_PASSWORD to the new clerk's password".into())
            })?;
            let db = open_database(&settings)?;
            let app = build_app(&settings, db)?;
            app.apply_municipality(&read_municipality(&settings)?)?;
            app.create_clerk(&madoguchi_app::kernel::NewClerk {
                tenant: app.config().default_tenant.clone(),
                department_code: department,
                ward_code: ward,
                login: login.clone(),
                display_name: name,
                password,
                role,
            })?;
            say(&format!("clerk {login} created"));
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
}

/// `--lang`: a language the catalogues have (`ja`, `en`).
fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::parse(code).ok_or_else(|| {
        let codes: Vec<&str> = Lang::ALL.into_iter().map(Lang::code).collect();
        format!(
            "`{code}` is not a language of the service; use one of {}",
            codes.join(", ")
        )
    })
}

/// The language of `forms check` without `--lang`: Japanese when the locale (`LANG`) is
/// Japanese (`ja_JP.UTF-8`), English otherwise.
fn lang_of_environment(locale: Option<String>) -> Lang {
    match locale {
        Some(l) if l.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_check_speaks_japanese_only_in_a_japanese_locale() {
        for (locale, lang) in [
            (Some("ja_JP.UTF-8"), Lang::Ja),
            (Some("ja"), Lang::Ja),
            (Some("en_US.UTF-8"), Lang::En),
            (Some("C.UTF-8"), Lang::En),
            (Some(""), Lang::En),
            (None, Lang::En),
        ] {
            assert_eq!(
                lang_of_environment(locale.map(String::from)),
                lang,
                "{locale:?}"
            );
        }
    }

    #[test]
    fn the_lang_flag_takes_the_languages_of_the_catalogues_only() {
        assert_eq!(parse_lang("ja"), Ok(Lang::Ja));
        assert_eq!(parse_lang("en"), Ok(Lang::En));
        for lang in Lang::ALL {
            assert_eq!(parse_lang(lang.code()), Ok(lang));
        }
        let refused = parse_lang("fr").unwrap_err();
        assert!(
            refused.contains("`fr`") && refused.contains("ja"),
            "{refused}"
        );
    }
}
