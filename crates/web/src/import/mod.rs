//! Bulk import from CSV or XLSX for officers: check first (every bad row with its number and a
//! Thai reason), then import all or nothing. Units: administrators only; people: an officer
//! imports into the units they manage.

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use domain::access::Role;
use store::import::{Parsed, import_people, import_units};

use crate::auth::RequireUnitOfficer;
use crate::pages::{Layout, render};
use crate::{AppState, WebError};

pub fn router() -> Router<AppState> {
    Router::new().route("/import", get(page).post(upload))
}

pub struct Line {
    pub row: usize,
    pub text: String,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    layout: Layout,
    may_import_units: bool,
    checked: bool,
    error: Option<String>,
    rows_ok: usize,
    errors: Vec<Line>,
    warnings: Vec<Line>,
    saved: Option<String>,
}

impl ImportPage {
    fn new(officer: &RequireUnitOfficer) -> ImportPage {
        ImportPage {
            layout: Layout::of(&officer.0),
            may_import_units: officer.0.has(Role::Admin),
            checked: false,
            error: None,
            rows_ok: 0,
            errors: Vec::new(),
            warnings: Vec::new(),
            saved: None,
        }
    }

    fn with<T>(mut self, p: &Parsed<T>) -> ImportPage {
        let lines = |v: &[(usize, &Vec<String>)]| {
            v.iter()
                .map(|(row, m)| Line {
                    row: *row,
                    text: m.join("; "),
                })
                .collect()
        };
        self.checked = true;
        self.rows_ok = p.ok.len();
        self.errors = lines(
            &p.errors
                .iter()
                .map(|e| (e.row, &e.messages))
                .collect::<Vec<_>>(),
        );
        self.warnings = lines(
            &p.warnings
                .iter()
                .map(|w| (w.row, &w.messages))
                .collect::<Vec<_>>(),
        );
        self
    }
}

async fn page(officer: RequireUnitOfficer) -> Response {
    render(&ImportPage::new(&officer))
}

/// The form's parts: token, what to import, whether to save, and the file.
struct Upload {
    csrf: String,
    kind: String,
    commit: bool,
    bytes: Vec<u8>,
}

async fn read(mut multipart: Multipart) -> Result<Upload, WebError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        WebError::BadRequest(format!("อ่านไฟล์ที่ส่งมาไม่ได้: {e}"))
    };
    let mut up = Upload {
        csrf: String::new(),
        kind: "people".into(),
        commit: false,
        bytes: Vec::new(),
    };
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "csrf" => up.csrf = field.text().await.map_err(bad)?,
            "kind" => up.kind = field.text().await.map_err(bad)?,
            "action" => up.commit = field.text().await.map_err(bad)? == "commit",
            "file" => up.bytes = field.bytes().await.map_err(bad)?.to_vec(),
            _ => {}
        }
    }
    Ok(up)
}

async fn upload(
    State(state): State<AppState>,
    officer: RequireUnitOfficer,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let up = read(multipart).await?;
    officer.0.verify_csrf(&up.csrf)?;
    let page = ImportPage::new(&officer);
    if up.bytes.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&ImportPage {
                error: Some("เลือกไฟล์ CSV หรือ Excel (.xlsx) ก่อน".into()),
                ..page
            }),
        )
            .into_response());
    }
    let me = officer.0.person_id();
    let actor = Some(me.as_str());
    let refused = |page: ImportPage, e: String| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&ImportPage {
                error: Some(e),
                ..page
            }),
        )
            .into_response()
    };
    let (page, saved) = match up.kind.as_str() {
        "units" if !page.may_import_units => return Err(WebError::Forbidden),
        "units" => {
            let parsed = match import_units(&up.bytes) {
                Ok(p) => state.store.check_units(p).await?,
                Err(e) => return Ok(refused(page, e.to_string())),
            };
            let saved = if up.commit && parsed.errors.is_empty() {
                let records: Vec<_> = parsed.ok.iter().map(|(_, r)| r.clone()).collect();
                Some(state.store.upsert_units(actor, &records).await?)
            } else {
                None
            };
            (page.with(&parsed), saved)
        }
        _ => {
            let allowed =
                (!officer.0.has(Role::Admin)).then_some(&officer.0.principal.officer_units);
            let parsed = match import_people(&up.bytes) {
                Ok(p) => state.store.check_people(p, allowed).await?,
                Err(e) => return Ok(refused(page, e.to_string())),
            };
            let saved = if up.commit && parsed.errors.is_empty() {
                let records: Vec<_> = parsed.ok.iter().map(|(_, r)| r.clone()).collect();
                Some(state.store.upsert_people(actor, &records).await?)
            } else {
                None
            };
            (page.with(&parsed), saved)
        }
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let saved = saved.map(|c| {
        format!(
            "บันทึกแล้ว: เพิ่มใหม่ {} แก้ไข {} ไม่เปลี่ยนแปลง {}",
            c.created, c.updated, c.unchanged
        )
    });
    Ok((status, render(&ImportPage { saved, ..page })).into_response())
}
