//! GET/POST /agreements/{id}/report: the maker's รายงานผลการพัฒนางานตามข้อตกลง: for each Part 1
//! row what was done and achieved, for each target the value reached (achieved or not computed
//! beside it), the qualitative results, an explanation for an indicator without evidence; the
//! checks of `domain::report`; submission that freezes report and evidence. GET …/report.pdf and
//! …/report.docx: the report as a document, for whoever may read the evidence.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use docs::{Document, Format, Options};
use domain::report::{SelfReport, achieved};
use futures_util::TryStreamExt;
use serde::Deserialize;
use store::{AgreementId, StoreError};

use super::readable;
use crate::agreements::document::{
    CACHE_CURRENT, FileNames, attachment, render as render_document,
};
use crate::auth::CurrentUser;
use crate::evaluations::{field, form_named};
use crate::pages::{Layout, render};
use crate::{AppState, WebError};

pub struct RowView {
    pub index: usize,
    pub heading: String,
    pub tasks: String,
    pub done: String,
    pub achieved: String,
}

pub struct TargetView {
    pub path: String,
    pub text: String,
    pub goal: String,
    pub achieved: String,
    pub note: String,
    /// "บรรลุ", "ไม่บรรลุ" or empty.
    pub verdict: &'static str,
}

pub struct ChallengeView {
    pub index: usize,
    pub title: String,
    pub goals: Vec<String>,
    pub targets: Vec<TargetView>,
    pub qualitative: String,
}

pub struct Unproven {
    pub code: String,
    pub name: String,
    pub explanation: String,
}

#[derive(Template)]
#[template(path = "agreements/report.html")]
struct ReportPage {
    layout: Layout,
    id: String,
    fiscal_year: i64,
    flash: Option<&'static str>,
    error: Option<String>,
    editable: bool,
    submitted: bool,
    version: i64,
    rows: Vec<RowView>,
    challenges: Vec<ChallengeView>,
    unproven: Vec<Unproven>,
    findings: Vec<String>,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

fn number(v: Option<f64>) -> String {
    v.map(|x| {
        if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            format!("{x}")
        }
    })
    .unwrap_or_default()
}

