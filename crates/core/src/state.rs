//! The closed sets every crate names a submission by: where it stands (its review state;
//! the transitions between states are `madoguchi-workflow`'s) and how it was filed. Each is
//! stored as its `code()` text; with the `diesel` feature each is a `Text` column type.

use std::fmt;
use std::str::FromStr;

use madoguchi_i18n::msg;
use serde::{Deserialize, Serialize};

use crate::column::text_column;
use crate::{Lang, Localized};

/// Where a submission stands. Stored as its `code()` text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
#[serde(rename_all = "snake_case")]
pub enum SubmissionState {
    /// 到達: the filing has legally arrived and waits for a clerk.
    Arrived,
    /// 審査中: a clerk is reviewing it.
    InReview,
    /// 補正依頼中: the applicant has been asked to fix something; the clock is stopped.
    CorrectionRequested,
    /// 補正済み: the applicant sent the fix; it waits for the clerk again.
    Resubmitted,
    /// 許可・交付: decided in the applicant's favour.
    Approved,
    /// 却下・不許可: refused, with reasons.
    Rejected,
    /// 取下げ: the applicant withdrew it before a decision.
    Withdrawn,
    /// 完結: the file is closed (certificate sent, decision served, nothing left to do).
    Closed,
}

impl SubmissionState {
    pub const ALL: [SubmissionState; 8] = [
        SubmissionState::Arrived,
        SubmissionState::InReview,
        SubmissionState::CorrectionRequested,
        SubmissionState::Resubmitted,
        SubmissionState::Approved,
        SubmissionState::Rejected,
        SubmissionState::Withdrawn,
        SubmissionState::Closed,
    ];

    /// States in which the office still owes the applicant something.
    pub const OPEN: [SubmissionState; 4] = [
        SubmissionState::Arrived,
        SubmissionState::InReview,
        SubmissionState::CorrectionRequested,
        SubmissionState::Resubmitted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SubmissionState::Arrived => "arrived",
            SubmissionState::InReview => "in_review",
            SubmissionState::CorrectionRequested => "correction_requested",
            SubmissionState::Resubmitted => "resubmitted",
            SubmissionState::Approved => "approved",
            SubmissionState::Rejected => "rejected",
            SubmissionState::Withdrawn => "withdrawn",
            SubmissionState::Closed => "closed",
        }
    }

    /// The name staff use.
    pub fn label(self) -> Localized {
        let text = match self {
            SubmissionState::Arrived => msg::workflow_state_arrived::text,
            SubmissionState::InReview => msg::workflow_state_in_review::text,
            SubmissionState::CorrectionRequested => msg::workflow_state_correction_requested::text,
            SubmissionState::Resubmitted => msg::workflow_state_resubmitted::text,
            SubmissionState::Approved => msg::workflow_state_approved::text,
            SubmissionState::Rejected => msg::workflow_state_rejected::text,
            SubmissionState::Withdrawn => msg::workflow_state_withdrawn::text,
            SubmissionState::Closed => msg::workflow_state_closed::text,
        };
        Localized::from_fn(|lang| text(lang).to_owned())
    }

    /// What it means for the applicant, in plain words.
    pub fn resident_label(self) -> Localized {
        let text = match self {
            SubmissionState::Arrived => msg::workflow_state_arrived_resident::text,
            SubmissionState::InReview => msg::workflow_state_in_review_resident::text,
            SubmissionState::CorrectionRequested => {
                msg::workflow_state_correction_requested_resident::text
            }
            SubmissionState::Resubmitted => msg::workflow_state_resubmitted_resident::text,
            SubmissionState::Approved => msg::workflow_state_approved_resident::text,
            SubmissionState::Rejected => msg::workflow_state_rejected_resident::text,
            SubmissionState::Withdrawn => msg::workflow_state_withdrawn_resident::text,
            SubmissionState::Closed => msg::workflow_state_closed_resident::text,
        };
        Localized::from_fn(|lang| text(lang).to_owned())
    }

    pub fn label_in(self, lang: Lang) -> String {
        self.label().get(lang).to_string()
    }

    /// True once the matter is decided or withdrawn: the statutory clock has stopped.
    pub fn is_final(self) -> bool {
        !self.is_open()
    }

    pub fn is_open(self) -> bool {
        SubmissionState::OPEN.contains(&self)
    }

    /// True while the applicant, not the office, has to act (the clock is stopped).
    pub fn waits_for_applicant(self) -> bool {
        self == SubmissionState::CorrectionRequested
    }
}

