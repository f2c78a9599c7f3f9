//! What a resident reads when something needs attention, in Chromium at 320 px (issue 50,
//! item 7): English errors read as sentences (a question is asked as a question, a box to
//! tick is named as its statement), and a warning box names its question, leads to it,
//! and says which button goes on as it is.

use super::*;
use madoguchi_e2e::madoguchi_testkit::defaults::{self, moved};

/// The id of the element that has the keyboard's focus.
async fn focused_id(c: &fantoccini::Client) -> String {
    c.execute("return document.activeElement.id;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn errors_read_as_sentences_and_a_warning_names_its_question_in_chromium() {
    let server = crate::browser_support::server_at_its_own_address(|_| {});
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    // In English, a step sent with nothing answered.
    c.goto(&server.url("/p/jido-teate-gakukaitei/recipient"))
        .await
        .unwrap();
    navigate(&c, "a.lang-switch[hreflang='en']").await;
    continue_(&c).await;
    let summary = text(&c, ".error-summary").await;
    assert!(
        summary.contains("Answer the question \"Are you a public servant?\""),
        "{summary}"
    );
    assert!(!summary.contains("Select Are"), "{summary}");
    let focused = c
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(
        focused,
        Value::from("error-summary"),
        "the summary has the focus"
    );
    check_page(&c, &axe, "70-english-errors").await;
    c.goto(&server.url("/p/jido-teate-gakukaitei/documents"))
        .await
        .unwrap();
    continue_(&c).await;
    let summary = text(&c, ".error-summary").await;
    assert!(
        summary
            .contains("Tick the box \"I confirm that what I have entered is true and complete\""),
        "{summary}"
    );
    navigate(&c, "a.lang-switch[hreflang='ja']").await;

    // A move-in booked for the 15th day: every step sent, the visit date's step comes back
    // with a warning box that names the question and the button.
    let id = "tennyu-yoyaku";
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!(
        "../forms/{id}/examples/valid/day-15-after-the-move-warned.json"
    ));
    let (filed_on, data) = madoguchi_forms::examples::read_valid(&path).unwrap();
    let today = madoguchi_core::jst::date(chrono::Utc::now());
    let data = moved(data, (today - filed_on).num_days());
    let form = defaults::form(id);
    let data = form.normalize_json(data);
    let visit = form
        .steps()
        .iter()
        .find(|s| s.owns_pointer("/visit_date"))
        .unwrap();
    c.goto(&server.url(&format!("/p/{id}/{}", form.steps()[0].id)))
        .await
        .unwrap();
    for step in form.shown_steps(&data) {
        post_step(
            &c,
            &server.url(&format!("/p/{id}/{}", step.id)),
            &madoguchi_forms::input::posted_from_data(step, &data),
        )
        .await;
    }
    c.goto(&server.url(&format!("/p/{id}/{}", visit.id)))
        .await
        .unwrap();
    let warning = text(&c, "#warning-summary").await;
    assert!(
        warning.contains("来庁予定日"),
        "names the question: {warning}"
    );
    assert!(
        warning.contains("このままでよければ、「") && warning.contains("」を押して進めます。"),
        "names the button: {warning}"
    );
    check_page(&c, &axe, "71-step-warning").await;
    click(&c, "#warning-summary a[href='#f-visit_date-year']").await;
    assert_eq!(
        focused_id(&c).await,
        "f-visit_date-year",
        "the link leads to the question's first input"
    );
    continue_(&c).await;
    assert_eq!(
        c.current_url().await.unwrap().path(),
        format!("/p/{id}/check"),
        "sent again as it is, it goes on"
    );
    let warning = text(&c, "#warning-summary").await;
    assert!(warning.contains("を押して申請できます"), "{warning}");
    check_page(&c, &axe, "72-check-warning").await;
    c.close().await.unwrap();
}
