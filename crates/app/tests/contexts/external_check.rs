//! A form whose answers another system checks (`x-external-check`): the library's card
//! number and password, sent to a stand-in of the library's system on loopback (a real
//! HTTP server, `madoguchi-stublibrary`); the password is never stored.

use std::net::TcpListener;

use madoguchi_app::kernel::{CheckEndpoint, new_token};
use madoguchi_app::{AppError, filing::StepOutcome, submission::SubmitOutcome};
use madoguchi_core::{ErrorCode, ProcedureId};
use madoguchi_forms::FormErrorCode;
use madoguchi_store::prelude::{Drafts, DraftsRead, SubmissionsRead};
use madoguchi_stublibrary::{Running, StubLibrary, spawn};
use madoguchi_testkit::{TestApp, TestDb, db_test, defaults};

const FORM: &str = "toshokan-yoyaku";
const TOKEN: &str = "library-shared-secret";
/// A password of a demo card, and one nobody registered.
const PASSWORD: &str = "hon-daisuki";
const WRONG: &str = "not-the-password";

/// The app, with Sendai's `library` system at `url`.
fn app_with_library(db: TestDb, url: String) -> TestApp {
    app_with_library_and(db, url, &[])
}

/// [`app_with_library`], with `more` procedures beside the library's.
fn app_with_library_and(db: TestDb, url: String, more: &[&str]) -> TestApp {
    TestApp::builder()
        .db(db)
        .forms(std::iter::once(FORM).chain(more.iter().copied()))
        .config(move |c| {
            c.external_checks.insert(
                (defaults::tenant_id(), "library".into()),
                CheckEndpoint {
                    url,
                    token: TOKEN.into(),
                },
            );
        })
        .build()
}

fn library() -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    spawn(listener, StubLibrary::new(TOKEN)).unwrap()
}

/// A valid example with `password` as its password answer.
fn answers(password: &str) -> serde_json::Value {
    let mut data = defaults::example(FORM, "two-books-email.json");
    data["library_password"] = password.into();
    data
}

/// Changes the card number in the session's draft behind the check's back (an older
/// draft, a copy): the mark of the check no longer holds for its answers.
fn change_card_behind_the_check(t: &TestApp, token: &str) {
    let hash = madoguchi_app::kernel::token_hash(token);
    let mut conn = t.db.db.conn().unwrap();
    let mut draft = conn
        .find_live_draft(
            &t.tenant(),
            &hash,
            &ProcedureId::new(FORM),
            t.app.now().naive_utc(),
        )
        .unwrap()
        .unwrap();
    draft.data = draft.data.replace("2100012345", "2100067890");
    conn.save_draft(&draft).unwrap();
}

/// Posts the card's step with `password`.
fn save_card_step(t: &TestApp, token: &str, password: &str) -> StepOutcome {
    save_card_step_from(t, token, password, defaults::RESIDENT_ADDRESS)
}

/// Posts the card's step with `password` from `address`.
fn save_card_step_from(t: &TestApp, token: &str, password: &str, address: &str) -> StepOutcome {
    let form = defaults::form(FORM);
    let data = form.normalize_json(answers(password));
    let (_, step) = form.step("reader").unwrap();
    let posted = madoguchi_forms::input::posted_from_data(step, &data);
    t.app
        .filing(&t.tenant())
        .save_step(token, &ProcedureId::new(FORM), "reader", &posted, address)
        .unwrap()
}

db_test!(fn the_password_checked_on_its_step_is_never_stored_in_the_draft_or_the_filing(db) {
    let running = library();
    let t = app_with_library(db, running.check_url.clone());
    let token = new_token().unwrap();
    // The whole form, as the pages post it: the card's step asks the library's system.
    t.resident_session(&token).fill(FORM, &answers(PASSWORD));
    let draft = t.db.db.conn().unwrap()
        .find_live_draft(&t.tenant(), &madoguchi_app::kernel::token_hash(&token), &ProcedureId::new(FORM), t.app.now().naive_utc())
        .unwrap()
        .expect("the draft is saved");
    assert!(!draft.data.contains(PASSWORD), "the draft's answers hold no password");
    assert!(draft.data.contains("2100012345"), "the card number is kept");
    let mark = draft.external_check.expect("the draft keeps the check's mark");
    assert!(mark.contains("\"system\":\"library\"") && !mark.contains(PASSWORD), "{mark}");
    let SubmitOutcome::Stored(receipt) = t.resident_session(&token).submit(FORM) else {
        panic!("a checked draft is filed")
    };
    let row = t.db.db.conn().unwrap().find_submission(&t.tenant(), &receipt.submission_id).unwrap().unwrap();
    assert!(!row.data.contains(PASSWORD), "the filing's answers hold no password");
    assert!(!row.data.contains("library_password"));
    running.stop();
});

