//! The audit log page (`/office/audit`): a supervisor reads who viewed a filing of their
//! section and what a member of their section did; another section's staff stay out of
//! reach (404, as if they did not exist); a clerk may not read it (403); a bad date is
//! named; reading is itself recorded.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, get, staff_sign_in};
use reqwest::StatusCode;

/// The `value` of the `<option>` whose text holds `login` (a staff member's id).
fn option_for(page: &str, login: &str) -> Option<String> {
    let at = page.find(&format!("({login})</option>"))?;
    let start = page[..at].rfind("<option value=\"")? + "<option value=\"".len();
    Some(page[start..start + page[start..].find('"')?].to_string())
}

/// The id of `login` on the administrators' staff list.
fn admin_link_for(page: &str, login: &str) -> String {
    let at = page.find(login).expect("the member is listed");
    let marker = "/office/admin/staff/";
    let start = page[..at].rfind(marker).unwrap() + marker.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

e2e_test!(async fn a_supervisor_reads_the_audit_log_of_a_filing_and_of_a_clerk(server) {
    let number = crate::review::file_from(&server, &browser()).await;
    // The clerk opens the filing: a view of personal data, logged.
    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let (_, found) = get(&clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let marker = "href=\"/office/submissions/";
    let start = found.find(marker).expect("the filing in the queue") + marker.len();
    let id = &found[start..start + found[start..].find('"').unwrap()];
    assert_eq!(get(&clerk, &server.url(&format!("/office/submissions/{id}"))).await.0, StatusCode::OK);
    // A clerk may not read the log.
    assert_eq!(get(&clerk, &server.url("/office/audit")).await.0, StatusCode::FORBIDDEN);

    let chief = staff_sign_in(&server, "koseki-jumin.kacho@sendai.example").await;
    let (status, form) = get(&chief, &server.url("/office/audit")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("href=\"/office/audit\""), "the staff menu links it");
    // The filing's entries: who viewed it, with a link back to it.
    let (status, page) = get(&chief, &server.url(&format!("/office/audit?filing={}", number.to_lowercase()))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains(&format!("{number} の記録")), "{page}");
    assert!(page.contains("申請の閲覧") && page.contains("(koseki-jumin@sendai.example)"), "{page}");
    assert!(page.contains(&format!("href=\"/office/submissions/{id}\"")));

    // A member of the section: what they did.
    let member = option_for(&form, "koseki-jumin@sendai.example").expect("the section's clerk is a choice");
    let (status, page) = get(&chief, &server.url(&format!("/office/audit?staff={member}&from=2000-01-01"))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("申請の閲覧") && page.contains(&number), "{page}");
    // Another section's clerk is not a choice, and asking by id finds nobody.
    assert!(option_for(&form, "hoken-nenkin@sendai.example").is_none(), "another section's staff are not listed");
    let admin = staff_sign_in(&server, "admin@sendai.example").await;
    let (_, staff) = get(&admin, &server.url("/office/admin/staff")).await;
    let stranger = admin_link_for(&staff, "hoken-nenkin@sendai.example");
    let (status, page) = get(&chief, &server.url(&format!("/office/audit?staff={stranger}"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("見つかりませんでした") && !page.contains(" の記録"), "{page}");
    // A wrong date names its field; an unknown number is not found.
    let (status, page) = get(&chief, &server.url(&format!("/office/audit?staff={member}&from=2026-13-01"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("「この日から」は 2026-11-24 のように") && page.contains("href=\"#from\""), "{page}");
    let (status, _) = get(&chief, &server.url("/office/audit?filing=991231-0000-0000")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Reading is recorded: the administrator sees the supervisor's reads, in English too.
    let chief_id = option_for(&get(&admin, &server.url("/office/audit")).await.1, "koseki-jumin.kacho@sendai.example")
        .expect("administrators choose among everyone");
    let (status, page) = get(&admin, &server.url(&format!("/office/audit?staff={chief_id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("監査ログの閲覧"), "{page}");
    get(&admin, &server.url("/lang/en")).await;
    let (_, page) = get(&admin, &server.url(&format!("/office/audit?staff={chief_id}"))).await;
    assert!(page.contains("Read the audit log"), "{page}");
});
