//! Sign-ins against a real OpenID Connect provider on loopback (`oidc-provider` under
//! Node.js): the code flow with PKCE, the step-up to the My Number Card, and every way a
//! callback or token is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod provider;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use madoguchi_oidc::{IdTokenError, Level, OidcClient, OidcError, TokenAuth};
use provider::{Browser, CARD_ACR, Login, PASSWORD_ACR, SUBJECT, TestProvider};

fn query_param(url: &str, name: &str) -> Option<String> {
    let url = reqwest::Url::parse(url).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[test]
fn a_password_sign_in_gives_the_subject_at_account_level() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    let request = client.begin(None).unwrap();

    assert_eq!(
        query_param(&request.url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(
        query_param(&request.url, "code_challenge").unwrap(),
        madoguchi_oidc::code_challenge(&request.pending.pkce_verifier)
    );
    assert_eq!(query_param(&request.url, "acr_values"), None);
    assert_eq!(query_param(&request.url, "prompt"), None);

    let callback = Browser::new().sign_in(&request.url, Login::Password);
    let identity = client.finish(&request.pending, &callback).unwrap();

    assert_eq!(identity.subject, SUBJECT);
    assert_eq!(identity.issuer, op.issuer);
    assert_eq!(identity.acr.as_deref(), Some(PASSWORD_ACR));
    assert_eq!(identity.level, Level::Account);
    assert_eq!(identity.name.as_deref(), Some("山田 太郎"));
    assert_eq!(identity.email.as_deref(), Some("taro@example.test"));
    assert!(identity.auth_time.is_some());
}

#[test]
fn a_step_up_signs_in_again_with_the_card_and_reaches_card_level() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    let browser = Browser::new();

    let first = client.begin(None).unwrap();
    let callback = browser.sign_in(&first.url, Login::Password);
    let account = client.finish(&first.pending, &callback).unwrap();
    assert_eq!(account.level, Level::Account);

    // The same browser, still signed in at the provider: prompt=login makes the provider
    // ask again, and acr_values makes it ask for the card (Login::Card checks the page).
    let acr = client.config().acr_for(Level::MyNumberCard).unwrap();
    let step_up = client.begin(Some(acr)).unwrap();
    assert_eq!(
        query_param(&step_up.url, "acr_values").as_deref(),
        Some(CARD_ACR)
    );
    assert_eq!(
        query_param(&step_up.url, "prompt").as_deref(),
        Some("login")
    );
    let callback = browser.sign_in(&step_up.url, Login::Card);
    let card = client.finish(&step_up.pending, &callback).unwrap();

    assert_eq!(card.subject, account.subject);
    assert_eq!(card.acr.as_deref(), Some(CARD_ACR));
    assert_eq!(card.level, Level::MyNumberCard);
    assert_eq!(step_up.pending.requested_acr.as_deref(), Some(CARD_ACR));

    // An acr the provider does not offer is a configuration mistake, said before leaving.
    assert!(matches!(
        client.begin(Some("urn:unknown")),
        Err(OidcError::Config(_))
    ));
}

#[test]
fn es256_tokens_and_client_secret_post_work() {
    let op = TestProvider::start();
    let mut config = op.config_for("madoguchi-es");
    config.token_auth = Some(TokenAuth::Post);
    let client = OidcClient::discover(config).unwrap();
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Password);
    let identity = client.finish(&request.pending, &callback).unwrap();
    assert_eq!(identity.subject, SUBJECT);
    let header = identity.id_token.split('.').next().unwrap();
    let header = String::from_utf8(URL_SAFE_NO_PAD.decode(header).unwrap()).unwrap();
    assert!(header.contains("\"ES256\""), "{header}");
}

#[test]
fn a_callback_with_another_state_is_refused_and_the_code_stays_usable() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Password);

    // A forged callback lands in another sign-in of this browser.
    let other = client.begin(None).unwrap();
    let refused = client.finish(&other.pending, &callback).unwrap_err();
    assert!(matches!(refused, OidcError::StateMismatch), "{refused:?}");
    assert_eq!(refused.code(), "oidc_state_mismatch");

    let without_state: String = callback
        .split('&')
        .filter(|p| !p.starts_with("state="))
        .collect::<Vec<_>>()
        .join("&");
    assert!(matches!(
        client.finish(&request.pending, &without_state),
        Err(OidcError::StateMismatch)
    ));
    let repeated = format!("{callback}&state={}", request.pending.state);
    assert!(matches!(
        client.finish(&request.pending, &repeated),
        Err(OidcError::MalformedCallback(_))
    ));

    // Refused before the exchange: the right sign-in still completes.
    let identity = client.finish(&request.pending, &callback).unwrap();
    assert_eq!(identity.subject, SUBJECT);
}

#[test]
fn a_code_is_exchanged_once_only() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Password);
    client.finish(&request.pending, &callback).unwrap();

    let replay = client.finish(&request.pending, &callback).unwrap_err();
    assert!(
        matches!(&replay, OidcError::TokenRefused { error, .. } if error == "invalid_grant"),
        "{replay:?}"
    );
}

