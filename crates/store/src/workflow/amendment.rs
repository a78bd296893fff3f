//! Amending an approved agreement (ขอแก้ไขข้อตกลงระหว่างปี): the maker asks with a reason,
//! the recorded approver allows (a new draft opens) or refuses with a reason.

use std::collections::BTreeMap;

use domain::workflow::{Actor, AgreementAction, AgreementState};
use serde_json::json;

use super::steps::{
    advance, apply, approver_in, current, ensure_recorded_approver, insert_review, latest_version,
    person_in, tell,
};
use super::{Notify, ReviewKind};
use crate::audit::{self, Event};
use crate::{AgreementId, PersonId, Result, Store, StoreError};

impl Store {
    /// The maker asks to amend an approved agreement, with a reason. Notifies the approver.
    ///
    /// The approver is looked up again (the director may have changed since the approval);
    /// with nobody to decide, the request is refused rather than left where no one can act.
    pub async fn request_amendment(
        &self,
        maker: &PersonId,
        id: &AgreementId,
        reason: &str,
        notify: &Notify,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let cur = current(&mut tx, id).await?;
        if cur.stored.person_id != *maker {
            return Err(StoreError::NotFound("ข้อตกลง"));
        }
        let reason = reason.trim();
        let next = apply(
            &cur,
            Actor::Maker,
            &AgreementAction::RequestAmendment {
                reason: reason.to_owned(),
            },
        )?;
        let approver = approver_in(&mut tx, maker).await?.ok_or_else(|| {
            StoreError::Invalid("ยังไม่มีผู้บังคับบัญชาที่จะพิจารณาคำขอแก้ไข กรุณาติดต่อเจ้าหน้าที่หน่วยงาน".into())
        })?;
        let version_number = latest_version(&mut tx, id).await?;
        advance(&mut tx, &cur, next, &cur.stored.content, Some(&approver.id)).await?;
        insert_review(
            &mut tx,
            id,
            version_number,
            maker,
            ReviewKind::AmendmentRequest,
            reason,
            &BTreeMap::new(),
        )
        .await?;
        let maker_person = person_in(&mut tx, maker).await?;
        let message = format!(
            "{} ขอแก้ไขข้อตกลงในการพัฒนางาน ปีงบประมาณ {} รอการพิจารณา เหตุผล: {reason}",
            maker_person.full_name(),
            cur.stored.fiscal_year
        );
        tell(
            &mut tx,
            notify,
            &approver,
            id,
            &message,
            "คำขอแก้ไขข้อตกลงในการพัฒนางานรอการพิจารณา",
            &format!("/reviews/{id}"),
        )
        .await?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&maker.0),
                action: "agreement.amendment_request",
                entity: "agreement",
                entity_id: &id.0,
                detail: json!({"reason": reason, "version_number": version_number, "approver": approver.id}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The approver allows (a new draft opens) or refuses (a reason is required) an amendment.
    ///
    /// Allowing reopens the agreement as a draft; the approved versions stay frozen in
    /// `agreement_versions`, and the opinion box is emptied because the new draft has none yet.
    pub async fn decide_amendment(
        &self,
        approver: &PersonId,
        id: &AgreementId,
        allow: bool,
        reason: &str,
        notify: &Notify,
    ) -> Result<AgreementState> {
        let mut tx = self.write().await?;
        let cur = current(&mut tx, id).await?;
        ensure_recorded_approver(&cur, approver)?;
        let reason = reason.trim();
        let (action, kind, code) = if allow {
            (
                AgreementAction::GrantAmendment,
                ReviewKind::AmendmentAllowed,
                "agreement.amendment_allow",
            )
        } else {
            (
                AgreementAction::DenyAmendment {
                    reason: reason.to_owned(),
                },
                ReviewKind::AmendmentRefused,
                "agreement.amendment_refuse",
            )
        };
        let next = apply(&cur, Actor::Approver, &action)?;
        let version_number = latest_version(&mut tx, id).await?;
        let mut content = cur.stored.content.clone();
        if allow {
            content.approval = None;
        }
        advance(&mut tx, &cur, next, &content, cur.approver_id.as_deref()).await?;
        insert_review(
            &mut tx,
            id,
            version_number,
            approver,
            kind,
            reason,
            &BTreeMap::new(),
        )
        .await?;
        let approver_person = person_in(&mut tx, approver).await?;
        let maker = person_in(&mut tx, &cur.stored.person_id).await?;
        let fy = cur.stored.fiscal_year;
        let (message, subject) = if allow {
            (
                format!(
                    "{} อนุญาตให้แก้ไขข้อตกลงในการพัฒนางาน ปีงบประมาณ {fy} แล้ว แก้ไขแล้วเสนอใหม่ได้",
                    approver_person.full_name()
                ),
                "อนุญาตให้แก้ไขข้อตกลงในการพัฒนางานแล้ว",
            )
        } else {
            (
                format!(
                    "{} ไม่อนุญาตให้แก้ไขข้อตกลงในการพัฒนางาน ปีงบประมาณ {fy} เหตุผล: {reason}",
                    approver_person.full_name()
                ),
                "ไม่อนุญาตให้แก้ไขข้อตกลงในการพัฒนางาน",
            )
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
                actor: Some(&approver.0),
                action: code,
                entity: "agreement",
                entity_id: &id.0,
                detail: json!({"allow": allow, "reason": reason, "version_number": version_number}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }
}
