//! Identifier newtypes. All ids are text in the database (portable across SQLite and
//! PostgreSQL); the types keep a tenant id from being passed where a clerk id belongs.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_id!(
    /// A municipality served by this deployment, keyed by its 6-digit local-government
    /// code with check digit (全国地方公共団体コード), e.g. `041009` for Sendai.
    TenantId
);
text_id!(
    /// A department (所管課) of a municipality.
    DepartmentId
);
text_id!(
    /// A clerk account.
    ClerkId
);
text_id!(
    /// A stored submission (UUID v7 text, ordered by creation).
    SubmissionId
);
