//! The pages the resident's day added, at 320 px in Chromium: the procedure page with the
//! identity it needs and the purpose of use, the first step with the purpose above it, the
//! accessibility statement, and the status look-up (refused, then found), each checked
//! with axe-core and for sideways scrolling.

use super::*;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn the_new_resident_pages_read_at_320_px_in_chromium() {
    let server = crate::browser_support::server_at_its_own_address(|_| {});
    // A filing to look up, made over HTTP; its key from the receipt page.
    let resident = madoguchi_e2e::browser();
    let res = madoguchi_e2e::file_a_filing(&server, &resident).await;
    let receipt = madoguchi_e2e::location(&res);
    let number = receipt.trim_start_matches("/receipts/").to_string();
    let (_, page) = madoguchi_e2e::get(&resident, &server.url(&receipt)).await;
    let start = page.find("id=\"status-key\">").unwrap() + "id=\"status-key\">".len();
    let key = page[start..start + page[start..].find('<').unwrap()].to_string();

    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    c.goto(&server.url("/p/inu-shibo")).await.unwrap();
    assert!(text(&c, "#identity").await.contains("本人確認"));
    check_page(&c, &axe, "90-procedure-identity-purpose").await;
    c.goto(&server.url("/p/juminhyo-copy")).await.unwrap();
    navigate(&c, "a.button-start").await;
    assert!(text(&c, "#purpose-of-use").await.contains("利用します"));
    check_page(&c, &axe, "91-first-step-purpose").await;

    c.goto(&server.url("/accessibility")).await.unwrap();
    assert!(text(&c, "#conformance").await.contains("配慮"));
    check_page(&c, &axe, "92-accessibility-statement").await;

    // The look-up: a wrong key, then the right one (typed in lower case).
    navigate(&c, "footer a[href='/status']").await;
    check_page(&c, &axe, "93-status-look-up").await;
    type_into(&c, "arrival_number", &number).await;
    type_into(&c, "key", "2222-3333-4444").await;
    continue_(&c).await;
    assert!(
        text(&c, ".error-summary")
            .await
            .contains("確認用コードが違います")
    );
    check_page(&c, &axe, "94-status-look-up-error").await;
    type_into(&c, "key", &key.to_lowercase()).await;
    continue_(&c).await;
    assert!(text(&c, "#status-found").await.contains(&number));
    check_page(&c, &axe, "95-status-found").await;
    c.close().await.unwrap();
}
