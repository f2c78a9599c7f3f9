//! The mails of a city other than the default one that `mails.rs` does not set off (issue
//! 50, item 3): a guest's 確認コード, the reminder of a correction's near deadline and the
//! refund of a fee paid on submission. An Akita guest files a procedure with a refundable
//! fee, confirms the contact address by code, pays, is asked for a correction due
//! tomorrow, is reminded, and withdraws from the reminder's link; every mail is read off
//! the SMTP server and must be Akita's alone: subject, Message-ID, every link's host, and
//! no word of Sendai, of ward offices or of a note for the city.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use madoguchi_e2e::{e2e_test, input_value, location, post_form};
use madoguchi_forms::FormRegistry;
use madoguchi_forms::input::posted_from_data;
use reqwest::StatusCode;
use serde_json::Value;

use super::support::{AKITA, City, cities_adopting, links, mail_with, of_akita_alone};

/// The procedure: the test fixture with a refundable fee paid on submission, made Akita's
/// (its 市民課 handles it, a guest may file it, its texts say 秋田).
const PROCEDURE: &str = "test-refundable-fee";

/// The shipped forms with the fixture, as Akita's, beside them; made once per test run.
fn forms_with_akitas_refundable_fee() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("forms-akita-refund-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(madoguchi_testkit::defaults::forms_dir()).unwrap() {
            let entry = entry.unwrap();
            std::os::unix::fs::symlink(entry.path(), dir.join(entry.file_name())).unwrap();
        }
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/forms")
            .join(PROCEDURE)
            .join("form.json");
        let text = std::fs::read_to_string(fixture)
            .unwrap()
            .replace("仙台", "秋田");
        let mut form: Value = serde_json::from_str(&text).unwrap();
        form["procedure"]["department"] = Value::from("koseki-jumin");
        // Sendai's 市民課 sits in each ward office: its filings go by the address.
        form["procedure"]["routing"] = serde_json::json!({"ward_from": "/postal_code"});
        form["procedure"]["identity"] = Value::from("none");
        std::fs::create_dir_all(dir.join(PROCEDURE)).unwrap();
        std::fs::write(dir.join(PROCEDURE).join("form.json"), form.to_string()).unwrap();
        dir
    })
    .clone()
}

/// Answers every step of the procedure from the bulky-waste example through Akita's
/// pages, as a browser posts them; returns the check page.
async fn answer_every_step(akita: &City, resident: &reqwest::Client) -> String {
    let registry = FormRegistry::load_dir(&forms_with_akitas_refundable_fee()).unwrap();
    let form = registry.get(PROCEDURE).unwrap();
    let mut data = madoguchi_testkit::defaults::example_today(
        "sodai-gomi-shushu",
        "apartment-sofa-chairs.json",
    );
    data["email"] = Value::from("guest@example.jp");
    let data = form.normalize_json(data);
    let first = akita.url(&format!("/p/{PROCEDURE}/{}", form.steps()[0].id));
    let csrf = input_value(&madoguchi_e2e::get(resident, &first).await.1, "csrf_token");
    for step in form.shown_steps(&data) {
        let posted = posted_from_data(step, &data);
        let fields: Vec<(&str, &str)> = posted
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = post_form(
            resident,
            &akita.url(&format!("/p/{PROCEDURE}/{}", step.id)),
            &csrf,
            &fields,
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "step {}", step.id);
    }
    madoguchi_e2e::get(resident, &akita.url(&format!("/p/{PROCEDURE}/check")))
        .await
        .1
}

/// The path of the first link in `mail` that holds `marker`, on Akita's host.
fn path_in(mail: &str, marker: &str) -> String {
    let link = links(mail)
        .into_iter()
        .find(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("no {marker} link in {mail}"));
    link.split_once(AKITA).map(|(_, p)| p.to_string()).unwrap()
}

