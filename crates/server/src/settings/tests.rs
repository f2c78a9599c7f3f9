//! Reading the settings: the file, the environment over it, and what start-up refuses.

use super::*;

#[test]
fn the_environment_overrides_the_file() {
    let mut s: Settings = toml::from_str("listen = \"0.0.0.0:9000\"\ndemo = false\n").unwrap();
    assert_eq!(s.listen, "0.0.0.0:9000");
    let env = |k: &str| match k {
        "MADOGUCHI_DATABASE_URL" => Some("postgres://db/madoguchi".to_string()),
        "MADOGUCHI_SMTP_HOST" => Some("relay.city.example".to_string()),
        "MADOGUCHI_SMTP_PORT" => Some("587".to_string()),
        "MADOGUCHI_TRUSTED_PROXIES" => Some("10.0.0.0/8, 192.0.2.5".to_string()),
        _ => None,
    };
    s.apply_env(env).unwrap();
    assert_eq!(s.trusted_proxies, ["10.0.0.0/8", "192.0.2.5"]);
    assert_eq!(s.database_url, "postgres://db/madoguchi");
    assert_eq!(
        s.smtp.as_ref().map(|m| (m.host.as_str(), m.port)),
        Some(("relay.city.example", 587))
    );
    assert!(!s.demo);
}

#[test]
fn the_bucket_secret_comes_from_the_environment_or_a_file_not_both() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s3_secret");
    std::fs::write(&file, "from-a-file\n").unwrap();
    let path = file.display().to_string();
    let mut s: Settings = toml::from_str("[storage]\nkind = \"s3\"\nbucket = \"b\"\n").unwrap();
    s.apply_env(|k| match k {
        "MADOGUCHI_STORAGE_SECRET_ACCESS_KEY_FILE" => Some(path.clone()),
        "MADOGUCHI_STORAGE_ACCESS_KEY_ID" => Some("id".to_string()),
        "MADOGUCHI_STORAGE_ALLOW_HTTP" => Some("true".to_string()),
        _ => None,
    })
    .unwrap();
    assert_eq!(s.storage.secret_access_key, "from-a-file");
    assert_eq!(
        (s.storage.kind.as_str(), s.storage.access_key_id.as_str()),
        ("s3", "id")
    );
    assert!(s.storage.allow_http);
    let both = s.apply_env(|k| {
        k.starts_with("MADOGUCHI_STORAGE_SECRET_ACCESS_KEY")
            .then(|| path.clone())
    });
    assert!(both.is_err());
    let unknown = StorageSettings {
        kind: "ftp".into(),
        ..StorageSettings::default()
    };
    assert!(unknown.open().is_err());
    assert!(StorageSettings::default().open().unwrap().is_none());
}

#[test]
fn unknown_keys_are_refused() {
    assert!(toml::from_str::<Settings>("lisen = \"typo\"").is_err());
}

#[test]
fn the_example_config_is_valid_and_complete() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../deploy/config.example.toml"
    ))
    .unwrap();
    let parsed: Settings = toml::from_str(&text).unwrap();
    assert!(
        parsed.smtp.is_some(),
        "the example documents the [smtp] table"
    );
    let operations = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/operations.md"
    ))
    .unwrap();
    let http = &text[text
        .find("\n[http]")
        .expect("the example has an [http] table")
        + 1..];
    let http = &http[..http[1..].find("\n[").map_or(http.len(), |end| end + 1)];
    // Every variable read here, and each key's two, is named in both.
    let source = include_str!("env.rs");
    let mut variables: Vec<String> = source
        .split("get(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|v| v.starts_with("MADOGUCHI_"))
        .map(str::to_string)
        .collect();
    assert!(variables.len() > 20, "{variables:?}");
    for (name, file, _) in crate::keys::KEYS {
        let var = crate::keys::variable(name);
        variables.push(format!("{var}_FILE"));
        variables.push(var);
        assert!(operations.contains(file), "docs/operations.md names {file}");
    }
    for var in &variables {
        assert!(text.contains(var.as_str()), "the example names {var}");
        assert!(
            operations.contains(var.as_str()),
            "docs/operations.md names {var}"
        );
    }
    // Every setting of the example is in the table of docs/operations.md.
    let example: toml::Table = toml::from_str(&text).unwrap();
    for (key, value) in &example {
        if key != "http" {
            assert!(
                operations.contains(&format!("`{key}`"))
                    || operations.contains(&format!("`[{key}]`")),
                "docs/operations.md explains {key}"
            );
        }
        if let Some(table) = value.as_table().filter(|_| key != "http") {
            for inner in table.keys() {
                assert!(
                    operations.contains(&format!("`{inner}`")),
                    "docs/operations.md explains {key}.{inner}"
                );
            }
        }
    }
    assert!(
        !parsed.demo && parsed.database_url.is_empty(),
        "the example shows the defaults"
    );
    for (key, var) in crate::limits::HTTP_KEYS {
        assert!(
            http.contains(&format!("{key} = ")),
            "the example's [http] table sets {key}"
        );
        assert!(text.contains(var), "the example names {var}");
        assert!(
            operations.contains(key) && operations.contains(var),
            "docs/operations.md explains http.{key} ({var})"
        );
    }
}
