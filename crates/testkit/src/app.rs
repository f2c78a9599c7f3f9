//! `TestApp`: the use-case layer in process, over a fresh database, with a clock the test
//! moves, a mail transport that records, and the demo municipality's staff.
//!
//! ```text
//! let t = TestApp::builder().engine(Engine::Sqlite).forms(["juminhyo-copy"])
//!     .clerk_of("koseki-jumin").build();
//! let receipt = t.resident().file_juminhyo();
//! t.app.decide(t.clerk(), receipt.submission_id.as_str(), …);
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use madoguchi_app::{
    App, AppConfig, kernel::Clerk, kernel::FixedClock, notification::DeliveryReport,
    operations::DemoLogin,
};
use madoguchi_core::{SubmissionId, TenantId};
use madoguchi_forms::{Form, FormRegistry};

use crate::defaults::{self, CLERK_ADDRESS};
use crate::{RecordingMailer, Resident, TestDb};
use madoguchi_store::prelude::{DraftsRead, OutboxRead, SubmissionsRead};

/// The database engine a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// A fresh, migrated database on this engine.
    pub fn database(self) -> TestDb {
        match self {
            Engine::Sqlite => TestDb::sqlite(),
            Engine::Postgres => TestDb::postgres(),
        }
    }
}

enum Forms {
    /// Shipped procedures by id.
    Ids(Vec<String>),
    /// Definitions the test made or changed.
    Given(Vec<Form>),
    /// Every procedure of a folder.
    Dir(PathBuf),
    /// Shipped procedures by id, as the shipped catalogue holds them: one written for
    /// every city stays a template, which each city that adopts it completes.
    Catalogue(Vec<String>),
}

impl Forms {
    fn load(self) -> FormRegistry {
        match self {
            Forms::Ids(ids) => FormRegistry::from_forms(ids.iter().map(|id| defaults::form(id))),
            Forms::Given(forms) => FormRegistry::from_forms(forms),
            Forms::Dir(dir) => FormRegistry::load_dir(&dir)
                .unwrap_or_else(|e| panic!("forms in {}: {e}", dir.display())),
            Forms::Catalogue(ids) => ids.iter().fold(FormRegistry::default(), |all, id| {
                let dir = defaults::forms_dir().join(id);
                all.merged(
                    &FormRegistry::load_dir(&dir)
                        .unwrap_or_else(|e| panic!("forms in {}: {e}", dir.display())),
                )
            }),
        }
    }
}

type Adjust = Box<dyn FnOnce(&mut AppConfig)>;

/// Builds a `TestApp`; every choice has a default (SQLite, the resident-record request, the
/// demo municipality seeded, the clock at `defaults::friday_morning`).
pub struct TestAppBuilder {
    db: Option<TestDb>,
    engine: Engine,
    forms: Forms,
    at: DateTime<Utc>,
    mailer: RecordingMailer,
    seed_demo: bool,
    clerks: Vec<String>,
    adjust: Vec<Adjust>,
}

impl std::fmt::Debug for TestAppBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestAppBuilder")
            .field("engine", &self.engine)
            .field("at", &self.at)
            .field("clerks", &self.clerks)
            .finish_non_exhaustive()
    }
}

impl TestAppBuilder {
    /// A fresh database on this engine (ignored when `db` gives one).
    pub fn engine(mut self, engine: Engine) -> Self {
        self.engine = engine;
        self
    }

    /// This database (from `db_test!`, or one a test prepared).
    pub fn db(mut self, db: TestDb) -> Self {
        self.db = Some(db);
        self
    }

    /// Only these shipped procedures (`forms/{id}`): loading all of them is slow.
    pub fn forms<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.forms = Forms::Ids(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Only these shipped procedures, as the shipped catalogue holds them: those written
    /// for every city are completed by each city that adopts them (Sendai's seeds, or
    /// another city's `apply_municipality`), not beforehand.
    pub fn catalogue_forms<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.forms = Forms::Catalogue(ids.into_iter().map(Into::into).collect());
        self
    }

    /// These definitions (changed or made by the test).
    pub fn form_definitions(mut self, forms: impl IntoIterator<Item = Form>) -> Self {
        self.forms = Forms::Given(forms.into_iter().collect());
        self
    }

