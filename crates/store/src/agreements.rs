//! Agreements: the content as a JSON document with a version for optimistic concurrency, the
//! workflow state beside it, and an immutable snapshot for every submission.

use domain::agreement::Agreement;
use domain::workflow::{Actor, AgreementAction, AgreementState};
use serde_json::json;

use crate::audit::{self, Event};
use crate::{AgreementId, PersonId, Result, Store, StoreError, new_id, now_ms, on_unique};

#[derive(Debug, Clone, PartialEq)]
pub struct StoredAgreement {
    pub id: AgreementId,
    pub person_id: PersonId,
    pub fiscal_year: i64,
    pub form_id: String,
    pub state: AgreementState,
    pub content: Agreement,
    pub version: i64,
}

/// The columns of [`StoredAgreement`], in `SELECT id, person_id, fiscal_year, form_id, state,
/// content, version` order.
pub(crate) type Row = (String, String, i64, String, String, String, i64);

pub(crate) fn state_code(s: AgreementState) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn from_row(
    (id, person, fy, form, state, content, version): Row,
) -> Result<StoredAgreement> {
    let state: AgreementState = serde_json::from_value(serde_json::Value::String(state.clone()))
        .map_err(|_| StoreError::Corrupt(format!("สถานะข้อตกลง {state} ไม่รู้จัก")))?;
    let content: Agreement = serde_json::from_str(&content)
        .map_err(|e| StoreError::Corrupt(format!("เนื้อหาข้อตกลง {id}: {e}")))?;
    Ok(StoredAgreement {
        id: AgreementId(id),
        person_id: PersonId(person),
        fiscal_year: fy,
        form_id: form,
        state,
        content,
        version,
    })
}

pub(crate) fn to_json(a: &Agreement) -> Result<String> {
    serde_json::to_string(a).map_err(|e| StoreError::Invalid(e.to_string()))
}

