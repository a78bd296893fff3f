//! argon2id hashing, off the async threads, and the change-password page.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::Form;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::cookies;
use super::extract::CurrentUser;
use crate::error::InternalError;
use crate::pages::{PasswordPage, render};
use crate::{AppState, Config, WebError};

fn argon2(config: &Config) -> Result<Argon2<'static>, InternalError> {
    let params = Params::new(config.argon2_memory_kib, config.argon2_iterations, 1, None)
        .map_err(|e| InternalError(format!("argon2 params: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password on the blocking pool.
pub async fn hash_password(config: &Config, password: String) -> Result<String, InternalError> {
    let hasher = argon2(config)?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        hasher
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| InternalError(format!("hash task: {e}")))?
    .map_err(|e| InternalError(format!("hash: {e}")))
}

/// Checks a password against a stored hash on the blocking pool. A malformed hash never matches.
pub async fn verify_password(
    config: &Config,
    password: String,
    hash: String,
) -> Result<bool, InternalError> {
    let hasher = argon2(config)?;
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| hasher.verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .map_err(|e| InternalError(format!("verify task: {e}")))
}

/// Rules a new password must meet, in Thai, or none.
pub fn weak(login: &str, new: &str, confirm: &str) -> Option<&'static str> {
    if new != confirm {
        Some("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน")
    } else if new.chars().count() < 10 {
        Some("รหัสผ่านใหม่ต้องยาวอย่างน้อย 10 ตัวอักษร")
    } else if new.eq_ignore_ascii_case(login) {
        Some("รหัสผ่านต้องไม่เหมือนชื่อผู้ใช้")
    } else {
        None
    }
}

#[derive(Deserialize)]
pub struct ChangeForm {
    csrf: String,
    current: String,
    new: String,
    confirm: String,
}

pub async fn page(user: CurrentUser) -> Response {
    render(&PasswordPage::new(&user, None)).into_response()
}

pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: axum::http::HeaderMap,
    Form(f): Form<ChangeForm>,
) -> Result<Response, WebError> {
    user.verify_csrf(&f.csrf)?;
    let account = state
        .store
        .account_of(&user.person_id())
        .await?
        .ok_or(WebError::Forbidden)?;
    let refuse = |message: &str| {
        Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            render(&PasswordPage::new(&user, Some(message.to_owned()))),
        )
            .into_response())
    };
    if !verify_password(&state.config, f.current, account.password_hash).await? {
        return refuse("รหัสผ่านปัจจุบันไม่ถูกต้อง");
    }
    if let Some(problem) = weak(&account.login, &f.new, &f.confirm) {
        return refuse(problem);
    }
    let hash = hash_password(&state.config, f.new).await?;
    let me = user.person_id();
    state
        .store
        .set_account(Some(me.as_str()), &me, &account.login, &hash, false)
        .await?;
    state.store.end_sessions_of(&me).await?;
    let (token, _) = state.store.create_session(&me).await?;
    let cookie = cookies::set(
        cookies::SESSION_COOKIE,
        &token,
        store::accounts::SESSION_TTL_MS / 1000,
        cookies::secure(state.config.secure_cookies, &headers),
    );
    Ok(([(SET_COOKIE, cookie)], Redirect::to("/?flash=password")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_refused_with_a_reason() {
        assert!(weak("somsri", "short", "short").is_some());
        assert!(weak("somsri", "abcdefghijk", "abcdefghijx").is_some());
        assert!(weak("somsri1234", "SOMSRI1234", "SOMSRI1234").is_some());
        assert_eq!(weak("somsri", "ครูไทยใจดี2568", "ครูไทยใจดี2568"), None);
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_nothing_else() {
        let config = Config {
            argon2_memory_kib: 1024,
            argon2_iterations: 1,
            ..Config::default()
        };
        let hash = hash_password(&config, "รหัสผ่านยาวพอ".into())
            .await
            .expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password(&config, "รหัสผ่านยาวพอ".into(), hash.clone())
                .await
                .expect("verify")
        );
        assert!(
            !verify_password(&config, "ผิด".into(), hash)
                .await
                .expect("verify")
        );
        assert!(
            !verify_password(&config, "x".into(), "not a hash".into())
                .await
                .expect("verify")
        );
    }
}
