//! The nursery application (保育所等利用申込), with two children each naming up to five
//! facilities (a group inside a repeatable item), filed end to end in Chromium in Sendai and
//! in Akita: each step filled in the inputs the page shows (pressing 「追加」 for the second
//! child and guardian), the check page and the receipt listing each child with its own
//! questions and its facilities by choice, axe and 320 px on both.

use super::*;
use madoguchi_forms::Form;
use madoguchi_store::prelude::SubmissionsRead;

/// A valid example moved to today, the start date on the next 1st or 16th (the only days
/// a place starts).
fn example_today(folder: &str) -> (Form, Value) {
    let dir = madoguchi_testkit::defaults::forms_dir().join(folder);
    let text = std::fs::read_to_string(dir.join("form.json")).unwrap();
    let form =
        Form::from_value(&dir.join("form.json"), serde_json::from_str(&text).unwrap()).unwrap();
    let file = dir.join("examples/valid/midyear-moving-in-two-children.json");
    let (filed_on, data) = madoguchi_forms::examples::read_valid(&file).unwrap();
    let today = madoguchi_testkit::defaults::today_in_japan();
    let mut data = madoguchi_testkit::defaults::moved(data, (today - filed_on).num_days());
    let start =
        chrono::NaiveDate::parse_from_str(data["desired_start_date"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    let snapped = (0..16)
        .map(|d| start + chrono::Duration::days(d))
        .find(|d| matches!(chrono::Datelike::day(d), 1 | 16))
        .unwrap();
    data["desired_start_date"] = Value::from(snapped.to_string());
    let data = form.normalize_json(data);
    (form, data)
}

/// Fills the step on screen with `pairs` (name, value) as a person would pick and type
/// them; the names the page has no input for.
pub(super) async fn fill(c: &fantoccini::Client, pairs: &[(String, String)]) -> Vec<String> {
    let missing = c
        .execute(
            "const [pairs] = arguments; const missing = [];
             const form = document.querySelector('main form[method=post]');
             for (const [name, value] of pairs) {
               const els = [...form.elements].filter(e => e.name === name);
               if (!els.length) { missing.push(name); continue; }
               const el = els[0];
               // The page's own marks (an item's place): sent as the page wrote them.
               if (el.type === 'hidden') continue;
               if (el.type === 'radio' || el.type === 'checkbox') {
                 const m = els.find(e => e.value === value);
                 if (m) { m.checked = true; m.dispatchEvent(new Event('change', { bubbles: true })); }
                 else { missing.push(name + '=' + value); }
               } else {
                 el.value = value;
                 el.dispatchEvent(new Event('input', { bubbles: true }));
                 el.dispatchEvent(new Event('change', { bubbles: true }));
                 if (el.value !== value) missing.push(name + '=' + value);
               }
             }
             return missing;",
            vec![serde_json::json!(pairs)],
        )
        .await
        .unwrap();
    serde_json::from_value(missing).unwrap()
}

async fn file_nursery(
    c: &fantoccini::Client,
    axe: &str,
    base: &str,
    folder: &str,
    city: &str,
) -> String {
    let (form, data) = example_today(folder);
    c.goto(&format!("{base}/p/hoiku-moushikomi")).await.unwrap();
    navigate(c, "a.button-start").await;
    for _ in 0..20 {
        let url = c.current_url().await.unwrap();
        let step_id = url.path().rsplit('/').next().unwrap().to_string();
        if step_id == "check" {
            break;
        }
        let step = form
            .steps()
            .iter()
            .find(|s| s.id == step_id)
            .unwrap_or_else(|| panic!("{url}"));
        let pairs = madoguchi_forms::input::posted_from_data(step, &data);
        let mut pressed = 0;
        loop {
            let missing = fill(c, &pairs).await;
            if missing.is_empty() {
                break;
            }
            // An item not on the page yet: 「追加」 of its list, as a person presses it.
            let lists: Vec<String> = missing
                .iter()
                .filter_map(|m| m.split_once(".1.").map(|(list, _)| list.to_string()))
                .collect();
            let mut add = None;
            for list in &lists {
                let css = format!("button[name='_action'][value='add:{list}']");
                if c.find(Locator::Css(&css)).await.is_ok() {
                    add = Some(css);
                    break;
                }
            }
            let add = add.filter(|_| pressed < 6);
            let add = add.unwrap_or_else(|| panic!("{city} {step_id}: no input for {missing:?}"));
            pressed += 1;
            navigate(c, &add).await;
        }
        continue_(c).await;
        let summary = c
            .execute(
                "const s = document.querySelector('.error-summary'); return s ? s.innerText : '';",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(summary, Value::from(""), "{city} {step_id}");
        if c.current_url()
            .await
            .unwrap()
            .path()
            .ends_with(&format!("/{step_id}"))
        {
            // A warning is shown once; continuing again goes on.
            continue_(c).await;
        }
    }
    check_page(c, axe, &format!("90-nursery-{city}-check")).await;
    let rows = text(c, "main").await;
    for words in [
        "お子さん1",
        "お子さん2",
        "第1希望",
        "泉中央保育園",
        "第5希望",
        "八乙女こども園",
    ] {
        assert!(
            rows.contains(words),
            "{city}: {words} not on the check page:\n{rows}"
        );
    }
    continue_(c).await;
    check_page(c, axe, &format!("91-nursery-{city}-receipt")).await;
    let receipt = text(c, "main").await;
    assert!(
        receipt.contains("第5希望"),
        "{city}: the receipt lists the facilities:\n{receipt}"
    );
    text(c, ".arrival-number").await
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn the_nursery_application_is_filed_in_sendai_and_akita_in_chromium() {
    let server = crate::browser_support::server_at_its_own_address(|_| {});
    let port = server.base.rsplit(':').next().unwrap().to_string();
    let driver = start_chromedriver();
    let axe = axe_source();
    for (base, folder, city, tenant) in [
        (
            server.base.clone(),
            "hoiku-moushikomi".to_string(),
            "sendai",
            "041009",
        ),
        (
            format!("http://akita.localhost:{port}"),
            "cities/052019/hoiku-moushikomi".to_string(),
            "akita",
            "052019",
        ),
    ] {
        let c = browser(&driver, 320).await;
        let number = file_nursery(&c, &axe, &base, &folder, city).await;
        let row = server
            .db
            .db
            .conn()
            .unwrap()
            .find_submission_by_arrival_number(&madoguchi_core::TenantId::new(tenant), &number)
            .unwrap()
            .unwrap_or_else(|| panic!("{city}: {number} not filed"));
        let data: Value = serde_json::from_str(&row.data).unwrap();
        assert_eq!(
            data["children"][1]["facility_choices"]["choice_5"], "八乙女こども園",
            "{city}"
        );
        if city == "sendai" {
            // The clerk's page lists the same rows.
            let clerk = madoguchi_e2e::staff_sign_in(&server, "hoiku-kyufu@sendai.example").await;
            let queue = server.url(&format!("/office/queue?q={number}"));
            let (_, queue) = madoguchi_e2e::get(&clerk, &queue).await;
            let marker = "href=\"/office/submissions/";
            let start = queue.find(marker).expect("the filing in the clerk's queue") + 6;
            let link = &queue[start..start + queue[start..].find('"').unwrap()];
            let (_, page) = madoguchi_e2e::get(&clerk, &server.url(link)).await;
            let row = "<dt class=\"summary-part-key\">第5希望</dt><dd class=\"summary-part-value\">八乙女こども園</dd>";
            assert!(
                page.contains(row),
                "the clerk's page lists each facility: {page}"
            );
        }
        c.close().await.unwrap();
    }
}
