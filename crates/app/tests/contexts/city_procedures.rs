//! Which procedures each city offers: the catalogue's it adopts, its own (new ones and
//! changed copies), and what its authors publish — never another city's.

use madoguchi_app::authoring::Publication;
use madoguchi_app::kernel::tenancy::TenantSettings;
use madoguchi_app::kernel::{NewClerk, totp};
use madoguchi_app::operations::Municipality;
use madoguchi_app::operations::procedure_set::{Adopt, ProcedureChoice};
use madoguchi_app::{App, AppError};
use madoguchi_core::{Localized, ProcedureId, TenantId};
use madoguchi_forms::{Form, FormRegistry};
use madoguchi_testkit::{TestApp, db_test, defaults};
use madoguchi_workflow::Role;

/// A shipped form with its id and Japanese title changed (a city's own copy).
fn changed(id: &str, new_id: &str, title: &str) -> Form {
    let mut value = defaults::definition(id);
    value["procedure"]["id"] = new_id.into();
    value["procedure"]["title"]["ja"] = title.into();
    let path = std::path::PathBuf::from(format!("forms/cities/052019/{new_id}/form.json"));
    Form::from_value(&path, value).unwrap_or_else(|p| panic!("{p:?}"))
}

/// Akita with Sendai's organisation, adopting `adopt` and owning `own`.
fn akita(app: &App, adopt: Adopt, own: Vec<Form>) -> (TenantId, Municipality) {
    let name = Localized::new("秋田市", "Akita City");
    let id = app
        .add_tenant("052019", &name, &TenantSettings::default())
        .unwrap()
        .unwrap();
    let mut org = defaults::municipality();
    org.tenant.id = id.clone();
    org.tenant.name = name;
    org.tenant.authority = None;
    org.procedures = ProcedureChoice { adopt };
    org.own_forms = FormRegistry::from_forms(own);
    app.apply_municipality(&org).unwrap();
    (id, org)
}

/// An author of `tenant`'s 戸籍住民課, signed in (password, then enrolling the
/// authenticator as a first sign-in does).
fn author_of(app: &App, tenant: &TenantId) -> madoguchi_app::kernel::Clerk {
    let password = "秋田市の作成者がつかう長い合言葉です";
    app.create_clerk(&NewClerk {
        tenant: tenant.clone(),
        department_code: "koseki-jumin".into(),
        ward_code: None,
        login: "author@akita.example".into(),
        display_name: "秋田 作成者".into(),
        password: password.into(),
        role: Role::Author,
    })
    .unwrap();
    let pending = app
        .staff(tenant)
        .login("author@akita.example", password, defaults::CLERK_ADDRESS)
        .unwrap();
    let secret = app.staff(tenant).enrolment(&pending.token).unwrap().secret;
    let code = totp::code_at_step(&secret, totp::step_of(app.now().timestamp())).unwrap();
    let signed_in = app
        .staff(tenant)
        .verify_code(&pending.token, &code, defaults::CLERK_ADDRESS)
        .unwrap();
    app.staff(tenant)
        .clerk_for_session(&signed_in.token)
        .unwrap()
        .unwrap()
}

fn ids(app: &App, tenant: &TenantId) -> Vec<String> {
    app.forms_for(tenant)
        .all()
        .map(|f| f.id().to_string())
        .collect()
}

