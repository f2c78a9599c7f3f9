//! The clerk's filing page in Chromium: on a wide screen (1400 px) the answers and the
//! actions sit side by side, the actions column staying in view while the answers scroll;
//! on a small phone (320 px) they are one column, with nothing scrolling sideways.

use super::*;

/// The boxes of the answers column and the actions column, and how the latter is placed.
struct Columns {
    answers: [f64; 4],
    actions: [f64; 4],
    position: String,
}

/// `[left, right, top, bottom]` of both columns, in the viewport.
async fn columns(c: &fantoccini::Client) -> Columns {
    let v = c
        .execute(
            "const box = s => { const r = document.querySelector(s).getBoundingClientRect();
                                return [r.left, r.right, r.top, r.bottom]; };
             return [box('.workspace-answers'), box('.workspace-actions'),
                     getComputedStyle(document.querySelector('.workspace-actions')).position];",
            vec![],
        )
        .await
        .unwrap();
    Columns {
        answers: serde_json::from_value(v[0].clone()).unwrap(),
        actions: serde_json::from_value(v[1].clone()).unwrap(),
        position: v[2].as_str().unwrap_or_default().to_string(),
    }
}

/// Signs the clerk in with the authenticator code `steps_ahead` steps on (a code is
/// accepted once) and opens the filing from the queue.
async fn sign_in_and_open_the_filing(
    c: &fantoccini::Client,
    server: &TestServer,
    steps_ahead: i64,
) {
    staff_signs_in(c, server, "koseki-jumin@sendai.example", steps_ahead).await;
    c.goto(&server.url("/office/queue")).await.unwrap();
    navigate(c, "main a.mono").await;
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn answers_and_actions_side_by_side_on_a_wide_screen_one_column_on_a_phone() {
    let server = TestServer::start(TestDb::sqlite());
    let resident = madoguchi_e2e::browser();
    madoguchi_e2e::file_a_filing(&server, &resident).await;
    let driver = start_chromedriver();
    let axe = axe_source();

    // Wide: two columns, the actions on the right, both starting at the same height.
    let c = browser(&driver, 1400).await;
    sign_in_and_open_the_filing(&c, &server, 0).await;
    let at_top = columns(&c).await;
    let (
        [_, answers_right, answers_top, answers_bottom],
        [actions_left, actions_right, actions_top, _],
    ) = (at_top.answers, at_top.actions);
    assert!(
        actions_left >= answers_right,
        "side by side: {:?} {:?}",
        at_top.answers,
        at_top.actions
    );
    assert!(
        (actions_top - answers_top).abs() < 2.0,
        "both start at the same height"
    );
    assert!(actions_right <= 1400.0 && answers_bottom > actions_top);
    // The page uses the wide screen: the answers keep a reading width, not squeezed.
    assert!(
        actions_right - at_top.answers[0] > 1100.0,
        "{:?} {:?}",
        at_top.answers,
        at_top.actions
    );
    assert_eq!(at_top.position, "sticky");
    check_page(&c, &axe, "40-office-filing-wide").await;
    // The column scrolls on its own: the keyboard reaches it even when it holds no form
    // (a closed filing; axe's scrollable-region-focusable).
    let focused: bool = serde_json::from_value(
        c.execute(
            "const a = document.querySelector('.workspace-actions'); a.focus(); return document.activeElement === a;",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert!(focused, "the actions column takes the keyboard's focus");

    // The answers scroll; the actions stay in view beside them, never over them.
    let height: f64 = serde_json::from_value(
        c.execute(
            "return document.documentElement.scrollHeight - window.innerHeight;",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert!(
        height > 400.0,
        "the page is taller than the window ({height}px more)"
    );
    c.execute("window.scrollTo(0, 400);", vec![]).await.unwrap();
    let scrolled = columns(&c).await;
    assert!(
        scrolled.answers[2] < answers_top - 300.0,
        "the answers moved up"
    );
    assert!(
        scrolled.actions[2] >= 0.0,
        "the actions column stays in view: {:?}",
        scrolled.actions
    );
    assert!(
        scrolled.actions[0] >= scrolled.answers[1],
        "and beside the answers"
    );

    // An action works from the column, without JavaScript's help (a plain form).
    c.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    navigate(&c, "#form-claim button").await;
    assert!(text(&c, ".status").await.contains("審査中"));
    assert!(
        !text(&c, ".workspace-actions")
            .await
            .contains("この申請を担当する")
    );
    c.close().await.unwrap();

    // A phone: one column (the actions after the answers), nothing wider than the screen.
    let c = browser(&driver, 320).await;
    sign_in_and_open_the_filing(&c, &server, 1).await;
    let narrow = columns(&c).await;
    assert!(
        narrow.actions[2] >= narrow.answers[3],
        "one column: {:?} {:?}",
        narrow.answers,
        narrow.actions
    );
    assert_eq!(narrow.position, "static");
    let widths: Vec<i64> = serde_json::from_value(
        c.execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert!(widths[0] <= widths[1], "{widths:?}");
    check_page(&c, &axe, "41-office-filing-phone").await;
    c.close().await.unwrap();
}
