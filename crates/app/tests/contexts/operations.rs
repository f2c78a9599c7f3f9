//! Operations: the municipality's fit with the forms, published figures and exports,
//! retention.

use madoguchi_app::{AppError, filing::StepOutcome, kernel::new_token, review::ReviewInput};
use madoguchi_core::ProcedureId;
use madoguchi_forms::FormRegistry;
use madoguchi_testkit::{TestApp, db_test, defaults, defaults::pairs};
use madoguchi_workflow::State;

use crate::support::{d, input};

db_test!(fn published_figures_and_exports_count_what_happened(db) {
    let t = TestApp::builder().db(db).build();
    let (app, clock) = (&t.app, &t.clock);
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let ids: Vec<String> = (0..3).map(|_| t.resident().file_juminhyo().submission_id.to_string()).collect();
    // One corrected then approved, one rejected, one left open; two business days later.
    clock.advance(chrono::Duration::days(4)); // Tuesday 24th (23rd is a holiday)
    let ask = ReviewInput { action: "request_correction".into(), reason: "電話番号を確認してください".into(), fields: vec!["/applicant_phone".into()], deadline: "2026-12-04".into(), ..ReviewInput::default() };
    app.review(&clerk.tenant).act(&clerk, &ids[0], &input("claim")).unwrap();
    app.review(&clerk.tenant).act(&clerk, &ids[0], &ask).unwrap();
    let token = t.correction_link(&ids[0]);
    app.filing(&t.tenant()).answer_correction(&token, &pairs(&[("applicant_phone", "022-214-1112")])).unwrap();
    app.review(&clerk.tenant).act(&clerk, &ids[0], &input("approve")).unwrap();
    let mut reject = input("reject");
    reject.reason = "本人確認ができないため".into();
    app.review(&clerk.tenant).act(&clerk, &ids[1], &reject).unwrap();

    let f = app.figures(&t.tenant(), None).unwrap();
    assert_eq!(f.fiscal_year, 2026);
    let r = f.procedures.iter().find(|r| r.procedure_id == "juminhyo-copy").unwrap();
    assert_eq!((r.filed, r.approved, r.rejected, r.open, r.online), (3, 1, 1, 1, 3));
    assert_eq!(r.correction_permille, Some(333));
    // The approved one's fee, asked after approval, is not paid: not completed yet.
    assert_eq!(r.awaiting_payment, 1);
    assert_eq!(r.online_permille, Some(667));
    assert_eq!((f.total.awaiting_payment, f.total.online_permille), (1, Some(667)));
    {
        use madoguchi_records::{Payments, PaymentsRead};
        let mut conn = t.db.db.conn().unwrap();
        let mut due = conn.payments_of(&madoguchi_core::SubmissionId::new(ids[0].as_str())).unwrap().remove(0);
        assert!(due.timing == madoguchi_core::FeeTiming::AfterApproval && due.status == madoguchi_core::PaymentStatus::Due);
        due.status = madoguchi_core::PaymentStatus::Paid;
        due.amount_paid_yen = due.amount_yen;
        assert!(conn.update_payment_if(&due, madoguchi_core::PaymentStatus::Due).unwrap(), "paid, as the provider's webhook records it");
    }
    let f = app.figures(&t.tenant(), None).unwrap();
    let r = f.procedures.iter().find(|r| r.procedure_id == "juminhyo-copy").unwrap();
    assert_eq!((r.awaiting_payment, r.online_permille), (0, Some(1000)));
    // Filed Friday 20th at 10:00: the rejection on Tuesday 24th used 1 business day (24th);
    // the approval the same (paused and resumed on the 24th itself).
    assert_eq!(r.median_days_tenths, Some(10));
    assert_eq!(r.within_period_permille, Some(1000));
    assert_eq!(f.total.filed, 3);
    assert_eq!(f.monthly.iter().map(|(_, n)| n).sum::<i64>(), 3);
    assert_eq!(f.monthly[7], (d(2026, 11, 1), 3), "November is the 8th month of the fiscal year");
    assert!(matches!(app.figures(&t.tenant(), Some(2030)), Err(AppError::NotFound)), "no future years");

    // The export: every filing of the procedure, answers in columns, My Numbers masked.
    let q = madoguchi_app::review::ExportQuery { procedure: "juminhyo-copy".into(), ids: vec![], from: None, to: None, states: vec![], format: madoguchi_app::review::ExportFormat::Csv { bom: true } };
    let csv = app.review(&clerk.tenant).export(&clerk, &q).unwrap();
    assert_eq!(csv.rows, 3);
    assert!(csv.body.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv.body[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + 3, "two header rows and three filings");
    assert!(lines[0].starts_with("arrival_number,arrived_at,state") && lines[0].contains("applicant_address.city"));
    assert!(lines[1].contains("氏名"), "the second header row holds labels");
    assert!(text.contains("022-214-1112"), "the corrected answer");
    let json = app.review(&clerk.tenant).export(&clerk, &madoguchi_app::review::ExportQuery { states: vec![State::Approved], format: madoguchi_app::review::ExportFormat::Json, ..q }).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(parsed["filings"].as_array().unwrap().len(), 1);
    assert_eq!(parsed["filings"][0]["corrections"], 1);
    // Another department exports nothing of it; every export is in the audit log.
    let other = t.sign_in("hoken-nenkin@sendai.example");
    assert!(matches!(app.review(&other.tenant).export(&other, &madoguchi_app::review::ExportQuery { procedure: "juminhyo-copy".into(), ids: vec![], from: None, to: None, states: vec![], format: madoguchi_app::review::ExportFormat::Json }).map(|e| e.rows), Ok(0)));
});

db_test!(fn expired_drafts_their_files_and_spent_sessions_are_deleted(db) {
    let t = TestApp::builder().db(db).forms(["jido-teate-nintei"]).build();
    let (app, clock, dir) = (&t.app, &t.clock, t.files_dir());
    let id = "jido-teate-nintei";
    let pdf = |tag: &str| format!("%PDF-1.7\n% {tag} {}\n", uuid::Uuid::new_v4()).into_bytes();
    let blob = |bytes: &[u8]| {
        let sha = madoguchi_app::kernel::token_hash(std::str::from_utf8(bytes).unwrap());
        dir.join(t.tenant().as_str()).join(&sha[..2]).join(&sha[2..4]).join(&sha)
    };
    let first_step = |token: &str| {
        let form = defaults::form(id);
        let data = form.normalize_json(defaults::example(id, "first-baby-public-account.json"));
        let step = form.shown_steps(&data).next().unwrap().clone();
        let posted = madoguchi_forms::input::posted_from_data(&step, &data);
        assert!(matches!(app.filing(&t.tenant()).save_step(token, &ProcedureId::new(id), &step.id, &posted, defaults::RESIDENT_ADDRESS).unwrap(), StepOutcome::Saved { .. }));
    };
    // A: a file and no draft. B: a draft and a file, left alone. C: the same bytes as B,
    // and a draft saved again later, so it lives on.
    let (a, b, c) = (new_token().unwrap(), new_token().unwrap(), new_token().unwrap());
    let (only_a, shared) = (pdf("a"), pdf("shared"));
    app.filing(&t.tenant()).upload(Some(&a), &ProcedureId::new(id), "/bankbook_copy", "a.pdf", &only_a).unwrap();
    first_step(&b);
    app.filing(&t.tenant()).upload(Some(&b), &ProcedureId::new(id), "/bankbook_copy", "b.pdf", &shared).unwrap();
    first_step(&c);
    app.filing(&t.tenant()).upload(Some(&c), &ProcedureId::new(id), "/bankbook_copy", "c.pdf", &shared).unwrap();
    // A failed staff sign-in, kept a day.
    assert!(app.staff(&t.tenant()).login("koseki-jumin@sendai.example", "wrong", "192.0.2.1").is_err());
    assert!(app.purge_expired().unwrap().is_empty(), "nothing has expired yet");

    clock.advance(chrono::Duration::hours(23));
    first_step(&c);
    clock.advance(chrono::Duration::hours(2));
    // The bytes are older than an upload in flight could be.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    for path in [blob(&only_a), blob(&shared)] {
        std::fs::File::options().append(true).open(&path).unwrap().set_modified(old).unwrap();
    }
    let report = app.purge_expired().unwrap();
    assert_eq!((report.drafts, report.files, report.blobs), (1, 2, 1), "{report:?}");
    assert!(report.other >= 1, "the failed sign-in: {report:?}");
    assert!(!blob(&only_a).exists(), "nothing names A's bytes any more");
    assert!(blob(&shared).exists(), "C's draft still names the shared bytes");
    assert!(app.filing(&t.tenant()).draft_files(Some(&a), &ProcedureId::new(id)).unwrap().is_empty());
    assert!(app.filing(&t.tenant()).draft_files(Some(&b), &ProcedureId::new(id)).unwrap().is_empty());
    assert_eq!(app.filing(&t.tenant()).draft_files(Some(&c), &ProcedureId::new(id)).unwrap().len(), 1);
    assert!(app.filing(&t.tenant()).my_drafts(Some(&c)).unwrap().len() == 1);
    assert!(app.purge_expired().unwrap().is_empty(), "a second round finds nothing");

    // The same bytes uploaded again are stored again.
    app.filing(&t.tenant()).upload(Some(&a), &ProcedureId::new(id), "/bankbook_copy", "a.pdf", &only_a).unwrap();
    assert!(blob(&only_a).exists());
});

