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

db_test!(fn a_fee_taken_at_the_counter_is_paid_once_and_balances_the_day(db) {
    use madoguchi_app::fees::{CounterPaymentField, CounterPaymentInput, CounterPaymentProblem};
    use madoguchi_app::AppError;
    use madoguchi_core::{PaymentChannel, PaymentMethod, Yen};
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let id = receipt.submission_id.to_string();
    let review = app.review(&clerk.tenant);
    let fees = app.fees(&clerk.tenant);
    assert_eq!(review.decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap(), State::Approved);
    let offer = review.submission_detail(&clerk, &id).unwrap().counter_fee.expect("the counter may take the fee");
    assert_eq!((offer.amount, offer.after_approval), (Yen::new(600), true));
    let close = ReviewInput { action: "close".into(), ..ReviewInput::default() };
    assert!(review.act(&clerk, &id, &close).is_err(), "unpaid: not closed");

    // Every input's fault at once; nothing stored.
    let typed = |amount: &str, method: &str, receipt: &str| CounterPaymentInput { amount: amount.into(), method: method.into(), receipt_number: receipt.into() };
    let faults = fees.record_at_counter(&clerk, &id, &typed("500", "bitcoin", "<b>")).unwrap().unwrap_err();
    let got: Vec<_> = faults.iter().map(|f| (f.field, f.problem)).collect();
    assert_eq!(got, [
        (CounterPaymentField::Method, CounterPaymentProblem::NotMethod),
        (CounterPaymentField::ReceiptNumber, CounterPaymentProblem::NotReceiptNumber),
        (CounterPaymentField::Amount, CounterPaymentProblem::NotTheFee(Yen::new(600))),
    ]);
    assert_eq!(review.submission_detail(&clerk, &id).unwrap().payments.len(), 1, "only the online one, due");

    // Recorded; a second time is refused; the close rule holds it paid.
    fees.record_at_counter(&clerk, &id, &typed("600", "cash", "R-1")).unwrap().unwrap();
    let detail = review.submission_detail(&clerk, &id).unwrap();
    assert!(detail.counter_fee.is_none(), "nothing more to take");
    let counter = detail.payments.iter().find(|p| p.at_counter()).unwrap();
    assert_eq!((counter.method, counter.receipt_number.as_deref(), counter.is_paid()), (Some(PaymentMethod::Cash), Some("R-1"), true));
    let again = fees.record_at_counter(&clerk, &id, &typed("600", "card", "R-2")).unwrap().unwrap_err();
    assert_eq!(again[0].problem, CounterPaymentProblem::AlreadyPaid);
    assert_eq!(review.act(&clerk, &id, &close).unwrap(), State::Closed);
    // Filed online, but the resident came in to pay: not completed online in the figures.
    let figures = app.figures(&t.tenant(), None).unwrap();
    let r = figures.procedures.iter().find(|r| r.procedure_id == "juminhyo-copy").unwrap();
    assert_eq!((r.online, r.fee_at_counter, r.awaiting_payment, r.online_permille), (1, 1, 0, Some(0)));
    // Over: no more counter payments on it.
    assert!(matches!(fees.record_at_counter(&clerk, &id, &typed("600", "cash", "R-3")), Err(AppError::InvalidTransition)));
    // An author works no filings; another city's handle finds nothing.
    let author = t.sign_in("koseki-jumin.author@sendai.example");
    assert!(matches!(fees.record_at_counter(&author, &id, &typed("600", "cash", "R-4")), Err(AppError::Forbidden)));
    let elsewhere = madoguchi_core::TenantId::new("000000");
    assert!(matches!(app.fees(&elsewhere).record_at_counter(&clerk, &id, &typed("600", "cash", "R-5")), Err(AppError::NotFound)));

    // The day by channel: the counter's cash, 600円, equal to the day's net.
    let chief = t.sign_in("admin@sendai.example");
    let day = app.fees(&chief.tenant).reconciliation(&chief, madoguchi_core::jst::date(app.now())).unwrap();
    let totals = day.by_channel();
    assert_eq!(totals.len(), 1);
    assert_eq!((totals[0].channel, totals[0].method, totals[0].net()), (PaymentChannel::Counter, Some(PaymentMethod::Cash), Yen::new(600)));
    assert_eq!(day.net(), Yen::new(600));
    let csv = String::from_utf8(day.to_csv().unwrap()).unwrap();
    assert!(csv.contains("R-1") && csv.contains("窓口"), "{csv}");
});

