//! Signing in and out, passwords, sessions, CSRF, and the role extractors.

mod cookies;
mod extract;
mod login;
mod password;

use axum::Router;
use axum::routing::{get, post};

pub use cookies::{SESSION_COOKIE, same as constant_time_eq};
pub use extract::{CurrentUser, RequireAdmin, RequireApprover, RequireUnitOfficer};
pub use password::{hash_password, verify_password};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login::page).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/password", get(password::page).post(password::submit))
}
