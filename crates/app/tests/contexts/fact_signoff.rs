//! The city signs off its facts (issue 46 item 3): a fact a definition marks to confirm is
//! unconfirmed for residents (the receipt's date included) until a whole section's
//! supervisor records the city's confirmation with its evidence; who may, the faults named,
//! the audit entry, and the progress `/statistics` publishes.

use madoguchi_app::AppError;
use madoguchi_app::operations::{ConfirmFault as F, ConfirmInput, Evidence};
use madoguchi_core::AuditAction;
use madoguchi_records::{AuditRead, AuditSpan};
use madoguchi_testkit::{TestApp, db_test};

db_test!(fn a_section_head_confirms_a_fact_and_residents_no_longer_see_it_marked(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy", "kokuho-saikofu"]).build();
    let (app, city) = (&t.app, t.tenant());
    let form = app.forms_for(&city).get("juminhyo-copy").unwrap();
    let open: Vec<&str> = form.open_facts().iter().map(|f| f.fact).collect();
    assert!(open.contains(&"processing_days") && open.contains(&"fee"), "{open:?}");
    assert_eq!(app.unconfirmed_facts(&city, &form).unwrap().facts(), open.as_slice());
    // A filing's expected date rests on the unconfirmed period: said as an estimate.
    let resident = t.resident();
    let first = resident.file_juminhyo();
    assert!(first.due_on.is_some() && first.due_to_confirm);
    let read_again = || app.filing(&city).receipt(Some(&resident.token), &first.arrival_number.to_string()).unwrap();
    assert!(read_again().due_to_confirm, "read again, the same");

    let kacho = t.sign_in("koseki-jumin.kacho@sendai.example");
    let page = app.facts_to_sign_off(&city, &kacho).unwrap();
    let ids: Vec<&str> = page.procedures.iter().map(|p| p.form.id()).collect();
    assert_eq!(ids, ["juminhyo-copy"], "the section's procedures only");
    assert_eq!(page.progress(), (0, open.len()));
    let days = page.procedures[0].facts.iter().find(|f| f.fact == "processing_days").unwrap();
    assert!(days.confirmed.is_none() && !days.note.is_empty());
    let input = |evidence: &str, what: &str, digest: &str| ConfirmInput {
        procedure: "juminhyo-copy".into(),
        fact: "processing_days".into(),
        digest: digest.into(),
        evidence: evidence.into(),
        what: what.into(),
    };
    let confirm = |i: ConfirmInput| app.confirm_fact(&city, &kacho, &i).unwrap();

    // Each fault at its input; words that changed since the page was read (another digest)
    // are not confirmed; nothing is recorded.
    assert_eq!(confirm(input("", " ", &days.digest)), Err(vec![F::EvidenceMissing, F::WhatMissing]));
    assert_eq!(confirm(input("rumour", &"あ".repeat(501), &days.digest)), Err(vec![F::EvidenceMissing, F::WhatTooLong]));
    assert_eq!(confirm(input("ordinance", "仙台市行政手続条例", "0".repeat(64).as_str())), Err(vec![F::Changed]));
    assert!(app.unconfirmed_facts(&city, &form).unwrap().has("processing_days"));

    confirm(input("ordinance", "仙台市行政手続条例 第6条(標準処理期間の公表)", &days.digest)).unwrap();
    assert_eq!(confirm(input("page", "https://www.city.sendai.jp/", &days.digest)), Err(vec![F::Changed]), "confirmed once");
    let now = app.unconfirmed_facts(&city, &form).unwrap();
    assert!(!now.has("processing_days") && now.has("fee"), "only the fact confirmed: {now:?}");
    let page = app.facts_to_sign_off(&city, &kacho).unwrap();
    assert_eq!(page.progress(), (1, open.len()));
    let days = page.procedures[0].facts.iter().find(|f| f.fact == "processing_days").unwrap();
    let c = days.confirmed.as_ref().unwrap();
    assert_eq!((c.by.as_str(), c.evidence, c.what.as_str(), c.form_version.as_str()), (kacho.display_name.as_str(), Evidence::Ordinance, "仙台市行政手続条例 第6条(標準処理期間の公表)", form.version()));
    // The receipt of a filing read again, and the next filing's, state the date as settled.
    assert!(!read_again().due_to_confirm);
    assert!(!t.resident().file_juminhyo().due_to_confirm);

    // In the staff audit log, with the procedure, the fact, the version and the evidence.
    let log = t.db.db.conn().unwrap().audit_of_clerk(&city, &kacho.id, &AuditSpan { from: None, until: None, before: None }, 10).unwrap();
    let entry = log.iter().find(|a| a.action == AuditAction::FactConfirmed).expect("audited");
    let detail: serde_json::Value = serde_json::from_str(entry.detail.as_deref().unwrap()).unwrap();
    assert_eq!((detail["procedure"].as_str(), detail["fact"].as_str(), detail["form_version"].as_str(), detail["evidence"].as_str()), (Some("juminhyo-copy"), Some("processing_days"), Some(form.version()), Some("ordinance")));

    // /statistics publishes the progress over every procedure of the city.
    let all: usize = app.forms_for(&city).all().map(|f| f.open_facts().len()).sum();
    assert_eq!(app.figures(&city, None).unwrap().facts, madoguchi_app::operations::FactProgress { marked: all, confirmed: 1 });

    // Who may not: a clerk, a ward's supervisor; another section's procedure is not found
    // for the head, an administrator signs off every one; another city's head is not this
    // city's.
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    assert!(matches!(app.facts_to_sign_off(&city, &clerk), Err(AppError::Forbidden)));
    assert!(matches!(app.confirm_fact(&city, &clerk, &ConfirmInput::default()), Err(AppError::Forbidden)));
    let mut ward_head = kacho.clone();
    ward_head.ward = Some(madoguchi_app::kernel::Ward { code: "04101".into(), name: madoguchi_core::Localized::new("青葉区", "Aoba Ward") });
    assert!(matches!(app.facts_to_sign_off(&city, &ward_head), Err(AppError::Forbidden)));
    let theirs = app.forms_for(&city).get("kokuho-saikofu").unwrap();
    let theirs_fact = theirs.open_facts().into_iter().next().unwrap();
    let other_section = ConfirmInput { procedure: "kokuho-saikofu".into(), fact: theirs_fact.fact.into(), digest: theirs_fact.digest.clone(), evidence: "page".into(), what: "https://www.city.sendai.jp/".into() };
    assert!(matches!(app.confirm_fact(&city, &kacho, &other_section), Err(AppError::NotFound)));
    let admin = t.sign_in("admin@sendai.example");
    assert_eq!(app.facts_to_sign_off(&city, &admin).unwrap().procedures.len(), 2);
    app.confirm_fact(&city, &admin, &other_section).unwrap().unwrap();
    assert!(!app.unconfirmed_facts(&city, &theirs).unwrap().has(theirs_fact.fact));
    let elsewhere = madoguchi_core::TenantId::new("052019");
    assert!(matches!(app.facts_to_sign_off(&elsewhere, &kacho), Err(AppError::NotFound)));
});
