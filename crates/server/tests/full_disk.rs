//! A full disk, met by the real `madoguchi serve` on SQLite whose data folder is a small
//! file system the test mounts (tmpfs; mounting needs root, as in CI): below the free-space
//! floor `/readyz` says 503; with no space left an upload is refused with 503 and
//! `Retry-After` and leaves no file behind, and so is a step's answers, which only the
//! database (SQLite, on the same small file system) keeps; once space returns the same
//! process is ready again and takes the filing, without a restart.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod drill;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use drill::{
    EXAMPLE, Instance, PROCEDURE, Server, answer_and_submit, browser, get, input_value,
    payment_step_token, post_bankbook, post_form,
};
use madoguchi_testkit::defaults;
use reqwest::StatusCode;

const MIB: u64 = 1024 * 1024;
/// The file system's size and the floor the server is given.
const SIZE_MIB: u64 = 96;
const FLOOR_MIB: u64 = 24;
const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <<>> endobj\n% full disk\n";

/// A tmpfs of `SIZE_MIB` at a folder; unmounted when dropped.
struct SmallFileSystem(PathBuf);

impl SmallFileSystem {
    fn mount(at: &Path) -> SmallFileSystem {
        std::fs::create_dir_all(at).unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={SIZE_MIB}m,mode=0700"),
                "tmpfs",
            ])
            .arg(at)
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "mounting a tmpfs at {} failed (the test needs root): {}",
            at.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        SmallFileSystem(at.to_path_buf())
    }

    fn free(&self) -> u64 {
        let out = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.0)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines().nth(1).unwrap().trim().parse().unwrap()
    }
}

impl Drop for SmallFileSystem {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Writes a file of zeros until it is `bytes` long or the file system is full.
fn ballast(path: &Path, bytes: u64) {
    let mut file = std::fs::File::create(path).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    let mut written = 0;
    while written < bytes {
        let n = usize::try_from((bytes - written).min(chunk.len() as u64)).unwrap();
        if file.write_all(&chunk[..n]).is_err() {
            break;
        }
        written += n as u64;
    }
    let _ = file.sync_all();
}

/// Every file under `dir`, however deep.
fn files_under(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
        .sum()
}

/// Residents start the procedure one after another, each answering its first step (a new
/// draft row each time, so the database must grow), until the database has no room: every
/// answer is a redirect (kept) or a 503 with `Retry-After` (refused), never a 500.
/// Returns the refusal's page and how many drafts were kept before it.
fn start_drafts_until_the_database_is_full(server: &Server) -> (String, usize) {
    let form = defaults::form(PROCEDURE);
    let data = form.normalize_json(defaults::example_today(PROCEDURE, EXAMPLE));
    let step = form.shown_steps(&data).next().unwrap();
    let answers = madoguchi_forms::input::posted_from_data(step, &data);
    let answers: Vec<(&str, &str)> = answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let url = server.url(&format!("/p/{PROCEDURE}/{}", step.id));
    for kept in 0..20_000 {
        let resident = browser();
        let (status, page) = get(&resident, &url);
        assert_eq!(status, StatusCode::OK, "the step opens on a full disk");
        let res = post_form(&resident, &url, &input_value(&page, "csrf_token"), &answers);
        match res.status() {
            StatusCode::SEE_OTHER => continue,
            StatusCode::SERVICE_UNAVAILABLE => {
                assert!(
                    res.headers().contains_key("retry-after"),
                    "a full database says when to try again"
                );
                return (res.text().unwrap(), kept);
            }
            other => panic!(
                "a step posted on a full disk: {other} {}",
                res.text().unwrap_or_default()
            ),
        }
    }
    panic!("20,000 drafts were kept on a full disk: the database never ran out of room");
}

fn ready(client: &reqwest::blocking::Client, base: &str) -> (StatusCode, String) {
    let res = client.get(format!("{base}/readyz")).send().unwrap();
    (res.status(), res.text().unwrap())
}

#[test]
#[cfg_attr(
    not(fs_tests),
    ignore = "mounts a small file system (needs root): build with MADOGUCHI_FS_TESTS=1 (CI does)"
)]
fn a_full_disk_is_refused_and_filings_resume_when_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let disk = SmallFileSystem::mount(&data);
    let instance = Instance::new(
        dir.path(),
        &format!("sqlite://{}", data.join("madoguchi.db").display()),
    );
    let mut config = std::fs::read_to_string(&instance.config).unwrap();
    config.push_str(&format!("min_free_mb = {FLOOR_MIB}\n"));
    std::fs::write(&instance.config, config).unwrap();
    let server = instance.start();
    let probe = reqwest::blocking::Client::new();
    let resident = browser();
    let csrf = payment_step_token(&server, &resident);
    println!("free after start: {} MiB", disk.free() / MIB);
    assert!(
        disk.free() > FLOOR_MIB * MIB,
        "the demo fits with room above the floor"
    );

    // Below the floor: not ready, saying why without naming the folder.
    let low = data.join("ballast-1");
    ballast(&low, disk.free() - FLOOR_MIB * MIB / 2);
    let (status, body) = ready(&probe, &server.base);
    assert_eq!(
        status,
        StatusCode::SERVICE_UNAVAILABLE,
        "below the floor: {body}"
    );
    assert!(body.contains("free disk space"), "{body}");
    assert!(
        !body.contains(data.to_str().unwrap()),
        "the probe's answer names no folder"
    );

    // Full: an upload is refused with 503 and Retry-After, and leaves no file.
    let full = data.join("ballast-2");
    ballast(&full, u64::MAX);
    let before = files_under(&data.join("files"));
    let res = post_bankbook(&server, &resident, &csrf, "通帳のコピー.pdf", PDF);
    assert_eq!(
        res.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "an upload on a full disk"
    );
    assert!(
        res.headers().contains_key("retry-after"),
        "it says when to try again"
    );
    let page = res.text().unwrap();
    assert!(
        page.contains("<h1"),
        "a page that says what happened: {page}"
    );
    assert_eq!(
        files_under(&data.join("files")),
        before,
        "no file left behind"
    );

    // Full: a step's answers, kept only in the database, are refused the same way.
    let (page, kept) = start_drafts_until_the_database_is_full(&server);
    println!("drafts kept before the database was full: {kept}");
    assert!(
        page.contains("<h1"),
        "a page that says what happened: {page}"
    );
    assert!(
        page.contains("もう一度送信してください"),
        "it says what to do: {page}"
    );
    assert!(
        page.contains("今回送った内容は保存されていません"),
        "it says the step just sent was not kept (never that nothing is lost): {page}"
    );
    assert!(
        !page.contains("internal") && !page.contains("SQLITE"),
        "the page names no internals: {page}"
    );

    // Room again: the same process is ready and takes the upload and the filing.
    std::fs::remove_file(&low).unwrap();
    std::fs::remove_file(&full).unwrap();
    let (status, body) = ready(&probe, &server.base);
    assert_eq!(
        status,
        StatusCode::OK,
        "ready again once space returns: {body}"
    );
    let res = post_bankbook(&server, &resident, &csrf, "通帳のコピー.pdf", PDF);
    assert_eq!(res.status(), StatusCode::OK, "the upload is taken again");
    let (check, number) = answer_and_submit(&server, &resident);
    assert!(
        check.contains("通帳のコピー.pdf"),
        "the check page lists the file"
    );
    assert!(!number.is_empty(), "filed: {number}");
    drop(server);
    drop(disk);
}
