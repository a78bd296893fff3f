//! Background jobs: rows written in the same transaction as the state change that causes them
//! (a mail to send after a submission), run after commit by a worker, retried with backoff.
//! On PostgreSQL several nodes claim jobs with `FOR UPDATE SKIP LOCKED`; SQLite has one writer.

use serde_json::Value;
use sqlx::{Any, Transaction};

use crate::{Engine, Result, Store, StoreError, new_id, now_ms};

/// The kind of job that sends one e-mail; its payload is a [`Mail`].
pub const MAIL: &str = "mail";

/// One e-mail to send: the payload of a [`MAIL`] job.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Queues a job inside the caller's transaction: it exists only if the transaction commits.
pub(crate) async fn enqueue(
    tx: &mut Transaction<'static, Any>,
    kind: &str,
    payload: &Value,
) -> Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO jobs (id, kind, payload, run_after, attempts, created_at) VALUES ($1, $2, $3, $4, 0, $4)",
    )
    .bind(new_id())
    .bind(kind)
    .bind(payload.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A job taken by a worker: it is leased to that worker until it completes, fails, or the
/// lease runs out (a crashed worker's jobs come back by themselves).
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: String,
    pub kind: String,
    pub payload: Value,
    /// Failed attempts so far.
    pub attempts: i64,
}

/// Where a job stands, for tests, metrics and the administrator.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobStatus {
    pub id: String,
    pub attempts: i64,
    pub run_after: i64,
    pub locked_until: Option<i64>,
    pub done_at: Option<i64>,
    pub last_error: Option<String>,
}

/// When to try a failed job again: `base_ms × 2^attempts`, capped, and not at all once
/// `max_attempts` attempts have failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    pub base_ms: i64,
    pub cap_ms: i64,
    pub max_attempts: i64,
}

impl Retry {
    /// Mail: 30 s, 1 min, 2 min, … at most an hour apart; given up after 8 attempts (about
    /// four hours), when the address or the server is clearly not coming back.
    pub const MAIL: Retry = Retry {
        base_ms: 30_000,
        cap_ms: 60 * 60 * 1000,
        max_attempts: 8,
    };

    /// The retry time after a job that had failed `attempts` times fails once more at `now`;
    /// `None` means give up.
    pub fn after_failure(&self, attempts: i64, now: i64) -> Option<i64> {
        if attempts.saturating_add(1) >= self.max_attempts {
            return None;
        }
        let factor = u32::try_from(attempts.max(0))
            .ok()
            .and_then(|n| 2_i64.checked_pow(n))
            .unwrap_or(i64::MAX);
        let delay = self.base_ms.saturating_mul(factor).min(self.cap_ms);
        Some(now.saturating_add(delay))
    }
}

/// Due jobs of one kind, oldest first. The only engine difference of the queue: PostgreSQL
/// locks the rows it takes and skips rows another node is taking, so nodes never wait on each
/// other nor take the same job; SQLite's `BEGIN IMMEDIATE` already makes the claim exclusive.
macro_rules! due_jobs {
    () => {
        "SELECT id, kind, payload, attempts FROM jobs \
         WHERE kind = $1 AND done_at IS NULL AND run_after <= $2 \
         AND (locked_until IS NULL OR locked_until < $2) \
         ORDER BY run_after, id LIMIT $3"
    };
}

fn due_jobs_query(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => due_jobs!(),
        Engine::Postgres => concat!(due_jobs!(), " FOR UPDATE SKIP LOCKED"),
    }
}

