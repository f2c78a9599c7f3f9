//! Just enough JOSE for ID tokens: a provider's public key set (JWKS) and the check of a
//! compact JWS signed with RS256, PS256 or ES256. Anything else — `alg: none`, HMAC with
//! the client secret, unknown critical headers — is refused. The cryptography is ring's.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::signature::{
    ECDSA_P256_SHA256_FIXED, RSA_PKCS1_2048_8192_SHA256, RSA_PSS_2048_8192_SHA256,
    RsaPublicKeyComponents, UnparsedPublicKey,
};
use serde::Deserialize;

use crate::IdTokenError;

/// Longer tokens are refused before any parsing.
const MAX_TOKEN_LEN: usize = 32 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
enum KeyMaterial {
    /// Big-endian modulus (no leading zeros) and exponent.
    Rsa { n: Vec<u8>, e: Vec<u8> },
    /// Uncompressed SEC1 point `04 || x || y`.
    P256 { point: Vec<u8> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct PublicKey {
    kid: Option<String>,
    alg: Option<String>,
    material: KeyMaterial,
}

/// The signing keys a provider publishes at its `jwks_uri`, keeping those we can use
/// (RSA and P-256 signature keys).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySet {
    keys: Vec<PublicKey>,
}

#[derive(Deserialize)]
struct RawKeySet {
    keys: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawKey {
    kty: String,
    kid: Option<String>,
    #[serde(rename = "use")]
    use_: Option<String>,
    alg: Option<String>,
    n: Option<String>,
    e: Option<String>,
    crv: Option<String>,
    x: Option<String>,
    y: Option<String>,
}

fn b64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

impl KeySet {
    /// Parses a JWKS document. Keys of other types, encryption keys and keys that do not
    /// decode are left out; a document that is not a key set is an error.
    pub fn from_json(json: &[u8]) -> Result<Self, String> {
        let raw: RawKeySet =
            serde_json::from_slice(json).map_err(|e| format!("not a JWK set: {e}"))?;
        let keys = raw
            .keys
            .into_iter()
            .filter_map(|value| serde_json::from_value::<RawKey>(value).ok())
            .filter(|k| k.use_.as_deref().is_none_or(|u| u == "sig"))
            .filter_map(|k| {
                let material = match k.kty.as_str() {
                    "RSA" => {
                        let mut n = b64(k.n.as_deref()?)?;
                        let leading = n.iter().take_while(|b| **b == 0).count();
                        n.drain(..leading);
                        KeyMaterial::Rsa {
                            n,
                            e: b64(k.e.as_deref()?)?,
                        }
                    }
                    "EC" if k.crv.as_deref() == Some("P-256") => {
                        let (x, y) = (b64(k.x.as_deref()?)?, b64(k.y.as_deref()?)?);
                        if x.len() != 32 || y.len() != 32 {
                            return None;
                        }
                        let mut point = Vec::with_capacity(65);
                        point.push(4);
                        point.extend_from_slice(&x);
                        point.extend_from_slice(&y);
                        KeyMaterial::P256 { point }
                    }
                    _ => return None,
                };
                Some(PublicKey {
                    kid: k.kid,
                    alg: k.alg,
                    material,
                })
            })
            .collect();
        Ok(Self { keys })
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alg {
    Rs256,
    Ps256,
    Es256,
}

impl Alg {
    fn parse(name: &str) -> Result<Self, IdTokenError> {
        match name {
            "RS256" => Ok(Alg::Rs256),
            "PS256" => Ok(Alg::Ps256),
            "ES256" => Ok(Alg::Es256),
            other => Err(IdTokenError::UnsupportedAlgorithm(other.to_owned())),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Alg::Rs256 => "RS256",
            Alg::Ps256 => "PS256",
            Alg::Es256 => "ES256",
        }
    }

    fn verify(self, key: &KeyMaterial, message: &[u8], signature: &[u8]) -> bool {
        match (self, key) {
            (Alg::Rs256 | Alg::Ps256, KeyMaterial::Rsa { n, e }) => {
                let params = if self == Alg::Rs256 {
                    &RSA_PKCS1_2048_8192_SHA256
                } else {
                    &RSA_PSS_2048_8192_SHA256
                };
                RsaPublicKeyComponents { n, e }
                    .verify(params, message, signature)
                    .is_ok()
            }
            (Alg::Es256, KeyMaterial::P256 { point }) => {
                UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point)
                    .verify(message, signature)
                    .is_ok()
            }
            _ => false,
        }
    }
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    kid: Option<String>,
    crit: Option<serde_json::Value>,
}

/// The parts of a compact JWS, before its signature is checked.
#[derive(Debug)]
pub(crate) struct UnverifiedJws<'a> {
    alg: Alg,
    pub(crate) kid: Option<String>,
    signing_input: &'a str,
    signature: Vec<u8>,
    payload: Vec<u8>,
}

impl<'a> UnverifiedJws<'a> {
    pub(crate) fn parse(token: &'a str) -> Result<Self, IdTokenError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(IdTokenError::Malformed("too long"));
        }
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(IdTokenError::Malformed("not three dot-separated parts"));
        };
        let header_json = b64(header).ok_or(IdTokenError::Malformed("header is not base64url"))?;
        let parsed: Header = serde_json::from_slice(&header_json)
            .map_err(|_| IdTokenError::Malformed("header is not a JOSE header"))?;
        if parsed.crit.is_some() {
            return Err(IdTokenError::CriticalHeader);
        }
        let alg = Alg::parse(&parsed.alg)?;
        // Signed bytes: the header and payload exactly as received.
        let signing_input = &token[..header.len() + 1 + payload.len()];
        Ok(Self {
            alg,
            kid: parsed.kid,
            signing_input,
            signature: b64(signature)
                .ok_or(IdTokenError::Malformed("signature is not base64url"))?,
            payload: b64(payload).ok_or(IdTokenError::Malformed("payload is not base64url"))?,
        })
    }

