//! View models: everything a template shows, already in the reader's language.

use madoguchi_core::Lang;
use madoguchi_forms::input::item_count;
use madoguchi_forms::{Field, FieldError, FieldKind, Form, Step, wareki};

/// What the layout needs on every page.
#[derive(Clone, Debug)]
pub struct Page {
    pub lang: Lang,
    pub title: String,
    /// Where the language switch returns to.
    pub path: String,
    /// The signed-in clerk, on office pages.
    pub clerk: Option<ClerkBar>,
    /// Prefix the title with "エラー:" so screen readers hear it first.
    pub has_errors: bool,
    /// A signed-in resident on a form: warn before the sign-in ends (with JavaScript).
    pub session: Option<SessionWarning>,
    /// The reader asked for furigana over the kanji of form labels (Japanese pages only).
    pub furigana: bool,
}

/// What the timeout warning needs: when the sign-in ends, and the "keep me signed in"
/// form (which also works as a plain form).
#[derive(Clone, Debug)]
pub struct SessionWarning {
    /// RFC 3339, for the script.
    pub until: String,
    /// The same, for people.
    pub until_text: String,
    pub csrf: String,
    /// The page to come back to without JavaScript.
    pub back: String,
}

impl SessionWarning {
    pub fn new(
        signed_in: Option<&madoguchi_app::kernel::SignedIn>,
        lang: Lang,
        csrf: &str,
        back: &str,
    ) -> Option<Self> {
        signed_in.map(|s| SessionWarning {
            until: s.until.to_rfc3339(),
            until_text: madoguchi_core::jst::format_datetime(s.until, lang),
            csrf: csrf.into(),
            back: back.into(),
        })
    }
}

impl Page {
    pub fn new(lang: Lang, title: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            lang,
            title: title.into(),
            path: path.into(),
            clerk: None,
            has_errors: false,
            session: None,
            furigana: crate::furigana::wanted(),
        }
    }

    /// The page is in Japanese (for sentences built around a value).
    pub fn is_ja(&self) -> bool {
        self.lang == Lang::Ja
    }

    /// Picks the text for the reader's language.
    pub fn t<'a>(&self, ja: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(ja, en)
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn other_lang(&self) -> &'static str {
        self.lang.other().code()
    }

    /// The name of the other language, in that language.
    pub fn other_lang_name(&self) -> &'static str {
        match self.lang.other() {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }

    pub fn switch_href(&self) -> String {
        format!(
            "/lang/{}?return={}",
            self.other_lang(),
            encode_path(&self.path)
        )
    }

    /// A label as HTML for `|safe`: with furigana when the reader turned them on and the
    /// page is in Japanese, otherwise escaped exactly as `{{ label }}` would be.
    pub fn ruby(&self, label: &str) -> String {
        if self.furigana && self.lang == Lang::Ja {
            crate::furigana::to_html(label)
        } else {
            crate::furigana::escape(label)
        }
    }

    /// The furigana switch (shown on Japanese pages): turns them on or off and comes back.
    pub fn furigana_href(&self) -> String {
        format!(
            "/furigana/{}?to={}",
            if self.furigana { "off" } else { "on" },
            encode_path(&self.path)
        )
    }

    pub fn furigana_switch_text(&self) -> &'static str {
        if self.furigana {
            "ふりがなをはずす"
        } else {
            "ふりがなをつける"
        }
    }

    pub fn full_title(&self) -> String {
        let prefix = if self.has_errors {
            self.t("エラー: ", "Error: ")
        } else {
            ""
        };
        format!(
            "{prefix}{} - {}",
            self.title,
            self.t("オンライン窓口", "Online counter")
        )
    }
}

/// Percent-encodes a local path for a query parameter.
fn encode_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The clerk's name and the CSRF token of the sign-out form.
#[derive(Clone, Debug)]
pub struct ClerkBar {
    pub name: String,
    pub csrf: String,
    /// Clerks and supervisors: the queue, counter and export links.
    pub case_worker: bool,
    /// Supervisors and administrators: the daily payments report.
    pub accounts: bool,
    /// Authors: the procedures they write.
    pub author: bool,
}

/// A link in the error summary.
#[derive(Clone, Debug)]
pub struct ErrorLink {
    pub href: String,
    pub text: String,
}

