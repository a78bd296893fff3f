//! What the workflow's pages read: the approver's inbox, an officer's overview, the decisions
//! on an agreement, a person's agreements by year, and notifications.

use std::collections::BTreeMap;

use domain::agreement::Agreement;
use domain::workflow::AgreementState;

use super::steps::person_columns;
use super::{InboxItem, Notification, Review, ReviewKind};
use crate::agreements::{Row, StoredAgreement, from_row, state_code};
use crate::people::Person;
use crate::{AgreementId, PersonId, Result, Store, StoreError, UnitId, now_ms};

/// An inbox row: the agreement, its maker, the maker's unit and the version waiting.
#[derive(sqlx::FromRow)]
struct InboxRow {
    agreement_id: String,
    state: String,
    fiscal_year: i64,
    form_id: String,
    since: i64,
    unit_name: String,
    version_number: i64,
    #[sqlx(flatten)]
    maker: Person,
}

/// The inbox query up to its WHERE clause; callers add conditions and the order.
macro_rules! inbox_select {
    () => {
        concat!(
            "SELECT a.id AS agreement_id, a.state, a.fiscal_year, a.form_id, ",
            "COALESCE(a.state_since, a.updated_at) AS since, u.name AS unit_name, ",
            "(SELECT COALESCE(MAX(v.number), 0) FROM agreement_versions v WHERE v.agreement_id = a.id) AS version_number, ",
            person_columns!("p."),
            " FROM agreements a JOIN people p ON p.id = a.person_id JOIN units u ON u.id = p.unit_id"
        )
    };
}

const INBOX_ORDER: &str = " ORDER BY COALESCE(a.state_since, a.updated_at), a.id";

/// Units per query in [`Store::agreements_in_units`]: well under every engine's limit on bound
/// parameters (SQLite 32,766, PostgreSQL 65,535), even for a national administrator.
const UNITS_PER_QUERY: usize = 500;

fn item(r: InboxRow) -> Result<InboxItem> {
    Ok(InboxItem {
        agreement_id: AgreementId(r.agreement_id),
        state: parse_state(&r.state)?,
        fiscal_year: r.fiscal_year,
        form_id: r.form_id,
        maker: r.maker,
        unit_name: r.unit_name,
        since: r.since,
        version_number: r.version_number,
    })
}

fn parse_state(code: &str) -> Result<AgreementState> {
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
        .map_err(|_| StoreError::Corrupt(format!("สถานะข้อตกลง {code} ไม่รู้จัก")))
}

/// `$from, $from+1, …` for `n` values.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// States from which an agreement has been approved at least once.
const APPROVED_OR_LATER: [AgreementState; 5] = [
    AgreementState::Approved,
    AgreementState::AmendmentRequested,
    AgreementState::SelfReportSubmitted,
    AgreementState::UnderEvaluation,
    AgreementState::Evaluated,
];

