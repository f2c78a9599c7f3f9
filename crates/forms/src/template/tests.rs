use serde_json::json;

use super::*;

fn city() -> CityParameters {
    CityParameters::from_json(
        r#"{"tenant": "052019",
            "departments": {"hoken-nenkin": "shimin"},
            "values": {"window": {"value": {"ja": "市民課の窓口", "en": "the Citizens' Affairs counter"}, "to_confirm": "the counter's name"}},
            "procedures": {"x": {"fee_yen": {"value": 350, "sources": [{"title": "手数料", "issuer": "秋田市", "url": "https://www.city.akita.lg.jp/", "seen": "2026-11-29"}]}}}}"#,
    )
    .unwrap()
    .with_builtin("city", &Localized::new("秋田市", "Akita"))
}

fn template() -> Value {
    json!({"procedure": {
        "id": "x",
        "department": "hoken-nenkin",
        "summary": {"ja": "{{city}}に住む方が{{window}}で", "en": "People living in {{city}} at {{window}}"},
        "fee": {"unit_yen": "{{fee_yen}}"},
        "parameters": {
            "fee_yen": {"about": {"ja": "1通の手数料", "en": "the fee for one copy"}, "fact": "fee"},
            "window": {"about": {"ja": "窓口", "en": "the counter"}}
        },
        "facts": {"legal_basis": {"to_confirm": "national"}}
    }, "schema": {"properties": {"city": {"pattern": "^{{city}}$"}}}})
}

#[test]
fn a_template_takes_the_city_s_values_in_each_language_and_as_they_are() {
    let out = resolve(&template(), &city()).unwrap();
    assert_eq!(
        out["procedure"]["summary"]["ja"],
        "秋田市に住む方が市民課の窓口で"
    );
    assert_eq!(
        out["procedure"]["summary"]["en"],
        "People living in Akita at the Citizens' Affairs counter"
    );
    assert_eq!(
        out["procedure"]["fee"]["unit_yen"], 350,
        "a number stays a number"
    );
    assert_eq!(out["schema"]["properties"]["city"]["pattern"], "^秋田市$");
    assert_eq!(out["procedure"]["department"], "shimin");
    assert!(out["procedure"].get("parameters").is_none());
    // The fee's provenance is the city's own.
    assert_eq!(
        out["procedure"]["facts"]["fee"]["sources"][0]["issuer"],
        "秋田市"
    );
    assert_eq!(
        out["procedure"]["facts"]["legal_basis"]["to_confirm"],
        "national"
    );
    assert!(!is_template(&out));
}

#[test]
fn a_missing_value_is_named_with_what_it_is() {
    let mut c = city();
    c.procedures.clear();
    let problems = resolve(&template(), &c).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "/procedure/parameters/fee_yen");
    assert!(problems[0].1.en.contains("052019"), "{}", problems[0].1.en);
    assert!(
        problems[0].1.en.contains("the fee for one copy"),
        "{}",
        problems[0].1.en
    );
    assert!(
        problems[0].1.ja.contains("1通の手数料"),
        "{}",
        problems[0].1.ja
    );
}

#[test]
fn an_undeclared_placeholder_and_a_value_without_provenance_are_refused() {
    let mut t = template();
    t["procedure"]["title"] = json!({"ja": "{{office}}", "en": "{{office}}"});
    let mut c = city();
    c.values.get_mut("window").unwrap().to_confirm = None;
    let problems = resolve(&t, &c).unwrap_err();
    let at: Vec<&str> = problems.iter().map(|p| p.0.as_str()).collect();
    assert!(at.contains(&"/procedure/title/en"), "{at:?}");
    assert!(at.contains(&"/procedure/parameters/window"), "{at:?}");
}

#[test]
fn a_definition_without_placeholders_is_no_template() {
    assert!(!is_template(
        &json!({"procedure": {"id": "y", "title": {"ja": "{x}"}}})
    ));
    assert!(is_template(&template()));
}

#[test]
fn a_city_value_sourced_only_from_another_town_is_refused() {
    let mut c = city();
    let fee = c
        .procedures
        .get_mut("x")
        .unwrap()
        .get_mut("fee_yen")
        .unwrap();
    fee.sources = vec![
        json!({"title": "手数料一覧", "issuer": "行方市 市民課", "url": "https://example.jp/", "seen": "2026-11-29"}),
    ];
    let problems = resolve(&template(), &c).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].1.en.contains("行方市"), "{}", problems[0].1.en);
    // With the city's own page beside it, or a ministry's alone, it stands.
    let fee = c
        .procedures
        .get_mut("x")
        .unwrap()
        .get_mut("fee_yen")
        .unwrap();
    fee.sources.push(json!({"title": "手数料", "issuer": "秋田市", "url": "https://www.city.akita.lg.jp/", "seen": "2026-11-29"}));
    assert!(resolve(&template(), &c).is_ok());
    let fee = c
        .procedures
        .get_mut("x")
        .unwrap()
        .get_mut("fee_yen")
        .unwrap();
    fee.sources = vec![
        json!({"title": "住民基本台帳法", "issuer": "e-Gov法令検索", "document": "第12条", "seen": "2026-11-29"}),
    ];
    assert!(resolve(&template(), &c).is_ok());
    assert_eq!(sources::municipality_in("宮城県"), None);
    assert_eq!(
        sources::municipality_in("仙台市 環境局").as_deref(),
        Some("仙台市")
    );
}

#[test]
fn a_procedure_may_go_to_another_department_than_its_catalogue_code_maps_to() {
    let mut city = city();
    city.procedure_departments
        .insert("x".into(), "kokuho-nenkin".into());
    let out = resolve(&template(), &city).unwrap();
    assert_eq!(out["procedure"]["department"], "kokuho-nenkin");
    // Another procedure of the same catalogue code keeps the city's mapping.
    let x = city.procedures["x"].clone();
    city.procedures.insert("y".into(), x);
    let mut other = template();
    other["procedure"]["id"] = json!("y");
    let out = resolve(&other, &city).unwrap();
    assert_eq!(out["procedure"]["department"], "shimin");
}

#[test]
fn a_template_may_name_the_city_s_appeal_notice_by_a_placeholder() {
    let mut city = city();
    city.values.insert(
        "appeal_notice".into(),
        CityValue {
            value: json!("governor-shogai"),
            sources: Vec::new(),
            to_confirm: Some("who reviews".into()),
        },
    );
    let mut t = template();
    t["procedure"]["appeal"] = json!("{{appeal_notice}}");
    t["procedure"]["parameters"]["appeal_notice"] =
        json!({"about": {"ja": "不服申立ての教示", "en": "the appeal notice"}});
    assert_eq!(
        city.filled("x", &t["procedure"]["appeal"]),
        json!("governor-shogai")
    );
    let out = resolve(&t, &city).unwrap();
    assert_eq!(out["procedure"]["appeal"], "governor-shogai");
}
