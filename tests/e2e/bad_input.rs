//! Hostile and unauthorised requests that need the whole journey are refused and leave
//! nothing behind: a key replayed from another browser, another department's filing. (404s,
//! 405s, CSRF 403s, 413, 400, 415 and 422 are checked in process: `in_process`.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{
    browser, e2e_test, file_a_filing, fill_form, get, input_value, location, post_form,
    staff_sign_in,
};
use reqwest::StatusCode;

e2e_test!(async fn a_key_cannot_be_replayed_from_another_browser(server) {
    let a = browser();
    let check = fill_form(&server, &a).await;
    let key = input_value(&check, "idempotency_key");
    let res = post_form(&a, &server.url("/p/juminhyo-copy/submit"), &input_value(&check, "csrf_token"), &[("idempotency_key", &key)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let b = browser();
    let check_b = fill_form(&server, &b).await;
    let res = post_form(&b, &server.url("/p/juminhyo-copy/submit"), &input_value(&check_b, "csrf_token"), &[("idempotency_key", &key)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(server.submissions(), 1);
});

e2e_test!(async fn clerks_see_only_their_department_and_need_to_sign_in(server) {
    let resident = browser();
    file_a_filing(&server, &resident).await;

    // Signed out: the office sends you to sign in.
    let anonymous = browser();
    let res = anonymous.get(server.url("/office/queue")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/office/login");

    // The juminhyo clerk sees it; the pension clerk does not, even by URL.
    let koseki = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let (_, queue) = get(&koseki, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("listed") + marker.len();
    let id = queue[start..start + queue[start..].find('"').unwrap()].to_string();
    let hoken = staff_sign_in(&server, "hoken-nenkin@sendai.example").await;
    let (_, other_queue) = get(&hoken, &server.url("/office/queue")).await;
    assert!(!other_queue.contains(&id));
    let (status, _) = get(&hoken, &server.url(&format!("/office/submissions/{id}"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, own_page) = get(&hoken, &server.url("/office/queue")).await;
    let res = post_form(&hoken, &server.url(&format!("/office/submissions/{id}/decision")), &input_value(&own_page, "csrf_token"), &[("decision", "approve")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // A decision without the CSRF token is refused.
    let res = koseki.post(server.url(&format!("/office/submissions/{id}/decision"))).form(&[("decision", "approve")]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (_, detail) = get(&koseki, &server.url(&format!("/office/submissions/{id}"))).await;
    assert!(detail.contains("status-arrived"), "still undecided");
});
