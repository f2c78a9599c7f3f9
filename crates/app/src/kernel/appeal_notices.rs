//! Each municipality's appeal-rights notices (教示), kept in memory for the decisions that
//! print them. A notice is a few paragraphs (Sendai's twenty are about 50 KB), and cities
//! often carry the same ones: equal sets are kept once, shared by every city that has them,
//! so a node serving many cities holds each distinct text once.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use madoguchi_core::Localized;

/// One city's notices, by key.
pub(crate) type Notices = BTreeMap<String, Localized>;

#[derive(Debug, Default)]
pub(crate) struct AppealNotices {
    by_tenant: HashMap<String, Arc<Notices>>,
    /// The distinct sets kept, by a hash of their text.
    distinct: HashMap<u64, Arc<Notices>>,
}

impl AppealNotices {
    /// Replaces `tenant`'s notices.
    pub(crate) fn set(&mut self, tenant: &str, notices: Notices) {
        let hash = hash_of(&notices);
        let shared = match self.distinct.get(&hash) {
            Some(kept) if **kept == notices => Arc::clone(kept),
            Some(_) => Arc::new(notices),
            None => {
                let kept = Arc::new(notices);
                self.distinct.insert(hash, Arc::clone(&kept));
                kept
            }
        };
        self.by_tenant.insert(tenant.to_string(), shared);
        // A set no city has any more is let go.
        self.distinct.retain(|_, kept| Arc::strong_count(kept) > 1);
    }

    pub(crate) fn get(&self, tenant: &str, key: &str) -> Option<&Localized> {
        self.by_tenant.get(tenant)?.get(key)
    }
}

fn hash_of(notices: &Notices) -> u64 {
    let mut hasher = DefaultHasher::new();
    for (key, text) in notices {
        key.hash(&mut hasher);
        text.ja.hash(&mut hasher);
        text.en.hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notices(text: &str) -> Notices {
        [("default".to_string(), Localized::new(text, "en"))].into()
    }

    #[test]
    fn equal_notices_are_kept_once_and_each_city_reads_its_own() {
        let mut kept = AppealNotices::default();
        kept.set("041009", notices("仙台市長に審査請求"));
        kept.set("041017", notices("仙台市長に審査請求"));
        kept.set("052019", notices("秋田市長に審査請求"));
        assert!(Arc::ptr_eq(
            &kept.by_tenant["041009"],
            &kept.by_tenant["041017"]
        ));
        assert_eq!(kept.distinct.len(), 2);
        assert_eq!(
            kept.get("052019", "default").unwrap().ja,
            "秋田市長に審査請求"
        );
        assert_eq!(kept.get("052019", "other"), None);
        assert_eq!(kept.get("999999", "default"), None);
        // A city's notices changed: the new text is its own, the old set goes with no city.
        kept.set("052019", notices("秋田市長に審査請求(改)"));
        assert_eq!(
            kept.get("052019", "default").unwrap().ja,
            "秋田市長に審査請求(改)"
        );
        assert_eq!(
            kept.get("041017", "default").unwrap().ja,
            "仙台市長に審査請求"
        );
        assert_eq!(kept.distinct.len(), 2);
    }
}
