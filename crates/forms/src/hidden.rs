//! Text that cannot spoof: characters a reader cannot see, or that reorder what the reader
//! sees (a name that shows as another, an amount read backwards), are refused in every
//! answer, with a message saying which field and what to do. Normalisation keeps them so
//! that validation finds them: nothing is dropped silently.

use std::fmt::Write as _;

use serde_json::Value;

/// Is `c` refused in an answer? C0 controls (TAB, LF and CR only where the answer may have
/// several lines), DEL, C1 controls, and the bidirectional embeddings, overrides, isolates
/// and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
pub fn is_refused(c: char, multiline: bool) -> bool {
    match c {
        '\t' | '\n' | '\r' => !multiline,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        '\u{200E}' | '\u{200F}' | '\u{061C}' => true,
        _ => false,
    }
}

/// The pointers of the strings in `value` holding a refused character; `multiline` says
/// whether the answer at a pointer may have several lines. It is asked only of a string
/// holding a character refused on one line (almost none): answers are checked on every
/// filing, and the question behind a pointer is looked up by it.
pub(crate) fn find(
    value: &Value,
    at: &str,
    multiline: &dyn Fn(&str) -> bool,
    out: &mut Vec<String>,
) {
    let mut path = String::from(at);
    find_at(value, &mut path, multiline, out);
}

/// [`find`] with the pointer built in one buffer: each key or index is pushed for its
/// value and taken off after it.
fn find_at(
    value: &Value,
    at: &mut String,
    multiline: &dyn Fn(&str) -> bool,
    out: &mut Vec<String>,
) {
    match value {
        Value::String(s) => {
            // A character refused even where several lines are allowed, or a line break
            // (or tab) where they are not.
            let refused = s.chars().any(|c| is_refused(c, false)) && {
                let lines = multiline(at);
                s.chars().any(|c| is_refused(c, lines))
            };
            if refused {
                out.push(at.clone());
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                // Writing to a String cannot fail.
                let _ = write!(at, "/{i}");
                find_at(item, at, multiline, out);
                at.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let len = at.len();
                push_key(at, k);
                find_at(v, at, multiline, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// Adds `/key` to the JSON Pointer `at`, escaped (RFC 6901): `~` as `~0`, `/` as `~1`.
pub(crate) fn push_key(at: &mut String, key: &str) {
    at.push('/');
    for c in key.chars() {
        match c {
            '~' => at.push_str("~0"),
            '/' => at.push_str("~1"),
            c => at.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_characters_are_refused() {
        for c in [
            '\u{0}', '\u{7}', '\u{1B}', '\u{1F}', '\u{7F}', '\u{80}', '\u{85}', '\u{9F}',
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert!(is_refused(c, false), "{:04X}", c as u32);
            assert!(is_refused(c, true), "{:04X} in several lines", c as u32);
        }
        for c in ['\t', '\n', '\r'] {
            assert!(is_refused(c, false), "{:04X} on one line", c as u32);
            assert!(!is_refused(c, true), "{:04X} in several lines", c as u32);
        }
        for c in [
            'a', 'あ', '髙', '\u{3000}', ' ', '\u{A0}', '\u{200D}', '\u{FE0F}', '‐',
        ] {
            assert!(!is_refused(c, false), "{:04X}", c as u32);
        }
    }

    #[test]
    fn every_string_at_any_depth_is_looked_at() {
        let data = serde_json::json!({
            "name": "山田\u{202E}太郎",
            "note": "一行目\n二行目",
            "items": [{"what": "ok"}, {"what": "x\u{0}"}],
            "tags": ["a", "\u{2066}b"],
            "count": 2
        });
        let mut out = Vec::new();
        find(&data, "", &|p| p == "/note", &mut out);
        out.sort();
        assert_eq!(out, vec!["/items/1/what", "/name", "/tags/1"]);
    }

    #[test]
    fn keys_are_escaped_in_pointers_and_lines_are_asked_only_of_suspect_strings() {
        let data = serde_json::json!({
            "a/b": "x\u{202E}",
            "c~d": {"e": "\u{0}"},
            "plain": "ok",
            "note": "一行目\n二行目"
        });
        let asked = std::cell::RefCell::new(Vec::new());
        let multiline = |p: &str| {
            asked.borrow_mut().push(p.to_string());
            p == "/note"
        };
        let mut out = Vec::new();
        find(&data, "", &multiline, &mut out);
        out.sort();
        assert_eq!(out, vec!["/a~1b", "/c~0d/e"]);
        let mut asked = asked.into_inner();
        asked.sort();
        assert_eq!(
            asked,
            vec!["/a~1b", "/c~0d/e", "/note"],
            "never for \"plain\""
        );
    }
}
