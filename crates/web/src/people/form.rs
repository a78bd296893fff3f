//! Adding and editing a person: the form's strings become a `PersonRecord` or field errors
//! shown beside their fields, with everything the officer typed kept.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::directory::{PersonRecord, PersonRow};
use serde::Deserialize;
use store::{PersonId, StoreError, UnitId};

use super::managed;
use crate::auth::RequireUnitOfficer;
use crate::pages::{Layout, render};
use crate::{AppState, WebError};

#[derive(Debug, Default, Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(flatten)]
    row: PersonRow,
}

#[derive(Template)]
#[template(path = "person_form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    version: i64,
    row: PersonRow,
    errors: BTreeMap<&'static str, String>,
    message: Option<String>,
    units: Vec<(String, String)>,
}

impl FormPage {
    fn error(&self, field: &str) -> String {
        self.errors.get(field).cloned().unwrap_or_default()
    }

    /// The text inputs in order: (name, label, value, input type, error).
    fn inputs(&self) -> Vec<(&'static str, &'static str, String, &'static str, String)> {
        let r = &self.row;
        [
            ("title", "คำนำหน้า", &r.title, "text"),
            ("first_name", "ชื่อ", &r.first_name, "text"),
            ("last_name", "นามสกุล", &r.last_name, "text"),
            (
                "citizen_id",
                "เลขประจำตัวประชาชน (13 หลัก)",
                &r.citizen_id,
                "text",
            ),
            (
                "position",
                "ตำแหน่ง (เช่น ครู, ผู้อำนวยการสถานศึกษา)",
                &r.position,
                "text",
            ),
            (
                "standing",
                "วิทยฐานะ (เช่น ชำนาญการพิเศษ หรือ ไม่มีวิทยฐานะ)",
                &r.standing,
                "text",
            ),
            ("salary_scale", "อันดับ (เช่น คศ.3)", &r.salary_scale, "text"),
            ("salary", "อัตราเงินเดือน (บาท)", &r.salary, "text"),
            ("email", "อีเมล", &r.email, "email"),
            ("phone", "โทรศัพท์", &r.phone, "tel"),
        ]
        .into_iter()
        .map(|(name, label, value, kind)| (name, label, value.clone(), kind, self.error(name)))
        .collect()
    }
}

/// Units this officer may put people in: (code, name).
async fn unit_choices(
    state: &AppState,
    officer: &RequireUnitOfficer,
) -> Result<Vec<(String, String)>, WebError> {
    let all = state.store.all_units().await?;
    Ok(all
        .into_iter()
        .filter(|u| officer.0.principal.may_manage_unit(&u.id))
        .map(|u| (u.code, u.name))
        .collect())
}

#[derive(Deserialize)]
pub struct NewQuery {
    unit: Option<String>,
}

pub async fn new(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Query(q): Query<NewQuery>,
) -> Result<Response, WebError> {
    let mut row = PersonRow::default();
    if let Some(unit) = q.unit.filter(|u| officer.0.principal.may_manage_unit(u)) {
        row.unit_code = state.store.unit(&UnitId(unit)).await?.code;
    }
    let units = unit_choices(&state, &officer).await?;
    Ok(render(&FormPage {
        layout: Layout::of(&officer.0),
        heading: "เพิ่มบุคลากร".into(),
        action: "/people".into(),
        version: 0,
        row,
        errors: BTreeMap::new(),
        message: None,
        units,
    }))
}

/// The record, if the row is valid and its unit is one this officer manages.
async fn parse(
    state: &AppState,
    officer: &RequireUnitOfficer,
    row: &PersonRow,
) -> Result<Result<PersonRecord, BTreeMap<&'static str, String>>, WebError> {
    let mut errors = BTreeMap::new();
    let record = PersonRecord::try_from(row.clone()).map_err(|es| {
        for e in es {
            errors.entry(e.field).or_insert(e.message);
        }
    });
    match state.store.unit_by_code(row.unit_code.trim()).await? {
        Some(u) if officer.0.principal.may_manage_unit(&u.id) => {}
        _ => {
            errors.insert("unit_code", "เลือกหน่วยงานที่คุณดูแล".into());
        }
    }
    Ok(match record {
        Ok(r) if errors.is_empty() => Ok(r),
        _ => Err(errors),
    })
}