db_test!(fn a_wrong_password_is_refused_on_its_field_and_nothing_is_saved(db) {
    let running = library();
    let t = app_with_library(db, running.check_url.clone());
    let token = new_token().unwrap();
    let StepOutcome::Invalid { errors } = save_card_step(&t, &token, WRONG) else {
        panic!("a wrong password is refused")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].pointer, "/library_password");
    assert_eq!(errors[0].code, FormErrorCode::ExternalCheckRefused);
    let message = t.app.forms_for(&t.tenant()).get(FORM).unwrap().message(&errors[0]);
    assert!(message.ja.contains("図書館"), "{}", message.ja);
    assert!(message.en.contains("the library"), "{}", message.en);
    // The library does not say which answer it refused: the message names both.
    let form = defaults::form(FORM);
    for pointer in ["/library_card_number", "/library_password"] {
        let label = form.field(pointer).unwrap().message_label();
        assert!(message.ja.contains(label.ja.as_str()), "{} names {}", message.ja, label.ja);
        assert!(message.en.contains(label.en.as_str()), "{} names {}", message.en, label.en);
    }
    let view = t.app.filing(&t.tenant()).draft(Some(&token), &ProcedureId::new(FORM)).unwrap();
    assert_eq!(view.data, serde_json::json!({}), "nothing was saved");
    running.stop();
});

db_test!(fn an_unreachable_library_refuses_with_a_clear_error_never_a_pass(db) {
    // A port nobody listens on any more.
    let url = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/check", listener.local_addr().unwrap())
    };
    let t = app_with_library(db, url);
    let token = new_token().unwrap();
    let StepOutcome::Invalid { errors } = save_card_step(&t, &token, PASSWORD) else {
        panic!("nothing passes unchecked")
    };
    assert_eq!(errors[0].pointer, "/library_password");
    assert_eq!(errors[0].code, FormErrorCode::ExternalCheckUnavailable);
    let message = t.app.forms_for(&t.tenant()).get(FORM).unwrap().message(&errors[0]);
    assert!(message.ja.contains("図書館のシステムにつながらない"), "{}", message.ja);
    // The API's filing: 503's code, nothing stored.
    let refused = t.app.filing(&t.tenant()).submit_data(&ProcedureId::new(FORM), answers(PASSWORD), &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS);
    assert!(matches!(refused, Err(AppError::Outside(ErrorCode::ExternalCheckUnavailable))), "{refused:?}");
    assert_eq!(t.submissions(), 0);
});

db_test!(fn the_api_files_with_the_right_password_and_refuses_a_wrong_one_on_its_field(db) {
    let running = library();
    let t = app_with_library(db, running.check_url.clone());
    let pid = ProcedureId::new(FORM);
    let wrong = t.app.filing(&t.tenant()).submit_data(&pid, answers(WRONG), &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS);
    let Err(AppError::Validation { step, errors }) = wrong else { panic!("{wrong:?}") };
    assert_eq!(step, "reader");
    assert_eq!((errors[0].pointer.as_str(), errors[0].code), ("/library_password", FormErrorCode::ExternalCheckRefused));
    let filed = t.app.filing(&t.tenant()).submit_data(&pid, answers(PASSWORD), &uuid::Uuid::new_v4().to_string(), defaults::RESIDENT_ADDRESS).unwrap();
    let SubmitOutcome::Stored(receipt) = filed else { panic!("filed") };
    let row = t.db.db.conn().unwrap().find_submission(&t.tenant(), &receipt.submission_id).unwrap().unwrap();
    assert!(!row.data.contains(PASSWORD));
    assert_eq!(t.submissions(), 1);
    running.stop();
});

