//! GET /agreements/{id}/evidence: the agreement's evidence per indicator and challenge, seed
//! 003's suggestions to pick from, what is still missing, the DPA warnings; for the maker, the
//! upload, link and note forms and the delete buttons. POST …/link, …/note, /evidence/{eid}/delete.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::report::{EvidenceKind, EvidenceLimits, dpa_warnings};
use serde::Deserialize;
use store::evidence::{Evidence, NewEvidence};
use store::{AgreementId, StoreError};

use super::{back, details_of, inspect, readable, signed_link};
use crate::auth::CurrentUser;
use crate::evaluations::{field, form_named};
use crate::pages::{Layout, render};
use crate::{AppState, WebError};

pub struct ItemView {
    pub id: String,
    pub title: String,
    pub what: String,
    pub date: String,
    pub description: String,
    /// A signed link to open the file, or the link's address.
    pub href: String,
    pub thumb: Option<String>,
    /// For an image: whether it prints in the self-report.
    pub inline: bool,
}

pub struct IndicatorView {
    pub code: String,
    pub name: String,
    pub suggestions: Vec<String>,
    pub items: Vec<ItemView>,
}

pub struct AreaView {
    pub name: String,
    pub indicators: Vec<IndicatorView>,
}

pub struct ChallengeView {
    pub index: usize,
    pub title: String,
    pub items: Vec<ItemView>,
}

#[derive(Template)]
#[template(path = "agreements/evidence.html")]
struct EvidencePage {
    layout: Layout,
    id: String,
    fiscal_year: i64,
    maker: String,
    own: bool,
    /// Evidence may still be added (approved, report not yet submitted).
    open: bool,
    flash: Option<&'static str>,
    error: Option<String>,
    areas: Vec<AreaView>,
    challenges: Vec<ChallengeView>,
    missing: Vec<String>,
    warnings: Vec<String>,
    max_video: String,
    max_file: String,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

fn what(e: &Evidence) -> String {
    match (&e.kind, &e.file) {
        (EvidenceKind::File, Some(f)) => {
            let kind = if f.media_type.starts_with("video/") {
                "วิดีโอ"
            } else if f.media_type.starts_with("image/") {
                "รูปภาพ"
            } else if f.media_type == "application/pdf" {
                "PDF"
            } else if f.media_type.starts_with("audio/") {
                "เสียง"
            } else {
                "เอกสาร"
            };
            let mut s = format!("{kind} {}", size_text(f.size));
            if let Some(p) = f.pages {
                s.push_str(&format!(" · {p} หน้า"));
            }
            if let Some(d) = f.duration_seconds {
                s.push_str(&format!(
                    " · {}:{:02} นาที",
                    (d / 60.0) as u64,
                    (d % 60.0) as u64
                ));
            }
            s
        }
        (EvidenceKind::Link, _) => "ลิงก์".to_owned(),
        _ => "บันทึก".to_owned(),
    }
}

/// "820 KB", "3.4 MB", "1.2 GB".
pub fn size_text(bytes: i64) -> String {
    let b = bytes.max(0) as f64;
    if b < 1024.0 * 1024.0 {
        format!("{:.0} KB", (b / 1024.0).max(1.0))
    } else if b < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} MB", b / (1024.0 * 1024.0))
    } else {
        format!("{:.1} GB", b / (1024.0 * 1024.0 * 1024.0))
    }
}

fn item(state: &AppState, e: &Evidence) -> ItemView {
    ItemView {
        id: e.id.clone(),
        title: e.details.title.clone(),
        what: what(e),
        date: e
            .details
            .date
            .map(|d| domain::thai::date::format_long(d, domain::thai::Digits::Arabic))
            .unwrap_or_default(),
        description: e.details.description.clone(),
        href: match e.kind {
            EvidenceKind::File => signed_link(state, &e.id, "file"),
            EvidenceKind::Link => e.url.clone(),
            EvidenceKind::Note => String::new(),
        },
        thumb: e
            .file
            .as_ref()
            .and_then(|f| f.thumbnail.as_ref())
            .map(|_| signed_link(state, &e.id, "thumb")),
        inline: e.file.as_ref().is_some_and(|f| f.inline),
    }
}

