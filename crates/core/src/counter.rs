//! What a counter visit ended with, as stored in `counter_visits.outcome` (JSON text).

use serde::{Deserialize, Serialize};

use crate::{IdentityDocument, ProcedureId};

/// The facts of a visit filed at the counter: the identity document the clerk checked and
/// the arrival number each procedure got. Stored as JSON text, read back as this type; text
/// that is not such a document (an unknown identity document, a missing key) does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub struct CounterOutcome {
    filing: CounterFiling,
    /// The stored text, made once (the column writes it as it is).
    json: String,
}

/// The document inside a [`CounterOutcome`]. Its fields are in the order of the keys of
/// the JSON text stored before it was typed, so that text is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounterFiling {
    pub filed: Vec<FiledProcedure>,
    pub identity_document: IdentityDocument,
}

/// One procedure filed from a visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiledProcedure {
    pub arrival_number: String,
    pub procedure: ProcedureId,
}

impl CounterOutcome {
    pub fn new(filing: CounterFiling) -> Self {
        // A struct of strings and codes always serialises.
        let json = serde_json::to_string(&filing).unwrap_or_default();
        CounterOutcome { filing, json }
    }

    pub fn filing(&self) -> &CounterFiling {
        &self.filing
    }

    /// The stored JSON text.
    pub fn as_json(&self) -> &str {
        &self.json
    }
}

impl std::str::FromStr for CounterOutcome {
    type Err = serde_json::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let filing = serde_json::from_str(text)?;
        Ok(CounterOutcome {
            filing,
            json: text.to_owned(),
        })
    }
}

crate::column::text_column!(CounterOutcome, |v| v.as_json(), |s| s
    .parse::<CounterOutcome>());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_writes_in_the_text_stored_before_it_was_typed() {
        let outcome = CounterOutcome::new(CounterFiling {
            filed: vec![FiledProcedure {
                arrival_number: "R8-000123".into(),
                procedure: ProcedureId::new("juminhyo-copy"),
            }],
            identity_document: IdentityDocument::Passport,
        });
        assert_eq!(
            outcome.as_json(),
            r#"{"filed":[{"arrival_number":"R8-000123","procedure":"juminhyo-copy"}],"identity_document":"passport"}"#
        );
        assert_eq!(
            outcome.as_json().parse::<CounterOutcome>().unwrap(),
            outcome
        );
    }

    #[test]
    fn text_that_is_not_an_outcome_does_not_read() {
        for bad in [
            "",
            "[]",
            r#"{"filed":[],"identity_document":"library_card"}"#,
            r#"{"filed":[{"procedure":"x"}],"identity_document":"passport"}"#,
            r#"{"identity_document":"passport"}"#,
            r#"{"filed":[],"identity_document":"passport","extra":1}"#,
        ] {
            assert!(bad.parse::<CounterOutcome>().is_err(), "{bad}");
        }
    }
}
