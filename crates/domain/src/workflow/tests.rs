use super::*;
use AgreementState::*;

/// The allowed moves, written out independently of the implementation's table.
const ALLOWED: &[(AgreementState, &str, Actor, AgreementState)] = &[
    (Draft, "Edit", Actor::Maker, Draft),
    (Returned, "Edit", Actor::Maker, Returned),
    (Draft, "Submit", Actor::Maker, Submitted),
    (Returned, "Submit", Actor::Maker, Submitted),
    (Submitted, "Withdraw", Actor::Maker, Draft),
    (Submitted, "Approve", Actor::Approver, Approved),
    (Submitted, "Return", Actor::Approver, Returned),
    (
        Approved,
        "RequestAmendment",
        Actor::Maker,
        AmendmentRequested,
    ),
    (AmendmentRequested, "GrantAmendment", Actor::Approver, Draft),
    (
        AmendmentRequested,
        "DenyAmendment",
        Actor::Approver,
        Approved,
    ),
    (
        Approved,
        "SubmitSelfReport",
        Actor::Maker,
        SelfReportSubmitted,
    ),
    (
        UnderEvaluation,
        "SubmitSelfReport",
        Actor::Maker,
        UnderEvaluation,
    ),
    (
        SelfReportSubmitted,
        "StartEvaluation",
        Actor::UnitOfficer,
        UnderEvaluation,
    ),
    (
        SelfReportSubmitted,
        "StartEvaluation",
        Actor::Approver,
        UnderEvaluation,
    ),
    (
        Approved,
        "StartEvaluation",
        Actor::UnitOfficer,
        UnderEvaluation,
    ),
    (
        Approved,
        "StartEvaluation",
        Actor::Approver,
        UnderEvaluation,
    ),
    (
        Evaluated,
        "StartNextRound",
        Actor::UnitOfficer,
        UnderEvaluation,
    ),
    (
        Evaluated,
        "StartNextRound",
        Actor::Approver,
        UnderEvaluation,
    ),
    (
        UnderEvaluation,
        "Finalize",
        Actor::CommitteeChair,
        Evaluated,
    ),
    (Evaluated, "Reopen", Actor::UnitOfficer, UnderEvaluation),
];

fn name(a: &AgreementAction) -> String {
    let debug = format!("{a:?}");
    debug
        .split([' ', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn every_state_action_actor_combination_is_allowed_exactly_when_listed() {
    let mut allowed_seen = 0;
    for state in AgreementState::ALL {
        for action in AgreementAction::samples() {
            for actor in Actor::ALL {
                let expected = ALLOWED
                    .iter()
                    .find(|(s, a, who, _)| *s == state && *a == name(&action) && *who == actor)
                    .map(|(_, _, _, to)| *to);
                let got = state.apply(actor, &action);
                match expected {
                    Some(to) => {
                        allowed_seen += 1;
                        assert_eq!(got, Ok(to), "{state:?} {action:?} {actor:?}");
                    }
                    None => assert!(
                        got.is_err(),
                        "{state:?} {action:?} {actor:?} must be refused"
                    ),
                }
            }
        }
    }
    assert_eq!(allowed_seen, ALLOWED.len());
}

#[test]
fn returning_without_suggestions_is_refused() {
    let r = Submitted.apply(
        Actor::Approver,
        &AgreementAction::Return {
            suggestions: "  ".into(),
        },
    );
    assert_eq!(r, Err(WorkflowError::TextRequired("ข้อเสนอแนะเพื่อนำไปแก้ไข")));
}

#[test]
fn reopening_an_evaluated_agreement_needs_a_reason() {
    let r = Evaluated.apply(
        Actor::UnitOfficer,
        &AgreementAction::Reopen {
            reason: String::new(),
        },
    );
    assert_eq!(r, Err(WorkflowError::TextRequired("เหตุผล")));
}

#[test]
fn a_maker_cannot_approve_their_own_agreement() {
    let err = Submitted
        .apply(Actor::Maker, &AgreementAction::Approve)
        .unwrap_err();
    assert_eq!(err.to_string(), "ผู้จัดทำข้อตกลง ไม่มีสิทธิ์เห็นชอบ");
}

#[test]
fn an_approved_agreement_cannot_be_edited() {
    let err = Approved
        .apply(Actor::Maker, &AgreementAction::Edit)
        .unwrap_err();
    assert!(err.to_string().contains("เห็นชอบแล้ว"), "{err}");
}

const SHEET_ALLOWED: &[(SheetState, &str, Actor, SheetState)] = &[
    (
        SheetState::Draft,
        "Save",
        Actor::CommitteeChair,
        SheetState::Draft,
    ),
    (
        SheetState::Draft,
        "Save",
        Actor::CommitteeMember,
        SheetState::Draft,
    ),
    (
        SheetState::Draft,
        "Sign",
        Actor::CommitteeChair,
        SheetState::Signed,
    ),
    (
        SheetState::Draft,
        "Sign",
        Actor::CommitteeMember,
        SheetState::Signed,
    ),
    (
        SheetState::Signed,
        "Reopen",
        Actor::UnitOfficer,
        SheetState::Draft,
    ),
];

#[test]
fn every_sheet_state_action_actor_combination_is_allowed_exactly_when_listed() {
    for state in SheetState::ALL {
        for action in SheetAction::samples() {
            let action_name = format!("{action:?}");
            for actor in Actor::ALL {
                let expected = SHEET_ALLOWED
                    .iter()
                    .find(|(s, a, who, _)| {
                        *s == state && action_name.starts_with(a) && *who == actor
                    })
                    .map(|(_, _, _, to)| *to);
                let got = state.apply(actor, &action);
                match expected {
                    Some(to) => assert_eq!(got, Ok(to), "{state:?} {action:?} {actor:?}"),
                    None => assert!(
                        got.is_err(),
                        "{state:?} {action:?} {actor:?} must be refused"
                    ),
                }
            }
        }
    }
}

#[test]
fn a_signed_sheet_is_locked_for_its_member() {
    let err = SheetState::Signed
        .apply(Actor::CommitteeMember, &SheetAction::Save)
        .unwrap_err();
    assert!(err.to_string().contains("ลงนามแล้ว"), "{err}");
}
