//! The audit log page (`/office/audit`): a supervisor reads who viewed a filing of their
//! section and what a member of their section did; another section's staff stay out of
//! reach (404, as if they did not exist); a clerk may not read it (403); a bad date is
//! named; reading is itself recorded. The case actions (arrival, assignment, claim,
//! extension, correction asked and answered, decisions, withdrawal) are listed beside the
//! views, by whom and with their reasons; a long trail pages on; the CSV holds every line
//! and its download is recorded. A filing's history gives its days in the page's style,
//! and each receipt leads with its outcome.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, get, input_value, post_form, staff_sign_in};
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
    // The case actions too: the arrival, by the applicant.
    assert!(page.contains("申請者") && page.contains("href=\"/office/audit.csv?filing="), "{page}");

    // The clerk claims it and opens it 60 times: the trail runs past one page (50).
    let detail = server.url(&format!("/office/submissions/{id}"));
    let (_, opened) = get(&clerk, &detail).await;
    let res = post_form(&clerk, &format!("{detail}/actions"), &input_value(&opened, "csrf_token"), &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "claimed");
    for _ in 0..60 {
        get(&clerk, &detail).await;
    }
    let (_, first) = get(&chief, &server.url(&format!("/office/audit?filing={number}"))).await;
    assert!(first.contains("50件"), "a page holds 50 lines: {first}");
    let older = first.split("<a href=\"/office/audit?").nth(1).expect("a link to older entries");
    let older = format!("/office/audit?{}", &older[..older.find('"').unwrap()]).replace("&#38;", "&").replace("&amp;", "&");
    assert!(older.contains("after="), "{older}");
    let (status, second) = get(&chief, &server.url(&older)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(second.contains("担当する"), "the claim is on the older page: {second}");
    assert!(second.contains("申請者"), "and the arrival: {second}");
    assert!(!second.contains("さらに古い記録"), "the last page links no older one");

    // The CSV: every line (60 + 1 views, the claim, the arrival, and the chief's reads of
    // the trail so far are about the filing too), one header.
    let res = chief.get(server.url(&format!("/office/audit.csv?filing={number}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains(&format!("audit-{number}.csv")));
    let csv = res.text().await.unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].ends_with("at_jst,action,what,by,arrival_number,staff_account,reason,api_token"), "{}", rows[0]);
    assert_eq!(rows.iter().filter(|r| r.contains(",view,")).count(), 62, "every view: {csv}");
    assert_eq!(rows.iter().filter(|r| r.contains(",case:claim,")).count(), 1, "{csv}");
    assert_eq!(rows.iter().filter(|r| r.contains(",case:submit,")).count(), 1, "{csv}");
    // A search with a problem goes back to the page, which names it.
    let res = chief.get(server.url("/office/audit.csv?filing=&staff=")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // A member of the section: what they did.
    let member = option_for(&form, "koseki-jumin@sendai.example").expect("the section's clerk is a choice");
    let (status, page) = get(&chief, &server.url(&format!("/office/audit?staff={member}&from=2000-01-01"))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("申請の閲覧") && page.contains(&number), "{page}");
    // Their case actions beside their views: the claim, across both pages.
    let res = chief.get(server.url(&format!("/office/audit.csv?staff={member}"))).send().await.unwrap();
    let csv = res.text().await.unwrap();
    assert_eq!(csv.lines().filter(|r| r.contains(",case:claim,")).count(), 1, "{csv}");
    assert!(csv.lines().filter(|r| r.contains(",view,")).count() >= 62, "{csv}");
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
    assert!(page.contains("監査ログの書き出し"), "the downloads are recorded: {page}");
    get(&admin, &server.url("/lang/en")).await;
    let (_, page) = get(&admin, &server.url(&format!("/office/audit?staff={chief_id}"))).await;
    assert!(page.contains("Read the audit log"), "{page}");
});

/// The filing's page path for `clerk` (found through the queue) and its CSRF token.
async fn detail_of(
    server: &madoguchi_e2e::TestServer,
    clerk: &reqwest::Client,
    number: &str,
) -> (String, String) {
    let (_, found) = get(clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let marker = "href=\"/office/submissions/";
    let start = found.find(marker).expect("the filing in the queue") + marker.len();
    let path = format!(
        "/office/submissions/{}",
        &found[start..start + found[start..].find('"').unwrap()]
    );
    let (_, page) = get(clerk, &server.url(&path)).await;
    (path, input_value(&page, "csrf_token"))
}

e2e_test!(async fn every_case_action_is_in_the_filings_trail_beside_the_views(server) {
    // A filing assigned, taken up, extended, sent back for a correction, answered and approved; a
    // second one withdrawn by its applicant.
    let resident = browser();
    let number = crate::review::file_from(&server, &resident).await;
    let chief = staff_sign_in(&server, "koseki-jumin.kacho@sendai.example").await;
    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let (path, csrf) = detail_of(&server, &chief, &number).await;
    let (_, page) = get(&chief, &server.url(&path)).await;
    let clerk_id = page
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("戸籍住民課 担当(デモ)") && !o.contains("泉区"))
        .map(|o| o[..o.find('"').unwrap()].to_string())
        .expect("the clerk among the assignees");
    let actions = server.url(&format!("{path}/actions"));
    let res = post_form(&chief, &actions, &csrf, &[("action", "assign"), ("assignee", &clerk_id)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "assigned");
    let (_, csrf) = detail_of(&server, &clerk, &number).await;
    let res = post_form(&clerk, &actions, &csrf, &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "taken up by the assignee");
    let res = post_form(&clerk, &actions, &csrf, &[("action", "extend"), ("days", "3"), ("reason", "他の機関への照会に時間がかかるため")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "extended");
    let deadline = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
    let res = post_form(&clerk, &actions, &csrf, &[
        ("action", "request_correction"),
        ("fields", "/applicant_phone"),
        ("reason", "日中に連絡のとれる電話番号を入力してください。"),
        ("deadline", &deadline),
    ]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "a correction asked");
    let link = (0..100)
        .find_map(|_| {
            let found = server.sink.received().iter().find_map(|m| {
                let text = m.text();
                let start = text.find("/corrections/")?;
                Some(text[start..].chars().take_while(|c| !c.is_whitespace()).collect::<String>())
            });
            if found.is_none() {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            found
        })
        .expect("the correction link mailed");
    let (_, form) = get(&resident, &server.url(&link)).await;
    let res = post_form(&resident, &server.url(&link), &input_value(&form, "csrf_token"), &[("applicant_phone", "022-214-5555")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the correction answered");
    let res = post_form(&clerk, &server.url(&format!("{path}/decision")), &csrf, &[("decision", "approve"), ("reason", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "approved");

    // The filing's history gives its days in the page's style: 「2026年12月7日」, no ISO
    // date, in the extension's and the correction's details too.
    let (_, page) = get(&clerk, &server.url(&path)).await;
    let history = &page[page.find("class=\"timeline\"").expect("the history")..];
    let history = &history[..history.find("</ol>").unwrap()];
    assert!(history.contains("年") && !has_iso_date(history), "{history}");
    let (_, receipt) = get(&resident, &server.url(&format!("/receipts/{number}"))).await;
    let main = &receipt[receipt.find("<main").unwrap()..];
    assert!(!has_iso_date(main), "the resident's receipt: {main}");

    let withdrawn = browser();
    let other = crate::review::file_from(&server, &withdrawn).await;
    let (_, receipt) = get(&withdrawn, &server.url(&format!("/receipts/{other}/withdraw"))).await;
    let res = post_form(&withdrawn, &server.url(&format!("/receipts/{other}/withdraw")), &input_value(&receipt, "csrf_token"), &[("confirm", "yes")]).await;
    assert!(res.status().is_redirection(), "withdrawn: {}", res.status());

    // A third, refused; each receipt leads with its outcome.
    let refused = browser();
    let third = crate::review::file_from(&server, &refused).await;
    let (third_path, csrf) = detail_of(&server, &clerk, &third).await;
    let res = post_form(&clerk, &server.url(&format!("{third_path}/actions")), &csrf, &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = post_form(&clerk, &server.url(&format!("{third_path}/decision")), &csrf, &[("decision", "reject"), ("reason", "住民票のない方からの請求のため")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "refused");
    for (who, filing, heading) in [
        (&resident, &number, "認められました。手数料をお支払いください"),
        (&withdrawn, &other, "申請を取り下げました"),
        (&refused, &third, "申請は認められませんでした"),
    ] {
        let (_, receipt) = get(who, &server.url(&format!("/receipts/{filing}"))).await;
        let h1 = &receipt[receipt.find("<h1").unwrap()..];
        let h1 = &h1[..h1.find("</h1>").unwrap()];
        assert!(h1.contains(heading), "{filing}: {h1}");
        // (「申請が到達しました」 stays as the history's first line.)
        assert!(!receipt.contains("審査の結果もメールでお知らせします"), "{filing}: no promise of a result already given: {receipt}");
    }

    // The supervisor's reading of each trail: every action, by whom, beside the views.
    let csv_of = |number: String| {
        let chief = chief.clone();
        let url = server.url(&format!("/office/audit.csv?filing={number}"));
        async move { chief.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let csv = csv_of(number.clone()).await;
    for action in ["case:submit", "case:assign", "case:claim", "case:extend", "case:request_correction", "case:resubmit", "case:approve", "view"] {
        assert!(csv.lines().any(|r| r.contains(&format!(",{action},"))), "{action} in the trail: {csv}");
    }
    let assign = csv.lines().find(|r| r.contains(",case:assign,")).unwrap();
    assert!(assign.contains("koseki-jumin.kacho@sendai.example"), "by the supervisor: {assign}");
    let extend = csv.lines().find(|r| r.contains(",case:extend,")).unwrap();
    assert!(extend.contains("他の機関への照会に時間がかかるため"), "with its reason: {extend}");
    let csv = csv_of(other.clone()).await;
    assert!(csv.lines().any(|r| r.contains(",case:withdraw,")), "the withdrawal: {csv}");
    let csv = csv_of(third.clone()).await;
    let reject = csv.lines().find(|r| r.contains(",case:reject,")).expect("the refusal");
    assert!(reject.contains("住民票のない方からの請求のため"), "with its reason: {reject}");
    let (status, page) = get(&chief, &server.url(&format!("/office/audit?filing={number}"))).await;
    assert_eq!(status, StatusCode::OK);
    for label in ["担当者を割り当てる", "処理期間を延長する", "補正を依頼する", "補正して再提出", "許可・交付する"] {
        assert!(page.contains(label), "{label} on the page: {page}");
    }
});

/// Whether `text` holds a date written `2026-12-07`.
fn has_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
    })
}