    /// Every procedure in a folder (`defaults::forms_dir()` for all shipped ones).
    pub fn forms_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.forms = Forms::Dir(dir.into());
        self
    }

    /// The fixed clock's start.
    pub fn clock_at(mut self, at: DateTime<Utc>) -> Self {
        self.at = at;
        self
    }

    /// The transport `TestApp::deliver_mail` hands the outbox to.
    pub fn mailer(mut self, mailer: RecordingMailer) -> Self {
        self.mailer = mailer;
        self
    }

    /// Without the demo municipality's departments, staff and resident (on by default).
    pub fn without_demo(mut self) -> Self {
        self.seed_demo = false;
        self
    }

    /// Signs in the demo clerk of a department (`{department}@sendai.example`) at build;
    /// `TestApp::clerk` and `clerk_in` give it.
    pub fn clerk_of(mut self, department: &str) -> Self {
        self.clerks.push(department.to_string());
        self
    }

    /// Changes the app's settings before it is built.
    pub fn config(mut self, adjust: impl FnOnce(&mut AppConfig) + 'static) -> Self {
        self.adjust.push(Box::new(adjust));
        self
    }

    pub fn build(self) -> TestApp {
        let db = self.db.unwrap_or_else(|| self.engine.database());
        let files = tempfile::tempdir().expect("a folder for attached files");
        let forms = self.forms.load();
        // A `Form` cannot be cloned: its canonical JSON (which its version is the hash of)
        // makes the same one again for `another_process`.
        let definitions = forms
            .all()
            .map(|f| (f.id().to_string(), f.canonical_json().to_string()))
            .collect();
        let mut config = AppConfig::new(TenantId::new(defaults::TENANT), defaults::PUBLIC_URL);
        config.keys = defaults::keys();
        config.files_dir = files.path().to_path_buf();
        for adjust in self.adjust {
            adjust(&mut config);
        }
        let clock = Arc::new(FixedClock::new(self.at));
        let app = App::new(
            Arc::new(db.db.clone()),
            forms,
            clock.clone(),
            config.clone(),
        )
        .expect("build the app");
        let demo_logins = if self.seed_demo {
            // Routed procedures refuse codes the data does not know: filings route for real.
            let postal = std::fs::read(defaults::postal_sample()).expect("read the postal sample");
            let rows = madoguchi_app::operations::parse_postal_csv(postal.as_slice())
                .expect("the postal sample");
            app.import_postal_codes(&rows)
                .expect("load the postal sample");
            app.seed_demo(&defaults::municipality())
                .expect("seed the demo municipality")
        } else {
            Vec::new()
        };
        let mut t = TestApp {
            app,
            db,
            clock,
            mailer: Arc::new(self.mailer),
            demo_logins,
            clerks: Vec::new(),
            definitions,
            config,
            _files: files,
        };
        for department in self.clerks {
            let clerk = t.sign_in(&format!("{department}@sendai.example"));
            t.clerks.push((department, clerk));
        }
        t
    }
}

/// The app in process and what a test looks at beside it.
pub struct TestApp {
    pub app: App,
    pub db: TestDb,
    pub clock: Arc<FixedClock>,
    pub mailer: Arc<RecordingMailer>,
    /// The demo accounts made at build (empty `without_demo`).
    pub demo_logins: Vec<DemoLogin>,
    clerks: Vec<(String, Clerk)>,
    /// The forms the app was built with (id, canonical JSON), for `another_process`.
    definitions: Vec<(String, String)>,
    config: AppConfig,
    _files: tempfile::TempDir,
}

impl std::fmt::Debug for TestApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestApp")
            .field("app", &self.app)
            .field("db", &self.db)
            .finish_non_exhaustive()
    }
}

