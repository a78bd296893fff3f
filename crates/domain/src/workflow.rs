//! The life of an agreement and of a committee member's score sheet, as pure transitions.
//!
//! Every transition names who may make it; anything else is refused with a Thai reason, never
//! silently ignored (STYLE.md). Record-level checks (is this *the* approver of *this* maker?)
//! happen before a call here, in the store; this module decides what a role may do in a state.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// สถานะของข้อตกลง.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementState {
    /// ร่าง: the maker is writing.
    Draft,
    /// เสนอแล้ว: frozen as a version, waiting for the approver.
    Submitted,
    /// ส่งกลับแก้ไข (ไม่เห็นชอบ พร้อมข้อเสนอแนะ).
    Returned,
    /// เห็นชอบแล้ว: the agreement for the year; evidence is recorded against it.
    Approved,
    /// ขอแก้ไขข้อตกลงระหว่างปี: the maker asked to change an approved agreement.
    AmendmentRequested,
    /// ส่งรายงานผลการพัฒนางานตามข้อตกลงแล้ว.
    SelfReportSubmitted,
    /// อยู่ระหว่างการประเมินของคณะกรรมการ.
    UnderEvaluation,
    /// ประเมินแล้ว: the chair finalised the result.
    Evaluated,
}

impl AgreementState {
    pub const ALL: [AgreementState; 8] = [
        AgreementState::Draft,
        AgreementState::Submitted,
        AgreementState::Returned,
        AgreementState::Approved,
        AgreementState::AmendmentRequested,
        AgreementState::SelfReportSubmitted,
        AgreementState::UnderEvaluation,
        AgreementState::Evaluated,
    ];

    /// Evidence and the self-report may still be added: the agreement is approved (or its
    /// amendment is being asked for, or a committee appointed from the approval is scoring).
    /// Whether the self-report already went in is the store's to tell.
    pub fn takes_evidence(self) -> bool {
        matches!(
            self,
            AgreementState::Approved
                | AgreementState::AmendmentRequested
                | AgreementState::UnderEvaluation
        )
    }

    pub fn thai(self) -> &'static str {
        match self {
            AgreementState::Draft => "ร่าง",
            AgreementState::Submitted => "รอการพิจารณา",
            AgreementState::Returned => "ส่งกลับแก้ไข",
            AgreementState::Approved => "เห็นชอบแล้ว",
            AgreementState::AmendmentRequested => "ขอแก้ไขข้อตกลง",
            AgreementState::SelfReportSubmitted => "ส่งรายงานผลแล้ว",
            AgreementState::UnderEvaluation => "อยู่ระหว่างการประเมิน",
            AgreementState::Evaluated => "ประเมินแล้ว",
        }
    }
}

/// Who acts, by their relation to the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// ผู้จัดทำข้อตกลง.
    Maker,
    /// ผู้บังคับบัญชา who approves the agreement.
    Approver,
    /// ประธานกรรมการผู้ประเมิน.
    CommitteeChair,
    /// กรรมการผู้ประเมิน.
    CommitteeMember,
    /// เจ้าหน้าที่หน่วยงาน (school office, ESA office) above the maker.
    UnitOfficer,
}

impl Actor {
    pub const ALL: [Actor; 5] = [
        Actor::Maker,
        Actor::Approver,
        Actor::CommitteeChair,
        Actor::CommitteeMember,
        Actor::UnitOfficer,
    ];

    pub fn thai(self) -> &'static str {
        match self {
            Actor::Maker => "ผู้จัดทำข้อตกลง",
            Actor::Approver => "ผู้บังคับบัญชา",
            Actor::CommitteeChair => "ประธานกรรมการผู้ประเมิน",
            Actor::CommitteeMember => "กรรมการผู้ประเมิน",
            Actor::UnitOfficer => "เจ้าหน้าที่หน่วยงาน",
        }
    }
}

/// What someone asks to do with an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementAction {
    /// Save content: only while the maker holds the pen.
    Edit,
    Submit,
    /// Take a submission back before the approver has decided.
    Withdraw,
    Approve,
    /// ไม่เห็นชอบ: suggestions are required (seed 001 closing block).
    Return {
        suggestions: String,
    },
    RequestAmendment {
        reason: String,
    },
    GrantAmendment,
    DenyAmendment {
        reason: String,
    },
    SubmitSelfReport,
    /// The committee is appointed and evaluation starts: after the self-report, or straight
    /// from the approved agreement (the committee judges real practice, seed 001 notes).
    StartEvaluation,
    /// A further round on an evaluated agreement: re-evaluation after a failed result, or the
    /// next evaluation period of the fiscal year.
    StartNextRound,
    /// All sheets signed: the chair finalises PA 3.
    Finalize,
    /// After finalisation, only a recorded reopening with a reason changes anything.
    Reopen {
        reason: String,
    },
}

