//! Every form a browser posts is checked against its CSRF token: the handler of each
//! `POST` route outside the JSON API takes [`FormBody`](crate::extract::FormBody) or
//! [`Upload`](crate::extract::Upload), the extractors that check it. A handler that takes
//! neither would accept a forged form (it happened: four staff buttons did). Read from the
//! route tables' source, so a new route is covered without being listed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Routes that are not browser forms: the JSON API (bearer tokens, no cookies) and the
/// payment provider's signed webhook.
const NOT_FORMS: &[&str] = &["routes/api:", "routes/api/", "webhook::webhook"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// (area folder, handler path) of every `web::post().to(handler)`.
fn post_handlers(files: &[(PathBuf, String)]) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for (path, text) in files {
        let mut rest = text.as_str();
        while let Some(i) = rest.find("web::post()") {
            rest = &rest[i + "web::post()".len()..];
            let Some(to) = rest.find(".to(") else { break };
            let name: String = rest[to + 4..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let area = path.parent().map(Path::to_path_buf).unwrap_or_default();
            found.push((area, name));
        }
    }
    found
}

/// The parameter lists of every `async fn name(…)` under `area`.
fn signatures<'a>(files: &'a [(PathBuf, String)], area: &Path, name: &str) -> Vec<&'a str> {
    let needle = format!("async fn {name}(");
    let mut found = Vec::new();
    for (_, text) in files.iter().filter(|(p, _)| p.starts_with(area)) {
        for (i, _) in text.match_indices(&needle) {
            let params = &text[i + needle.len()..];
            found.push(&params[..params.find(") ->").unwrap_or(params.len())]);
        }
    }
    found
}

#[test]
fn every_posted_form_checks_its_csrf_token() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&root.join("routes"), &mut paths);
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter(|p| !p.ends_with("csrf_guard.rs"))
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect();
    let handlers = post_handlers(&files);
    assert!(
        handlers.len() > 40,
        "the route tables were read: {}",
        handlers.len()
    );
    let mut unchecked = BTreeMap::new();
    for (area, handler) in &handlers {
        let shown = format!(
            "{}: {handler}",
            area.strip_prefix(&root).unwrap_or(area).display()
        );
        if NOT_FORMS.iter().any(|n| shown.contains(n)) {
            continue;
        }
        let name = handler.rsplit("::").next().unwrap_or(handler);
        let sigs = signatures(&files, area, name);
        assert!(!sigs.is_empty(), "no handler found for {shown}");
        if !sigs
            .iter()
            .all(|s| s.contains("FormBody") || s.contains("Upload"))
        {
            unchecked.insert(shown, sigs.concat());
        }
    }
    assert!(
        unchecked.is_empty(),
        "POST handlers that never check the CSRF token: {unchecked:#?}"
    );
}
