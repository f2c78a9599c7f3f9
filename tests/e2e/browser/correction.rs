//! A correction round trip: the office asks, the applicant answers through the link.

use super::*;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_correction_round_trip_in_chromium() {
    let server = TestServer::start(TestDb::sqlite());
    // Filed over HTTP; the pages under test are the office's and the correction's.
    let resident = madoguchi_e2e::browser();
    madoguchi_e2e::file_a_filing(&server, &resident).await;

    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;
    staff_signs_in(&c, &server, "koseki-jumin@sendai.example", 0).await;
    // Search by reading, typed in hiragana.
    type_into(&c, "q", "せんだい").await;
    navigate(&c, "form.filters button[type=submit]").await;
    check_page(&c, &axe, "20-office-queue-search").await;
    navigate(&c, "main a.mono").await;
    navigate(&c, "#form-claim button").await;

    // Asking without choosing an item: the error summary takes the focus.
    type_into(
        &c,
        "correction-reason",
        "日中に連絡のとれる電話番号を入力してください。",
    )
    .await;
    navigate(&c, "#form-request_correction button[type=submit]").await;
    let focused = c
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, Value::from("error-summary"));
    check_page(&c, &axe, "21-office-correction-error").await;
    click(&c, "input[name=fields][value='/applicant_phone']").await;
    let deadline = (chrono::Utc::now() + chrono::Duration::days(7))
        .format("%Y-%m-%d")
        .to_string();
    c.execute(
        "document.getElementById('deadline').value = arguments[0];",
        vec![Value::from(deadline)],
    )
    .await
    .unwrap();
    navigate(&c, "#form-request_correction button[type=submit]").await;
    assert!(text(&c, ".status").await.contains("補正依頼中"));

    // The applicant follows the emailed link on a phone.
    // (After the receipt and the claim's "review started".)
    let mails = server.sink.wait_for(3, Duration::from_secs(20));
    let body = mails
        .iter()
        .find(|m| m.text().contains("/corrections/"))
        .unwrap()
        .text();
    let start = body.find("/corrections/").unwrap();
    let link: String = body[start..]
        .chars()
        .take_while(|ch| !ch.is_whitespace())
        .collect();
    let applicant = browser(&driver, 320).await;
    applicant.goto(&server.url(&link)).await.unwrap();
    check_page(&applicant, &axe, "22-correction").await;
    // Only what the clerk named is asked; every other answer stays as filed.
    let asked = applicant
        .execute(
            "return Array.from(document.querySelectorAll('main form input:not([type=hidden]), main form select, main form textarea')).map(e => e.name);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        asked,
        Value::from(vec!["applicant_phone"]),
        "only the named question"
    );
    type_into(&applicant, "f-applicant_phone", "080-1234-567").await;
    continue_(&applicant).await;
    check_page(&applicant, &axe, "23-correction-error").await;
    type_into(&applicant, "f-applicant_phone", "080-1234-5678").await;
    continue_(&applicant).await;
    assert!(
        text(&applicant, "main")
            .await
            .contains("修正を受け付けました")
    );
    check_page(&applicant, &axe, "24-correction-sent").await;
    navigate(&applicant, "a[href$='/withdraw']").await;
    check_page(&applicant, &axe, "25-withdraw-confirm").await;
    applicant.close().await.unwrap();

    // The clerk sees what changed, and approves.
    c.refresh().await.unwrap();
    assert!(text(&c, "table.diff").await.contains("080-1234-5678"));
    check_page(&c, &axe, "26-office-correction-diff").await;
    let number = text(&c, "h1 .mono").await;
    click(&c, "#decision-approve").await;
    navigate(&c, "#form-decision button[type=submit]").await;
    assert!(text(&c, ".status").await.contains("許可"));
    check_page(&c, &axe, "27-office-approved").await;

    // The queue filtered to approved filings, then the day's export.
    c.goto(&server.url("/office/queue")).await.unwrap();
    c.execute(
        "document.getElementById('status').value = 'approved';",
        vec![],
    )
    .await
    .unwrap();
    navigate(&c, "form.filters button[type=submit]").await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .query()
            .unwrap_or_default()
            .contains("status=approved")
    );
    assert!(text(&c, "table").await.contains(&number));
    check_page(&c, &axe, "28-office-queue-approved").await;
    navigate(&c, "a[href='/office/exports']").await;
    check_page(&c, &axe, "29-office-exports").await;
    // The export form is a plain GET; fetched from the page so the clerk's session is used.
    let csv = c
        .execute_async(
            "const done = arguments[0];
                          const form = document.querySelector('form[action=\"/office/exports/file\"]');
             document.getElementById('procedure').value = 'juminhyo-copy';
             const q = new URLSearchParams(new FormData(form)).toString();
             fetch(form.action + '?' + q, { credentials: 'same-origin' })
               .then(r => r.text()).then(done).catch(e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    let csv = csv.as_str().unwrap_or_default();
    assert!(csv.starts_with("arrival_number,"), "{csv}");
    assert!(
        csv.contains(&number) && csv.contains("080-1234-5678"),
        "{number}: {csv}"
    );
    c.goto(&server.url("/statistics")).await.unwrap();
    check_page(&c, &axe, "30-statistics").await;
    c.close().await.unwrap();

    // The section's supervisor reads who opened the filing, in the audit log.
    let s = browser(&driver, 320).await;
    staff_signs_in(&s, &server, "koseki-jumin.kacho@sendai.example", 0).await;
    navigate(&s, "a[href='/office/audit']").await;
    type_into(&s, "filing", &number).await;
    navigate(&s, "form[action='/office/audit'] button[type=submit]").await;
    let entries = text(&s, "main").await;
    assert!(
        entries.contains("申請の閲覧") && entries.contains("koseki-jumin@sendai.example"),
        "{entries}"
    );
    check_page(&s, &axe, "31-office-audit").await;
    s.close().await.unwrap();
}
