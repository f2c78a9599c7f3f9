//! What several context modules need beyond `TestApp`.

use madoguchi_app::review::ReviewInput;
use madoguchi_testkit::TestApp;

/// A review action with nothing else filled in.
pub fn input(action: &str) -> ReviewInput {
    ReviewInput {
        action: action.into(),
        ..ReviewInput::default()
    }
}

/// A calendar date.
pub fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The text of a PDF, read back in process (no PDF tool needed).
pub fn pdf_text(pdf: &[u8]) -> String {
    madoguchi_documents::readback::Readout::parse(pdf)
        .unwrap()
        .text()
}

/// The template's texts for residents, written as an author writes them (publishing refuses
/// the template's own words).
pub fn written(definition: &str) -> String {
    definition
        .replace(
            "この手続で何ができるかを、1〜2文で書いてください。",
            "窓口での相談を予約します。",
        )
        .replace(
            "Say in one or two sentences what this procedure is for.",
            "Book a consultation at a counter.",
        )
        .replace("申請できる方を書いてください。", "市内にお住まいの方")
        .replace("Say who may apply.", "People living in the city.")
        .replace(
            "結果をどのようにお知らせするかを書いてください。",
            "予約の結果はメールでお知らせします。",
        )
        .replace(
            "Say how the result reaches the applicant.",
            "The booking is confirmed by email.",
        )
}

/// Saves each step of `data` for the session; the slot step's outcome.
pub fn answer_steps(
    t: &TestApp,
    form: &madoguchi_forms::Form,
    token: &str,
    data: &serde_json::Value,
) -> madoguchi_app::filing::StepOutcome {
    let mut last = None;
    for step in form.shown_steps(data) {
        let posted = madoguchi_forms::input::posted_from_data(step, data);
        let outcome = t
            .app
            .filing(&t.tenant())
            .save_step(
                token,
                &madoguchi_core::ProcedureId::new(form.id()),
                &step.id,
                &posted,
                "192.0.2.1",
            )
            .unwrap();
        last = Some(outcome);
    }
    last.unwrap()
}
