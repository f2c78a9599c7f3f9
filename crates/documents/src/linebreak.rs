//! Line breaking for Japanese text with some English in it.
//!
//! * Japanese may break between any two characters; runs of Latin letters, digits and ASCII
//!   punctuation are words that break at spaces, and a word wider than the line is cut.
//! * 禁則 (kinsoku), the basics: no line starts with closing brackets, 、。, ー, ・ or small
//!   kana; no line ends with an opening bracket. When the break would fall there, the line
//!   breaks one character earlier (追い出し); the only exception is a line with no allowed
//!   break at all, which is cut where it is full.
//! * `'\n'` ends a paragraph; an empty paragraph is an empty line. Spaces at the end or the
//!   start of a wrapped line are dropped; the ideographic space U+3000 (paragraph indent)
//!   is kept like any other character.

/// Characters a line must not start with (行頭禁則).
const NO_LINE_START: &str = "、。，．,.:;!?！？：；)]}）］｝〕〉》」』】〙〗〟’”｠»\
    ーゝゞ々ヽヾ・･…‥〜～\
    ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ\
    ｧｨｩｪｫｯｬｭｮ";

/// Characters a line must not end with (行末禁則).
const NO_LINE_END: &str = "([{（［｛〔〈《「『【〘〖〝‘“｟«";

fn no_line_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

fn no_line_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// A space that separates words and disappears at a line break. U+3000 is not one.
fn is_break_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Characters that stick together into words: ASCII and other alphabetic scripts
/// (Latin, Greek, Cyrillic). Kana, kanji and full-width forms are not word characters.
fn is_word_char(c: char) -> bool {
    c.is_ascii_graphic() || (c.is_alphanumeric() && (c as u32) < 0x2E80)
}

/// Whether a line may break between `before` and `after`.
fn may_break_between(before: char, after: char) -> bool {
    if no_line_end(before) || no_line_start(after) || is_break_space(after) {
        return false;
    }
    if is_break_space(before) {
        return true;
    }
    !(is_word_char(before) && is_word_char(after))
}

/// Breaks `text` into lines no wider than `max_width`, `width_of` giving each character's
/// advance in the same unit. Returns one entry per line (an empty string for an empty
/// paragraph); a single character wider than the line gets a line of its own.
pub(crate) fn break_lines(
    text: &str,
    max_width: f32,
    width_of: impl Fn(char) -> f32,
) -> Vec<String> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
        break_paragraph(paragraph, max_width, &width_of, &mut lines);
    }
    lines
}

fn break_paragraph(
    paragraph: &str,
    max_width: f32,
    width_of: &impl Fn(char) -> f32,
    lines: &mut Vec<String>,
) {
    let chars: Vec<char> = paragraph.chars().collect();
    let n = chars.len();
    let mut start = 0;
    let mut width = 0.0_f32;
    let mut i = 0;
    while i < n {
        let c = chars[i];
        let w = width_of(c);
        if width + w > max_width && i > start && !is_break_space(c) {
            // The last place on this line where a break is allowed; none: cut here.
            let at = (start + 1..=i)
                .rev()
                .find(|&k| may_break_between(chars[k - 1], chars[k]))
                .unwrap_or(i);
            lines.push(line_of(&chars[start..at]));
            start = at;
            while start < n && is_break_space(chars[start]) {
                start += 1;
            }
            i = start;
            width = 0.0;
            continue;
        }
        width += w;
        i += 1;
    }
    if start < n || lines.is_empty() || n == 0 {
        lines.push(line_of(&chars[start.min(n)..]));
    }
}

