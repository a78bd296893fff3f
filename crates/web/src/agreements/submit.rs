//! Submitting (เสนอ) the agreement to the approver, and asking to amend an approved one.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::catalog::Catalog;
use domain::checker;
use serde::Deserialize;

use super::findings::Findings;
use super::{form_of, load_own, notify};
use crate::auth::CurrentUser;
use crate::pages::{Layout, render};
use crate::{AppState, WebError};

#[derive(Template)]
#[template(path = "agreements/submit.html")]
struct ConfirmPage {
    layout: Layout,
    id: String,
    version: i64,
    fiscal_year: i64,
    approver: Option<String>,
    approver_title: String,
    blocked: bool,
    findings_html: String,
}

/// GET /agreements/{id}/submit: what will happen, and what still blocks it.
pub async fn confirm(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let s = &load_own(&state, &user, &id).await?;
    let form = form_of(s)?;
    let findings = Findings::of(form, &s.content);
    let approver = state.store.approver_of(&s.person_id).await?;
    Ok(render(&ConfirmPage {
        layout: Layout::of(&user),
        id,
        version: s.version,
        fiscal_year: s.fiscal_year,
        approver: approver.map(|p| p.full_name()),
        approver_title: form.approval.approver_title.clone(),
        blocked: findings.errors > 0,
        findings_html: findings.html(),
    }))
}

#[derive(Deserialize)]
pub struct SubmitForm {
    csrf: String,
    version: i64,
}

/// POST /agreements/{id}/submit: refused while the checker finds errors; a stale page (the
/// agreement changed since it was shown) is a conflict.
pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<SubmitForm>,
) -> Result<Response, WebError> {
    user.verify_csrf(&f.csrf)?;
    let s = &load_own(&state, &user, &id).await?;
    let report = checker::check_in(Catalog::embedded(), &s.content);
    if report.has_errors() {
        return Err(WebError::BadRequest(format!(
            "ยังเสนอข้อตกลงไม่ได้: พบข้อผิดพลาด {} รายการ กรุณากลับไปแก้ไขตามรายการตรวจก่อน",
            report.errors().count()
        )));
    }
    state
        .store
        .submit_agreement(&s.person_id, &s.id, f.version, &notify(&state))
        .await?;
    state.mail.wake();
    Ok(Redirect::to(&format!("/agreements/{id}?done=submitted")).into_response())
}

#[derive(Deserialize)]
pub struct AmendmentForm {
    csrf: String,
    reason: String,
}

/// POST /agreements/{id}/amendment: the maker asks to change an approved agreement.
pub async fn request_amendment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<AmendmentForm>,
) -> Result<Response, WebError> {
    user.verify_csrf(&f.csrf)?;
    let s = load_own(&state, &user, &id).await?;
    state
        .store
        .request_amendment(&s.person_id, &s.id, &f.reason, &notify(&state))
        .await?;
    state.mail.wake();
    Ok(Redirect::to(&format!("/agreements/{id}?done=amendment")).into_response())
}
