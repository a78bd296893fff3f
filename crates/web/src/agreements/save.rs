//! POST /agreements/{id}/save: the editor's autosave (JSON) and its plain form post. The posted
//! fields become an agreement through `domain::editing::apply`; a bad field, a stale version or
//! a frozen agreement changes nothing and says why in Thai.

use axum::Form;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::editing::{self, FieldError};
use domain::workflow::{Actor, AgreementAction};
use serde::Serialize;
use serde_json::json;
use store::StoreError;

use super::findings::Findings;
use super::{form_of, load_own};
use crate::auth::CurrentUser;
use crate::{AppState, WebError};

/// A posted field by name (the first one).
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The token from the form, or from the header the editor's script sends.
pub fn verify_csrf(
    user: &CurrentUser,
    headers: &HeaderMap,
    fields: &[(String, String)],
) -> Result<(), WebError> {
    let token = field(fields, "csrf")
        .or_else(|| headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))
        .unwrap_or_default();
    user.verify_csrf(token)
}

pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

#[derive(Serialize)]
struct LabeledError {
    path: String,
    label: String,
    message: String,
}

#[derive(Serialize)]
struct Saved {
    version: i64,
    errors: usize,
    warnings: usize,
    findings_html: String,
    /// Texts the normaliser cleaned, so the page shows what was stored.
    normalized: Vec<(String, String)>,
}

fn refused(json: bool, status: StatusCode, message: String, errors: Vec<LabeledError>) -> Response {
    if json {
        (
            status,
            Json(json!({ "message": message, "errors": errors })),
        )
            .into_response()
    } else {
        let mut text = message;
        for e in &errors {
            text.push_str(&format!("\n• {}: {}", e.label, e.message));
        }
        let err = match status {
            StatusCode::CONFLICT => WebError::Conflict(text),
            _ => WebError::BadRequest(text),
        };
        err.into_response()
    }
}

pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    verify_csrf(&user, &headers, &fields)?;
    let json = wants_json(&headers);
    let stored = load_own(&state, &user, &id).await?;
    if let Err(e) = stored.state.apply(Actor::Maker, &AgreementAction::Edit) {
        return Ok(refused(
            json,
            StatusCode::CONFLICT,
            e.to_string(),
            Vec::new(),
        ));
    }
    let Some(version) = field(&fields, "version").and_then(|v| v.trim().parse::<i64>().ok()) else {
        return Ok(refused(
            json,
            StatusCode::UNPROCESSABLE_ENTITY,
            "ไม่พบเลขฉบับของข้อตกลงในแบบฟอร์ม กรุณาโหลดหน้าใหม่".into(),
            Vec::new(),
        ));
    };
    let form = form_of(&stored)?;
    let applied = match editing::apply(form, &stored.content, &fields) {
        Ok(a) => a,
        Err(errors) => {
            let errors = errors
                .into_iter()
                .map(|FieldError { path, message }| LabeledError {
                    label: editing::label(form, &stored.content, &path),
                    path,
                    message,
                })
                .collect();
            return Ok(refused(
                json,
                StatusCode::UNPROCESSABLE_ENTITY,
                "ยังไม่ได้บันทึก: มีข้อมูลบางช่องไม่ถูกต้อง กรุณาแก้ไขตามที่แจ้งไว้ใต้ช่อง".into(),
                errors,
            ));
        }
    };
    let saved = state
        .store
        .save_agreement(&stored.person_id, &stored.id, version, &applied.agreement)
        .await;
    let version = match saved {
        Ok(v) => v,
        Err(StoreError::Conflict { current }) => {
            return Ok(if json {
                (
                    StatusCode::CONFLICT,
                    Json(json!({
                        "message": StoreError::Conflict { current }.to_string(),
                        "current": current,
                    })),
                )
                    .into_response()
            } else {
                WebError::from(StoreError::Conflict { current }).into_response()
            });
        }
        Err(e) => return Err(e.into()),
    };
    if !json {
        return Ok(Redirect::to(&format!("/agreements/{id}/edit")).into_response());
    }
    let findings = Findings::of(form, &applied.agreement);
    Ok(Json(Saved {
        version,
        errors: findings.errors,
        warnings: findings.warnings,
        findings_html: findings.html(),
        normalized: applied.normalized,
    })
    .into_response())
}