impl ErrorLink {
    /// An error code's message ("title: what to do") pointing at the input to fix.
    pub fn for_code(code: madoguchi_core::ErrorCode, lang: Lang, href: impl Into<String>) -> Self {
        ErrorLink {
            href: href.into(),
            text: Self::text_of(code, lang),
        }
    }

    /// The same message, for the error shown at the input itself.
    pub fn text_of(code: madoguchi_core::ErrorCode, lang: Lang) -> String {
        let (title, todo) = code.message(lang);
        format!("{title}: {todo}")
    }
}

#[derive(Clone, Debug)]
pub struct OptionView {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// One field as the template draws it.
#[derive(Clone, Debug)]
pub struct FieldView {
    pub kind: &'static str,
    /// Id of the first input (error links point here).
    pub id: String,
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    pub condition: Option<String>,
    pub error: Option<String>,
    pub value: String,
    pub options: Vec<OptionView>,
    pub children: Vec<FieldView>,
    pub autocomplete: Option<String>,
    pub input_type: &'static str,
    pub inputmode: Option<&'static str>,
    pub width_class: &'static str,
    pub maxlength: Option<u64>,
    pub year: String,
    pub month: String,
    pub day: String,
    pub checked: bool,
    pub suffix: Option<String>,
    /// Repeatable groups: the items, and the buttons that add or remove one.
    pub items: Vec<FieldView>,
    pub add_action: Option<String>,
    pub add_label: String,
    pub remove_action: Option<String>,
    /// Postal codes: the "look up address" button and the address group it fills.
    pub lookup_action: Option<String>,
    pub address_target: Option<String>,
    /// File questions on a step: the files attached so far (id, name, size), and where the
    /// "attach" and "remove" buttons post (none where files cannot be changed).
    pub files: Vec<(String, String, String)>,
    pub upload_action: Option<String>,
    pub remove_file_action: Option<String>,
}

impl FieldView {
    /// The field itself as a one-item list (templates loop over leaves).
    pub fn as_leaf(&self) -> &[FieldView] {
        std::slice::from_ref(self)
    }

    pub fn is_group(&self) -> bool {
        self.kind == "group"
    }

    pub fn is_repeat(&self) -> bool {
        self.kind == "repeat"
    }

    /// `aria-describedby` of the input: hint and error, when present.
    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() || self.condition.is_some() {
            ids.push(format!("{}-hint", self.base_id()));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.base_id()));
        }
        ids.join(" ")
    }

    /// `autocomplete` of a date part: a birthday's year is `bday-year`, and so on.
    pub fn part_autocomplete(&self, part: &str) -> Option<String> {
        (self.autocomplete.as_deref() == Some("bday")).then(|| format!("bday-{part}"))
    }

    /// Id stem shared by the field's hint and error.
    pub fn base_id(&self) -> String {
        format!("f-{}", self.name.replace('.', "-"))
    }
}

/// Values as posted (or as saved): name → values.
pub struct Values<'a>(pub &'a [(String, String)]);

impl Values<'_> {
    fn first(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Builds the fields of a step with their values and errors, and the error summary.
pub fn step_fields(
    form: &Form,
    step: &Step,
    values: &Values<'_>,
    errors: &[FieldError],
    lang: Lang,
) -> (Vec<FieldView>, Vec<ErrorLink>) {
    let mut summary = Vec::new();
    let fields = step
        .fields
        .iter()
        .map(|f| field_view(form, f, values, errors, lang, &mut summary))
        .collect();
    (fields, summary)
}

/// The field an error belongs to: the one at its pointer, or the nearest enclosing one.
fn owner<'f>(field: &'f Field, pointer: &str) -> Option<&'f Field> {
    if pointer == field.pointer {
        return Some(field);
    }
    if !pointer.starts_with(&format!("{}/", field.pointer)) {
        return None;
    }
    field
        .children
        .iter()
        .find_map(|c| owner(c, pointer))
        .or(Some(field))
}

