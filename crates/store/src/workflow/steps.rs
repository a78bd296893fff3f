//! The steps the workflow's use cases share, each inside the caller's transaction: read the
//! agreement, ask the domain, move it, record the decision, tell people, find the approver.

use std::collections::BTreeMap;

use domain::agreement::Agreement;
use domain::people::Standing;
use domain::workflow::{Actor, AgreementAction, AgreementState};
use sqlx::AnyConnection;

use super::{Current, Notify, ReviewKind, Tx};
use crate::agreements::{Row, from_row, state_code, to_json};
use crate::jobs::{self, Mail};
use crate::people::Person;
use crate::{AgreementId, PersonId, Result, StoreError, new_id, now_ms};

/// The columns [`current`] reads.
#[derive(sqlx::FromRow)]
struct CurrentRow {
    id: String,
    person_id: String,
    fiscal_year: i64,
    form_id: String,
    state: String,
    content: String,
    version: i64,
    approver_id: Option<String>,
}

/// The agreement as it stands inside the transaction.
pub(super) async fn current(tx: &mut Tx, id: &AgreementId) -> Result<Current> {
    let r: CurrentRow = sqlx::query_as(
        "SELECT id, person_id, fiscal_year, form_id, state, content, version, approver_id FROM agreements WHERE id = $1",
    )
    .bind(&id.0)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::NotFound("ข้อตกลง"))?;
    let row: Row = (
        r.id,
        r.person_id,
        r.fiscal_year,
        r.form_id,
        r.state,
        r.content,
        r.version,
    );
    Ok(Current {
        stored: from_row(row)?,
        approver_id: r.approver_id,
    })
}

/// The workflow's verdict, as a Thai message the user can act on.
pub(super) fn apply(
    cur: &Current,
    actor: Actor,
    action: &AgreementAction,
) -> Result<AgreementState> {
    cur.stored
        .state
        .apply(actor, action)
        .map_err(|e| StoreError::Invalid(e.to_string()))
}

/// Only the approver recorded on the agreement decides on it; to anyone else it does not exist.
pub(super) fn ensure_recorded_approver(cur: &Current, who: &PersonId) -> Result<()> {
    if cur.approver_id.as_deref() != Some(who.as_str()) {
        return Err(StoreError::NotFound("ข้อตกลง"));
    }
    if cur.stored.person_id == *who {
        return Err(StoreError::Invalid(
            "ผู้จัดทำข้อตกลงไม่สามารถพิจารณาข้อตกลงของตนเองได้".into(),
        ));
    }
    Ok(())
}

/// Moves the agreement to `next` with `content` and `approver_id`, bumping its version; a
/// writer who got there first (possible on PostgreSQL) makes this a conflict.
pub(super) async fn advance(
    tx: &mut Tx,
    cur: &Current,
    next: AgreementState,
    content: &Agreement,
    approver_id: Option<&str>,
) -> Result<()> {
    let changed = sqlx::query(
        "UPDATE agreements SET state = $1, content = $2, approver_id = $3, version = version + 1, \
         state_since = $4, updated_at = $4 WHERE id = $5 AND version = $6",
    )
    .bind(state_code(next))
    .bind(to_json(content)?)
    .bind(approver_id.map(str::to_owned))
    .bind(now_ms())
    .bind(&cur.stored.id.0)
    .bind(cur.stored.version)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        let (current,): (i64,) = sqlx::query_as("SELECT version FROM agreements WHERE id = $1")
            .bind(&cur.stored.id.0)
            .fetch_one(&mut **tx)
            .await?;
        return Err(StoreError::Conflict { current });
    }
    Ok(())
}

/// The number of the newest frozen version (the one a decision is about).
pub(super) async fn latest_version(tx: &mut Tx, id: &AgreementId) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(number), 0) FROM agreement_versions WHERE agreement_id = $1",
    )
    .bind(&id.0)
    .fetch_one(&mut **tx)
    .await?;
    if n == 0 {
        return Err(StoreError::Corrupt(format!(
            "ข้อตกลง {id} อยู่ในขั้นพิจารณาแต่ไม่มีฉบับที่เสนอ"
        )));
    }
    Ok(n)
}

