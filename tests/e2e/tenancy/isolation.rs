//! Isolation proven (issue 17, item 4): Sendai and Akita on one server, each with a
//! resident's filing, staff, an API token and a webhook; then every route that reads or
//! changes data is asked for Sendai's things from Akita's host — with Akita's credentials
//! and with Sendai's own credentials carried over. Every probe must be refused (401, 403,
//! 404, or a redirect to sign in) and no answer may hold anything of Sendai's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{e2e_test, input_value, post_form};
use reqwest::{Client, Method, StatusCode};

use super::support::{City, after, cities_adopting_juminhyo};

/// What Sendai's data looks like in a page: none of these may appear on Akita's host.
struct Secrets {
    markers: Vec<String>,
}

#[derive(Default)]
struct Tally {
    probes: usize,
    leaks: Vec<String>,
}

impl Tally {
    /// A probe of something of Sendai's from Akita's host: refused, and nothing of Sendai's.
    async fn refused(&mut self, secrets: &Secrets, what: &str, req: reqwest::RequestBuilder) {
        self.probes += 1;
        let res = req.send().await.unwrap();
        let status = res.status();
        let to = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = String::from_utf8_lossy(&res.bytes().await.unwrap()).to_string();
        let refused = matches!(
            status,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ) || (status.is_redirection()
            && (to.contains("/login") || to.contains("/sign-in")));
        if !refused {
            self.leaks.push(format!("{what}: answered {status} {to}"));
        }
        self.scan(secrets, what, &body);
    }

    /// A page of Akita's own (it may answer 200): nothing of Sendai's in it.
    async fn clean(&mut self, secrets: &Secrets, what: &str, req: reqwest::RequestBuilder) {
        self.probes += 1;
        let res = req.send().await.unwrap();
        let body = String::from_utf8_lossy(&res.bytes().await.unwrap()).to_string();
        self.scan(secrets, what, &body);
    }

    fn scan(&mut self, secrets: &Secrets, what: &str, body: &str) {
        for m in &secrets.markers {
            if body.contains(m.as_str()) {
                self.leaks.push(format!("{what}: shows {m}"));
            }
        }
    }
}