/// Every published procedure fits Sendai's organisation, and a form naming a department
/// the city does not have, or a ward-office procedure without routing, is reported.
#[test]
fn forms_must_fit_the_municipality() {
    let sendai = defaults::municipality();
    let published = FormRegistry::load_dir(&defaults::forms_dir()).unwrap();
    assert_eq!(sendai.problems_with(&published), Vec::<String>::new());

    let path = defaults::form_path("juminhyo-copy");
    let mut value = defaults::definition("juminhyo-copy");
    value["procedure"]["routing"] = serde_json::Value::Null;
    let unrouted = madoguchi_forms::Form::from_value(&path, value.clone()).unwrap();
    value["procedure"]["department"] = "no-such-department".into();
    let unknown = madoguchi_forms::Form::from_value(&path, value).unwrap();
    let problems = sendai.problems_with(&FormRegistry::from_forms([unrouted]));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("routing.ward_from"), "{problems:?}");
    let problems = sendai.problems_with(&FormRegistry::from_forms([unknown]));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("`no-such-department`"), "{problems:?}");
}

/// A visit office tied to a ward the city does not have, or a ward left without an office
/// (every resident of it would be refused), is reported.
#[test]
fn visit_offices_must_be_of_the_municipalitys_wards() {
    let sendai = defaults::municipality();
    let path = defaults::form_path("tennyu-yoyaku");
    let mut value = defaults::definition("tennyu-yoyaku");
    value["procedure"]["routing"]["offices"]["izumi"] = "04199".into();
    let form = madoguchi_forms::Form::from_value(&path, value).unwrap();
    let problems = sendai.problems_with(&FormRegistry::from_forms([form]));
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("office `izumi` ward `04199`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("ward `04105` (泉区) no office")),
        "{problems:?}"
    );
}

