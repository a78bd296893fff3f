//! GET /evaluations/{id}/pa2.pdf?member=N (and .docx): one member's PA 2, and
//! /evaluations/{id}/pa3.pdf (.docx): the committee's PA 3 once finalised. A member's sheet is
//! visible to whoever may see its levels on the page (its member always; the others once all
//! have signed, where scoring is blind); PA 3 exists only after the chair's finalisation.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use docs::{Document, Format, Options};
use serde::Deserialize;
use store::workflow::evaluation::CommitteeStatus;

use super::page::member_at;
use super::seen;
use crate::agreements::document::{CACHE_CURRENT, FileNames, attachment, render};
use crate::auth::CurrentUser;
use crate::{AppState, WebError};

#[derive(Debug, Deserialize)]
pub struct DocumentQuery {
    member: Option<String>,
}

pub async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, file)): Path<(String, String)>,
    Query(q): Query<DocumentQuery>,
) -> Result<Response, WebError> {
    let (kind, format) = match file.as_str() {
        "pa2.pdf" => ("pa2", Format::Pdf),
        "pa2.docx" => ("pa2", Format::Docx),
        "pa3.pdf" => ("pa3", Format::Pdf),
        "pa3.docx" => ("pa3", Format::Docx),
        _ => return Err(WebError::NotFound),
    };
    let seen = seen(&state, &user, &id).await?;
    let c = &seen.committee;
    let evaluation = c.evaluation(seen.form);
    let agreement = seen.agreement.content.clone();
    let maker = seen.maker.full_name();
    let fy = seen.agreement.fiscal_year;
    let (names, document): (FileNames, Box<dyn FnOnce() -> Document + Send>) = if kind == "pa2" {
        let ordinal = q
            .member
            .as_deref()
            .and_then(|m| m.trim().parse::<i64>().ok())
            .ok_or_else(|| {
                WebError::Missing(
                    "กรุณาระบุกรรมการ (member=0 สำหรับประธาน, 1 หรือ 2 สำหรับกรรมการ)".into(),
                )
            })?;
        let (index, member) = member_at(c, ordinal).ok_or_else(|| {
            WebError::Missing(format!("ไม่พบกรรมการลำดับที่ {ordinal} ในคณะกรรมการนี้"))
        })?;
        if !seen.sees(&state, member) {
            return Err(WebError::Missing(
                "ใบประเมินของกรรมการท่านนี้จะเปิดให้ดูเมื่อกรรมการลงนามครบทุกคน".into(),
            ));
        }
        let tag = format!("r{}-m{ordinal}", c.round);
        let thai = format!("ครั้งที่ {} {}", c.round, super::seat_title(member));
        (
            FileNames::named(("PA2", "แบบประเมิน PA2"), fy, &maker, (&tag, &thai), format),
            Box::new(move || {
                Document::pa2(
                    &evaluation,
                    Some(&agreement),
                    Some(index),
                    &Options::default(),
                )
            }),
        )
    } else {
        if c.status != CommitteeStatus::Finalized {
            return Err(WebError::Missing(
                "แบบสรุปผลการประเมิน (PA 3) จะออกได้เมื่อประธานกรรมการยืนยันผลแล้ว".into(),
            ));
        }
        let tag = format!("r{}", c.round);
        let thai = format!("ครั้งที่ {}", c.round);
        (
            FileNames::named(
                ("PA3", "สรุปผลการประเมิน PA3"),
                fy,
                &maker,
                (&tag, &thai),
                format,
            ),
            Box::new(move || Document::pa3(&evaluation, Some(&agreement), &Options::default())),
        )
    };
    let bytes = render(document, format).await?;
    Ok(attachment(bytes, format, &names, CACHE_CURRENT))
}
