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
