//! Departments writing procedures, against a real database (SQLite, and PostgreSQL when
//! configured): the lint at every save, publishing as numbered versions, the department
//! scope, rollback, retirement, and a restart that keeps what was published.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use madoguchi_app::{App, AppConfig, AppError, Clerk, DiffLine, FixedClock, ProcedureStatus};
use madoguchi_core::{ErrorCode, TenantId};
use madoguchi_forms::FormRegistry;
use madoguchi_testkit::{TestDb, db_test};

fn start(db: &TestDb) -> App {
    let forms = ["juminhyo-copy", "sodai-gomi-jiko-hannyu"].map(|id| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../forms/{id}/form.json"));
        madoguchi_forms::Form::from_json(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
    });
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap(),
    ));
    let mut config = AppConfig::new(TenantId::new("041009"), "https://madoguchi.test");
    config.keys = madoguchi_app::SecretKeys {
        totp: [1; 32],
        my_number: [2; 32],
        enrolment: [3; 32],
        counter: [4; 32],
    };
    let app = App::new(
        Arc::new(db.db.clone()),
        FormRegistry::from_forms(forms),
        clock,
        config,
    )
    .unwrap();
    let sendai = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/data/municipalities/sendai.json"),
    )
    .unwrap();
    app.seed_demo(&madoguchi_app::Municipality::from_json(&sendai).unwrap())
        .unwrap();
    app
}

fn staff(app: &App, login: &str) -> Clerk {
    let session = app.login(login, "madoguchi-demo", "127.0.0.1").unwrap();
    let step = madoguchi_app::totp::step_of(app.now().timestamp());
    let code = madoguchi_app::totp::code_at_step(madoguchi_app::DEMO_TOTP_SECRET, step).unwrap();
    app.verify_code(&session.token, &code, "127.0.0.1")
        .or_else(|_| {
            let next = madoguchi_app::totp::code_at_step(madoguchi_app::DEMO_TOTP_SECRET, step + 1)
                .unwrap();
            app.verify_code(&session.token, &next, "127.0.0.1")
        })
        .unwrap()
}

db_test!(fn an_author_drafts_checks_publishes_rolls_back_and_retires(db) {
    let app = start(&db);
    let author = staff(&app, "koseki-jumin.author@sendai.example");
    let clerk = staff(&app, "koseki-jumin@sendai.example");

    // Only authors author; ids are kebab-case and new.
    assert!(matches!(app.start_procedure(&clerk, "inu-sanpo", None), Err(AppError::Forbidden)));
    assert!(matches!(
        app.start_procedure(&author, "Inu Sanpo", None),
        Err(AppError::ReviewInput(ErrorCode::ProcedureIdInvalid))
    ));
    assert!(matches!(
        app.start_procedure(&author, "juminhyo-copy", None),
        Err(AppError::ReviewInput(ErrorCode::ProcedureIdTaken))
    ));

    // From the template: the lint points at the missing legal basis; it cannot be published.
    app.start_procedure(&author, "madoguchi-soudan", None).unwrap();
    let draft = app.procedure_draft(&author, "madoguchi-soudan").unwrap();
    assert_eq!(draft.status, ProcedureStatus::Draft);
    assert_eq!(draft.problems.len(), 1, "{:?}", draft.problems);
    assert_eq!(draft.problems[0].pointer, "/procedure/legal_basis");
    assert!(matches!(
        app.publish_procedure(&author, "madoguchi-soudan", "初版"),
        Err(AppError::ReviewInput(ErrorCode::DefinitionInvalid))
    ));
    assert!(app.forms().get("madoguchi-soudan").is_none(), "drafts are private");

    // Broken JSON is saved as typed (nothing lost) and reported.
    let broken = app.save_procedure_draft(&author, "madoguchi-soudan", "{ \"procedure\": ").unwrap();
    assert!(broken.problems[0].message.starts_with("not JSON"));
    assert_eq!(app.procedure_draft(&author, "madoguchi-soudan").unwrap().text, "{ \"procedure\": ");

    // Fixed: published as version 1, open for filing at once.
    let fixed = draft.text.replace("\"legal_basis\": \"\"", "\"legal_basis\": \"地方自治法 第2条\"");
    let saved = app.save_procedure_draft(&author, "madoguchi-soudan", &fixed).unwrap();
    assert!(saved.problems.is_empty(), "{:?}", saved.problems);
    assert!(matches!(
        app.publish_procedure(&author, "madoguchi-soudan", "  "),
        Err(AppError::ReviewInput(ErrorCode::ReasonRequired))
    ));
    assert_eq!(app.publish_procedure(&author, "madoguchi-soudan", "初版").unwrap(), 1);
    assert!(app.forms().get("madoguchi-soudan").is_some());

    // Version 2 changes the title; the difference shows it; rollback publishes 1 again as 3.
    let v2 = fixed.replace("新しい手続", "窓口の相談予約");
    app.save_procedure_draft(&author, "madoguchi-soudan", &v2).unwrap();
    assert_eq!(app.publish_procedure(&author, "madoguchi-soudan", "名前を変更").unwrap(), 2);
    assert_eq!(app.forms().get("madoguchi-soudan").unwrap().title().ja, "窓口の相談予約");
    let diff = app.procedure_diff(&author, "madoguchi-soudan", 1, 2).unwrap();
    assert!(diff.iter().any(|l| matches!(l, DiffLine::Added(t) if t.contains("窓口の相談予約"))));
    assert!(diff.iter().any(|l| matches!(l, DiffLine::Removed(t) if t.contains("新しい手続"))));
    assert_eq!(app.republish_procedure(&author, "madoguchi-soudan", 1, "元に戻す").unwrap(), 3);
    assert_eq!(app.forms().get("madoguchi-soudan").unwrap().title().ja, "新しい手続");
    let versions = app.procedure_versions(&author, "madoguchi-soudan").unwrap();
    assert_eq!(versions.iter().map(|v| v.number).collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(versions[0].content_hash, versions[2].content_hash, "the same content");

    // Another department's procedure cannot be edited or retired.
    assert!(matches!(
        app.procedure_draft(&author, "sodai-gomi-jiko-hannyu"),
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        app.retire_procedure(&author, "sodai-gomi-jiko-hannyu", "x"),
        Err(AppError::Forbidden)
    ));

    // Retired: closed to new filings; publishing reopens.
    app.retire_procedure(&author, "madoguchi-soudan", "事業終了").unwrap();
    assert!(app.forms().get("madoguchi-soudan").is_none());
    let list = app.authored_procedures(&author).unwrap();
    let item = list.iter().find(|p| p.id == "madoguchi-soudan").unwrap();
    assert_eq!((item.status, item.version), (ProcedureStatus::Retired, Some(3)));
    assert!(list.iter().any(|p| p.id == "juminhyo-copy"), "the department's seeded procedures");

    // A restart keeps what was published and retired.
    let again = start(&db);
    assert!(again.forms().get("madoguchi-soudan").is_none());
    again.republish_procedure(&author, "madoguchi-soudan", 2, "再開").unwrap();
    let third = start(&db);
    assert_eq!(third.forms().get("madoguchi-soudan").unwrap().title().ja, "窓口の相談予約");
});
