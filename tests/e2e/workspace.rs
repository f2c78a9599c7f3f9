//! The clerk's workspace: staff pages wear staff chrome (the signed-in person, the queue,
//! sign-out) and none of the resident's (sign-in link, furigana switch, "this browser"
//! footer), while resident pages keep theirs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, get, staff_sign_in};
use reqwest::StatusCode;

/// What only resident pages carry.
const RESIDENT_CHROME: &[&str] = &[
    "class=\"account-link\"",
    "class=\"furigana-switch\"",
    "このブラウザで申請した手続の状況",
    "電話や窓口でも手続ができます",
];

fn resident_chrome_absent(path: &str, page: &str) {
    for chrome in RESIDENT_CHROME {
        assert!(!page.contains(chrome), "{path} shows {chrome}");
    }
}

/// The name in the staff bar ("name(section)").
fn bar_name(page: &str) -> &str {
    let marker = "<span class=\"office-name\">";
    let start = page.find(marker).expect("the staff bar names the clerk") + marker.len();
    &page[start..start + page[start..].find("</span>").unwrap()]
}

e2e_test!(async fn staff_pages_wear_staff_chrome_and_resident_pages_their_own(server) {
    // A resident page: the sign-in link, the furigana switch and the "this browser" footer.
    let resident = browser();
    let (status, page) = get(&resident, &server.url("/p/tennyu-yoyaku/notifier")).await;
    assert_eq!(status, StatusCode::OK);
    for chrome in RESIDENT_CHROME {
        assert!(page.contains(chrome), "resident pages show {chrome}");
    }
    assert!(!page.contains("class=\"office-bar\"") && !page.contains("/office/logout"));

    // The staff sign-in: staff pages before anyone is signed in.
    let (status, login) = get(&browser(), &server.url("/office/login")).await;
    assert_eq!(status, StatusCode::OK);
    resident_chrome_absent("/office/login", &login);
    assert!(login.contains("オンライン窓口 職員用"), "the staff service name");

    // Signed in: the clerk's name, the queue and sign-out on every staff page.
    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    for path in ["/office/queue", "/office/counter", "/office/exports"] {
        let (status, page) = get(&clerk, &server.url(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        resident_chrome_absent(path, &page);
        assert!(bar_name(&page).contains('('), "{path}: name(section)");
        assert!(page.contains("<a href=\"/office/queue\">"), "{path}: the queue link");
        assert!(page.contains("action=\"/office/logout\""), "{path}: sign-out");
    }

    // Administrators' pages too.
    let admin = staff_sign_in(&server, "admin@sendai.example").await;
    let (status, page) = get(&admin, &server.url("/office/admin/staff")).await;
    assert_eq!(status, StatusCode::OK);
    resident_chrome_absent("/office/admin/staff", &page);
    assert!(!bar_name(&page).is_empty() && page.contains("action=\"/office/logout\""));
});
