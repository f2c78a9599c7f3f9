//! Attached files in an S3-compatible bucket, against a real S3 server on loopback (see
//! `s3/mod.rs`): put, get and delete; keys `<tenant_id>/<sha256>` (one city cannot read
//! another's file by its hash); a file over the limit refused before a byte is sent; a
//! file larger than a part sent in parts; wrong credentials stop the start, naming the
//! settings to look at.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod s3;

use std::process::Command;
use std::time::{Duration, SystemTime};

use madoguchi_app::kernel::{FileStore, MAX_FILE_BYTES};
use madoguchi_core::TenantId;
use madoguchi_server::storage::{PART_BYTES, S3Files, StorageSettings};
use madoguchi_testkit::defaults;
use s3::{S3Server, SECRET_KEY};

fn sha256_hex(bytes: &[u8]) -> String {
    madoguchi_app::kernel::files::sha256_of(&bytes.to_vec()).unwrap()
}

#[test]
fn files_go_to_the_bucket_by_city_and_hash_and_come_back() {
    let server = S3Server::start();
    let store = S3Files::new(&server.settings(SECRET_KEY)).unwrap();
    store.check().unwrap();
    let (sendai, akita) = (TenantId::new("041009"), TenantId::new("052019"));

    let pdf = b"%PDF-1.7 a resident's bankbook".to_vec();
    let sha = store.put(&sendai, &pdf).unwrap();
    assert_eq!(sha, sha256_hex(&pdf));
    assert_eq!(server.keys(), [format!("041009/{sha}")]);
    assert_eq!(store.get(&sendai, &sha).unwrap().into_bytes().unwrap(), pdf);
    // Another city asking for the same hash finds nothing.
    assert!(store.get(&akita, &sha).is_err());
    assert!(store.get(&TenantId::new("../041009"), &sha).is_err());
    assert!(store.get(&sendai, "../../etc/passwd").is_err());

    // Larger than a part: sent in parts from the file on disk, read back whole.
    let big: Vec<u8> = (0..PART_BYTES + 300_000).map(|i| (i % 251) as u8).collect();
    let on_disk = server.dir.path().join("upload");
    std::fs::write(&on_disk, &big).unwrap();
    let big_sha = store.put(&akita, &on_disk).unwrap();
    assert_eq!(big_sha, sha256_hex(&big));
    assert_eq!(
        store.get(&akita, &big_sha).unwrap().into_bytes().unwrap(),
        big
    );
    assert_eq!(server.keys().len(), 2, "{:?}", server.keys());

    // Retention: kept while fresh or named, deleted when neither.
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    let later = SystemTime::now() + Duration::from_secs(3600);
    assert!(
        !store
            .remove_unused(&sendai, &sha, long_ago, &|| Ok(false))
            .unwrap(),
        "fresh"
    );
    assert!(
        !store
            .remove_unused(&sendai, &sha, later, &|| Ok(true))
            .unwrap(),
        "named"
    );
    assert!(
        store
            .remove_unused(&sendai, &sha, later, &|| Ok(false))
            .unwrap()
    );
    assert!(store.get(&sendai, &sha).is_err());
    assert!(
        !store
            .remove_unused(&sendai, &sha, later, &|| Ok(false))
            .unwrap(),
        "gone"
    );
    assert_eq!(server.keys(), [format!("052019/{big_sha}")]);
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_sent() {
    let server = S3Server::start();
    let store = S3Files::new(&server.settings(SECRET_KEY)).unwrap();
    let too_big = server.dir.path().join("too-big");
    let file = std::fs::File::create(&too_big).unwrap();
    // A sparse file: its size says it all, nothing is read.
    file.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
    let err = store.put(&TenantId::new("041009"), &too_big).unwrap_err();
    assert!(err.to_string().contains("file store"), "{err}");
    assert!(server.keys().is_empty(), "{:?}", server.keys());
}

#[test]
fn wrong_credentials_or_a_plain_http_endpoint_are_refused_at_start() {
    let server = S3Server::start();
    let err = server
        .settings("not-the-secret")
        .open()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("[storage]") && err.contains("secret_access_key"),
        "{err}"
    );
    // (A missing bucket is not tried here: s3s-fs makes the folder on the first write,
    // where S3 answers NoSuchBucket, which the same check reports.)
    let plain = StorageSettings {
        endpoint: "http://s3.example.jp".into(),
        ..server.settings(SECRET_KEY)
    };
    let err = plain.open().unwrap_err().to_string();
    assert!(err.contains("allow_http"), "{err}");
    let not_allowed = StorageSettings {
        allow_http: false,
        ..server.settings(SECRET_KEY)
    };
    assert!(
        not_allowed
            .open()
            .unwrap_err()
            .to_string()
            .contains("https://")
    );
    assert!(server.settings(SECRET_KEY).open().unwrap().is_some());

    // Through the binary: the start stops with the message, before it listens.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("madoguchi.toml");
    let toml = server.toml().replace(SECRET_KEY, "not-the-secret");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\npublic_url = \"https://madoguchi.test\"\ndata_dir = {:?}\nforms_dir = {:?}\nmunicipality_file = {:?}\npostal_codes_file = {:?}\n{toml}",
            dir.path().join("data").display().to_string(),
            defaults::forms_dir().display().to_string(),
            defaults::municipality_file().display().to_string(),
            defaults::postal_sample().display().to_string(),
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--config")
        .arg(&config)
        .arg("serve")
        .env_remove("MADOGUCHI_DEMO")
        .env_remove("DATABASE_URL")
        .output()
        .expect("run madoguchi");
    let said =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("[storage]") && said.contains("attachments"),
        "{said}"
    );
}