    /// The payload, once a key of `keys` fitting the header verifies the signature.
    pub(crate) fn verify(&self, keys: &KeySet) -> Result<Vec<u8>, IdTokenError> {
        let candidates: Vec<&PublicKey> = keys
            .keys
            .iter()
            .filter(|k| match &self.kid {
                Some(kid) => k.kid.as_deref() == Some(kid.as_str()),
                None => true,
            })
            .filter(|k| k.alg.as_deref().is_none_or(|a| a == self.alg.name()))
            .filter(|k| {
                matches!(
                    (self.alg, &k.material),
                    (Alg::Rs256 | Alg::Ps256, KeyMaterial::Rsa { .. })
                        | (Alg::Es256, KeyMaterial::P256 { .. })
                )
            })
            .collect();
        if candidates.is_empty() {
            return Err(IdTokenError::UnknownKey);
        }
        let message = self.signing_input.as_bytes();
        if candidates
            .iter()
            .any(|k| self.alg.verify(&k.material, message, &self.signature))
        {
            Ok(self.payload.clone())
        } else {
            Err(IdTokenError::BadSignature)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(header: &str, payload: &str, signature: &[u8]) -> String {
        format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(signature)
        )
    }

    #[test]
    fn none_and_hmac_are_refused() {
        for alg in ["none", "HS256", "RS512", ""] {
            let t = token(&format!(r#"{{"alg":"{alg}"}}"#), "{}", b"");
            assert_eq!(
                UnverifiedJws::parse(&t).unwrap_err(),
                IdTokenError::UnsupportedAlgorithm(alg.to_owned())
            );
        }
    }

    #[test]
    fn critical_headers_are_refused() {
        let t = token(r#"{"alg":"RS256","crit":["exp"]}"#, "{}", b"sig");
        assert_eq!(
            UnverifiedJws::parse(&t).unwrap_err(),
            IdTokenError::CriticalHeader
        );
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for t in [
            "",
            ".",
            "..",
            "a.b",
            "a.b.c.d",
            "!!!.e30.e30",
            "e30.e30.e30",
            "bnVsbA.e30.",
            "\u{1F600}.\u{1F600}.\u{1F600}",
        ] {
            assert!(
                UnverifiedJws::parse(t).is_err(),
                "{t:?} should not parse as a JWS"
            );
        }
        assert_eq!(
            UnverifiedJws::parse(&"a".repeat(MAX_TOKEN_LEN + 1)).unwrap_err(),
            IdTokenError::Malformed("too long")
        );
    }

    #[test]
    fn a_token_without_a_fitting_key_is_unknown_key() {
        let keys =
            KeySet::from_json(br#"{"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"}]}"#)
                .unwrap();
        assert_eq!(keys.len(), 1);
        let other_kid = token(r#"{"alg":"RS256","kid":"b"}"#, "{}", b"sig");
        let jws = UnverifiedJws::parse(&other_kid).unwrap();
        assert_eq!(jws.verify(&keys).unwrap_err(), IdTokenError::UnknownKey);
        let wrong_type = token(r#"{"alg":"ES256","kid":"a"}"#, "{}", b"sig");
        let jws = UnverifiedJws::parse(&wrong_type).unwrap();
        assert_eq!(jws.verify(&keys).unwrap_err(), IdTokenError::UnknownKey);
        let bad = token(r#"{"alg":"RS256","kid":"a"}"#, "{}", b"sig");
        let jws = UnverifiedJws::parse(&bad).unwrap();
        assert_eq!(jws.verify(&keys).unwrap_err(), IdTokenError::BadSignature);
    }

    #[test]
    fn key_sets_keep_only_usable_signature_keys() {
        let keys = KeySet::from_json(
            br#"{"keys":[
                {"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"},
                {"kty":"oct","k":"c2VjcmV0"},
                {"kty":"EC","crv":"P-384","x":"AA","y":"AA"},
                {"kty":"EC","crv":"P-256","x":"AA","y":"AA"},
                {"kty":"RSA","n":"not base64!","e":"AQAB"},
                {"no":"kty"},
                "not an object"
            ]}"#,
        )
        .unwrap();
        assert!(keys.is_empty());
        assert!(KeySet::from_json(b"[]").is_err());
        assert!(KeySet::from_json(b"{\"keys\":{}}").is_err());
    }
}