fn line_of(chars: &[char]) -> String {
    let s: String = chars.iter().collect();
    s.trim_end_matches(is_break_space).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit wide, like full-width text on a grid.
    fn grid(text: &str, width: f32) -> Vec<String> {
        break_lines(text, width, |_| 1.0)
    }

    /// Full-width one unit, ASCII half a unit.
    fn mixed(text: &str, width: f32) -> Vec<String> {
        break_lines(text, width, |c| if c.is_ascii() { 0.5 } else { 1.0 })
    }

    #[test]
    fn japanese_breaks_anywhere_when_the_line_is_full() {
        assert_eq!(
            grid("あいうえおかきくけこ", 4.0),
            ["あいうえ", "おかきく", "けこ"]
        );
        assert_eq!(grid("あいう", 3.0), ["あいう"]);
    }

    #[test]
    fn no_line_starts_with_a_full_stop_or_a_comma() {
        // A 4-wide line would put 。 and 、 at the start of the next lines.
        let lines = grid("あいうえ。かきくけ、こさしす", 4.0);
        assert_eq!(lines, ["あいう", "え。かき", "くけ、こ", "さしす"]);
        for text in [
            "申請のあった住民票の写しの交付について、次のとおり決定しましたので、通知します。",
            "あああ。。いいい、、ううう」えええ』おおお）かかかー",
            "ちょっとまって、きっとだよ。しゅっぱつ、キャッシュ",
        ] {
            for width in 3..12 {
                let lines = grid(text, width as f32);
                assert_eq!(lines.concat(), text, "nothing lost at width {width}");
                for line in &lines[1..] {
                    let first = line.chars().next().unwrap();
                    assert!(
                        !no_line_start(first),
                        "width {width}: line {line:?} starts with {first:?} in {lines:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn small_kana_and_long_vowel_mark_stay_on_the_previous_line() {
        assert_eq!(grid("あいうきょ", 4.0), ["あいう", "きょ"]);
        assert_eq!(grid("あいうっと", 3.0), ["あい", "うっと"]);
        assert_eq!(grid("コピーです", 2.0), ["コ", "ピー", "です"]);
    }

    #[test]
    fn no_line_ends_with_an_opening_bracket() {
        assert_eq!(grid("あいう「えお」", 4.0), ["あいう", "「えお」"]);
        assert_eq!(grid("あいう(えお)", 4.0), ["あいう", "(えお)"]);
    }

    #[test]
    fn explicit_newlines_are_paragraphs() {
        assert_eq!(grid("あい\nう\n\nえ", 10.0), ["あい", "う", "", "え"]);
        assert_eq!(grid("あい\r\nう\n", 10.0), ["あい", "う"]);
        assert_eq!(grid("", 10.0), [""]);
        // Each paragraph wraps on its own.
        assert_eq!(grid("あいうえ\nかき", 3.0), ["あいう", "え", "かき"]);
    }

    #[test]
    fn english_breaks_at_spaces() {
        assert_eq!(
            mixed("You may request a review within three months.", 10.0),
            ["You may request a", "review within three", "months."]
        );
        // Japanese next to a word: the word is not split, the Japanese around it may be.
        assert_eq!(
            mixed("申請書はFormABCです", 5.0),
            ["申請書は", "FormABCで", "す"]
        );
    }

    #[test]
    fn a_very_long_ascii_token_is_cut() {
        let token = "x".repeat(50);
        let lines = mixed(&format!("URL: {token} end"), 10.0);
        assert_eq!(lines[0], "URL:");
        assert!(lines.iter().all(|l| l.len() <= 20), "{lines:?}");
        assert_eq!(
            lines[1..4],
            ["x".repeat(20), "x".repeat(20), "x".repeat(10) + " end"]
        );
        assert_eq!(lines.concat().replace(' ', ""), format!("URL:{token}end"));
    }

    #[test]
    fn ideographic_space_indent_is_kept() {
        assert_eq!(grid("\u{3000}あいうえ", 3.0), ["\u{3000}あい", "うえ"]);
    }

    #[test]
    fn a_character_wider_than_the_line_gets_its_own_line() {
        assert_eq!(grid("あいう", 0.5), ["あ", "い", "う"]);
    }
}
