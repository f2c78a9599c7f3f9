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
