//! Approval routes (決裁ルート, issue 44 item 1) through the office pages, as a browser without
//! JavaScript uses them: the clerk's decision goes out as a draft; 係長 finds it in 決裁待ち,
//! a send-back without a comment is named at its input with 422; 課長's word makes the
//! decision; the drafter cannot sign their own draft; the pages read in English too.

use madoguchi_app::kernel::decision_routes::SectionRoutes;
use madoguchi_core::SubmissionState as State;

use super::support::{Browser, service};

/// A browser signed in as `login` (each account signs in once: a code is good once).
fn staff(t: &madoguchi_testkit::TestApp, login: &str) -> (Browser, String) {
    let b = Browser::default();
    let token = t.sign_in_token(login);
    b.set_cookie("__Host-mdg_clerk", &token);
    (b, token)
}

/// The filing's state as its clerk's session reads it.
fn state_of(t: &madoguchi_testkit::TestApp, token: &str, id: &str) -> State {
    let clerk = t
        .app
        .staff(&t.tenant())
        .clerk_for_session(token)
        .unwrap()
        .unwrap();
    t.app
        .review(&t.tenant())
        .submission_detail(&clerk, id)
        .unwrap()
        .state
}

web_test!(async fn a_decision_goes_round_its_route_through_the_pages(t) {
    let mut settings = t.app.tenant(&t.tenant()).unwrap().settings;
    let routes: SectionRoutes = serde_json::from_str(r#"{"default": ["chief", "manager"]}"#).unwrap();
    settings.decision_routes.insert("koseki-jumin".into(), routes);
    t.app.set_tenant_settings(&t.tenant(), &settings).unwrap().unwrap();
    let receipt = t.resident().file_juminhyo();
    let number = receipt.arrival_number.to_string();
    let id = receipt.submission_id.to_string();
    let path = format!("/office/submissions/{id}");
    let service = service(&t).await;

    // The clerk's page says where the decision goes; recording it drafts it.
    let (clerk, clerk_token) = staff(&t, "koseki-jumin@sendai.example");
    let (chief, _) = staff(&t, "koseki-jumin.kakaricho@sendai.example");
    let page = clerk.get(&service, &path).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("この手続の決定は 係長 → 課長 の決裁を経て効力を生じます"), "{}", page.text);
    assert!(page.text.contains("起案して決裁に回す"), "{}", page.text);
    let csrf = madoguchi_e2e::input_value(&page.text, "csrf_token");
    let drafted = clerk
        .post_form(&service, &format!("{path}/decision"), Some(&csrf), &[("decision", "approve"), ("reason", "")])
        .await;
    assert_eq!(drafted.status, 303);
    let page = clerk.get(&service, &path).await.text;
    assert!(page.contains("が決裁を待っています") && page.contains(">決裁待ち<") && page.contains(">未着手<"), "{page}");
    assert!(!page.contains("id=\"form-sign_off\""), "the drafter does not sign: {page}");
    assert!(!page.contains("id=\"form-decision\""), "no second decision while one is on its way");
    let mine = clerk.get(&service, "/office/decisions").await.text;
    assert!(mine.contains(&number) && mine.contains("係長の決裁待ち"), "{mine}");
    // Posted anyway (an old tab), the drafter's word is refused.
    let draft = madoguchi_e2e::input_value(&chief.get(&service, &path).await.text, "draft");
    let own = clerk
        .post_form(&service, &format!("{path}/decision-route"), Some(&csrf), &[("draft", &draft), ("step", "0"), ("verdict", "endorse"), ("comment", "")])
        .await;
    assert_eq!(own.status, 403);

    // 係長 finds it waiting, with its age; sending back without a comment is named.
    let waiting = chief.get(&service, "/office/decisions").await.text;
    assert!(waiting.contains(&format!("#route\" class=\"mono\">{number}</a>")) && waiting.contains("0日"), "{waiting}");
    let page = chief.get(&service, &path).await.text;
    assert!(page.contains("id=\"form-sign_off\"") && page.contains(">承認する<"), "{page}");
    let csrf = madoguchi_e2e::input_value(&page, "csrf_token");
    let refused = chief
        .post_form(&service, &format!("{path}/decision-route"), Some(&csrf), &[("draft", &draft), ("step", "0"), ("verdict", "return"), ("comment", " ")])
        .await;
    assert_eq!(refused.status, 422);
    for text in ["href=\"#route-comment\">コメント: 差し戻す理由", "aria-invalid=\"true\"", "id=\"verdict-return\" name=\"verdict\" value=\"return\" checked"] {
        assert!(refused.text.contains(text), "{text}: {}", refused.text);
    }
    let endorsed = chief
        .post_form(&service, &format!("{path}/decision-route"), Some(&csrf), &[("draft", &draft), ("step", "0"), ("verdict", "endorse"), ("comment", "")])
        .await;
    assert_eq!(endorsed.status, 303);
    // The same word again (a double click) finds the step moved on.
    let again = chief
        .post_form(&service, &format!("{path}/decision-route"), Some(&csrf), &[("draft", &draft), ("step", "0"), ("verdict", "endorse"), ("comment", "")])
        .await;
    assert_eq!(again.status, 409);
    assert_ne!(state_of(&t, &clerk_token, &id), State::Approved);

    // 課長's word makes the decision.
    let (manager, _) = staff(&t, "koseki-jumin.kacho@sendai.example");
    manager.set_cookie("__Host-mdg_lang", "en");
    let waiting = manager.get(&service, "/office/decisions").await.text;
    assert!(waiting.contains("Awaiting approval") && waiting.contains(&number), "{waiting}");
    let page = manager.get(&service, &path).await.text;
    assert!(page.contains("Approve: the decision takes effect"), "{page}");
    let csrf = madoguchi_e2e::input_value(&page, "csrf_token");
    let decided = manager
        .post_form(&service, &format!("{path}/decision-route"), Some(&csrf), &[("draft", &draft), ("step", "1"), ("verdict", "endorse"), ("comment", "")])
        .await;
    assert_eq!(decided.status, 303);
    assert_eq!(state_of(&t, &clerk_token, &id), State::Approved);
    let page = manager.get(&service, &path).await.text;
    assert!(page.contains("Draft approved") && page.contains("Decision drafted"), "the history says who: {page}");
    assert!(manager.get(&service, "/office/decisions").await.text.contains("No draft is waiting for your approval"));

    // 一括決裁: two more drafts, approved together by 係長 from the list; sent with none
    // chosen, the list says what to do.
    let more: Vec<String> = (0..2).map(|_| t.resident().file_juminhyo().submission_id.to_string()).collect();
    let csrf = madoguchi_e2e::input_value(&clerk.get(&service, &path).await.text, "csrf_token");
    for id in &more {
        let drafted = clerk
            .post_form(&service, &format!("/office/submissions/{id}/decision"), Some(&csrf), &[("decision", "approve"), ("reason", "")])
            .await;
        assert_eq!(drafted.status, 303);
    }
    let list = chief.get(&service, "/office/decisions").await.text;
    let csrf = madoguchi_e2e::input_value(&list, "csrf_token");
    let none = chief.post_form(&service, "/office/decisions/endorse", Some(&csrf), &[]).await;
    assert_eq!(none.status, 422);
    assert!(none.text.contains("href=\"#waiting\">承認する起案を選んでください"), "{}", none.text);
    let picks: Vec<String> = list.match_indices("name=\"pick\" value=\"").map(|(i, m)| {
        let rest = &list[i + m.len()..];
        rest[..rest.find('"').unwrap()].to_string()
    }).collect();
    assert_eq!(picks.len(), 2, "{list}");
    let pairs: Vec<(&str, &str)> = picks.iter().map(|p| ("pick", p.as_str())).collect();
    let together = chief.post_form(&service, "/office/decisions/endorse", Some(&csrf), &pairs).await;
    assert_eq!(together.status, 303);
    assert_eq!(together.header("location"), "/office/decisions?done=2");
    assert!(chief.get(&service, "/office/decisions?done=2").await.text.contains("2件の起案を承認しました"));
    // Each waits for 課長 now, each its own word.
    assert_eq!(manager.get(&service, "/office/decisions").await.text.matches("name=\"pick\"").count(), 2);

    // Published: the share decided through electronic approval, and each step's time.
    let stats = Browser::default().get(&service, "/statistics").await.text;
    for text in ["電子決裁で決定した割合</dt><dd class=\"summary-value\">100.0%", "電子決裁の所要時間", ">1段目<", ">2段目<", "差し戻された起案は0件"] {
        assert!(stats.contains(text), "{text}: {stats}");
    }
    let csv = Browser::default().get(&service, "/statistics.csv").await.text;
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",e_approved,e_approval_percent"), "{header}");
    assert!(csv.lines().any(|l| l.starts_with(&format!("{},juminhyo-copy,", madoguchi_app::operations::fiscal_year_of(madoguchi_core::jst::date(t.app.now())))) && l.ends_with(",1,100.0")), "{csv}");
});
