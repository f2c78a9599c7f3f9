//! Review states, who may act, and the transitions between them — as data (`RULES`) and one
//! pure function over it (`transition`).
//!
//! ```text
//!  arrived ──claim──▶ in_review ──request_correction──▶ correction_requested
//!     │                 │    ▲                               │ resubmit (resident)
//!     │                 │    └────────claim─── resubmitted ◀─┘
//!     └─approve/reject──┴──approve/reject (also from resubmitted)──▶ approved | rejected
//!  any open state ──withdraw (resident)──▶ withdrawn
//!  approved | rejected | withdrawn ──close──▶ closed
//! ```
//!
//! `assign` (supervisors) and `extend` (a longer processing period, with reasons) keep the
//! state. A decision must state its reasons when it refuses (理由の提示, 行政手続法 第8条); a
//! correction request says what to fix (第7条).

use std::str::FromStr;

use madoguchi_core::{HistoryAction, Localized};
use madoguchi_i18n::msg;

/// Where a submission stands (the vocabulary lives in `madoguchi-core`, where storage can
/// name it too; the transitions are here).
pub use madoguchi_core::state::{SubmissionState as State, UnknownState};

/// Who is acting (the vocabulary lives in `madoguchi-core`, where a staff account's stored
/// role names it too).
pub use madoguchi_core::Role;

/// What can be done to a submission, without its details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionKind {
    Claim,
    Assign,
    RequestCorrection,
    Resubmit,
    Approve,
    Reject,
    Withdraw,
    Close,
    Extend,
}

impl ActionKind {
    pub const ALL: [ActionKind; 9] = [
        ActionKind::Claim,
        ActionKind::Assign,
        ActionKind::RequestCorrection,
        ActionKind::Resubmit,
        ActionKind::Approve,
        ActionKind::Reject,
        ActionKind::Withdraw,
        ActionKind::Close,
        ActionKind::Extend,
    ];

    /// Stored in the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::Claim => "claim",
            ActionKind::Assign => "assign",
            ActionKind::RequestCorrection => "request_correction",
            ActionKind::Resubmit => "resubmit",
            ActionKind::Approve => "approve",
            ActionKind::Reject => "reject",
            ActionKind::Withdraw => "withdraw",
            ActionKind::Close => "close",
            ActionKind::Extend => "extend",
        }
    }

    pub fn label(self) -> Localized {
        let text = match self {
            ActionKind::Claim => msg::workflow_action_claim::text,
            ActionKind::Assign => msg::workflow_action_assign::text,
            ActionKind::RequestCorrection => msg::workflow_action_request_correction::text,
            ActionKind::Resubmit => msg::workflow_action_resubmit::text,
            ActionKind::Approve => msg::workflow_action_approve::text,
            ActionKind::Reject => msg::workflow_action_reject::text,
            ActionKind::Withdraw => msg::workflow_action_withdraw::text,
            ActionKind::Close => msg::workflow_action_close::text,
            ActionKind::Extend => msg::workflow_action_extend::text,
        };
        Localized::from_fn(|lang| text(lang).to_owned())
    }
}

/// Each action is recorded in the history under its own code.
impl From<ActionKind> for HistoryAction {
    fn from(kind: ActionKind) -> HistoryAction {
        match kind {
            ActionKind::Claim => HistoryAction::Claim,
            ActionKind::Assign => HistoryAction::Assign,
            ActionKind::RequestCorrection => HistoryAction::RequestCorrection,
            ActionKind::Resubmit => HistoryAction::Resubmit,
            ActionKind::Approve => HistoryAction::Approve,
            ActionKind::Reject => HistoryAction::Reject,
            ActionKind::Withdraw => HistoryAction::Withdraw,
            ActionKind::Close => HistoryAction::Close,
            ActionKind::Extend => HistoryAction::Extend,
        }
    }
}

impl ActionKind {
    /// The review action a history entry records, if it records one (not the arrival or
    /// money).
    pub fn of(action: HistoryAction) -> Option<ActionKind> {
        ActionKind::ALL
            .into_iter()
            .find(|k| HistoryAction::from(*k) == action)
    }
}

impl FromStr for ActionKind {
    type Err = UnknownState;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ActionKind::ALL
            .into_iter()
            .find(|a| a.code() == s)
            .ok_or_else(|| UnknownState(s.to_string()))
    }
}

