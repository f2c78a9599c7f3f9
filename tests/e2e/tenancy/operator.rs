//! The platform operator's API: only with its token, on any host; a city added through it
//! (its organisation file by name, in the deployment's folder) is served on its host at
//! once, can be suspended and resumed, and loses its host.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::e2e_test;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::support::{City, cities_adopting_juminhyo};

const TOKEN: &str = "operator-token-for-the-tests-only";

/// The demo's organisation files (as the isolation test has them) plus Natori's
/// (名取市, 042072): a copy of Shiroishi's, and of its parameters, under Natori's code and
/// name.
fn with_natori() -> std::path::PathBuf {
    let sendai = cities_adopting_juminhyo();
    let folder = sendai.parent().unwrap();
    let text = std::fs::read_to_string(folder.join("shiroishi.json")).unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["tenant"]["id"] = "042072".into();
    value["tenant"]["name"] = json!({ "ja": "名取市", "en": "Natori City" });
    value["tenant"]["authority"] = json!({ "ja": "名取市長", "en": "Mayor of Natori" });
    std::fs::write(folder.join("natori.json"), value.to_string()).unwrap();
    // Its values for the catalogue's procedures written for every city: Shiroishi's.
    let text = std::fs::read_to_string(folder.join("shiroishi.parameters.json")).unwrap();
    let mut values: Value = serde_json::from_str(&text).unwrap();
    values["tenant"] = "042072".into();
    std::fs::write(folder.join("natori.parameters.json"), values.to_string()).unwrap();
    sendai
}

e2e_test!(settings(|s| { s.operator.token = TOKEN.into(); s.municipality_file = with_natori(); });
async fn the_operator_adds_a_city_gives_it_a_host_and_suspends_it(server) {
    let any = City::of(&server, "operator.internal", "");
    let natori = City::of(&server, "natori.localhost", "natori.example");
    let api = |path: &str| any.url(&format!("/operator/v1{path}"));
    let client = any.bare();

    // No token, a wrong one, a city's own API token: nothing.
    let res = client.get(api("/tenants")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = client.get(api("/tenants")).bearer_auth("operator-token-for-the-tests-onlY").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // The list: the demo's three cities with their hosts.
    let res = client.get(api("/tenants")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let list: Value = res.json().await.unwrap();
    let codes: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    for code in ["041009", "052019", "042064"] {
        assert!(codes.contains(&code), "{list}");
    }

    // A file outside the deployment's folder is not read; a wrong check digit is named.
    let mut new = json!({
        "code": "042072", "name_ja": "名取市", "name_en": "Natori City",
        "hosts": ["natori.localhost"], "municipality_file": "../../../etc/passwd",
        "admin_email": "admin@natori.example"
    });
    let res = client.post(api("/tenants")).bearer_auth(TOKEN).json(&new).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("municipality_file"));
    new["municipality_file"] = "natori.json".into();
    new["code"] = "042071".into();
    let res = client.post(api("/tenants")).bearer_auth(TOKEN).json(&new).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(natori.bare().get(natori.url("/procedures")).send().await.unwrap().status() == StatusCode::NOT_FOUND);

    // Added: its first administrator's one-time password, once; its host serves it now.
    new["code"] = "042072".into();
    let res = client.post(api("/tenants")).bearer_auth(TOKEN).json(&new).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let added: Value = res.json().await.unwrap();
    assert_eq!(added["admin_login"], "admin@natori.example");
    assert!(added["admin_one_time_password"].as_str().unwrap().len() >= 20);
    let res = client.post(api("/tenants")).bearer_auth(TOKEN).json(&new).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "added once");
    let page = madoguchi_e2e::get(&natori.bare(), &natori.url("/procedures")).await;
    assert_eq!(page.0, StatusCode::OK);
    assert!(page.1.contains("名取市"), "its own name in its header");

    // Suspended: 503 on its host; resumed; its host removed: nobody's.
    let res = client.post(api("/tenants/042072/suspend")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let status = natori.bare().get(natori.url("/procedures")).send().await.unwrap().status();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let res = client.post(api("/tenants/042072/resume")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = client.post(api("/tenants/042072/hosts")).bearer_auth(TOKEN).json(&json!({"host": "sendai.localhost"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a host of another city");
    let res = client.delete(api("/hosts/natori.localhost")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let status = natori.bare().get(natori.url("/procedures")).send().await.unwrap().status();
    assert_eq!(status, StatusCode::NOT_FOUND);
});

e2e_test!(async fn without_a_token_there_is_no_operator_api(server) {
    let any = City::of(&server, "sendai.localhost", "sendai.example");
    let res = any.bare().get(any.url("/operator/v1/tenants")).bearer_auth("").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
});
