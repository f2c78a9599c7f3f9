//! A routed procedure's postal code that is no address in the city is refused with a message
//! on its question, on the page that asks it and by the API, and nothing is stored.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use madoguchi_testkit::JUMINHYO_APPLICANT;
use serde_json::Value;

use madoguchi_e2e::input_value;

use super::support::{Browser, service};

fn json_post(path: &str, body: &Value) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("content-type", "application/json"))
        .insert_header(("idempotency-key", "7c9e6679-7425-40de-944b-e07fc1f90ae7"))
        .set_payload(serde_json::to_vec(body).unwrap())
}

web_test!(async fn a_postal_code_outside_the_city_is_refused_with_its_message(t) {
    let web = service(&t).await;
    // The city hall's business code, one that does not exist, another prefecture's.
    for postal in ["980-8671", "000-0000", "100-0001"] {
        let client = Browser::default();
        let page = client.get(&web, "/p/juminhyo-copy/applicant").await;
        let csrf = input_value(&page.text, "csrf_token");
        let mut answers: Vec<(&str, &str)> = JUMINHYO_APPLICANT.to_vec();
        answers.iter_mut().filter(|(k, _)| *k == "applicant_postal_code").for_each(|(_, v)| *v = postal);
        let res = client.post_form(&web, "/p/juminhyo-copy/applicant", Some(&csrf), &answers).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{postal}");
        assert!(res.text.contains("仙台市内の住所の郵便番号ではない"), "{postal}: {}", res.text);

        let mut body = madoguchi_testkit::defaults::example("juminhyo-copy", "self-whole-household.json");
        body["applicant_postal_code"] = postal.into();
        for path in ["/api/v1/procedures/juminhyo-copy/validate", "/api/v1/procedures/juminhyo-copy/submissions"] {
            let res = client.send(&web, json_post(path, &body)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {postal}: {}", res.text);
            let v: Value = serde_json::from_str(&res.text).unwrap();
            let errors = v["errors"].as_array().unwrap();
            assert_eq!(errors.len(), 1, "{path} {postal}: {errors:?}");
            assert_eq!(errors[0]["pointer"], "/applicant_postal_code");
            assert_eq!(errors[0]["code"], "postal_code_outside_city");
            assert!(errors[0]["message"]["en"].as_str().unwrap().contains("not the postal code of an address in Sendai"), "{}", errors[0]);
        }
    }
    assert_eq!(t.submissions(), 0);
});

/// 転入 booked at an office of another ward than the new address's is refused on the
/// visit's step with the ward's offices; a postal code changed afterwards is caught by the
/// check page, which sends the resident back to that step, where the refusal is said.
mod a_visit_office_of_another_ward_is_refused_on_its_step {
    use super::*;
    use madoguchi_testkit::{Engine, TestApp, defaults};

    const TENNYU: &str = "tennyu-yoyaku";

    fn moving_in(postal: &str, city: &str, office: &str) -> Value {
        let mut data = defaults::example(TENNYU, "family-from-abroad.json");
        data["new_postal_code"] = postal.into();
        data["new_address"]["city"] = city.into();
        data["visit_office"] = office.into();
        data
    }

    /// Posts one step of 転入 as the page would; the response.
    async fn post_step<S, B>(
        web: &S,
        client: &Browser,
        step: &str,
        data: &Value,
    ) -> super::super::support::Page
    where
        S: actix_web::dev::Service<
                actix_http::Request,
                Response = actix_web::dev::ServiceResponse<B>,
                Error = actix_web::Error,
            >,
        B: actix_web::body::MessageBody,
    {
        let form = defaults::form(TENNYU);
        let data = form.normalize_json(data.clone());
        let step = form.steps().iter().find(|s| s.id == step).unwrap();
        let posted = madoguchi_forms::input::posted_from_data(step, &data);
        let fields: Vec<(&str, &str)> = posted
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let page = client.get(web, &format!("/p/{TENNYU}/{}", step.id)).await;
        let csrf = input_value(&page.text, "csrf_token");
        client
            .post_form(
                web,
                &format!("/p/{TENNYU}/{}", step.id),
                Some(&csrf),
                &fields,
            )
            .await
    }

    async fn run(engine: Engine) {
        let t = TestApp::builder().engine(engine).forms([TENNYU]).build();
        let web = service(&t).await;
        let client = Browser::default();
        let to_aoba = moving_in("980-0811", "仙台市青葉区", "aoba");
        for step in ["notifier", "move", "persons", "visit"] {
            let res = post_step(&web, &client, step, &to_aoba).await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "{step}: {}", res.text);
        }
        let res = post_step(
            &web,
            &client,
            "visit",
            &moving_in("980-0811", "仙台市青葉区", "izumi"),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
        assert!(
            res.text
                .contains("青葉区の窓口(青葉区役所か宮城総合支所)から選んでください"),
            "{}",
            res.text
        );

        // The new address moves to 泉区: the check page sends the resident back to the
        // visit, where the office of 青葉区 is refused and 泉区役所 accepted.
        let to_izumi = moving_in("981-3133", "仙台市泉区", "aoba");
        assert_eq!(
            post_step(&web, &client, "move", &to_izumi).await.status,
            StatusCode::SEE_OTHER
        );
        let check = client.get(&web, &format!("/p/{TENNYU}/check")).await;
        assert_eq!(check.status, StatusCode::SEE_OTHER);
        assert_eq!(check.header("location"), format!("/p/{TENNYU}/visit"));
        let visit = client.get(&web, &format!("/p/{TENNYU}/visit")).await;
        assert!(
            visit
                .text
                .contains("泉区の窓口(泉区役所)から選んでください"),
            "{}",
            visit.text
        );
        // The other steps show no refusal.
        let moved = client.get(&web, &format!("/p/{TENNYU}/move")).await;
        assert!(!moved.text.contains("から選んでください"), "{}", moved.text);
        let res = post_step(&web, &client, "visit", &to_izumi).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.text.contains("泉区の窓口(泉区役所)から選んでください"),
            "{}",
            res.text
        );
        let res = post_step(
            &web,
            &client,
            "visit",
            &moving_in("981-3133", "仙台市泉区", "izumi"),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
        assert_eq!(
            client.get(&web, &format!("/p/{TENNYU}/check")).await.status,
            StatusCode::OK
        );

        // The API's validate says the same.
        let body = moving_in("980-0811", "仙台市青葉区", "izumi");
        let res = client
            .send(
                &web,
                json_post(&format!("/api/v1/procedures/{TENNYU}/validate"), &body),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
        let v: Value = serde_json::from_str(&res.text).unwrap();
        assert_eq!(v["errors"][0]["pointer"], "/visit_office");
        assert_eq!(v["errors"][0]["code"], "office_not_for_address");
        let en = v["errors"][0]["message"]["en"].as_str().unwrap();
        assert!(
            en.contains("Aoba Ward Office or Miyagi General Branch Office"),
            "{en}"
        );
        assert_eq!(t.submissions(), 0);
    }

    #[actix_web::test]
    async fn sqlite() {
        run(Engine::Sqlite).await;
    }

    #[actix_web::test]
    #[cfg_attr(
        not(pg_tests),
        ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
    )]
    async fn postgres() {
        run(Engine::Postgres).await;
    }
}
