//! The JSON API: the same resources as the pages, the same role checks, and an OpenAPI
//! document describing it at `/api/openapi.json`.

mod openapi;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::access::Role;
use serde::Serialize;
use serde_json::json;
use store::people::Person;
use store::units::Unit;
use store::{PersonId, UnitId};

use crate::auth::{CurrentUser, RequireUnitOfficer};
use crate::{AppState, WebError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/me", get(me))
        .route("/api/units", get(units))
        .route("/api/units/{id}/people", get(unit_people))
        .route("/api/people/{id}", get(person))
}

/// API errors as `{"error": "…"}` with the page's status code.
struct ApiError(WebError);

impl From<WebError> for ApiError {
    fn from(e: WebError) -> ApiError {
        ApiError(e)
    }
}

impl From<store::StoreError> for ApiError {
    fn from(e: store::StoreError) -> ApiError {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match self.0 {
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ref other => other.status(),
        };
        if status.is_server_error() {
            return self.0.into_response();
        }
        (status, Json(json!({"error": self.0.to_string()}))).into_response()
    }
}

#[derive(Serialize)]
struct Me {
    person: Person,
    roles: Vec<domain::access::Grant>,
}

async fn me(user: Result<CurrentUser, WebError>) -> Result<Json<Me>, ApiError> {
    let user = user?;
    Ok(Json(Me {
        person: user.person.clone(),
        roles: user.principal.grants.clone(),
    }))
}

async fn units(
    State(state): State<AppState>,
    officer: Result<RequireUnitOfficer, WebError>,
) -> Result<Json<Vec<Unit>>, ApiError> {
    let officer = officer?;
    let all = state.store.all_units().await?;
    let mine = all
        .into_iter()
        .filter(|u| officer.0.principal.may_manage_unit(&u.id) || officer.0.has(Role::Admin))
        .collect();
    Ok(Json(mine))
}

async fn unit_people(
    State(state): State<AppState>,
    officer: Result<RequireUnitOfficer, WebError>,
    Path(id): Path<String>,
) -> Result<Json<Vec<Person>>, ApiError> {
    let officer = officer?;
    if !officer.0.principal.may_manage_unit(&id) {
        return Err(WebError::NotFound.into());
    }
    let people = state
        .store
        .people_under(&UnitId(id.clone()))
        .await?
        .into_iter()
        .filter(|p| p.unit_id == id)
        .collect();
    Ok(Json(people))
}

async fn person(
    State(state): State<AppState>,
    user: Result<CurrentUser, WebError>,
    Path(id): Path<String>,
) -> Result<Json<Person>, ApiError> {
    let user = user?;
    let person = state.store.person(&PersonId(id)).await?;
    if !user.principal.may_view_person(&person.id, &person.unit_id) {
        return Err(WebError::NotFound.into());
    }
    Ok(Json(person))
}
