//! What a catalogue says, read from the Fluent files: the messages of each language, the
//! arguments each one uses and how (as text or as a number), and every mistake that would
//! make a lookup fail at run time. Shared by the build script (which generates the typed
//! accessors from it) and by the catalogue tests (which compare the languages).

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

/// How an argument is passed from Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ArgKind {
    /// Any text (`Cow<str>`).
    Text,
    /// A number: selects plural forms and is formatted with the language's digit grouping.
    Number,
}

/// An argument declared in a message's comment: `# $count (Number)`, `# $date (Text, optional)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Declared {
    pub kind: Option<ArgKind>,
    /// Some languages may leave it out (the others must still use it or declare it).
    pub optional: bool,
}

/// One message of one language.
#[derive(Clone, Debug, Default)]
pub struct MessageInfo {
    pub id: String,
    pub file: String,
    pub line: usize,
    /// Arguments used by this language's text, directly or through referenced messages.
    pub uses: BTreeMap<String, ArgKind>,
    /// Arguments declared in the message's comment.
    pub declared: BTreeMap<String, Declared>,
    /// The source lines of the message, for documentation.
    pub source: String,
    refs: BTreeSet<String>,
}

/// Every message of one language, by id.
#[derive(Clone, Debug, Default)]
pub struct Language {
    pub messages: BTreeMap<String, MessageInfo>,
}

/// The catalogue files of one language: (file name, text), sorted by name.
pub type Files = Vec<(String, String)>;

/// Reads the files of one language. Errors name the file and line.
pub fn analyse(files: &[(String, String)]) -> Result<Language, Vec<String>> {
    let mut errors = Vec::new();
    let mut messages: BTreeMap<String, MessageInfo> = BTreeMap::new();
    let mut terms = BTreeSet::new();
    let mut term_refs = Vec::new();
    for (file, text) in files {
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, parse_errors)) => {
                for e in parse_errors {
                    errors.push(format!(
                        "{file}:{}: {:?}",
                        line_at(text, e.pos.start),
                        e.kind
                    ));
                }
                r
            }
        };
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let id = m.id.name.to_string();
                    let line = line_of(text, &id);
                    let at = format!("{file}:{line}: `{id}`");
                    if !is_id(&id) {
                        errors.push(format!(
                            "{at}: ids are lower-case words joined by hyphens (forms-too-long)"
                        ));
                    }
                    if !m.attributes.is_empty() {
                        errors.push(format!(
                            "{at}: attributes are not used here; write a message of its own"
                        ));
                    }
                    let mut info = MessageInfo {
                        id: id.clone(),
                        file: file.clone(),
                        line,
                        source: source_of(text, line),
                        ..MessageInfo::default()
                    };
                    if let Some(comment) = &m.comment {
                        declarations(&comment.content, &mut info.declared, &at, &mut errors);
                    }
                    match &m.value {
                        Some(value) => {
                            let mut walk = Walk {
                                info: &mut info,
                                terms: &mut term_refs,
                                errors: &mut errors,
                                at: &at,
                            };
                            walk.pattern(value);
                        }
                        None => errors.push(format!("{at}: has no text")),
                    }
                    if messages.insert(id.clone(), info).is_some() {
                        errors.push(format!("{at}: defined twice in this language"));
                    }
                }
                ast::Entry::Term(t) => {
                    terms.insert(t.id.name.to_string());
                }
                ast::Entry::Junk { content } => {
                    errors.push(format!(
                        "{file}: cannot read `{}`",
                        content.lines().next().unwrap_or_default()
                    ));
                }
                _ => {}
            }
        }
    }
    for (at, term) in term_refs {
        if !terms.contains(&term) {
            errors.push(format!("{at}: no term `-{term}` in this language"));
        }
    }
    resolve_references(&mut messages, &mut errors);
    if errors.is_empty() {
        Ok(Language { messages })
    } else {
        Err(errors)
    }
}

/// Arguments of messages reached through `{ other-message }` count as used: Fluent passes
/// the same arguments on.
fn resolve_references(messages: &mut BTreeMap<String, MessageInfo>, errors: &mut Vec<String>) {
    let ids: Vec<String> = messages.keys().cloned().collect();
    for id in ids {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<String> = messages[&id].refs.iter().cloned().collect();
        let mut found = BTreeMap::new();
        while let Some(r) = todo.pop() {
            if !seen.insert(r.clone()) {
                continue;
            }
            match messages.get(&r) {
                Some(other) => {
                    found.extend(other.uses.clone());
                    todo.extend(other.refs.iter().cloned());
                }
                None => {
                    let m = &messages[&id];
                    errors.push(format!(
                        "{}:{}: `{id}` refers to `{r}`, which this language does not have",
                        m.file, m.line
                    ));
                }
            }
        }
        if seen.contains(&id) {
            let m = &messages[&id];
            errors.push(format!("{}:{}: `{id}` refers to itself", m.file, m.line));
        }
        if let Some(m) = messages.get_mut(&id) {
            for (name, kind) in found {
                merge(&mut m.uses, name, kind);
            }
        }
    }
}

struct Walk<'a> {
    info: &'a mut MessageInfo,
    terms: &'a mut Vec<(String, String)>,
    errors: &'a mut Vec<String>,
    at: &'a str,
}