impl Store {
    /// Agreements waiting for this approver's decision (submitted, or amendment requested),
    /// oldest first.
    pub async fn inbox(&self, approver: &PersonId) -> Result<Vec<InboxItem>> {
        let rows: Vec<InboxRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE a.approver_id = $1 AND a.state IN ($2, $3){INBOX_ORDER}",
            inbox_select!()
        )))
        .bind(&approver.0)
        .bind(state_code(AgreementState::Submitted))
        .bind(state_code(AgreementState::AmendmentRequested))
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(item).collect()
    }

    /// Agreements of people in these units (an officer's reach) in the given states, oldest
    /// first; an empty `states` means every state.
    pub async fn agreements_in_units(
        &self,
        units: &[UnitId],
        states: &[AgreementState],
    ) -> Result<Vec<InboxItem>> {
        let mut states: Vec<String> = states.iter().map(|s| state_code(*s)).collect();
        states.sort();
        states.dedup();
        let mut out = Vec::new();
        for chunk in units.chunks(UNITS_PER_QUERY) {
            let mut sql = format!(
                "{} WHERE p.unit_id IN ({})",
                inbox_select!(),
                placeholders(1, chunk.len())
            );
            if !states.is_empty() {
                sql.push_str(&format!(
                    " AND a.state IN ({})",
                    placeholders(chunk.len() + 1, states.len())
                ));
            }
            sql.push_str(INBOX_ORDER);
            // Only generated placeholders are interpolated; every value is bound.
            let mut q = sqlx::query_as::<_, InboxRow>(sqlx::AssertSqlSafe(sql));
            for u in chunk {
                q = q.bind(&u.0);
            }
            for s in &states {
                q = q.bind(s);
            }
            for row in q.fetch_all(self.pool()).await? {
                out.push(item(row)?);
            }
        }
        out.sort_by(|a, b| (a.since, &a.agreement_id.0).cmp(&(b.since, &b.agreement_id.0)));
        Ok(out)
    }

    /// Decisions on an agreement, oldest first.
    pub async fn reviews(&self, id: &AgreementId) -> Result<Vec<Review>> {
        type ReviewRow = (
            String,
            i64,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            i64,
        );
        let rows: Vec<ReviewRow> = sqlx::query_as(
            "SELECT r.id, r.version_number, r.reviewer_id, p.title, p.first_name, p.last_name, r.decision, \
             r.suggestions, r.field_comments, r.created_at FROM reviews r JOIN people p ON p.id = r.reviewer_id \
             WHERE r.agreement_id = $1 ORDER BY r.created_at, r.id",
        )
        .bind(&id.0)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(
                |(
                    rid,
                    version_number,
                    reviewer,
                    title,
                    first,
                    last,
                    decision,
                    text,
                    comments,
                    at,
                )| {
                    let kind = ReviewKind::from_code(&decision).ok_or_else(|| {
                        StoreError::Corrupt(format!("ผลการพิจารณา {decision} ไม่รู้จัก"))
                    })?;
                    let field_comments: BTreeMap<String, String> = serde_json::from_str(&comments)
                        .map_err(|e| {
                            StoreError::Corrupt(format!("ความเห็นรายช่องของการพิจารณา {rid}: {e}"))
                        })?;
                    Ok(Review {
                        id: rid,
                        version_number,
                        reviewer_id: PersonId(reviewer),
                        reviewer_name: format!("{title}{first} {last}"),
                        kind,
                        text,
                        field_comments,
                        created_at: at,
                    })
                },
            )
            .collect()
    }

    /// A person's agreement of a fiscal year, if started.
    pub async fn agreement_of(
        &self,
        person: &PersonId,
        fiscal_year: i64,
    ) -> Result<Option<StoredAgreement>> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, person_id, fiscal_year, form_id, state, content, version FROM agreements \
             WHERE person_id = $1 AND fiscal_year = $2",
        )
        .bind(&person.0)
        .bind(fiscal_year)
        .fetch_optional(self.pool())
        .await?;
        row.map(from_row).transpose()
    }

    /// The latest approved version's content of the person's most recent earlier agreement.
    ///
    /// "Approved" is read from the decisions: the version the last เห็นชอบ was given on. An
    /// agreement reopened for amendment therefore still yields what was approved, and one
    /// approved outside the review flow (no review row) yields its content when its state
    /// says it was approved.
    pub async fn latest_approved_before(
        &self,
        person: &PersonId,
        fiscal_year: i64,
    ) -> Result<Option<Agreement>> {
        let candidates: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT id, state, content FROM agreements WHERE person_id = $1 AND fiscal_year < $2 \
             ORDER BY fiscal_year DESC",
        )
        .bind(&person.0)
        .bind(fiscal_year)
        .fetch_all(self.pool())
        .await?;
        for (id, state, content) in candidates {
            let approved: Option<(String,)> = sqlx::query_as(
                "SELECT v.content FROM agreement_versions v WHERE v.agreement_id = $1 AND v.number = \
                 (SELECT MAX(r.version_number) FROM reviews r WHERE r.agreement_id = $1 AND r.decision = $2)",
            )
            .bind(&id)
            .bind(ReviewKind::Approve.code())
            .fetch_optional(self.pool())
            .await?;
            let text = match approved {
                Some((text,)) => text,
                None if APPROVED_OR_LATER.contains(&parse_state(&state)?) => content,
                None => continue,
            };
            return serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| StoreError::Corrupt(format!("เนื้อหาข้อตกลง {id}: {e}")));
        }
        Ok(None)
    }

    /// A person's newest notifications.
    pub async fn notifications(&self, person: &PersonId, limit: i64) -> Result<Vec<Notification>> {
        type NotificationRow = (String, Option<String>, String, i64, Option<i64>);
        let rows: Vec<NotificationRow> = sqlx::query_as(
            "SELECT id, agreement_id, message, created_at, read_at FROM notifications \
             WHERE person_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(&person.0)
        .bind(limit.max(0))
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, agreement, message, created_at, read_at)| Notification {
                    id,
                    agreement_id: agreement.map(AgreementId),
                    message,
                    created_at,
                    read: read_at.is_some(),
                },
            )
            .collect())
    }

    pub async fn unread_notifications(&self, person: &PersonId) -> Result<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM notifications WHERE person_id = $1 AND read_at IS NULL",
        )
        .bind(&person.0)
        .fetch_one(self.pool())
        .await?;
        Ok(n)
    }

    /// Marks everything read. Not audited: reading is not a change to any record.
    pub async fn mark_notifications_read(&self, person: &PersonId) -> Result<()> {
        sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE person_id = $2 AND read_at IS NULL",
        )
        .bind(now_ms())
        .bind(&person.0)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
