//! A 転入届 booked for a day past the 14 days of the law is accepted with a warning, not
//! refused: the resident files it over HTTP, sees the warning under the visit date on its
//! step (tied to the inputs for screen readers) and under the answer on the check page,
//! submits it, and the clerk sees the warning on the filing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use madoguchi_e2e::madoguchi_testkit::defaults::moved;
use madoguchi_e2e::{browser, e2e_test, get, input_value, location, post_form, staff_sign_in};
use madoguchi_forms::Form;
use madoguchi_forms::input::posted_from_data;
use reqwest::StatusCode;

const ID: &str = "tennyu-yoyaku";

/// The procedure as Sendai (the demo's city) serves it.
fn form() -> Form {
    madoguchi_testkit::defaults::form(ID)
}

e2e_test!(async fn a_late_move_in_is_filed_with_a_warning_the_resident_and_clerk_see(server) {
    let form = form();
    // The late example (moved in 15 days before the visit), its dates moved so it is filed
    // today as it was on its own filing day.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../forms/{ID}/examples/valid/day-15-after-the-move-warned.json"));
    let (filed_on, data) = madoguchi_forms::examples::read_valid(&path).unwrap();
    let today = madoguchi_core::jst::date(chrono::Utc::now());
    let data = moved(data, (today - filed_on).num_days());
    assert_eq!(form.warnings(&form.normalize_json(data.clone()), today).len(), 1);

    // The validation API accepts the same answers and names the warning, in both languages.
    let res = browser().post(server.url(&format!("/api/v1/procedures/{ID}/validate"))).json(&data).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["valid"], true, "{body}");
    let warnings = body["warnings"].as_array().expect("a list of warnings");
    assert_eq!(warnings.len(), 1, "{body}");
    assert_eq!(warnings[0]["pointer"], "/visit_date");
    assert_eq!(warnings[0]["code"], "date_too_late");
    assert!(warnings[0]["message"]["ja"].as_str().unwrap().contains("このまま申請できます。"), "{body}");
    assert!(warnings[0]["message"]["en"].as_str().unwrap().contains("You can still send this application."), "{body}");
    // The visit a day earlier, on day 14: the list is there, and empty.
    let mut on_time = data.clone();
    on_time["visit_date"] = moved(data["visit_date"].clone(), -1);
    let body: serde_json::Value = browser().post(server.url(&format!("/api/v1/procedures/{ID}/validate"))).json(&on_time).send().await.unwrap().json().await.unwrap();
    assert_eq!(body["warnings"], serde_json::json!([]), "{body}");

    // Each step is sent as a browser would, going wherever the answer leads: the step with
    // the visit date comes back once, with the warning under it, and goes on when sent again
    // unchanged.
    let resident = browser();
    let visit_step = form.steps().iter().find(|s| s.owns_pointer("/visit_date")).unwrap();
    let mut next = format!("/p/{ID}/{}", form.steps()[0].id);
    let mut visited = Vec::new();
    while next != format!("/p/{ID}/check") {
        visited.push(next.clone());
        let step_id = next.rsplit('/').next().unwrap().to_string();
        let (_, page) = get(&resident, &server.url(&next)).await;
        let warned_here = next == format!("/p/{ID}/{}", visit_step.id) && visited.len() > 1 && visited[visited.len() - 2] == next;
        assert_eq!(page.contains("class=\"warning-summary\""), warned_here, "{next}: the note only where an answer warns");
        let (_, step) = form.step(&step_id).unwrap();
        let posted = posted_from_data(step, &data);
        let pairs: Vec<(&str, &str)> = posted.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = post_form(&resident, &server.url(&next), &input_value(&page, "csrf_token"), &pairs).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{step_id}: accepted, not refused: {}", res.text().await.unwrap());
        next = location(&res);
        assert!(visited.len() <= form.steps().len() + 1, "no end to the steps: {visited:?}");
    }
    let visit_url = format!("/p/{ID}/{}", visit_step.id);
    assert_eq!(visited.iter().filter(|u| **u == visit_url).count(), 2, "shown again once: {visited:?}");
    let others: std::collections::HashSet<_> = visited.iter().filter(|u| **u != visit_url).collect();
    assert_eq!(others.len(), visited.len() - 2, "every other step once: {visited:?}");

    // The step with the visit date: the warning under it, named by the inputs.
    let (status, step) = get(&resident, &server.url(&format!("/p/{ID}/{}", visit_step.id))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(step.contains("<p class=\"warning-message\" id=\"f-visit_date-warning\"><strong class=\"warning-label\">注意:</strong> 来庁予定日"), "{step}");
    assert!(step.contains("f-visit_date-warning\""), "the inputs are described by the warning");
    let described = step.split("aria-describedby=\"").skip(1).any(|s| s.split('"').next().unwrap().contains("f-visit_date-warning"));
    assert!(described, "aria-describedby names the warning");
    assert!(step.contains("の14日後（") && step.contains("このまま申請できます。"));
    assert!(!step.contains("class=\"error-summary\""), "a warning is not an error");
    assert!(step.contains("class=\"warning-summary\" role=\"status\""), "a note at the top says to read it");
    // It names the question (a link to it) and the button that goes on.
    assert!(
        ["「次へ進む」を押して進めます。", "「入力内容の確認へ進む」を押して進めます。"].iter().any(|b| step.contains(&format!("回答の下の説明を読んでください。このままでよければ、{b}"))),
        "{step}"
    );
    let summary = &step[step.find("id=\"warning-summary\"").unwrap()..];
    let summary = &summary[..summary.find("</div>").unwrap()];
    assert!(summary.contains("<a href=\"#f-visit_date-year\">来庁予定日</a>"), "names the question, linking to its first input: {summary}");

    // The check page: a status note at the top, the warning under the answer.
    let (status, check) = get(&resident, &server.url(&format!("/p/{ID}/check"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(check.contains("class=\"warning-summary\" role=\"status\""), "{check}");
    assert!(check.contains("次の回答に注意が必要です"), "{check}");
    let summary = &check[check.find("id=\"warning-summary\"").unwrap()..];
    let summary = &summary[..summary.find("</div>").unwrap()];
    assert!(summary.contains("<li>") && summary.contains("を押して申請できます"), "names the answers and the button: {summary}");
    assert!(check.contains("住民基本台帳法では、住み始めた日から14日以内に届け出ることになっています。"));

    // Sent, and the clerk reads the warning on the filing.
    let res = post_form(
        &resident,
        &server.url(&format!("/p/{ID}/submit")),
        &input_value(&check, "csrf_token"),
        &[("idempotency_key", &input_value(&check, "idempotency_key"))],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/receipts/"), "{}", location(&res));
    assert_eq!(server.submissions(), 1);

    let clerk = staff_sign_in(&server, "koseki-jumin@sendai.example").await;
    let (_, queue) = get(&clerk, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("the filing in the queue") + marker.len();
    let id = &queue[start..start + queue[start..].find('"').unwrap()];
    let (status, detail) = get(&clerk, &server.url(&format!("/office/submissions/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(detail.contains("<p class=\"warning-message\"><strong class=\"warning-label\">注意:</strong> 来庁予定日"), "{detail}");
});
