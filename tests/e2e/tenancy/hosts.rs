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
