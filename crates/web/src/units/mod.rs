//! Units for unit officers: the tree they manage, each unit's people, adding and renaming.

mod edit;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use domain::access::Role;
use store::UnitId;
use store::people::Person;
use store::units::Unit;

use crate::auth::RequireUnitOfficer;
use crate::pages::{Layout, render};
use crate::{AppState, WebError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units", get(list))
        .route("/units/{id}", get(show))
        .route("/units/{id}/children", axum::routing::post(edit::add_child))
        .route("/units/{id}/name", axum::routing::post(edit::rename))
}

pub struct UnitLine {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub depth: usize,
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    layout: Layout,
    units: Vec<UnitLine>,
}

#[derive(Template)]
#[template(path = "unit.html")]
struct UnitPage {
    layout: Layout,
    message: Option<String>,
    version: i64,
    child_kind: Option<String>,
    unit: UnitLine,
    children: Vec<UnitLine>,
    people: Vec<PersonLine>,
}

pub struct PersonLine {
    pub id: String,
    pub name: String,
    pub position: String,
    pub standing: String,
    pub active: bool,
}

impl PersonLine {
    pub fn of(p: &Person) -> PersonLine {
        PersonLine {
            id: p.id.clone(),
            name: p.full_name(),
            position: p
                .position()
                .map(|x| x.thai().to_owned())
                .unwrap_or_default(),
            standing: match (p.position(), p.standing()) {
                (Some(pos), Some(st)) => st.title(pos),
                _ => "-".into(),
            },
            active: p.active == 1,
        }
    }
}

fn line(u: &Unit, depth: usize) -> UnitLine {
    UnitLine {
        id: u.id.clone(),
        code: u.code.clone(),
        name: u.name.clone(),
        kind: u.kind().map(|k| k.thai().to_owned()).unwrap_or_default(),
        depth,
    }
}

/// The units an officer manages (all units for an administrator), each tree in order.
async fn managed(
    state: &AppState,
    officer: &RequireUnitOfficer,
) -> Result<Vec<UnitLine>, WebError> {
    let user = &officer.0;
    let roots: Vec<String> = if user.has(Role::Admin) {
        state
            .store
            .all_units()
            .await?
            .into_iter()
            .filter(|u| u.parent_id.is_none())
            .map(|u| u.id)
            .collect()
    } else {
        user.principal
            .grants
            .iter()
            .filter(|g| g.role == Role::UnitOfficer)
            .filter_map(|g| g.unit.clone())
            .collect()
    };
    let mut out = Vec::new();
    for root in roots {
        let units = state.store.units_under(&UnitId(root)).await?;
        let mut depth_of = std::collections::HashMap::new();
        for u in &units {
            let depth = u
                .parent_id
                .as_ref()
                .and_then(|p| depth_of.get(p))
                .map_or(0, |d| d + 1);
            depth_of.insert(u.id.clone(), depth);
            out.push(line(u, depth));
        }
    }
    Ok(out)
}

async fn list(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
) -> Result<Response, WebError> {
    let units = managed(&state, &officer).await?;
    Ok(render(&UnitsPage {
        layout: Layout::of(&officer.0),
        units,
    }))
}

async fn show(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    show_with(&state, &officer, &id, None, axum::http::StatusCode::OK).await
}

/// The unit page, with a message from a refused edit when there is one.
async fn show_with(
    state: &AppState,
    officer: &RequireUnitOfficer,
    id: &str,
    message: Option<String>,
    status: axum::http::StatusCode,
) -> Result<Response, WebError> {
    if !officer.0.principal.may_manage_unit(id) {
        return Err(WebError::NotFound);
    }
    let unit_id = UnitId(id.to_owned());
    let unit = state.store.unit(&unit_id).await?;
    let below = state.store.units_under(&unit_id).await?;
    let children = below
        .iter()
        .filter(|u| u.parent_id.as_deref() == Some(id))
        .map(|u| line(u, 1))
        .collect();
    let people = state
        .store
        .people_under(&unit_id)
        .await?
        .iter()
        .filter(|p| p.unit_id == id)
        .map(PersonLine::of)
        .collect();
    let page = UnitPage {
        layout: Layout::of(&officer.0),
        message,
        version: unit.version,
        child_kind: edit::child_kind(unit.kind()).map(|k| k.thai().to_owned()),
        unit: line(&unit, 0),
        children,
        people,
    };
    Ok((status, render(&page)).into_response())
}

use axum::response::IntoResponse;