e2e_test!(settings(|s| {
    s.forms_dir = forms_with_akitas_refundable_fee();
    s.municipality_file = cities_adopting(&[PROCEDURE]);
    s.require_identity = true;
});
async fn a_citys_code_reminder_and_refund_mails_lead_to_its_own_host(server) {
    let akita = City::of(&server, AKITA, "akita.example");
    let (resident, _) = akita.browser();

    // The guest confirms the contact address with the mailed code, then files.
    let check = answer_every_step(&akita, &resident).await;
    let csrf = input_value(&check, "csrf_token");
    let submit = |check: String| {
        let resident = resident.clone();
        let url = akita.url(&format!("/p/{PROCEDURE}/submit"));
        async move {
            post_form(&resident, &url, &input_value(&check, "csrf_token"), &[("idempotency_key", &input_value(&check, "idempotency_key"))]).await
        }
    };
    let res = submit(check.clone()).await;
    assert_eq!(location(&res), format!("/p/{PROCEDURE}/check?identity=email"));
    let res = post_form(&resident, &akita.url(&format!("/p/{PROCEDURE}/email-code")), &csrf, &[]).await;
    assert_eq!(location(&res), format!("/p/{PROCEDURE}/check#code"));
    let mail = mail_with(&server, "確認コード");
    let marker = "確認コード / Code: ";
    let at = mail.find(marker).expect("the code in the mail") + marker.len();
    let code = mail[at..at + 6].to_string();
    let res = post_form(&resident, &akita.url(&format!("/p/{PROCEDURE}/email-code/confirm")), &csrf, &[("code", &code)]).await;
    assert_eq!(location(&res), format!("/p/{PROCEDURE}/check#submit"));
    let check = madoguchi_e2e::get(&resident, &akita.url(&format!("/p/{PROCEDURE}/check"))).await.1;
    let res = submit(check).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "filed, on to pay: {}", location(&res));
    mail_with(&server, "到達のお知らせ");
    let subject = server.sink.received().into_iter().map(|m| m.subject()).find(|s| s.contains("到達のお知らせ")).unwrap();
    let number = subject.split("到達番号 ").nth(1).and_then(|s| s.split(')').next()).expect("the number in the subject").to_string();

    // The fee, paid on submission through the emailed link, on Akita's address.
    let pay = path_in(&mail_with(&server, "手数料のお支払いのお願い"), "/pay/");
    let page = madoguchi_e2e::get(&resident, &akita.url(&pay)).await.1;
    let res = post_form(&resident, &akita.url(&pay), &input_value(&page, "csrf_token"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "to the provider's page");
    let provider_page = server.local(&location(&res));
    let res = resident.post(format!("{provider_page}/card")).form(&[("card_number", "4242424242424242")]).send().await.unwrap();
    let back = location(&res);
    assert!(back.starts_with(&format!("https://{AKITA}/payments/return?checkout=")), "{back}");
    mail_with(&server, "手数料のお支払いを確認しました");

    // Akita's clerk asks for a correction due tomorrow: the reminder follows at once.
    let (clerk, _) = akita.staff("koseki-jumin").await;
    let (path, csrf) = akita.clerk_page(&clerk, &number).await;
    let actions = akita.url(&format!("{path}/actions"));
    let res = post_form(&clerk, &actions, &csrf, &[("action", "claim")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "claimed");
    let tomorrow = (chrono::Utc::now() + chrono::Duration::hours(9 + 24)).format("%Y-%m-%d").to_string();
    let res = post_form(&clerk, &actions, &csrf, &[
        ("action", "request_correction"),
        ("fields", "/placement_notes"),
        ("reason", "置き場所をもう少し詳しく教えてください。"),
        ("deadline", &tomorrow),
    ]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "correction asked");
    let reminder = mail_with(&server, "補正の期限が近づいています");

    // The resident withdraws from the reminder's link: the fee goes back.
    let withdraw = format!("{}/withdraw", path_in(&reminder, "/corrections/"));
    let (status, confirm) = madoguchi_e2e::get(&resident, &akita.url(&withdraw)).await;
    assert_eq!(status, StatusCode::OK, "the reminder's link works on Akita's host: {confirm}");
    let res = post_form(&resident, &akita.url(&withdraw), &input_value(&confirm, "csrf_token"), &[("confirm", "yes")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "withdrawn");
    mail_with(&server, "手数料を返金しました");

    let mails = server.sink.received();
    let mut problems = Vec::new();
    for kind in [
        "確認コード",
        "到達のお知らせ",
        "手数料のお支払いのお願い",
        "手数料のお支払いを確認しました",
        "審査を始めました",
        "修正(補正)のお願い",
        "補正の期限が近づいています",
        "取下げの受付",
        "手数料を返金しました",
    ] {
        if !mails.iter().any(|m| m.subject().contains(kind)) {
            problems.push(format!("no mail 「{kind}」"));
        }
    }
    let linked = of_akita_alone(&mails, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(linked >= 6, "{linked} links read in {} mails", mails.len());
});
