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
    /// An input as typed, with its message when the form was refused; the message is also
    /// linked from the page's summary (`errors`), pointing at the input.
    pub fn typed(
        id: &str,
        label: &str,
        hint: Option<&str>,
        value: &str,
        width: &'static str,
        error: Option<String>,
        errors: &mut Vec<super::ErrorLink>,
    ) -> Self {
        if let Some(text) = &error {
            errors.push(super::ErrorLink {
                href: format!("#{id}"),
                text: text.clone(),
            });
        }
        TextInput {
            id: id.to_string(),
            label: label.to_string(),
            hint: hint.map(str::to_string),
            value: value.to_string(),
            error,
            width,
            numeric: false,
        }
    }

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
