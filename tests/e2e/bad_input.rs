//! Oversized, malformed, hostile and unauthorised requests are refused with the right status
//! and leave nothing behind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{
    APPLICANT, browser, e2e_test, fill_form, get, input_value, location, post_form, staff_sign_in,
};
use reqwest::StatusCode;

e2e_test!(async fn unknown_pages_get_a_404_page(server) {
    let client = browser();
    for path in ["/p/no-such-procedure", "/p/juminhyo-copy/no-such-step", "/nowhere", "/receipts/not-a-number", "/receipts/261122-0000-0000"] {
        let (status, page) = get(&client, &server.url(path)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.contains("ページが見つかりません"), "{path}");
    }
    let res = client.delete(server.url("/procedures")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
});

e2e_test!(async fn refused_requests_store_nothing(server) {
    let client = browser();
    let (_, page) = get(&client, &server.url("/p/juminhyo-copy/applicant")).await;
    let csrf = input_value(&page, "csrf_token");
    let step = server.url("/p/juminhyo-copy/applicant");

    // Missing and wrong CSRF tokens.
    let res = client.post(&step).form(&APPLICANT.to_vec()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("ページの有効期限が切れました"));
    let res = post_form(&client, &step, "forged-token", APPLICANT).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A different browser's valid token does not work with this browser's cookie.
    let other = browser();
    let (_, other_page) = get(&other, &server.url("/p/juminhyo-copy/applicant")).await;
    let res = post_form(&client, &step, &input_value(&other_page, "csrf_token"), APPLICANT).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // Too large (declared and streamed).
    let huge = "あ".repeat(40_000);
    let res = post_form(&client, &step, &csrf, &[("applicant_name", &huge)]).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Malformed body and the wrong content type.
    let body = format!("csrf_token={csrf}&applicant_name=%zz");
    let res = client.post(&step).header("content-type", "application/x-www-form-urlencoded").body(body).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = client.post(&step).header("content-type", "application/json").body("{}").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // Invalid data: 422 with the form again.
    let res = post_form(&client, &step, &csrf, &[("applicant_name", "")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("氏名を入力してください"));

    // Submitting without a key, or with nothing filled in.
    let submit = server.url("/p/juminhyo-copy/submit");
    let res = post_form(&client, &submit, &csrf, &[]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = post_form(&client, &submit, &csrf, &[("idempotency_key", "0f8fad5b-d9cb-469f-a165-70867728950e")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "no draft to submit");

    assert_eq!(server.drafts(), 0);
    assert_eq!(server.submissions(), 0);
});

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
    let check = fill_form(&server, &resident).await;
    post_form(&resident, &server.url("/p/juminhyo-copy/submit"), &input_value(&check, "csrf_token"), &[("idempotency_key", &input_value(&check, "idempotency_key"))]).await;

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