/// Makes an API token and a webhook as the city's author; returns (token secret, the
/// integrations page after).
async fn integrations(city: &City, hook: &str) -> (String, String) {
    let (author, _) = city.staff("koseki-jumin.author").await;
    let page = madoguchi_e2e::get(&author, &city.url("/office/integrations"))
        .await
        .1;
    let csrf = input_value(&page, "csrf_token");
    let res = post_form(
        &author,
        &city.url("/office/integrations/tokens"),
        &csrf,
        &[("name", "基幹システム"), ("rights", "write")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "{}: token", city.host);
    let shown = res.text().await.unwrap();
    let start = shown
        .find("<code class=\"mono\">mdg_")
        .expect("the secret is shown")
        + "<code class=\"mono\">".len();
    let token = shown[start..start + shown[start..].find('<').unwrap()].to_string();
    let res = post_form(
        &author,
        &city.url("/office/integrations/webhooks"),
        &csrf,
        &[("url", hook), ("events", "submission.received")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "{}: webhook", city.host);
    let page = madoguchi_e2e::get(&author, &city.url("/office/integrations"))
        .await
        .1;
    (token, page)
}

/// The id of the filing with `number` in the clerk's queue.
async fn submission_id(city: &City, clerk: &Client, number: &str) -> String {
    let queue = madoguchi_e2e::get(clerk, &city.url("/office/queue"))
        .await
        .1;
    assert!(
        queue.contains(number),
        "{}: the filing is in its own queue",
        city.host
    );
    after(&queue, "href=\"/office/submissions/").expect("a filing in the queue")
}

e2e_test!(settings(|s| s.municipality_file = cities_adopting_juminhyo());
async fn no_route_shows_one_city_to_another(server) {
    let sendai = City::of(&server, "sendai.localhost", "sendai.example");
    let akita = City::of(&server, "akita.localhost", "akita.example");

    // Each city: a resident's filing, a clerk, an author's token and webhook.
    let ((s_resident, s_resident_jar), s_number) = sendai.file("境 界子", "さかい　きょうこ").await;
    let ((a_resident, _), a_number) = akita.file("秋田 花子", "あきた　はなこ").await;
    let (s_clerk, s_clerk_jar) = sendai.staff("koseki-jumin").await;
    let (a_clerk, _) = akita.staff("koseki-jumin").await;
    let s_id = submission_id(&sendai, &s_clerk, &s_number).await;
    let a_id = submission_id(&akita, &a_clerk, &a_number).await;
    let (s_token, s_integrations) = integrations(&sendai, "http://127.0.0.1:9/sendai-hook").await;
    let (a_token, _) = integrations(&akita, "http://127.0.0.1:9/akita-hook").await;
    let s_hook = after(&s_integrations, "/office/integrations/webhooks/").expect("Sendai's webhook");
    let s_token_id = after(&s_integrations, "/office/integrations/tokens/").expect("Sendai's token");

    // Sendai decides its filing: a decision notice (PDF) exists to be asked for.
    let detail = madoguchi_e2e::get(&s_clerk, &sendai.url(&format!("/office/submissions/{s_id}"))).await.1;
    let res = post_form(&s_clerk, &sendai.url(&format!("/office/submissions/{s_id}/decision")), &input_value(&detail, "csrf_token"), &[("decision", "approve"), ("reason", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "Sendai approves its filing");
    let notice = s_clerk.get(sendai.url(&format!("/office/submissions/{s_id}/notice.pdf"))).send().await.unwrap();
    assert_eq!(notice.status(), StatusCode::OK, "the notice exists at home");

    // The controls: on its own host, each city's staff and resident see their own filing.
    let own = s_clerk.get(sendai.url(&format!("/office/submissions/{s_id}"))).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    assert!(own.text().await.unwrap().contains("境 界子"));
    let own = s_resident.get(sendai.url(&format!("/receipts/{s_number}"))).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    let own = a_clerk.get(akita.url(&format!("/office/submissions/{a_id}"))).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    let api = sendai.bare().get(sendai.url(&format!("/api/v1/submissions/{s_id}"))).bearer_auth(&s_token).send().await.unwrap();
    assert_ne!(api.status(), StatusCode::UNAUTHORIZED, "Sendai's token works on Sendai's host");

    // Sendai lists a counter and hands out a number: its name and id are Sendai's alone.
    let (s_head, _) = sendai.staff("koseki-jumin.kacho").await;
    let page = madoguchi_e2e::get(&s_head, &sendai.url("/office/congestion")).await.1;
    let res = post_form(&s_head, &sendai.url("/office/congestion/lines"), &input_value(&page, "csrf_token"), &[("id", "sendai-boundary-desk"), ("name_ja", "境界の窓口"), ("name_en", "Boundary desk"), ("place_ja", "本庁舎"), ("place_en", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "Sendai adds its counter");
    let page = madoguchi_e2e::get(&s_clerk, &sendai.url("/office/congestion")).await.1;
    let res = post_form(&s_clerk, &sendai.url("/office/congestion/sendai-boundary-desk/issue"), &input_value(&page, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "Sendai hands out a number");
    let board = sendai.bare().get(sendai.url("/congestion.json")).send().await.unwrap().text().await.unwrap();
    assert!(board.contains("sendai-boundary-desk") && board.contains("\"waiting\":1"), "{board}");

    // Sendai's head enters a month of paper filings: the count is Sendai's alone.
    let page = madoguchi_e2e::get(&s_head, &sendai.url("/office/figures")).await.1;
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    let res = post_form(&s_head, &sendai.url("/office/figures"), &input_value(&page, "csrf_token"), &[("procedure", "juminhyo-copy"), ("month", month.as_str()), ("paper", "987654"), ("counter", "0")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "Sendai enters its paper filings");
    let figures = sendai.bare().get(sendai.url("/statistics.json")).send().await.unwrap().text().await.unwrap();
    assert!(figures.contains("\"elsewhere\":987654"), "{figures}");
    // Sendai's head confirms a fact of its 住民票 page: the evidence named is Sendai's alone.
    let page = madoguchi_e2e::get(&s_head, &sendai.url("/office/facts")).await.1;
    let at = page.find("id=\"juminhyo-copy--processing_days\"").expect("Sendai's period is listed");
    let digest = input_value(&page[at..], "digest");
    let res = post_form(&s_head, &sendai.url("/office/facts"), &input_value(&page, "csrf_token"), &[("procedure", "juminhyo-copy"), ("fact", "processing_days"), ("digest", digest.as_str()), ("evidence", "ordinance"), ("what", "境界の条例第987条")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "Sendai confirms a fact");

    let secrets = Secrets {
        markers: vec![
            "987654".into(),
            "境界の条例第987条".into(),
            "sendai-boundary-desk".into(),
            "境界の窓口".into(),
            s_number.clone(),
            s_id.clone(),
            "境 界子".into(),
            "サカイ".into(),
            s_token.clone(),
            "sendai-hook".into(),
            s_hook.clone(),
        ],
    };
    let mut tally = Tally::default();
    let a_csrf = {
        let page = a_clerk.get(akita.url(&format!("/office/submissions/{a_id}"))).send().await.unwrap();
        input_value(&page.text().await.unwrap(), "csrf_token")
    };

    // 1. Akita's clerk, Akita's host, Sendai's ids: pages, files, PDFs, actions.
    for path in [
        format!("/office/submissions/{s_id}"),
        format!("/office/submissions/{s_id}/notice.pdf"),
        format!("/office/submissions/{s_id}/files/0"),
        format!("/office/counter/{s_id}"),
    ] {
        tally.refused(&secrets, &format!("Akita clerk GET {path}"), a_clerk.get(akita.url(&path))).await;
    }
    for (path, form) in [
        (format!("/office/submissions/{s_id}/actions"), vec![("action", "claim")]),
        (format!("/office/submissions/{s_id}/decision"), vec![("decision", "approve"), ("reason", "")]),
        (format!("/office/submissions/{s_id}/reveal"), vec![("field", "my_number"), ("reason", "本人確認のため")]),
        (format!("/office/submissions/{s_id}/counter-payment"), vec![("counter-amount", "600"), ("counter-method", "cash"), ("counter-receipt-number", "R-1")]),
        (format!("/office/submissions/{s_id}/payments/{s_id}/returned"), vec![]),
        (format!("/office/submissions/{s_id}/decision-route"), vec![("draft", s_id.as_str()), ("step", "0"), ("verdict", "endorse"), ("comment", "")]),
        (format!("/office/submissions/{s_id}/legal-hold"), vec![("op", "place"), ("reason", "訴訟")]),
        ("/office/queue/bulk".to_string(), vec![("op", "decide"), ("ids", s_id.as_str())]),
        ("/office/queue/bulk-decision".to_string(), vec![("ids", s_id.as_str()), ("note", "")]),
        ("/office/congestion/sendai-boundary-desk/issue".to_string(), vec![]),
        ("/office/congestion/sendai-boundary-desk/call".to_string(), vec![]),
    ] {
        let mut all = vec![("csrf_token", a_csrf.as_str())];
        all.extend(form);
        tally.refused(&secrets, &format!("Akita clerk POST {path}"), a_clerk.post(akita.url(&path)).form(&all)).await;
    }

    // 2. Akita's resident, Akita's host, Sendai's receipt.
    for path in [
        format!("/receipts/{s_number}"),
        format!("/receipts/{s_number}/pdf"),
        format!("/receipts/{s_number}/notice.pdf"),
    ] {
        tally.refused(&secrets, &format!("Akita resident GET {path}"), a_resident.get(akita.url(&path))).await;
    }
    tally.refused(&secrets, "Akita resident POST pay", a_resident.post(akita.url(&format!("/receipts/{s_number}/pay"))).form(&[("csrf_token", "x")])).await;
    tally.refused(&secrets, "Akita resident POST withdraw", a_resident.post(akita.url(&format!("/receipts/{s_number}/withdraw"))).form(&[("csrf_token", "x")])).await;

    // 3. Sendai's own cookies carried to Akita's host.
    let s_staff_cookie = sendai.cookies_of(&s_clerk_jar);
    let s_resident_cookie = sendai.cookies_of(&s_resident_jar);
    assert!(!s_staff_cookie.is_empty() && !s_resident_cookie.is_empty());
    for path in [
        "/office/queue".to_string(),
        format!("/office/submissions/{s_id}"),
        format!("/office/submissions/{s_id}/notice.pdf"),
        "/office/exports".to_string(),
        "/office/exports/file".to_string(),
        "/office/payments".to_string(),
        "/office/payments.csv".to_string(),
        "/office/integrations".to_string(),
        "/office/deliveries".to_string(),
        "/office/decisions".to_string(),
        "/office/retention".to_string(),
        "/office/retention.csv".to_string(),
        "/office/approvals".to_string(),
        "/office/counter".to_string(),
        "/office/authoring".to_string(),
        "/office/admin/staff".to_string(),
        "/office/bookings".to_string(),
        "/office/bookings/resources".to_string(),
        "/office/congestion".to_string(),
        "/office/facts".to_string(),
    ] {
        tally.refused(&secrets, &format!("Sendai staff cookie on Akita GET {path}"), akita.bare().get(akita.url(&path)).header("cookie", &s_staff_cookie)).await;
    }
    for path in [format!("/receipts/{s_number}"), format!("/receipts/{s_number}/pdf")] {
        tally.refused(&secrets, &format!("Sendai resident cookie on Akita GET {path}"), akita.bare().get(akita.url(&path)).header("cookie", &s_resident_cookie)).await;
    }
    tally.clean(&secrets, "Sendai resident cookie on Akita GET /my", akita.bare().get(akita.url("/my")).header("cookie", &s_resident_cookie)).await;

    // 4. The API: Sendai's token on Akita's host, Akita's token for Sendai's ids.
    for (method, path) in [
        (Method::GET, "/api/v1/department/procedures".to_string()),
        (Method::GET, format!("/api/v1/submissions/{s_id}")),
        (Method::GET, "/api/v1/department/submissions".to_string()),
        (Method::GET, format!("/api/v1/department/submissions/{s_id}")),
        (Method::GET, format!("/api/v1/department/submissions/{s_id}/files/{s_id}")),
        (Method::GET, "/api/v1/procedures/juminhyo-copy/versions".to_string()),
        (Method::GET, "/api/v1/procedures/juminhyo-copy/draft".to_string()),
        (Method::PUT, "/api/v1/procedures/juminhyo-copy/draft".to_string()),
        (Method::POST, "/api/v1/procedures/juminhyo-copy/retire".to_string()),
    ] {
        let mut req = akita.bare().request(method.clone(), akita.url(&path)).bearer_auth(&s_token);
        if method != Method::GET {
            req = req.json(&serde_json::json!({ "reason": "probe" }));
        }
        tally.refused(&secrets, &format!("Sendai token on Akita {method} {path}"), req).await;
    }
    tally.refused(&secrets, "Akita token GET Sendai's submission", akita.bare().get(akita.url(&format!("/api/v1/submissions/{s_id}"))).bearer_auth(&a_token)).await;
    tally.refused(&secrets, "Akita token GET Sendai's filing in the layout", akita.bare().get(akita.url(&format!("/api/v1/department/submissions/{s_id}"))).bearer_auth(&a_token)).await;
    tally.refused(&secrets, "Akita token GET Sendai's filing by arrival number", akita.bare().get(akita.url(&format!("/api/v1/department/submissions/{s_number}"))).bearer_auth(&a_token)).await;
    tally.clean(&secrets, "Akita token lists its department's filings", akita.bare().get(akita.url("/api/v1/department/submissions")).bearer_auth(&a_token)).await;

    // 5. Akita's author against Sendai's token and webhook.
    let (a_author, _) = akita.staff("koseki-jumin.author").await;
    let page = madoguchi_e2e::get(&a_author, &akita.url("/office/integrations")).await.1;
    let csrf = input_value(&page, "csrf_token");
    tally.scan(&secrets, "Akita integrations page", &page);
    tally.probes += 1;
    for path in [
        format!("/office/integrations/webhooks/{s_hook}/disable"),
        format!("/office/integrations/tokens/{s_token_id}/revoke"),
    ] {
        tally.refused(&secrets, &format!("Akita author POST {path}"), a_author.post(akita.url(&path)).form(&[("csrf_token", csrf.as_str())])).await;
    }

    // 6. Akita's own lists, search, exports, statistics and open data: nothing of Sendai's.
    for path in [
        "/office/queue".to_string(),
        "/office/queue?q=%E5%A2%83".to_string(),
        "/office/exports".to_string(),
        "/office/payments".to_string(),
        "/office/payments.csv".to_string(),
        "/office/deliveries".to_string(),
        "/office/decisions".to_string(),
        "/office/counter".to_string(),
        "/office/bookings".to_string(),
        "/office/bookings/resources".to_string(),
        "/office/congestion".to_string(),
        "/office/figures".to_string(),
        "/office/facts".to_string(),
    ] {
        tally.clean(&secrets, &format!("Akita clerk GET {path}"), a_clerk.get(akita.url(&path))).await;
    }
    // A search for Sendai's arrival number: the page repeats the query, nothing else.
    let res = a_clerk.get(akita.url(&format!("/office/queue?q={s_number}"))).send().await.unwrap();
    let page = res.text().await.unwrap().replace(&s_number, "");
    tally.scan(&secrets, "Akita clerk search for Sendai's arrival number", &page);
    tally.probes += 1;
    for path in ["/statistics", "/statistics.json", "/statistics.csv", "/congestion", "/congestion.json", "/congestion.csv", "/procedures", "/my"] {
        tally.clean(&secrets, &format!("Akita resident GET {path}"), a_resident.get(akita.url(path))).await;
    }

    // Sendai's token still works at home (no probe revoked or disabled it).
    let api = sendai.bare().get(sendai.url("/api/v1/department/procedures")).bearer_auth(&s_token).send().await.unwrap();
    assert_eq!(api.status(), StatusCode::OK, "Sendai's token was left alone");

    assert!(tally.probes >= 40, "only {} probes", tally.probes);
    assert!(tally.leaks.is_empty(), "{} leak(s) in {} probes:\n{}", tally.leaks.len(), tally.probes, tally.leaks.join("\n"));
});
