//! Bulk decisions (一括処理, issue 44 item 8) through the office pages, as a browser without
//! JavaScript uses them: the filings ticked in the queue are checked, those that pass are
//! approved together and the queue says how many; a filing that changed since the checks
//! refuses the batch with 409 and shows the checks again; the page reads in English too.

use madoguchi_app::review::ReviewInput;
use madoguchi_core::SubmissionState as State;

use super::support::{Browser, service};

web_test!(async fn filings_ticked_in_the_queue_are_checked_and_approved_together(t) {
    let ids: Vec<String> = (0..3).map(|_| t.resident().file_juminhyo().submission_id.to_string()).collect();
    let service = service(&t).await;
    let clerk = Browser::default();
    let token = t.sign_in_token("koseki-jumin@sendai.example");
    clerk.set_cookie("__Host-mdg_clerk", &token);
    let me = t.app.staff(&t.tenant()).clerk_for_session(&token).unwrap().unwrap();
    let city = t.tenant();
    let review = t.app.review(&city);
    // One is decided on its own page first.
    review.decide(&me, &ids[2], &ReviewInput::decision("approve", "")).unwrap();

    let queue = clerk.get(&service, "/office/queue?status=open").await.text;
    assert!(queue.contains("name=\"op\" value=\"decide\""), "{queue}");
    let csrf = madoguchi_e2e::input_value(&queue, "csrf_token");
    // Nothing ticked: the queue says what to do.
    let none = clerk.post_form(&service, "/office/queue/bulk", Some(&csrf), &[("op", "decide"), ("back", "status=open")]).await;
    assert_eq!(none.status, 422);
    assert!(none.text.contains("申請を選んでください"), "{}", none.text);

    // The checks: two pass, the decided one does not, and only those that pass are sent on.
    let mut ticked: Vec<(&str, &str)> = vec![("op", "decide"), ("back", "status=open")];
    ticked.extend(ids.iter().map(|id| ("ids", id.as_str())));
    let checks = clerk.post_form(&service, "/office/queue/bulk", Some(&csrf), &ticked).await;
    assert_eq!(checks.status, 200);
    for text in ["まとめて承認する(一括処理)", "手続: 住民票の写しの交付請求", "この状態からは承認できません", ">2件を承認する<"] {
        assert!(checks.text.contains(text), "{text}: {}", checks.text);
    }
    assert_eq!(checks.text.matches("承認できます").count(), 2);
    let sent: Vec<&str> = ids.iter().map(String::as_str).filter(|id| checks.text.contains(&format!("name=\"ids\" value=\"{id}\""))).collect();
    assert_eq!(sent, [ids[0].as_str(), ids[1].as_str()]);

    // A filing decided since the checks: nothing is approved, the checks are shown again.
    let csrf = madoguchi_e2e::input_value(&checks.text, "csrf_token");
    let stale = clerk
        .post_form(&service, "/office/queue/bulk-decision", Some(&csrf), &[("ids", &ids[0]), ("ids", &ids[2]), ("back", "status=open")])
        .await;
    assert_eq!(stale.status, 409);
    assert!(stale.text.contains("href=\"#checks\">確かめた後に変わった申請があるため、何も承認していません"), "{}", stale.text);
    let state = |id: &str| review.submission_detail(&me, id).unwrap().state;
    assert_ne!(state(&ids[0]), State::Approved);

    // Approved together, with a note for the applicants; the queue says how many.
    let done = clerk
        .post_form(&service, "/office/queue/bulk-decision", Some(&csrf), &[("ids", &ids[0]), ("ids", &ids[1]), ("back", "status=open"), ("note", "受取は1階の窓口で。"), ("tell_applicant", "1")])
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(done.header("location"), "/office/queue?status=open&approved=2");
    let queue = clerk.get(&service, "/office/queue?status=open&approved=2").await.text;
    assert!(queue.contains("2件を承認しました。申請者それぞれに知らせます。"), "{queue}");
    assert!(!queue.contains("approved=2\""), "the notice is not carried into the bulk form's return address");
    assert!(ids[..2].iter().all(|id| state(id) == State::Approved));

    // In English, and refused to a clerk of another section as if nothing were there.
    clerk.set_cookie("__Host-mdg_lang", "en");
    let queue = clerk.get(&service, "/office/queue").await.text;
    let csrf = madoguchi_e2e::input_value(&queue, "csrf_token");
    let again = clerk.post_form(&service, "/office/queue/bulk", Some(&csrf), &[("op", "decide"), ("ids", &ids[0])]).await;
    assert_eq!(again.status, 200);
    assert!(again.text.contains("Approve together (bulk decision)") && again.text.contains("Cannot be approved from this status"), "{}", again.text);
    assert!(again.text.contains("None of the chosen applications passes"), "{}", again.text);
    let other = Browser::default();
    other.set_cookie("__Host-mdg_clerk", &t.sign_in_token("hoken-nenkin@sendai.example"));
    let csrf = madoguchi_e2e::input_value(&other.get(&service, "/office/queue").await.text, "csrf_token");
    let theirs = other.post_form(&service, "/office/queue/bulk", Some(&csrf), &[("op", "decide"), ("ids", &ids[0])]).await;
    assert_eq!(theirs.status, 404);
    let theirs = other.post_form(&service, "/office/queue/bulk-decision", Some(&csrf), &[("ids", &ids[0])]).await;
    assert_eq!(theirs.status, 404, "another section's filing is not theirs to see");
});