#[test]
fn a_wrong_pkce_verifier_is_refused_by_the_provider() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Password);

    let mut pending = request.pending.clone();
    pending.pkce_verifier = client.begin(None).unwrap().pending.pkce_verifier;
    let refused = client.finish(&pending, &callback).unwrap_err();
    assert!(
        matches!(&refused, OidcError::TokenRefused { error, .. } if error == "invalid_grant"),
        "{refused:?}"
    );
}

#[test]
fn an_id_token_for_another_nonce_is_refused() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Password);

    let mut pending = request.pending.clone();
    pending.nonce = "a-nonce-of-another-sign-in".to_owned();
    let refused = client.finish(&pending, &callback).unwrap_err();
    assert!(
        matches!(refused, OidcError::IdToken(IdTokenError::WrongNonce)),
        "{refused:?}"
    );
}

#[test]
fn a_tampered_or_misdirected_id_token_is_refused() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Password);
    let identity = client.finish(&request.pending, &callback).unwrap();
    let token = identity.id_token;
    let nonce = &request.pending.nonce;

    // The token as the provider issued it verifies.
    let claims = client.verify_id_token(&token, nonce).unwrap();
    assert_eq!(claims.subject, SUBJECT);

    let parts: Vec<&str> = token.split('.').collect();
    // One bit of the signature flipped.
    let mut signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    signature[10] ^= 0x01;
    let flipped = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        URL_SAFE_NO_PAD.encode(&signature)
    );
    assert!(matches!(
        client.verify_id_token(&flipped, nonce),
        Err(OidcError::IdToken(IdTokenError::BadSignature))
    ));

    // Another subject written into the payload, signature kept.
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    let forged = payload.replace(SUBJECT, "resident-9999");
    assert_ne!(forged, payload);
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(forged),
        parts[2]
    );
    assert!(matches!(
        client.verify_id_token(&forged, nonce),
        Err(OidcError::IdToken(IdTokenError::BadSignature))
    ));

    // The header switched to alg=none, signature dropped.
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
        parts[1]
    );
    assert!(matches!(
        client.verify_id_token(&none, nonce),
        Err(OidcError::IdToken(IdTokenError::UnsupportedAlgorithm(_)))
    ));

    // A genuine token of this provider, issued to another client.
    let other_client = OidcClient::discover(op.config_for("madoguchi-es")).unwrap();
    assert!(matches!(
        other_client.verify_id_token(&token, nonce),
        Err(OidcError::IdToken(IdTokenError::WrongAudience))
    ));
}

#[test]
fn discovery_refuses_a_document_of_another_issuer() {
    let op = TestProvider::start();
    for issuer in [
        format!("http://localhost:{}", op.port),
        format!("{}/", op.issuer),
    ] {
        let mut config = op.config();
        config.issuer = issuer.clone();
        let refused = OidcClient::discover(config).unwrap_err();
        assert!(
            matches!(&refused, OidcError::IssuerMismatch { document, .. } if *document == op.issuer),
            "{issuer}: {refused:?}"
        );
    }

    let mut remote = op.config();
    remote.issuer = "http://id.example".to_owned();
    assert!(matches!(
        OidcClient::discover(remote),
        Err(OidcError::Config(_))
    ));
}

#[test]
fn a_callback_naming_another_issuer_is_refused() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    assert!(
        client
            .metadata()
            .authorization_response_iss_parameter_supported
    );
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Password);
    assert!(callback.contains("iss="), "{callback}");

    let mixed_up: String = callback
        .split('&')
        .map(|p| {
            if p.starts_with("iss=") {
                "iss=http%3A%2F%2F127.0.0.1%3A1".to_owned()
            } else {
                p.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    assert!(matches!(
        client.finish(&request.pending, &mixed_up),
        Err(OidcError::CallbackIssuerMismatch)
    ));
}

#[test]
fn a_cancelled_sign_in_comes_back_as_access_denied() {
    let op = TestProvider::start();
    let client = OidcClient::discover(op.config()).unwrap();
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Cancel);

    let refused = client.finish(&request.pending, &callback).unwrap_err();
    assert!(
        matches!(&refused, OidcError::Provider { error, .. } if error == "access_denied"),
        "{refused:?}"
    );
    assert_eq!(refused.code(), "oidc_access_denied");
}

#[test]
fn new_signing_keys_are_fetched_when_a_token_names_one() {
    let before = TestProvider::start();
    let port = before.port;
    let client = OidcClient::discover(before.config()).unwrap();
    drop(before);

    // The provider comes back on the same address with new keys.
    let after = TestProvider::start_on(port);
    let request = client.begin(None).unwrap();
    let callback = Browser::new().sign_in(&request.url, Login::Password);
    let identity = client.finish(&request.pending, &callback).unwrap();
    assert_eq!(identity.subject, SUBJECT);
    drop(after);
}
