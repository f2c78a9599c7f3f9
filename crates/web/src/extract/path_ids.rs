//! Ids in paths, typed. Each kind refuses what cannot be one of its kind — the wrong
//! length, a character no such id has — while the path is read, before the handler runs:
//! a mistyped or hostile path is a 404 without any look-up, the same answer as an id that
//! does not exist (`path_refused`, registered for every route as the paths' error handler).
//!
//! - [`LinkToken`]: a secret link's token (a mailed confirmation, reset, resume, correction,
//!   payment or download link): 43 characters of base64url, 256 bits.
//! - [`RecordKey`]: a stored record named by its UUID (a filing in the back office, a clerk,
//!   an API token, a webhook, an undelivered mail, an attached file).
//! - [`ArrivalKey`]: an arrival number (到達番号) as a resident may type it, its check
//!   character included.
//! - [`FilingKey`]: a filing named either way (the department API's status takes both).

use std::fmt;

use actix_web::HttpRequest;
use madoguchi_core::{ArrivalNumber, ErrorCode};
use serde::Deserialize;
use serde::de::{Deserializer, Error as _};

use crate::error::WebError;
use crate::extract::lang_of;

/// What a path whose id is not one of its kind answers: the API's 404 under `/api`, the
/// 404 page in the reader's language elsewhere.
pub fn path_refused(err: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    tracing::debug!(error = %err, "path id refused");
    if crate::routes::api::is_api_path(req.path()) {
        let response = crate::routes::api::not_found();
        return actix_web::error::InternalError::from_response(err, response).into();
    }
    WebError::new(ErrorCode::NotFound, lang_of(req)).into()
}

/// Defines a path id: a `String` kept once `$valid` holds for it.
macro_rules! path_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $valid:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            /// Whether `text` can be one.
            pub fn fits(text: &str) -> bool {
                let valid: fn(&str) -> bool = $valid;
                valid(text)
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                if Self::fits(&text) {
                    Ok(Self(text))
                } else {
                    Err(D::Error::custom(concat!("not ", $what)))
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }
    };
}

path_id!(
    /// A secret link's token: 43 characters of base64url (256 bits).
    LinkToken,
    "a link token",
    |t| madoguchi_app::kernel::tokens::looks_like_token(t)
);

path_id!(
    /// A stored record's UUID, as text (`0192f3c4-…`, 36 characters).
    RecordKey,
    "a record id",
    |t| t.len() == 36 && uuid::Uuid::try_parse(t).is_ok()
);

path_id!(
    /// An arrival number as typed (hyphens and case as the resident wrote it), its check
    /// character right.
    ArrivalKey,
    "an arrival number",
    |t| t.len() <= 40 && t.parse::<ArrivalNumber>().is_ok()
);

path_id!(
    /// A filing named by its UUID or its arrival number (the department API's status).
    FilingKey,
    "a filing's id or arrival number",
    |t| RecordKey::fits(t) || ArrivalKey::fits(t)
);

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
        T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(text)).ok()
    }

    #[test]
    fn each_kind_takes_its_own_and_refuses_the_rest() {
        let token = "a".repeat(43);
        assert!(read::<LinkToken>(&token).is_some());
        for bad in [
            "",
            "short",
            &"a".repeat(44),
            &format!("{}%", "a".repeat(42)),
            &"あ".repeat(15),
        ] {
            assert!(read::<LinkToken>(bad).is_none(), "{bad}");
        }
        let id = uuid::Uuid::now_v7().to_string();
        assert!(read::<RecordKey>(&id).is_some());
        for bad in [
            "no-such-id",
            "",
            &id.replace('-', ""),
            &format!("{id}0"),
            &"0".repeat(5000),
        ] {
            assert!(read::<RecordKey>(bad).is_none(), "{bad}");
        }
        assert!(read::<ArrivalKey>("' OR 1=1 --").is_none());
        assert!(read::<FilingKey>(&id).is_some());
        assert!(read::<FilingKey>("' OR 1=1 --").is_none());
        assert!(read::<ArrivalKey>(&"1".repeat(5000)).is_none());
    }
}
