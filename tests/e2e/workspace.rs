//! The clerk's workspace: staff pages wear staff chrome (the signed-in person, the queue,
//! sign-out) and none of the resident's (sign-in link, furigana switch, "this browser"
//! footer), while resident pages keep theirs; the clerk who holds a filing is not offered
//! to claim it; "next filing" follows the queue view the clerk last opened.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{
    browser, e2e_test, file_a_filing, fill_form, get, input_value, location, post_form,
    staff_sign_in,
};
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

/// Files the resident-record request; returns the arrival number.
async fn file(server: &madoguchi_e2e::TestServer) -> String {
    let resident = browser();
    let check = fill_form(server, &resident).await;
    let res = post_form(
        &resident,
        &server.url("/p/juminhyo-copy/submit"),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res).trim_start_matches("/receipts/").to_string()
}

/// The filing page of the arrival `number`, from the queue.
async fn filing_path(
    server: &madoguchi_e2e::TestServer,
    staff: &reqwest::Client,
    number: &str,
) -> String {
    let (_, queue) = get(staff, &server.url(&format!("/office/queue?q={number}"))).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("the filing in the queue") + marker.len();
    format!(
        "/office/submissions/{}",
        &queue[start..start + queue[start..].find('"').unwrap()]
    )
}

/// The value of the `<option>` whose text is `label`.
fn option_value(page: &str, label: &str) -> String {
    let at = page.find("id=\"assignee\"").expect("the assign form");
    let end = page
        .find(&format!("\">{label}</option>"))
        .unwrap_or_else(|| panic!("{label} not in {}", &page[at..at + 600]));
    let start = page[..end].rfind("value=\"").unwrap() + "value=\"".len();
    page[start..end].to_string()
}

const CLAIM: &str = "id=\"form-claim\"";

e2e_test!(async fn the_clerk_who_holds_a_filing_is_not_offered_to_claim_it(server) {
    let number = file(&server).await;
    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let boss = staff_sign_in(&server, "koseki-jumin.kacho@sendai.example").await;
    let path = filing_path(&server, &boss, &number).await;

    // Nobody holds it: both may claim it.
    let (_, page) = get(&clerk, &server.url(&path)).await;
    assert!(page.contains(CLAIM), "unclaimed: the clerk may claim it");
    let name = bar_name(&page).rsplit_once('(').unwrap().0.to_string();
    let (_, page) = get(&boss, &server.url(&path)).await;
    assert!(page.contains(CLAIM), "unclaimed: the supervisor may claim it");

    // The supervisor gives it to the clerk; it is still waiting (arrived), so claimable
    // by others, but the clerk holding it is not offered it again.
    let res = post_form(
        &boss,
        &server.url(&format!("{path}/actions")),
        &input_value(&page, "csrf_token"),
        &[("action", "assign"), ("assignee", &option_value(&page, &name))],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&clerk, &server.url(&path)).await;
    assert!(page.contains("到達(審査待ち)</span>"), "still arrived");
    assert!(!page.contains(CLAIM), "the holder is not offered to claim it");
    let (_, page) = get(&boss, &server.url(&path)).await;
    assert!(page.contains(CLAIM), "the supervisor, who does not hold it, still may");
});

/// The filing pages a queue page links to, in its order.
fn filing_ids(queue: &str) -> Vec<String> {
    let marker = "href=\"/office/submissions/";
    queue
        .match_indices(marker)
        .map(|(i, m)| {
            let start = i + m.len();
            queue[start..start + queue[start..].find('"').unwrap()].to_string()
        })
        .collect()
}

/// Where the filing page's "next filing" goes, if it offers one.
async fn next_of(
    server: &madoguchi_e2e::TestServer,
    clerk: &reqwest::Client,
    id: &str,
) -> Option<String> {
    let (status, page) = get(clerk, &server.url(&format!("/office/submissions/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    let marker = "<a class=\"next-filing\" href=\"/office/submissions/";
    page.find(marker).map(|i| {
        let start = i + marker.len();
        page[start..start + page[start..].find('"').unwrap()].to_string()
    })
}

e2e_test!(async fn next_filing_follows_the_queue_view_the_clerk_opened(server) {
    for _ in 0..3 {
        file(&server).await;
    }
    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;

    // Oldest first: first, second, third, and nothing after the last.
    let (_, queue) = get(&clerk, &server.url("/office/queue?sort=oldest")).await;
    let oldest = filing_ids(&queue);
    assert_eq!(oldest.len(), 3, "{oldest:?}");
    assert_eq!(next_of(&server, &clerk, &oldest[0]).await.as_ref(), Some(&oldest[1]));
    assert_eq!(next_of(&server, &clerk, &oldest[1]).await.as_ref(), Some(&oldest[2]));
    assert_eq!(next_of(&server, &clerk, &oldest[2]).await, None, "the last has no next");

    // Newest first (the queue's default): the other way round.
    let (_, queue) = get(&clerk, &server.url("/office/queue")).await;
    let newest = filing_ids(&queue);
    assert_eq!(newest, oldest.iter().rev().cloned().collect::<Vec<_>>());
    assert_eq!(next_of(&server, &clerk, &newest[0]).await.as_ref(), Some(&newest[1]));
    assert_eq!(next_of(&server, &clerk, &oldest[0]).await, None);

    // Filtered: with the middle one claimed (in review), the waiting ones skip it.
    let (_, page) = get(&clerk, &server.url(&format!("/office/submissions/{}", oldest[1]))).await;
    let res = post_form(
        &clerk,
        &server.url(&format!("/office/submissions/{}/actions", oldest[1])),
        &input_value(&page, "csrf_token"),
        &[("action", "claim")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, queue) = get(&clerk, &server.url("/office/queue?status=arrived&sort=oldest")).await;
    assert_eq!(filing_ids(&queue), vec![oldest[0].clone(), oldest[2].clone()]);
    assert_eq!(next_of(&server, &clerk, &oldest[0]).await.as_ref(), Some(&oldest[2]));
    // A filing no longer in the view has no next in it.
    assert_eq!(next_of(&server, &clerk, &oldest[1]).await, None);
});

e2e_test!(async fn reasons_given_for_an_approval_are_kept(server) {
    let resident = browser();
    let res = file_a_filing(&server, &resident).await;
    let number = location(&res).trim_start_matches("/receipts/").to_string();
    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let path = filing_path(&server, &clerk, &number).await;
    let (_, page) = get(&clerk, &server.url(&path)).await;
    assert!(page.contains("許可する場合も書くことができ"), "the form says reasons may be given");
    let csrf = input_value(&page, "csrf_token");

    // Too long: refused, and what was typed comes back with the choice made.
    let long = "理".repeat(2001);
    let res = post_form(&clerk, &server.url(&format!("{path}/decision")), &csrf, &[("decision", "approve"), ("reason", &long)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains(&format!(">{long}</textarea>")), "the typed reason kept");
    assert!(page.contains("value=\"approve\" checked"), "the decision kept");

    // Given: recorded with the approval, in the filing's history.
    let note = "本人確認書類の写しを窓口で確認済み";
    let res = post_form(&clerk, &server.url(&format!("{path}/decision")), &csrf, &[("decision", "approve"), ("reason", note)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&clerk, &server.url(&path)).await;
    let history = &page[page.find("<ol class=\"timeline\">").expect("the history")..];
    assert!(history.contains(note), "{history}");
    // It is the office's own note: not shown to the applicant.
    let (status, receipt) = get(&resident, &server.url(&format!("/receipts/{number}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!receipt.contains(note));
});
