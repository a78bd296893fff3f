//! Adding a unit under another and renaming one. The kind follows from the parent
//! (headquarters → area office → school), the affiliation is inherited.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::directory::UnitKind;
use domain::people::Affiliation;
use serde::Deserialize;
use store::{StoreError, UnitId};

use super::show_with;
use crate::auth::RequireUnitOfficer;
use crate::{AppState, WebError};

#[derive(Deserialize)]
pub struct ChildForm {
    csrf: String,
    code: String,
    name: String,
}

/// The kind of a unit placed under a unit of `parent` kind, if any.
pub fn child_kind(parent: Option<UnitKind>) -> Option<UnitKind> {
    match parent? {
        UnitKind::Headquarters => Some(UnitKind::AreaOffice),
        UnitKind::AreaOffice => Some(UnitKind::School),
        UnitKind::School => None,
    }
}

pub async fn add_child(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Path(id): Path<String>,
    Form(f): Form<ChildForm>,
) -> Result<Response, WebError> {
    officer.0.verify_csrf(&f.csrf)?;
    if !officer.0.principal.may_manage_unit(&id) {
        return Err(WebError::NotFound);
    }
    let parent_id = UnitId(id.clone());
    let parent = state.store.unit(&parent_id).await?;
    let (code, name) = (f.code.trim(), f.name.trim());
    let problem = if code.is_empty() || name.is_empty() {
        Some("กรอกรหัสและชื่อหน่วยงาน".to_owned())
    } else if code.chars().any(char::is_whitespace) {
        Some("รหัสหน่วยงานต้องไม่มีช่องว่าง".to_owned())
    } else {
        None
    };
    let Some(kind) = child_kind(parent.kind()) else {
        return show_with(
            &state,
            &officer,
            &id,
            Some("สถานศึกษาไม่มีหน่วยงานในสังกัด".into()),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    if let Some(p) = problem {
        return show_with(
            &state,
            &officer,
            &id,
            Some(p),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let affiliation: Affiliation =
        serde_json::from_value(serde_json::Value::String(parent.affiliation.clone()))
            .unwrap_or(Affiliation::All);
    let me = officer.0.person_id();
    match state
        .store
        .create_unit(
            Some(me.as_str()),
            Some(&parent_id),
            kind,
            code,
            name,
            affiliation,
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/units/{id}")).into_response()),
        Err(e @ StoreError::Duplicate { .. }) => {
            show_with(
                &state,
                &officer,
                &id,
                Some(e.to_string()),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct RenameForm {
    csrf: String,
    version: i64,
    name: String,
}

pub async fn rename(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Path(id): Path<String>,
    Form(f): Form<RenameForm>,
) -> Result<Response, WebError> {
    officer.0.verify_csrf(&f.csrf)?;
    if !officer.0.principal.may_manage_unit(&id) {
        return Err(WebError::NotFound);
    }
    let name = f.name.trim();
    if name.is_empty() {
        return show_with(
            &state,
            &officer,
            &id,
            Some("กรอกชื่อหน่วยงาน".into()),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let me = officer.0.person_id();
    match state
        .store
        .rename_unit(Some(me.as_str()), &UnitId(id.clone()), f.version, name)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/units/{id}")).into_response()),
        Err(e @ StoreError::Conflict { .. }) => {
            show_with(
                &state,
                &officer,
                &id,
                Some(e.to_string()),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
