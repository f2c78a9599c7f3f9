//! Review states and transitions.

use std::fmt;
use std::str::FromStr;

use madoguchi_core::{Lang, Localized};
use serde::{Deserialize, Serialize};

/// Where a submission stands. Stored as its `code()` text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// 到達: the filing has legally arrived and waits for the department.
    Arrived,
    /// 許可・交付: decided in the applicant's favour.
    Approved,
    /// 却下・不許可: refused, with reasons.
    Rejected,
}

impl State {
    pub const ALL: [State; 3] = [State::Arrived, State::Approved, State::Rejected];

    pub fn code(self) -> &'static str {
        match self {
            State::Arrived => "arrived",
            State::Approved => "approved",
            State::Rejected => "rejected",
        }
    }

    pub fn label(self) -> Localized {
        match self {
            State::Arrived => Localized::new("到達(審査待ち)", "Arrived (awaiting review)"),
            State::Approved => Localized::new("許可・交付", "Approved"),
            State::Rejected => Localized::new("却下・不許可", "Rejected"),
        }
    }

    pub fn label_in(self, lang: Lang) -> String {
        self.label().get(lang).to_string()
    }

    /// True once the matter is decided and no clerk action is left.
    pub fn is_final(self) -> bool {
        matches!(self, State::Approved | State::Rejected)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for State {
    type Err = UnknownState;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        State::ALL
            .into_iter()
            .find(|st| st.code() == s)
            .ok_or_else(|| UnknownState(s.to_string()))
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown submission state {0:?}")]
pub struct UnknownState(pub String);

/// What a clerk can do to a submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Approve,
    /// Rejection needs the reasons the applicant will be told.
    Reject {
        reason: String,
    },
}

impl Action {
    pub fn code(&self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Reject { .. } => "reject",
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Action::Approve => None,
            Action::Reject { reason } => Some(reason),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("{action} is not possible in state {from}")]
    NotAllowed { from: State, action: &'static str },
    #[error("a rejection needs a reason")]
    ReasonRequired,
}

/// The reason text must say something: at least a few visible characters.
const MIN_REASON_CHARS: usize = 2;

/// The one place that says which transitions exist.
pub fn transition(from: State, action: &Action) -> Result<State, TransitionError> {
    match (from, action) {
        (State::Arrived, Action::Approve) => Ok(State::Approved),
        (State::Arrived, Action::Reject { reason }) => {
            if reason.trim().chars().count() < MIN_REASON_CHARS {
                Err(TransitionError::ReasonRequired)
            } else {
                Ok(State::Rejected)
            }
        }
        (from, action) => Err(TransitionError::NotAllowed {
            from,
            action: action.code(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arrived_filing_can_be_approved_or_rejected_with_reasons() {
        assert_eq!(
            transition(State::Arrived, &Action::Approve),
            Ok(State::Approved)
        );
        let reject = Action::Reject {
            reason: "対象者との関係が確認できないため".into(),
        };
        assert_eq!(transition(State::Arrived, &reject), Ok(State::Rejected));
    }

    #[test]
    fn a_rejection_without_reasons_is_refused() {
        for reason in ["", "   ", "\u{3000}x"] {
            let reject = Action::Reject {
                reason: reason.into(),
            };
            assert_eq!(
                transition(State::Arrived, &reject),
                Err(TransitionError::ReasonRequired)
            );
        }
    }

    #[test]
    fn a_decided_filing_cannot_be_decided_again() {
        for from in [State::Approved, State::Rejected] {
            assert!(from.is_final());
            for action in [
                Action::Approve,
                Action::Reject {
                    reason: "理由あり".into(),
                },
            ] {
                assert!(matches!(
                    transition(from, &action),
                    Err(TransitionError::NotAllowed { .. })
                ));
            }
        }
    }

    #[test]
    fn states_round_trip_through_their_codes() {
        for st in State::ALL {
            assert_eq!(st.code().parse::<State>().unwrap(), st);
            assert!(!st.label().ja.is_empty() && !st.label().en.is_empty());
        }
        assert!("approved ".parse::<State>().is_err());
    }
}
