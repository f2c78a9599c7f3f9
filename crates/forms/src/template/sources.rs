//! Whose page a city's value is sourced from: a city's fee, office or period is read in its
//! own publications, never only in another town's.

use serde_json::Value;

use super::CityParameters;

/// The other municipality a city's value is sourced from, when every source of it is
/// another municipality's page: a city's fee, office or period is read in its own
/// publications, never another town's (which may support a national rule, in the
/// catalogue, never a city's value). A source from no municipality (a ministry, e-Gov, the
/// prefecture) is not another town's.
pub(super) fn only_elsewhere(sources: &[Value], city: &CityParameters) -> Option<String> {
    let own = city
        .builtins
        .get("city")
        .and_then(|n| n.get("ja"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut other = None;
    for source in sources {
        let issuer = source
            .get("issuer")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !own.is_empty() && issuer.contains(own) {
            return None;
        }
        match municipality_in(issuer) {
            Some(m) if m != own => other = Some(m),
            // The city's own page, or no municipality's.
            _ => return None,
        }
    }
    other
}

/// The municipality an issuer names (「行方市」 in 「行方市 市民課」), if any: the first run of
/// kanji or kana ending in 市, 町 or 村 (a prefecture, 県 or 都, is none).
pub(super) fn municipality_in(issuer: &str) -> Option<String> {
    let mut run = String::new();
    for c in issuer.chars() {
        let letter = matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '々');
        if !letter {
            run.clear();
            continue;
        }
        run.push(c);
        if matches!(c, '市' | '町' | '村') && run.chars().count() >= 2 {
            return Some(run);
        }
    }
    None
}
