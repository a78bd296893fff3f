//! What the evaluation pages read: a committee with its seats and sheets, the rounds of an
//! agreement, a member's worklist, a person's results across fiscal years.

use std::collections::BTreeMap;

use domain::evaluation::Basis;
use domain::scoring::{Level, Outcome, Seat};
use domain::workflow::{AgreementState, SheetState};
use sqlx::AnyConnection;

use super::{Committee, CommitteeId, CommitteeStatus, Member, PART1, PART2, StoredSheet};
use crate::agreements::{Row, from_row};
use crate::people::{Person, person_columns};
use crate::{AgreementId, PersonId, Result, Store, StoreError};

#[derive(sqlx::FromRow)]
struct CommitteeRow {
    id: String,
    agreement_id: String,
    round: i64,
    period: i64,
    follows_id: Option<String>,
    status: String,
    deadline: Option<String>,
    outcome: Option<String>,
    finalized_at: Option<i64>,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    member_id: String,
    ordinal: i64,
    seat: String,
    eligibility: String,
    position_text: String,
    sheet_id: String,
    sheet_state: String,
    comments: String,
    workload_met: Option<i64>,
    signed_at: Option<i64>,
    sheet_version: i64,
    #[sqlx(flatten)]
    person: Person,
}

const COMMITTEE_COLUMNS: &str = "SELECT id, agreement_id, round, period, follows_id, status, deadline, outcome, finalized_at, version FROM committees";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} \"{value}\" ไม่รู้จัก"))
}

async fn members_in(conn: &mut AnyConnection, committee: &str) -> Result<Vec<Member>> {
    let rows: Vec<MemberRow> = sqlx::query_as(concat!(
        "SELECT m.id AS member_id, m.ordinal, m.seat, m.eligibility, m.position_text, ",
        "s.id AS sheet_id, s.state AS sheet_state, s.comments, s.workload_met, s.signed_at, s.version AS sheet_version, ",
        person_columns!("p."),
        " FROM committee_members m JOIN score_sheets s ON s.member_id = m.id ",
        "JOIN people p ON p.id = m.person_id WHERE m.committee_id = $1 ORDER BY m.ordinal"
    ))
    .bind(committee)
    .fetch_all(&mut *conn)
    .await?;
    let items: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT i.sheet_id, i.item, i.level FROM score_items i JOIN score_sheets s ON s.id = i.sheet_id \
         JOIN committee_members m ON m.id = s.member_id WHERE m.committee_id = $1",
    )
    .bind(committee)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let mut part1 = BTreeMap::new();
            let mut part2 = BTreeMap::new();
            for (_, item, level) in items.iter().filter(|(s, _, _)| *s == r.sheet_id) {
                let level = u8::try_from(*level)
                    .ok()
                    .and_then(|l| Level::try_from(l).ok())
                    .ok_or_else(|| corrupt("ระดับคะแนน", &level.to_string()))?;
                if let Some(code) = item.strip_prefix(PART1) {
                    part1.insert(code.to_owned(), level);
                } else if let Some(id) = item.strip_prefix(PART2) {
                    part2.insert(id.to_owned(), level);
                }
            }
            let seat = match r.seat.as_str() {
                "chair" => Seat::Chair,
                "member" => Seat::Member,
                other => return Err(corrupt("ตำแหน่งในคณะกรรมการ", other)),
            };
            let state = match r.sheet_state.as_str() {
                "draft" => SheetState::Draft,
                "signed" => SheetState::Signed,
                other => return Err(corrupt("สถานะใบประเมิน", other)),
            };
            Ok(Member {
                id: r.member_id,
                ordinal: r.ordinal,
                seat,
                basis: Basis::from_code(&r.eligibility)
                    .ok_or_else(|| corrupt("คุณสมบัติกรรมการ", &r.eligibility))?,
                person: r.person,
                position_text: r.position_text,
                sheet: StoredSheet {
                    id: r.sheet_id,
                    state,
                    part1,
                    part2,
                    workload_met: r.workload_met.map(|w| w != 0),
                    comment: r.comments,
                    signed_at: r.signed_at,
                    version: r.sheet_version,
                },
            })
        })
        .collect()
}

async fn assemble(conn: &mut AnyConnection, r: CommitteeRow) -> Result<Committee> {
    let outcome: Option<Outcome> =
        match &r.outcome {
            Some(text) => Some(serde_json::from_str(text).map_err(|e| {
                StoreError::Corrupt(format!("ผลการประเมินของคณะกรรมการ {}: {e}", r.id))
            })?),
            None => None,
        };
    let members = members_in(conn, &r.id).await?;
    Ok(Committee {
        id: CommitteeId(r.id),
        agreement_id: AgreementId(r.agreement_id),
        round: r.round,
        period: r.period,
        follows: r.follows_id.map(CommitteeId),
        status: CommitteeStatus::parse(&r.status)?,
        deadline: r.deadline,
        outcome,
        finalized_at: r.finalized_at,
        version: r.version,
        members,
    })
}

pub(super) async fn committee_in(conn: &mut AnyConnection, id: &CommitteeId) -> Result<Committee> {
    let row: CommitteeRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{COMMITTEE_COLUMNS} WHERE id = $1"
    )))
    .bind(&id.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("คณะกรรมการ"))?;
    assemble(conn, row).await
}

