//! Furigana (ふりがな): readings over the kanji of form labels, for residents who read kana
//! more easily than kanji (children, people learning Japanese, some older people).
//!
//! Off unless the reader turns it on (`/furigana/on`): screen readers read the ruby text
//! inline, so everyone else would hear each word twice. The readings are
//! `forms/furigana.json`, a word list generated from the forms' labels by
//! `tools/furigana.py` (MeCab with the IPA dictionary; its notice is
//! `forms/furigana.LICENSE`). A label is matched word by word, longest word first;
//! kanji not in the list stay as they are.

use std::collections::HashMap;
use std::sync::LazyLock;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use askama::filters::{Escaper, Html};

const WORDS_JSON: &str = include_str!("../../../../forms/furigana.json");

/// Built once, on the first page that shows furigana.
static READINGS: LazyLock<Readings> = LazyLock::new(|| {
    Readings::from_json(WORDS_JSON).unwrap_or_else(|e| {
        tracing::error!(error = %e, "forms/furigana.json is unreadable: no furigana");
        Readings::default()
    })
});

tokio::task_local! {
    /// The reader's choice, for the pages built while answering their request.
    static WANTED: bool;
}

/// Middleware (use with `actix_web::middleware::from_fn`): makes the reader's furigana
/// cookie known to the views of the request (see [`wanted`]), the way the language is.
pub async fn remember_choice(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let on = crate::extract::furigana_of(req.request());
    WANTED.scope(on, next.call(req)).await
}

/// Whether the reader of the current request asked for furigana; off outside a request.
pub fn wanted() -> bool {
    WANTED.try_with(|on| *on).unwrap_or(false)
}

/// `text` as HTML with furigana over the words the readings know.
pub fn to_html(text: &str) -> String {
    READINGS.to_html(text)
}

/// `text` escaped for HTML exactly as the templates escape it, so a label looks the same
/// byte for byte whether it went through here or not.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    // Writing to a String cannot fail.
    let _ = Html.write_escaped_str(&mut *out, text);
}

/// Kanji, and the marks read like them (々 repeats the kanji before it).
pub fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '々' | '〆' | '〇')
}

/// Characters that need a reading: kanji, and the small ヶ/ヵ of 3ヶ月 (read か or こ).
fn needs_reading(c: char) -> bool {
    is_kanji(c) || matches!(c, 'ヶ' | 'ヵ')
}

/// Katakana as hiragana; everything else as it is.
fn hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// A piece of a dictionary word: text shown as it is (okurigana), or a base with its reading.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Plain(String),
    Ruby { base: String, reading: String },
}

/// The word list: each word with its parts, and the longest word's length in characters.
#[derive(Debug, Default)]
pub struct Readings {
    words: HashMap<String, Vec<Part>>,
    longest: usize,
}

