//! A form as a browser without JavaScript reads it from the page: its controls in document
//! order, and what it posts when a person fills them — only names the page shows, only
//! values its radios, checkboxes and selects offer.

/// One control of a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Control {
    /// `input`, `select`, `textarea` or `button`.
    pub tag: String,
    /// An input's or button's `type` (`text` when absent for an input, `submit` for a button).
    pub kind: String,
    pub name: String,
    pub value: String,
    pub checked: bool,
    /// A select's options: (value, selected).
    pub options: Vec<(String, bool)>,
}

/// The controls of the first `<form method="post" action="{action}">` of `page`, or `None`
/// when the page has no such form.
pub fn controls(page: &str, action: &str) -> Option<Vec<Control>> {
    let start = page.find(&format!("<form method=\"post\" action=\"{action}\""))?;
    let end = start + page[start..].find("</form>")?;
    let html = &page[start..end];
    let mut controls: Vec<Control> = Vec::new();
    let mut at = 0;
    while let Some(open) = html[at..].find('<') {
        let open = at + open;
        let Some(close) = html[open..].find('>') else {
            break;
        };
        let close = open + close;
        let tag_text = &html[open + 1..close];
        at = close + 1;
        let name_end = tag_text
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag_text.len());
        let tag = tag_text[..name_end].to_ascii_lowercase();
        let attrs = attributes(&tag_text[name_end..]);
        let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        match tag.as_str() {
            "input" | "button" | "select" | "textarea" => {
                let Some(name) = attr("name") else {
                    continue;
                };
                let mut control = Control {
                    kind: attr("type").unwrap_or_else(|| {
                        if tag == "button" { "submit" } else { "text" }.to_string()
                    }),
                    tag: tag.clone(),
                    name,
                    value: attr("value").unwrap_or_default(),
                    checked: attr("checked").is_some(),
                    options: Vec::new(),
                };
                if tag == "textarea" {
                    let text_end = html[at..].find("</textarea>").map_or(at, |e| at + e);
                    control.value = unescape(&html[at..text_end]);
                    at = text_end;
                }
                controls.push(control);
            }
            "option" => {
                if let Some(select) = controls.iter_mut().rev().find(|c| c.tag == "select") {
                    select.options.push((
                        attr("value").unwrap_or_default(),
                        attr("selected").is_some(),
                    ));
                }
            }
            _ => {}
        }
    }
    Some(controls)
}

/// `name="value"`, `name='value'`, `name=value` and `name` alone, values unescaped.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '/' {
            i += 1;
        }
        if start == i {
            break;
        }
        let name: String = chars[start..i]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        let mut value = String::new();
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let quote = chars[i];
                i += 1;
                let v_start = i;
                while i < chars.len() && chars[i] != quote {
                    i += 1;
                }
                value = chars[v_start..i].iter().collect();
                i += 1;
            } else {
                let v_start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                value = chars[v_start..i].iter().collect();
            }
        }
        out.push((name, unescape(&value)));
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What the form posts when a person gives `answers` (name, value) and presses `button`
/// (a button's name and value, or none for the default "continue"): every hidden input as
/// the page has it, each text box with its answer (or as it is), each radio or checkbox
/// whose value is an answer, each select with its answer when it offers it. An answer the
/// page has no place for is returned as a problem.
pub fn fill(
    controls: &[Control],
    answers: &[(String, String)],
    button: Option<(&str, &str)>,
) -> Result<Vec<(String, String)>, Vec<String>> {
    let mut used = vec![false; answers.len()];
    let mut take = |name: &str, fits: &dyn Fn(&str) -> bool| -> Option<String> {
        let i = (0..answers.len())
            .find(|&i| !used[i] && answers[i].0 == name && fits(&answers[i].1))?;
        used[i] = true;
        Some(answers[i].1.clone())
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for c in controls {
        match (c.tag.as_str(), c.kind.as_str()) {
            ("button", _) | ("input", "submit" | "file" | "image" | "reset" | "button") => {}
            ("input", "hidden") => {
                // The page's own markers (an item's `._item`) stand for the answer's.
                take(&c.name, &|v| v == c.value);
                out.push((c.name.clone(), c.value.clone()));
            }
            ("input", "radio" | "checkbox") => {
                let checked = take(&c.name, &|v| v == c.value).is_some();
                if checked {
                    out.push((c.name.clone(), c.value.clone()));
                }
            }
            ("select", _) => {
                let offered = |v: &str| c.options.iter().any(|(o, _)| o == v);
                let value = match take(&c.name, &offered) {
                    Some(v) => v,
                    None => {
                        if let Some(v) = take(&c.name, &|_| true) {
                            problems.push(format!("{}: the select offers no {v:?}", c.name));
                        }
                        c.options
                            .iter()
                            .find(|(_, s)| *s)
                            .or(c.options.first())
                            .map(|(v, _)| v.clone())
                            .unwrap_or_default()
                    }
                };
                out.push((c.name.clone(), value));
            }
            _ => {
                let value = take(&c.name, &|_| true).unwrap_or_else(|| c.value.clone());
                out.push((c.name.clone(), value));
            }
        }
    }
    if let Some((name, value)) = button {
        out.push((name.to_string(), value.to_string()));
    }
    for (i, (name, value)) in answers.iter().enumerate() {
        if !used[i] {
            problems.push(format!("the page has no place for {name} = {value:?}"));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<form method="get" action="/procedures"><input name="q"></form>
<form method="post" action="/p/x/a" novalidate>
<input type="hidden" name="csrf_token" value="t&amp;1">
<button type="submit" class="default-button">続ける</button>
<input class="input" id="f-a" name="a" type="text" value="">
<input type="radio" name="b" value="yes"><input type="radio" name="b" value="no" checked>
<input type="checkbox" name="c" value="1"><input type="checkbox" name="c" value="2">
<select name="d"><option value="">選択</option><option value="x" selected>X</option><option value="y">Y</option></select>
<textarea name="e" rows="5">old &lt;text&gt;</textarea>
<input type="hidden" name="k.0._item" value="1">
<button type="submit" name="_action" value="add:k">追加</button>
</form>"#;

    #[test]
    fn reads_the_post_form_and_fills_only_what_it_shows() {
        let cs = controls(PAGE, "/p/x/a").unwrap();
        assert_eq!(cs[0].value, "t&1");
        assert!(
            cs.iter().all(|c| c.name != "q"),
            "the other form is not read"
        );
        let select = cs.iter().find(|c| c.name == "d").unwrap();
        assert_eq!(select.options.len(), 3);
        assert_eq!(
            cs.iter().find(|c| c.name == "e").unwrap().value,
            "old <text>"
        );
        let answers: Vec<(String, String)> = [
            ("a", "A"),
            ("b", "yes"),
            ("c", "2"),
            ("d", "y"),
            ("k.0._item", "1"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
        let posted = fill(&cs, &answers, Some(("_action", "add:k"))).unwrap();
        let pairs: Vec<(&str, &str)> = posted
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("csrf_token", "t&1"),
                ("a", "A"),
                ("b", "yes"),
                ("c", "2"),
                ("d", "y"),
                ("e", "old <text>"),
                ("k.0._item", "1"),
                ("_action", "add:k"),
            ]
        );
        let missing = [
            ("k.1.name".to_string(), "N".to_string()),
            ("d".into(), "z".into()),
        ];
        let problems = fill(&cs, &missing, None).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
