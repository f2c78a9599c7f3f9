//! Whole numbers, however they are written. JSON Schema's `integer` accepts `10`, `10.0`
//! and `1e1` alike, so an accepted answer is made of plain integers once, here, before
//! anything counts, stores or shows it: the fee and the stored answer cannot disagree with
//! what validation accepted.

use std::fmt::Write as _;

use serde_json::{Number, Value};

/// The integer a JSON number stands for, when it is a whole number that fits an `i64`
/// (`10`, `10.0`, `1e1`, `-0.0`); `None` for fractions, non-numbers and numbers too large.
pub fn whole(value: &Value) -> Option<i64> {
    let Value::Number(n) = value else {
        return None;
    };
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    // 2^63 is exactly representable; every f64 below it in magnitude that is whole fits.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f)).then_some(f as i64)
}

/// `value` with every whole number written as a plain integer, at any depth.
pub fn canonical(mut value: Value) -> Value {
    make_canonical(&mut value);
    value
}

fn make_canonical(value: &mut Value) {
    match value {
        Value::Number(n) if n.as_i64().is_none() => {
            if let Some(i) = whole(&Value::Number(n.clone())) {
                *n = Number::from(i);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(make_canonical),
        Value::Object(map) => map.values_mut().for_each(make_canonical),
        _ => {}
    }
}

/// Where `value` holds a whole number too large to count with (beyond `i64`): the schema
/// accepts it as an integer, so validation must refuse it.
pub(crate) fn too_large(value: &Value, at: &str, out: &mut Vec<String>) {
    let mut path = String::from(at);
    too_large_at(value, &mut path, out);
}

/// [`too_large`] with the pointer built in one buffer (`crate::hidden::find` does the same).
fn too_large_at(value: &Value, at: &mut String, out: &mut Vec<String>) {
    match value {
        Value::Number(n) if n.as_i64().is_none() => {
            let whole_but_huge =
                n.as_u64().is_some() || n.as_f64().is_some_and(|f| f.fract() == 0.0);
            if whole_but_huge && whole(value).is_none() {
                out.push(at.clone());
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                // Writing to a String cannot fail.
                let _ = write!(at, "/{i}");
                too_large_at(item, at, out);
                at.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let len = at.len();
                crate::hidden::push_key(at, k);
                too_large_at(v, at, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parsed(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn every_spelling_of_a_whole_number_is_that_integer() {
        for text in ["10", "10.0", "1e1", "1E1", "10.000", "100e-1", "0.1e2"] {
            assert_eq!(whole(&parsed(text)), Some(10), "{text}");
            assert_eq!(canonical(parsed(text)).to_string(), "10", "{text}");
        }
        assert_eq!(whole(&parsed("-0.0")), Some(0));
        assert_eq!(whole(&parsed("10.5")), None);
        assert_eq!(whole(&parsed("\"10\"")), None);
        assert_eq!(whole(&parsed("1e19")), None);
        assert_eq!(canonical(parsed("10.5")).to_string(), "10.5");
    }

    #[test]
    fn nested_answers_are_made_canonical() {
        let data = parsed(r#"{"items":[{"count":2.0},{"count":3e0}],"copies":1e1,"x":"1.0"}"#);
        assert_eq!(
            canonical(data),
            json!({"items":[{"count":2},{"count":3}],"copies":10,"x":"1.0"})
        );
    }

    #[test]
    fn whole_numbers_beyond_i64_are_found() {
        let data = parsed(r#"{"a":1e19,"b":[18446744073709551615],"c":1.5,"d":9007199254740992}"#);
        let mut out = Vec::new();
        too_large(&data, "", &mut out);
        out.sort();
        assert_eq!(out, vec!["/a".to_string(), "/b/0".to_string()]);
    }
}
