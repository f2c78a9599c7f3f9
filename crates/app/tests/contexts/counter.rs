//! Counter pre-entry (書かない窓口): a bundle prepared on a phone, filed by a clerk.

use madoguchi_app::{AppError, kernel::new_token};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ActorKind, FilingMode};
use madoguchi_store::prelude::{DraftsRead, SubmissionsRead};
use madoguchi_testkit::{TestApp, db_test, defaults};

db_test!(fn a_moving_in_bundle_prepared_on_a_phone_is_filed_at_the_counter(db) {
    let t = TestApp::builder().db(db).forms(["tennyu-yoyaku", "kokuho-kanyu", "juminhyo-copy"]).build();
    let (app, clock, db) = (&t.app, &t.clock, &t.db);
    let resident = new_token().unwrap();
    let tennyu = defaults::example("tennyu-yoyaku", "family-from-abroad.json");
    t.resident_session(&resident).fill("tennyu-yoyaku", &tennyu);
    assert!(app.counter(&t.tenant()).visit(Some(&resident)).unwrap().is_none());
    // An unfinished procedure cannot go on the slip.
    let err = app.counter(&t.tenant()).add(Some(&resident), &ProcedureId::new("juminhyo-copy")).unwrap_err();
    assert!(matches!(err, AppError::DraftMissing), "{err:?}");
    app.counter(&t.tenant()).add(Some(&resident), &ProcedureId::new("tennyu-yoyaku")).unwrap();
    let visit = app.counter(&t.tenant()).visit(Some(&resident)).unwrap().unwrap();
    let code = visit.code.clone().unwrap();
    assert_eq!(visit.items.len(), 1);
    assert!(visit.items[0].ready);
    assert!(code.qr.starts_with("MDG1-") && !code.qr.contains("Nguyen"), "no personal data in the QR code");
    assert_eq!(visit.suggestions.iter().map(|s| s.procedure_id.as_str()).collect::<Vec<_>>(), vec!["kokuho-kanyu"]);

    // Health insurance starts with the moving-in answers.
    let first = app.counter(&t.tenant()).prepare(Some(&resident), &ProcedureId::new("kokuho-kanyu")).unwrap();
    assert_eq!(first, "householder");
    let draft = app.filing(&t.tenant()).draft(Some(&resident), &ProcedureId::new("kokuho-kanyu")).unwrap();
    assert_eq!(draft.data["householder_name"], "Nguyen Van An");
    assert_eq!(draft.data["householder_address"]["city"], "仙台市若林区");
    assert_eq!(draft.data["eligibility_date"], "2027-04-02");
    let mut kokuho = defaults::example("kokuho-kanyu", "left-job-couple.json");
    for (k, v) in draft.data.as_object().unwrap() {
        kokuho[k] = v.clone();
    }
    t.resident_session(&resident).fill("kokuho-kanyu", &kokuho);
    app.counter(&t.tenant()).add(Some(&resident), &ProcedureId::new("kokuho-kanyu")).unwrap();

    // At the counter: a tampered QR code, a typed code with slips, another clerk.
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let mut forged = code.qr.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    assert!(matches!(app.counter(&clerk.tenant).open_code(&clerk, &forged), Err(AppError::Refused(madoguchi_core::ErrorCode::CounterCodeInvalid))));
    assert!(matches!(app.counter(&clerk.tenant).open_code(&clerk, "00000-00000"), Err(AppError::NotFound)));
    let id = app.counter(&clerk.tenant).open_code(&clerk, &code.qr).unwrap();
    assert_eq!(app.counter(&clerk.tenant).open_code(&clerk, &code.display.to_lowercase().replace('-', " ")).unwrap(), id);
    let other = t.sign_in("hoken-nenkin@sendai.example");
    assert!(matches!(app.counter(&other.tenant).visit_for_clerk(&other, &id), Err(AppError::NotFound)), "only the clerk who opened it");
    // The handle is bound to its city: the same clerk reaching it through another city's
    // handle finds nothing, and cannot file there.
    let elsewhere = madoguchi_core::TenantId::new("000000");
    assert!(matches!(app.counter(&elsewhere).visit_for_clerk(&clerk, &id), Err(AppError::NotFound)));
    assert!(matches!(app.counter(&elsewhere).file(&clerk, &id, "residence_card", true), Err(AppError::NotFound)));
    let seen = app.counter(&clerk.tenant).visit_for_clerk(&clerk, &id).unwrap();
    assert_eq!(seen.items.len(), 2);
    assert!(seen.items.iter().all(|i| i.ready), "{:?}", seen.items.iter().map(|i| &i.errors).collect::<Vec<_>>());

    // Filing needs the identity check; then both go in, once.
    assert!(matches!(app.counter(&clerk.tenant).file(&clerk, &id, "my_number_card", false), Err(AppError::Refused(madoguchi_core::ErrorCode::IdentityUnchecked))));
    assert!(matches!(app.counter(&clerk.tenant).file(&clerk, &id, "library_card", true), Err(AppError::Refused(madoguchi_core::ErrorCode::IdentityUnchecked))));
    assert_eq!(t.submissions(), 0);
    let filed = app.counter(&clerk.tenant).file(&clerk, &id, "residence_card", true).unwrap();
    assert_eq!(filed.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), vec!["tennyu-yoyaku", "kokuho-kanyu"]);
    assert_eq!(t.submissions(), 2);
    assert!(matches!(app.counter(&clerk.tenant).file(&clerk, &id, "residence_card", true), Err(AppError::Refused(madoguchi_core::ErrorCode::CounterFiled))));
    assert_eq!(t.submissions(), 2);
    let done = app.counter(&clerk.tenant).visit_for_clerk(&clerk, &id).unwrap().filed.unwrap();
    assert_eq!(done.identity.code(), "residence_card");
    assert_eq!(done.filed.len(), 2);
    // Each is a counter filing by the clerk, visible to the applicant's session too.
    let receipt = app.filing(&t.tenant()).receipt(Some(&resident), &filed[0].1).unwrap();
    let mut conn = db.db.conn().unwrap();
    let row = conn.find_submission(&t.tenant(), &receipt.submission_id).unwrap().unwrap();
    assert_eq!(row.filing_mode, FilingMode::Counter);
    assert_eq!(row.filing_mode.code(), "counter");
    let events = conn.events(&t.tenant(), &receipt.submission_id).unwrap();
    assert_eq!(events[0].actor_kind, ActorKind::Clerk);
    assert_eq!(events[0].actor_kind.code(), "clerk");
    assert_eq!(events[0].actor_id.as_ref(), Some(&clerk.id));
    assert!(events[0].detail.as_deref().unwrap().contains("residence_card"));
    assert_eq!(conn.count_drafts().unwrap(), 0, "the drafts became filings");
    drop(conn);
    let f = app.figures(&t.tenant(), None).unwrap();
    assert_eq!((f.total.filed, f.total.online, f.total.at_counter), (2, 0, 2));

    // A code runs out; the resident's new one works, the old one not.
    let second = new_token().unwrap();
    t.resident_session(&second).fill_juminhyo();
    app.counter(&t.tenant()).add(Some(&second), &ProcedureId::new("juminhyo-copy")).unwrap();
    let old = app.counter(&t.tenant()).visit(Some(&second)).unwrap().unwrap().code.unwrap();
    clock.advance(chrono::Duration::hours(25));
    assert!(app.counter(&t.tenant()).visit(Some(&second)).unwrap().unwrap().code.is_none());
    assert!(matches!(app.counter(&clerk.tenant).open_code(&clerk, &old.qr), Err(AppError::Refused(madoguchi_core::ErrorCode::CounterCodeExpired))));
    assert!(matches!(app.counter(&clerk.tenant).open_code(&clerk, &old.display), Err(AppError::Refused(madoguchi_core::ErrorCode::CounterCodeExpired))));
    app.counter(&t.tenant()).renew_code(Some(&second)).unwrap();
    let new = app.counter(&t.tenant()).visit(Some(&second)).unwrap().unwrap().code.unwrap();
    assert_ne!(new.display, old.display);
    assert!(app.counter(&clerk.tenant).open_code(&clerk, &new.display).is_ok());
    assert!(matches!(app.counter(&clerk.tenant).open_code(&clerk, &old.display), Err(AppError::NotFound)));
});

