//! Routing to a ward office: a routed filing goes to the ward of its postal code's address,
//! and a code that is no address in the municipality's wards is refused on the postal-code
//! question — by the step that asks it, the API's validate and filing alike — with nothing
//! stored.

use madoguchi_app::{AppError, filing::StepOutcome, kernel::new_token, review::QueueQuery};
use madoguchi_core::{Lang, ProcedureId};
use madoguchi_forms::FormErrorCode;
use madoguchi_testkit::{
    JUMINHYO_APPLICANT, JUMINHYO_PAYMENT, JUMINHYO_REQUEST, TestApp, db_test, defaults,
    defaults::pairs,
};

const PROCEDURE: &str = "juminhyo-copy";
const POINTER: &str = "/applicant_postal_code";

/// Codes no ward office can take: the city hall's own business code (大口事業所), one that
/// does not exist, a Tokyo address that is in the data, a Sapporo one that is not.
const OUTSIDE: [&str; 4] = ["980-8671", "000-0000", "100-0001", "060-0001"];

/// The applicant step's answers with `postal` as the postal code.
fn applicant(postal: &str) -> Vec<(String, String)> {
    let mut answers = pairs(JUMINHYO_APPLICANT);
    answers
        .iter_mut()
        .filter(|(k, _)| k == "applicant_postal_code")
        .for_each(|(_, v)| *v = postal.into());
    answers
}

/// Answers the pages saved, with `postal` as the applicant's postal code; the session token.
fn draft(t: &TestApp, postal: &str) -> String {
    let token = new_token().unwrap();
    for (step, answers) in [
        ("applicant", applicant(postal)),
        ("request", pairs(JUMINHYO_REQUEST)),
        ("payment", pairs(JUMINHYO_PAYMENT)),
    ] {
        t.app
            .filing(&t.tenant())
            .save_step(
                &token,
                &ProcedureId::new(PROCEDURE),
                step,
                &answers,
                defaults::RESIDENT_ADDRESS,
            )
            .unwrap();
    }
    token
}

fn api_answers(postal: &str) -> serde_json::Value {
    let mut data = defaults::example(PROCEDURE, "self-whole-household.json");
    data["applicant_postal_code"] = postal.into();
    data
}

/// The refusal is the postal-code question's, and its message names the question and the city.
fn assert_outside(t: &TestApp, postal: &str, errors: &[madoguchi_forms::FieldError]) {
    assert_eq!(errors.len(), 1, "{postal}: {errors:?}");
    assert_eq!(errors[0].pointer, POINTER, "{postal}");
    assert_eq!(
        errors[0].code,
        FormErrorCode::PostalCodeOutsideCity,
        "{postal}"
    );
    let form = t
        .app
        .forms_for(&defaults::tenant_id())
        .get(PROCEDURE)
        .unwrap();
    let ja = form.message_in(&errors[0], Lang::Ja);
    let en = form.message_in(&errors[0], Lang::En);
    assert!(
        ja.contains("郵便番号") && ja.contains("仙台市") && ja.contains("窓口"),
        "{ja}"
    );
    assert!(
        en.contains("postal code") && en.contains("Sendai") && en.contains("counter"),
        "{en}"
    );
}

