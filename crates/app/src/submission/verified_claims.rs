//! The identity provider's verified claims after the My Number Card step-up (the card's
//! name, birth date and address), kept with the session's identity to fill in forms first.
//! Personal data: its `Debug` says which claims there are, never their values.

use std::collections::BTreeMap;

use madoguchi_forms::normalize::{ascii_to_halfwidth, normalize};
use madoguchi_forms::{FieldKind, Meaning};
use madoguchi_oidc::Identity;
use serde_json::{Map, Value};

/// What the provider verified, as stored in `resident_identities.verified_claims`.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VerifiedClaims {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// The address in one line, as the card has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl std::fmt::Debug for VerifiedClaims {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedClaims")
            .field("name", &self.name.is_some())
            .field("birth_date", &self.birth_date.is_some())
            .field("postal_code", &self.postal_code.is_some())
            .field("address", &self.address.is_some())
            .finish()
    }
}

impl VerifiedClaims {
    /// The claims of a sign-in, or none when it carried none of them.
    pub fn of(identity: &Identity) -> Option<Self> {
        let claims = Self {
            name: identity.name.clone().filter(|s| !s.trim().is_empty()),
            birth_date: identity
                .birthdate
                .clone()
                .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()),
            postal_code: identity
                .address
                .as_ref()
                .and_then(|a| a.postal_code.as_deref())
                .map(|p| normalize(&FieldKind::PostalCode, p)),
            address: identity.address.as_ref().and_then(|a| a.formatted.clone()),
        };
        (claims != Self::default()).then_some(claims)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Reads the stored JSON (nothing from a value that does not read).
    pub fn from_json(stored: &str) -> Option<Self> {
        serde_json::from_str(stored).ok()
    }

    /// The answers they give, by meaning. An address that does not split into the
    /// forms' parts (prefecture, city, town, block) fills nothing: the resident types it.
    pub fn answers(&self) -> BTreeMap<Meaning, Value> {
        let mut out = BTreeMap::new();
        if let Some(name) = &self.name {
            out.insert(Meaning::ApplicantName, Value::String(name.clone()));
        }
        if let Some(date) = &self.birth_date {
            out.insert(Meaning::ApplicantBirthDate, Value::String(date.clone()));
        }
        if let Some(code) = &self.postal_code {
            out.insert(Meaning::ApplicantPostalCode, Value::String(code.clone()));
        }
        if let Some(parts) = self.address.as_deref().and_then(address_parts) {
            out.insert(Meaning::ApplicantAddress, Value::Object(parts));
        }
        out
    }
}

/// `宮城県仙台市青葉区国分町3-7-1 青葉ビル101` → prefecture 宮城県, city 仙台市青葉区, town
/// 国分町, block 3-7-1, building 青葉ビル101.
fn address_parts(formatted: &str) -> Option<Map<String, Value>> {
    let line = ascii_to_halfwidth(formatted.trim()).replace('\n', " ");
    let (prefecture, rest) = split_prefecture(&line)?;
    let (city, rest) = split_city(rest)?;
    let at = rest.find(|c: char| c.is_ascii_digit())?;
    let (town, rest) = rest.split_at(at);
    let (block, building) = rest.split_once([' ', '\u{3000}']).unwrap_or((rest, ""));
    if town.trim().is_empty() {
        return None;
    }
    let mut parts = Map::new();
    for (key, value) in [
        ("prefecture", prefecture),
        ("city", city),
        ("town", town.trim()),
        ("block", block.trim()),
        ("building", building.trim()),
    ] {
        if !value.is_empty() {
            parts.insert(key.into(), Value::String(value.into()));
        }
    }
    Some(parts)
}

/// 北海道, 東京都, 京都府, 大阪府 or a 県 (two or three characters before it).
fn split_prefecture(line: &str) -> Option<(&str, &str)> {
    if line.starts_with("京都府") {
        return Some(line.split_at("京都府".len()));
    }
    let (at, c) = line
        .char_indices()
        .take(4)
        .skip(2)
        .find(|(_, c)| matches!(c, '都' | '道' | '府' | '県'))?;
    Some(line.split_at(at + c.len_utf8()))
}

