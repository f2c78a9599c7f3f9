//! Fees: what is charged online and what is not.

use madoguchi_app::{kernel::new_token, review::ReviewInput};
use madoguchi_core::ProcedureId;
use madoguchi_testkit::{TestApp, db_test, defaults::pairs};
use madoguchi_workflow::State;

db_test!(fn a_certificate_paid_by_postal_money_order_is_not_charged_online(db) {
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    // The resident answers that they will send a postal money order (定額小為替).
    app.filing(&t.tenant()).save_step(&token, &ProcedureId::new("juminhyo-copy"), "payment", &pairs(&[("payment_method", "postal_money_order"), ("delivery_address_confirm", "true")]), madoguchi_testkit::defaults::RESIDENT_ADDRESS).unwrap();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    assert!(receipt.payment.is_none());
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let id = receipt.submission_id.to_string();
    assert_eq!(app.review(&clerk.tenant).decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap(), State::Approved);
    let detail = app.review(&clerk.tenant).submission_detail(&clerk, &id).unwrap();
    assert!(detail.payments.is_empty(), "nothing is charged online");
    assert_eq!(detail.mails.iter().map(|m| m.kind.code()).collect::<Vec<_>>(), ["receipt", "decision"]);
    // Closing (the certificate sent once the money order arrived) is not held back.
    let close = ReviewInput { action: "close".into(), ..ReviewInput::default() };
    assert_eq!(app.review(&clerk.tenant).act(&clerk, &id, &close).unwrap(), State::Closed);
});
