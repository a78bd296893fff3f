//! The agreement's workflow as use cases: submit, review (approve or return with suggestions,
//! optionally per field), amendments, the approver's inbox, the agreement's history, and the
//! in-app notifications (and queued mail) each step sends. Each method owns its transaction:
//! the transition, the review row, the notifications, the mail jobs and the audit event commit
//! together or not at all.

mod amendment;
pub mod evaluation;
mod history;
mod queries;
mod steps;

use std::collections::BTreeMap;

use domain::agreement::{ApprovalOpinion, Decision, Signature};
use domain::workflow::{Actor, AgreementAction, AgreementState};
use serde_json::json;
use sqlx::{Any, Transaction};

use crate::agreements::freeze_version;
use crate::audit::{self, Event};
use crate::people::Person;
use crate::{AgreementId, PersonId, Result, Store, StoreError};
use steps::{
    advance, apply, approver_in, current, ensure_recorded_approver, insert_review, latest_version,
    person_in, position_text, tell, today_in_thailand,
};

/// How the caller wants people told: in-app always; by mail when SMTP is configured.
#[derive(Debug, Clone, Default)]
pub struct Notify {
    /// Queue an e-mail job for each recipient with an e-mail address.
    pub mail: bool,
    /// The address links in mails point to, e.g. `https://pa.example.go.th`.
    pub base_url: String,
}

/// One decision recorded on an agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: String,
    /// The submitted version the decision was made on.
    pub version_number: i64,
    pub reviewer_id: PersonId,
    pub reviewer_name: String,
    pub kind: ReviewKind,
    /// ข้อเสนอแนะ (return) or the reason (amendment request / refusal).
    pub text: String,
    /// Suggestions attached to fields, by path.
    pub field_comments: BTreeMap<String, String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKind {
    Approve,
    Return,
    AmendmentRequest,
    AmendmentAllowed,
    AmendmentRefused,
}

impl ReviewKind {
    pub const ALL: [ReviewKind; 5] = [
        ReviewKind::Approve,
        ReviewKind::Return,
        ReviewKind::AmendmentRequest,
        ReviewKind::AmendmentAllowed,
        ReviewKind::AmendmentRefused,
    ];

    /// The value of `reviews.decision`.
    pub fn code(self) -> &'static str {
        match self {
            ReviewKind::Approve => "approve",
            ReviewKind::Return => "return",
            ReviewKind::AmendmentRequest => "amendment_request",
            ReviewKind::AmendmentAllowed => "amendment_allowed",
            ReviewKind::AmendmentRefused => "amendment_refused",
        }
    }

    pub fn from_code(code: &str) -> Option<ReviewKind> {
        ReviewKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A row of the approver's inbox.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxItem {
    pub agreement_id: AgreementId,
    pub state: AgreementState,
    pub fiscal_year: i64,
    pub form_id: String,
    pub maker: Person,
    pub unit_name: String,
    /// When it entered its current state (submission or amendment request), Unix ms.
    pub since: i64,
    /// The submitted version number waiting for a decision.
    pub version_number: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: String,
    pub agreement_id: Option<AgreementId>,
    pub message: String,
    pub created_at: i64,
    pub read: bool,
}

/// One step in an agreement's history, from its audit events.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub at: i64,
    pub actor_name: String,
    /// Thai description: "เสนอข้อตกลง ฉบับที่ 2", "ไม่เห็นชอบ: …".
    pub what: String,
}

pub(super) type Tx = Transaction<'static, Any>;

/// The agreement row a use case decides on, read inside its transaction.
pub(super) struct Current {
    pub(super) stored: crate::agreements::StoredAgreement,
    pub(super) approver_id: Option<String>,
}

