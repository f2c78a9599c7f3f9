//! A text input of an office form (`office/resource_input.html`): its label, hint, value
//! as typed, and its message when the form was refused, tied to it for screen readers.

pub struct TextInput {
    /// The input's id and name.
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
    /// A width class (`w-20`).
    pub width: &'static str,
    pub numeric: bool,
}

impl TextInput {
    /// The ids of its hint and message, for `aria-describedby`.
    pub fn describedby(&self) -> String {
        described_by(&self.id, self.hint.is_some(), self.error.is_some())
    }
}

/// The `aria-describedby` of the input `id`: its hint's and its message's ids, where shown.
pub fn described_by(id: &str, hint: bool, error: bool) -> String {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    ids.join(" ")
}
