//! Answers filled in for a signed-in resident: the sentence above the question on a step,
//! and the mark on the check page's row (words, not colour alone).

use madoguchi_app::submission::{PrefillMarks, PrefillSource};
use madoguchi_core::Lang;

use crate::msg;

use super::{AnswerSection, FieldView};

/// The sentence above a filled question: that it was filled in, from where, and that it
/// can be changed.
pub fn filled_note(source: PrefillSource, lang: Lang) -> &'static str {
    match source {
        PrefillSource::Identity => msg::web_resident_filled_from_identity::text(lang),
        PrefillSource::Profile => msg::web_resident_filled_from_profile::text(lang),
        PrefillSource::LastFiling => msg::web_resident_filled_from_last_filing::text(lang),
    }
}

/// The check page's mark on a filled row.
pub fn filled_mark(source: PrefillSource, lang: Lang) -> &'static str {
    match source {
        PrefillSource::Identity => msg::web_resident_filled_mark_identity::text(lang),
        PrefillSource::Profile => msg::web_resident_filled_mark_profile::text(lang),
        PrefillSource::LastFiling => msg::web_resident_filled_mark_last_filing::text(lang),
    }
}

/// Marks the step's questions (and the questions drawn under them) that were filled in and
/// not changed since, each with the short mark of where from; returns the sentence for each
/// source used, said once at the top of the step (not under every question).
pub fn note_filled(fields: &mut [FieldView], marks: &PrefillMarks, lang: Lang) -> Vec<String> {
    let mut sources: Vec<PrefillSource> = Vec::new();
    mark_fields(fields, marks, lang, &mut sources);
    sources
        .into_iter()
        .map(|s| filled_note(s, lang).to_string())
        .collect()
}

fn mark_fields(
    fields: &mut [FieldView],
    marks: &PrefillMarks,
    lang: Lang,
    sources: &mut Vec<PrefillSource>,
) {
    for f in fields {
        if let Some(source) = marks.get(&f.name) {
            f.filled = Some(filled_mark(*source, lang).to_string());
            if !sources.contains(source) {
                sources.push(*source);
            }
        }
        mark_fields(&mut f.dependents, marks, lang, sources);
    }
}

/// Marks the check page's rows that were filled in and kept.
pub fn mark_filled(sections: &mut [AnswerSection], marks: &PrefillMarks, lang: Lang) {
    for row in sections.iter_mut().flat_map(|s| s.rows.iter_mut()) {
        if let Some(source) = marks.get(&row.name) {
            row.filled = Some(filled_mark(*source, lang).to_string());
        }
    }
}
