//! The page every account form is drawn with (sign in, register, reset), its inputs, and
//! the pieces the pages share.

use crate::msg;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use madoguchi_core::{ErrorCode, Lang};

use crate::error::WebError;
use crate::routes::html;
use crate::views::{ErrorLink, Page};

/// What an input takes, which is also its HTML `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum InputKind {
    Email,
    Password,
}

impl InputKind {
    /// A password is never sent back into the page.
    pub(super) fn keeps_value(self) -> bool {
        self != InputKind::Password
    }
}

impl std::fmt::Display for InputKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InputKind::Email => "email",
            InputKind::Password => "password",
        })
    }
}

/// One input of an account form.
pub(super) struct Input {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: InputKind,
    pub label: &'static str,
    pub hint: &'static str,
    pub autocomplete: &'static str,
    pub value: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "account_form.html")]
pub(super) struct FormPage {
    pub page: Page,
    pub back: Option<String>,
    pub notice: Option<String>,
    pub heading: String,
    pub intro: Vec<String>,
    pub action: String,
    pub csrf: String,
    pub next: String,
    pub fields: Vec<Input>,
    pub button: String,
    pub links: Vec<(String, String)>,
    pub errors: Vec<ErrorLink>,
}

impl FormPage {
    pub(super) fn new(lang: Lang, heading: &str, path: &str, csrf: String) -> Self {
        FormPage {
            page: Page::new(lang, heading, path),
            back: None,
            notice: None,
            heading: heading.into(),
            intro: Vec::new(),
            action: String::new(),
            csrf,
            next: String::new(),
            fields: Vec::new(),
            button: String::new(),
            links: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Shows `code`'s message at the input `id` and in the summary.
    pub(super) fn error_at(mut self, code: ErrorCode, id: &str) -> Self {
        let lang = self.page.lang;
        let (title, todo) = code.message(lang);
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
            f.error = Some(format!("{title}: {todo}"));
        }
        self.errors
            .push(ErrorLink::for_code(code, lang, format!("#{id}")));
        self.page.has_errors = true;
        self
    }
}

pub(super) fn email_input(lang: Lang, value: &str) -> Input {
    Input {
        id: "email",
        name: "email",
        kind: InputKind::Email,
        label: msg::web_resident_email_address::text(lang),
        hint: "",
        autocomplete: "email",
        value: value.into(),
        error: None,
    }
}

pub(super) fn new_password_input(lang: Lang) -> Input {
    Input {
        id: "password",
        name: "password",
        kind: InputKind::Password,
        label: msg::web_common_password::text(lang),
        hint: msg::web_resident_12_characters_or_more_a_phrase::text(lang),
        autocomplete: "new-password",
        value: String::new(),
        error: None,
    }
}

/// A return path on this site only.
pub(super) fn next_of(raw: Option<&str>) -> String {
    raw.filter(|p| madoguchi_core::is_local_path(p))
        .unwrap_or("/my")
        .to_string()
}

pub(super) fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// `?next=` (where to go after signing in) and `?done=` (what just happened).
#[derive(serde::Deserialize)]
pub(super) struct AccountQuery {
    pub next: Option<String>,
    pub done: Option<Done>,
}

/// The line saying what just happened.
#[derive(serde::Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Done {
    Verified,
    Reset,
    SignedOut,
    Details,
    #[serde(other)]
    Other,
}

pub(super) fn done_notice(lang: Lang, done: Option<Done>) -> Option<String> {
    match done? {
        Done::Verified => Some(msg::web_resident_your_email_address_is_confirmed::text(
            lang,
        )),
        Done::Reset => Some(msg::web_resident_your_new_password_is_set_other::text(lang)),
        Done::SignedOut => Some(msg::web_resident_you_are_signed_out_this_browser::text(
            lang,
        )),
        Done::Details => Some(msg::web_resident_your_details_saved::text(lang)),
        Done::Other => None,
    }
    .map(str::to_string)
}

/// What the account forms post: the address, the password, and where to go next.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct Credentials {
    pub email: String,
    pub password: String,
    pub next: Option<String>,
}

/// "Check your email", after a registration or a reset request.
pub(super) fn mail_sent(lang: Lang, csrf: String, text: String) -> Result<HttpResponse, WebError> {
    let mut p = FormPage::new(
        lang,
        msg::web_resident_check_your_email::text(lang),
        "/account",
        csrf,
    );
    p.intro = vec![
        text,
        msg::web_resident_if_no_mail_arrives_check_your::text(lang).into(),
    ];
    p.links = vec![(
        "/account".into(),
        msg::web_resident_go_to_sign_in::text(lang).into(),
    )];
    html(StatusCode::OK, &p, lang)
}