fn field_view(
    form: &Form,
    field: &Field,
    values: &Values<'_>,
    errors: &[FieldError],
    lang: Lang,
    summary: &mut Vec<ErrorLink>,
) -> FieldView {
    let base = format!("f-{}", field.name.replace('.', "-"));
    // A repeatable group shows one fieldset per item, each built from the item's own fields.
    let (children, items) = if field.kind == FieldKind::Repeat {
        let posted = values.0;
        let shown = item_count(field, posted).max(field.min_items.unwrap_or(1).max(1) as usize);
        let items: Vec<FieldView> = (0..shown)
            .map(|i| {
                let item = field.item(i);
                let mut view = field_view(form, &item, values, errors, lang, summary);
                let removable = shown > field.min_items.unwrap_or(0) as usize;
                view.remove_action = removable.then(|| format!("remove:{}:{i}", field.name));
                view
            })
            .collect();
        (Vec::new(), items)
    } else {
        let children = field
            .children
            .iter()
            .map(|c| field_view(form, c, values, errors, lang, summary))
            .collect();
        (children, Vec::new())
    };
    let own_error = errors.iter().find(|e| {
        if field.kind == FieldKind::Repeat {
            return e.pointer == field.pointer;
        }
        let mine = owner(field, &e.pointer).is_some_and(|o| o.pointer == field.pointer);
        mine && !field
            .children
            .iter()
            .any(|c| owner(c, &e.pointer).is_some())
    });
    let id = match &field.kind {
        FieldKind::Date => format!("{base}-year"),
        FieldKind::WarekiDate => format!("{base}-era"),
        FieldKind::Choice { select: false } | FieldKind::MultiChoice | FieldKind::YesNo => {
            format!("{base}-0")
        }
        FieldKind::Group => children
            .first()
            .map(|c: &FieldView| c.id.clone())
            .unwrap_or_else(|| base.clone()),
        FieldKind::Repeat => items
            .first()
            .map(|c| c.id.clone())
            .unwrap_or_else(|| base.clone()),
        _ => base.clone(),
    };
    let error = own_error.map(|e| {
        let text = form.message(e).get(lang).to_string();
        summary.push(ErrorLink {
            href: format!("#{id}"),
            text: text.clone(),
        });
        text
    });
    let chosen = values.all(&field.name);
    let option = |i: usize, value: &str, label: &str, checked: bool| OptionView {
        id: format!("{base}-{i}"),
        value: value.into(),
        label: label.into(),
        checked,
    };
    let options: Vec<OptionView> = match &field.kind {
        FieldKind::YesNo => [("true", "はい", "Yes"), ("false", "いいえ", "No")]
            .iter()
            .enumerate()
            .map(|(i, (v, ja, en))| option(i, v, lang.pick(ja, en), chosen.contains(v)))
            .collect(),
        FieldKind::WarekiDate => {
            let era = values.first(&format!("{}.era", field.name));
            wareki::ERAS
                .iter()
                .enumerate()
                .map(|(i, e)| option(i, e.code, e.label().get(lang), era == e.code))
                .collect()
        }
        _ => field
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                option(
                    i,
                    &o.value,
                    o.label.get(lang),
                    chosen.contains(&o.value.as_str()),
                )
            })
            .collect(),
    };
    let (input_type, inputmode, width_class) = match &field.kind {
        FieldKind::Email => ("email", Some("email"), "w-30"),
        FieldKind::Phone => ("tel", Some("tel"), "w-15"),
        FieldKind::PostalCode => ("text", Some("numeric"), "w-8"),
        FieldKind::Integer => ("text", Some("numeric"), "w-5"),
        FieldKind::Money => ("text", Some("numeric"), "w-10"),
        FieldKind::MyNumber | FieldKind::CorporateNumber => ("text", Some("numeric"), "w-15"),
        FieldKind::Katakana | FieldKind::BankKana => ("text", None, "w-20"),
        _ => ("text", None, "w-full"),
    };
    let value = values.first(&field.name);
    let shown_items = items.len() as u64;
    FieldView {
        kind: field.kind.name(),
        id,
        name: field.name.clone(),
        label: field.label.get(lang).into(),
        hint: field.hint.as_ref().map(|h| h.get(lang).to_string()),
        required: field.required,
        condition: field
            .required_when
            .as_ref()
            .map(|c| c.get(lang).to_string()),
        error,
        checked: matches!(value.as_str(), "true" | "on"),
        value,
        options,
        children,
        // A My Number is never given to the browser to remember.
        autocomplete: if field.kind == FieldKind::MyNumber {
            Some("off".into())
        } else {
            field.autocomplete.clone()
        },
        input_type,
        inputmode,
        width_class,
        maxlength: field.max_length,
        year: values.first(&format!("{}.year", field.name)),
        month: values.first(&format!("{}.month", field.name)),
        day: values.first(&format!("{}.day", field.name)),
        suffix: (field.kind == FieldKind::Money).then(|| lang.pick("円", "yen").to_string()),
        add_action: (field.kind == FieldKind::Repeat
            && field.max_items.is_none_or(|m| shown_items < m))
        .then(|| format!("add:{}", field.name)),
        add_label: field
            .item_label
            .as_ref()
            .map(|l| match lang {
                Lang::Ja => format!("{}を追加する", l.ja),
                Lang::En => format!("Add another {}", l.en.to_lowercase()),
            })
            .unwrap_or_else(|| lang.pick("追加する", "Add another").into()),
        remove_action: None,
        items,
        lookup_action: field
            .address_field
            .as_ref()
            .map(|_| format!("lookup:{}", field.name)),
        address_target: field.address_field.clone(),
        files: Vec::new(),
        upload_action: None,
        remove_file_action: None,
    }
}