db_test!(fn a_postal_code_outside_the_wards_is_refused_on_its_question_and_nothing_is_stored(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    for postal in OUTSIDE {
        // The pages: the step that asks the postal code refuses it, and nothing is saved.
        let token = new_token().unwrap();
        let outcome = app.filing(&t.tenant()).save_step(&token, &ProcedureId::new(PROCEDURE), "applicant", &applicant(postal), defaults::RESIDENT_ADDRESS).unwrap();
        let StepOutcome::Invalid { errors } = outcome else { panic!("{postal}: saved {outcome:?}") };
        assert_outside(&t, postal, &errors);
        assert!(matches!(app.filing(&t.tenant()).check(Some(&token), &ProcedureId::new(PROCEDURE)), Err(AppError::DraftMissing)), "{postal}");

        // The API: validate reports it, filing refuses it.
        let checked = app.filing(&t.tenant()).validate_data(&ProcedureId::new(PROCEDURE), api_answers(postal)).unwrap();
        assert_outside(&t, postal, &checked.errors);
        let filed = app.filing(&t.tenant()).submit_data(&ProcedureId::new(PROCEDURE), api_answers(postal), &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS);
        let Err(AppError::Validation { errors, .. }) = filed else { panic!("{postal}: filed {filed:?}") };
        assert_outside(&t, postal, &errors);
    }
    let central = t.sign_in("koseki-jumin@sendai.example");
    assert_eq!(app.review(&central.tenant).queue(&central, &QueueQuery::default()).unwrap().total, 0, "nothing was stored");
});

db_test!(fn a_known_postal_code_routes_to_the_ward_of_its_address(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let wards = [
        ("980-0811", "青葉区"),
        ("983-0852", "宮城野区"),
        ("984-0051", "若林区"),
        ("982-0011", "太白区"),
        ("981-3133", "泉区"),
    ];
    for (postal, ward) in wards {
        let token = draft(&t, postal);
        app.filing(&t.tenant()).check(Some(&token), &ProcedureId::new(PROCEDURE)).unwrap();
        let page = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new(PROCEDURE), &uuid::Uuid::new_v4().to_string()).unwrap();
        assert_eq!(page.receipt().department.ja, format!("{ward} 区役所 戸籍住民課"), "{postal}");
        assert!(app.filing(&t.tenant()).validate_data(&ProcedureId::new(PROCEDURE), api_answers(postal)).unwrap().errors.is_empty(), "{postal}");
        let api = app.filing(&t.tenant()).submit_data(&ProcedureId::new(PROCEDURE), api_answers(postal), &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS).unwrap();
        assert_eq!(api.receipt().department.ja, format!("{ward} 区役所 戸籍住民課"), "{postal}");
    }
    let central = t.sign_in("koseki-jumin@sendai.example");
    assert_eq!(app.review(&central.tenant).queue(&central, &QueueQuery::default()).unwrap().total, 10);
});

/// 転入: the new address's postal code routes the filing; the visit office must serve it.
const TENNYU: &str = "tennyu-yoyaku";

/// A 転入 to `postal` in `city` (`仙台市青葉区`) booked at `office`.
fn moving_in(postal: &str, city: &str, office: &str) -> serde_json::Value {
    let mut data = defaults::example(TENNYU, "family-from-abroad.json");
    data["new_postal_code"] = postal.into();
    data["new_address"]["city"] = city.into();
    data["visit_office"] = office.into();
    data
}

/// The answers of one step of 転入 as the pages post them.
fn posted(step: &str, data: &serde_json::Value) -> Vec<(String, String)> {
    let form = defaults::form(TENNYU);
    let data = form.normalize_json(data.clone());
    let step = form.steps().iter().find(|s| s.id == step).unwrap();
    madoguchi_forms::input::posted_from_data(step, &data)
}

/// The refusal is the office question's, and its message names it, the ward and the
/// ward's offices, in both languages.
fn assert_office_refused(
    t: &TestApp,
    errors: &[madoguchi_forms::FieldError],
    ward: (&str, &str),
    offices: (&str, &str),
) {
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].pointer, "/visit_office");
    assert_eq!(errors[0].code, FormErrorCode::OfficeNotForAddress);
    let form = t.app.forms_for(&defaults::tenant_id()).get(TENNYU).unwrap();
    let ja = form.message_in(&errors[0], Lang::Ja);
    let en = form.message_in(&errors[0], Lang::En);
    assert!(
        ja.contains("来庁する窓口")
            && ja.contains(ward.0)
            && ja.contains(offices.0)
            && ja.contains("新しい住所の郵便番号"),
        "{ja}"
    );
    assert!(
        en.contains("Office you will visit")
            && en.contains(ward.1)
            && en.contains(offices.1)
            && en.contains("Postal code of the new address"),
        "{en}"
    );
}

