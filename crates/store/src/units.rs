//! Units: headquarters → area office (สพท. / อปท.) → school, as a tree.

use domain::directory::{UnitKind, UnitRecord};
use domain::people::Affiliation;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Event};
use crate::{Result, Store, StoreError, UnitId, new_id, now_ms, on_unique};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Unit {
    pub id: String,
    pub parent_id: Option<String>,
    pub kind: String,
    pub code: String,
    pub name: String,
    pub affiliation: String,
    pub active: i64,
    pub version: i64,
}

impl Unit {
    pub fn kind(&self) -> Option<UnitKind> {
        serde_json::from_value(serde_json::Value::String(self.kind.clone())).ok()
    }
}

/// The columns of [`Unit`], as a literal so queries stay `&'static str`.
macro_rules! columns {
    ($p:literal) => {
        concat!(
            $p,
            "id, ",
            $p,
            "parent_id, ",
            $p,
            "kind, ",
            $p,
            "code, ",
            $p,
            "name, ",
            $p,
            "affiliation, ",
            $p,
            "active, ",
            $p,
            "version"
        )
    };
}

fn code_of<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl Store {
    /// Adds a unit under `parent` (none for a headquarters).
    pub async fn create_unit(
        &self,
        actor: Option<&str>,
        parent: Option<&UnitId>,
        kind: UnitKind,
        code: &str,
        name: &str,
        affiliation: Affiliation,
    ) -> Result<UnitId> {
        let mut tx = self.write().await?;
        let id = new_id();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO units (id, parent_id, kind, code, name, affiliation, active, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 1, 1, $7, $7)",
        )
        .bind(&id)
        .bind(parent.map(|p| p.0.clone()))
        .bind(code_of(kind))
        .bind(code)
        .bind(name)
        .bind(code_of(affiliation))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| on_unique(e, "code", format!("รหัสหน่วยงาน {code} มีอยู่แล้ว")))?;
        audit::record(
            &mut tx,
            Event {
                actor,
                action: "unit.create",
                entity: "unit",
                entity_id: &id,
                detail: json!({"code": code, "name": name}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(UnitId(id))
    }

    pub async fn unit(&self, id: &UnitId) -> Result<Unit> {
        sqlx::query_as(concat!(
            "SELECT ",
            columns!(""),
            " FROM units WHERE id = $1"
        ))
        .bind(&id.0)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound("หน่วยงาน"))
    }

    pub async fn unit_by_code(&self, code: &str) -> Result<Option<Unit>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            columns!(""),
            " FROM units WHERE code = $1"
        ))
        .bind(code)
        .fetch_optional(self.pool())
        .await?)
    }

    /// A unit and every unit below it, parents before children, then by code.
    pub async fn units_under(&self, root: &UnitId) -> Result<Vec<Unit>> {
        Ok(sqlx::query_as(concat!(
            "WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM units WHERE id = $1 ",
            "UNION ALL SELECT u.id, sub.depth + 1 FROM units u JOIN sub ON u.parent_id = sub.id) ",
            "SELECT ",
            columns!("units."),
            " FROM units JOIN sub ON sub.id = units.id ORDER BY sub.depth, units.code"
        ))
        .bind(&root.0)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every unit, by code.
    pub async fn all_units(&self) -> Result<Vec<Unit>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            columns!(""),
            " FROM units ORDER BY code"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    /// Renames a unit, refusing a stale edit.
    pub async fn rename_unit(
        &self,
        actor: Option<&str>,
        id: &UnitId,
        expected_version: i64,
        name: &str,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let changed = sqlx::query("UPDATE units SET name = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4")
            .bind(name)
            .bind(now_ms())
            .bind(&id.0)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            let current: Option<(i64,)> = sqlx::query_as("SELECT version FROM units WHERE id = $1")
                .bind(&id.0)
                .fetch_optional(&mut *tx)
                .await?;
            return Err(match current {
                Some((v,)) => StoreError::Conflict { current: v },
                None => StoreError::NotFound("หน่วยงาน"),
            });
        }
        audit::record(
            &mut tx,
            Event {
                actor,
                action: "unit.rename",
                entity: "unit",
                entity_id: &id.0,
                detail: json!({"name": name}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates or updates units from an import, parents first, in one transaction: a failure
    /// leaves nothing behind, and importing the same rows twice changes nothing.
    pub async fn upsert_units(
        &self,
        actor: Option<&str>,
        records: &[UnitRecord],
    ) -> Result<ImportCounts> {
        let mut tx = self.write().await?;
        let mut counts = ImportCounts::default();
        for r in records {
            let parent: Option<(String,)> = match &r.parent_code {
                Some(code) => Some(
                    sqlx::query_as("SELECT id FROM units WHERE code = $1")
                        .bind(code)
                        .fetch_optional(&mut *tx)
                        .await?
                        .ok_or_else(|| {
                            StoreError::Invalid(format!("ไม่พบหน่วยงานต้นสังกัดรหัส {code}"))
                        })?,
                ),
                None => None,
            };
            let parent = parent.map(|(id,)| id);
            let existing: Option<(String, Option<String>, String, String, String)> =
                sqlx::query_as(
                    "SELECT id, parent_id, kind, name, affiliation FROM units WHERE code = $1",
                )
                .bind(&r.code)
                .fetch_optional(&mut *tx)
                .await?;
            let (kind, affiliation) = (code_of(r.kind), code_of(r.affiliation));
            match existing {
                Some((_, p, k, n, a))
                    if p == parent && k == kind && n == r.name && a == affiliation =>
                {
                    counts.unchanged += 1
                }
                Some((id, ..)) => {
                    sqlx::query("UPDATE units SET parent_id = $1, kind = $2, name = $3, affiliation = $4, version = version + 1, updated_at = $5 WHERE id = $6")
                        .bind(parent.clone())
                        .bind(&kind)
                        .bind(&r.name)
                        .bind(&affiliation)
                        .bind(now_ms())
                        .bind(&id)
                        .execute(&mut *tx)
                        .await?;
                    audit::record(
                        &mut tx,
                        Event {
                            actor,
                            action: "unit.import_update",
                            entity: "unit",
                            entity_id: &id,
                            detail: json!({"code": r.code}),
                        },
                    )
                    .await?;
                    counts.updated += 1;
                }
                None => {
                    let id = new_id();
                    let now = now_ms();
                    sqlx::query("INSERT INTO units (id, parent_id, kind, code, name, affiliation, active, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, 1, $7, $7)")
                        .bind(&id)
                        .bind(parent.clone())
                        .bind(&kind)
                        .bind(&r.code)
                        .bind(&r.name)
                        .bind(&affiliation)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    audit::record(
                        &mut tx,
                        Event {
                            actor,
                            action: "unit.import_create",
                            entity: "unit",
                            entity_id: &id,
                            detail: json!({"code": r.code}),
                        },
                    )
                    .await?;
                    counts.created += 1;
                }
            }
        }
        tx.commit().await?;
        Ok(counts)
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}
