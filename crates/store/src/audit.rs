//! The audit log: every state change, hash-chained so an edited or deleted row is detectable.
//!
//! Each event's hash covers the previous event's hash and all of its own fields. A single-row
//! `audit_head` holds the last sequence number and hash; bumping it first inside the writer's
//! transaction serialises appends on both engines (a row lock on PostgreSQL, the write lock on
//! SQLite), so the chain never forks.

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{Any, Transaction};

use crate::{Result, Store, now_ms};

/// One thing that happened, as a use case records it.
pub struct Event<'a> {
    pub actor: Option<&'a str>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub detail: serde_json::Value,
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AuditRow {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Appends an event inside the caller's transaction.
pub(crate) async fn record(tx: &mut Transaction<'static, Any>, e: Event<'_>) -> Result<()> {
    sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await?;
    let (seq, prev): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut **tx)
            .await?;
    let row = AuditRow {
        seq,
        at: now_ms(),
        actor_id: e.actor.map(str::to_owned),
        action: e.action.to_owned(),
        entity: e.entity.to_owned(),
        entity_id: e.entity_id.to_owned(),
        detail: e.detail.to_string(),
        prev_hash: prev,
        hash: String::new(),
    };
    let hash = chain_hash(&row);
    sqlx::query(
        "INSERT INTO audit_events (seq, at, actor_id, action, entity, entity_id, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(row.seq)
    .bind(row.at)
    .bind(row.actor_id.clone())
    .bind(&row.action)
    .bind(&row.entity)
    .bind(&row.entity_id)
    .bind(&row.detail)
    .bind(&row.prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// SHA-256 over the previous hash and every field, length-prefixed so no two events can be
/// spliced into the same byte string.
pub fn chain_hash(r: &AuditRow) -> String {
    let mut h = Sha256::new();
    let fields: [&str; 7] = [
        &r.prev_hash,
        &r.seq.to_string(),
        &r.at.to_string(),
        r.actor_id.as_deref().unwrap_or(""),
        &r.action,
        &r.entity,
        &r.entity_id,
    ];
    for f in fields.iter().chain(std::iter::once(&r.detail.as_str())) {
        h.update((f.len() as u64).to_le_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The result of recomputing the chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Verification {
    /// Every event links to the one before and hashes to its stored hash.
    Intact { events: i64 },
    /// The first event that does not, and why (Thai).
    Broken { seq: i64, reason: String },
}

impl Store {
    /// Recomputes the whole chain, reporting the first broken link.
    pub async fn verify_audit(&self) -> Result<Verification> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT seq, at, actor_id, action, entity, entity_id, detail, prev_hash, hash FROM audit_events ORDER BY seq",
        )
        .fetch_all(self.pool())
        .await?;
        let head: (i64, String) = sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(self.pool())
            .await?;
        let mut prev = GENESIS.to_owned();
        let mut expected_seq = 1;
        for r in &rows {
            if r.seq != expected_seq {
                return Ok(Verification::Broken {
                    seq: expected_seq,
                    reason: format!("เหตุการณ์ลำดับที่ {expected_seq} หายไป"),
                });
            }
            if r.prev_hash != prev {
                return Ok(Verification::Broken {
                    seq: r.seq,
                    reason: "ค่าแฮชของเหตุการณ์ก่อนหน้าไม่ตรงกัน (มีการแก้ไขหรือลบเหตุการณ์ก่อนหน้า)".into(),
                });
            }
            if chain_hash(r) != r.hash {
                return Ok(Verification::Broken {
                    seq: r.seq,
                    reason: "ข้อมูลของเหตุการณ์ไม่ตรงกับค่าแฮชที่บันทึกไว้ (มีการแก้ไขเหตุการณ์นี้)".into(),
                });
            }
            prev = r.hash.clone();
            expected_seq += 1;
        }
        if head.0 != expected_seq - 1 || head.1 != prev {
            return Ok(Verification::Broken {
                seq: expected_seq,
                reason: "เหตุการณ์ล่าสุดถูกลบ (ไม่ตรงกับหัวของสายแฮช)".into(),
            });
        }
        Ok(Verification::Intact {
            events: rows.len() as i64,
        })
    }

    /// The events about one record, oldest first.
    pub async fn audit_of(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditRow>> {
        Ok(sqlx::query_as(
            "SELECT seq, at, actor_id, action, entity, entity_id, detail, prev_hash, hash FROM audit_events \
             WHERE entity = $1 AND entity_id = $2 ORDER BY seq",
        )
        .bind(entity)
        .bind(entity_id)
        .fetch_all(self.pool())
        .await?)
    }
}

/// The hash the chain starts from (the value `audit_head` is created with).
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
