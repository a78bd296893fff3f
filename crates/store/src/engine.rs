//! What differs between SQLite and PostgreSQL, in one place: connection set-up, the write
//! transaction's BEGIN, and the migration folders.

use sqlx::{AnyConnection, AnyPool, Executor};

use crate::{Result, StoreError, now_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Migrations per engine, in order. Table shapes are identical (a test compares them).
const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../migrations/sqlite/0001_init.sql"),
    ),
    (
        2,
        "workflow",
        include_str!("../migrations/sqlite/0002_workflow.sql"),
    ),
    (
        3,
        "evaluation",
        include_str!("../migrations/sqlite/0003_evaluation.sql"),
    ),
    (
        4,
        "evidence",
        include_str!("../migrations/sqlite/0004_evidence.sql"),
    ),
];
const POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "workflow",
        include_str!("../migrations/postgres/0002_workflow.sql"),
    ),
    (
        3,
        "evaluation",
        include_str!("../migrations/postgres/0003_evaluation.sql"),
    ),
    (
        4,
        "evidence",
        include_str!("../migrations/postgres/0004_evidence.sql"),
    ),
];

impl Engine {
    pub fn of_url(url: &str) -> Result<Engine> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            Err(StoreError::Invalid(format!(
                "ที่อยู่ฐานข้อมูล \"{url}\" ต้องขึ้นต้นด้วย sqlite:// หรือ postgres://"
            )))
        }
    }

    pub(crate) fn max_connections(self) -> u32 {
        match self {
            Engine::Sqlite => 8,
            Engine::Postgres => 20,
        }
    }

    pub(crate) fn connect_url(self, url: &str) -> String {
        match self {
            Engine::Sqlite if !url.contains('?') => format!("{url}?mode=rwc"),
            _ => url.to_owned(),
        }
    }

    /// SQLite pragmas as vaultwarden sets them: WAL, a busy timeout, NORMAL sync, foreign keys.
    pub(crate) async fn prepare_connection(
        self,
        conn: &mut AnyConnection,
    ) -> Result<(), sqlx::Error> {
        if self == Engine::Sqlite {
            conn.execute(
                "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                 PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .await?;
        }
        Ok(())
    }

    pub(crate) fn begin_write(self) -> &'static str {
        match self {
            Engine::Sqlite => "BEGIN IMMEDIATE",
            Engine::Postgres => "BEGIN",
        }
    }

    fn migrations(self) -> &'static [(i64, &'static str, &'static str)] {
        match self {
            Engine::Sqlite => SQLITE,
            Engine::Postgres => POSTGRES,
        }
    }
}

/// The file path of a `sqlite://PATH?…` URL.
pub(crate) fn sqlite_path(url: &str) -> &str {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split('?').next().unwrap_or(rest)
}

/// Applies the migrations not yet recorded, each in its own transaction.
pub(crate) async fn migrate(pool: &AnyPool, engine: Engine) -> Result<()> {
    pool.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    )
    .await?;
    for (version, name, sql) in engine.migrations() {
        let mut tx = pool.begin_with(engine.begin_write()).await?;
        let done: Option<(i64,)> =
            sqlx::query_as("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
        if done.is_some() {
            continue;
        }
        tracing::info!(version, name, "applying migration");
        tx.execute(*sql).await?;
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(version)
        .bind(*name)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok(())
}
