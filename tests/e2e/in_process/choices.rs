//! A choice a department writes as `oneOf` (an applicant who is a person OR a company,
//! each with questions of its own) is filed through the pages as a browser without
//! JavaScript does (issue 50, item 2): the page asks which, then the chosen branch's
//! questions; the check page shows that branch's answers only; what is stored is what the
//! API stores for the same answers.

use std::path::Path;

use madoguchi_forms::Form;
use madoguchi_testkit::{Engine, TestApp, defaults};
use serde_json::json;

use super::every_example::{file_through_pages, morning_of, stored};
use super::support::{Browser, service};

const ID: &str = "sodai-gomi-jiko-hannyu";

/// The catalogue's procedure with its applicant a person or a company.
fn with_choice() -> Form {
    let mut d = defaults::definition(ID);
    d["schema"]["oneOf"] = json!([
        { "properties": { "applicant_type": { "const": "person" },
                          "occupation": { "type": "string", "maxLength": 40 } },
          "required": ["applicant_type", "occupation"] },
        { "properties": { "applicant_type": { "const": "company" },
                          "company_name": { "type": "string", "maxLength": 60 } },
          "required": ["applicant_type", "company_name"] }
    ]);
    let label = |ja: &str, en: &str| json!({ "ja": ja, "en": en });
    d["ui"]["fields"]["applicant_type"] = json!({
        "label": label("申請する方", "Who is applying"),
        "options": { "person": label("個人", "A person"), "company": label("法人", "A company") }
    });
    d["ui"]["fields"]["occupation"] = json!({ "label": label("職業", "Occupation") });
    d["ui"]["fields"]["company_name"] = json!({ "label": label("法人名", "Company name") });
    let fields = d["ui"]["steps"][0]["fields"].as_array_mut().unwrap();
    fields.extend([
        json!("applicant_type"),
        json!("occupation"),
        json!("company_name"),
    ]);
    Form::from_value(Path::new("forms/sodai-gomi-jiko-hannyu/form.json"), d).unwrap()
}

async fn files_each_branch(engine: Engine) {
    let form = with_choice();
    let t = TestApp::builder()
        .engine(engine)
        .form_definitions([with_choice()])
        .build();
    let web = service(&t).await;
    let example = defaults::forms_dir()
        .join(ID)
        .join("examples/valid/kuzuoka-morning.json");
    let (day, base) = madoguchi_forms::examples::read_valid(&example).unwrap();
    t.clock.set(morning_of(day));

    // The step asks which, then each branch's question.
    let page = Browser::default()
        .get(&web, &format!("/p/{ID}/applicant"))
        .await;
    assert_eq!(page.status, 200);
    for input in [
        "name=\"applicant_type\" value=\"person\"",
        "name=\"applicant_type\" value=\"company\"",
        "name=\"occupation\"",
        "name=\"company_name\"",
    ] {
        assert!(page.text.contains(input), "{input}");
    }

    for (chosen, answer, other) in [
        ("person", ("occupation", "会社員"), "company_name"),
        (
            "company",
            ("company_name", "仙台商事株式会社"),
            "occupation",
        ),
    ] {
        let mut data = base.clone();
        data["applicant_type"] = json!(chosen);
        data[answer.0] = json!(answer.1);
        let data = form.normalize_json(data);
        let number = file_through_pages(&web, "", &form, &data)
            .await
            .unwrap_or_else(|e| panic!("{chosen}: {e}"));
        let kept = stored(&t, &t.tenant(), &form, &number);
        assert_eq!(kept["applicant_type"], chosen);
        assert_eq!(kept[answer.0], answer.1);
        assert!(kept.get(other).is_none(), "{chosen}: {kept}");
        // The API stores the same answers alike, the other branch's dropped.
        let mut sent = data.clone();
        sent[other] = json!("別の分岐の答え");
        let api = t
            .app
            .filing(&t.tenant())
            .submit_data(
                &form.procedure_id(),
                sent,
                &uuid::Uuid::new_v4().to_string(),
                defaults::RESIDENT_ADDRESS,
            )
            .unwrap();
        let over_api = stored(
            &t,
            &t.tenant(),
            &form,
            api.receipt().arrival_number.as_str(),
        );
        assert_eq!(over_api, kept, "{chosen}");
    }

    // Choosing a company without its name is refused on that question.
    let browser = Browser::default();
    let page = browser.get(&web, &format!("/p/{ID}/applicant")).await;
    let controls = super::html_form::controls(&page.text, &format!("/p/{ID}/applicant")).unwrap();
    let mut data = base.clone();
    data["applicant_type"] = json!("company");
    let (_, step) = form.step("applicant").unwrap();
    let answers = madoguchi_forms::input::posted_from_data(step, &form.normalize_json(data));
    let posted = super::html_form::fill(&controls, &answers, None).unwrap();
    let answered = browser
        .post_pairs(&web, &format!("/p/{ID}/applicant"), &posted)
        .await;
    assert_eq!(answered.status, 422, "{}", answered.text);
    assert!(
        answered.text.contains("法人名"),
        "the message names the question"
    );
}

#[actix_web::test]
async fn each_branch_of_a_choice_is_filed_through_the_pages_sqlite() {
    files_each_branch(Engine::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(pg_tests),
    ignore = "needs PostgreSQL: build with TEST_DATABASE_URL set (CI does)"
)]
async fn each_branch_of_a_choice_is_filed_through_the_pages_postgres() {
    files_each_branch(Engine::Postgres).await;
}