pub(super) async fn insert_review(
    tx: &mut Tx,
    id: &AgreementId,
    version_number: i64,
    by: &PersonId,
    kind: ReviewKind,
    text: &str,
    field_comments: &BTreeMap<String, String>,
) -> Result<()> {
    let comments =
        serde_json::to_string(field_comments).map_err(|e| StoreError::Invalid(e.to_string()))?;
    sqlx::query(
        "INSERT INTO reviews (id, agreement_id, version_number, reviewer_id, decision, suggestions, field_comments, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(&id.0)
    .bind(version_number)
    .bind(&by.0)
    .bind(kind.code())
    .bind(text)
    .bind(comments)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Tells someone about an agreement: always in the app, and by mail (a job run after commit)
/// when the caller sends mail and the person has an address.
pub(super) async fn tell(
    tx: &mut Tx,
    notify: &Notify,
    to: &Person,
    agreement: &AgreementId,
    message: &str,
    subject: &str,
    path: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO notifications (id, person_id, agreement_id, message, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new_id())
    .bind(&to.id)
    .bind(&agreement.0)
    .bind(message)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    let email = to.email.as_deref().map(str::trim).unwrap_or_default();
    if notify.mail && !email.is_empty() {
        let link = format!("{}{path}", notify.base_url.trim_end_matches('/'));
        let mail = Mail {
            to: email.to_owned(),
            subject: format!("[ThaiPA] {subject}"),
            body: format!(
                "เรียน {}\n\n{message}\n\nเปิดดูได้ที่ {link}\n\n(ข้อความนี้ส่งจากระบบ ThaiPA โดยอัตโนมัติ)",
                to.full_name()
            ),
        };
        let payload =
            serde_json::to_value(&mail).map_err(|e| StoreError::Invalid(e.to_string()))?;
        jobs::enqueue(tx, jobs::MAIL, &payload).await?;
    }
    Ok(())
}

pub(crate) use crate::people::person_columns;

pub(super) async fn person_in(conn: &mut AnyConnection, id: &PersonId) -> Result<Person> {
    sqlx::query_as(concat!(
        "SELECT ",
        person_columns!(""),
        " FROM people WHERE id = $1"
    ))
    .bind(&id.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("บุคลากร"))
}

/// Walks the maker's unit and its parents, collecting each unit's active approvers, and lets
/// `domain::access::choose_approver` pick (nearest unit first, never the maker). The depth
/// bound keeps a (corrupt) cycle in `units.parent_id` from running forever.
pub(super) async fn approver_in(
    conn: &mut AnyConnection,
    maker: &PersonId,
) -> Result<Option<Person>> {
    let units: Vec<(String,)> = sqlx::query_as(concat!(
        "WITH RECURSIVE up(id, depth) AS (SELECT unit_id, 0 FROM people WHERE id = $1 ",
        "UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id ",
        "WHERE u.parent_id IS NOT NULL AND up.depth < 32) ",
        "SELECT id FROM up ORDER BY depth"
    ))
    .bind(&maker.0)
    .fetch_all(&mut *conn)
    .await?;
    if units.is_empty() {
        return Err(StoreError::NotFound("บุคลากร"));
    }
    let grants: Vec<(String, String)> = sqlx::query_as(concat!(
        "WITH RECURSIVE up(id, depth) AS (SELECT unit_id, 0 FROM people WHERE id = $1 ",
        "UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id ",
        "WHERE u.parent_id IS NOT NULL AND up.depth < 32) ",
        "SELECT g.unit_id, g.person_id FROM up JOIN role_grants g ON g.unit_id = up.id ",
        "JOIN people p ON p.id = g.person_id WHERE g.role = $2 AND p.active = 1 ",
        "ORDER BY up.depth, g.created_at, g.id"
    ))
    .bind(&maker.0)
    .bind(domain::access::Role::Approver.code())
    .fetch_all(&mut *conn)
    .await?;
    let chain: Vec<(String, Vec<String>)> = units
        .into_iter()
        .map(|(unit,)| {
            let approvers = grants
                .iter()
                .filter(|(u, _)| *u == unit)
                .map(|(_, p)| p.clone())
                .collect();
            (unit, approvers)
        })
        .collect();
    let chosen = domain::access::choose_approver(&maker.0, &chain).map(str::to_owned);
    match chosen {
        Some(id) => Ok(Some(person_in(conn, &PersonId(id)).await?)),
        None => Ok(None),
    }
}

/// ตำแหน่ง under a signature, as the forms print it: "ผู้อำนวยการสถานศึกษา วิทยฐานะผู้อำนวยการชำนาญการพิเศษ".
pub(super) fn position_text(p: &Person) -> String {
    match (p.position(), p.standing()) {
        (Some(pos), Some(Standing::Assistant | Standing::None) | None) => pos.thai().to_owned(),
        (Some(pos), Some(s)) => format!("{} วิทยฐานะ{}", pos.thai(), s.title(pos)),
        (None, _) => p.position.clone(),
    }
}

/// Today's date in Thailand (UTC+7), the date an approver signs on.
pub(super) fn today_in_thailand<T: serde::de::DeserializeOwned>() -> Option<T> {
    let days = (now_ms() + 7 * 3_600_000).div_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    serde_json::from_value(serde_json::Value::String(format!("{y:04}-{m:02}-{d:02}"))).ok()
}

/// The Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod unit_tests {
    use super::civil_from_days;

    #[test]
    fn days_since_the_epoch_become_gregorian_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