impl Walk<'_> {
    fn pattern(&mut self, p: &ast::Pattern<&str>) {
        for element in &p.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, e: &ast::Expression<&str>) {
        match e {
            ast::Expression::Inline(inline) => self.inline(inline, ArgKind::Text),
            ast::Expression::Select { selector, variants } => {
                let plural = variants.iter().any(|v| match &v.key {
                    ast::VariantKey::NumberLiteral { .. } => true,
                    ast::VariantKey::Identifier { name } => {
                        matches!(*name, "zero" | "one" | "two" | "few" | "many")
                    }
                });
                let kind = if plural {
                    ArgKind::Number
                } else {
                    ArgKind::Text
                };
                self.inline(selector, kind);
                for v in variants {
                    self.pattern(&v.value);
                }
            }
        }
    }

    fn inline(&mut self, e: &ast::InlineExpression<&str>, kind: ArgKind) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                let name = id.name.to_string();
                if !is_argument(&name) {
                    self.errors.push(format!(
                        "{}: argument `${name}` must be a lower-case Rust name (snake_case, not a keyword)",
                        self.at
                    ));
                }
                merge(&mut self.info.uses, name, kind);
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                if id.name != "NUMBER" {
                    self.errors.push(format!(
                        "{}: unknown function `{}` (only NUMBER is available)",
                        self.at, id.name
                    ));
                }
                for a in &arguments.positional {
                    self.inline(a, ArgKind::Number);
                }
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                if attribute.is_some() {
                    self.errors
                        .push(format!("{}: message attributes are not used here", self.at));
                }
                self.info.refs.insert(id.name.to_string());
            }
            ast::InlineExpression::TermReference { id, .. } => {
                self.terms.push((self.at.to_string(), id.name.to_string()));
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. } => {}
        }
    }
}

/// A number use wins: `{ $n }` in one place and `{ $n -> [one] … }` in another is a number.
fn merge(uses: &mut BTreeMap<String, ArgKind>, name: String, kind: ArgKind) {
    let entry = uses.entry(name).or_insert(kind);
    *entry = (*entry).max(kind);
}

/// `# $count (Number)`, `# $date (Text, optional) — …`: a comment line may declare
/// arguments, for translators and for the generated accessors.
fn declarations(
    lines: &[&str],
    out: &mut BTreeMap<String, Declared>,
    at: &str,
    errors: &mut Vec<String>,
) {
    for line in lines {
        let mut rest = *line;
        while let Some(start) = rest.find('$') {
            rest = &rest[start + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let after = rest[name.len()..].trim_start();
            let Some(inner) = after
                .strip_prefix('(')
                .and_then(|s| s.split_once(')'))
                .map(|(inner, _)| inner)
            else {
                continue;
            };
            let mut declared = Declared {
                kind: None,
                optional: false,
            };
            for word in inner.split(',').map(str::trim) {
                match word {
                    "Number" => declared.kind = Some(ArgKind::Number),
                    "Text" => declared.kind = Some(ArgKind::Text),
                    "optional" => declared.optional = true,
                    other => errors.push(format!(
                        "{at}: `${name} ({inner})`: `{other}` is not Number, Text or optional"
                    )),
                }
            }
            out.insert(name, declared);
        }
    }
}

fn is_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

const KEYWORDS: [&str; 38] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while",
];

fn is_argument(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&name)
}

/// A language folder's name: `ja`, `en`, `zh-Hant`, `pt-BR`.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn line_at(text: &str, byte: usize) -> usize {
    text.get(..byte).unwrap_or(text).lines().count().max(1)
}

fn line_of(text: &str, id: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

/// The message's lines as written (its first line and the indented lines after it).
fn source_of(text: &str, line: usize) -> String {
    let mut lines = text.lines().skip(line.saturating_sub(1));
    let mut out: Vec<&str> = lines.next().into_iter().collect();
    out.extend(lines.take_while(|l| l.starts_with(' ') || l.trim().is_empty()));
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// The arguments of one message as the Rust side passes them: every argument any language
/// uses or the reference language declares, with its kind and whether it may be left out.
pub fn signature(
    reference: &MessageInfo,
    others: &[&MessageInfo],
) -> BTreeMap<String, (ArgKind, bool)> {
    let mut kinds: BTreeMap<String, ArgKind> = BTreeMap::new();
    for m in std::iter::once(reference).chain(others.iter().copied()) {
        for (name, kind) in &m.uses {
            merge(&mut kinds, name.clone(), *kind);
        }
    }
    for name in reference.declared.keys() {
        kinds.entry(name.clone()).or_insert(ArgKind::Text);
    }
    kinds
        .into_iter()
        .map(|(name, used)| {
            let declared = reference.declared.get(&name);
            let kind = declared.and_then(|d| d.kind).unwrap_or(used);
            let optional = declared.is_some_and(|d| d.optional);
            (name, (kind, optional))
        })
        .collect()
}

/// Reads every language folder under `dir`: `(code, files)` with the files sorted by name.
pub fn read_locales(dir: &std::path::Path) -> std::io::Result<Vec<(String, Files)>> {
    let mut langs = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let code = entry.file_name().to_string_lossy().into_owned();
        let mut files = Vec::new();
        for file in std::fs::read_dir(entry.path())? {
            let path = file?.path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                files.push((name, std::fs::read_to_string(&path)?));
            }
        }
        files.sort();
        langs.push((code, files));
    }
    // Japanese first: it is the reference every other language is compared with and the
    // fallback; the others in the order of their codes.
    langs.sort_by(|a, b| (a.0 != "ja", &a.0).cmp(&(b.0 != "ja", &b.0)));
    Ok(langs)
}