/// Fills the file questions of a step with their files and the buttons' addresses.
pub fn attach_files(
    fields: &mut [FieldView],
    files: &[madoguchi_app::kernel::AttachmentView],
    procedure_id: &str,
    step_id: &str,
) {
    for f in fields.iter_mut() {
        if f.kind == "file" {
            let pointer = format!("/{}", f.name.replace('.', "/"));
            f.files = files
                .iter()
                .filter(|a| a.field == pointer)
                .map(|a| {
                    (
                        a.id.clone(),
                        a.file_name.clone(),
                        madoguchi_app::kernel::human_size(a.size_bytes),
                    )
                })
                .collect();
            f.upload_action = Some(format!("/p/{procedure_id}/{step_id}/files"));
            f.remove_file_action = Some(format!("/p/{procedure_id}/{step_id}/files/remove"));
        }
        attach_files(&mut f.children, files, procedure_id, step_id);
    }
}

/// A question and its answer on a check or detail page.
#[derive(Clone, Debug)]
pub struct AnswerRow {
    pub label: String,
    pub value: String,
    pub answered: bool,
}

/// The answers of a step, with the link to change them.
#[derive(Clone, Debug)]
pub struct AnswerSection {
    pub title: String,
    pub change_href: Option<String>,
    pub rows: Vec<AnswerRow>,
}

pub fn answer_sections(
    form: &Form,
    data: &serde_json::Value,
    lang: Lang,
    change_base: Option<&str>,
) -> Vec<AnswerSection> {
    form.answers(data, lang)
        .into_iter()
        .map(|(step, answers)| AnswerSection {
            title: step.title.get(lang).to_string(),
            change_href: change_base.map(|b| format!("{b}/{}", step.id)),
            rows: answers
                .into_iter()
                .map(|a| AnswerRow {
                    label: a.label,
                    value: a.value,
                    answered: a.answered,
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_keeps_the_page() {
        let page = Page::new(Lang::Ja, "t", "/p/juminhyo-copy/applicant?x=1&y=2");
        assert_eq!(
            page.switch_href(),
            "/lang/en?return=/p/juminhyo-copy/applicant%3Fx%3D1%26y%3D2"
        );
        assert_eq!(page.other_lang_name(), "English");
    }

    #[test]
    fn labels_are_unchanged_without_furigana() {
        let label = "氏名<b>&\"'";
        let mut page = Page::new(Lang::Ja, "t", "/p/tennyu-yoyaku/notifier");
        assert!(!page.furigana, "off unless the reader turns it on");
        assert_eq!(page.ruby(label), "氏名&#60;b&#62;&#38;&#34;&#39;");
        assert_eq!(page.furigana_switch_text(), "ふりがなをつける");
        assert_eq!(
            page.furigana_href(),
            "/furigana/on?to=/p/tennyu-yoyaku/notifier"
        );

        page.furigana = true;
        assert_eq!(
            page.ruby(label),
            "<ruby>氏名<rp>(</rp><rt>しめい</rt><rp>)</rp></ruby>&#60;b&#62;&#38;&#34;&#39;"
        );
        assert_eq!(
            page.furigana_href(),
            "/furigana/off?to=/p/tennyu-yoyaku/notifier"
        );
        // Never on an English page.
        page.lang = Lang::En;
        assert_eq!(page.ruby("氏名"), "氏名");
    }
}