db_test!(fn a_city_offers_what_it_adopts_and_its_own_and_nothing_of_another(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "sodai-gomi-jiko-hannyu", "inu-toroku"]).build();
    let app = &t.app;
    let sendai = t.tenant();
    let own = vec![
        changed("sodai-gomi-jiko-hannyu", "sodai-gomi-jiko-hannyu", "秋田市の粗大ごみ持込み"),
        changed("inu-toroku", "akita-kasen-tsuho", "河川の損傷の通報"),
    ];
    let (akita, org) = akita(app, Adopt::Only(vec!["juminhyo-copy".into()]), own);
    assert!(org.problems_with(&app.catalogue()).is_empty(), "{:?}", org.problems_with(&app.catalogue()));

    // Akita: the one it adopts (the very same version), its changed copy, its own.
    assert_eq!(ids(app, &akita), ["akita-kasen-tsuho", "juminhyo-copy", "sodai-gomi-jiko-hannyu"]);
    assert_eq!(
        app.forms_for(&akita).get("juminhyo-copy").unwrap().version(),
        app.forms_for(&sendai).get("juminhyo-copy").unwrap().version()
    );
    assert_eq!(app.forms_for(&akita).get("sodai-gomi-jiko-hannyu").unwrap().title().ja, "秋田市の粗大ごみ持込み");
    let listed: Vec<String> = app.filing(&akita).procedures().unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(listed.len(), 3, "{listed:?}");
    let found: Vec<String> = app.filing(&akita).search_procedures("犬").unwrap().into_iter().map(|p| p.id).collect();
    assert!(!found.contains(&"inu-toroku".to_string()), "Sendai's dog registration is not Akita's: {found:?}");

    // Sendai: the catalogue as it is, none of Akita's.
    assert_eq!(ids(app, &sendai), ["inu-toroku", "juminhyo-copy", "sodai-gomi-jiko-hannyu"]);
    assert_ne!(app.forms_for(&sendai).get("sodai-gomi-jiko-hannyu").unwrap().title().ja, "秋田市の粗大ごみ持込み");
    assert!(matches!(app.procedure(&sendai, &ProcedureId::new("akita-kasen-tsuho")), Err(AppError::NotFound)));
    assert!(matches!(app.procedure(&akita, &ProcedureId::new("inu-toroku")), Err(AppError::NotFound)));

    // The guide names catalogue procedures: a city that does not adopt them all has none
    // unless it brings its own.
    assert!(app.filing(&akita).life_events().is_empty());

    // Another process (a second node) serves the same, once it applied the organisation.
    let other = t.another_process();
    other.apply_municipality(&org).unwrap();
    assert_eq!(ids(&other, &akita), ids(app, &akita));
});

db_test!(fn what_a_city_publishes_or_retires_stays_in_that_city(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "sodai-gomi-jiko-hannyu"]).build();
    let app = &t.app;
    let sendai = t.tenant();
    let (akita, org) = akita(app, Adopt::All, Vec::new());
    let author = author_of(app, &akita);
    let other = t.another_process();
    other.apply_municipality(&org).unwrap();

    // Akita's author changes the shared certificate's title and publishes it.
    let id = ProcedureId::new("juminhyo-copy");
    app.authoring(&author.tenant).start_procedure(&author, "akita-juminhyo", Some("juminhyo-copy")).unwrap();
    let draft = app.authoring(&author.tenant).procedure_draft(&author, &ProcedureId::new("akita-juminhyo")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&draft.text).unwrap();
    value["procedure"]["title"]["ja"] = "秋田市の住民票の写し".into();
    let saved = app.authoring(&author.tenant).save_procedure_draft(&author, &ProcedureId::new("akita-juminhyo"), &value.to_string()).unwrap();
    assert!(saved.problems.is_empty(), "{:?}", saved.problems);
    assert_eq!(app.authoring(&author.tenant).publish_procedure(&author, &ProcedureId::new("akita-juminhyo"), "秋田市版").unwrap(), Publication::Published(1));
    assert!(app.forms_for(&akita).get("akita-juminhyo").is_some());
    assert!(app.forms_for(&sendai).get("akita-juminhyo").is_none(), "not Sendai's");

    // Retiring the shared one in Akita closes it there only.
    app.authoring(&author.tenant).retire_procedure(&author, &id, "秋田市版に切り替え").unwrap();
    assert!(app.forms_for(&akita).get("juminhyo-copy").is_none());
    assert!(app.forms_for(&sendai).get("juminhyo-copy").is_some(), "still open in Sendai");

    // The other node picks both up for Akita, and nothing of them for Sendai.
    assert!(other.refresh_published().unwrap());
    assert!(other.forms_for(&akita).get("akita-juminhyo").is_some());
    assert!(other.forms_for(&akita).get("juminhyo-copy").is_none());
    assert!(other.forms_for(&sendai).get("akita-juminhyo").is_none());
    assert!(other.forms_for(&sendai).get("juminhyo-copy").is_some());
});

db_test!(fn an_organisation_file_adopting_what_the_catalogue_lacks_is_refused(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let mut org = defaults::municipality();
    org.procedures = ProcedureChoice { adopt: Adopt::Only(vec!["juminhyo-copy".into(), "nai-tetsuzuki".into()]) };
    let problems = org.problems_with(&t.app.catalogue());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("nai-tetsuzuki:"), "{problems:?}");
    // "all" or a list; another word is a mistake named as such.
    let text = std::fs::read_to_string(defaults::municipality_file()).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["procedures"]["adopt"] = "everything".into();
    let refused = Municipality::from_json(&value.to_string()).unwrap_err();
    assert!(format!("{refused:?}").contains("\\\"all\\\" or a list"), "{refused:?}");
});
