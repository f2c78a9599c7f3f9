//! JSON read one way only. Parsers disagree on which of two equal keys in one object wins
//! (serde_json keeps the last, others the first), so a document with a key twice could be
//! checked as one thing and acted on as another: such a document is refused, naming the
//! key and where it is. The API reads every request body this way, and the forms lint
//! every definition (from `forms/`, the authoring pages and the authoring API).

use std::cell::RefCell;
use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a text was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StrictJsonError {
    /// The text starts with a byte order mark.
    ByteOrderMark,
    /// `key` appears twice in the object at `pointer` (a JSON pointer, empty for the root).
    DuplicateKey { key: String, pointer: String },
    /// Something follows the value (a second value).
    TrailingData,
    /// Not JSON: the parser's words, with the line and column.
    Malformed {
        message: String,
        line: usize,
        column: usize,
    },
}

/// Reads `text` as one JSON value whose objects have each key once.
pub fn parse(text: &[u8]) -> Result<Value, StrictJsonError> {
    if text.starts_with(b"\xEF\xBB\xBF") {
        return Err(StrictJsonError::ByteOrderMark);
    }
    let duplicate = RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_slice(text);
    let seed = Strict {
        at: String::new(),
        duplicate: &duplicate,
    };
    let value = seed.deserialize(&mut reader).map_err(|e| {
        duplicate
            .borrow_mut()
            .take()
            .unwrap_or_else(|| StrictJsonError::Malformed {
                message: e.to_string(),
                line: e.line(),
                column: e.column(),
            })
    })?;
    reader.end().map_err(|_| StrictJsonError::TrailingData)?;
    Ok(value)
}

/// One value at `at`; the first key found twice is written to `duplicate`.
struct Strict<'d> {
    at: String,
    duplicate: &'d RefCell<Option<StrictJsonError>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict {
            at: format!("{}/{}", self.at, items.len()),
            duplicate: self.duplicate,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                let message = format!("duplicate key `{key}`");
                *self.duplicate.borrow_mut() = Some(StrictJsonError::DuplicateKey {
                    key,
                    pointer: self.at.clone(),
                });
                return Err(de::Error::custom(message));
            }
            let value = map.next_value_seed(Strict {
                at: format!("{}/{}", self.at, key.replace('~', "~0").replace('/', "~1")),
                duplicate: self.duplicate,
            })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_twice_is_named_with_where_it_is_at_any_depth() {
        for (text, key, pointer) in [
            (r#"{"a": 1, "a": 2}"#, "a", ""),
            (r#"{"p": {"id": "x", "title": {}, "id": "y"}}"#, "id", "/p"),
            (r#"{"s": [{"k": 1}, {"k": 1, "k": 1}]}"#, "k", "/s/1"),
            (r#"{"a/b": {"c~d": {"e": 0, "e": 0}}}"#, "e", "/a~1b/c~0d"),
        ] {
            assert_eq!(
                parse(text.as_bytes()),
                Err(StrictJsonError::DuplicateKey {
                    key: key.into(),
                    pointer: pointer.into()
                }),
                "{text}"
            );
        }
    }

    #[test]
    fn only_one_reading_is_accepted() {
        assert_eq!(
            parse(br#"{"a": {"b": 1}, "b": [1, {"a": 2}]}"#),
            Ok(serde_json::json!({"a": {"b": 1}, "b": [1, {"a": 2}]}))
        );
        assert_eq!(
            parse(b"\xEF\xBB\xBF{}"),
            Err(StrictJsonError::ByteOrderMark)
        );
        assert_eq!(parse(b"{} {}"), Err(StrictJsonError::TrailingData));
        for broken in [&b"{"[..], b"{\"a\" 1}", b"", b"[1,]"] {
            assert!(
                matches!(parse(broken), Err(StrictJsonError::Malformed { .. })),
                "{broken:?}"
            );
        }
    }
}