impl Store {
    /// The maker submits: refused unless `based_on` is the current version (a stale tab must
    /// not submit what it has not seen). Freezes the content as the next numbered version,
    /// records the approver (`approver_of`), notifies them. Returns the version number.
    ///
    /// The opinion box is emptied first: an earlier return's opinion belongs to the version it
    /// was given on (it stays in `reviews`), not to the one now waiting for a decision.
    pub async fn submit_agreement(
        &self,
        maker: &PersonId,
        id: &AgreementId,
        based_on: i64,
        notify: &Notify,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let cur = current(&mut tx, id).await?;
        if cur.stored.person_id != *maker {
            return Err(StoreError::NotFound("ข้อตกลง"));
        }
        if cur.stored.version != based_on {
            return Err(StoreError::Conflict {
                current: cur.stored.version,
            });
        }
        let next = apply(&cur, Actor::Maker, &AgreementAction::Submit)?;
        let approver = approver_in(&mut tx, maker).await?;
        let mut content = cur.stored.content.clone();
        content.approval = None;
        let approver_id = approver.as_ref().map(|p| p.id.as_str());
        advance(&mut tx, &cur, next, &content, approver_id).await?;
        let number = freeze_version(&mut tx, id, maker).await?;
        if let Some(approver) = &approver {
            let maker_person = person_in(&mut tx, maker).await?;
            let message = format!(
                "{} เสนอข้อตกลงในการพัฒนางาน ปีงบประมาณ {} รอการพิจารณา",
                maker_person.full_name(),
                cur.stored.fiscal_year
            );
            tell(
                &mut tx,
                notify,
                approver,
                id,
                &message,
                "ข้อตกลงในการพัฒนางานรอการพิจารณา",
                &format!("/reviews/{id}"),
            )
            .await?;
        }
        audit::record(
            &mut tx,
            Event {
                actor: Some(&maker.0),
                action: "agreement.submit",
                entity: "agreement",
                entity_id: &id.0,
                detail: json!({"version_number": number, "approver": approver_id}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(number)
    }

    /// The approver decides on the latest submitted version: approve, or return with
    /// suggestions (required) and comments per field. Notifies the maker.
    ///
    /// Only the approver recorded at submission may decide; anyone else is told the agreement
    /// does not exist, so an id reveals nothing. The opinion goes into the agreement's content
    /// (the printed form's opinion box); the frozen version stays as it was submitted.
    pub async fn review_agreement(
        &self,
        reviewer: &PersonId,
        id: &AgreementId,
        decision: Decision,
        suggestions: &str,
        field_comments: &BTreeMap<String, String>,
        notify: &Notify,
    ) -> Result<AgreementState> {
        let mut tx = self.write().await?;
        let cur = current(&mut tx, id).await?;
        ensure_recorded_approver(&cur, reviewer)?;
        let suggestions = suggestions.trim();
        let (action, kind) = match decision {
            Decision::Approve => (AgreementAction::Approve, ReviewKind::Approve),
            Decision::Return => (
                AgreementAction::Return {
                    suggestions: suggestions.to_owned(),
                },
                ReviewKind::Return,
            ),
        };
        let next = apply(&cur, Actor::Approver, &action)?;
        let version_number = latest_version(&mut tx, id).await?;
        let comments: BTreeMap<String, String> = field_comments
            .iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(path, text)| (path.clone(), text.trim().to_owned()))
            .collect();
        let reviewer_person = person_in(&mut tx, reviewer).await?;
        let mut content = cur.stored.content.clone();
        content.approval = Some(ApprovalOpinion {
            decision,
            suggestions: suggestions.to_owned(),
            signature: Signature {
                name: reviewer_person.full_name(),
                position_text: position_text(&reviewer_person),
                date: today_in_thailand(),
            },
        });
        advance(&mut tx, &cur, next, &content, cur.approver_id.as_deref()).await?;
        insert_review(
            &mut tx,
            id,
            version_number,
            reviewer,
            kind,
            suggestions,
            &comments,
        )
        .await?;
        let maker = person_in(&mut tx, &cur.stored.person_id).await?;
        let fy = cur.stored.fiscal_year;
        let (message, subject) = match decision {
            Decision::Approve => (
                format!(
                    "{} เห็นชอบข้อตกลงในการพัฒนางาน ปีงบประมาณ {fy} แล้ว",
                    reviewer_person.full_name()
                ),
                "ข้อตกลงในการพัฒนางานได้รับความเห็นชอบแล้ว",
            ),
            Decision::Return => (
                format!(
                    "{} ไม่เห็นชอบข้อตกลงในการพัฒนางาน ปีงบประมาณ {fy} และส่งกลับพร้อมข้อเสนอแนะเพื่อนำไปแก้ไข",
                    reviewer_person.full_name()
                ),
                "ข้อตกลงในการพัฒนางานถูกส่งกลับแก้ไข",
            ),
        };
        tell(
            &mut tx,
            notify,
            &maker,
            id,
            &message,
            subject,
            &format!("/agreements/{id}"),
        )
        .await?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&reviewer.0),
                action: "agreement.review",
                entity: "agreement",
                entity_id: &id.0,
                detail: json!({
                    "decision": kind.code(),
                    "version_number": version_number,
                    "suggestions": suggestions,
                    "field_comments": comments,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Who approves this maker's agreement: see `domain::access::choose_approver`.
    pub async fn approver_of(&self, maker: &PersonId) -> Result<Option<Person>> {
        let mut conn = self.pool().acquire().await?;
        approver_in(&mut conn, maker).await
    }

    /// The approver recorded on the agreement at its last submission or amendment request.
    pub async fn agreement_approver(&self, id: &AgreementId) -> Result<Option<PersonId>> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT approver_id FROM agreements WHERE id = $1")
                .bind(&id.0)
                .fetch_optional(self.pool())
                .await?;
        let (approver,) = row.ok_or(StoreError::NotFound("ข้อตกลง"))?;
        Ok(approver.map(PersonId))
    }
}