/// An action with what it needs to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Claim,
    Assign,
    /// What to fix, in words the applicant understands.
    RequestCorrection {
        reason: String,
    },
    Resubmit,
    Approve,
    /// Rejection needs the reasons the applicant will be told.
    Reject {
        reason: String,
    },
    Withdraw,
    Close,
    /// More business days, and why.
    Extend {
        reason: String,
        days: u32,
    },
}

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Claim => ActionKind::Claim,
            Action::Assign => ActionKind::Assign,
            Action::RequestCorrection { .. } => ActionKind::RequestCorrection,
            Action::Resubmit => ActionKind::Resubmit,
            Action::Approve => ActionKind::Approve,
            Action::Reject { .. } => ActionKind::Reject,
            Action::Withdraw => ActionKind::Withdraw,
            Action::Close => ActionKind::Close,
            Action::Extend { .. } => ActionKind::Extend,
        }
    }

    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Action::RequestCorrection { reason }
            | Action::Reject { reason }
            | Action::Extend { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// One allowed move: `action` by one of `roles` from one of `from`; `to` is `None` when the
/// state stays (assigning, extending).
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub action: ActionKind,
    pub from: &'static [State],
    pub roles: &'static [Role],
    pub to: Option<State>,
}

const STAFF_WHO_DECIDE: &[Role] = &[Role::Clerk, Role::Supervisor];
const OPEN: &[State] = &State::OPEN;
const BEFORE_DECISION: &[State] = &[State::Arrived, State::InReview, State::Resubmitted];

/// Every transition there is. Nothing else is allowed.
pub const RULES: &[Rule] = &[
    Rule {
        action: ActionKind::Claim,
        from: &[State::Arrived, State::Resubmitted],
        roles: STAFF_WHO_DECIDE,
        to: Some(State::InReview),
    },
    Rule {
        action: ActionKind::Assign,
        from: OPEN,
        roles: &[Role::Supervisor],
        to: None,
    },
    Rule {
        action: ActionKind::RequestCorrection,
        from: &[State::InReview, State::Resubmitted],
        roles: STAFF_WHO_DECIDE,
        to: Some(State::CorrectionRequested),
    },
    Rule {
        action: ActionKind::Resubmit,
        from: &[State::CorrectionRequested],
        roles: &[Role::Resident],
        to: Some(State::Resubmitted),
    },
    Rule {
        action: ActionKind::Approve,
        from: BEFORE_DECISION,
        roles: STAFF_WHO_DECIDE,
        to: Some(State::Approved),
    },
    Rule {
        action: ActionKind::Reject,
        from: &[
            State::Arrived,
            State::InReview,
            State::CorrectionRequested,
            State::Resubmitted,
        ],
        roles: STAFF_WHO_DECIDE,
        to: Some(State::Rejected),
    },
    Rule {
        action: ActionKind::Withdraw,
        from: OPEN,
        roles: &[Role::Resident],
        to: Some(State::Withdrawn),
    },
    Rule {
        action: ActionKind::Close,
        from: &[State::Approved, State::Rejected, State::Withdrawn],
        roles: STAFF_WHO_DECIDE,
        to: Some(State::Closed),
    },
    Rule {
        action: ActionKind::Extend,
        from: &[State::Arrived, State::InReview, State::Resubmitted],
        roles: STAFF_WHO_DECIDE,
        to: None,
    },
];

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("{action} by {role:?} is not possible in state {from}")]
    NotAllowed {
        from: State,
        action: &'static str,
        role: Role,
    },
    #[error("{0} needs a reason")]
    ReasonRequired(&'static str),
    #[error("the reason is longer than {MAX_REASON_CHARS} characters")]
    ReasonTooLong,
    #[error("an extension is 1 to {MAX_EXTENSION_DAYS} business days")]
    ExtensionOutOfRange,
}

/// A reason must say something: at least a few visible characters.
pub const MIN_REASON_CHARS: usize = 2;
/// And fit on a notice.
pub const MAX_REASON_CHARS: usize = 2000;
/// An extension beyond this is a new procedure, not an extension.
pub const MAX_EXTENSION_DAYS: u32 = 60;

/// The rule that allows `action` by `role` from `from`, if any.
pub fn rule_for(from: State, action: ActionKind, role: Role) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.action == action && r.from.contains(&from) && r.roles.contains(&role))
}

/// What `role` may do in state `from` (for the buttons a page shows).
pub fn allowed_actions(from: State, role: Role) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|a| rule_for(from, *a, role).is_some())
        .collect()
}

/// The state after `action` by `role`, or why it cannot happen.
pub fn transition(from: State, action: &Action, role: Role) -> Result<State, TransitionError> {
    let rule = rule_for(from, action.kind(), role).ok_or(TransitionError::NotAllowed {
        from,
        action: action.code(),
        role,
    })?;
    if let Some(reason) = action.reason() {
        let visible = reason.trim().chars().count();
        if visible < MIN_REASON_CHARS {
            return Err(TransitionError::ReasonRequired(action.code()));
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(TransitionError::ReasonTooLong);
        }
    }
    if let Action::Extend { days, .. } = action
        && !(1..=MAX_EXTENSION_DAYS).contains(days)
    {
        return Err(TransitionError::ExtensionOutOfRange);
    }
    Ok(rule.to.unwrap_or(from))
}

#[cfg(test)]
mod tests;
