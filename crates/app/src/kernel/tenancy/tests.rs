use super::*;

#[test]
fn the_three_cities_codes_pass_their_check_digit() {
    for code in ["041009", "052019", "042064"] {
        assert_eq!(
            check_local_gov_code(code).map(|t| t.to_string()),
            Ok(code.to_string())
        );
    }
}

#[test]
fn a_wrong_check_digit_names_the_digit_it_should_be() {
    assert_eq!(
        check_local_gov_code("052018"),
        Err(TenancyError::CheckDigit {
            expected: 9,
            given: 8
        })
    );
    assert_eq!(check_local_gov_code("05201"), Err(TenancyError::CodeFormat));
    assert_eq!(
        check_local_gov_code("05201x"),
        Err(TenancyError::CodeFormat)
    );
}

#[test]
fn pale_accent_colours_are_refused_and_dark_ones_kept() {
    let pale = TenantSettings {
        accent: Some("#ffcc00".into()),
        ..Default::default()
    };
    assert!(matches!(pale.check(), Err(TenancyError::AccentContrast(r)) if r < 4.5));
    let dark = TenantSettings {
        accent: Some("#005a9c".into()),
        ..Default::default()
    };
    assert_eq!(dark.check(), Ok(()));
    let bad = TenantSettings {
        accent: Some("blue".into()),
        ..Default::default()
    };
    assert_eq!(bad.check(), Err(TenancyError::AccentFormat));
    let black = contrast_on_white("#000000").unwrap_or_default();
    assert!((black - 21.0).abs() < 0.01);
}

#[test]
fn hosts_lose_case_port_and_trailing_dot() {
    assert_eq!(normalise_host("Akita.Example:8080"), "akita.example");
    assert_eq!(normalise_host("sendai.localhost."), "sendai.localhost");
    assert_eq!(normalise_host("[::1]:80"), "::1");
    assert_eq!(normalise_host("127.0.0.1"), "127.0.0.1");
}
