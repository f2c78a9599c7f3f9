use super::*;

#[test]
fn only_https_or_loopback_http_is_accepted() {
    for ok in [
        "http://127.0.0.1:4000",
        "http://localhost:4000/realms/x",
        "http://[::1]:4000",
    ] {
        assert!(endpoint_url(ok, "issuer").is_ok(), "{ok}");
    }
    for bad in [
        "http://id.example",
        "http://192.168.1.10",
        "ftp://127.0.0.1",
        "not a url",
    ] {
        assert!(
            matches!(endpoint_url(bad, "issuer"), Err(OidcError::Config(_))),
            "{bad}"
        );
    }
    assert!(endpoint_url("https://id.example", "issuer").is_ok());
}

#[test]
fn basic_credentials_are_form_encoded() {
    assert_eq!(form_encode("abc-XYZ_0.9*"), "abc-XYZ_0.9*");
    assert_eq!(form_encode("a b:c/é"), "a+b%3Ac%2F%C3%A9");
}

#[test]
fn pending_login_does_not_print_its_secrets() {
    let pending = PendingLogin {
        state: "state-value".into(),
        nonce: "nonce-value".into(),
        pkce_verifier: "verifier-value".into(),
        requested_acr: None,
    };
    let printed = format!("{pending:?}");
    assert!(!printed.contains("verifier-value") && !printed.contains("nonce-value"));
}