db_test!(fn a_visit_office_that_does_not_serve_the_new_address_is_refused_on_its_question(db) {
    let t = TestApp::builder().db(db).forms([TENNYU]).build();
    let app = &t.app;
    let id = ProcedureId::new(TENNYU);
    let aoba = ("青葉区", "Aoba Ward");
    let aoba_offices = ("青葉区役所か宮城総合支所", "Aoba Ward Office or Miyagi General Branch Office");
    let izumi_to_aoba = moving_in("980-0811", "仙台市青葉区", "izumi");

    // The API: validate reports it, filing refuses it on the visit's step.
    let checked = app.filing(&t.tenant()).validate_data(&id, izumi_to_aoba.clone()).unwrap();
    assert_office_refused(&t, &checked.errors, aoba, aoba_offices);
    let filed = app.filing(&t.tenant()).submit_data(&id, izumi_to_aoba.clone(), &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS);
    let Err(AppError::Validation { step, errors }) = filed else { panic!("filed {filed:?}") };
    assert_eq!(step, "visit");
    assert_office_refused(&t, &errors, aoba, aoba_offices);

    // The pages: the visit's step refuses it once the postal code is known.
    let resident = t.resident();
    resident.fill(TENNYU, &moving_in("980-0811", "仙台市青葉区", "aoba"));
    let outcome = app.filing(&t.tenant()).save_step(&resident.token, &id, "visit", &posted("visit", &izumi_to_aoba), defaults::RESIDENT_ADDRESS).unwrap();
    let StepOutcome::Invalid { errors } = outcome else { panic!("saved {outcome:?}") };
    assert_office_refused(&t, &errors, aoba, aoba_offices);
    // A postal code changed afterwards is saved on its own step; the check page sends the
    // resident to the visit's step to choose again.
    resident.answer_pairs(TENNYU, "move", &posted("move", &moving_in("981-3133", "仙台市泉区", "aoba")));
    let checked = app.filing(&t.tenant()).check(resident.session(), &id);
    let Err(AppError::Validation { step, errors }) = checked else { panic!("checked {:?}", checked.map(|_| ())) };
    assert_eq!(step, "visit");
    assert_office_refused(&t, &errors, ("泉区", "Izumi Ward"), ("泉区役所", "Izumi Ward Office"));

    // Either office of the ward is accepted, and the filing goes to that ward.
    for office in ["aoba", "miyagi_branch"] {
        let data = moving_in("980-0811", "仙台市青葉区", office);
        assert!(app.filing(&t.tenant()).validate_data(&id, data.clone()).unwrap().errors.is_empty(), "{office}");
        let filed = app.filing(&t.tenant()).submit_data(&id, data, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS).unwrap();
        assert!(filed.receipt().department.ja.starts_with("青葉区"), "{office}: {:?}", filed.receipt().department);
    }
});

// An import that meets a row it cannot read changes nothing: the rows before it were
// inserted in the same transaction, and it is rolled back.
db_test!(fn a_postal_import_that_fails_part_way_keeps_the_data_it_would_have_replaced(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let before = app.postal_codes_loaded().unwrap();
    assert!(before > 0, "the test app loads the postal sample");
    let text = "postal_code,local_gov_code,prefecture,city,town,prefecture_kana,city_kana,town_kana\n\
                9800811,04101,宮城県,仙台市青葉区,一番町,ミヤギケン,センダイシアオバク,イチバンチョウ\n\
                98008,04101,a,b,c,d,e,f\n";
    let rows = madoguchi_app::operations::PostalRows::new(text.as_bytes()).unwrap();
    assert!(app.import_postal_rows(rows).is_err());
    assert_eq!(app.postal_codes_loaded().unwrap(), before, "nothing replaced");
    assert!(!app.lookup_address("980-0011").unwrap().is_empty(), "an address the import would have dropped is still found");
});
