//! The checks of an ID token's claims (OpenID Connect Core §3.1.3.7), apart from the
//! signature: issuer, audience, authorized party, times and nonce.

use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;

use crate::IdTokenError;

/// What the token must say to be ours.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    /// Seconds since the Unix epoch.
    pub now: i64,
    pub leeway_secs: i64,
}

/// The claims of a checked ID token that the platform uses. Its `Debug` leaves out the
/// personal data (name, email, birth date, address): it is never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct IdTokenClaims {
    pub issuer: String,
    pub subject: String,
    pub acr: Option<String>,
    pub amr: Vec<String>,
    /// When the resident last signed in at the provider (seconds since the epoch).
    pub auth_time: Option<i64>,
    pub expires_at: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    /// `YYYY-MM-DD` as the provider says it (OpenID Connect Core §5.1); not checked here.
    pub birthdate: Option<String>,
    pub address: Option<PostalAddress>,
}

/// The parts of the standard `address` claim (OpenID Connect Core §5.1.1) the platform
/// uses. Personal data: the types holding it leave it out of their `Debug`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostalAddress {
    /// The whole address as one text (lines joined by newlines).
    pub formatted: Option<String>,
    pub postal_code: Option<String>,
}

impl std::fmt::Debug for IdTokenClaims {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTokenClaims")
            .field("issuer", &self.issuer)
            .field("subject", &self.subject)
            .field("acr", &self.acr)
            .field("auth_time", &self.auth_time)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct RawClaims {
    iss: Option<Value>,
    sub: Option<Value>,
    aud: Option<Audience>,
    exp: Option<Value>,
    iat: Option<Value>,
    nonce: Option<Value>,
    azp: Option<Value>,
    acr: Option<Value>,
    amr: Option<Value>,
    auth_time: Option<Value>,
    name: Option<Value>,
    email: Option<Value>,
    email_verified: Option<Value>,
    birthdate: Option<Value>,
    address: Option<Value>,
}

fn string(value: Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The `address` claim: an object; anything else (or an empty one) is no address.
fn postal_address(value: Option<Value>) -> Option<PostalAddress> {
    let Some(Value::Object(mut parts)) = value else {
        return None;
    };
    let address = PostalAddress {
        formatted: string(parts.remove("formatted")).filter(|s| !s.trim().is_empty()),
        postal_code: string(parts.remove("postal_code")).filter(|s| !s.trim().is_empty()),
    };
    (address != PostalAddress::default()).then_some(address)
}

/// A NumericDate: whole or fractional seconds, rounded down.
fn seconds(value: Option<Value>) -> Option<i64> {
    let n = value?.as_f64()?;
    if n.is_finite() && n.abs() < 1e15 {
        // Within range, so the cast is exact.
        Some(n.floor() as i64)
    } else {
        None
    }
}

fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Checks the claims of a payload whose signature has already been verified.
pub(crate) fn check_claims(
    payload: &[u8],
    expected: &Expected<'_>,
) -> Result<IdTokenClaims, IdTokenError> {
    let raw: RawClaims = serde_json::from_slice(payload)
        .map_err(|_| IdTokenError::Malformed("payload is not a JSON object of claims"))?;

    let issuer = string(raw.iss).ok_or(IdTokenError::BadClaim("iss"))?;
    if issuer != expected.issuer {
        return Err(IdTokenError::WrongIssuer(issuer));
    }
    let audience = match raw.aud.ok_or(IdTokenError::BadClaim("aud"))? {
        Audience::One(aud) => vec![aud],
        Audience::Many(auds) => auds,
    };
    if !audience.iter().any(|a| a == expected.client_id) {
        return Err(IdTokenError::WrongAudience);
    }
    // With several audiences the token must say it was issued to us (azp); when azp is
    // there at all it must be us.
    match string(raw.azp) {
        Some(azp) if azp != expected.client_id => return Err(IdTokenError::WrongAuthorizedParty),
        None if audience.len() > 1 => return Err(IdTokenError::WrongAuthorizedParty),
        _ => {}
    }
    let expires_at = seconds(raw.exp).ok_or(IdTokenError::BadClaim("exp"))?;
    if expires_at + expected.leeway_secs <= expected.now {
        return Err(IdTokenError::Expired);
    }
    let issued_at = seconds(raw.iat).ok_or(IdTokenError::BadClaim("iat"))?;
    if issued_at - expected.leeway_secs > expected.now {
        return Err(IdTokenError::IssuedInFuture);
    }
    match string(raw.nonce) {
        Some(nonce) if same(&nonce, expected.nonce) => {}
        _ => return Err(IdTokenError::WrongNonce),
    }
    let subject = string(raw.sub)
        .filter(|s| !s.is_empty())
        .ok_or(IdTokenError::BadClaim("sub"))?;
    let acr = match raw.acr {
        None | Some(Value::Null) => None,
        Some(Value::String(acr)) => Some(acr),
        Some(_) => return Err(IdTokenError::BadClaim("acr")),
    };
    let amr = match raw.amr {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    Ok(IdTokenClaims {
        issuer,
        subject,
        acr,
        amr,
        auth_time: seconds(raw.auth_time),
        expires_at,
        name: string(raw.name),
        email: string(raw.email),
        email_verified: raw.email_verified.and_then(|v| v.as_bool()),
        birthdate: string(raw.birthdate).filter(|s| !s.trim().is_empty()),
        address: postal_address(raw.address),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000;

    fn expected() -> Expected<'static> {
        Expected {
            issuer: "https://id.example",
            client_id: "madoguchi",
            nonce: "n-0S6_WzA2Mj",
            now: NOW,
            leeway_secs: 60,
        }
    }

    fn claims() -> Value {
        json!({
            "iss": "https://id.example",
            "sub": "resident-1",
            "aud": "madoguchi",
            "exp": NOW + 300,
            "iat": NOW,
            "nonce": "n-0S6_WzA2Mj",
            "acr": "urn:card",
            "auth_time": NOW - 5,
            "name": "山田 太郎",
        })
    }

    fn check(value: &Value) -> Result<IdTokenClaims, IdTokenError> {
        check_claims(value.to_string().as_bytes(), &expected())
    }

    fn with(key: &str, value: Value) -> Value {
        let mut c = claims();
        c[key] = value;
        c
    }

    fn without(key: &str) -> Value {
        let mut c = claims();
        c.as_object_mut().unwrap().remove(key);
        c
    }

    #[test]
    fn good_claims_are_read() {
        let c = check(&claims()).unwrap();
        assert_eq!(c.subject, "resident-1");
        assert_eq!(c.acr.as_deref(), Some("urn:card"));
        assert_eq!(c.auth_time, Some(NOW - 5));
        assert_eq!(c.name.as_deref(), Some("山田 太郎"));
        assert_eq!(c.email, None);
        assert_eq!(c.birthdate, None);
        assert_eq!(c.address, None);
    }

    #[test]
    fn birthdate_and_address_are_read_when_well_formed() {
        let mut c = claims();
        c["birthdate"] = json!("1980-04-01");
        c["address"] = json!({
            "formatted": "宮城県仙台市青葉区国分町3-7-1",
            "postal_code": "980-8671",
            "country": "JP",
        });
        let read = check(&c).unwrap();
        assert_eq!(read.birthdate.as_deref(), Some("1980-04-01"));
        assert_eq!(
            read.address,
            Some(PostalAddress {
                formatted: Some("宮城県仙台市青葉区国分町3-7-1".into()),
                postal_code: Some("980-8671".into()),
            })
        );
        // Of the wrong type, or empty: nothing (never a failed sign-in).
        for bad in [
            json!("宮城県"),
            json!({}),
            json!({"formatted": " "}),
            json!(null),
        ] {
            assert_eq!(check(&with("address", bad)).unwrap().address, None);
        }
        assert_eq!(
            check(&with("birthdate", json!(1980))).unwrap().birthdate,
            None
        );
    }

    #[test]
    fn issuer_must_be_exactly_ours() {
        for iss in [
            "https://id.example/",
            "https://evil.example",
            "HTTPS://id.example",
        ] {
            assert_eq!(
                check(&with("iss", json!(iss))).unwrap_err(),
                IdTokenError::WrongIssuer(iss.to_owned())
            );
        }
        assert_eq!(
            check(&without("iss")).unwrap_err(),
            IdTokenError::BadClaim("iss")
        );
    }

    #[test]
    fn audience_must_contain_us_and_azp_must_be_us() {
        assert_eq!(
            check(&with("aud", json!("someone-else"))).unwrap_err(),
            IdTokenError::WrongAudience
        );
        assert_eq!(
            check(&with("aud", json!(["a", "b"]))).unwrap_err(),
            IdTokenError::WrongAudience
        );
        assert_eq!(
            check(&without("aud")).unwrap_err(),
            IdTokenError::BadClaim("aud")
        );
        // Several audiences: azp is required and must be us.
        let many = with("aud", json!(["madoguchi", "other"]));
        assert_eq!(
            check(&many).unwrap_err(),
            IdTokenError::WrongAuthorizedParty
        );
        let mut ok = many.clone();
        ok["azp"] = json!("madoguchi");
        assert!(check(&ok).is_ok());
        assert_eq!(
            check(&with("azp", json!("other"))).unwrap_err(),
            IdTokenError::WrongAuthorizedParty
        );
    }

    #[test]
    fn times_are_checked_with_leeway() {
        assert!(check(&with("exp", json!(NOW - 30))).is_ok());
        assert_eq!(
            check(&with("exp", json!(NOW - 60))).unwrap_err(),
            IdTokenError::Expired
        );
        assert!(check(&with("iat", json!(NOW + 30))).is_ok());
        assert_eq!(
            check(&with("iat", json!(NOW + 61))).unwrap_err(),
            IdTokenError::IssuedInFuture
        );
        assert!(check(&with("exp", json!(NOW as f64 + 0.5))).is_ok());
        for bad in [json!("soon"), json!(null), json!(1e300)] {
            assert_eq!(
                check(&with("exp", bad)).unwrap_err(),
                IdTokenError::BadClaim("exp")
            );
        }
    }

    #[test]
    fn nonce_must_be_this_sign_ins() {
        for bad in [json!("other"), json!(""), json!(null), json!(7)] {
            assert_eq!(
                check(&with("nonce", bad)).unwrap_err(),
                IdTokenError::WrongNonce
            );
        }
        assert_eq!(
            check(&without("nonce")).unwrap_err(),
            IdTokenError::WrongNonce
        );
    }

    #[test]
    fn subject_and_acr_have_the_right_type() {
        assert_eq!(
            check(&with("sub", json!(""))).unwrap_err(),
            IdTokenError::BadClaim("sub")
        );
        assert_eq!(
            check(&with("sub", json!(42))).unwrap_err(),
            IdTokenError::BadClaim("sub")
        );
        assert_eq!(
            check(&with("acr", json!(["urn:card"]))).unwrap_err(),
            IdTokenError::BadClaim("acr")
        );
        assert_eq!(check(&without("acr")).unwrap().acr, None);
    }

    #[test]
    fn a_payload_that_is_not_an_object_is_malformed() {
        for payload in [&b"[]"[..], b"null", b"\"x\"", b"{", b""] {
            assert!(matches!(
                check_claims(payload, &expected()),
                Err(IdTokenError::Malformed(_))
            ));
        }
    }
}
