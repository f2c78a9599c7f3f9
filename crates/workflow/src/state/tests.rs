use super::*;
use madoguchi_core::HistoryAction;

fn sample(kind: ActionKind) -> Action {
    let reason = "添付の書類が読み取れないため".to_string();
    match kind {
        ActionKind::Claim => Action::Claim,
        ActionKind::Assign => Action::Assign,
        ActionKind::RequestCorrection => Action::RequestCorrection { reason },
        ActionKind::Resubmit => Action::Resubmit,
        ActionKind::Approve => Action::Approve,
        ActionKind::Reject => Action::Reject { reason },
        ActionKind::Withdraw => Action::Withdraw,
        ActionKind::Close => Action::Close,
        ActionKind::Extend => Action::Extend { reason, days: 5 },
    }
}

/// The whole process, written out independently of `RULES`: for each action and role,
/// the states it is possible from and where it leads (`=` keeps the state).
const EXPECTED: &str = "
    claim            clerk       arrived>in_review resubmitted>in_review
    claim            supervisor  arrived>in_review resubmitted>in_review
    assign           supervisor  arrived>= in_review>= correction_requested>= resubmitted>=
    request_correction clerk     in_review>correction_requested resubmitted>correction_requested
    request_correction supervisor in_review>correction_requested resubmitted>correction_requested
    resubmit         resident    correction_requested>resubmitted
    approve          clerk       arrived>approved in_review>approved resubmitted>approved
    approve          supervisor  arrived>approved in_review>approved resubmitted>approved
    reject           clerk       arrived>rejected in_review>rejected correction_requested>rejected resubmitted>rejected
    reject           supervisor  arrived>rejected in_review>rejected correction_requested>rejected resubmitted>rejected
    withdraw         resident    arrived>withdrawn in_review>withdrawn correction_requested>withdrawn resubmitted>withdrawn
    close            clerk       approved>closed rejected>closed withdrawn>closed
    close            supervisor  approved>closed rejected>closed withdrawn>closed
    extend           clerk       arrived>= in_review>= resubmitted>=
    extend           supervisor  arrived>= in_review>= resubmitted>=
";

fn expected(from: State, action: ActionKind, role: Role) -> Option<State> {
    for line in EXPECTED.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut words = line.split_whitespace();
        let (a, r) = (words.next().unwrap(), words.next().unwrap());
        if a != action.code() || r != role.code() {
            continue;
        }
        for pair in words {
            let (f, t) = pair.split_once('>').unwrap();
            if f == from.code() {
                return Some(if t == "=" { from } else { t.parse().unwrap() });
            }
        }
    }
    None
}

#[test]
fn every_state_action_and_role_does_exactly_what_the_table_says() {
    let mut allowed = 0;
    for from in State::ALL {
        for kind in ActionKind::ALL {
            for &role in Role::ALL {
                let got = transition(from, &sample(kind), role);
                match expected(from, kind, role) {
                    Some(to) => {
                        assert_eq!(got, Ok(to), "{from} {} {role:?}", kind.code());
                        allowed += 1;
                    }
                    None => assert!(
                        matches!(got, Err(TransitionError::NotAllowed { .. })),
                        "{from} {} {role:?} should be refused, got {got:?}",
                        kind.code()
                    ),
                }
            }
        }
    }
    assert_eq!(
        allowed, 43,
        "of 8 states × 9 actions × 5 roles, 43 are allowed"
    );
}

#[test]
fn authors_and_administrators_have_no_say_over_filings() {
    for from in State::ALL {
        assert!(allowed_actions(from, Role::Author).is_empty());
        assert!(allowed_actions(from, Role::Administrator).is_empty());
    }
    assert_eq!(
        allowed_actions(State::CorrectionRequested, Role::Resident),
        [ActionKind::Resubmit, ActionKind::Withdraw]
    );
}

#[test]
fn refusals_and_corrections_need_reasons() {
    for action in [
        Action::Reject { reason: " ".into() },
        Action::RequestCorrection {
            reason: "\u{3000}x".into(),
        },
        Action::Extend {
            reason: String::new(),
            days: 5,
        },
    ] {
        assert!(matches!(
            transition(State::InReview, &action, Role::Clerk),
            Err(TransitionError::ReasonRequired(_))
        ));
    }
    let long = Action::Reject {
        reason: "理".repeat(MAX_REASON_CHARS + 1),
    };
    assert_eq!(
        transition(State::InReview, &long, Role::Clerk),
        Err(TransitionError::ReasonTooLong)
    );
    for days in [0, MAX_EXTENSION_DAYS + 1] {
        let extend = Action::Extend {
            reason: "現地調査が必要なため".into(),
            days,
        };
        assert_eq!(
            transition(State::InReview, &extend, Role::Clerk),
            Err(TransitionError::ExtensionOutOfRange)
        );
    }
}

#[test]
fn decided_filings_stay_decided() {
    for from in [
        State::Approved,
        State::Rejected,
        State::Withdrawn,
        State::Closed,
    ] {
        assert!(from.is_final());
        for kind in [
            ActionKind::Approve,
            ActionKind::Reject,
            ActionKind::Withdraw,
        ] {
            for &role in Role::ALL {
                assert!(transition(from, &sample(kind), role).is_err());
            }
        }
    }
}

#[test]
fn codes_round_trip() {
    for st in State::ALL {
        assert_eq!(st.code().parse::<State>().unwrap(), st);
        assert!(!st.label().ja.is_empty() && !st.resident_label().en.is_empty());
    }
    for a in ActionKind::ALL {
        assert_eq!(a.code().parse::<ActionKind>().unwrap(), a);
    }
    for &r in Role::ALL {
        assert_eq!(r.code().parse::<Role>().unwrap(), r);
    }
    assert!("approved ".parse::<State>().is_err());
}

#[test]
fn every_action_is_recorded_under_its_own_code_and_read_back() {
    for kind in ActionKind::ALL {
        let recorded = HistoryAction::from(kind);
        assert_eq!(recorded.code(), kind.code());
        assert_eq!(ActionKind::of(recorded), Some(kind));
    }
    for money in [
        HistoryAction::Submit,
        HistoryAction::Payment,
        HistoryAction::Refund,
    ] {
        assert_eq!(ActionKind::of(money), None);
    }
}
