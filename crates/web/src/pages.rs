//! Page models: each page is a struct rendered by its askama template. Business rules stay out
//! of templates; these structs carry ready-to-print values.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::access::Role;

use crate::auth::CurrentUser;

/// Renders a page; a template failure is logged and becomes a plain 500.
pub fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "ขออภัย ระบบขัดข้อง").into_response()
        }
    }
}

/// What the shared layout needs: who is signed in and which menu items they get.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub signed_in: bool,
    pub name: String,
    pub csrf: String,
    pub is_officer: bool,
    /// Gets the พิจารณาข้อตกลง menu item: an approver, a unit officer or an administrator.
    pub is_reviewer: bool,
    /// Agreements waiting for this approver (menu badge).
    pub waiting: i64,
    /// Unread notifications (menu badge).
    pub unread: i64,
    /// Gets the ประเมิน PA menu item: a committee member, an approver, an officer.
    pub evaluates: bool,
    /// Sheets still to score (menu badge).
    pub to_score: i64,
}

impl Layout {
    pub fn of(user: &CurrentUser) -> Layout {
        Layout {
            signed_in: true,
            name: user.person.full_name(),
            csrf: user.csrf_token.clone(),
            is_officer: user.has(Role::UnitOfficer) || user.has(Role::Admin),
            is_reviewer: user.has(Role::Approver)
                || user.has(Role::UnitOfficer)
                || user.has(Role::Admin),
            waiting: user.waiting,
            unread: user.unread,
            evaluates: user.seats > 0
                || user.has(Role::Approver)
                || user.has(Role::UnitOfficer)
                || user.has(Role::Admin),
            to_score: user.to_score,
        }
    }
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub layout: Layout,
    pub csrf: String,
    pub error: Option<String>,
    pub login: String,
}

#[derive(Template)]
#[template(path = "password.html")]
pub struct PasswordPage {
    pub layout: Layout,
    pub error: Option<String>,
    pub forced: bool,
}

impl PasswordPage {
    pub fn new(user: &CurrentUser, error: Option<String>) -> PasswordPage {
        PasswordPage {
            layout: Layout::of(user),
            error,
            forced: user.must_change_password,
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub message: String,
}

impl ErrorPage {
    pub fn new(status: u16, message: String) -> ErrorPage {
        ErrorPage {
            layout: Layout::default(),
            status,
            message,
        }
    }
}

/// A label and a value, for definition lists.
#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}