impl fmt::Display for SubmissionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for SubmissionState {
    type Err = UnknownState;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SubmissionState::ALL
            .into_iter()
            .find(|st| st.code() == s)
            .ok_or_else(|| UnknownState(s.to_string()))
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown submission state {0:?}")]
pub struct UnknownState(pub String);

text_column!(SubmissionState, |v| v.code(), |s| s
    .parse::<SubmissionState>());

/// How a submission was filed. Stored as its `code()` text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
#[serde(rename_all = "kebab-case")]
pub enum FilingMode {
    /// Filed online by the resident.
    Online,
    /// Prepared online, finished at a counter.
    PreEntry,
    /// Filed by a clerk at the counter (書かない窓口).
    Counter,
}

impl FilingMode {
    pub const ALL: [FilingMode; 3] = [
        FilingMode::Online,
        FilingMode::PreEntry,
        FilingMode::Counter,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FilingMode::Online => "online",
            FilingMode::PreEntry => "pre-entry",
            FilingMode::Counter => "counter",
        }
    }
}

impl fmt::Display for FilingMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for FilingMode {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FilingMode::ALL
            .into_iter()
            .find(|m| m.code() == s)
            .ok_or_else(|| UnknownCode(s.to_string()))
    }
}

text_column!(FilingMode, |v| v.code(), |s| s.parse::<FilingMode>());

crate::column::code_enum! {
    /// Who did something recorded in a filing's history.
    pub enum ActorKind {
        /// The applicant (online, or through a link they were sent).
        Resident = "resident",
        /// A clerk; the entry's actor id is the clerk's id.
        Clerk = "clerk",
        /// The platform itself (a deadline passed, a payment arrived).
        System = "system",
    }
}

crate::column::code_enum! {
    /// What an entry of a filing's history records: the arrival, each review action, and
    /// the money that came in or went back (those keep the state).
    pub enum HistoryAction {
        Submit = "submit",
        Claim = "claim",
        Assign = "assign",
        RequestCorrection = "request_correction",
        Resubmit = "resubmit",
        Approve = "approve",
        Reject = "reject",
        Withdraw = "withdraw",
        Close = "close",
        Extend = "extend",
        /// The fee arrived.
        Payment = "payment",
        /// A paid fee was given back.
        Refund = "refund",
        /// The applicant moved the filing's booking to another time (issue 49).
        BookingChanged = "booking_changed",
        /// The applicant cancelled the filing's booking.
        BookingCancelled = "booking_cancelled",
        /// A clerk drafted a decision (起案) that goes round its approval route first.
        DecisionDrafted = "decision_drafted",
        /// An approver of the route agreed to the drafted decision (承認, or 代決).
        DecisionEndorsed = "decision_endorsed",
        /// An approver sent the drafted decision back to its drafter (差戻し).
        DecisionReturned = "decision_returned",
        /// The section's head put a legal hold on the filing (訴訟・審査請求・開示請求): it is
        /// not disposed of while the hold is in force.
        LegalHoldPlaced = "legal_hold_placed",
        /// The legal hold was lifted.
        LegalHoldLifted = "legal_hold_lifted",
    }
}

pub use crate::column::UnknownCode;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for st in SubmissionState::ALL {
            assert_eq!(st.code().parse::<SubmissionState>().unwrap(), st);
        }
        for m in FilingMode::ALL {
            assert_eq!(m.code().parse::<FilingMode>().unwrap(), m);
            assert_eq!(serde_json::to_value(m).unwrap(), m.code());
        }
        assert!("nope".parse::<SubmissionState>().is_err());
        assert!("nope".parse::<FilingMode>().is_err());
        for a in ActorKind::ALL {
            assert_eq!(a.code().parse::<ActorKind>().unwrap(), *a);
            assert_eq!(serde_json::to_value(a).unwrap(), a.code());
        }
        assert!("nope".parse::<ActorKind>().is_err());
        for h in HistoryAction::ALL {
            assert_eq!(h.code().parse::<HistoryAction>().unwrap(), *h);
        }
    }
}
