//! The back office over HTTP: filters and search, claiming, a correction request that
//! reaches the applicant by email and comes back through the emailed link, the clerk seeing
//! what changed, assignment by a supervisor, and the refusals (409, 403, 404) that leave
//! nothing changed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use madoguchi_e2e::{browser, e2e_test, fill_form, get, input_value, location, post_form};
use reqwest::{Client, StatusCode};

async fn sign_in(server: &madoguchi_e2e::TestServer, login: &str) -> Client {
    madoguchi_e2e::staff_sign_in(server, login).await
}

/// Files the resident-record request; returns the arrival number.
async fn file(server: &madoguchi_e2e::TestServer) -> String {
    file_from(server, &browser()).await
}

/// Files the resident-record request from the `resident`'s browser.
pub(crate) async fn file_from(server: &madoguchi_e2e::TestServer, resident: &Client) -> String {
    let check = fill_form(server, resident).await;
    let (key, csrf) = (
        input_value(&check, "idempotency_key"),
        input_value(&check, "csrf_token"),
    );
    let res = post_form(
        resident,
        &server.url("/p/juminhyo-copy/submit"),
        &csrf,
        &[("idempotency_key", &key)],
    )
    .await;
    location(&res).trim_start_matches("/receipts/").to_string()
}

fn submission_link(queue: &str) -> String {
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("a submission in the queue") + marker.len();
    format!(
        "/office/submissions/{}",
        &queue[start..start + queue[start..].find('"').unwrap()]
    )
}