impl AgreementAction {
    /// One of each action, with non-empty reasons, for exhaustive tests and listings.
    pub fn samples() -> Vec<AgreementAction> {
        let r = || "เหตุผล".to_owned();
        vec![
            AgreementAction::Edit,
            AgreementAction::Submit,
            AgreementAction::Withdraw,
            AgreementAction::Approve,
            AgreementAction::Return { suggestions: r() },
            AgreementAction::RequestAmendment { reason: r() },
            AgreementAction::GrantAmendment,
            AgreementAction::DenyAmendment { reason: r() },
            AgreementAction::SubmitSelfReport,
            AgreementAction::StartEvaluation,
            AgreementAction::StartNextRound,
            AgreementAction::Finalize,
            AgreementAction::Reopen { reason: r() },
        ]
    }

    pub fn thai(&self) -> &'static str {
        match self {
            AgreementAction::Edit => "แก้ไขข้อตกลง",
            AgreementAction::Submit => "เสนอข้อตกลง",
            AgreementAction::Withdraw => "ถอนการเสนอ",
            AgreementAction::Approve => "เห็นชอบ",
            AgreementAction::Return { .. } => "ไม่เห็นชอบและส่งกลับแก้ไข",
            AgreementAction::RequestAmendment { .. } => "ขอแก้ไขข้อตกลง",
            AgreementAction::GrantAmendment => "อนุญาตให้แก้ไขข้อตกลง",
            AgreementAction::DenyAmendment { .. } => "ไม่อนุญาตให้แก้ไขข้อตกลง",
            AgreementAction::SubmitSelfReport => "ส่งรายงานผลการพัฒนางาน",
            AgreementAction::StartEvaluation => "เริ่มการประเมิน",
            AgreementAction::StartNextRound => "เริ่มการประเมินรอบใหม่",
            AgreementAction::Finalize => "ยืนยันผลการประเมิน",
            AgreementAction::Reopen { .. } => "เปิดผลการประเมินใหม่",
        }
    }

    /// The free text the action must carry, if any.
    fn required_text(&self) -> Option<&str> {
        match self {
            AgreementAction::Return { suggestions } => Some(suggestions),
            AgreementAction::RequestAmendment { reason }
            | AgreementAction::DenyAmendment { reason }
            | AgreementAction::Reopen { reason } => Some(reason),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorkflowError {
    #[error("{actor} ไม่มีสิทธิ์{action}")]
    NotAllowed {
        actor: &'static str,
        action: &'static str,
    },
    #[error("ไม่สามารถ{action}ได้ เพราะข้อตกลงอยู่ในสถานะ \"{state}\"")]
    WrongState {
        action: &'static str,
        state: &'static str,
    },
    #[error("กรุณาระบุ{0}")]
    TextRequired(&'static str),
    #[error("ไม่สามารถ{action}ได้ เพราะใบประเมินอยู่ในสถานะ \"{state}\"")]
    SheetWrongState {
        action: &'static str,
        state: &'static str,
    },
}

/// The transition table: for each action, who may take it and from which states to where.
fn rule(
    action: &AgreementAction,
) -> (
    &'static [Actor],
    &'static [(AgreementState, AgreementState)],
) {
    use AgreementState::*;
    match action {
        AgreementAction::Edit => (&[Actor::Maker], &[(Draft, Draft), (Returned, Returned)]),
        AgreementAction::Submit => (
            &[Actor::Maker],
            &[(Draft, Submitted), (Returned, Submitted)],
        ),
        AgreementAction::Withdraw => (&[Actor::Maker], &[(Submitted, Draft)]),
        AgreementAction::Approve => (&[Actor::Approver], &[(Submitted, Approved)]),
        AgreementAction::Return { .. } => (&[Actor::Approver], &[(Submitted, Returned)]),
        AgreementAction::RequestAmendment { .. } => {
            (&[Actor::Maker], &[(Approved, AmendmentRequested)])
        }
        AgreementAction::GrantAmendment => (&[Actor::Approver], &[(AmendmentRequested, Draft)]),
        AgreementAction::DenyAmendment { .. } => {
            (&[Actor::Approver], &[(AmendmentRequested, Approved)])
        }
        // A committee appointed straight from the approved agreement may already be scoring:
        // the report still goes in, and the evaluation goes on.
        AgreementAction::SubmitSelfReport => (
            &[Actor::Maker],
            &[
                (Approved, SelfReportSubmitted),
                (UnderEvaluation, UnderEvaluation),
            ],
        ),
        AgreementAction::StartEvaluation => (
            &[Actor::UnitOfficer, Actor::Approver],
            &[
                (Approved, UnderEvaluation),
                (SelfReportSubmitted, UnderEvaluation),
            ],
        ),
        AgreementAction::StartNextRound => (
            &[Actor::UnitOfficer, Actor::Approver],
            &[(Evaluated, UnderEvaluation)],
        ),
        AgreementAction::Finalize => (&[Actor::CommitteeChair], &[(UnderEvaluation, Evaluated)]),
        AgreementAction::Reopen { .. } => (&[Actor::UnitOfficer], &[(Evaluated, UnderEvaluation)]),
    }
}

impl AgreementState {
    /// The state after `actor` takes `action`, or why they may not.
    pub fn apply(
        self,
        actor: Actor,
        action: &AgreementAction,
    ) -> Result<AgreementState, WorkflowError> {
        let (actors, moves) = rule(action);
        if !actors.contains(&actor) {
            return Err(WorkflowError::NotAllowed {
                actor: actor.thai(),
                action: action.thai(),
            });
        }
        let next = moves
            .iter()
            .find(|(from, _)| *from == self)
            .map(|(_, to)| *to)
            .ok_or(WorkflowError::WrongState {
                action: action.thai(),
                state: self.thai(),
            })?;
        if action.required_text().is_some_and(|t| t.trim().is_empty()) {
            let what = match action {
                AgreementAction::Return { .. } => "ข้อเสนอแนะเพื่อนำไปแก้ไข",
                _ => "เหตุผล",
            };
            return Err(WorkflowError::TextRequired(what));
        }
        Ok(next)
    }
}

/// สถานะใบประเมิน (PA 2) of one committee member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetState {
    Draft,
    /// ลงนามแล้ว: locked.
    Signed,
}

impl SheetState {
    pub const ALL: [SheetState; 2] = [SheetState::Draft, SheetState::Signed];

    pub fn thai(self) -> &'static str {
        match self {
            SheetState::Draft => "ร่าง",
            SheetState::Signed => "ลงนามแล้ว",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetAction {
    Save,
    Sign,
    /// An officer unlocks a signed sheet, with a recorded reason.
    Reopen {
        reason: String,
    },
}

impl SheetAction {
    pub fn samples() -> Vec<SheetAction> {
        vec![
            SheetAction::Save,
            SheetAction::Sign,
            SheetAction::Reopen {
                reason: "เหตุผล".into(),
            },
        ]
    }

    pub fn thai(&self) -> &'static str {
        match self {
            SheetAction::Save => "บันทึกคะแนน",
            SheetAction::Sign => "ลงนามใบประเมิน",
            SheetAction::Reopen { .. } => "เปิดใบประเมินใหม่",
        }
    }
}

impl SheetState {
    /// The sheet's owner (a chair or member) saves and signs; only an officer reopens.
    pub fn apply(self, actor: Actor, action: &SheetAction) -> Result<SheetState, WorkflowError> {
        let owner = matches!(actor, Actor::CommitteeChair | Actor::CommitteeMember);
        let (allowed, from, to) = match action {
            SheetAction::Save => (owner, SheetState::Draft, SheetState::Draft),
            SheetAction::Sign => (owner, SheetState::Draft, SheetState::Signed),
            SheetAction::Reopen { .. } => (
                actor == Actor::UnitOfficer,
                SheetState::Signed,
                SheetState::Draft,
            ),
        };
        if !allowed {
            return Err(WorkflowError::NotAllowed {
                actor: actor.thai(),
                action: action.thai(),
            });
        }
        if self != from {
            return Err(WorkflowError::SheetWrongState {
                action: action.thai(),
                state: self.thai(),
            });
        }
        if let SheetAction::Reopen { reason } = action
            && reason.trim().is_empty()
        {
            return Err(WorkflowError::TextRequired("เหตุผล"));
        }
        Ok(to)
    }
}

#[cfg(test)]
mod tests;