db_test!(fn counts_of_filings_made_elsewhere_make_the_online_share_the_citys_real_rate(db) {
    use madoguchi_app::operations::{ElsewhereField as F, ElsewhereInput, ElsewhereProblem as P};
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "kokuho-saikofu"]).build();
    let (app, city) = (&t.app, t.tenant());
    for _ in 0..3 {
        t.resident().file_juminhyo();
    }
    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let enter = |who: &madoguchi_app::kernel::Clerk, procedure: &str, month: &str, paper: &str, counter: &str| {
        let input = ElsewhereInput { procedure: procedure.into(), month: month.into(), paper: paper.into(), counter: counter.into() };
        app.enter_filings_elsewhere(&city, who, &input)
    };
    let faults = |r: Result<Result<(), Vec<madoguchi_app::operations::ElsewhereFault>>, AppError>| {
        r.unwrap().unwrap_err().into_iter().map(|f| (f.field, f.problem)).collect::<Vec<_>>()
    };
    // Each fault at its input, nothing stored.
    assert_eq!(faults(enter(&kacho, "", "", "", "")), vec![
        (F::Procedure, P::Missing), (F::Month, P::Missing), (F::Paper, P::Missing), (F::Counter, P::Missing),
    ]);
    assert_eq!(faults(enter(&kacho, "kokuho-saikofu", "2026年11月", "-1", "1.5")), vec![
        (F::Procedure, P::NotOffered), (F::Month, P::NotMonth), (F::Paper, P::NotCount), (F::Counter, P::NotCount),
    ], "another section's procedure, a month not written 2026-11, no negative or fractional counts");
    assert_eq!(faults(enter(&kacho, "juminhyo-copy", "2026-12", "1", "1")), vec![(F::Month, P::OutOfRange)], "not a month to come");
    assert!(app.filings_elsewhere_page(&city, &kacho).unwrap().entered.is_empty());

    // Three online, six on paper and three at a counter outside: a quarter online.
    enter(&kacho, "juminhyo-copy", "２０２６－１０", "5", "3").unwrap().unwrap();
    enter(&kacho, "juminhyo-copy", "2026-10", "6", "3").unwrap().unwrap();
    let page = app.filings_elsewhere_page(&city, &kacho).unwrap();
    assert_eq!(page.entered.len(), 1, "the second entry replaced the first");
    assert_eq!((page.entered[0].paper, page.entered[0].counter), (6, 3));
    assert!(page.procedures.iter().all(|(id, _)| id != "kokuho-saikofu"), "the section's procedures only");
    let f = app.figures(&city, None).unwrap();
    let r = f.procedures.iter().find(|r| r.procedure_id == "juminhyo-copy").unwrap();
    assert_eq!((r.filed, r.elsewhere, r.online_permille), (3, 9, Some(250)));
    assert_eq!((f.total.elsewhere, f.total.online_permille), (9, Some(250)));

    // An administrator enters for any procedure; a clerk enters none; another city's
    // supervisor is not this city's.
    let admin = t.sign_in("admin@sendai.example");
    enter(&admin, "kokuho-saikofu", "2026-04", "2", "0").unwrap().unwrap();
    let f = app.figures(&city, None).unwrap();
    let r = f.procedures.iter().find(|r| r.procedure_id == "kokuho-saikofu").unwrap();
    assert_eq!((r.filed, r.elsewhere, r.online_permille), (0, 2, Some(0)), "a procedure filed only elsewhere is listed");
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    assert!(matches!(enter(&clerk, "juminhyo-copy", "2026-10", "1", "1"), Err(AppError::Forbidden)));
    // A ward's supervisor neither: two wards would replace each other's month.
    let mut ward_head = kacho.clone();
    ward_head.ward = Some(madoguchi_app::kernel::Ward { code: "04101".into(), name: madoguchi_core::Localized::new("青葉区", "Aoba Ward") });
    assert!(matches!(enter(&ward_head, "juminhyo-copy", "2026-10", "1", "1"), Err(AppError::Forbidden)));
    assert!(matches!(app.filings_elsewhere_page(&city, &clerk), Err(AppError::Forbidden)));
    let elsewhere = madoguchi_core::TenantId::new("052019");
    assert!(matches!(app.enter_filings_elsewhere(&elsewhere, &kacho, &ElsewhereInput::default()), Err(AppError::NotFound)));
});
