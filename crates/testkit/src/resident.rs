//! A resident's browser session against a `TestApp`: answers steps the way the pages post
//! them, and files.

use madoguchi_app::{filing::StepOutcome, submission::Receipt, submission::SubmitOutcome};
use madoguchi_core::ProcedureId;

use crate::TestApp;
use crate::defaults::{self, pairs};

/// The resident-record request's three steps, answered as a resident types them.
pub const JUMINHYO_APPLICANT: &[(&str, &str)] = &[
    ("applicant_name", "仙台 太郎"),
    ("applicant_name_kana", "センダイ タロウ"),
    ("applicant_birth_date.year", "1985"),
    ("applicant_birth_date.month", "4"),
    ("applicant_birth_date.day", "1"),
    ("applicant_postal_code", "9800811"),
    ("applicant_address.prefecture", "宮城県"),
    ("applicant_address.city", "仙台市青葉区"),
    ("applicant_address.town", "国分町三丁目"),
    ("applicant_address.block", "7-1"),
    ("applicant_phone", "022-214-1111"),
    ("applicant_email", "taro@example.jp"),
];
pub const JUMINHYO_REQUEST: &[(&str, &str)] = &[
    ("relation_to_subject", "self"),
    ("certificate_type", "resident_record"),
    ("scope", "whole_household"),
    ("copies", "2"),
    ("purpose", "勤務先へ提出"),
];
pub const JUMINHYO_PAYMENT: &[(&str, &str)] = &[
    ("payment_method", "online"),
    ("delivery_address_confirm", "true"),
];

/// One browser session (its token), no account.
#[derive(Debug)]
pub struct Resident<'a> {
    t: &'a TestApp,
    pub token: String,
}

impl<'a> Resident<'a> {
    pub(crate) fn new(t: &'a TestApp) -> Resident<'a> {
        Resident {
            t,
            token: madoguchi_app::kernel::new_token().expect("a session token"),
        }
    }

    pub(crate) fn with_token(t: &'a TestApp, token: &str) -> Resident<'a> {
        Resident {
            t,
            token: token.to_string(),
        }
    }

    /// The session token as the app's resident use cases take it.
    pub fn session(&self) -> Option<&str> {
        Some(&self.token)
    }

    /// Posts one step's answers; panics unless they are saved.
    pub fn answer(&self, procedure: &str, step: &str, answers: &[(&str, &str)]) {
        self.answer_pairs(procedure, step, &pairs(answers));
    }

    /// The same with answers already as the pages post them.
    pub fn answer_pairs(&self, procedure: &str, step: &str, answers: &[(String, String)]) {
        let outcome = self
            .t
            .app
            .filing(&self.t.tenant())
            .save_step(
                &self.token,
                &ProcedureId::new(procedure),
                step,
                answers,
                defaults::RESIDENT_ADDRESS,
            )
            .unwrap_or_else(|e| panic!("{procedure}/{step}: {e:?}"));
        assert!(
            matches!(outcome, StepOutcome::Saved { .. }),
            "{procedure}/{step}: {outcome:?}"
        );
    }

    /// Answers the resident-record request's three steps.
    pub fn fill_juminhyo(&self) {
        for (step, answers) in [
            ("applicant", JUMINHYO_APPLICANT),
            ("request", JUMINHYO_REQUEST),
            ("payment", JUMINHYO_PAYMENT),
        ] {
            self.answer("juminhyo-copy", step, answers);
        }
    }

    /// Answers every step a procedure shows for `data`, as the pages would post them.
    pub fn fill(&self, procedure: &str, data: &serde_json::Value) {
        let form = defaults::form(procedure);
        let data = form.normalize_json(data.clone());
        for step in form.shown_steps(&data) {
            let posted = madoguchi_forms::input::posted_from_data(step, &data);
            self.answer_pairs(procedure, &step.id, &posted);
        }
    }

    /// Answers a procedure with one of its valid examples (`examples/valid/{name}`).
    pub fn fill_example(&self, procedure: &str, name: &str) {
        self.fill(procedure, &defaults::example(procedure, name));
    }

    /// Files what the session answered, with a fresh idempotency key.
    pub fn submit(&self, procedure: &str) -> SubmitOutcome {
        self.t
            .app
            .filing(&self.t.tenant())
            .submit(
                self.session(),
                &ProcedureId::new(procedure),
                &uuid::Uuid::new_v4().to_string(),
            )
            .unwrap_or_else(|e| panic!("submit {procedure}: {e:?}"))
    }

    /// Fills in and files the resident-record request; its receipt.
    pub fn file_juminhyo(&self) -> Receipt {
        self.fill_juminhyo();
        self.submit("juminhyo-copy").receipt().clone()
    }
}