db_test!(fn a_fee_taken_at_the_counter_before_the_decision_is_not_asked_for_again(db) {
    use madoguchi_app::fees::CounterPaymentInput;
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let id = receipt.submission_id.to_string();
    // The resident comes to the counter before the office has decided, and pays there.
    let cash = CounterPaymentInput { amount: "600".into(), method: "cash".into(), receipt_number: "R-9".into() };
    app.fees(&clerk.tenant).record_at_counter(&clerk, &id, &cash).unwrap().unwrap();
    let review = app.review(&clerk.tenant);
    assert_eq!(review.decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap(), State::Approved);
    let detail = review.submission_detail(&clerk, &id).unwrap();
    assert_eq!(detail.payments.len(), 1, "no online payment is asked for");
    assert_eq!(detail.mails.iter().map(|m| m.kind.code()).collect::<Vec<_>>(), ["receipt", "decision"], "no 'please pay' mail");
    let decision = {
        use madoguchi_records::OutboxRead;
        let mut conn = t.db.db.conn().unwrap();
        conn.mails_for_submission(&receipt.submission_id).unwrap().into_iter().find(|m| m.kind == madoguchi_core::MailKind::Decision).unwrap().body
    };
    assert!(decision.contains("申請は許可(承認)されました。結果") && !decision.contains("手数料のお支払いがまだです"), "{decision}");
    let close = ReviewInput { action: "close".into(), ..ReviewInput::default() };
    assert_eq!(review.act(&clerk, &id, &close).unwrap(), State::Closed);
});

db_test!(fn a_fee_to_pay_at_the_counter_is_no_longer_owed_once_taken_there(db) {
    use madoguchi_app::fees::CounterPaymentInput;
    let t = TestApp::builder().db(db).build();
    let app = &t.app;
    let token = new_token().unwrap();
    t.resident_session(&token).fill_juminhyo();
    // The resident chooses to pay at the counter when collecting the certificate.
    app.filing(&t.tenant()).save_step(&token, &ProcedureId::new("juminhyo-copy"), "payment", &pairs(&[("payment_method", "counter"), ("delivery_address_confirm", "true")]), madoguchi_testkit::defaults::RESIDENT_ADDRESS).unwrap();
    let receipt = app.filing(&t.tenant()).submit(Some(&token), &ProcedureId::new("juminhyo-copy"), &uuid::Uuid::new_v4().to_string()).unwrap().receipt().clone();
    let clerk = t.sign_in("koseki-jumin@sendai.example");
    let id = receipt.submission_id.to_string();
    assert_eq!(app.review(&clerk.tenant).decide(&clerk, &id, &ReviewInput::decision("approve", "")).unwrap(), State::Approved);
    let number = receipt.arrival_number.to_string();
    let before = app.filing(&t.tenant()).receipt(Some(&token), &number).unwrap();
    assert!(before.fee_owed_after_approval().is_some(), "owed at the counter");
    let cash = CounterPaymentInput { amount: "600".into(), method: "cash".into(), receipt_number: "R-10".into() };
    app.fees(&clerk.tenant).record_at_counter(&clerk, &id, &cash).unwrap().unwrap();
    let after = app.filing(&t.tenant()).receipt(Some(&token), &number).unwrap();
    assert!(after.fee_owed_after_approval().is_none(), "taken: nothing more owed");
    assert!(after.payment.as_ref().is_some_and(|p| p.is_paid() && p.at_counter()));
});