e2e_test!(async fn a_correction_goes_out_by_email_and_comes_back_through_the_link(server) {
    let filer = browser();
    let number = file_from(&server, &filer).await;
    let clerk = sign_in(&server, "koseki-jumin@sendai.example").await;

    // Found by reading (typed in hiragana) and by number; filtered out by state.
    let (_, found) = get(&clerk, &server.url("/office/queue?q=%E3%81%9B%E3%82%93%E3%81%A0%E3%81%84")).await;
    assert!(found.contains(&number), "search by せんだい");
    let (_, found) = get(&clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    assert!(found.contains(&number));
    let (_, none) = get(&clerk, &server.url("/office/queue?status=rejected")).await;
    assert!(!none.contains(&number) && none.contains("条件に当てはまる申請はありません"));
    let detail_path = submission_link(&found);
    let detail_url = server.url(&detail_path);
    let actions = format!("{detail_url}/actions");

    let (_, detail) = get(&clerk, &detail_url).await;
    let csrf = input_value(&detail, "csrf_token");
    let res = post_form(&clerk, &actions, &csrf, &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = post_form(&clerk, &actions, &csrf, &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "claimed already");
    // Only supervisors assign.
    let res = post_form(&clerk, &actions, &csrf, &[("action", "assign"), ("assignee", "x")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // A correction request without items comes back with what to fix.
    let deadline = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
    let res = post_form(&clerk, &actions, &csrf, &[("action", "request_correction"), ("reason", "電話番号を確認してください"), ("deadline", &deadline)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("直してもらう項目を選んでください") && page.contains("href=\"#fix-1\""));
    let res = post_form(&clerk, &actions, &csrf, &[
        ("action", "request_correction"),
        ("fields", "/applicant_phone"),
        ("reason", "日中に連絡のとれる電話番号を入力してください。"),
        ("deadline", &deadline),
    ]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, detail) = get(&clerk, &detail_url).await;
    assert!(detail.contains("補正依頼中") && detail.contains("補正待ちで停止中"));

    // The request arrives by email with a link only the applicant has.
    // (After the receipt and the claim's "review started".)
    let mails = server.sink.wait_for(3, Duration::from_secs(20));
    let text = mails.iter().find(|m| m.text().contains("/corrections/")).unwrap().text();
    assert!(text.contains("日中の連絡先電話番号") && text.contains(&number));
    assert!(!text.contains("022-214-1111"), "answers stay out of email");
    let start = text.find("/corrections/").unwrap();
    let link: String = text[start..].chars().take_while(|c| !c.is_whitespace()).collect();

    // The applicant (a new browser: no cookie needed) sees only that question.
    let applicant = browser();
    let (status, page) = get(&applicant, &server.url(&link)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"applicant_phone\"") && !page.contains("name=\"applicant_name\""));
    assert!(page.contains("日中に連絡のとれる電話番号を入力してください。"));
    let csrf = input_value(&page, "csrf_token");
    let res = post_form(&applicant, &server.url(&link), &csrf, &[("applicant_phone", "080-4444-555")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "a mobile number has 11 digits");
    assert!(res.text().await.unwrap().contains("携帯電話・IP電話(070・080・090・050)は11桁"));
    let res = post_form(&applicant, &server.url(&link), &csrf, &[("applicant_phone", "080-4444-5555")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&applicant, &server.url(&link)).await;
    assert!(page.contains("修正を受け付けました"));
    // The applicant sees what they changed, here and on the receipt with what they filed.
    let changed = &page[page.find("修正した内容").expect("what changed")..];
    assert!(changed.contains("日中の連絡先電話番号"), "{changed}");
    assert!(changed.find("022-214-1111").unwrap() < changed.find("080-4444-5555").unwrap(), "before, then after");
    let (status, receipt) = get(&filer, &server.url(&format!("/receipts/{number}"))).await;
    assert_eq!(status, StatusCode::OK);
    let history = &receipt[receipt.find("これまでの経過").unwrap()..receipt.find("申請した内容").expect("the answers")];
    assert!(history.contains("修正した内容") && history.contains("修正前") && history.contains("080-4444-5555"), "{history}");
    let answers = &receipt[receipt.find("<h2>申請した内容").unwrap()..];
    assert!(answers.contains("080-4444-5555") && !answers.contains("022-214-1111"), "the answers as they stand now");
    assert_eq!(get(&applicant, &server.url(&format!("/receipts/{number}"))).await.0, StatusCode::NOT_FOUND, "only the browser that filed it");
    let res = post_form(&applicant, &server.url(&link), &csrf, &[("applicant_phone", "022-214-1111")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "answered once");
    assert_eq!(get(&applicant, &server.url("/corrections/not-the-right-secret-0000000000000000")).await.0, StatusCode::NOT_FOUND);

    // The clerk sees what changed, and approves.
    let (_, detail) = get(&clerk, &detail_url).await;
    assert!(detail.contains("補正済み"));
    assert!(detail.contains("<del>022-214-1111</del>") && detail.contains("<ins>080-4444-5555</ins>"), "the field-by-field difference");
    let csrf = input_value(&detail, "csrf_token");
    let res = post_form(&clerk, &format!("{detail_url}/decision"), &csrf, &[("decision", "approve"), ("reason", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mails = server.sink.wait_for(5, Duration::from_secs(20));
    assert!(mails.iter().any(|m| m.text().contains("許可(承認)されました") && m.text().contains("【教示】")), "the decision, with the appeal-rights notice");
        // The link cannot withdraw a decided application.
    let (status, _) = get(&applicant, &server.url(&format!("{link}/withdraw"))).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // The decision notice (決定通知書) is a PDF behind the emailed link, and on the clerk's page.
    let decision = mails.iter().find(|m| m.text().contains("許可(承認)されました")).unwrap().text();
    let start = decision.find("/documents/").expect("a link to the decision notice");
    let notice: String = decision[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    let res = browser().get(server.url(&notice)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() < 500_000, "{} bytes", pdf.len());
    assert_eq!(get(&browser(), &server.url("/documents/not-the-right-secret-00000000000000000000")).await.0, StatusCode::NOT_FOUND);
    let (_, detail) = get(&clerk, &detail_url).await;
    assert!(detail.contains("notice.pdf"));
    let res = clerk.get(format!("{detail_url}/notice.pdf")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"));
    let other = sign_in(&server, "hoken-nenkin@sendai.example").await;
    assert_eq!(other.get(format!("{detail_url}/notice.pdf")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_ne!(browser().get(format!("{detail_url}/notice.pdf")).send().await.unwrap().status(), StatusCode::OK);
});

e2e_test!(async fn other_departments_supervisors_and_strangers(server) {
    let number = file(&server).await;
    let clerk = sign_in(&server, "koseki-jumin@sendai.example").await;
    let (_, queue) = get(&clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let detail_path = submission_link(&queue);

    // Another department: not found, for reading and for acting; nothing changes.
    let other = sign_in(&server, "hoken-nenkin@sendai.example").await;
    assert_eq!(get(&other, &server.url(&detail_path)).await.0, StatusCode::NOT_FOUND);
    let (_, page) = get(&other, &server.url("/office/queue")).await;
    assert!(!page.contains(&number));
    let csrf = input_value(&page, "csrf_token");
    let res = post_form(&other, &server.url(&format!("{detail_path}/actions")), &csrf, &[("action", "approve")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // Nobody signed in: sent to sign in, nothing changes.
    let stranger = browser();
    let res = stranger.get(server.url(&detail_path)).send().await.unwrap();
    assert_ne!(res.status(), StatusCode::OK);
    assert_eq!(location(&res), "/office/login");

    // The supervisor assigns it to the clerk; the clerk's "mine" filter shows it.
    let chief = sign_in(&server, "koseki-jumin.kacho@sendai.example").await;
    let (_, detail) = get(&chief, &server.url(&detail_path)).await;
    assert!(detail.contains("name=\"assignee\""), "supervisors get the assignment form");
    let csrf = input_value(&detail, "csrf_token");
    let start = detail.find("<option value=\"").unwrap() + "<option value=\"".len();
    let options = &detail[start..];
    let clerk_id = detail
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("戸籍住民課 担当(デモ)") && !o.contains("泉区"))
        .map(|o| o[..o.find('"').unwrap()].to_string())
        .unwrap_or_else(|| options[..options.find('"').unwrap()].to_string());
    let res = post_form(&chief, &server.url(&format!("{detail_path}/actions")), &csrf, &[("action", "assign"), ("assignee", &clerk_id)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, mine) = get(&clerk, &server.url("/office/queue?assignee=me")).await;
    assert!(mine.contains(&number));
    let (_, detail) = get(&clerk, &server.url(&detail_path)).await;
    assert!(!detail.contains("name=\"assignee\""), "clerks do not get the assignment form");
});

e2e_test!(async fn administrators_manage_staff_accounts(server) {
    let admin = sign_in(&server, "admin@sendai.example").await;
    let (status, page) = get(&admin, &server.url("/office/admin/staff")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("koseki-jumin.kacho@sendai.example"));
    assert_eq!(get(&admin, &server.url("/office/queue")).await.0, StatusCode::FORBIDDEN, "administrators see no filings");
    let clerk = sign_in(&server, "koseki-jumin@sendai.example").await;
    assert_eq!(get(&clerk, &server.url("/office/admin/staff")).await.0, StatusCode::FORBIDDEN);

    // A weak first password is refused with what to do; a good one creates the account.
    let csrf = input_value(&page, "csrf_token");
    let fields = |password: &'static str| {
        vec![
            ("login", "wakabayashi.tanto@sendai.example"),
            ("name", "若林 担当"),
            ("department", "koseki-jumin"),
            ("ward", "04104"),
            ("role", "clerk"),
            ("password", password),
        ]
    };
    let res = post_form(&admin, &server.url("/office/admin/staff"), &csrf, &fields("password1234")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("このパスワードは使えません"));
    let res = post_form(&admin, &server.url("/office/admin/staff"), &csrf, &fields("若林区の窓口で会いましょう")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let member = location(&res);

    // Its holder's first sign-in enrols an authenticator: a QR code and the key to type.
    let holder = browser();
    let (_, login) = get(&holder, &server.url("/office/login")).await;
    let res = post_form(&holder, &server.url("/office/login"), &input_value(&login, "csrf_token"), &[("login", "wakabayashi.tanto@sendai.example"), ("password", "若林区の窓口で会いましょう")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, enrol) = get(&holder, &server.url("/office/login/code")).await;
    assert!(enrol.contains("認証アプリの登録") && enrol.contains("<svg"));
    assert!(!enrol.contains("デモ用アカウントの現在のコード"), "real accounts never see their code");
    let marker = "id=\"totp-key\">";
    let key_start = enrol.find(marker).expect("the key to type is shown") + marker.len();
    let secret = &enrol[key_start..key_start + enrol[key_start..].find('<').unwrap()];
    let code = madoguchi_app::kernel::totp::code_at_step(secret, madoguchi_app::kernel::totp::step_of(chrono::Utc::now().timestamp())).unwrap();
    let res = post_form(&holder, &server.url("/office/login/code"), &input_value(&enrol, "csrf_token"), &[("code", &code)]).await;
    assert_eq!(location(&res), "/office/queue");
    assert_eq!(get(&holder, &server.url("/office/queue")).await.0, StatusCode::OK);

    // Disabled by the administrator: the holder's open session stops at once.
    let (_, member_page) = get(&admin, &server.url(&member)).await;
    let res = post_form(&admin, &server.url(&member), &input_value(&member_page, "csrf_token"), &[("name", "若林 担当"), ("department", "koseki-jumin"), ("ward", "04104"), ("role", "clerk")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = holder.get(server.url("/office/queue")).send().await.unwrap();
    assert_eq!(location(&res), "/office/login");
});

e2e_test!(async fn clerks_export_their_filings_and_only_theirs(server) {
    let number = file(&server).await;
    let clerk = sign_in(&server, "koseki-jumin@sendai.example").await;
    let (status, page) = get(&clerk, &server.url("/office/exports")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("value=\"juminhyo-copy\""));
    let res = clerk.get(server.url("/office/exports/file?procedure=juminhyo-copy&format=csv&bom=1")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"juminhyo-copy-"));
    let body = res.bytes().await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains(&number));
    let other = sign_in(&server, "hoken-nenkin@sendai.example").await;
    let res = other.get(server.url("/office/exports/file?procedure=juminhyo-copy&format=json")).send().await.unwrap();
    let json: serde_json::Value = res.json().await.unwrap();
    assert!(json["filings"].as_array().unwrap().is_empty(), "another section's filings never leave");
    // Nobody signed in: no file.
    let res = browser().get(server.url("/office/exports/file?procedure=juminhyo-copy")).send().await.unwrap();
    assert_ne!(res.status(), StatusCode::OK);
});

/// The code shown under the QR code on the resident's counter page.
fn shown_code(page: &str) -> String {
    let marker = "class=\"mono code-display\">";
    let start = page.find(marker).expect("a code on the counter page") + marker.len();
    page[start..start + page[start..].find('<').unwrap()].to_string()
}

e2e_test!(async fn a_pre_entry_is_shown_at_the_counter_and_filed_by_the_clerk(server) {
    // The resident prepares on a phone and asks for a counter code instead of submitting.
    let resident = browser();
    let check = fill_form(&server, &resident).await;
    assert!(check.contains("action=\"/counter/add\""));
    let res = post_form(&resident, &server.url("/counter/add"), &input_value(&check, "csrf_token"), &[("procedure", "juminhyo-copy")]).await;
    assert_eq!(location(&res), "/counter");
    let (status, page) = get(&resident, &server.url("/counter")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<svg") && page.contains("窓口で読み取るQRコード"));
        let code = shown_code(&page);
    assert_eq!(code.len(), 11, "{code}");
    // Every resident POST checks the CSRF token, a new code too.
    let res = resident.post(server.url("/counter/renew")).form(&[("x", "y")]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(shown_code(&get(&resident, &server.url("/counter")).await.1), code, "nothing changed");
    assert!(!page.contains("MDG1-") || !page.contains("仙台 太郎"), "the slip names nobody");
    assert_eq!(server.submissions(), 0, "nothing is filed until the counter");

    // Not for residents or strangers.
    for client in [&resident, &browser()] {
        let res = client.get(server.url("/office/counter")).send().await.unwrap();
        assert_ne!(res.status(), StatusCode::OK);
    }

    let clerk = sign_in(&server, "koseki-jumin@sendai.example").await;
    let (status, form) = get(&clerk, &server.url("/office/counter")).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&form, "csrf_token");
    // A forged QR code: 400; an unknown code: 404; a missing CSRF token: 403.
    let res = post_form(&clerk, &server.url("/office/counter"), &csrf, &[("code", "MDG1-0123456789-4102444800-AAAAAAAAAAAAAAAA")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("受付コードを読み取れません"));
    let res = post_form(&clerk, &server.url("/office/counter"), &csrf, &[("code", "00000-00000")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = clerk.post(server.url("/office/counter")).form(&[("code", code.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Typed in lower case with a space: still found.
    let typed = code.to_lowercase().replace('-', " ");
    let res = post_form(&clerk, &server.url("/office/counter"), &csrf, &[("code", &typed)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let visit = location(&res);
    assert!(visit.starts_with("/office/counter/"));
    let (_, prepared) = get(&clerk, &server.url(&visit)).await;
    assert!(prepared.contains("仙台 太郎") && prepared.contains("受付できます"));
    // Another clerk has to scan the code to see it.
    let other = sign_in(&server, "hoken-nenkin@sendai.example").await;
    assert_eq!(get(&other, &server.url(&visit)).await.0, StatusCode::NOT_FOUND);

    let file_url = server.url(&format!("{visit}/file"));
    let res = post_form(&clerk, &file_url, &csrf, &[("identity", "my_number_card")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "the identity check must be confirmed");
    assert!(res.text().await.unwrap().contains("本人確認書類を選んでください"));
    assert_eq!(server.submissions(), 0);
    let res = post_form(&clerk, &file_url, &csrf, &[("identity", "my_number_card"), ("confirmed", "yes")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(server.submissions(), 1);
    let (_, done) = get(&clerk, &server.url(&visit)).await;
    assert!(done.contains("受付済み") && done.contains("マイナンバーカード"));
    let res = post_form(&clerk, &file_url, &csrf, &[("identity", "my_number_card"), ("confirmed", "yes")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(server.submissions(), 1, "filed once");

    // The clerk's queue has it, filed at the counter by the clerk; the applicant's phone
    // shows the receipt; the slip is used up.
    let (_, queue) = get(&clerk, &server.url("/office/queue")).await;
    let (_, detail) = get(&clerk, &server.url(&submission_link(&queue))).await;
    assert!(detail.contains("窓口"), "the history says it was filed at the counter");
    let (_, slip) = get(&resident, &server.url("/counter")).await;
    assert!(!slip.contains("code-display"));
    let res = post_form(&clerk, &server.url("/office/counter"), &csrf, &[("code", &code)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "a filed visit still opens, to show what was filed");
});

/// The submission ids ticked-able on a queue page.
fn queue_ids(queue: &str) -> Vec<String> {
    queue
        .match_indices("name=\"ids\" value=\"")
        .map(|(i, m)| {
            let start = i + m.len();
            queue[start..start + queue[start..].find('"').unwrap()].to_string()
        })
        .collect()
}

e2e_test!(async fn a_supervisor_assigns_and_exports_what_is_ticked(server) {
    let a = file(&server).await;
    let b = file(&server).await;
    let boss = sign_in(&server, "koseki-jumin.kacho@sendai.example").await;
    let (_, queue) = get(&boss, &server.url("/office/queue?status=open")).await;
    let ids = queue_ids(&queue);
    assert_eq!(ids.len(), 2);
    assert!(queue.contains("id=\"bulk-assignee\""), "supervisors assign in bulk");
    let csrf = input_value(&queue, "csrf_token");

    let assignee_start = queue.find("id=\"bulk-assignee\"").unwrap();
    let opt = &queue[assignee_start..];
    let vstart = opt.find("<option value=\"").unwrap() + "<option value=\"".len();
    let assignee = opt[vstart..vstart + opt[vstart..].find('"').unwrap()].to_string();

    // Nothing ticked: the queue again, saying what to do, nothing changed.
    let res = post_form(&boss, &server.url("/office/queue/bulk"), &csrf, &[("op", "assign"), ("assignee", &assignee), ("back", "status=open")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("申請を選んでください"));

    let mut form: Vec<(&str, &str)> = vec![("op", "assign"), ("assignee", &assignee), ("back", "status=open")];
    for id in &ids {
        form.push(("ids", id));
    }
    let res = post_form(&boss, &server.url("/office/queue/bulk"), &csrf, &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/office/queue?status=open&assigned=2");
    let (_, after) = get(&boss, &server.url(&location(&res))).await;
    assert!(after.contains("2件を割り当てました"));
    assert!(!after.contains("未割当</span>"), "both have a clerk now");

    // Exported together (the clerk can too); a clerk of another section gets nothing.
    let clerk = sign_in(&server, "koseki-jumin@sendai.example").await;
    let (_, mine) = get(&clerk, &server.url("/office/queue")).await;
    let csrf = input_value(&mine, "csrf_token");
    assert!(!mine.contains("id=\"bulk-assignee\""), "clerks do not assign");
    let mut export: Vec<(&str, &str)> = vec![("op", "export"), ("format", "csv"), ("bom", "1")];
    for id in &ids {
        export.push(("ids", id));
    }
    let res = post_form(&clerk, &server.url("/office/queue/bulk"), &csrf, &export).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("juminhyo-copy-"));
    let body = String::from_utf8_lossy(&res.bytes().await.unwrap()).to_string();
    assert!(body.contains(&a) && body.contains(&b));
    let other = sign_in(&server, "hoken-nenkin@sendai.example").await;
    let (_, theirs) = get(&other, &server.url("/office/queue")).await;
    let res = post_form(&other, &server.url("/office/queue/bulk"), &input_value(&theirs, "csrf_token"), &export).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
});

e2e_test!(async fn no_back_office_page_opens_for_residents_or_strangers(server) {
    let number = file(&server).await;
    let clerk = sign_in(&server, "koseki-jumin@sendai.example").await;
    let (_, queue) = get(&clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let detail = submission_link(&queue);
    // A resident with a session of their own, and someone with no cookies at all.
    let resident = browser();
    fill_form(&server, &resident).await;
    let paths = [
        "/office/queue".to_string(),
        "/office/queue?status=open".to_string(),
        detail.clone(),
        format!("{detail}/notice.pdf"),
        format!("{detail}/files/00000000-0000-0000-0000-000000000000"),
        format!("{detail}/reveal"),
        "/office/exports".to_string(),
        "/office/exports/file?procedure=juminhyo-copy&format=csv".to_string(),
        "/office/retention".to_string(),
        "/office/retention.csv".to_string(),
        "/office/counter".to_string(),
        "/office/counter/00000000-0000-0000-0000-000000000000".to_string(),
        "/office/admin/staff".to_string(),
        "/office/login/code".to_string(),
    ];
    for client in [&resident, &browser()] {
        for path in &paths {
            let res = client.get(server.url(path)).send().await.unwrap();
            assert_ne!(res.status(), StatusCode::OK, "GET {path} opened without staff sign-in");
            assert!(res.status().is_client_error() || res.status().is_redirection(), "GET {path}: {}", res.status());
        }
        for path in ["/office/queue/bulk", "/office/counter", &format!("{detail}/actions"), &format!("{detail}/decision")] {
            let res = client.post(server.url(path)).form(&[("x", "y")]).send().await.unwrap();
            assert!(res.status().is_client_error() || res.status().is_redirection(), "POST {path}: {}", res.status());
        }
    }
});
