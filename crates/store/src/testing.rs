//! Fresh databases for tests, one per test: a temporary SQLite file, or a uniquely named
//! PostgreSQL database on the local server. Without a reachable PostgreSQL the PostgreSQL
//! helpers panic with a message saying so: a test that needs it fails, it is never skipped.

use crate::Store;

/// A fresh SQLite store; keep the returned folder alive as long as the store.
pub async fn sqlite() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("thaipa.db").display());
    (Store::open(&url).await.expect("open SQLite store"), dir)
}

/// The server PostgreSQL tests use; `THAIPA_TEST_POSTGRES_URL` overrides it.
pub fn postgres_admin_url() -> String {
    std::env::var("THAIPA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// The URL of a new, empty, uniquely named PostgreSQL database.
pub async fn fresh_postgres_url() -> String {
    let admin_url = postgres_admin_url();
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is required by this test and is not reachable at {admin_url}: {e}\n\
             Start it (pg_ctlcluster <version> main start) or set THAIPA_TEST_POSTGRES_URL."
            )
        });
    drop_stale_databases(&mut admin).await;
    let name = format!(
        "thaipa_t_{}_{}",
        crate::now_ms() / 1000,
        uuid::Uuid::new_v4().simple()
    );
    // The name is generated above from a UUID: no outside input reaches this statement.
    sqlx::Executor::execute(
        &mut admin,
        sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")),
    )
    .await
    .expect("create test database");
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(b, _)| b);
    format!("{base}/{name}")
}

/// Test databases older than an hour are left over from earlier runs: drop them, once per
/// process, so repeated runs on one server do not fill its disk. A database still in use
/// cannot be dropped; that error is ignored.
async fn drop_stale_databases(admin: &mut sqlx::AnyConnection) {
    static ONCE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if ONCE.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let cutoff = crate::now_ms() / 1000 - 3600;
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT datname::text FROM pg_database WHERE datname LIKE 'thaipa_t_%'")
            .fetch_all(&mut *admin)
            .await
            .unwrap_or_default();
    for (name,) in names {
        let created: Option<i64> = name
            .trim_start_matches("thaipa_t_")
            .split('_')
            .next()
            .and_then(|s| s.parse().ok());
        let safe = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if safe && created.is_none_or(|t| t < cutoff) {
            // Only names matching our own pattern reach this statement.
            let _ = sqlx::Executor::execute(
                &mut *admin,
                sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}")),
            )
            .await;
        }
    }
}

/// A fresh PostgreSQL store.
pub async fn postgres() -> Store {
    Store::open(&fresh_postgres_url().await)
        .await
        .expect("open PostgreSQL store")
}
