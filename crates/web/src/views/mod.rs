//! View models: everything a template shows, already in the reader's language.

use crate::msg;

use madoguchi_core::Lang;

/// What the layout needs on every page.
#[derive(Clone, Debug)]
pub struct Page {
    pub lang: Lang,
    pub title: String,
    /// Where the language switch returns to.
    pub path: String,
    /// The signed-in clerk, on office pages.
    pub clerk: Option<ClerkBar>,
    /// A staff page (signed in or the staff sign-in): staff chrome, never the resident's
    /// sign-in link, furigana switch or "this browser" footer.
    pub staff: bool,
    /// Prefix the title with "エラー:" so screen readers hear it first.
    pub has_errors: bool,
    /// A signed-in resident on a form: warn before the sign-in ends (with JavaScript).
    pub session: Option<SessionWarning>,
    /// The reader asked for furigana over the kanji of form labels (Japanese pages only).
    pub furigana: bool,
    /// The resident reading the page is signed in (for the header).
    pub signed_in: Option<crate::resident_bar::SignedInAs>,
    /// The header's sign-out form's CSRF token (a signed-in reader whose browser holds
    /// the CSRF cookie).
    pub sign_out_csrf: Option<String>,
    /// The city whose pages these are (its name, logo and colour in the header).
    pub city: Option<crate::tenancy::CityLook>,
    /// A staff workspace that uses a wide screen (the filing page's two columns).
    pub wide: bool,
}

/// What the timeout warning needs: when the sign-in ends, and the "keep me signed in"
/// form (which also works as a plain form).
#[derive(Clone, Debug)]
pub struct SessionWarning {
    /// RFC 3339, for the script.
    pub until: String,
    /// The warning, with the time for people.
    pub notice: String,
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
            notice: madoguchi_i18n::t!(
                lang,
                web_common_signed_out_soon,
                until = madoguchi_core::jst::format_datetime(s.until, lang)
            ),
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
            staff: false,
            has_errors: false,
            session: None,
            furigana: crate::furigana::wanted(),
            signed_in: crate::resident_bar::current(),
            sign_out_csrf: crate::resident_bar::sign_out_token(),
            city: crate::tenancy::current_city(),
            wide: false,
        }
    }

    /// Furigana go over Japanese labels: the switch and the readings show on Japanese
    /// pages only.
    pub fn furigana_applies(&self) -> bool {
        self.lang == Lang::Ja
    }

    /// The staff sign-in pages: staff chrome before anyone is signed in.
    pub fn staff_sign_in(lang: Lang, title: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            staff: true,
            ..Self::new(lang, title, path)
        }
    }

    /// The page's language, for the catalogues' accessors in templates
    /// (`crate::msg::web_…::text(page.lang())`: askama passes a call's result by value).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message with arguments, in templates:
    /// `page.fmt(crate::msg::web_x::text, crate::msg::web_x::Args { n: m.into() })`
    /// (askama lends the arguments it passes, so the `Args` are cloned here).
    pub fn fmt<A: Clone>(&self, text: fn(Lang, A) -> String, args: &A) -> String {
        text(self.lang, args.clone())
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The language switch: every other language, named in itself, returning to this page.
    pub fn switches(&self) -> Vec<LangSwitch> {
        Lang::ALL
            .iter()
            .filter(|&&lang| lang != self.lang)
            .map(|&lang| LangSwitch {
                code: lang.code(),
                name: msg::lang_name::text(lang),
                href: format!("/lang/{}?return={}", lang.code(), encode_path(&self.path)),
            })
            .collect()
    }

    /// A label as HTML for `|safe`: with furigana when the reader turned them on and the
    /// page is in Japanese, otherwise escaped exactly as `{{ label }}` would be.
    pub fn ruby(&self, label: &str) -> String {
        if self.furigana && self.furigana_applies() {
            crate::furigana::to_html(label)
        } else {
            crate::furigana::escape(label)
        }
    }

    /// A group or a repeatable group nested in another question, as HTML for `|safe`
    /// (`field_body.html` draws the questions of a group or an item, and calls this for
    /// those that hold questions of their own).
    pub fn nested(&self, field: &FieldView) -> String {
        use askama::Template as _;
        fields::NestedField { f: field, page: self }
            .render()
            .unwrap_or_else(|e| {
                tracing::error!(field = %field.name, error = %e, "a nested question could not be drawn");
                String::new()
            })
    }

    /// The city whose pages these are, by name (仙台市), for sentences that send the reader
    /// to its counters; on a page of no city, words for the reader's own.
    pub fn city_name(&self) -> String {
        match &self.city {
            Some(city) => city.name.get(self.lang).to_string(),
            None => msg::web_common_your_city::text(self.lang).to_string(),
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
            msg::web_common_furigana_off::text(self.lang)
        } else {
            msg::web_common_furigana_on::text(self.lang)
        }
    }

    pub fn full_title(&self) -> String {
        let prefix = if self.has_errors {
            msg::web_common_error_prefix::text(self.lang)
        } else {
            ""
        };
        format!(
            "{prefix}{} - {}",
            self.title,
            msg::web_common_online_counter::text(self.lang)
        )
    }
}