/// A row of a member's worklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub committee_id: CommitteeId,
    pub agreement_id: AgreementId,
    pub fiscal_year: i64,
    pub round: i64,
    pub period: i64,
    pub seat: Seat,
    pub sheet_state: SheetState,
    pub status: CommitteeStatus,
    pub deadline: Option<String>,
    pub maker: Person,
    pub unit_name: String,
}

#[derive(sqlx::FromRow)]
struct AssignmentRow {
    committee_id: String,
    agreement_id: String,
    fiscal_year: i64,
    round: i64,
    period: i64,
    seat: String,
    sheet_state: String,
    status: String,
    deadline: Option<String>,
    unit_name: String,
    #[sqlx(flatten)]
    maker: Person,
}

/// One fiscal year of a person's record: the agreement and its latest finalised result.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRecord {
    pub fiscal_year: i64,
    pub agreement_id: AgreementId,
    pub form_id: String,
    pub state: AgreementState,
    /// The maker's วิทยฐานะ as written on that year's agreement.
    pub standing: Option<domain::people::Standing>,
    /// The latest finalised round's result, if any.
    pub outcome: Option<Outcome>,
    pub rounds: i64,
}

impl Store {
    pub async fn committee(&self, id: &CommitteeId) -> Result<Committee> {
        let mut conn = self.pool().acquire().await?;
        committee_in(&mut conn, id).await
    }

    /// Every round of an agreement, first to last.
    pub async fn committees_of(&self, agreement: &AgreementId) -> Result<Vec<Committee>> {
        let mut conn = self.pool().acquire().await?;
        let rows: Vec<CommitteeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{COMMITTEE_COLUMNS} WHERE agreement_id = $1 ORDER BY round"
        )))
        .bind(&agreement.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(assemble(&mut conn, r).await?);
        }
        Ok(out)
    }

    /// A member's seats: open ones first by deadline, then finalised ones, newest first.
    pub async fn assignments(&self, person: &PersonId) -> Result<Vec<Assignment>> {
        let rows: Vec<AssignmentRow> = sqlx::query_as(concat!(
            "SELECT c.id AS committee_id, a.id AS agreement_id, a.fiscal_year, c.round, c.period, m.seat, ",
            "s.state AS sheet_state, c.status, c.deadline, u.name AS unit_name, ",
            person_columns!("p."),
            " FROM committee_members m JOIN committees c ON c.id = m.committee_id ",
            "JOIN score_sheets s ON s.member_id = m.id JOIN agreements a ON a.id = c.agreement_id ",
            "JOIN people p ON p.id = a.person_id JOIN units u ON u.id = p.unit_id ",
            "WHERE m.person_id = $1 ",
            "ORDER BY CASE WHEN c.status = 'scoring' THEN 0 ELSE 1 END, ",
            "COALESCE(c.deadline, '9999'), c.created_at DESC, c.id"
        ))
        .bind(&person.0)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Assignment {
                    committee_id: CommitteeId(r.committee_id),
                    agreement_id: AgreementId(r.agreement_id),
                    fiscal_year: r.fiscal_year,
                    round: r.round,
                    period: r.period,
                    seat: if r.seat == "chair" {
                        Seat::Chair
                    } else {
                        Seat::Member
                    },
                    sheet_state: if r.sheet_state == "signed" {
                        SheetState::Signed
                    } else {
                        SheetState::Draft
                    },
                    status: CommitteeStatus::parse(&r.status)?,
                    deadline: r.deadline,
                    maker: r.maker,
                    unit_name: r.unit_name,
                })
            })
            .collect()
    }

    /// A person's seats in all, and those with a draft sheet on a committee still scoring (the
    /// menu's badge).
    pub async fn seat_counts(&self, person: &PersonId) -> Result<(i64, i64)> {
        let (all, open): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), SUM(CASE WHEN c.status = 'scoring' AND s.state = 'draft' THEN 1 ELSE 0 END) \
             FROM committee_members m JOIN committees c ON c.id = m.committee_id \
             JOIN score_sheets s ON s.member_id = m.id WHERE m.person_id = $1",
        )
        .bind(&person.0)
        .fetch_one(self.pool())
        .await?;
        Ok((all, open.unwrap_or_default()))
    }

    /// A person's agreements across fiscal years with each year's latest finalised result.
    pub async fn evaluation_history(&self, person: &PersonId) -> Result<Vec<YearRecord>> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, person_id, fiscal_year, form_id, state, content, version FROM agreements \
             WHERE person_id = $1 ORDER BY fiscal_year DESC",
        )
        .bind(&person.0)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        for row in rows {
            let a = from_row(row)?;
            let rounds = self.committees_of(&a.id).await?;
            let outcome = rounds.iter().rev().find_map(|c| c.outcome.clone());
            out.push(YearRecord {
                fiscal_year: a.fiscal_year,
                agreement_id: a.id.clone(),
                form_id: a.form_id.clone(),
                state: a.state,
                standing: a.content.maker.standing,
                outcome,
                rounds: i64::try_from(rounds.len()).unwrap_or_default(),
            });
        }
        Ok(out)
    }
}