async fn refuse(
    state: &AppState,
    officer: &RequireUnitOfficer,
    (heading, action, version): (&str, String, i64),
    row: PersonRow,
    errors: BTreeMap<&'static str, String>,
    message: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let units = unit_choices(state, officer).await?;
    let page = FormPage {
        layout: Layout::of(&officer.0),
        heading: heading.into(),
        action,
        version,
        row,
        errors,
        message,
        units,
    };
    Ok((status, render(&page)).into_response())
}

/// Field errors, a page-level message, and the status to answer with.
type Refusal = (BTreeMap<&'static str, String>, Option<String>, StatusCode);

/// A duplicate e-mail or citizen id becomes an error beside its field; anything else passes.
fn field_error(e: StoreError) -> Result<Refusal, WebError> {
    match e {
        StoreError::Duplicate { field, message } => Ok((
            BTreeMap::from([(field, message)]),
            None,
            StatusCode::CONFLICT,
        )),
        StoreError::Conflict { .. } => {
            Ok((BTreeMap::new(), Some(e.to_string()), StatusCode::CONFLICT))
        }
        other => Err(other.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Form(f): Form<PersonForm>,
) -> Result<Response, WebError> {
    officer.0.verify_csrf(&f.csrf)?;
    let ctx = ("เพิ่มบุคลากร", "/people".to_owned(), 0);
    let record = match parse(&state, &officer, &f.row).await? {
        Ok(r) => r,
        Err(errors) => {
            return refuse(
                &state,
                &officer,
                ctx,
                f.row,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let me = officer.0.person_id();
    match state.store.create_person(Some(me.as_str()), &record).await {
        Ok(id) => Ok(Redirect::to(&format!("/people/{id}")).into_response()),
        Err(e) => {
            let (errors, message, status) = field_error(e)?;
            refuse(&state, &officer, ctx, f.row, errors, message, status).await
        }
    }
}

pub async fn edit(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let p = managed(&state, &officer, &id).await?;
    let unit = state.store.unit(&UnitId(p.unit_id.clone())).await?;
    let row = PersonRow {
        citizen_id: p.citizen_id.clone().unwrap_or_default(),
        title: p.title.clone(),
        first_name: p.first_name.clone(),
        last_name: p.last_name.clone(),
        position: p.position.clone(),
        standing: p.standing.clone(),
        salary_scale: p.salary_scale.clone().unwrap_or_default(),
        salary: p.salary.clone().unwrap_or_default(),
        unit_code: unit.code,
        email: p.email.clone().unwrap_or_default(),
        phone: p.phone.clone().unwrap_or_default(),
    };
    let ctx = ("แก้ไขข้อมูลบุคลากร", format!("/people/{id}"), p.version);
    refuse(
        &state,
        &officer,
        ctx,
        row,
        BTreeMap::new(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    Path(id): Path<String>,
    Form(f): Form<PersonForm>,
) -> Result<Response, WebError> {
    officer.0.verify_csrf(&f.csrf)?;
    managed(&state, &officer, &id).await?;
    let ctx = ("แก้ไขข้อมูลบุคลากร", format!("/people/{id}"), f.version);
    let record = match parse(&state, &officer, &f.row).await? {
        Ok(r) => r,
        Err(errors) => {
            return refuse(
                &state,
                &officer,
                ctx,
                f.row,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let me = officer.0.person_id();
    match state
        .store
        .update_person(Some(me.as_str()), &PersonId(id.clone()), f.version, &record)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/people/{id}")).into_response()),
        Err(e) => {
            let (errors, message, status) = field_error(e)?;
            refuse(&state, &officer, ctx, f.row, errors, message, status).await
        }
    }
}
