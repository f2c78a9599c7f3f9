//! Pages a node keeps rendered (the home page, a form's step for a browser without a
//! session; issue 19): each city gets its own, a procedure retired in one city changes that
//! city's kept pages at once and no other's, and a kept step still carries each reader's own
//! CSRF token.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{e2e_test, input_value, location, post_form};
use reqwest::StatusCode;

use super::support::{City, cities_adopting_juminhyo};

/// The city's name in a page's header.
const SENDAI: &str = "<span class=\"city-name\">仙台市</span>";
const AKITA: &str = "<span class=\"city-name\">秋田市</span>";

/// A page as a browser without cookies gets it.
async fn fresh(city: &City, path: &str) -> (StatusCode, String) {
    let res = city.bare().get(city.url(path)).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

e2e_test!(settings(|s| s.municipality_file = cities_adopting_juminhyo());
async fn kept_pages_follow_retirement_and_stay_in_their_city(server) {
    let sendai = City::of(&server, "sendai.localhost", "sendai.example");
    let akita = City::of(&server, "akita.localhost", "akita.example");
    let step = "/p/juminhyo-copy/applicant";

    // Each city's pages name it and not the other, the first time and again (kept).
    let mut homes = Vec::new();
    for _ in 0..2 {
        let (status, s_home) = fresh(&sendai, "/procedures").await;
        assert_eq!(status, StatusCode::OK);
        let (_, a_home) = fresh(&akita, "/procedures").await;
        assert!(s_home.contains(SENDAI) && !s_home.contains(AKITA), "Sendai's home page");
        assert!(a_home.contains(AKITA) && !a_home.contains(SENDAI), "Akita's home page");
        let (status, s_step) = fresh(&sendai, step).await;
        assert_eq!(status, StatusCode::OK);
        let (status, a_step) = fresh(&akita, step).await;
        assert_eq!(status, StatusCode::OK);
        assert!(s_step.contains(SENDAI) && !s_step.contains(AKITA), "Sendai's step");
        assert!(a_step.contains(AKITA) && !a_step.contains(SENDAI), "Akita's step");
        homes.push((s_home, a_home));
    }
    assert_eq!(homes[0], homes[1], "the same page to every reader");

    // A kept step carries each browser's own token, and that token is accepted.
    let (first, _) = akita.browser();
    let (second, _) = akita.browser();
    let one = madoguchi_e2e::get(&first, &akita.url(step)).await.1;
    let two = madoguchi_e2e::get(&second, &akita.url(step)).await.1;
    let (t1, t2) = (input_value(&one, "csrf_token"), input_value(&two, "csrf_token"));
    assert!(!t1.is_empty() && t1 != t2, "each browser its own token");
    assert!(!one.contains("csrfslot"), "no slot left in the page");
    let res = post_form(&first, &akita.url(step), &t2, madoguchi_e2e::APPLICANT).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "another browser's token is refused");
    let res = post_form(&first, &akita.url(step), &t1, madoguchi_e2e::APPLICANT).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "its own token is accepted");
    assert_eq!(location(&res), "/p/juminhyo-copy/request");

    // Akita retires the certificate: its kept pages change at once, Sendai's do not.
    let (author, _) = akita.staff("koseki-jumin.author").await;
    let page = madoguchi_e2e::get(&author, &akita.url("/office/authoring/juminhyo-copy"))
        .await
        .1;
    let res = post_form(
        &author,
        &akita.url("/office/authoring/juminhyo-copy/retire"),
        &input_value(&page, "csrf_token"),
        &[("reason", "秋田市版に切り替え")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "retired");
    let (_, a_home) = fresh(&akita, "/procedures").await;
    assert_ne!(a_home, homes[1].1, "Akita's home page follows the retirement");
    assert_eq!(fresh(&akita, step).await.0, StatusCode::GONE, "no kept step of a retired form");
    let (_, s_home) = fresh(&sendai, "/procedures").await;
    assert_eq!(s_home, homes[1].0, "Sendai's home page is unchanged");
    let (status, s_step) = fresh(&sendai, step).await;
    assert_eq!(status, StatusCode::OK, "still open in Sendai");
    assert!(s_step.contains(SENDAI));
});