impl Store {
    /// Queues one e-mail in its own transaction, for the administrator and tests; use cases
    /// queue theirs with [`enqueue`] inside the transaction of the change they announce.
    pub async fn enqueue_mail(&self, mail: &Mail) -> Result<()> {
        let payload = serde_json::to_value(mail)
            .map_err(|e| StoreError::Invalid(format!("จดหมายแปลงเป็น JSON ไม่ได้: {e}")))?;
        let mut tx = self.write().await?;
        enqueue(&mut tx, MAIL, &payload).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Takes up to `limit` due jobs of `kind` and leases them for `lease_ms`. A job whose
    /// payload is not JSON can never run: it is given up here rather than blocking the queue.
    #[tracing::instrument(skip(self))]
    pub async fn claim_due(&self, kind: &str, limit: i64, lease_ms: i64) -> Result<Vec<Job>> {
        let now = now_ms();
        let mut tx = self.write().await?;
        let rows: Vec<(String, String, String, i64)> =
            sqlx::query_as(due_jobs_query(self.engine()))
                .bind(kind)
                .bind(now)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
        let mut jobs = Vec::with_capacity(rows.len());
        for (id, kind, payload, attempts) in rows {
            match serde_json::from_str(&payload) {
                Ok(payload) => {
                    sqlx::query("UPDATE jobs SET locked_until = $1 WHERE id = $2")
                        .bind(now.saturating_add(lease_ms))
                        .bind(&id)
                        .execute(&mut *tx)
                        .await?;
                    jobs.push(Job {
                        id,
                        kind,
                        payload,
                        attempts,
                    });
                }
                Err(e) => {
                    tracing::error!(job = %id, error = %e, "job payload is not JSON; giving up");
                    sqlx::query(
                        "UPDATE jobs SET done_at = $1, last_error = $2, locked_until = NULL WHERE id = $3",
                    )
                    .bind(now)
                    .bind(format!("payload is not JSON: {e}"))
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(jobs)
    }

    /// Marks a job done.
    pub async fn complete(&self, id: &str) -> Result<()> {
        let done = sqlx::query("UPDATE jobs SET done_at = $1, locked_until = NULL WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("งานในคิว"));
        }
        Ok(())
    }

    /// Records a failed attempt: the job runs again at `retry_at`, or with `None` is given up
    /// (done, with its last error kept for the administrator).
    pub async fn fail(&self, id: &str, error: &str, retry_at: Option<i64>) -> Result<()> {
        let query = match retry_at {
            Some(_) => {
                "UPDATE jobs SET attempts = attempts + 1, last_error = $1, run_after = $2, locked_until = NULL WHERE id = $3"
            }
            None => {
                "UPDATE jobs SET attempts = attempts + 1, last_error = $1, done_at = $2, locked_until = NULL WHERE id = $3"
            }
        };
        let failed = sqlx::query(query)
            .bind(error)
            .bind(retry_at.unwrap_or_else(now_ms))
            .bind(id)
            .execute(self.pool())
            .await?;
        if failed.rows_affected() == 0 {
            return Err(StoreError::NotFound("งานในคิว"));
        }
        Ok(())
    }

    /// Makes a waiting job due now (the administrator's "send again now").
    pub async fn retry_now(&self, id: &str) -> Result<()> {
        let moved = sqlx::query(
            "UPDATE jobs SET run_after = $1, locked_until = NULL WHERE id = $2 AND done_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .execute(self.pool())
        .await?;
        if moved.rows_affected() == 0 {
            return Err(StoreError::NotFound("งานที่รออยู่ในคิว"));
        }
        Ok(())
    }

    /// Jobs of `kind` not yet done (due, leased or waiting for a retry).
    pub async fn pending_jobs(&self, kind: &str) -> Result<i64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM jobs WHERE kind = $1 AND done_at IS NULL")
                .bind(kind)
                .fetch_one(self.pool())
                .await?;
        Ok(n)
    }

    /// Every job of `kind`, oldest first.
    pub async fn job_statuses(&self, kind: &str) -> Result<Vec<JobStatus>> {
        Ok(sqlx::query_as(
            "SELECT id, attempts, run_after, locked_until, done_at, last_error FROM jobs \
             WHERE kind = $1 ORDER BY created_at, id",
        )
        .bind(kind)
        .fetch_all(self.pool())
        .await?)
    }
}

#[cfg(test)]
mod retry_tests {
    use super::Retry;

    #[test]
    fn mail_retries_double_from_thirty_seconds_up_to_an_hour_then_give_up() {
        let delays: Vec<Option<i64>> = (0..9).map(|a| Retry::MAIL.after_failure(a, 0)).collect();
        let s = 1000;
        assert_eq!(
            delays,
            vec![
                Some(30 * s),
                Some(60 * s),
                Some(120 * s),
                Some(240 * s),
                Some(480 * s),
                Some(960 * s),
                Some(1920 * s),
                None,
                None,
            ]
        );
        assert_eq!(
            Retry {
                max_attempts: 100,
                ..Retry::MAIL
            }
            .after_failure(70, 5),
            Some(5 + 3600 * s)
        );
    }
}
