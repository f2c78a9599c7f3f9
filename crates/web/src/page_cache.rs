//! Pages rendered once and served again while what they were rendered from is unchanged:
//! the home page (`/procedures`), a procedure's start page (`/p/{id}`) and a form's step for
//! a browser without a session yet.
//! Both are the same for every such reader of one city, language and furigana choice.
//!
//! Each page is kept under a key that names the city (so two cities never share a page)
//! with the *version* of what it was made from (the city's forms and departments, its look,
//! the form's version). A page whose version is not the one a reader would be shown now is
//! rendered again and replaces the old one: publishing or retiring a procedure, applying the
//! city's settings or a new read of its departments leaves no stale page served.
//!
//! A step page holds the browser's CSRF token: it is kept with a slot where the token goes
//! ([`Slotted`]), filled per request, so the bytes sent are those a fresh render would give.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};

use madoguchi_core::{Lang, Localized, ProcedureId, TenantId};
use madoguchi_forms::Form;

use crate::tenancy::CityLook;

/// How many pages of one kind a node keeps; past it the kind starts again from nothing (a
/// city's every form step in both languages, with and without furigana, is far below it).
const CAPACITY: usize = 4096;

/// Rendered pages of one kind, by key, each with the version it was rendered from.
#[derive(Debug)]
pub struct Rendered<K, V, P> {
    pages: RwLock<HashMap<K, (V, Arc<P>)>>,
}

impl<K, V, P> Default for Rendered<K, V, P> {
    fn default() -> Self {
        Self {
            pages: RwLock::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V: PartialEq, P> Rendered<K, V, P> {
    /// The page kept under `key`, when it was rendered from `version`.
    pub fn get(&self, key: &K, version: &V) -> Option<Arc<P>> {
        let pages = self.pages.read().ok()?;
        let (kept, page) = pages.get(key)?;
        (kept == version).then(|| Arc::clone(page))
    }

    /// Keeps `page`, rendered from `version`, under `key` (replacing an older one).
    pub fn put(&self, key: K, version: V, page: P) -> Arc<P> {
        let page = Arc::new(page);
        let mut pages = match self.pages.write() {
            Ok(pages) => pages,
            Err(poisoned) => poisoned.into_inner(),
        };
        if pages.len() >= CAPACITY && !pages.contains_key(&key) {
            pages.clear();
        }
        pages.insert(key, (version, Arc::clone(&page)));
        page
    }

    /// How many pages are kept (for tests).
    pub fn len(&self) -> usize {
        self.pages.read().map(|p| p.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A page the same for everyone, with its `ETag` and its gzip form (made once, sent to
/// every browser that accepts it).
#[derive(Debug)]
pub struct SharedPage {
    pub body: actix_web::web::Bytes,
    pub etag: String,
    pub gzip: Option<actix_web::web::Bytes>,
}

impl SharedPage {
    pub fn new(body: actix_web::web::Bytes, etag: String) -> Self {
        let gzip = crate::compress::gzip_whole(&body).filter(|z| z.len() < body.len());
        Self { body, etag, gzip }
    }
}

/// A page rendered with a slot for the CSRF token: its text between the token's places.
#[derive(Debug)]
pub struct Slotted {
    parts: Vec<String>,
}

impl Slotted {
    /// `html`, rendered with `slot` where the token goes.
    pub fn new(html: &str, slot: &str) -> Self {
        Self {
            parts: html.split(slot).map(str::to_string).collect(),
        }
    }

    /// The page with `token` in its slots.
    pub fn fill(&self, token: &str) -> String {
        let len = self.parts.iter().map(String::len).sum::<usize>()
            + token.len() * self.parts.len().saturating_sub(1);
        let mut html = String::with_capacity(len);
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                html.push_str(token);
            }
            html.push_str(part);
        }
        html
    }
}

/// Whom a home page is for: the city, the language, furigana on.
pub type HomeKey = (TenantId, Lang, bool);

/// What a home page is made from.
pub type HomeVersion = (madoguchi_app::filing::OfferVersion, Option<CityLook>);

/// Whom a blank step page is for: the city, the procedure, the step, the language,
/// furigana on.
pub type StepKey = (TenantId, ProcedureId, String, Lang, bool);

/// What a blank step page is made from: the form's version, its department's name (in the
/// purpose of use), the city's look.
#[derive(Clone, Debug)]
pub struct StepVersion {
    pub form: Arc<Form>,
    pub department: Localized,
    pub city: Option<CityLook>,
}

impl PartialEq for StepVersion {
    /// The same form value (forms are immutable and replaced whole on publishing).
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.form, &other.form)
            && self.department == other.department
            && self.city == other.city
    }
}

/// Whom a procedure's start page is for: the city, the procedure, the language, furigana
/// on.
pub type StartKey = (TenantId, ProcedureId, Lang, bool);

/// What a start page is made from: the form and its department's name, the city's look,
/// what the city's identity settings ask of a filer (the page announces it) and which of
/// its facts the city has not confirmed.
#[derive(Clone, Debug)]
pub struct StartVersion {
    pub step: StepVersion,
    pub need: madoguchi_app::kernel::IdentityNeed,
    pub sign_in: bool,
    /// The facts the city has not confirmed (the page marks them): a confirmation makes
    /// the kept page stale.
    pub unconfirmed: madoguchi_app::kernel::confirmed_facts::Unconfirmed,
}

impl PartialEq for StartVersion {
    fn eq(&self, other: &Self) -> bool {
        self.step == other.step
            && self.need == other.need
            && self.sign_in == other.sign_in
            && self.unconfirmed == other.unconfirmed
    }
}

/// The pages this node keeps rendered.
#[derive(Debug)]
pub struct PageCache {
    pub home: Rendered<HomeKey, HomeVersion, SharedPage>,
    /// Procedures' start pages for readers without a session.
    pub starts: Rendered<StartKey, StartVersion, SharedPage>,
    pub steps: Rendered<StepKey, StepVersion, Slotted>,
    /// What a step page is rendered with in place of the CSRF token: random per node, so
    /// nothing a form's author writes can be taken for it.
    pub slot: String,
}

impl Default for PageCache {
    fn default() -> Self {
        let random = madoguchi_app::kernel::new_token().unwrap_or_default();
        Self {
            home: Rendered::default(),
            starts: Rendered::default(),
            steps: Rendered::default(),
            slot: format!("csrfslot{}", random.replace(['-', '_'], "x")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slotted_page_is_the_page_with_the_token() {
        let slot = "csrfslotABC";
        let page = Slotted::new("<a>csrfslotABC</a><b>csrfslotABC</b>", slot);
        assert_eq!(page.fill("tok"), "<a>tok</a><b>tok</b>");
        assert_eq!(Slotted::new("no slot", slot).fill("tok"), "no slot");
    }

    #[test]
    fn a_page_of_another_version_is_not_served() {
        let pages: Rendered<&str, u32, &str> = Rendered::default();
        pages.put("k", 1, "old");
        assert_eq!(pages.get(&"k", &1).as_deref(), Some(&"old"));
        assert!(pages.get(&"k", &2).is_none());
        assert!(pages.get(&"other", &1).is_none());
        pages.put("k", 2, "new");
        assert_eq!(pages.get(&"k", &2).as_deref(), Some(&"new"));
        assert!(pages.get(&"k", &1).is_none());
    }
}
