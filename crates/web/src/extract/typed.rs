//! Typed inputs from form pairs: a page declares what it reads as a
//! `#[derive(Deserialize)]` struct instead of looking names up one by one.
//!
//! A name is read as its one value by a scalar field, and as all its values by a `Vec`
//! field (ticked checkboxes). A scalar sent twice is refused ([`SENT_TWICE`]) rather than
//! read as one of its values: a page never sends one twice, and which one counts must not
//! depend on who reads the form. A missing name
//! is `None` for an `Option` and the default for a `#[serde(default)]` field. Choices are
//! enums (`#[serde(rename_all = "snake_case")]`, with an `#[serde(other)]` variant where an
//! unknown value has a meaning of its own).

use serde::de::value::{Error, MapDeserializer, SeqDeserializer, StringDeserializer};
use serde::de::{DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// Reads `T` from name/value pairs (a posted form or a query string). Fails only when a
/// value cannot be what `T` says (a number that is not one, an enum without a fallback).
pub fn from_pairs<T: DeserializeOwned>(pairs: &[(String, String)]) -> Result<T, Error> {
    let mut grouped: Vec<(String, Values)> = Vec::new();
    for (k, v) in pairs {
        match grouped.iter_mut().find(|(name, _)| name == k) {
            Some((_, values)) => values.0.push(v.clone()),
            None => grouped.push((k.clone(), Values(vec![v.clone()]))),
        }
    }
    T::deserialize(MapDeserializer::new(grouped.into_iter()))
}

/// Starts the error of a scalar sent twice (serde's errors carry only text).
pub const SENT_TWICE: &str = "sent twice";

/// Every value sent under one name.
struct Values(Vec<String>);

impl Values {
    /// The one value of a scalar.
    fn single(self) -> Result<String, Error> {
        if self.0.len() > 1 {
            return Err(serde::de::Error::custom(SENT_TWICE));
        }
        Ok(self.0.into_iter().next().unwrap_or_default())
    }
}

impl<'de> IntoDeserializer<'de, Error> for Values {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

macro_rules! parsed {
    ($($method:ident => $visit:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let text = self.single()?;
            match text.trim().parse() {
                Ok(n) => visitor.$visit(n),
                Err(_) => Err(serde::de::Error::custom(format!("not a number: {text}"))),
            }
        })*
    };
}

impl<'de> Deserializer<'de> for Values {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.single()?)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(SeqDeserializer::new(
            self.0.into_iter().map(StringDeserializer::<Error>::new),
        ))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        StringDeserializer::<Error>::new(self.single()?).deserialize_enum(name, variants, visitor)
    }

    /// A name the type does not read (a question's answers, ticked checkboxes): however
    /// often it was sent, it is not this type's to judge.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    parsed! {
        deserialize_i32 => visit_i32,
        deserialize_i64 => visit_i64,
        deserialize_u32 => visit_u32,
        deserialize_u64 => visit_u64,
    }

    forward_to_deserialize_any! {
        bool i8 i16 i128 u8 u16 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct tuple tuple_struct map struct identifier
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Op {
        Assign,
        Export,
        #[serde(other)]
        Unknown,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Sample {
        #[serde(default)]
        name: String,
        ids: Vec<String>,
        op: Option<Op>,
        days: Option<i64>,
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_form_reads_as_its_type() {
        let s: Sample = from_pairs(&pairs(&[
            ("ids", "a"),
            ("name", "仙台"),
            ("ids", "b"),
            ("op", "export"),
            ("days", " 7"),
            ("csrf_token", "unknown names are ignored"),
            ("ticked", "a"),
            ("ticked", "b, unknown names sent twice too"),
        ]))
        .unwrap();
        assert_eq!(
            s,
            Sample {
                name: "仙台".into(),
                ids: vec!["a".into(), "b".into()],
                op: Some(Op::Export),
                days: Some(7),
            }
        );
    }

    #[test]
    fn a_scalar_sent_twice_is_refused() {
        for twice in [
            &[("name", "仙台"), ("ids", "x"), ("name", "second")][..],
            &[("ids", "x"), ("op", "export"), ("op", "assign")],
            &[("ids", "x"), ("days", "7"), ("days", "7")],
        ] {
            let e = from_pairs::<Sample>(&pairs(twice)).unwrap_err();
            assert!(e.to_string().starts_with(SENT_TWICE), "{e}");
        }
    }

    #[test]
    fn missing_names_are_empty_and_unknown_choices_fall_back() {
        let s: Sample = from_pairs(&pairs(&[("op", "drop tables"), ("ids", "x")])).unwrap();
        assert_eq!(s.name, "");
        assert_eq!(s.op, Some(Op::Unknown));
        assert_eq!(s.days, None);
        let none: Sample = from_pairs(&pairs(&[("ids", "x")])).unwrap();
        assert_eq!(none.op, None);
        assert!(from_pairs::<Sample>(&pairs(&[("ids", "x"), ("days", "soon")])).is_err());
    }
}
