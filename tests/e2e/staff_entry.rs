//! Staff entry (issue 44 item 2): a clerk enters a resident's procedure at the desk through
//! the same pages and checks a resident uses, opens the slip from the same browser without a
//! code, checks identity and files; the filing says who entered it, and the figures count it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{e2e_test, fill_form, get, input_value, location, post_form};
use reqwest::StatusCode;

e2e_test!(async fn a_clerk_enters_a_procedure_for_a_resident_and_files_it(server) {
    let clerk = madoguchi_e2e::staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let (status, counter) = get(&clerk, &server.url("/office/counter")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(counter.contains("住民に代わって入力する") && counter.contains("action=\"/office/counter/entries\""), "{counter}");
    let csrf = input_value(&counter, "csrf_token");
    // Without the form's token nothing starts; a resident cannot start one.
    let res = clerk.post(server.url("/office/counter/entries")).form(&[("x", "y")]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let stranger = madoguchi_e2e::browser();
    let page = get(&stranger, &server.url("/p/juminhyo-copy/applicant")).await.1;
    let res = post_form(&stranger, &server.url("/office/counter/entries"), &input_value(&page, "csrf_token"), &[]).await;
    assert!(location(&res).starts_with("/office/login"), "to sign in: {}", location(&res));

    // Started: on to the procedures, with a fresh resident session in this browser.
    let res = post_form(&clerk, &server.url("/office/counter/entries"), &csrf, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/procedures");
    let (_, slip) = get(&clerk, &server.url("/counter")).await;
    assert!(slip.contains("職員が住民に代わって入力しています。") && slip.contains("href=\"/procedures\""), "{slip}");
    // The same steps and checks as a resident's; on the slip from the check page.
    let check = fill_form(&server, &clerk).await;
    let res = post_form(&clerk, &server.url("/counter/add"), &input_value(&check, "csrf_token"), &[("procedure", "juminhyo-copy")]).await;
    assert_eq!(location(&res), "/counter");
    let (_, slip) = get(&clerk, &server.url("/counter")).await;
    assert!(slip.contains("action=\"/office/counter/entries/open\""), "{slip}");
    // Opened from the same browser, no code typed.
    let res = post_form(&clerk, &server.url("/office/counter/entries/open"), &input_value(&slip, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let visit = location(&res);
    assert!(visit.starts_with("/office/counter/"), "{visit}");
    let (_, prepared) = get(&clerk, &server.url(&visit)).await;
    assert!(prepared.contains("仙台 太郎") && prepared.contains("受付できます"), "{prepared}");
    // Another clerk's browser has no entry to open.
    let other = madoguchi_e2e::staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let page = get(&other, &server.url("/office/counter")).await.1;
    let res = post_form(&other, &server.url("/office/counter/entries/open"), &input_value(&page, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let res = post_form(&clerk, &server.url(&format!("{visit}/file")), &csrf, &[("identity", "driving_licence"), ("confirmed", "yes")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(server.submissions(), 1);
    let (_, done) = get(&clerk, &server.url(&visit)).await;
    assert!(done.contains("次の方の入力を始める"), "{done}");

    // The filing's history says a clerk entered it with the resident, and who.
    let (_, queue) = get(&clerk, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("the filing in the queue") + marker.len();
    let link = format!("/office/submissions/{}", &queue[start..start + queue[start..].find('"').unwrap()]);
    let (_, detail) = get(&clerk, &server.url(&link)).await;
    assert!(detail.contains("窓口で職員が聞き取って入力し受付(入力 "), "{detail}");
    assert!(detail.contains("本人確認: 運転免許証"), "{detail}");
    // Counted in the open data.
    let figures: serde_json::Value = madoguchi_e2e::browser().get(server.url("/statistics.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(figures["total"]["entered_by_staff"], 1, "{figures}");
    assert_eq!(figures["total"]["at_counter"], 1, "{figures}");
    let (_, page) = get(&madoguchi_e2e::browser(), &server.url("/statistics")).await;
    assert!(page.contains("窓口で職員が住民に代わって入力した申請</dt><dd class=\"summary-value\">1</dd>"), "{page}");
});
