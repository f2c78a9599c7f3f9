//! Production settings by default: each data folder its own database, keys checked against
//! the database's, the demo's accounts refused outside the demo until `madoguchi demo
//! remove`, and `madoguchi keys rotate` (on SQLite and PostgreSQL, through the binary).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use madoguchi_records::TenantRecord;
use madoguchi_server::{Application, Settings, build_app, open_database, read_municipality};
use madoguchi_store::prelude::{Organisation, OrganisationRead};
use madoguchi_testkit::{db_test, defaults};

/// Production settings for a node of `database_url` (empty: the data folder's SQLite).
fn settings(database_url: &str, data_dir: &Path) -> Settings {
    let mut s = Settings {
        listen: "127.0.0.1:0".into(),
        public_url: "https://madoguchi.test".into(),
        database_url: database_url.into(),
        data_dir: data_dir.to_path_buf(),
        forms_dir: defaults::forms_dir(),
        municipality_file: defaults::municipality_file(),
        postal_codes_file: defaults::postal_sample(),
        ..Settings::default()
    };
    s.resolve();
    s
}

/// The same as a configuration file for the binary.
fn config_file(s: &Settings, dir: &Path) -> std::path::PathBuf {
    let path = dir.join("madoguchi.toml");
    std::fs::write(
        &path,
        format!(
            "public_url = {:?}\ndatabase_url = {:?}\ndata_dir = {:?}\nforms_dir = {:?}\nmunicipality_file = {:?}\npostal_codes_file = {:?}\n",
            s.public_url,
            s.database_url,
            s.data_dir.display().to_string(),
            s.forms_dir.display().to_string(),
            s.municipality_file.display().to_string(),
            s.postal_codes_file.display().to_string(),
        ),
    )
    .unwrap();
    path
}

/// Runs `madoguchi --config CONFIG ARGS…`: (succeeded, what it printed).
fn madoguchi(config: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("MADOGUCHI_DEMO")
        .env_remove("DATABASE_URL")
        .output()
        .expect("run madoguchi");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

fn build(settings: Settings) -> Result<(), String> {
    actix_web::rt::System::new().block_on(async move {
        Application::build(settings)
            .map(drop)
            .map_err(|e| e.to_string())
    })
}

#[test]
fn two_data_folders_are_two_databases() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (sa, sb) = (settings("", a.path()), settings("", b.path()));
    assert_eq!(
        sa.database_url,
        format!("sqlite://{}", a.path().join("madoguchi.db").display())
    );
    let (da, db) = (open_database(&sa).unwrap(), open_database(&sb).unwrap());
    let tenant = TenantRecord {
        id: "041009".into(),
        name_ja: "仙台市".into(),
        name_en: "Sendai".into(),
        created_at: chrono::Utc::now().naive_utc(),
    };
    da.conn().unwrap().insert_tenant(&tenant).unwrap();
    assert!(a.path().join("madoguchi.db").exists() && b.path().join("madoguchi.db").exists());
    assert!(
        da.conn()
            .unwrap()
            .find_tenant(&tenant.id)
            .unwrap()
            .is_some()
    );
    assert!(
        db.conn()
            .unwrap()
            .find_tenant(&tenant.id)
            .unwrap()
            .is_none(),
        "the second data folder's process sees the first one's database"
    );
}

#[test]
fn outside_the_demo_an_http_or_empty_public_url_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for url in ["", "http://madoguchi.test", "http://127.0.0.1:8080"] {
        let mut s = settings("", dir.path());
        s.public_url = url.into();
        let said = build(s).expect_err(url);
        assert!(
            said.contains("public_url") && said.contains("MADOGUCHI_PUBLIC_URL"),
            "{url}: {said}"
        );
    }
    // The demo may serve loopback over http (and fills an empty one from `listen`), not
    // another host.
    let mut demo = settings("", dir.path());
    demo.demo = true;
    demo.public_url = "http://madoguchi.test".into();
    assert!(build(demo.clone()).is_err());
    demo.public_url = "http://127.0.0.1:8080".into();
    build(demo).unwrap();
}

db_test!(fn a_node_with_other_keys_refuses_to_start_and_names_them(db) {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_app(&settings(&db.url, a.path()), open_database(&settings(&db.url, a.path())).unwrap()).unwrap();
    let other = settings(&db.url, b.path());
    let said = build_app(&other, open_database(&other).unwrap()).unwrap_err().to_string();
    let mynumber = b.path().join("keys/mynumber.key");
    assert!(said.contains(&format!("the mynumber key (from {})", mynumber.display())), "{said}");
    assert!(said.contains("the csrf key") && said.contains("MADOGUCHI_"), "{said}");
    // Given the first node's keys, it starts.
    std::fs::copy(a.path().join("csrf.key"), b.path().join("csrf.key")).unwrap();
    for entry in std::fs::read_dir(a.path().join("keys")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), b.path().join("keys").join(entry.file_name())).unwrap();
    }
    build_app(&other, open_database(&other).unwrap()).unwrap();
});

db_test!(fn demo_accounts_stop_a_production_start_until_removed_and_keys_rotate(db) {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(&db.url, &dir.path().join("data"));
    let config = config_file(&s, dir.path());
    let mut demo = s.clone();
    demo.demo = true;
    build(demo).unwrap();

    // Rotating the authenticator key re-seals the demo clerks' secrets; the data folder's
    // key file then holds the new key, and the node starts with it.
    let new_key = dir.path().join("new-totp.key");
    let (ok, said) = madoguchi(&config, &["keys", "rotate", "totp", "--new-key-file", new_key.to_str().unwrap()]);
    assert!(ok, "{said}");
    assert!(said.contains("value(s) re-sealed under the new totp key"), "{said}");
    assert_eq!(std::fs::read(&new_key).unwrap(), std::fs::read(s.data_dir.join("keys/totp.key")).unwrap());
    let app = build_app(&s, open_database(&s).unwrap()).unwrap();
    let sendai = read_municipality(&s).unwrap().tenant.id;
    let session = app.staff(&sendai).login("admin@sendai.example", "madoguchi-demo", "192.0.2.1").unwrap();
    assert!((0..=1).any(|ahead| app.staff(&sendai).verify_code(&session.token, &defaults::demo_code(chrono::Utc::now(), ahead), "192.0.2.1").is_ok()), "the demo secret opens under the new key");
    let (ok, said) = madoguchi(&config, &["keys", "rotate", "csrf", "--new-key-file", new_key.to_str().unwrap()]);
    assert!(!ok && said.contains("mynumber or totp"), "{said}");

    // Without --demo: refused, naming the accounts and the command that removes them.
    let said = build(s.clone()).unwrap_err();
    assert!(said.contains("admin@sendai.example") && said.contains("madoguchi demo remove"), "{said}");
    let (ok, said) = madoguchi(&config, &["demo", "remove"]);
    assert!(ok, "{said}");
    assert!(said.contains("removed admin@sendai.example"), "{said}");
    build(s.clone()).unwrap();
    let tenant = read_municipality(&s).unwrap().tenant.id;
    assert!(app.demo_accounts(&tenant).unwrap().is_empty());
    assert!(app.staff(&tenant).login("admin@sendai.example", "madoguchi-demo", "192.0.2.2").is_err());
});
