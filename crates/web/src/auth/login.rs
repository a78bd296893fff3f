//! The login page, with throttling per account and per address, and logout.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::cookies::{self, LOGIN_COOKIE, SESSION_COOKIE};
use super::extract::CurrentUser;
use super::password::{hash_password, verify_password};
use crate::pages::{LoginPage, render};
use crate::{AppState, WebError};

pub async fn page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    form(&state, &headers, None, "", StatusCode::OK)
}

fn form(
    state: &AppState,
    headers: &HeaderMap,
    error: Option<String>,
    login: &str,
    status: StatusCode,
) -> Response {
    let token = uuid::Uuid::new_v4().simple().to_string();
    let cookie = cookies::set(
        LOGIN_COOKIE,
        &token,
        3600,
        cookies::secure(state.config.secure_cookies, headers),
    );
    (
        status,
        [(SET_COOKIE, cookie)],
        render(&LoginPage {
            layout: Default::default(),
            csrf: token,
            error,
            login: login.to_owned(),
        }),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    login: String,
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    let expected = cookies::get(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !cookies::same(&expected, &f.csrf) {
        return Err(WebError::Csrf);
    }
    let login = f.login.trim().to_lowercase();
    let config = &state.config;
    let window = config.login_window_seconds * 1000;
    let account_key = format!("login:{login}");
    let address_key = format!("ip:{}", addr.ip());
    let account_failures = state.store.failed_logins(&account_key, window).await?;
    if account_failures >= config.login_failures_per_account
        || state.store.failed_logins(&address_key, window).await?
            >= config.login_failures_per_address
    {
        return Err(WebError::TooManyRequests(format!(
            "เข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ {} นาทีแล้วลองใหม่ หรือติดต่อเจ้าหน้าที่เพื่อตั้งรหัสผ่านใหม่",
            config.login_window_seconds / 60
        )));
    }
    let account = state.store.account_by_login(&login).await?;
    // An unknown login costs one hash, like a wrong password, so timing does not tell which
    // logins exist.
    let ok = match &account {
        Some(a) => verify_password(config, f.password, a.password_hash.clone()).await?,
        None => hash_password(config, f.password).await.map(|_| false)?,
    };
    let Some(account) = account.filter(|_| ok) else {
        state
            .store
            .record_failed_login(&[&account_key, &address_key], window)
            .await?;
        return Ok(form(
            &state,
            &headers,
            Some("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง".into()),
            &login,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    // Only a write when there is something to forget: on SQLite every write queues.
    if account_failures > 0 {
        state.store.clear_failed_logins(&account_key).await?;
    }
    let person = store::PersonId(account.person_id);
    let (token, _) = state.store.create_session(&person).await?;
    let cookie = cookies::set(
        SESSION_COOKIE,
        &token,
        store::accounts::SESSION_TTL_MS / 1000,
        cookies::secure(config.secure_cookies, &headers),
    );
    let next = if account.must_change_password != 0 {
        "/password"
    } else {
        "/"
    };
    Ok(([(SET_COOKIE, cookie)], Redirect::to(next)).into_response())
}

#[derive(Deserialize)]
pub struct LogoutForm {
    csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Form(f): Form<LogoutForm>,
) -> Result<Response, WebError> {
    user.verify_csrf(&f.csrf)?;
    if let Some(token) = cookies::get(&headers, SESSION_COOKIE) {
        state.store.end_session(&token).await?;
    }
    let cookie = cookies::set(
        SESSION_COOKIE,
        "",
        0,
        cookies::secure(state.config.secure_cookies, &headers),
    );
    Ok(([(SET_COOKIE, cookie)], Redirect::to("/login")).into_response())
}
