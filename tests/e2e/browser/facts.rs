//! Facts the city has not confirmed (issue 46 item 3) in Chromium at 320 px: the arrival
//! mail writes the expected date as an estimate; the procedure page marks each open fact
//! with the section to ask; the section head confirms the processing period on
//! `/office/facts` — told what to fix when the evidence is missing — and the resident's page
//! no longer marks it. Every page passes axe without sideways scrolling.

use super::*;

const MARK: &str = "<strong class=\"to-confirm-label\">市に確認中</strong>";

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn open_facts_are_marked_until_the_section_head_confirms_them_in_chromium() {
    let server = crate::browser_support::server_at_its_own_address(|_| {});
    let resident = madoguchi_e2e::browser();
    madoguchi_e2e::file_a_filing(&server, &resident).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let mail = loop {
        let found = server
            .sink
            .received()
            .into_iter()
            .map(|m| m.text())
            .find(|t| t.contains("処理の目安"));
        if let Some(text) = found {
            break text;
        }
        assert!(Instant::now() < deadline, "no arrival mail");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        mail.contains("(この日数は市に確認中のため、目安です)"),
        "the date rests on an unconfirmed period: {mail}"
    );

    let driver = start_chromedriver();
    let axe = axe_source();
    let phone = browser(&driver, 320).await;
    phone.goto(&server.url("/p/juminhyo-copy")).await.unwrap();
    let main = text(&phone, "main").await;
    assert!(
        main.contains("市に確認中 この内容は、まだ市が確認していません。確かなことは区役所 戸籍住民課にお問い合わせください。"),
        "{main}"
    );
    check_page(&phone, &axe, "70-procedure-facts-to-confirm").await;

    staff_signs_in(&phone, &server, "koseki-jumin.kacho@sendai.example", 0).await;
    phone.goto(&server.url("/office/facts")).await.unwrap();
    check_page(&phone, &axe, "71-office-facts").await;
    let form = "#juminhyo-copy--processing_days form button[type=submit]";
    navigate(&phone, form).await;
    let summary = text(&phone, ".error-summary").await;
    assert!(
        summary.contains("確認の根拠の種類を選んでください")
            && summary.contains("根拠の名称・場所を入力してください"),
        "{summary}"
    );
    check_page(&phone, &axe, "72-office-facts-refused").await;
    click(
        &phone,
        "label[for='juminhyo-copy--processing_days-evidence-ordinance']",
    )
    .await;
    type_into(
        &phone,
        "juminhyo-copy--processing_days-what",
        "仙台市行政手続条例 第6条",
    )
    .await;
    navigate(&phone, form).await;
    let main = text(&phone, "main").await;
    assert!(
        main.contains("確認を記録しました") && main.contains("仙台市行政手続条例 第6条"),
        "{main}"
    );

    let (_, page) = madoguchi_e2e::get(&resident, &server.url("/p/juminhyo-copy")).await;
    let days = &page[page.find("かかる日数").unwrap()..page.find("根拠</h2>").unwrap()];
    assert!(!days.contains(MARK), "the period is confirmed: {days}");
    assert!(page.contains(MARK), "the other facts stay marked");
}
