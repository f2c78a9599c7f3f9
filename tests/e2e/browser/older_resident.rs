//! A 75-year-old resident files with a 昭和 birth date, at 200% zoom: a 1280 px screen
//! zoomed to 200% is a 640 px wide page drawn at two device pixels per CSS pixel.

use super::*;
use madoguchi_store::prelude::SubmissionsRead;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_resident_of_75_files_with_a_showa_birth_date_at_200_percent_zoom() {
    let server = crate::browser_support::server_at_its_own_address(|_| {});
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 640).await;
    c.goto(&server.url("/p/juminhyo-copy")).await.unwrap();
    let zoom = c
        .execute(
            "return [window.devicePixelRatio, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        (zoom[0].as_f64(), zoom[1].as_i64()),
        (Some(2.0), Some(640)),
        "200% zoom of 1280 px"
    );
    check_page(&c, &axe, "70-zoom-procedure").await;
    navigate(&c, "a.button-start").await;
    type_into(&c, "f-applicant_name", "仙台 ハナ").await;
    type_into(&c, "f-applicant_name_kana", "センダイ ハナ").await;
    // The year as her documents write it, in the era they write it in; 昭和 has no 65th
    // year, which the page says, naming the era to choose.
    choose(&c, "f-applicant_birth_date-era", "showa").await;
    type_into(&c, "f-applicant_birth_date-year", "65").await;
    type_into(&c, "f-applicant_birth_date-month", "5").await;
    type_into(&c, "f-applicant_birth_date-day", "3").await;
    type_into(&c, "f-applicant_postal_code", "980-0811").await;
    type_into(&c, "f-applicant_address-prefecture", "宮城県").await;
    type_into(&c, "f-applicant_address-city", "仙台市青葉区").await;
    type_into(&c, "f-applicant_address-town", "一番町").await;
    type_into(&c, "f-applicant_address-block", "7-1").await;
    type_into(&c, "f-applicant_phone", "022-214-1111").await;
    type_into(&c, "f-applicant_email", "hana@example.jp").await;
    continue_(&c).await;
    let summary = text(&c, ".error-summary").await;
    assert!(
        summary.contains("昭和は64年(1989年1月7日)までです"),
        "{summary}"
    );
    check_page(&c, &axe, "71-zoom-era-error").await;
    type_into(&c, "f-applicant_birth_date-year", "26").await;
    // The address look-up fills the same town (JavaScript): typed again all the same.
    type_into(&c, "f-applicant_address-town", "一番町").await;
    continue_(&c).await;
    let errors = c
        .execute(
            "const s = document.querySelector('.error-summary'); return s ? s.innerText : '';",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(errors, Value::from(""), "the corrected step is accepted");
    check_page(&c, &axe, "72-zoom-request").await;
    click(&c, "#f-relation_to_subject-0").await;
    click(&c, "#f-certificate_type-0").await;
    click(&c, "#f-scope-0").await;
    type_into(&c, "f-copies", "1").await;
    type_into(&c, "f-purpose", "年金の手続").await;
    continue_(&c).await;
    check_page(&c, &axe, "73-zoom-payment").await;
    click(&c, "#f-payment_method-0").await;
    click(&c, "#f-delivery_address_confirm").await;
    continue_(&c).await;
    check_page(&c, &axe, "74-zoom-check").await;
    let check = text(&c, "main").await;
    assert!(check.contains("昭和26年5月3日（1951年5月3日）"), "{check}");
    continue_(&c).await;
    check_page(&c, &axe, "75-zoom-receipt").await;
    let number = text(&c, ".arrival-number").await;
    let tenant = madoguchi_core::TenantId::new(madoguchi_testkit::defaults::TENANT.to_string());
    let row = server
        .db
        .db
        .conn()
        .unwrap()
        .find_submission_by_arrival_number(&tenant, &number)
        .unwrap()
        .unwrap();
    let data: Value = serde_json::from_str(&row.data).unwrap();
    assert_eq!(data["applicant_birth_date"], "1951-05-03");
}