db_test!(fn a_clerk_enters_a_procedure_for_a_resident_at_the_desk_and_files_it(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let (app, city) = (&t.app, t.tenant());
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    // Authors and another city's handle start no entry.
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    assert!(matches!(app.counter(&city).start_entry(&author), Err(AppError::Forbidden)));
    let elsewhere = madoguchi_core::TenantId::new("000000");
    assert!(matches!(app.counter(&elsewhere).start_entry(&clerk), Err(AppError::NotFound)));
    // A resident's own session is no entry, and a clerk cannot open it without its code.
    let resident = new_token().unwrap();
    t.resident_session(&resident).fill_juminhyo();
    app.counter(&city).add(Some(&resident), &ProcedureId::new("juminhyo-copy")).unwrap();
    assert!(!app.counter(&city).is_entry(Some(&resident)).unwrap());
    assert!(matches!(app.counter(&city).open_entry(&clerk, Some(&resident)), Err(AppError::NotFound)));

    // The clerk starts an entry: a fresh session, filled through the same steps, on the slip.
    let entry = app.counter(&city).start_entry(&clerk).unwrap();
    assert_ne!(entry, resident);
    assert!(app.counter(&city).is_entry(Some(&entry)).unwrap());
    assert!(!app.counter(&elsewhere).is_entry(Some(&entry)).unwrap(), "an entry of this city only");
    // Nothing on its slip yet: nothing to open.
    assert!(matches!(app.counter(&city).open_entry(&clerk, Some(&entry)), Err(AppError::NotFound)));
    t.resident_session(&entry).fill_juminhyo();
    app.counter(&city).add(Some(&entry), &ProcedureId::new("juminhyo-copy")).unwrap();
    let id = app.counter(&city).open_entry(&clerk, Some(&entry)).unwrap();
    // Another city's handle cannot open it.
    assert!(matches!(app.counter(&elsewhere).open_entry(&clerk, Some(&entry)), Err(AppError::NotFound)));
    let filed = app.counter(&city).file(&clerk, &id, "my_number_card", true).unwrap();
    assert_eq!(filed.len(), 1);

    // The filing keeps who entered it; the arrival says so; the figures count it.
    let receipt = app.filing(&city).receipt(Some(&entry), &filed[0].1).unwrap();
    let mut conn = t.db.db.conn().unwrap();
    let row = conn.find_submission(&city, &receipt.submission_id).unwrap().unwrap();
    assert_eq!(row.entered_by.as_ref(), Some(&clerk.id));
    assert_eq!(row.filing_mode, FilingMode::Counter);
    let events = conn.events(&city, &receipt.submission_id).unwrap();
    let detail = events[0].detail.as_deref().unwrap();
    assert!(detail.contains("entered_by_staff") && detail.contains(clerk.id.as_str()), "{detail}");
    assert!(!detail.contains("prepared_online_at"), "{detail}");
    drop(conn);
    // The resident's own visit, filed the same way, is not counted as entered by staff.
    let code = app.counter(&city).visit(Some(&resident)).unwrap().unwrap().code.unwrap();
    let theirs = app.counter(&city).open_code(&clerk, &code.display).unwrap();
    app.counter(&city).file(&clerk, &theirs, "driving_licence", true).unwrap();
    let f = app.figures(&city, None).unwrap();
    assert_eq!((f.total.filed, f.total.at_counter, f.total.entered_by_staff), (2, 2, 1));
    assert_eq!(f.procedures[0].entered_by_staff, 1);

    // The retention round forgets an entry once nothing of it is left to file and a draft's
    // life has passed; one whose slip is still open is kept.
    let open = app.counter(&city).start_entry(&clerk).unwrap();
    t.resident_session(&open).fill_juminhyo();
    app.counter(&city).add(Some(&open), &ProcedureId::new("juminhyo-copy")).unwrap();
    t.clock.advance(chrono::Duration::hours(25));
    app.purge_expired().unwrap();
    assert!(!app.counter(&city).is_entry(Some(&entry)).unwrap(), "filed: forgotten");
    assert!(app.counter(&city).is_entry(Some(&open)).unwrap(), "its slip is still open");
});
