//! A person's record: view (themselves, their approver, officers above), and for officers:
//! add, edit, deactivate, reset the password. Never a hard delete.

mod form;

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use store::PersonId;
use store::people::Person;

use crate::auth::{CurrentUser, RequireUnitOfficer, hash_password};
use crate::pages::{Field, Layout, render};
use crate::{AppState, WebError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people/new", get(form::new))
        .route("/people", post(form::create))
        .route("/people/{id}", get(show).post(form::update))
        .route("/people/{id}/edit", get(form::edit))
        .route("/people/{id}/active", post(set_active))
        .route("/people/{id}/password-reset", post(reset_password))
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    layout: Layout,
    id: String,
    name: String,
    fields: Vec<Field>,
    active: bool,
    version: i64,
    manage: bool,
    login: Option<String>,
    new_password: Option<String>,
}

/// The person, if this user may see them; otherwise 404 so ids cannot be probed.
async fn visible(state: &AppState, user: &CurrentUser, id: &str) -> Result<Person, WebError> {
    let person = state.store.person(&PersonId(id.to_owned())).await?;
    if user.principal.may_view_person(&person.id, &person.unit_id) {
        Ok(person)
    } else {
        Err(WebError::NotFound)
    }
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    person: Person,
    new_password: Option<String>,
) -> Result<Response, WebError> {
    let unit = state
        .store
        .unit(&store::UnitId(person.unit_id.clone()))
        .await?;
    let login = state.store.account_of(&person.id()).await?.map(|a| a.login);
    let standing = match (person.position(), person.standing()) {
        (Some(p), Some(s)) => s.title(p),
        _ => "-".into(),
    };
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let fields = vec![
        Field {
            label: "ตำแหน่ง",
            value: person
                .position()
                .map(|p| p.thai().to_owned())
                .unwrap_or_default(),
        },
        Field {
            label: "วิทยฐานะ",
            value: standing,
        },
        Field {
            label: "สถานศึกษา/หน่วยงาน",
            value: unit.name,
        },
        Field {
            label: "อันดับ",
            value: opt(&person.salary_scale),
        },
        Field {
            label: "อัตราเงินเดือน (บาท)",
            value: opt(&person.salary),
        },
        Field {
            label: "อีเมล",
            value: opt(&person.email),
        },
        Field {
            label: "โทรศัพท์",
            value: opt(&person.phone),
        },
    ];
    Ok(render(&PersonPage {
        layout: Layout::of(user),
        id: person.id.clone(),
        name: person.full_name(),
        fields,
        active: person.active == 1,
        version: person.version,
        manage: user
            .principal
            .may_manage_person(&person.id, &person.unit_id),
        login,
        new_password,
    }))
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let person = visible(&state, &user, &id).await?;
    page(&state, &user, person, None).await
}

/// The person, if this officer manages them.
async fn managed(
    state: &AppState,
    officer: &RequireUnitOfficer,
    id: &str,
) -> Result<Person, WebError> {
    let person = visible(state, &officer.0, id).await?;
    if officer
        .0
        .principal
        .may_manage_person(&person.id, &person.unit_id)
    {
        Ok(person)
    } else {
        Err(WebError::Forbidden)
    }
}

#[derive(Deserialize)]
struct ActiveForm {
    csrf: String,
    version: i64,
    active: bool,
}

async fn set_active(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Path(id): Path<String>,
    Form(f): Form<ActiveForm>,
) -> Result<Response, WebError> {
    officer.0.verify_csrf(&f.csrf)?;
    let person = managed(&state, &officer, &id).await?;
    let me = officer.0.person_id();
    state
        .store
        .set_person_active(Some(me.as_str()), &person.id(), f.version, f.active)
        .await?;
    Ok(Redirect::to(&format!("/people/{id}")).into_response())
}

#[derive(Deserialize)]
struct ResetForm {
    csrf: String,
}

/// Sets a one-time password the person must change at their next login, and shows it once.
async fn reset_password(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Path(id): Path<String>,
    Form(f): Form<ResetForm>,
) -> Result<Response, WebError> {
    officer.0.verify_csrf(&f.csrf)?;
    let person = managed(&state, &officer, &id).await?;
    let login = match state.store.account_of(&person.id()).await? {
        Some(a) => a.login,
        None => person
            .email
            .clone()
            .or_else(|| person.citizen_id.clone())
            .ok_or_else(|| {
                WebError::BadRequest("ต้องมีอีเมลหรือเลขประจำตัวประชาชนก่อน จึงจะสร้างบัญชีผู้ใช้ได้".into())
            })?,
    };
    let temporary = temporary_password();
    let hash = hash_password(&state.config, temporary.clone()).await?;
    let me = officer.0.person_id();
    state
        .store
        .set_account(Some(me.as_str()), &person.id(), &login, &hash, true)
        .await?;
    state.store.end_sessions_of(&person.id()).await?;
    page(&state, &officer.0, person, Some(temporary)).await
}

/// Twelve characters from an alphabet without look-alikes (no 0/O, 1/l/I).
pub(crate) fn temporary_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes = uuid::Uuid::new_v4();
    bytes
        .as_bytes()
        .iter()
        .take(12)
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

use axum::response::IntoResponse;
