//! The restore drill (docs/operations.md, Deploying), on SQLite and on PostgreSQL: the real
//! `madoguchi serve` takes a filing with a My Number and an attached file; `deploy/backup.sh`
//! backs the running instance up; everything is wiped (the data folder, the database
//! dropped and created empty); `deploy/restore.sh` puts it back; the server starts again
//! and a clerk reads the same answers, the My Number in full (unsealed: the keys came back
//! with the database) and the same file bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod drill;

use std::process::{Command, Output};

use drill::{
    Instance, PROCEDURE, Server, answer_and_submit, attach_bankbook, browser, get, input_value,
    link, post_form, staff_sign_in,
};
use madoguchi_testkit::{db_test, defaults};
use reqwest::StatusCode;

const MY_NUMBER: &str = "123456789018";
const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <<>> endobj\n% restore drill\n";

db_test!(fn a_filing_survives_backup_wipe_and_restore(db) {
    let dir = tempfile::tempdir().unwrap();
    // SQLite in the data folder (one folder is the whole instance); PostgreSQL in a
    // database of its own that the drill drops.
    let database_url = match db.backend() {
        madoguchi_store::Backend::Sqlite => format!("sqlite://{}", dir.path().join("data/madoguchi.db").display()),
        madoguchi_store::Backend::Postgres => db.url.clone(),
    };
    let instance = Instance::new(dir.path(), &database_url);
    let backups = dir.path().join("backups");

    let server = instance.start();
    let number = file_with_my_number_and_attachment(&server);
    let before = read_back(&server, &number);
    assert!(before.answers.contains("仙台 太郎"), "the clerk sees the answers");
    assert_eq!(before.my_number, MY_NUMBER);
    assert_eq!(before.attachment, PDF);

    // Backed up while it runs.
    let backup = instance.script("backup.sh", &["--out", backups.to_str().unwrap()]);
    let archive = succeeded("backup.sh", &backup).trim().to_string();
    assert!(archive.ends_with(".tar.gz") && std::path::Path::new(&archive).is_file(), "{archive}");
    drop(server);

    // A restore over a live instance is refused, and changes nothing.
    let refused = instance.script("restore.sh", &[archive.as_str()]);
    assert!(!refused.status.success(), "restore.sh wrote over an instance");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"), "{}", String::from_utf8_lossy(&refused.stderr));

    // Wiped: no data folder, an empty database.
    std::fs::remove_dir_all(&instance.data_dir).unwrap();
    if db.backend() == madoguchi_store::Backend::Postgres {
        recreate_empty(&db.url);
    }
    let restored = instance.script("restore.sh", &[archive.as_str()]);
    succeeded("restore.sh", &restored);

    let server = instance.start();
    let after = read_back(&server, &number);
    assert_eq!(after.answers, before.answers, "the same answers");
    assert_eq!(after.my_number, MY_NUMBER, "the My Number unsealed with the restored key");
    assert_eq!(after.attachment, PDF, "the same file bytes");
});

/// Files the procedure as a resident: the bank-book copy attached on its step, then every
/// step from the shipped example (which has the claimant's My Number). Returns the
/// arrival number.
fn file_with_my_number_and_attachment(server: &Server) -> String {
    let data = defaults::form(PROCEDURE)
        .normalize_json(defaults::example_today(PROCEDURE, drill::EXAMPLE));
    assert_eq!(data["claimant_my_number"], MY_NUMBER);
    let resident = browser();
    let res = attach_bankbook(server, &resident, "通帳のコピー.pdf", PDF);
    assert_eq!(res.status(), StatusCode::OK, "the file is attached");
    let (check, number) = answer_and_submit(server, &resident);
    assert!(
        check.contains("通帳のコピー.pdf"),
        "the check page lists the file"
    );
    number
}

/// What a clerk of the section reads of the filing.
struct ReadBack {
    /// The answers' sections of the filing's page.
    answers: String,
    my_number: String,
    attachment: Vec<u8>,
}

fn read_back(server: &Server, number: &str) -> ReadBack {
    let clerk = staff_sign_in(server, "hoken-nenkin@sendai.example");
    let (status, queue) = get(&clerk, &server.url(&format!("/office/queue?q={number}")));
    assert_eq!(status, StatusCode::OK);
    let detail = link(&queue, "/office/submissions/");
    let (status, page) = get(&clerk, &server.url(&detail));
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(number), "the filing {number}");
    assert!(
        !page.contains(MY_NUMBER),
        "the My Number is masked on the page"
    );
    let answers: Vec<&str> = page
        .split("<section class=\"answers\">")
        .skip(1)
        .map(|rest| &rest[..rest.find("</section>").unwrap()])
        .collect();
    assert!(answers.len() > 2, "the answers, by section");
    let answers = answers.concat();

    let res = clerk
        .get(server.url(&link(&page, &format!("{detail}/files/"))))
        .send()
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the attachment");
    let attachment = res.bytes().unwrap().to_vec();

    let res = post_form(
        &clerk,
        &server.url(&format!("{detail}/reveal")),
        &input_value(&page, "csrf_token"),
        &[("field", "/claimant_my_number"), ("reason", "復元の確認")],
    );
    assert_eq!(res.status(), StatusCode::OK, "the My Number is revealed");
    let revealed = res.text().unwrap();
    let my_number = if revealed.contains(MY_NUMBER) {
        MY_NUMBER.to_string()
    } else {
        revealed
    };
    ReadBack {
        answers,
        my_number,
        attachment,
    }
}

/// The drill's database dropped (with the connections left open to it) and created empty,
/// as after losing the server.
fn recreate_empty(url: &str) {
    let name = url.rsplit('/').next().unwrap();
    let admin = std::env::var("TEST_DATABASE_URL").unwrap();
    for sql in [
        format!("DROP DATABASE \"{name}\" WITH (FORCE)"),
        format!("CREATE DATABASE \"{name}\""),
    ] {
        let out = Command::new("psql")
            .args([admin.as_str(), "-qc", sql.as_str()])
            .output()
            .expect("psql (postgresql-client)");
        succeeded(&sql, &out);
    }
}

fn succeeded(what: &str, out: &Output) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
