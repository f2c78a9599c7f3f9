//! Paths no route claims, and methods a route does not take (moved from
//! `bad_input`: they need no socket).

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;

use super::support::{Browser, service};

web_test!(async fn unknown_pages_get_a_404_page(t) {
    let web = service(&t).await;
    let browser = Browser::default();
    for path in ["/p/no-such-procedure", "/p/juminhyo-copy/no-such-step", "/nowhere", "/receipts/not-a-number", "/receipts/261122-0000-0000"] {
        let page = browser.get(&web, path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.text.contains("ページが見つかりません"), "{path}");
    }
    let page = browser.send(&web, TestRequest::delete().uri("/procedures")).await;
    assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
});