async fn build(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    flash: Option<&'static str>,
    error: Option<String>,
) -> Result<EvidencePage, WebError> {
    let agreement_id = AgreementId(id.to_owned());
    let (a, maker) = readable(state, user, &agreement_id).await?;
    let form = form_named(&a.form_id)?;
    let evidence = state.store.evidence_of(&agreement_id).await?;
    let submitted = state
        .store
        .self_report(&agreement_id)
        .await?
        .is_some_and(|r| r.submitted);
    let own = a.person_id == user.person_id();
    let open = own && !submitted && a.state.takes_evidence();
    let areas: Vec<AreaView> = form
        .part1
        .areas
        .iter()
        .map(|area| AreaView {
            name: format!("ด้านที่ {} {}", area.code, area.name),
            indicators: area
                .indicators
                .iter()
                .map(|i| IndicatorView {
                    code: i.code.clone(),
                    name: i.name.clone(),
                    suggestions: i.evidence.clone(),
                    items: evidence
                        .iter()
                        .filter(|e| e.details.indicators.contains(&i.code))
                        .map(|e| item(state, e))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let missing = areas
        .iter()
        .flat_map(|a| a.indicators.iter())
        .filter(|i| i.items.is_empty())
        .map(|i| i.code.clone())
        .collect();
    let challenges = a
        .content
        .challenges
        .iter()
        .enumerate()
        .map(|(n, c)| ChallengeView {
            index: n,
            title: c.title.clone(),
            items: evidence
                .iter()
                .filter(|e| e.details.challenges.contains(&n))
                .map(|e| item(state, e))
                .collect(),
        })
        .collect();
    let items: Vec<_> = evidence.iter().map(Evidence::item).collect();
    Ok(EvidencePage {
        layout: Layout::of(user),
        id: id.to_owned(),
        fiscal_year: a.fiscal_year,
        maker: maker.full_name(),
        own,
        open,
        flash,
        error,
        areas,
        challenges,
        missing,
        warnings: dpa_warnings(&items, &EvidenceLimits::default()),
        max_video: size_text(
            i64::try_from(state.config.evidence_video_max_bytes).unwrap_or(i64::MAX),
        ),
        max_file: size_text(
            i64::try_from(state.config.evidence_file_max_bytes).unwrap_or(i64::MAX),
        ),
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let flash = match q.done.as_deref() {
        Some("added") => Some("บันทึกหลักฐานแล้ว"),
        Some("deleted") => Some("ลบหลักฐานแล้ว (บันทึกไว้ในประวัติ)"),
        _ => None,
    };
    Ok(render(&build(&state, &user, &id, flash, None).await?))
}

async fn refused(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    message: String,
) -> Result<Response, WebError> {
    let page = build(state, user, id, None, Some(message)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

async fn add(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    new: Result<NewEvidence, String>,
) -> Result<Response, WebError> {
    let new = match new {
        Ok(n) => n,
        Err(m) => return refused(state, user, id, m).await,
    };
    match state
        .store
        .add_evidence(&user.person_id(), &AgreementId(id.to_owned()), &new)
        .await
    {
        Ok(_) => Ok(back(id, "added")),
        Err(StoreError::Invalid(m)) => refused(state, user, id, m).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn add_link(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let new = inspect::check_url(&field(&fields, "url"))
        .map(|u| NewEvidence::link(details_of(&fields), &u));
    add(&state, &user, &id, new).await
}

pub async fn add_note(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    add(
        &state,
        &user,
        &id,
        Ok(NewEvidence::note(details_of(&fields))),
    )
    .await
}

pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(eid): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let e = state.store.evidence(&eid).await?;
    let id = e.agreement_id.0.clone();
    match state.store.delete_evidence(&user.person_id(), &eid).await {
        Ok(keys) => {
            for k in keys {
                let _ = state.blobs.delete(&k).await;
            }
            Ok(back(&id, "deleted"))
        }
        Err(StoreError::Invalid(m)) => refused(&state, &user, &id, m).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn inline(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(eid): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let e = state.store.evidence(&eid).await?;
    let id = e.agreement_id.0.clone();
    let on = fields.iter().any(|(k, v)| k == "inline" && v == "yes");
    match state
        .store
        .set_evidence_inline(&user.person_id(), &eid, on)
        .await
    {
        Ok(()) => Ok(back(&id, "added")),
        Err(StoreError::Invalid(m)) => refused(&state, &user, &id, m).await,
        Err(e) => Err(e.into()),
    }
}