/// A stretch of a label: text the list does not know, or a known word.
enum Span<'t, 'r> {
    Plain(&'t str),
    Word(&'r [Part]),
}

impl Readings {
    /// The `words` object of `forms/furigana.json` (word → reading in hiragana).
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        #[derive(serde::Deserialize)]
        struct File {
            words: HashMap<String, String>,
        }
        let file: File = serde_json::from_str(text)?;
        Ok(Self::new(file.words))
    }

    pub fn new<I, W, R>(words: I) -> Self
    where
        I: IntoIterator<Item = (W, R)>,
        W: Into<String>,
        R: AsRef<str>,
    {
        let words: HashMap<String, Vec<Part>> = words
            .into_iter()
            .map(|(word, reading)| {
                let word = word.into();
                let parts = split_okurigana(&word, reading.as_ref());
                (word, parts)
            })
            .filter(|(word, _)| word.chars().any(needs_reading))
            .collect();
        let longest = words.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        Readings { words, longest }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.words.len()
    }

    /// `text` as HTML: each known word as `<ruby>`, the rest escaped.
    pub fn to_html(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 2);
        for span in self.spans(text) {
            match span {
                Span::Plain(t) => push_escaped(&mut out, t),
                Span::Word(parts) => {
                    for part in parts {
                        match part {
                            Part::Plain(t) => push_escaped(&mut out, t),
                            Part::Ruby { base, reading } => {
                                out.push_str("<ruby>");
                                push_escaped(&mut out, base);
                                out.push_str("<rp>(</rp><rt>");
                                push_escaped(&mut out, reading);
                                out.push_str("</rt><rp>)</rp></ruby>");
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// Each run of kanji in `text`, with the parts of it no known word covers (empty when
    /// the run is covered): what the coverage test counts.
    #[cfg(test)]
    fn kanji_runs(&self, text: &str) -> Vec<(String, Vec<String>)> {
        let mut covered = Vec::new();
        for span in self.spans(text) {
            match span {
                Span::Plain(t) => covered.extend(t.chars().map(|c| (c, false))),
                Span::Word(parts) => {
                    for part in parts {
                        let (Part::Plain(t) | Part::Ruby { base: t, .. }) = part;
                        covered.extend(t.chars().map(|c| (c, true)));
                    }
                }
            }
        }
        let mut runs: Vec<(String, Vec<String>)> = Vec::new();
        let mut previous_kanji = false;
        let mut previous_covered = true;
        for (c, is_covered) in covered {
            if !is_kanji(c) {
                previous_kanji = false;
                continue;
            }
            if !previous_kanji {
                runs.push((String::new(), Vec::new()));
                previous_covered = true;
            }
            if let Some((run, missing)) = runs.last_mut() {
                run.push(c);
                if !is_covered {
                    match missing.last_mut() {
                        Some(part) if !previous_covered => part.push(c),
                        _ => missing.push(c.to_string()),
                    }
                }
            }
            previous_kanji = true;
            previous_covered = is_covered;
        }
        runs
    }

    /// Leftmost-longest matching of the known words over `text`.
    fn spans<'t>(&self, text: &'t str) -> Vec<Span<'t, '_>> {
        let mut spans = Vec::new();
        if self.words.is_empty() || !text.chars().any(needs_reading) {
            spans.push(Span::Plain(text));
            return spans;
        }
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let chars = starts.len() - 1;
        // Every word has a kanji: from `i`, a word must reach at least the next one.
        let letters: Vec<char> = text.chars().collect();
        let mut next_kanji = vec![chars; chars + 1];
        for i in (0..chars).rev() {
            next_kanji[i] = if needs_reading(letters[i]) {
                i
            } else {
                next_kanji[i + 1]
            };
        }
        let (mut i, mut plain_from) = (0, 0);
        while i < chars {
            let shortest = next_kanji[i] + 1 - i;
            let longest = self.longest.min(chars - i);
            let found = (shortest..=longest).rev().find_map(|len| {
                self.words
                    .get(&text[starts[i]..starts[i + len]])
                    .map(|parts| (len, parts))
            });
            match found {
                Some((len, parts)) => {
                    if plain_from < i {
                        spans.push(Span::Plain(&text[starts[plain_from]..starts[i]]));
                    }
                    spans.push(Span::Word(parts));
                    i += len;
                    plain_from = i;
                }
                None => i += 1,
            }
        }
        if plain_from < chars {
            spans.push(Span::Plain(&text[starts[plain_from]..]));
        }
        spans
    }
}

/// Splits a word into ruby over its kanji and plain okurigana (申し込む, もうしこむ →
/// 申[もう] し 込[こ] む), when the kana of the word line up with its reading one way
/// only; otherwise the whole word carries the whole reading.
fn split_okurigana(word: &str, reading: &str) -> Vec<Part> {
    let whole = || {
        vec![Part::Ruby {
            base: word.to_string(),
            reading: reading.to_string(),
        }]
    };
    // Runs of characters that need a reading, and of characters shown as they are.
    let mut runs: Vec<(bool, Vec<char>)> = Vec::new();
    for c in word.chars() {
        match runs.last_mut() {
            Some((kanji, chars)) if *kanji == needs_reading(c) => chars.push(c),
            _ => runs.push((needs_reading(c), vec![c])),
        }
    }
    if runs.len() < 2 {
        return whole();
    }
    let reading_chars: Vec<char> = reading.chars().collect();
    let mut solutions = Vec::new();
    align(&runs, &reading_chars, 0, &mut Vec::new(), &mut solutions);
    let [ends] = solutions.as_slice() else {
        return whole();
    };
    let mut parts = Vec::new();
    let mut from = 0;
    for ((kanji, chars), &end) in runs.iter().zip(ends) {
        let base: String = chars.iter().collect();
        if *kanji {
            parts.push(Part::Ruby {
                base,
                reading: reading_chars[from..end].iter().collect(),
            });
        } else {
            parts.push(Part::Plain(base));
        }
        from = end;
    }
    parts
}

/// Every way (stopping at two) to cut `reading` so that each plain run matches its kana
/// and each kanji run gets at least one character. `ends` holds where each run ends.
fn align(
    runs: &[(bool, Vec<char>)],
    reading: &[char],
    at: usize,
    ends: &mut Vec<usize>,
    solutions: &mut Vec<Vec<usize>>,
) {
    if solutions.len() > 1 {
        return;
    }
    let Some(((kanji, chars), rest)) = runs.split_first() else {
        if at == reading.len() {
            solutions.push(ends.clone());
        }
        return;
    };
    if *kanji {
        for end in at + 1..=reading.len() {
            ends.push(end);
            align(rest, reading, end, ends, solutions);
            ends.pop();
        }
    } else {
        let end = at + chars.len();
        let matches = reading
            .get(at..end)
            .is_some_and(|r| chars.iter().zip(r).all(|(c, r)| hiragana(*c) == *r));
        if matches {
            ends.push(end);
            align(rest, reading, end, ends, solutions);
            ends.pop();
        }
    }
}

#[cfg(test)]
mod tests;
