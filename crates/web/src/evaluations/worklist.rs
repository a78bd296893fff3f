//! GET /evaluations: a member's worklist (seats still to score first, by deadline), and for an
//! approver or officer the units they may appoint committees for.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::access::Role;
use domain::scoring::Seat;
use domain::thai::collate;
use domain::workflow::SheetState;
use serde::Deserialize;
use store::UnitId;
use store::workflow::evaluation::CommitteeStatus;

use super::thai_date;
use crate::auth::CurrentUser;
use crate::pages::{Layout, render};
use crate::reviews::position_line;
use crate::{AppState, WebError};

pub struct Row {
    pub committee: String,
    pub maker: String,
    pub position: String,
    pub unit: String,
    pub fiscal_year: i64,
    pub round: String,
    pub seat: &'static str,
    pub state: &'static str,
    pub tone: &'static str,
    pub deadline: String,
    pub open: bool,
}

pub struct UnitChoice {
    pub id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "evaluations/worklist.html")]
struct WorklistPage {
    layout: Layout,
    flash: Option<String>,
    open: Vec<Row>,
    done: Vec<Row>,
    units: Vec<UnitChoice>,
}

#[derive(Deserialize, Default)]
pub struct WorklistQuery {
    done: Option<String>,
}

pub async fn worklist(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<WorklistQuery>,
) -> Result<Response, WebError> {
    let settings = &state.config.evaluation;
    let mut open = Vec::new();
    let mut done = Vec::new();
    for a in state.store.assignments(&user.person_id()).await? {
        let scoring = a.status == CommitteeStatus::Scoring;
        let (label, tone) = match (a.status, a.sheet_state) {
            (CommitteeStatus::Finalized, _) => ("ยืนยันผลแล้ว", "ok"),
            (_, SheetState::Signed) => ("ลงนามแล้ว รอกรรมการท่านอื่น", "info"),
            (_, SheetState::Draft) => ("รอให้คะแนน", "warn"),
        };
        let row = Row {
            committee: a.committee_id.0.clone(),
            maker: a.maker.full_name(),
            position: position_line(&a.maker),
            unit: a.unit_name.clone(),
            fiscal_year: a.fiscal_year,
            round: format!("ครั้งที่ {} · {}", a.round, settings.period_name(a.period)),
            seat: match a.seat {
                Seat::Chair => "ประธานกรรมการ",
                Seat::Member => "กรรมการ",
            },
            state: label,
            tone,
            deadline: a.deadline.as_deref().map(thai_date).unwrap_or_default(),
            open: scoring && a.sheet_state == SheetState::Draft,
        };
        if scoring {
            open.push(row);
        } else {
            done.push(row);
        }
    }
    let mut units = Vec::new();
    let mut roots: Vec<String> = user.principal.officer_units.iter().cloned().collect();
    roots.extend(user.principal.approver_units().map(str::to_owned));
    if user.has(Role::Admin) {
        roots.extend(state.store.all_units().await?.into_iter().map(|u| u.id));
    }
    roots.sort();
    roots.dedup();
    for id in roots {
        let u = state.store.unit(&UnitId(id)).await?;
        if u.active != 0 {
            units.push(UnitChoice {
                id: u.id,
                name: u.name,
            });
        }
    }
    units.sort_by(|a, b| collate::compare(&a.name, &b.name));
    let flash = match q.done.as_deref() {
        Some("finalized") => Some("ยืนยันผลการประเมินแล้ว ระบบแจ้งผู้จัดทำข้อตกลงแล้ว".to_owned()),
        _ => None,
    };
    Ok(render(&WorklistPage {
        layout: Layout::of(&user),
        flash,
        open,
        done,
        units,
    }))
}