db_test!(fn a_draft_without_the_check_is_sent_back_to_the_cards_step(db) {
    let running = library();
    let t = app_with_library(db, running.check_url.clone());
    let token = new_token().unwrap();
    t.resident_session(&token).fill(FORM, &answers(PASSWORD));
    // The card number changed behind the check's back (an older draft, a copy): the mark
    // no longer holds for these answers.
    change_card_behind_the_check(&t, &token);
    let refused = t.app.filing(&t.tenant()).check(Some(&token), &ProcedureId::new(FORM));
    let Err(AppError::Validation { step, errors }) = refused else { panic!("{refused:?}") };
    assert_eq!(step, "reader");
    assert_eq!(errors[0].code, FormErrorCode::ExternalCheckNeeded);
    let key = uuid::Uuid::new_v4().to_string();
    assert!(matches!(t.app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new(FORM), &key), Err(AppError::Validation { .. })));
    assert_eq!(t.submissions(), 0);
    running.stop();
});

db_test!(fn a_counter_slip_whose_check_no_longer_holds_is_shown_not_ready_and_the_rest_is_filed(db) {
    let running = library();
    let t = app_with_library_and(db, running.check_url.clone(), &["juminhyo-copy"]);
    let token = new_token().unwrap();
    let resident = t.resident_session(&token);
    resident.fill(FORM, &answers(PASSWORD));
    resident.fill_juminhyo();
    for pid in [FORM, "juminhyo-copy"] {
        t.app.counter(&t.tenant()).add(Some(&token), &ProcedureId::new(pid)).unwrap();
    }
    let slip = t.app.counter(&t.tenant()).visit(Some(&token)).unwrap().unwrap();
    assert!(slip.items.iter().all(|i| i.ready), "checked on its step: ready");

    // The card number changed behind the check's back: the mark no longer holds.
    change_card_behind_the_check(&t, &token);
    let slip = t.app.counter(&t.tenant()).visit(Some(&token)).unwrap().unwrap();
    let ready = |id: &str| slip.items.iter().find(|i| i.procedure_id.as_str() == id).unwrap().ready;
    assert!(!ready(FORM), "the resident's slip says it is not ready");
    assert!(ready("juminhyo-copy"));

    // The clerk sees it not ready, with the reason on the card's field.
    let code = slip.code.clone().unwrap();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let id = t.app.counter(&clerk.tenant).open_code(&clerk, &code.qr).unwrap();
    let seen = t.app.counter(&clerk.tenant).visit_for_clerk(&clerk, &id).unwrap();
    let library_item = seen.items.iter().find(|i| i.form.id() == FORM).unwrap();
    assert!(!library_item.ready);
    assert_eq!(library_item.errors.iter().map(|e| e.code).collect::<Vec<_>>(), vec![FormErrorCode::ExternalCheckNeeded]);
    assert!(seen.items.iter().find(|i| i.form.id() == "juminhyo-copy").unwrap().ready);

    // Filing takes what is ready and leaves the rest: it is not refused as a whole.
    let filed = t.app.counter(&clerk.tenant).file(&clerk, &id, "residence_card", true).unwrap();
    assert_eq!(filed.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), vec!["juminhyo-copy"]);
    assert_eq!(t.submissions(), 1);
    running.stop();
});

db_test!(fn repeated_wrong_passwords_pause_the_check(db) {
    let running = library();
    let t = app_with_library(db, running.check_url.clone());
    let token = new_token().unwrap();
    let code = |password: &str| match save_card_step(&t, &token, password) {
        StepOutcome::Invalid { errors } => Some(errors[0].code),
        StepOutcome::Saved { .. } => None,
    };
    for _ in 0..5 {
        assert_eq!(code(WRONG), Some(FormErrorCode::ExternalCheckRefused));
    }
    // Paused from that address: even the right password is not sent to the library now.
    assert_eq!(code(WRONG), Some(FormErrorCode::ExternalCheckPaused));
    assert_eq!(code(PASSWORD), Some(FormErrorCode::ExternalCheckPaused));
    // Whoever guessed cannot pause the card for its owner: from home it is checked.
    let owner = new_token().unwrap();
    assert!(matches!(save_card_step_from(&t, &owner, PASSWORD, "203.0.113.5"), StepOutcome::Saved { .. }));
    running.stop();
});