impl Store {
    /// Starts a person's agreement for a fiscal year, as a draft. One per person and year.
    pub async fn create_agreement(
        &self,
        maker: &PersonId,
        content: &Agreement,
    ) -> Result<AgreementId> {
        let mut tx = self.write().await?;
        let id = new_id();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO agreements (id, person_id, fiscal_year, form_id, state, content, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
        )
        .bind(&id)
        .bind(&maker.0)
        .bind(i64::from(content.fiscal_year))
        .bind(&content.form)
        .bind(state_code(AgreementState::Draft))
        .bind(to_json(content)?)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| on_unique(e, "fiscal_year", format!("มีข้อตกลงของปีงบประมาณ {} อยู่แล้ว", content.fiscal_year)))?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&maker.0),
                action: "agreement.create",
                entity: "agreement",
                entity_id: &id,
                detail: json!({"form": content.form, "fiscal_year": content.fiscal_year}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(AgreementId(id))
    }

    pub async fn agreement(&self, id: &AgreementId) -> Result<StoredAgreement> {
        let mut conn = self.pool().acquire().await?;
        agreement_in(&mut conn, id).await
    }

    /// Saves the maker's edit if nobody saved since `based_on`; otherwise a conflict with the
    /// current version, and nothing is overwritten. A stale save that carries exactly the
    /// stored content (the same edit sent again, from a page that reconnected while another
    /// loaded) is no conflict: it returns the current version and writes nothing.
    pub async fn save_agreement(
        &self,
        maker: &PersonId,
        id: &AgreementId,
        based_on: i64,
        content: &Agreement,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let current = current_state(&mut tx, id).await?;
        current
            .0
            .apply(Actor::Maker, &AgreementAction::Edit)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let changed = sqlx::query(
            "UPDATE agreements SET content = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4 AND person_id = $5",
        )
        .bind(to_json(content)?)
        .bind(now_ms())
        .bind(&id.0)
        .bind(based_on)
        .bind(&maker.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            let (stored,): (String,) =
                sqlx::query_as("SELECT content FROM agreements WHERE id = $1")
                    .bind(&id.0)
                    .fetch_one(&mut *tx)
                    .await?;
            return if stored == to_json(content)? {
                Ok(current.1)
            } else {
                Err(StoreError::Conflict { current: current.1 })
            };
        }
        audit::record(
            &mut tx,
            Event {
                actor: Some(&maker.0),
                action: "agreement.save",
                entity: "agreement",
                entity_id: &id.0,
                detail: json!({"version": based_on + 1}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(based_on + 1)
    }

    /// Moves an agreement through the workflow; a submission freezes the content as a new
    /// numbered version.
    pub async fn transition_agreement(
        &self,
        actor_id: &PersonId,
        actor: Actor,
        id: &AgreementId,
        action: &AgreementAction,
    ) -> Result<AgreementState> {
        let mut tx = self.write().await?;
        let (state, version) = current_state(&mut tx, id).await?;
        let next = state
            .apply(actor, action)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        sqlx::query("UPDATE agreements SET state = $1, version = version + 1, updated_at = $2, state_since = $2 WHERE id = $3 AND version = $4")
            .bind(state_code(next))
            .bind(now_ms())
            .bind(&id.0)
            .bind(version)
            .execute(&mut *tx)
            .await?;
        if next == AgreementState::Submitted {
            freeze_version(&mut tx, id, actor_id).await?;
        }
        audit::record(
            &mut tx,
            Event {
                actor: Some(&actor_id.0),
                action: "agreement.transition",
                entity: "agreement",
                entity_id: &id.0,
                detail: json!({"from": state_code(state), "to": state_code(next)}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// The frozen submissions of an agreement, oldest first: (number, content).
    pub async fn agreement_versions(&self, id: &AgreementId) -> Result<Vec<(i64, Agreement)>> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT number, content FROM agreement_versions WHERE agreement_id = $1 ORDER BY number")
                .bind(&id.0)
                .fetch_all(self.pool())
                .await?;
        rows.into_iter()
            .map(|(n, c)| {
                serde_json::from_str(&c)
                    .map(|a| (n, a))
                    .map_err(|e| StoreError::Corrupt(e.to_string()))
            })
            .collect()
    }
}

/// The agreement `id` on this connection (inside a use case's transaction, say).
pub(crate) async fn agreement_in(
    conn: &mut sqlx::AnyConnection,
    id: &AgreementId,
) -> Result<StoredAgreement> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, person_id, fiscal_year, form_id, state, content, version FROM agreements WHERE id = $1",
    )
    .bind(&id.0)
    .fetch_optional(&mut *conn)
    .await?;
    from_row(row.ok_or(StoreError::NotFound("ข้อตกลง"))?)
}

/// The catalog form an agreement names; one missing from the catalog means corrupt data.
pub(crate) fn form_named(id: &str) -> Result<&'static domain::catalog::Form> {
    domain::catalog::Catalog::embedded()
        .get(id)
        .ok_or_else(|| StoreError::Corrupt(format!("ไม่พบแบบฟอร์ม {id} ในแคตตาล็อก")))
}

/// Copies the agreement's current row into the next numbered version; returns its number.
pub(crate) async fn freeze_version(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: &AgreementId,
    actor_id: &PersonId,
) -> Result<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM agreement_versions WHERE agreement_id = $1")
            .bind(&id.0)
            .fetch_one(&mut **tx)
            .await?;
    sqlx::query(
        "INSERT INTO agreement_versions (id, agreement_id, number, state, content, created_by, created_at) \
         SELECT $1, id, $2, state, content, $3, $4 FROM agreements WHERE id = $5",
    )
    .bind(new_id())
    .bind(n + 1)
    .bind(&actor_id.0)
    .bind(now_ms())
    .bind(&id.0)
    .execute(&mut **tx)
    .await?;
    Ok(n + 1)
}

async fn current_state(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: &AgreementId,
) -> Result<(AgreementState, i64)> {
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT state, version FROM agreements WHERE id = $1")
            .bind(&id.0)
            .fetch_optional(&mut **tx)
            .await?;
    let (state, version) = row.ok_or(StoreError::NotFound("ข้อตกลง"))?;
    let state = serde_json::from_value(serde_json::Value::String(state.clone()))
        .map_err(|_| StoreError::Corrupt(format!("สถานะข้อตกลง {state} ไม่รู้จัก")))?;
    Ok((state, version))
}
