//! The whole journey over HTTP against the real server: a resident files the resident-record
//! request from a phone (with a mistake, then fixed), a clerk approves it, and the emails
//! arrive through a real SMTP conversation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use madoguchi_e2e::{
    APPLICANT, browser, e2e_test, enter_demo_code, file_a_filing, fill_form, get, input_value,
    location, post_form,
};
use reqwest::StatusCode;

e2e_test!(async fn resident_files_clerk_approves_email_arrives(server) {
    let resident = browser();

    // Find the procedure (home page, its category) and open its first step.
    let (status, home) = get(&resident, &server.url("/procedures")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("href=\"/procedures/certificates\""));
    let (status, list) = get(&resident, &server.url("/procedures/certificates")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("住民票の写しの交付請求"));
    let (status, start) = get(&resident, &server.url("/p/juminhyo-copy")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(start.contains("300円") && start.contains("href=\"/p/juminhyo-copy/applicant\""));
    let (_, step) = get(&resident, &server.url("/p/juminhyo-copy/applicant")).await;
    let csrf = input_value(&step, "csrf_token");

    // A mistake: the furigana typed half in romaji (all in romaji would be the name as the
    // resident register writes a foreign resident's). The form comes back with the answers kept,
    // an error summary linking to the field, and the message beside the field.
    let mut wrong: Vec<(&str, &str)> = APPLICANT.to_vec();
    wrong.iter_mut().filter(|(k, _)| *k == "applicant_name_kana").for_each(|(_, v)| *v = "Sendai たろう");
    let res = post_form(&resident, &server.url("/p/juminhyo-copy/applicant"), &csrf, &wrong).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("<title>エラー: "), "the title says there is an error");
    assert!(page.contains("class=\"error-summary\""));
    assert!(page.contains("href=\"#f-applicant_name_kana\""), "the summary links to the field");
    assert!(page.contains("氏名(フリガナ)はカタカナ(例: ヤマダ タロウ)か"), "{page}");
    assert!(page.contains("value=\"仙台 太郎\""), "what was typed is kept");
    assert!(!page.contains("is not a \"katakana\""), "no raw validator text");
    assert_eq!(server.drafts(), 0, "nothing saved from a wrong step");

    // Fixed (hiragana is accepted and turned into katakana), then the other steps.
    let check = fill_form(&server, &resident).await;
    assert!(check.contains("センダイ\u{3000}タロウ"), "the check page shows the normalised furigana");
    assert!(check.contains("1985年4月1日"));
    assert!(check.contains("300円 × 2通 = 600円"));
    let key = input_value(&check, "idempotency_key");
    let csrf = input_value(&check, "csrf_token");

    // Submit, and submit again with the same key (a double tap): one submission, one receipt.
    let first = post_form(&resident, &server.url("/p/juminhyo-copy/submit"), &csrf, &[("idempotency_key", &key)]).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let receipt_url = location(&first);
    let second = post_form(&resident, &server.url("/p/juminhyo-copy/submit"), &csrf, &[("idempotency_key", &key)]).await;
    assert_eq!(location(&second), receipt_url);
    assert_eq!(server.submissions(), 1);
    let number = receipt_url.trim_start_matches("/receipts/").to_string();
    let (status, receipt) = get(&resident, &server.url(&receipt_url)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(receipt.contains(&number) && receipt.contains("申請が到達しました"));
        // Another browser cannot open the receipt.
    assert_eq!(get(&browser(), &server.url(&receipt_url)).await.0, StatusCode::NOT_FOUND);
    // The receipt as a PDF (受付控え), for the same browser only.
    assert!(receipt.contains(&format!("{receipt_url}/pdf")));
    let res = resident.get(server.url(&format!("{receipt_url}/pdf"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"));
    let res = browser().get(server.url(&format!("{receipt_url}/pdf"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // The clerk signs in, finds it in the queue, opens it, approves it.
    let clerk = browser();
    let (_, login) = get(&clerk, &server.url("/office/login")).await;
    let csrf = input_value(&login, "csrf_token");
    let res = post_form(&clerk, &server.url("/office/login"), &csrf, &[("login", "koseki-jumin@sendai.example"), ("password", "wrong")]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = post_form(&clerk, &server.url("/office/login"), &csrf, &[("login", "koseki-jumin@sendai.example"), ("password", "madoguchi-demo")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"), "{cookie}");
    assert!(cookie.starts_with("__Host-"), "https deployments use __Host- cookies: {cookie}");
    // The password alone opens nothing: the second factor first.
    let res = clerk.get(server.url("/office/queue")).send().await.unwrap();
    assert_eq!(location(&res), "/office/login");
    assert_eq!(enter_demo_code(&server, &clerk).await, "/office/queue");
    let (status, queue) = get(&clerk, &server.url("/office/queue")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains(&number) && queue.contains("仙台 太郎"));
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).unwrap() + marker.len();
    let id = &queue[start..start + queue[start..].find('"').unwrap()];
    let detail_url = server.url(&format!("/office/submissions/{id}"));
    let (_, detail) = get(&clerk, &detail_url).await;
    assert!(detail.contains("センダイ\u{3000}タロウ"));
    let csrf = input_value(&detail, "csrf_token");
    let res = post_form(&clerk, &format!("{detail_url}/decision"), &csrf, &[("decision", "reject"), ("reason", "")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "a rejection needs a reason");
    // Approved with a note the clerk marks for the applicant (the box is ticked as the
    // form comes).
    assert!(detail.contains("id=\"tell-applicant\" name=\"tell_applicant\" value=\"yes\" checked"), "{detail}");
    let note = "12月10日(木)に郵送します";
    let res = post_form(&clerk, &format!("{detail_url}/decision"), &csrf, &[("decision", "approve"), ("reason", note), ("tell_applicant", "yes")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, detail) = get(&clerk, &detail_url).await;
    assert!(detail.contains("status-approved"));
    // The fee is asked for after approval: 完結 waits for it, and the page says so.
    assert!(!detail.contains("id=\"form-close\""), "完結 is not offered while the fee is unpaid");
    assert!(detail.contains("id=\"close-waits-for-fee\""));
    let res = post_form(&clerk, &format!("{detail_url}/decision"), &csrf, &[("decision", "reject"), ("reason", "やはり却下")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "a decided application cannot be decided again");

    // The receipt, the decision and (the certificate's fee is paid once approved: 事後決済)
    // the request to pay arrive through SMTP, to the resident only, with the arrival number.
    let mails = server.sink.wait_for(3, Duration::from_secs(20));
    for mail in &mails {
        assert_eq!(mail.to, ["taro@example.jp"]);
        assert!(mail.text().contains(&number), "{}", mail.text());
        assert!(!mail.text().contains("センダイ"), "answers stay out of email");
    }
    let subjects: Vec<String> = mails.iter().map(|m| m.header("Subject").unwrap_or_default()).collect();
    assert_eq!(subjects.len(), 3);
    let decision = mails.iter().find(|m| m.text().contains("決定通知書")).expect("the decision mail");
    assert!(decision.text().contains("許可(承認)されました"));
    assert!(decision.text().replace("\r\n", "\n").contains(&format!("市からのお知らせ:\n{note}")), "the note reaches the applicant: {}", decision.text());
    assert!(mails.iter().any(|m| m.text().contains("手数料 600円 のお支払いをお願いします")), "the request to pay");
        assert!(decision.text().contains("【教示】") && decision.text().contains("仙台市長に対して審査請求"), "the decision carries the appeal-rights notice");
    // Plain text first, the same words as HTML after it.
    let data = decision.data.to_ascii_lowercase();
    let (plain, html) = (data.find("content-type: text/plain").unwrap(), data.find("content-type: text/html").unwrap());
        assert!(plain < html && data.contains("multipart/alternative"));

    // The resident's "my applications" shows the decision, and the notice opens for them only.
    let (status, mine) = get(&resident, &server.url("/my")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(mine.contains(&number) && mine.contains("status-approved"));
    let (_, receipt) = get(&resident, &server.url(&receipt_url)).await;
    assert!(receipt.contains(&format!("/receipts/{number}/notice.pdf")));
    // The receipt leads with the outcome (the fee still to pay), then the office's note.
    assert!(receipt.contains("<h1 class=\"panel-title\">認められました。手数料をお支払いください</h1>"), "{receipt}");
    assert!(receipt.contains(&format!("<p class=\"notice-text\">{note}</p>")));
    assert!(!receipt.contains("審査の結果もメールでお知らせします"), "no longer waiting for a result");
    let res = resident.get(server.url(&format!("/receipts/{number}/notice.pdf"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"));
    assert_eq!(browser().get(server.url(&format!("/receipts/{number}/notice.pdf"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let (_, nobody) = get(&browser(), &server.url("/my")).await;
    assert!(!nobody.contains(&number), "another browser sees nothing");
});

e2e_test!(async fn fifty_parallel_submits_over_http_store_one(server) {
    let resident = browser();
    let check = fill_form(&server, &resident).await;
    let key = input_value(&check, "idempotency_key");
    let csrf = input_value(&check, "csrf_token");
    let url = server.url("/p/juminhyo-copy/submit");
    let requests = (0..50).map(|_| {
        let (client, url, csrf, key) = (resident.clone(), url.clone(), csrf.clone(), key.clone());
        async move { post_form(&client, &url, &csrf, &[("idempotency_key", &key)]).await }
    });
    let responses = futures_util::future::join_all(requests).await;
    let locations: std::collections::HashSet<String> = responses
        .iter()
        .map(|r| {
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            location(r)
        })
        .collect();
    assert_eq!(locations.len(), 1, "every request got the same receipt");
    assert_eq!(server.submissions(), 1);
});

e2e_test!(async fn mail_waits_while_smtp_refuses_and_arrives_after(server) {
    server.sink.set_refusing(true);
    let resident = browser();
    let res = file_a_filing(&server, &resident).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the submission succeeds while mail is down");
    assert_eq!(server.submissions(), 1);
    // The worker has tried (and been refused) at least twice, backing off between tries.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while server.sink.sessions() < 2 {
        assert!(std::time::Instant::now() < deadline, "the worker did not retry");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(server.sink.received().is_empty());
    server.sink.set_refusing(false);
    let mails = server.sink.wait_for(1, Duration::from_secs(20));
    let number = location(&res).trim_start_matches("/receipts/").to_string();
    assert!(mails[0].text().contains(&number));
});

/// A `multipart/form-data` body as a browser sends it.
fn multipart(
    boundary: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, filename, bytes)) = file {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

e2e_test!(async fn documents_are_attached_on_the_step_and_bad_files_leave_nothing(server) {
    let resident = browser();
    let url = server.url("/p/jido-teate-nintei/payment/files");
    let (status, step) = get(&resident, &server.url("/p/jido-teate-nintei/payment")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(step.contains("name=\"file:bankbook_copy\"") && step.contains("formenctype=\"multipart/form-data\""));
    let csrf = input_value(&step, "csrf_token");
    let send = |body: Vec<u8>| {
        let (resident, url) = (resident.clone(), url.clone());
        async move {
            resident.post(url).header("content-type", "multipart/form-data; boundary=XyZ").body(body).send().await.unwrap()
        }
    };
    let pdf: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <<>> endobj\n";
    let fields = [("csrf_token", csrf.as_str()), ("payment_account", "other_account"), ("_file", "bankbook_copy")];

    // Attached: the step comes back with the file listed and what was chosen kept.
    let res = send(multipart("XyZ", &fields, Some(("file:bankbook_copy", "通帳.pdf", pdf)))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("通帳.pdf") && page.contains("value=\"other_account\" checked"), "{page}");

    // Refused, each with its status and nothing stored.
    let res = send(multipart("XyZ", &fields, Some(("file:bankbook_copy", "../../etc/passwd.pdf", pdf)))).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("ファイル名を確認してください"));
    let res = send(multipart("XyZ", &fields, Some(("file:bankbook_copy", "invoice.pdf", b"MZ\x90\x00 this is a program")))).await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(res.text().await.unwrap().contains("この種類のファイルは添付できません"));
    let res = send(multipart("XyZ", &[("csrf_token", "forged")], Some(("file:bankbook_copy", "a.pdf", pdf)))).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let big = vec![b'0'; madoguchi_app::kernel::MAX_FILE_BYTES + 1];
    let res = send(multipart("XyZ", &fields, Some(("file:bankbook_copy", "big.pdf", &[pdf, &big].concat())))).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (_, again) = get(&resident, &server.url("/p/jido-teate-nintei/payment")).await;
    assert_eq!(again.matches("class=\"file-name\"").count(), 1, "only the good file is there");
    // Another browser sees none of it and cannot remove it.
    let (_, theirs) = get(&browser(), &server.url("/p/jido-teate-nintei/payment")).await;
    assert!(!theirs.contains("通帳.pdf"));
    let id_at = again.find("name=\"_attachment\" value=\"").unwrap() + "name=\"_attachment\" value=\"".len();
    let id = &again[id_at..id_at + again[id_at..].find('"').unwrap()];
    let stranger = browser();
    let (_, s) = get(&stranger, &server.url("/p/jido-teate-nintei/payment")).await;
    let res = post_form(&stranger, &server.url("/p/jido-teate-nintei/payment/files/remove"), &input_value(&s, "csrf_token"), &[("_attachment", id)]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
        // The owner removes it.
    let res = post_form(&resident, &server.url("/p/jido-teate-nintei/payment/files/remove"), &csrf, &[("_attachment", id)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(!res.text().await.unwrap().contains("通帳.pdf"));

    // Attached again and filed: the file goes with the application to the section's clerk.
    let res = send(multipart("XyZ", &fields, Some(("file:bankbook_copy", "通帳のコピー.pdf", pdf)))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let form = madoguchi_testkit::defaults::form("jido-teate-nintei");
    let example = madoguchi_testkit::defaults::example_today("jido-teate-nintei", "first-baby-public-account.json");
    let data = form.normalize_json(example);
    for step in form.shown_steps(&data) {
        let pairs = madoguchi_forms::input::posted_from_data(step, &data);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = post_form(&resident, &server.url(&format!("/p/jido-teate-nintei/{}", step.id)), &csrf, &pairs).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {}", step.id);
    }
    let (_, check) = get(&resident, &server.url("/p/jido-teate-nintei/check")).await;
    assert!(check.contains("通帳のコピー.pdf"), "the check page lists the file");
    let res = post_form(&resident, &server.url("/p/jido-teate-nintei/submit"), &input_value(&check, "csrf_token"), &[("idempotency_key", &input_value(&check, "idempotency_key"))]).await;
    let receipt_url = location(&res);
    let (_, receipt) = get(&resident, &server.url(&receipt_url)).await;
    assert!(receipt.contains("通帳のコピー.pdf"));
    let clerk = madoguchi_e2e::staff_sign_in(&server, "hoken-nenkin@sendai.example").await;
    let number = receipt_url.trim_start_matches("/receipts/");
    let (_, queue) = get(&clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let at = queue.find("href=\"/office/submissions/").unwrap() + "href=\"".len();
    let detail_path = &queue[at..at + queue[at..].find('"').unwrap()];
    let (_, detail) = get(&clerk, &server.url(detail_path)).await;
    let at = detail.find("/files/").expect("a link to the file") ;
    let start = detail[..at].rfind('"').unwrap() + 1;
    let file_path = &detail[start..at + detail[at..].find('"').unwrap()];
    let res = clerk.get(server.url(file_path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf);
    assert_ne!(browser().get(server.url(file_path)).send().await.unwrap().status(), StatusCode::OK);
});

e2e_test!(async fn a_correction_asks_for_a_document_and_the_applicant_attaches_it(server) {
    // Filed without the bankbook copy.
    let resident = browser();
    let form = madoguchi_testkit::defaults::form("jido-teate-nintei");
    let example = madoguchi_testkit::defaults::example_today("jido-teate-nintei", "first-baby-public-account.json");
    let data = form.normalize_json(example);
    let (_, first) = get(&resident, &server.url("/p/jido-teate-nintei/claimant")).await;
    let csrf = input_value(&first, "csrf_token");
    for step in form.shown_steps(&data) {
        let pairs = madoguchi_forms::input::posted_from_data(step, &data);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        post_form(&resident, &server.url(&format!("/p/jido-teate-nintei/{}", step.id)), &csrf, &pairs).await;
    }
    let (_, check) = get(&resident, &server.url("/p/jido-teate-nintei/check")).await;
    let res = post_form(&resident, &server.url("/p/jido-teate-nintei/submit"), &csrf, &[("idempotency_key", &input_value(&check, "idempotency_key"))]).await;
    let number = location(&res).trim_start_matches("/receipts/").to_string();

    // The clerk asks for the document.
    let clerk = madoguchi_e2e::staff_sign_in(&server, "hoken-nenkin@sendai.example").await;
    let (_, queue) = get(&clerk, &server.url(&format!("/office/queue?q={number}"))).await;
    let at = queue.find("href=\"/office/submissions/").unwrap() + "href=\"".len();
    let detail_url = server.url(&queue[at..at + queue[at..].find('"').unwrap()]);
    let (_, detail) = get(&clerk, &detail_url).await;
    let ccsrf = input_value(&detail, "csrf_token");
    post_form(&clerk, &format!("{detail_url}/actions"), &ccsrf, &[("action", "claim")]).await;
    let deadline = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
    let res = post_form(&clerk, &format!("{detail_url}/actions"), &ccsrf, &[("action", "request_correction"), ("fields", "/bankbook_copy"), ("reason", "通帳の写しを添付してください。"), ("deadline", &deadline)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mails = server.sink.wait_for(3, Duration::from_secs(20));
    let body = mails.iter().find(|m| m.text().contains("/corrections/")).unwrap().text();
    let start = body.find("/corrections/").unwrap();
    let link: String = body[start..].chars().take_while(|c| !c.is_whitespace()).collect();

    // The applicant attaches it through the link and sends the correction.
    let applicant = browser();
    let (_, page) = get(&applicant, &server.url(&link)).await;
    assert!(page.contains("name=\"file:bankbook_copy\""));
    let acsrf = input_value(&page, "csrf_token");
    let res = post_form(&applicant, &server.url(&link), &acsrf, &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("のファイルを添付してください"));
    let pdf: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n";
    let res = applicant.post(server.url(&format!("{link}/files"))).header("content-type", "multipart/form-data; boundary=XyZ")
        .body(multipart("XyZ", &[("csrf_token", acsrf.as_str()), ("_file", "bankbook_copy")], Some(("file:bankbook_copy", "通帳.pdf", pdf))))
        .send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("通帳.pdf"));
    let res = post_form(&applicant, &server.url(&link), &acsrf, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, detail) = get(&clerk, &detail_url).await;
    assert!(detail.contains("通帳.pdf") && detail.contains("補正で提出"));
});

/// The relay refuses every attempt: the message is given up, the section's clerks see it
/// under "undelivered emails" (another section's do not), and "send again" delivers it once
/// the relay is back.
#[actix_web::test]
async fn undelivered_mail_is_listed_for_the_section_and_sent_again() {
    let server = madoguchi_e2e::TestServer::start_with(madoguchi_testkit::TestDb::sqlite(), |s| {
        s.mail_max_attempts = 2
    });
    server.sink.set_refusing(true);
    let resident = browser();
    let res = file_a_filing(&server, &resident).await;
    let number = location(&res).trim_start_matches("/receipts/").to_string();
    let clerk = madoguchi_e2e::staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let page = loop {
        let (status, page) = get(&clerk, &server.url("/office/deliveries")).await;
        assert_eq!(status, StatusCode::OK);
        if page.contains(&number) {
            break page;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the receipt mail was not given up: {page}"
        );
        actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(page.contains("到達のお知らせ") && page.contains("taro@example.jp"));
    let other = madoguchi_e2e::staff_sign_in(&server, "sodai-gomi@sendai.example").await;
    let (_, theirs) = get(&other, &server.url("/office/deliveries")).await;
    assert!(!theirs.contains(&number), "another section does not see it");
    let marker = "action=\"/office/deliveries/";
    let start = page.find(marker).unwrap() + marker.len();
    let retry = format!(
        "/office/deliveries/{}",
        &page[start..start + page[start..].find('"').unwrap()]
    );
    let res = post_form(
        &other,
        &server.url(&retry),
        &input_value(&theirs, "csrf_token"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "nor send it");
    server.sink.set_refusing(false);
    let res = post_form(
        &clerk,
        &server.url(&retry),
        &input_value(&page, "csrf_token"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mails = server.sink.wait_for(1, Duration::from_secs(20));
    assert!(mails[0].text().contains(&number));
    let (_, page) = get(&clerk, &server.url("/office/deliveries")).await;
    assert!(!page.contains(&number), "delivered: no longer listed");
    let res = post_form(
        &clerk,
        &server.url(&retry),
        &input_value(&page, "csrf_token"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "not failed any more");
}

e2e_test!(async fn the_receipt_shows_the_history_and_withdraws_after_a_confirmation(server) {
    let resident = browser();
    let res = file_a_filing(&server, &resident).await;
    let receipt_url = location(&res);
    let (_, receipt) = get(&resident, &server.url(&receipt_url)).await;
    assert!(receipt.contains("これまでの経過") && receipt.contains("申請が到達しました"));
    let withdraw = format!("{receipt_url}/withdraw");
    assert!(receipt.contains(&format!("href=\"{withdraw}\"")));
    // Only the browser that filed it.
    assert_eq!(get(&browser(), &server.url(&withdraw)).await.0, StatusCode::NOT_FOUND);
    let (status, confirm) = get(&resident, &server.url(&withdraw)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(confirm.contains("この申請を取り下げますか"));
    let csrf = input_value(&confirm, "csrf_token");
    // Not ticked: asked again, nothing changed.
    let res = post_form(&resident, &server.url(&withdraw), &csrf, &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("確認のチェックを入れてください"));
    let res = post_form(&resident, &server.url(&withdraw), &csrf, &[("confirm", "yes")]).await;
    assert_eq!(location(&res), receipt_url);
    let (_, receipt) = get(&resident, &server.url(&receipt_url)).await;
    assert!(receipt.contains("取り下げました") && !receipt.contains(&format!("href=\"{withdraw}\"")));
    let res = post_form(&resident, &server.url(&withdraw), &csrf, &[("confirm", "yes")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "once");
    let mails = server.sink.wait_for(2, Duration::from_secs(20));
    assert!(mails.iter().any(|m| m.text().contains("申請の取下げを受け付けました")));
});

e2e_test!(async fn a_draft_continues_on_another_device_from_an_emailed_link(server) {
    let laptop = browser();
    fill_form(&server, &laptop).await;
    let (_, mine) = get(&laptop, &server.url("/my")).await;
    assert!(mine.contains("入力の途中の手続") && mine.contains("この日時を過ぎると消えます"), "{mine}");
    let (_, step) = get(&laptop, &server.url("/p/juminhyo-copy/applicant")).await;
    assert!(step.contains("24時間で消えます"), "each step says how long answers are kept");
    let csrf = input_value(&mine, "csrf_token");
    // A wrong address: the list again, with the error at the field; nothing sent.
    let res = post_form(&laptop, &server.url("/p/juminhyo-copy/resume-link"), &csrf, &[("email", "taro.example.jp")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("href=\"#email-juminhyo-copy\"") && page.contains("value=\"taro.example.jp\""));
    let res = post_form(&laptop, &server.url("/p/juminhyo-copy/resume-link"), &csrf, &[("email", "taro@example.jp")]).await;
    assert_eq!(location(&res), "/my?sent=juminhyo-copy");
    let mails = server.sink.wait_for(1, Duration::from_secs(20));
    let text = mails[0].text();
    let start = text.find("https://madoguchi.test/resume/").unwrap();
    let link = text[start..].split_whitespace().next().unwrap().to_string();
    let link = server.url(link.trim_start_matches("https://madoguchi.test"));

    // The phone opens it: the answers are there, and gone from the laptop.
    let phone = browser();
    let res = phone.get(&link).send().await.unwrap();
    assert_eq!(location(&res), "/p/juminhyo-copy/check");
    let (status, check) = get(&phone, &server.url("/p/juminhyo-copy/check")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(check.contains("センダイ\u{3000}タロウ"));
    let (_, mine) = get(&laptop, &server.url("/my")).await;
    assert!(!mine.contains("入力の途中の手続"));
    // Once only; an unknown link is not found.
    assert_eq!(browser().get(&link).send().await.unwrap().status(), StatusCode::GONE);
    assert_eq!(browser().get(server.url("/resume/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let res = post_form(&phone, &server.url("/p/juminhyo-copy/submit"), &input_value(&check, "csrf_token"), &[("idempotency_key", &input_value(&check, "idempotency_key"))]).await;
    assert!(location(&res).starts_with("/receipts/"));
    // Filed (the draft is gone): the link still says it was spent, not "not found".
    assert_eq!(browser().get(&link).send().await.unwrap().status(), StatusCode::GONE);
});