/// A link of the language switch.
#[derive(Clone, Debug)]
pub struct LangSwitch {
    /// The language's code (`lang` and `hreflang`).
    pub code: &'static str,
    /// Its name, in itself.
    pub name: &'static str,
    pub href: String,
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
    /// A whole section's supervisors and administrators: the paper and counter counts.
    pub figures: bool,
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

/// A staff page: the signed-in person's bar (name, section, menu, sign-out).
pub fn office_page(
    lang: Lang,
    title: &str,
    path: &str,
    clerk: &crate::extract::CurrentClerk,
    csrf: &str,
) -> Page {
    let mut page = Page::new(lang, title, path);
    page.staff = true;
    page.clerk = Some(ClerkBar {
        name: format!(
            "{}({})",
            clerk.clerk.display_name,
            clerk.clerk.department_name.get(lang)
        ),
        csrf: csrf.to_string(),
        case_worker: clerk.clerk.is_case_worker(),
        accounts: matches!(
            clerk.clerk.role,
            madoguchi_workflow::Role::Supervisor | madoguchi_workflow::Role::Administrator
        ),
        author: clerk.clerk.role == madoguchi_workflow::Role::Author,
        figures: clerk.clerk.enters_figures(),
    });
    page
}

mod answers;
pub mod booked;
pub mod booking;
mod error_page;
mod field_notes;
mod fields;
pub mod history;
pub mod prefill;
pub mod procedure_facts;
mod reveal;
mod text_input;

pub use answers::{AnswerSection, answer_sections, answered_sections, mark_warnings};
pub use field_notes::{anchor_actions, attach_files, note_warnings};
pub use fields::{FieldView, Values, step_fields};
pub use text_input::{TextInput, described_by};

/// An expected decision date, said as an estimate when it rests on a processing period the
/// city has not confirmed (`madoguchi_app::kernel::confirmed_facts`).
pub fn due_text(date: chrono::NaiveDate, to_confirm: bool, lang: Lang) -> String {
    let date = madoguchi_core::jst::format_date(date, lang);
    if to_confirm {
        madoguchi_i18n::t!(lang, web_resident_due_to_confirm, date = date)
    } else {
        date
    }
}

/// The purpose of use of the personal data (利用目的) a procedure states before its first
/// step: the definition's `purpose_of_use`, or what the department does with the answers.
pub fn purpose_of_use(
    form: &madoguchi_forms::Form,
    department: &madoguchi_core::Localized,
    lang: Lang,
) -> String {
    match &form.settings().purpose_of_use {
        Some(text) => text.get(lang).to_string(),
        None => madoguchi_i18n::t!(
            lang,
            web_resident_purpose_of_use_default,
            department = department.get(lang),
            title = form.title().get(lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_keeps_the_page() {
        let page = Page::new(Lang::Ja, "t", "/p/juminhyo-copy/applicant?x=1&y=2");
        let switches = page.switches();
        assert_eq!(switches.len(), Lang::ALL.len() - 1);
        let en = switches.iter().find(|s| s.code == "en");
        assert_eq!(
            en.map(|s| s.href.as_str()),
            Some("/lang/en?return=/p/juminhyo-copy/applicant%3Fx%3D1%26y%3D2")
        );
        assert_eq!(en.map(|s| s.name), Some("English"));
        assert!(switches.iter().all(|s| s.code != "ja"));
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
