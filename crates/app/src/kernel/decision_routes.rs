//! Approval routes for decisions (決裁ルート) as a city's data names them: for each section,
//! a default route and a route per procedure. A route is the posts (職位) that sign a
//! drafted decision in turn after its drafter (起案者), lowest first; the last one decides
//! (専決 or 決裁). A section with no route, or a procedure whose route is empty, is decided
//! by its clerk alone, as before routes existed.
//!
//! ```json
//! "decision_routes": {
//!   "default": ["chief", "manager"],
//!   "procedures": { "inkan-toroku": ["chief"] }
//! }
//! ```

use std::collections::BTreeMap;

use madoguchi_core::Post;
use serde::{Deserialize, Serialize};

/// The most steps a route has (one per post above 担当).
pub const MAX_STEPS: usize = 4;

/// A section's routes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRoutes {
    /// Every procedure of the section not named in `procedures`; none: decided alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Vec<Post>>,
    /// A procedure's own route, by its id (an empty list: decided by its clerk alone).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub procedures: BTreeMap<String, Vec<Post>>,
}

impl SectionRoutes {
    /// The route a decision on `procedure` takes: empty when its clerk decides alone.
    pub fn route_of(&self, procedure: &str) -> &[Post] {
        self.procedures
            .get(procedure)
            .or(self.default.as_ref())
            .map_or(&[], Vec::as_slice)
    }

    /// What is wrong with the routes, if anything: a route longer than `MAX_STEPS`, or
    /// whose posts do not rise step by step (a 課長 signs after the 係長, never before).
    pub fn problem(&self) -> Option<String> {
        let named = self
            .default
            .iter()
            .map(|r| ("default".to_string(), r))
            .chain(self.procedures.iter().map(|(p, r)| (p.clone(), r)));
        for (name, route) in named {
            if route.len() > MAX_STEPS {
                return Some(format!("{name}: at most {MAX_STEPS} steps"));
            }
            if route.windows(2).any(|w| w[0] >= w[1]) {
                return Some(format!(
                    "{name}: each step's post must be above the one before"
                ));
            }
        }
        None
    }
}

/// The route of `procedure` in section `department` of a city's `routes`.
pub fn route_of<'a>(
    routes: &'a BTreeMap<String, SectionRoutes>,
    department: &str,
    procedure: &str,
) -> &'a [Post] {
    routes
        .get(department)
        .map_or(&[], |r| r.route_of(procedure))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_procedure_route_overrides_the_section_default() {
        let routes: SectionRoutes = serde_json::from_str(
            r#"{"default": ["chief", "manager"], "procedures": {"a": ["chief"], "b": []}}"#,
        )
        .unwrap();
        assert_eq!(routes.route_of("a"), [Post::Chief]);
        assert!(routes.route_of("b").is_empty());
        assert_eq!(routes.route_of("c"), [Post::Chief, Post::Manager]);
        assert_eq!(routes.problem(), None);
        let none = SectionRoutes::default();
        assert!(none.route_of("c").is_empty());
    }

    #[test]
    fn routes_whose_posts_do_not_rise_are_refused() {
        for bad in [
            r#"{"default": ["manager", "chief"]}"#,
            r#"{"procedures": {"x": ["chief", "chief"]}}"#,
        ] {
            let routes: SectionRoutes = serde_json::from_str(bad).unwrap();
            assert!(routes.problem().is_some(), "{bad}");
        }
        assert!(serde_json::from_str::<SectionRoutes>(r#"{"default": ["boss"]}"#).is_err());
    }
}