impl TestApp {
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            db: None,
            engine: Engine::Sqlite,
            forms: Forms::Ids(vec!["juminhyo-copy".into()]),
            at: defaults::friday_morning(),
            mailer: RecordingMailer::new(),
            seed_demo: true,
            clerks: Vec::new(),
            adjust: Vec::new(),
        }
    }

    /// The demo municipality.
    pub fn tenant(&self) -> TenantId {
        TenantId::new(defaults::TENANT)
    }

    /// The first clerk signed in at build (`clerk_of`).
    pub fn clerk(&self) -> &Clerk {
        &self
            .clerks
            .first()
            .expect("no clerk signed in: add .clerk_of(department) to the builder")
            .1
    }

    /// The clerk of a department signed in at build.
    pub fn clerk_in(&self, department: &str) -> &Clerk {
        self.clerks
            .iter()
            .find(|(d, _)| d == department)
            .map(|(_, c)| c)
            .unwrap_or_else(|| panic!("no clerk of {department}: add .clerk_of({department:?})"))
    }

    /// The demo code `steps_ahead` 30-second steps from the app's clock.
    pub fn demo_code(&self, steps_ahead: i64) -> String {
        defaults::demo_code(self.app.now(), steps_ahead)
    }

    /// Signs a demo account in, password and code; returns the session token. A code
    /// works once: a second sign-in in the same 30 seconds uses the next one.
    pub fn sign_in_token(&self, login: &str) -> String {
        self.sign_in_token_at(&self.tenant(), login)
    }

    /// `sign_in_token` at another city's office (its demo accounts, `seed_demo_city`).
    pub fn sign_in_token_at(&self, tenant: &TenantId, login: &str) -> String {
        let session = self
            .app
            .staff(tenant)
            .login(
                login,
                madoguchi_app::operations::DEMO_PASSWORD,
                CLERK_ADDRESS,
            )
            .unwrap_or_else(|e| panic!("{login}: {e:?}"));
        assert_eq!(
            session.next,
            madoguchi_app::staff::SignInStep::Code,
            "{login}"
        );
        // The signed-in session has a token of its own (the password step's is dropped).
        let signed_in = (0..=1).find_map(|ahead| {
            self.app
                .staff(tenant)
                .verify_code(&session.token, &self.demo_code(ahead), CLERK_ADDRESS)
                .ok()
        });
        signed_in
            .unwrap_or_else(|| panic!("the demo code for {login} was refused"))
            .token
    }

    /// Signs a demo account in and returns it.
    pub fn sign_in(&self, login: &str) -> Clerk {
        self.sign_in_at(&self.tenant(), login)
    }

    /// `sign_in` at another city's office.
    pub fn sign_in_at(&self, tenant: &TenantId, login: &str) -> Clerk {
        let token = self.sign_in_token_at(tenant, login);
        self.app
            .staff(tenant)
            .clerk_for_session(&token)
            .expect("read the session")
            .expect("a signed-in clerk")
    }

    /// A new browser session of a resident (no account).
    pub fn resident(&self) -> Resident<'_> {
        Resident::new(self)
    }

    /// The browser session with this token (one the test made, or a second tab of a
    /// session it already has).
    pub fn resident_session(&self, token: &str) -> Resident<'_> {
        Resident::with_token(self, token)
    }

    /// Hands the due outbox to the recording mailer, as the worker does.
    pub fn deliver_mail(&self) -> DeliveryReport {
        self.app
            .deliver_due_mail(self.mailer.as_ref(), 50)
            .expect("deliver mail")
    }

    /// Submissions stored, of every tenant.
    pub fn submissions(&self) -> i64 {
        self.db
            .db
            .conn()
            .expect("a connection")
            .count_submissions()
            .expect("count submissions")
    }

    /// The id of the demo municipality's filing with this arrival number.
    pub fn submission_id(&self, arrival_number: &str) -> String {
        self.db
            .db
            .conn()
            .expect("a connection")
            .find_submission_by_arrival_number(&self.tenant(), arrival_number)
            .expect("read the filing")
            .expect("a filing with that number")
            .id
            .to_string()
    }

    /// Drafts stored.
    pub fn drafts(&self) -> i64 {
        self.db
            .db
            .conn()
            .expect("a connection")
            .count_drafts()
            .expect("count drafts")
    }

    /// The history of a submission of the demo municipality, oldest first.
    pub fn history(&self, submission_id: &str) -> Vec<madoguchi_records::EventRecord> {
        self.db
            .db
            .conn()
            .expect("a connection")
            .events(
                &TenantId::new(defaults::TENANT),
                &SubmissionId::new(submission_id),
            )
            .expect("read the history")
    }

    /// The mails queued for a submission, oldest first.
    pub fn outbox(&self, submission_id: &str) -> Vec<madoguchi_records::OutboxRecord> {
        self.db
            .db
            .conn()
            .expect("a connection")
            .mails_for_submission(&SubmissionId::new(submission_id))
            .expect("read the outbox")
    }

    /// The secret of the newest correction link mailed for a submission.
    pub fn correction_link(&self, submission_id: &str) -> String {
        let mails = self.outbox(submission_id);
        let body = &mails
            .iter()
            .rev()
            .find(|m| m.kind == madoguchi_core::MailKind::CorrectionRequest)
            .expect("a correction mail")
            .body;
        link_secret(body, "/corrections/").expect("a correction link in the mail")
    }

    /// Where attached files are kept.
    pub fn files_dir(&self) -> &Path {
        &self.app.config().files_dir
    }

    /// Another process over the same database, clock and settings (a restart, or a second
    /// server), with the same forms.
    pub fn another_process(&self) -> App {
        self.another_process_with(self.definitions.iter().map(|(id, json)| {
            Form::from_json(Path::new(id), json).unwrap_or_else(|p| panic!("{id}: {p:?}"))
        }))
    }

    /// Another process over the same database whose settings `adjust` changed (other keys).
    pub fn another_process_configured(&self, adjust: impl FnOnce(&mut AppConfig)) -> App {
        let mut config = self.config.clone();
        adjust(&mut config);
        App::new(
            Arc::new(self.db.db.clone()),
            FormRegistry::from_forms(self.definitions.iter().map(|(id, json)| {
                Form::from_json(Path::new(id), json).unwrap_or_else(|p| panic!("{id}: {p:?}"))
            })),
            self.clock.clone(),
            config,
        )
        .expect("build the app")
    }

    /// The same with other definitions (a form changed while the service was down).
    pub fn another_process_with(&self, forms: impl IntoIterator<Item = Form>) -> App {
        let app = App::new(
            Arc::new(self.db.db.clone()),
            FormRegistry::from_forms(forms),
            self.clock.clone(),
            self.config.clone(),
        )
        .expect("build the app");
        if !self.demo_logins.is_empty() {
            app.seed_demo(&defaults::municipality())
                .expect("seed the demo municipality");
        }
        app
    }
}

/// The secret after `path` in a mailed link (`…/corrections/{secret}`).
pub fn link_secret(text: &str, path: &str) -> Option<String> {
    let start = text.find(path)? + path.len();
    Some(
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect(),
    )
}
