//! ThaiPA's persistence: one API over SQLite (the embedded default) and PostgreSQL (scale).
//!
//! Methods are use cases: each owns its transaction and writes its audit event inside it, so a
//! state change and its record commit or fail together. SQL is portable (`$n` placeholders in
//! order of first use, TEXT and BIGINT columns, application-generated ids, Unix-millisecond
//! timestamps, JSON as TEXT); the few engine differences live in [`engine`].

pub mod accounts;
pub mod agreements;
pub mod audit;
pub mod blobs;
mod engine;
pub mod evidence;
pub mod ids;
pub mod import;
pub mod jobs;
pub mod people;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod units;
pub mod workflow;

use std::path::Path;

use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Transaction};
use thiserror::Error;

pub use engine::Engine;
pub use ids::{AgreementId, PersonId, UnitId};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("ไม่พบ{0}")]
    NotFound(&'static str),
    /// Someone else saved first: the caller's copy is stale.
    #[error("ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว (ฉบับปัจจุบัน {current}) กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง")]
    Conflict { current: i64 },
    /// A unique value is already taken; `field` names the form field.
    #[error("{message}")]
    Duplicate {
        field: &'static str,
        message: String,
    },
    #[error("ข้อมูลไม่ถูกต้อง: {0}")]
    Invalid(String),
    #[error("ฐานข้อมูลขัดข้อง: {0}")]
    Database(#[from] sqlx::Error),
    #[error("ข้อมูลในฐานข้อมูลเสียหาย: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The database behind every ThaiPA node.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
}

impl Store {
    /// Opens `url` (`sqlite://PATH` or `postgres://…`), creating a SQLite file and its folder
    /// when missing, and runs the migrations.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let engine = Engine::of_url(url)?;
        if engine == Engine::Sqlite
            && let Some(dir) = Path::new(engine::sqlite_path(url)).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Invalid(format!("สร้างโฟลเดอร์ {} ไม่ได้: {e}", dir.display()))
            })?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(engine.max_connections())
            .after_connect(move |conn, _| {
                Box::pin(async move { engine.prepare_connection(conn).await })
            })
            .connect(&engine.connect_url(url))
            .await?;
        let store = Store { pool, engine };
        engine::migrate(&store.pool, engine).await?;
        Ok(store)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A write transaction. SQLite takes the write lock up front (`BEGIN IMMEDIATE`) so two
    /// writers queue on the busy timeout instead of failing on a lock upgrade.
    pub(crate) async fn write(&self) -> Result<Transaction<'static, Any>> {
        Ok(self.pool.begin_with(self.engine.begin_write()).await?)
    }

    /// Liveness of the database, for `/healthz`.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Maps a unique-constraint violation to a field error; anything else passes through.
pub(crate) fn on_unique(
    e: sqlx::Error,
    field: &'static str,
    message: impl Into<String>,
) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate {
            field,
            message: message.into(),
        },
        _ => StoreError::Database(e),
    }
}

#[cfg(test)]
mod tests;
