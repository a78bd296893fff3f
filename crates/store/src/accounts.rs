//! Accounts, role grants, sessions and login throttling.
//!
//! Sessions live in the database so any node behind a load balancer can serve any request.
//! The cookie carries a random token; the table keeps only its SHA-256, so a leaked database
//! does not hand out live sessions.

use domain::access::{Grant, Role};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::{self, Event};
use crate::{PersonId, Result, Store, StoreError, UnitId, new_id, now_ms, on_unique};

/// How long a session lasts without a new login.
pub const SESSION_TTL_MS: i64 = 12 * 60 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Account {
    pub person_id: String,
    pub login: String,
    pub password_hash: String,
    pub must_change_password: i64,
}

/// A live session, resolved from its cookie token.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub person_id: PersonId,
    pub csrf_token: String,
    pub expires_at: i64,
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Store {
    /// Creates or replaces a person's login and password hash (hashing is the caller's job:
    /// it is CPU work that belongs off the async threads).
    pub async fn set_account(
        &self,
        actor: Option<&str>,
        person: &PersonId,
        login: &str,
        password_hash: &str,
        must_change_password: bool,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let now = now_ms();
        let exists: Option<(String,)> =
            sqlx::query_as("SELECT person_id FROM accounts WHERE person_id = $1")
                .bind(&person.0)
                .fetch_optional(&mut *tx)
                .await?;
        let query = if exists.is_some() {
            "UPDATE accounts SET login = $1, password_hash = $2, must_change_password = $3, updated_at = $4 WHERE person_id = $5"
        } else {
            "INSERT INTO accounts (login, password_hash, must_change_password, created_at, updated_at, person_id) VALUES ($1, $2, $3, $4, $4, $5)"
        };
        sqlx::query(query)
            .bind(login)
            .bind(password_hash)
            .bind(i64::from(must_change_password))
            .bind(now)
            .bind(&person.0)
            .execute(&mut *tx)
            .await
            .map_err(|e| on_unique(e, "login", format!("ชื่อผู้ใช้ {login} มีผู้ใช้แล้ว")))?;
        let action = if exists.is_some() {
            "account.password_set"
        } else {
            "account.create"
        };
        audit::record(
            &mut tx,
            Event {
                actor,
                action,
                entity: "person",
                entity_id: &person.0,
                detail: json!({"login": login}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn account_by_login(&self, login: &str) -> Result<Option<Account>> {
        Ok(sqlx::query_as(
            "SELECT a.person_id, a.login, a.password_hash, a.must_change_password FROM accounts a \
             JOIN people p ON p.id = a.person_id WHERE a.login = $1 AND p.active = 1",
        )
        .bind(login)
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn account_of(&self, person: &PersonId) -> Result<Option<Account>> {
        Ok(sqlx::query_as("SELECT person_id, login, password_hash, must_change_password FROM accounts WHERE person_id = $1")
            .bind(&person.0)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Grants a role, scoped to a unit where the role has one. Granting twice is a no-op.
    pub async fn grant_role(
        &self,
        actor: Option<&str>,
        person: &PersonId,
        role: Role,
        unit: Option<&UnitId>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let unit_id = unit.map(|u| u.0.clone());
        let existing: Option<(String,)> = sqlx::query_as(
            "SELECT id FROM role_grants WHERE person_id = $1 AND role = $2 AND (unit_id = $3 OR (unit_id IS NULL AND $3 IS NULL))",
        )
        .bind(&person.0)
        .bind(role.code())
        .bind(unit_id.clone())
        .fetch_optional(&mut *tx)
        .await?;
        if existing.is_none() {
            sqlx::query("INSERT INTO role_grants (id, person_id, role, unit_id, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(new_id())
                .bind(&person.0)
                .bind(role.code())
                .bind(unit_id.clone())
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
            audit::record(
                &mut tx,
                Event {
                    actor,
                    action: "role.grant",
                    entity: "person",
                    entity_id: &person.0,
                    detail: json!({"role": role.code(), "unit": unit_id}),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn grants_of(&self, person: &PersonId) -> Result<Vec<Grant>> {
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT role, unit_id FROM role_grants WHERE person_id = $1 ORDER BY role, unit_id",
        )
        .bind(&person.0)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(role, unit)| {
                let role = Role::from_code(&role)
                    .ok_or_else(|| StoreError::Corrupt(format!("บทบาท {role} ไม่รู้จัก")))?;
                Ok(Grant { role, unit })
            })
            .collect()
    }

    /// Starts a session; returns the token for the cookie.
    pub async fn create_session(&self, person: &PersonId) -> Result<(String, SessionInfo)> {
        let token = random_token();
        let csrf_token = random_token();
        let now = now_ms();
        let expires_at = now + SESSION_TTL_MS;
        let mut tx = self.write().await?;
        sqlx::query("INSERT INTO sessions (id, person_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash(&token))
            .bind(&person.0)
            .bind(&csrf_token)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&person.0),
                action: "session.login",
                entity: "person",
                entity_id: &person.0,
                detail: json!({}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok((
            token,
            SessionInfo {
                person_id: person.clone(),
                csrf_token,
                expires_at,
            },
        ))
    }

    /// The live session for a cookie token; expired sessions and inactive people count as none.
    pub async fn session(&self, token: &str) -> Result<Option<SessionInfo>> {
        let row: Option<(String, String, i64)> = sqlx::query_as(
            "SELECT s.person_id, s.csrf_token, s.expires_at FROM sessions s JOIN people p ON p.id = s.person_id \
             WHERE s.id = $1 AND s.expires_at > $2 AND p.active = 1",
        )
        .bind(token_hash(token))
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(p, csrf_token, expires_at)| SessionInfo {
            person_id: PersonId(p),
            csrf_token,
            expires_at,
        }))
    }

    pub async fn end_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(token_hash(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Ends every session of a person (after a password change or reset).
    pub async fn end_sessions_of(&self, person: &PersonId) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(&person.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a failed login under each key and returns, per key, the failures within the
    /// window (including this one).
    pub async fn record_failed_login(&self, keys: &[&str], window_ms: i64) -> Result<Vec<i64>> {
        let now = now_ms();
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(now - window_ms)
            .execute(&mut *tx)
            .await?;
        let mut counts = Vec::with_capacity(keys.len());
        for key in keys {
            sqlx::query("INSERT INTO login_attempts (id, throttle_key, at) VALUES ($1, $2, $3)")
                .bind(new_id())
                .bind(*key)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM login_attempts WHERE throttle_key = $1 AND at >= $2",
            )
            .bind(*key)
            .bind(now - window_ms)
            .fetch_one(&mut *tx)
            .await?;
            counts.push(n);
        }
        tx.commit().await?;
        Ok(counts)
    }

    /// Failures under a key within the window.
    pub async fn failed_logins(&self, key: &str, window_ms: i64) -> Result<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM login_attempts WHERE throttle_key = $1 AND at >= $2",
        )
        .bind(key)
        .bind(now_ms() - window_ms)
        .fetch_one(self.pool())
        .await?;
        Ok(n)
    }

    pub async fn clear_failed_logins(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_attempts WHERE throttle_key = $1")
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// 32 random bytes, hex: unguessable session and CSRF tokens.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    bytes[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    hex::encode(bytes)
}