async fn build(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    typed: Option<SelfReport>,
    flash: Option<&'static str>,
    error: Option<String>,
) -> Result<ReportPage, WebError> {
    let agreement_id = AgreementId(id.to_owned());
    let a = state.store.agreement(&agreement_id).await?;
    if a.person_id != user.person_id() {
        return Err(WebError::NotFound);
    }
    let form = form_named(&a.form_id)?;
    let stored = state.store.self_report(&agreement_id).await?;
    let submitted = stored.as_ref().is_some_and(|s| s.submitted);
    let version = stored.as_ref().map_or(0, |s| s.version);
    let report = typed
        .or_else(|| stored.map(|s| s.report))
        .unwrap_or_else(|| SelfReport::blank(&a.content))
        .fitted(&a.content);
    let evidence: Vec<_> = state
        .store
        .evidence_of(&agreement_id)
        .await?
        .iter()
        .map(store::evidence::Evidence::item)
        .collect();
    let rows = a
        .content
        .part1
        .iter()
        .zip(&report.part1)
        .enumerate()
        .map(|(i, (row, r))| RowView {
            index: i,
            heading: domain::report::row_heading(form, row, i),
            tasks: row.tasks.clone(),
            done: r.done.clone(),
            achieved: r.achieved.clone(),
        })
        .collect();
    let challenges = a
        .content
        .challenges
        .iter()
        .zip(&report.challenges)
        .enumerate()
        .map(|(c, (ch, r))| ChallengeView {
            index: c,
            title: ch.title.clone(),
            goals: ch.qualitative.clone(),
            targets: ch
                .quantitative
                .iter()
                .zip(&r.targets)
                .enumerate()
                .map(|(t, (target, result))| TargetView {
                    path: format!("challenges/{c}/targets/{t}"),
                    text: target.text.clone(),
                    goal: format!("{} {}", number(target.value), target.unit),
                    achieved: number(result.achieved),
                    note: result.note.clone(),
                    verdict: match achieved(target, result) {
                        Some(true) => "บรรลุ",
                        Some(false) => "ไม่บรรลุ",
                        None => "",
                    },
                })
                .collect(),
            qualitative: r.qualitative.clone(),
        })
        .collect();
    let unproven = form
        .indicators()
        .map(|(_, i)| i)
        .filter(|i| !evidence.iter().any(|e| e.indicators.contains(&i.code)))
        .map(|i| Unproven {
            code: i.code.clone(),
            name: i.name.clone(),
            explanation: report
                .explanations
                .get(&i.code)
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let findings = report
        .check(form, &a.content, &evidence)
        .into_iter()
        .map(|f| f.message)
        .collect();
    let editable = !submitted && a.state.takes_evidence();
    Ok(ReportPage {
        layout: Layout::of(user),
        id: id.to_owned(),
        fiscal_year: a.fiscal_year,
        flash,
        error,
        editable,
        submitted,
        version,
        rows,
        challenges,
        unproven,
        findings,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let flash = match q.done.as_deref() {
        Some("saved") => Some("บันทึกรายงานผลแล้ว"),
        Some("submitted") => Some("ส่งรายงานผลการพัฒนางานแล้ว รายงานและหลักฐานถูกบันทึกไว้ แก้ไขไม่ได้อีก"),
        _ => None,
    };
    Ok(render(&build(&state, &user, &id, None, flash, None).await?))
}

/// The report as posted; a value reached that is not a number is an error naming the target.
fn posted(fields: &[(String, String)], mut r: SelfReport) -> (SelfReport, Vec<String>) {
    let mut errors = Vec::new();
    for (i, row) in r.part1.iter_mut().enumerate() {
        row.done = field(fields, &format!("part1/{i}/done"));
        row.achieved = field(fields, &format!("part1/{i}/achieved"));
    }
    for (c, ch) in r.challenges.iter_mut().enumerate() {
        ch.qualitative = field(fields, &format!("challenges/{c}/qualitative"));
        for (t, target) in ch.targets.iter_mut().enumerate() {
            let text =
                field(fields, &format!("challenges/{c}/targets/{t}/achieved")).replace(',', "");
            target.note = field(fields, &format!("challenges/{c}/targets/{t}/note"));
            target.achieved = match text.parse::<f64>() {
                _ if text.is_empty() => None,
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    errors.push(format!(
                        "ประเด็นท้าทายที่ {} เป้าหมายข้อ {}: ผลที่ได้ต้องเป็นตัวเลข (ได้รับ \"{text}\")",
                        c + 1,
                        t + 1
                    ));
                    None
                }
            };
        }
    }
    r.explanations = fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("explain/")?.to_owned(), v.trim().to_owned())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    (r, errors)
}

pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let agreement_id = AgreementId(id.clone());
    let a = state.store.agreement(&agreement_id).await?;
    if a.person_id != user.person_id() {
        return Err(WebError::NotFound);
    }
    let (report, errors) = posted(&fields, SelfReport::blank(&a.content));
    let refuse = |message: String, report: SelfReport| {
        let state = state.clone();
        let user = user.clone();
        let id = id.clone();
        async move {
            let page = build(&state, &user, &id, Some(report), None, Some(message)).await?;
            Ok::<Response, WebError>(
                (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response(),
            )
        }
    };
    if !errors.is_empty() {
        return refuse(errors.join(" · "), report).await;
    }
    let based_on = field(&fields, "version").parse::<i64>().unwrap_or(0);
    let me = user.person_id();
    let version = match state
        .store
        .save_self_report(&me, &agreement_id, based_on, &report)
        .await
    {
        Ok(v) => v,
        Err(e @ (StoreError::Invalid(_) | StoreError::Conflict { .. })) => {
            return refuse(e.to_string(), report).await;
        }
        Err(e) => return Err(e.into()),
    };
    if field(&fields, "action") != "submit" {
        return Ok(Redirect::to(&format!("/agreements/{id}/report?done=saved")).into_response());
    }
    match state
        .store
        .submit_self_report(&me, &agreement_id, version)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/agreements/{id}/report?done=submitted")).into_response())
        }
        Err(e @ (StoreError::Invalid(_) | StoreError::Conflict { .. })) => {
            let page = build(
                &state,
                &user,
                &id,
                None,
                None,
                Some(format!("บันทึกแล้ว แต่{e}")),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn pdf(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<String>,
) -> Result<Response, WebError> {
    document(state, user, id, Format::Pdf).await
}

pub async fn docx(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<String>,
) -> Result<Response, WebError> {
    document(state, user, id, Format::Docx).await
}

/// GET /agreements/{id}/report.pdf and .docx: with the images the maker chose printed.
async fn document(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    format: Format,
) -> Result<Response, WebError> {
    let agreement_id = AgreementId(id);
    let (a, maker) = readable(&state, &user, &agreement_id).await?;
    let form = form_named(&a.form_id)?;
    let stored = state.store.self_report(&agreement_id).await?;
    let submitted = stored.as_ref().is_some_and(|s| s.submitted);
    let report = stored
        .map(|s| s.report)
        .unwrap_or_else(|| SelfReport::blank(&a.content))
        .fitted(&a.content);
    let evidence = state.store.evidence_of(&agreement_id).await?;
    let mut images = Vec::new();
    for e in &evidence {
        if let Some(thumb) = e
            .file
            .as_ref()
            .filter(|f| f.inline)
            .and_then(|f| f.thumbnail.clone())
        {
            let chunks: Vec<bytes::Bytes> = state
                .blobs
                .get(&thumb)
                .await?
                .try_collect()
                .await
                .map_err(|e| {
                    WebError::Internal(crate::error::InternalError(format!("thumbnail: {e}")))
                })?;
            images.push((e.id.clone(), chunks.concat()));
        }
    }
    let items: Vec<_> = evidence
        .iter()
        .map(store::evidence::Evidence::item)
        .collect();
    let content = a.content.clone();
    let tag = if submitted { "submitted" } else { "draft" };
    let thai = if submitted {
        "ฉบับที่ส่งแล้ว"
    } else {
        "ฉบับร่าง"
    };
    let names = FileNames::named(
        ("Report", "รายงานผลการพัฒนางาน"),
        a.fiscal_year,
        &maker.full_name(),
        (tag, thai),
        format,
    );
    let bytes = render_document(
        move || {
            Document::report(
                form,
                &content,
                &report,
                &items,
                &images,
                &Options::default(),
            )
        },
        format,
    )
    .await?;
    Ok(attachment(bytes, format, &names, CACHE_CURRENT))
}
