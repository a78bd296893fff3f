//! The committee's evaluation as use cases: appointment (checked by `domain::evaluation`),
//! each member's PA 2 sheet (draft, sign), the chair's finalisation into PA 3 (scored by
//! `domain::scoring`, the code `thaipa score` runs), an officer's recorded reopening, and
//! further rounds. Each method owns its transaction and writes its audit event inside it.

mod queries;

use std::collections::BTreeMap;

use domain::catalog::Form;
use domain::evaluation::{self as rules, Basis, Evaluee, Proposed};
use domain::scoring::{Evaluation, Level, Outcome, Seat, Sheet};
use domain::workflow::{Actor, AgreementAction, AgreementState, SheetAction, SheetState};
use serde_json::json;

use super::steps::{advance, apply, current, person_in, position_text, tell};
use super::{Current, Notify, Tx};
use crate::agreements::form_named;
use crate::audit::{self, Event};
use crate::people::Person;
use crate::{AgreementId, PersonId, Result, Store, StoreError, UnitId, new_id, now_ms, on_unique};

pub use queries::{Assignment, YearRecord};

/// The id of a committee (one evaluation round of one agreement).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommitteeId(pub String);

impl std::fmt::Display for CommitteeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One seat as the appointing officer chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatChoice {
    pub seat: Seat,
    pub basis: Basis,
    pub person: PersonId,
}

/// A committee to appoint: the seats (chair first), the period it evaluates, the due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub seats: Vec<SeatChoice>,
    /// Index into the deployment's evaluation periods.
    pub period: i64,
    /// YYYY-MM-DD, or none.
    pub deadline: Option<String>,
}

/// An outside expert (ผู้ทรงคุณวุฒิภายนอก) as registered by an officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expert {
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    /// ตำแหน่ง/สังกัด as they sign: "ผู้ช่วยศาสตราจารย์ มหาวิทยาลัยราชภัฏเชียงราย".
    pub position_text: String,
    pub email: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitteeStatus {
    /// Members are scoring.
    Scoring,
    /// The chair has finalised PA 3.
    Finalized,
}

impl CommitteeStatus {
    fn code(self) -> &'static str {
        match self {
            CommitteeStatus::Scoring => "scoring",
            CommitteeStatus::Finalized => "finalized",
        }
    }

    fn parse(code: &str) -> Result<CommitteeStatus> {
        match code {
            "scoring" => Ok(CommitteeStatus::Scoring),
            "finalized" => Ok(CommitteeStatus::Finalized),
            other => Err(StoreError::Corrupt(format!(
                "สถานะคณะกรรมการ {other} ไม่รู้จัก"
            ))),
        }
    }
}

/// A member's PA 2 as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSheet {
    pub id: String,
    pub state: SheetState,
    pub part1: BTreeMap<String, Level>,
    pub part2: BTreeMap<String, Level>,
    /// The member's judgment on the workload rule; `None` until they give it.
    pub workload_met: Option<bool>,
    pub comment: String,
    pub signed_at: Option<i64>,
    pub version: i64,
}

/// One seat of a stored committee, with its sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: String,
    /// 0 for the chair, then 1, 2…
    pub ordinal: i64,
    pub seat: Seat,
    pub basis: Basis,
    pub person: Person,
    pub position_text: String,
    pub sheet: StoredSheet,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Committee {
    pub id: CommitteeId,
    pub agreement_id: AgreementId,
    /// 1 for the first evaluation of the agreement, counting every round of every period.
    pub round: i64,
    pub period: i64,
    pub follows: Option<CommitteeId>,
    pub status: CommitteeStatus,
    pub deadline: Option<String>,
    /// PA 3 as computed at finalisation.
    pub outcome: Option<Outcome>,
    pub finalized_at: Option<i64>,
    pub version: i64,
    /// Chair first, then members in order.
    pub members: Vec<Member>,
}

impl Committee {
    pub fn all_signed(&self) -> bool {
        !self.members.is_empty()
            && self
                .members
                .iter()
                .all(|m| m.sheet.state == SheetState::Signed)
    }

    pub fn member_of(&self, person: &PersonId) -> Option<&Member> {
        self.members.iter().find(|m| m.person.id == person.0)
    }

