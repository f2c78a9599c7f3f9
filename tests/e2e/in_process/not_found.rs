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

web_test!(async fn an_id_in_a_path_that_cannot_be_one_is_a_404_page_before_any_handler(t) {
    let web = service(&t).await;
    let browser = Browser::default();
    let long = "7".repeat(4000);
    let wrong = [long.as_str(), "%00", "'%20OR%201=1--", "%E3%81%82", "..%2F..%2Fetc%2Fpasswd", &"a".repeat(42)];
    // Each kind of id in a path: a secret link's token, an arrival number, a record's id.
    let kinds = [
        "/corrections/{}", "/corrections/{}/withdraw", "/account/verify/{}", "/account/reset/{}",
        "/resume/{}", "/pay/{}", "/documents/{}", "/receipts/{}", "/receipts/{}/notice.pdf",
        "/receipts/{}/pdf", "/receipts/{}/withdraw",
    ];
    for kind in kinds {
        for id in wrong {
            let path = kind.replace("{}", id);
            let page = browser.get(&web, &path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{kind} {}", &id[..id.len().min(20)]);
            assert!(page.text.contains("ページが見つかりません"), "{kind}: the 404 page, not a bare answer");
        }
    }
    // In the reader's language, and a POST is refused the same way (its body never read).
    let page = browser.send(&web, TestRequest::get().uri("/corrections/short").insert_header(("accept-language", "en"))).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text.contains("Page not found"), "{}", page.text);
    let page = browser.send(&web, TestRequest::post().uri("/corrections/short/withdraw").set_payload("csrf_token=x")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    // A back-office filing's id that is no UUID: the same, for a signed-in clerk too.
    let clerk = Browser::default();
    clerk.set_cookie("__Host-mdg_clerk", &t.sign_in_token("koseki-jumin@sendai.example"));
    assert_eq!(clerk.get(&web, "/office/queue").await.status, StatusCode::OK, "signed in");
    for path in ["/office/submissions/no-such-id", "/office/submissions/%27%20OR%201=1--"] {
        let page = clerk.get(&web, path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.text.contains("ページが見つかりません"), "{path}");
    }
});
