//! Text columns as typed values: with the `diesel` feature, the id newtypes and the closed
//! sets of this crate are diesel column types of SQL `Text` on every backend. Each type
//! derives `AsExpression`/`FromSqlRow` and gets its `ToSql`/`FromSql` from `text_column!`,
//! so a record field of that type needs no conversion in any query. The stored text is
//! the type's `as_str()`/`code()`; a value that does not parse when read is a diesel
//! deserialisation error (a `StoreError` in the store), never a panic.

/// Implements `ToSql<Text, _>` and `FromSql<Text, _>` for `$name` on every backend that
/// stores `Text` as a string: `|v| …` gives the text to write, `|s: String| …` parses
/// what was read into `Result<$name, impl Display>`.
macro_rules! text_column {
    ($name:ty, |$this:ident| $to:expr, |$text:ident| $from:expr) => {
        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                let $this = self;
                let text: &'b str = $to;
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(text, out)
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let $text = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    DB,
                >>::from_sql(bytes)?;
                $from.map_err(|e| e.to_string().into())
            }
        }
    };
}

pub(crate) use text_column;

/// Declares a closed set stored as text: the enum (serde uses the same codes), `ALL`,
/// `code()`, `Display`, `FromStr` (an unknown code is `UnknownCode`) and, with the `diesel`
/// feature, its `Text` column impls.
macro_rules! code_enum {
    (
        $(#[$doc:meta])*
        pub enum $name:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        pub enum $name {
            $( $(#[$vdoc])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stored and serialised text.
            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::column::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == s)
                    .ok_or_else(|| $crate::column::UnknownCode(s.to_string()))
            }
        }

        $crate::column::text_column!($name, |v| v.code(), |s| s.parse::<$name>());
    };
}

pub(crate) use code_enum;

/// A stored code that names no member of its set.
#[derive(Debug, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownCode(pub String);