    /// The sheets as `domain::scoring` reads them (a missing level is simply absent).
    pub fn evaluation<'f>(&self, form: &'f Form) -> Evaluation<'f> {
        Evaluation {
            form,
            workload_met: self
                .members
                .iter()
                .all(|m| m.sheet.workload_met == Some(true)),
            sheets: self
                .members
                .iter()
                .map(|m| Sheet {
                    name: m.person.full_name(),
                    seat: m.seat,
                    part1: m.sheet.part1.clone(),
                    part2: m.sheet.part2.clone(),
                    comment: m.sheet.comment.clone(),
                })
                .collect(),
        }
    }
}

/// What a member saves on their sheet: any subset of levels while it is a draft.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetDraft {
    pub part1: BTreeMap<String, Level>,
    pub part2: BTreeMap<String, Level>,
    pub workload_met: Option<bool>,
    pub comment: String,
}

const PART1: &str = "p1:";
const PART2: &str = "p2:";

fn seat_code(s: Seat) -> &'static str {
    match s {
        Seat::Chair => "chair",
        Seat::Member => "member",
    }
}

fn invalid(errors: Vec<String>) -> StoreError {
    StoreError::Invalid(errors.join(" · "))
}

impl Store {
    /// Registers an outside expert for committee seats, as a person of `unit` flagged
    /// external, or finds the one already registered with that e-mail. Returns the id and
    /// whether the person is new (and so needs an account).
    pub async fn register_expert(
        &self,
        by: &PersonId,
        unit: &UnitId,
        e: &Expert,
    ) -> Result<(PersonId, bool)> {
        let email = e.email.trim().to_lowercase();
        let mut errors = Vec::new();
        for (value, what) in [
            (&e.first_name, "ชื่อ"),
            (&e.last_name, "นามสกุล"),
            (&e.position_text, "ตำแหน่งและสังกัดของผู้ทรงคุณวุฒิ"),
        ] {
            if value.trim().is_empty() {
                errors.push(format!("กรุณากรอก{what}"));
            }
        }
        if domain::directory::Email::parse(&email).is_err() {
            errors.push(format!("อีเมล \"{}\" ไม่ถูกต้อง", e.email.trim()));
        }
        if !errors.is_empty() {
            return Err(invalid(errors));
        }
        let mut tx = self.write().await?;
        let found: Option<(String,)> = sqlx::query_as("SELECT id FROM people WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some((id,)) = found {
            return Ok((PersonId(id), false));
        }
        let id = new_id();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO people (id, unit_id, title, first_name, last_name, position, standing, email, active, version, \
             created_at, updated_at, external) VALUES ($1, $2, $3, $4, $5, $6, '', $7, 1, 1, $8, $8, 1)",
        )
        .bind(&id)
        .bind(&unit.0)
        .bind(e.title.trim())
        .bind(e.first_name.trim())
        .bind(e.last_name.trim())
        .bind(e.position_text.trim())
        .bind(&email)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|err| on_unique(err, "email", format!("อีเมล {email} มีผู้ใช้แล้ว")))?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "person.register_expert",
                entity: "person",
                entity_id: &id,
                detail: json!({"unit": unit.0, "position": e.position_text.trim()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok((PersonId(id), true))
    }

    /// Appoints the committee for an approved agreement (or one whose self-report is in):
    /// checks every seat against the form's rule, records each seat's basis, opens a draft
    /// sheet per member, starts the evaluation and tells the members.
    ///
    /// `actor` is how the caller stands to the agreement (an officer above the maker or its
    /// approver); the web layer decides that from the caller's grants.
    pub async fn appoint_committee(
        &self,
        by: &PersonId,
        actor: Actor,
        id: &AgreementId,
        a: &Appointment,
        notify: &Notify,
    ) -> Result<CommitteeId> {
        let mut tx = self.write().await?;
        let cur = current(&mut tx, id).await?;
        let next = apply(&cur, actor, &AgreementAction::StartEvaluation)?;
        let committee = open_round(&mut tx, by, &cur, next, a, None, notify).await?;
        tx.commit().await?;
        Ok(committee)
    }

    /// A further round on an evaluated agreement: re-evaluation in the same period after a
    /// failed result, or the next period's evaluation. Links the new committee to the last.
    pub async fn start_next_round(
        &self,
        by: &PersonId,
        actor: Actor,
        previous: &CommitteeId,
        a: &Appointment,
        notify: &Notify,
    ) -> Result<CommitteeId> {
        let mut tx = self.write().await?;
        let prev = queries::committee_in(&mut tx, previous).await?;
        let cur = current(&mut tx, &prev.agreement_id).await?;
        if latest_round(&mut tx, &prev.agreement_id).await? != prev.round {
            return Err(StoreError::Invalid(
                "เริ่มรอบใหม่ได้จากการประเมินรอบล่าสุดเท่านั้น".into(),
            ));
        }
        let failed = prev.outcome.as_ref().is_some_and(|o| !o.passed);
        if a.period < prev.period || (a.period == prev.period && !failed) {
            return Err(StoreError::Invalid(
                "ประเมินซ้ำในรอบเดิมได้เฉพาะเมื่อผลการประเมินไม่ผ่านเกณฑ์ มิฉะนั้นต้องเป็นรอบการประเมินถัดไป".into(),
            ));
        }
        let next = apply(&cur, actor, &AgreementAction::StartNextRound)?;
        let committee = open_round(&mut tx, by, &cur, next, a, Some(&prev), notify).await?;
        tx.commit().await?;
        Ok(committee)
    }

    /// A member saves their draft sheet. Refused unless `based_on` is the sheet's version
    /// (two tabs must not overwrite each other), the sheet is theirs and still a draft, and
    /// every level names an item of the form.
    pub async fn save_sheet(
        &self,
        by: &PersonId,
        committee: &CommitteeId,
        based_on: i64,
        draft: &SheetDraft,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let (c, member, form) = own_sheet(&mut tx, by, committee).await?;
        member
            .sheet
            .state
            .apply(actor_of(member.seat), &SheetAction::Save)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut errors = Vec::new();
        let codes = form.indicator_codes();
        for code in draft.part1.keys().filter(|k| !codes.contains(&k.as_str())) {
            errors.push(format!("ตัวชี้วัด \"{code}\" ไม่มีในแบบฟอร์มนี้"));
        }
        for item in draft.part2.keys().filter(|k| form.part2_item(k).is_none()) {
            errors.push(format!("รายการส่วนที่ 2 \"{item}\" ไม่มีในแบบฟอร์มนี้"));
        }
        if draft.comment.chars().count() > domain::editing::MAX_TEXT_CHARS {
            errors.push(format!(
                "ความเห็นยาวเกิน {} ตัวอักษร",
                domain::editing::MAX_TEXT_CHARS
            ));
        }
        if !errors.is_empty() {
            return Err(invalid(errors));
        }
        let version = bump_sheet(&mut tx, &member.sheet, based_on, draft, None).await?;
        sqlx::query("DELETE FROM score_items WHERE sheet_id = $1")
            .bind(&member.sheet.id)
            .execute(&mut *tx)
            .await?;
        let items = draft
            .part1
            .iter()
            .map(|(k, l)| (format!("{PART1}{k}"), *l))
            .chain(draft.part2.iter().map(|(k, l)| (format!("{PART2}{k}"), *l)));
        for (item, level) in items {
            sqlx::query("INSERT INTO score_items (sheet_id, item, level) VALUES ($1, $2, $3)")
                .bind(&member.sheet.id)
                .bind(item)
                .bind(i64::from(level.value()))
                .execute(&mut *tx)
                .await?;
        }
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "score_sheet.save",
                entity: "committee",
                entity_id: &c.id.0,
                detail: json!({
                    "sheet": member.sheet.id,
                    "part1": draft.part1,
                    "part2": draft.part2,
                    "workload_met": draft.workload_met,
                    "comment": draft.comment,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// A member signs their sheet, locking it. Every indicator, every Part 2 item and the
    /// workload judgment must be given; a signed sheet cannot be signed again.
    pub async fn sign_sheet(
        &self,
        by: &PersonId,
        committee: &CommitteeId,
        based_on: i64,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let (c, member, form) = own_sheet(&mut tx, by, committee).await?;
        member
            .sheet
            .state
            .apply(actor_of(member.seat), &SheetAction::Sign)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let s = &member.sheet;
        let mut missing: Vec<String> = form
            .indicator_codes()
            .into_iter()
            .filter(|code| !s.part1.contains_key(*code))
            .map(|code| format!("ตัวชี้วัด {code}"))
            .collect();
        missing.extend(
            form.scoring
                .part2_items
                .iter()
                .filter(|i| !s.part2.contains_key(&i.id))
                .map(|i| i.name.clone()),
        );
        if s.workload_met.is_none() {
            missing.push("ผลการพิจารณาภาระงาน".into());
        }
        if !missing.is_empty() {
            return Err(StoreError::Invalid(format!(
                "ลงนามไม่ได้ เพราะยังไม่ได้ให้คะแนน: {}",
                missing.join(", ")
            )));
        }
        let draft = SheetDraft {
            part1: s.part1.clone(),
            part2: s.part2.clone(),
            workload_met: s.workload_met,
            comment: s.comment.clone(),
        };
        bump_sheet(&mut tx, s, based_on, &draft, Some(SheetState::Signed)).await?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "score_sheet.sign",
                entity: "committee",
                entity_id: &c.id.0,
                detail: json!({"sheet": s.id, "version": based_on + 1}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The chair finalises PA 3 once every sheet is signed: the result is computed by
    /// `domain::scoring` and frozen with the committee; the agreement is evaluated; the maker
    /// is told.
    pub async fn finalize_committee(
        &self,
        by: &PersonId,
        committee: &CommitteeId,
        notify: &Notify,
    ) -> Result<Outcome> {
        let mut tx = self.write().await?;
        let c = queries::committee_in(&mut tx, committee).await?;
        let Some(me) = c.member_of(by) else {
            return Err(StoreError::NotFound("คณะกรรมการ"));
        };
        let cur = current(&mut tx, &c.agreement_id).await?;
        if me.seat != Seat::Chair {
            return Err(StoreError::Invalid(
                "ประธานกรรมการผู้ประเมินเท่านั้นที่ยืนยันผลการประเมินได้".into(),
            ));
        }
        if c.status == CommitteeStatus::Finalized {
            return Err(StoreError::Invalid("ผลการประเมินนี้ยืนยันไปแล้ว".into()));
        }
        let next = apply(&cur, Actor::CommitteeChair, &AgreementAction::Finalize)?;
        let unsigned: Vec<String> = c
            .members
            .iter()
            .filter(|m| m.sheet.state != SheetState::Signed)
            .map(|m| m.person.full_name())
            .collect();
        if !unsigned.is_empty() {
            return Err(StoreError::Invalid(format!(
                "ยืนยันผลไม่ได้ เพราะกรรมการยังไม่ได้ลงนาม: {}",
                unsigned.join(", ")
            )));
        }
        let form = form_named(&cur.stored.form_id)?;
        let outcome = c.evaluation(form).outcome();
        let now = now_ms();
        let stored =
            serde_json::to_string(&outcome).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let changed = sqlx::query(
            "UPDATE committees SET status = $1, outcome = $2, finalized_at = $3, version = version + 1 \
             WHERE id = $4 AND version = $5",
        )
        .bind(CommitteeStatus::Finalized.code())
        .bind(stored)
        .bind(now)
        .bind(&c.id.0)
        .bind(c.version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict {
                current: c.version + 1,
            });
        }
        advance(
            &mut tx,
            &cur,
            next,
            &cur.stored.content,
            cur.approver_id.as_deref(),
        )
        .await?;
        let maker = person_in(&mut tx, &cur.stored.person_id).await?;
        let verdict = if outcome.passed {
            "ผ่านเกณฑ์"
        } else {
            "ไม่ผ่านเกณฑ์"
        };
        tell(
            &mut tx,
            notify,
            &maker,
            &cur.stored.id,
            &format!(
                "คณะกรรมการยืนยันผลการประเมินข้อตกลงในการพัฒนางาน ปีงบประมาณ {} แล้ว: {verdict}",
                cur.stored.fiscal_year
            ),
            "ผลการประเมินข้อตกลงในการพัฒนางาน",
            &format!("/agreements/{}", cur.stored.id),
        )
        .await?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "committee.finalize",
                entity: "committee",
                entity_id: &c.id.0,
                detail: json!({"agreement": cur.stored.id.0, "outcome": outcome}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// An officer reopens a finalised result, with a reason, unlocking the sheets named (by
    /// member id) for their members to correct and sign again. The earlier result stays in the
    /// audit trail.
    pub async fn reopen_committee(
        &self,
        by: &PersonId,
        committee: &CommitteeId,
        reason: &str,
        unlock: &[String],
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let c = queries::committee_in(&mut tx, committee).await?;
        let cur = current(&mut tx, &c.agreement_id).await?;
        let latest = latest_round(&mut tx, &c.agreement_id).await?;
        if c.status != CommitteeStatus::Finalized || latest != c.round {
            return Err(StoreError::Invalid(
                "เปิดผลใหม่ได้เฉพาะผลการประเมินรอบล่าสุดที่ยืนยันแล้ว".into(),
            ));
        }
        let action = AgreementAction::Reopen {
            reason: reason.trim().to_owned(),
        };
        let next = apply(&cur, Actor::UnitOfficer, &action)?;
        for m in c.members.iter().filter(|m| unlock.contains(&m.id)) {
            m.sheet
                .state
                .apply(
                    Actor::UnitOfficer,
                    &SheetAction::Reopen {
                        reason: reason.to_owned(),
                    },
                )
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            sqlx::query(
                "UPDATE score_sheets SET state = $1, signed_at = NULL, version = version + 1, updated_at = $2 WHERE id = $3",
            )
            .bind(sheet_code(SheetState::Draft))
            .bind(now_ms())
            .bind(&m.sheet.id)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE committees SET status = $1, outcome = NULL, finalized_at = NULL, version = version + 1 WHERE id = $2",
        )
        .bind(CommitteeStatus::Scoring.code())
        .bind(&c.id.0)
        .execute(&mut *tx)
        .await?;
        advance(
            &mut tx,
            &cur,
            next,
            &cur.stored.content,
            cur.approver_id.as_deref(),
        )
        .await?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "committee.reopen",
                entity: "committee",
                entity_id: &c.id.0,
                detail: json!({
                    "reason": reason.trim(),
                    "unlocked": unlock,
                    "previous_outcome": c.outcome,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn actor_of(seat: Seat) -> Actor {
    match seat {
        Seat::Chair => Actor::CommitteeChair,
        Seat::Member => Actor::CommitteeMember,
    }
}

pub(crate) fn sheet_code(s: SheetState) -> &'static str {
    match s {
        SheetState::Draft => "draft",
        SheetState::Signed => "signed",
    }
}

/// The committee, the caller's seat on it and the form, for a sheet change; to anyone without
/// a seat the committee does not exist. Nothing changes on a finalised committee.
async fn own_sheet(
    tx: &mut Tx,
    by: &PersonId,
    committee: &CommitteeId,
) -> Result<(Committee, Member, &'static Form)> {
    let c = queries::committee_in(tx, committee).await?;
    let member = c
        .member_of(by)
        .cloned()
        .ok_or(StoreError::NotFound("ใบประเมิน"))?;
    if c.status == CommitteeStatus::Finalized {
        return Err(StoreError::Invalid(
            "ผลการประเมินยืนยันแล้ว แก้ไขคะแนนไม่ได้ เว้นแต่เจ้าหน้าที่เปิดผลใหม่พร้อมเหตุผล".into(),
        ));
    }
    let (form_id,): (String,) = sqlx::query_as("SELECT form_id FROM agreements WHERE id = $1")
        .bind(&c.agreement_id.0)
        .fetch_one(&mut **tx)
        .await?;
    Ok((c, member, form_named(&form_id)?))
}

/// Writes the sheet's header at `based_on + 1`, or reports the version someone else wrote.
async fn bump_sheet(
    tx: &mut Tx,
    s: &StoredSheet,
    based_on: i64,
    d: &SheetDraft,
    sign: Option<SheetState>,
) -> Result<i64> {
    let now = now_ms();
    let state = sign.unwrap_or(s.state);
    let changed = sqlx::query(
        "UPDATE score_sheets SET state = $1, comments = $2, workload_met = $3, signed_at = $4, \
         version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7",
    )
    .bind(sheet_code(state))
    .bind(d.comment.trim())
    .bind(d.workload_met.map(i64::from))
    .bind(sign.map(|_| now))
    .bind(now)
    .bind(&s.id)
    .bind(based_on)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(StoreError::Conflict { current: s.version });
    }
    Ok(based_on + 1)
}

/// The number of the agreement's latest round (0: none yet).
async fn latest_round(tx: &mut Tx, agreement: &AgreementId) -> Result<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(round), 0) FROM committees WHERE agreement_id = $1")
            .bind(&agreement.0)
            .fetch_one(&mut **tx)
            .await?;
    Ok(n)
}

/// Opens a round: the committee (checked and written), the agreement moved to `next`, the
/// members told.
async fn open_round(
    tx: &mut Tx,
    by: &PersonId,
    cur: &Current,
    next: AgreementState,
    a: &Appointment,
    follows: Option<&Committee>,
    notify: &Notify,
) -> Result<CommitteeId> {
    let committee = insert_committee(tx, by, cur, a, follows).await?;
    advance(
        tx,
        cur,
        next,
        &cur.stored.content,
        cur.approver_id.as_deref(),
    )
    .await?;
    tell_members(tx, notify, cur, a).await?;
    Ok(committee)
}

/// Checks the appointment and writes the committee, its seats and a draft sheet per seat.
async fn insert_committee(
    tx: &mut Tx,
    by: &PersonId,
    cur: &Current,
    a: &Appointment,
    follows: Option<&Committee>,
) -> Result<CommitteeId> {
    let form = form_named(&cur.stored.form_id)?;
    let maker = person_in(tx, &cur.stored.person_id).await?;
    let evaluee = Evaluee {
        person_id: maker.id.clone(),
        unit_id: maker.unit_id.clone(),
        approver_id: cur.approver_id.clone(),
    };
    let mut proposed = Vec::new();
    let mut people = Vec::new();
    for s in &a.seats {
        let p = person_in(tx, &s.person).await?;
        if p.active == 0 {
            return Err(StoreError::Invalid(format!(
                "{} พ้นจากหน่วยงานแล้ว แต่งตั้งเป็นกรรมการไม่ได้",
                p.full_name()
            )));
        }
        proposed.push(Proposed {
            seat: s.seat,
            basis: s.basis,
            nominee: p.nominee(),
        });
        people.push(p);
    }
    let errors = rules::check_committee(form, &evaluee, &proposed);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let id = new_id();
    let now = now_ms();
    let round = follows.map_or(1, |f| f.round + 1);
    sqlx::query(
        "INSERT INTO committees (id, agreement_id, round, status, created_at, period, follows_id, appointed_by, deadline, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)",
    )
    .bind(&id)
    .bind(&cur.stored.id.0)
    .bind(round)
    .bind(CommitteeStatus::Scoring.code())
    .bind(now)
    .bind(a.period)
    .bind(follows.map(|f| f.id.0.clone()))
    .bind(&by.0)
    .bind(a.deadline.clone())
    .execute(&mut **tx)
    .await
    .map_err(|e| on_unique(e, "committee", "ข้อตกลงนี้มีคณะกรรมการรอบนี้แล้ว"))?;
    // Chair first, then members in the order given.
    let mut order: Vec<usize> = (0..a.seats.len()).collect();
    order.sort_by_key(|i| a.seats[*i].seat != Seat::Chair);
    for (ordinal, i) in order.into_iter().enumerate() {
        let (s, p) = (&a.seats[i], &people[i]);
        let member = new_id();
        let position = if p.position().is_some() {
            position_text(p)
        } else {
            p.position.clone()
        };
        sqlx::query(
            "INSERT INTO committee_members (id, committee_id, person_id, seat, eligibility, created_at, ordinal, position_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&member)
        .bind(&id)
        .bind(&s.person.0)
        .bind(seat_code(s.seat))
        .bind(s.basis.code())
        .bind(now)
        .bind(i64::try_from(ordinal).unwrap_or_default())
        .bind(position)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO score_sheets (id, member_id, state, comments, version, updated_at) VALUES ($1, $2, $3, '', 1, $4)",
        )
        .bind(new_id())
        .bind(&member)
        .bind(sheet_code(SheetState::Draft))
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    let seats: Vec<_> = a
        .seats
        .iter()
        .map(|s| json!({"seat": seat_code(s.seat), "basis": s.basis.code(), "person": s.person.0}))
        .collect();
    audit::record(
        tx,
        Event {
            actor: Some(&by.0),
            action: "committee.appoint",
            entity: "committee",
            entity_id: &id,
            detail: json!({
                "agreement": cur.stored.id.0,
                "round": round,
                "period": a.period,
                "follows": follows.map(|f| f.id.0.clone()),
                "deadline": a.deadline,
                "seats": seats,
            }),
        },
    )
    .await?;
    Ok(CommitteeId(id))
}

async fn tell_members(tx: &mut Tx, notify: &Notify, cur: &Current, a: &Appointment) -> Result<()> {
    let maker = person_in(tx, &cur.stored.person_id).await?;
    let due = a
        .deadline
        .as_deref()
        .map(|d| format!(" กำหนดส่งผล {d}"))
        .unwrap_or_default();
    for s in &a.seats {
        let p = person_in(tx, &s.person).await?;
        let role = match s.seat {
            Seat::Chair => "ประธานกรรมการผู้ประเมิน",
            Seat::Member => "กรรมการผู้ประเมิน",
        };
        tell(
            tx,
            notify,
            &p,
            &cur.stored.id,
            &format!(
                "ท่านได้รับแต่งตั้งเป็น{role} ข้อตกลงในการพัฒนางานของ {} ปีงบประมาณ {}{due}",
                maker.full_name(),
                cur.stored.fiscal_year
            ),
            "ได้รับแต่งตั้งเป็นคณะกรรมการประเมิน PA",
            "/evaluations",
        )
        .await?;
    }
    Ok(())
}
