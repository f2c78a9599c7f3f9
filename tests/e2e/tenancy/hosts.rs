//! Host names: each city's host serves that city, an unknown host nobody, a suspended city
//! a 503 page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use madoguchi_e2e::e2e_test;
use madoguchi_store::prelude::Tenancy;
use reqwest::StatusCode;

use super::support::City;

e2e_test!(async fn each_host_serves_its_city_and_no_other(server) {
    let sendai = City::of(&server, "sendai.localhost", "sendai.example");
    let akita = City::of(&server, "akita.localhost", "akita.example");
    let shiroishi = City::of(&server, "shiroishi.localhost", "shiroishi.example");
    let stranger = City::of(&server, "madoguchi.attacker.example", "attacker.example");

    // Each city's own staff sign in on its own host; the same login elsewhere is unknown.
    for city in [&sendai, &akita, &shiroishi] {
        let (staff, _) = city.staff("koseki-jumin").await;
        let res = staff.get(city.url("/office/queue")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{}", city.host);
    }
    let (other, _) = akita.browser();
    let page = madoguchi_e2e::get(&other, &akita.url("/office/login")).await.1;
    let res = madoguchi_e2e::post_form(
        &other,
        &akita.url("/office/login"),
        &madoguchi_e2e::input_value(&page, "csrf_token"),
        &[("login", "koseki-jumin@sendai.example"), ("password", "madoguchi-demo")],
    )
    .await;
    assert_ne!(res.status(), StatusCode::SEE_OTHER, "a Sendai login is no Akita login");

    // An unknown host: a plain 404 naming no city.
    let (status, body) = {
        let res = stranger.bare().get(stranger.url("/procedures")).send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::NOT_FOUND);
    for city in ["仙台", "秋田", "白石", "Sendai", "Akita", "Shiroishi"] {
        assert!(!body.contains(city), "the unknown host's page names {city}: {body}");
    }

    // A suspended city: 503 on its hosts (once every node has re-read the registry), the
    // others untouched.
    let now = chrono::Utc::now().naive_utc();
    assert!(server.db.db.conn().unwrap().set_tenant_status(&"042064".into(), "suspended", now).unwrap());
    let mut status = StatusCode::OK;
    for _ in 0..40 {
        status = shiroishi.bare().get(shiroishi.url("/procedures")).send().await.unwrap().status();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "a suspended city answers 503");
    let body = shiroishi.bare().get(shiroishi.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(body.contains("停止") && body.contains("suspended"), "{body}");
    assert_eq!(akita.bare().get(akita.url("/procedures")).send().await.unwrap().status(), StatusCode::OK);
});

/// What a city's organisation file says it offers: the catalogue procedures it adopts and
/// its own (`forms/cities/<code>`), sorted.
fn offered(file: &str, code: &str) -> Vec<String> {
    let shipped = madoguchi_testkit::defaults::municipality_file();
    let text = std::fs::read_to_string(shipped.with_file_name(file)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut ids: Vec<String> = value["procedures"]["adopt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_string())
        .collect();
    let own = madoguchi_testkit::defaults::forms_dir()
        .join("cities")
        .join(code);
    for entry in std::fs::read_dir(own).unwrap() {
        ids.push(entry.unwrap().file_name().to_string_lossy().into_owned());
    }
    ids.sort();
    ids.dedup();
    ids
}

/// The ids of the procedures a city's API lists.
async fn listed(city: &City) -> Vec<String> {
    let res = city
        .bare()
        .get(city.url("/api/v1/procedures"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{}", city.host);
    let body: serde_json::Value = res.json().await.unwrap();
    let mut ids: Vec<String> = body["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

e2e_test!(async fn each_city_offers_its_own_procedures(server) {
    let sendai = City::of(&server, "sendai.localhost", "sendai.example");
    let akita = City::of(&server, "akita.localhost", "akita.example");
    let shiroishi = City::of(&server, "shiroishi.localhost", "shiroishi.example");

    // As the shipped organisation files say: Sendai the catalogue, the others what they
    // adopt of it (its national procedures, written for every city) and their own
    // procedures (forms/cities/<code>), which replace the catalogue's of the same id.
    assert!(listed(&sendai).await.len() >= 100);
    let akita_list = listed(&akita).await;
    assert_eq!(akita_list, offered("akita.json", "052019"));
    assert!(akita_list.len() >= 10, "{akita_list:?}");
    for id in ["jido-teate-shometsu", "koen-kasen-sonsho-tsuho", "sodai-gomi-shushu"] {
        assert!(akita_list.iter().any(|l| l == id), "{id}: {akita_list:?}");
    }
    let shiroishi_list = listed(&shiroishi).await;
    assert_eq!(shiroishi_list, offered("shiroishi.json", "042064"));
    for id in ["jido-teate-shometsu", "tennyu-yoyaku", "risai-shomei"] {
        assert!(shiroishi_list.iter().any(|l| l == id), "{id}: {shiroishi_list:?}");
    }

    // A catalogue procedure written for every city: each city's name and division.
    let page = madoguchi_e2e::get(&akita.bare(), &akita.url("/p/jido-teate-shometsu")).await.1;
    assert!(page.contains("秋田市") && page.contains("子ども福祉課") && !page.contains("仙台"), "{page}");
    let page = madoguchi_e2e::get(&sendai.bare(), &sendai.url("/p/jido-teate-shometsu")).await.1;
    assert!(page.contains("仙台市") && !page.contains("秋田"), "{page}");
    let page = madoguchi_e2e::get(&shiroishi.bare(), &shiroishi.url("/p/jido-teate-shometsu")).await.1;
    assert!(page.contains("白石市") && !page.contains("仙台"), "{page}");

    // A city's own procedure is nowhere else; a Sendai one is not Akita's.
    let status = |city: &City, path: &str| {
        let (client, url) = (city.bare(), city.url(path));
        async move { client.get(url).send().await.unwrap().status() }
    };
    assert_eq!(status(&akita, "/p/koen-kasen-sonsho-tsuho").await, StatusCode::OK);
    assert_eq!(status(&sendai, "/p/koen-kasen-sonsho-tsuho").await, StatusCode::NOT_FOUND);
    assert_eq!(status(&shiroishi, "/p/koen-kasen-sonsho-tsuho").await, StatusCode::NOT_FOUND);
    // 敬老乗車証 is Sendai's own scheme, which Akita does not adopt.
    assert_eq!(status(&akita, "/p/keiro-joshasho").await, StatusCode::NOT_FOUND);
    assert_eq!(status(&akita, "/api/v1/procedures/keiro-joshasho").await, StatusCode::NOT_FOUND);

    // The same id, each city's own text: Akita's 粗大ごみ page is Akita's.
    let page = madoguchi_e2e::get(&akita.bare(), &akita.url("/p/sodai-gomi-shushu")).await.1;
    assert!(page.contains("秋田") && !page.contains("仙台"), "{page}");
    let page = madoguchi_e2e::get(&sendai.bare(), &sendai.url("/p/sodai-gomi-shushu")).await.1;
    assert!(page.contains("仙台") && !page.contains("秋田"), "{page}");

    // Akita adopts none of the catalogue: no guide built on Sendai's procedures.
    let list = madoguchi_e2e::get(&akita.bare(), &akita.url("/procedures")).await.1;
    assert!(!list.contains("href=\"/guide\""), "{list}");
});

e2e_test!(async fn each_city_has_its_own_name_and_colour_on_its_pages(server) {
    let sendai = City::of(&server, "sendai.localhost", "sendai.example");
    let akita = City::of(&server, "akita.localhost", "akita.example");
    let header = |page: &str| {
        let start = page.find("<header").unwrap();
        page[start..start + page[start..].find("</header>").unwrap()].to_string()
    };
    let a_page = madoguchi_e2e::get(&akita.bare(), &akita.url("/procedures")).await.1;
    let s_page = madoguchi_e2e::get(&sendai.bare(), &sendai.url("/procedures")).await.1;
    assert!(header(&a_page).contains("秋田市") && !header(&a_page).contains("仙台市"), "{}", header(&a_page));
    assert!(header(&s_page).contains("仙台市") && !header(&s_page).contains("秋田市"), "{}", header(&s_page));
    assert!(!a_page.contains("/theme.css"), "no colour of its own yet");

    // The operator gives Akita a colour (and every node reads the registry again within
    // seconds): Akita's pages link its stylesheet, which sets it; Sendai's do not.
    let now = chrono::Utc::now().naive_utc();
    let settings = r##"{"accent":"#005a9c","logo":"/static/app.css"}"##;
    assert!(server.db.db.conn().unwrap().set_tenant_settings(&"052019".into(), settings, now).unwrap());
    let mut page = String::new();
    for _ in 0..40 {
        page = madoguchi_e2e::get(&akita.bare(), &akita.url("/procedures")).await.1;
        if page.contains("/theme.css") {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(page.contains("<link rel=\"stylesheet\" href=\"/theme.css\">"), "{}", header(&page));
    assert!(header(&page).contains("class=\"city-logo\" src=\"/static/app.css\" alt=\"\""), "{}", header(&page));
    let css = madoguchi_e2e::get(&akita.bare(), &akita.url("/theme.css")).await.1;
    assert!(css.contains("--brand: #005a9c"), "{css}");
    let css = madoguchi_e2e::get(&sendai.bare(), &sendai.url("/theme.css")).await.1;
    assert!(!css.contains("#005a9c"), "{css}");
    let s_page = madoguchi_e2e::get(&sendai.bare(), &sendai.url("/procedures")).await.1;
    assert!(!s_page.contains("/theme.css"));
});

e2e_test!(async fn each_citys_pages_send_residents_to_its_own_counters(server) {
    // Akita and Shiroishi have no wards: their pages once said 「各区役所にご相談ください」,
    // and Shiroishi's named 「市民課(名称は要確認)」, a note for the city, to residents.
    for (host, domain, city, path) in [
        ("sendai.localhost", "sendai.example", "仙台市", "/p/juminhyo-copy"),
        ("akita.localhost", "akita.example", "秋田市", "/p/sodai-gomi-shushu"),
        ("shiroishi.localhost", "shiroishi.example", "白石市", "/p/tenshutsu-todoke"),
    ] {
        let place = City::of(&server, host, domain);
        for path in ["/procedures", path] {
            let page = madoguchi_e2e::get(&place.bare(), &place.url(path)).await.1;
            assert!(page.contains(&format!("お困りのときは{city}の窓口にご相談ください")), "{host}{path}");
            for word in ["要確認", "name to confirm"] {
                assert!(!page.contains(word), "{host}{path} names {word}");
            }
            // Sendai has five wards and their offices; the others have none.
            if city != "仙台市" {
                for word in ["仙台", "区役所"] {
                    assert!(!page.contains(word), "{host}{path} names {word}");
                }
            }
        }
    }
});

e2e_test!(async fn a_choice_with_one_option_comes_chosen_on_the_page(server) {
    // Shiroishi's 転入 reservation has one counter to visit: its list comes with it chosen
    // (no 「選択してください」 to pick first), in the page a browser gets.
    let shiroishi = City::of(&server, "shiroishi.localhost", "shiroishi.example");
    let (status, page) = madoguchi_e2e::get(&shiroishi.browser().0, &shiroishi.url("/p/tennyu-yoyaku/visit")).await;
    assert_eq!(status, StatusCode::OK);
    let start = page.find("<select").expect("a list on the step");
    let select = &page[start..start + page[start..].find("</select>").unwrap()];
    assert!(select.contains("name=\"visit_office\""), "{select}");
    assert_eq!(select.matches("<option").count(), 1, "only the one counter: {select}");
    assert!(select.contains("<option value=\"city_hall\" selected>白石市役所</option>"), "{select}");
});