/// A city with its ward (仙台市青葉区), a Tokyo ward (千代田区), or a district's town or
/// village (宮城郡松島町).
fn split_city(rest: &str) -> Option<(&str, &str)> {
    let end_of = |s: &str, marks: &[char]| {
        s.char_indices()
            .find(|(_, c)| marks.contains(c))
            .map(|(i, c)| i + c.len_utf8())
    };
    let mut end = if let Some(gun) = end_of(rest, &['郡']) {
        gun + end_of(&rest[gun..], &['町', '村'])?
    } else {
        end_of(rest, &['市', '区', '町', '村'])?
    };
    // A designated city's ward follows its name.
    if rest[..end].ends_with('市')
        && let Some(ward) = end_of(&rest[end..], &['区'])
        && !rest[end..end + ward].contains(|c: char| c.is_ascii_digit())
        && rest[end..end + ward].chars().count() <= 4
    {
        end += ward;
    }
    Some(rest.split_at(end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parts(s: &str) -> Option<Value> {
        address_parts(s).map(Value::Object)
    }

    #[test]
    fn an_address_splits_into_the_forms_parts() {
        assert_eq!(
            parts("宮城県仙台市青葉区国分町３－７－１ 青葉ビル101"),
            Some(
                json!({"prefecture": "宮城県", "city": "仙台市青葉区", "town": "国分町",
                        "block": "3-7-1", "building": "青葉ビル101"})
            )
        );
        assert_eq!(
            parts("東京都千代田区丸の内1-1"),
            Some(
                json!({"prefecture": "東京都", "city": "千代田区", "town": "丸の内", "block": "1-1"})
            )
        );
        assert_eq!(
            parts("京都府京都市中京区寺町通御池上る上本能寺前町488"),
            Some(json!({"prefecture": "京都府", "city": "京都市中京区",
                        "town": "寺町通御池上る上本能寺前町", "block": "488"}))
        );
        assert_eq!(
            parts("宮城県宮城郡松島町高城10"),
            Some(
                json!({"prefecture": "宮城県", "city": "宮城郡松島町", "town": "高城", "block": "10"})
            )
        );
        assert_eq!(
            parts("秋田県秋田市山王4-1-1"),
            Some(
                json!({"prefecture": "秋田県", "city": "秋田市", "town": "山王", "block": "4-1-1"})
            )
        );
        // Not splittable: nothing rather than a wrong split.
        for bad in [
            "",
            "仙台",
            "宮城県仙台市",
            "宮城県仙台市3-7-1",
            "Sendai, Miyagi",
        ] {
            assert_eq!(parts(bad), None, "{bad}");
        }
    }

    #[test]
    fn stored_claims_read_back_and_give_answers_by_meaning() {
        let claims = VerifiedClaims {
            name: Some("山田 太郎".into()),
            birth_date: Some("1980-04-01".into()),
            postal_code: Some("980-8671".into()),
            address: Some("宮城県仙台市青葉区国分町3-7-1".into()),
        };
        let read = VerifiedClaims::from_json(&claims.to_json()).unwrap();
        assert_eq!(read, claims);
        let answers = read.answers();
        assert_eq!(answers[&Meaning::ApplicantName], json!("山田 太郎"));
        assert_eq!(answers[&Meaning::ApplicantBirthDate], json!("1980-04-01"));
        assert_eq!(answers[&Meaning::ApplicantPostalCode], json!("980-8671"));
        assert_eq!(answers[&Meaning::ApplicantAddress]["block"], json!("3-7-1"));
        assert!(!answers.contains_key(&Meaning::ApplicantPhone));
        assert!(VerifiedClaims::from_json("not json").is_none());
    }
}
