//! GET /people/{id}/evaluations: a person's PA across fiscal years (form, วิทยฐานะ, result,
//! scores) with a hint, never a decision, on the วิทยฐานะ rule's run of passed years.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::catalog::Catalog;
use domain::evaluation::{YearResult, rank_hint};
use store::PersonId;

use super::page::points;
use crate::auth::CurrentUser;
use crate::pages::{Layout, render};
use crate::reviews::position_line;
use crate::{AppState, WebError};

pub struct YearRow {
    pub fiscal_year: i64,
    pub agreement: String,
    pub form: String,
    pub standing: String,
    pub state: &'static str,
    pub result: String,
    pub passed: Option<bool>,
    pub scores: String,
    pub rounds: i64,
}

#[derive(Template)]
#[template(path = "evaluations/history.html")]
struct HistoryPage {
    layout: Layout,
    name: String,
    position: String,
    rows: Vec<YearRow>,
    hint: String,
    own: bool,
}

pub async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let person = state.store.person(&PersonId(id.clone())).await?;
    if !user.principal.may_view_person(&person.id, &person.unit_id) {
        return Err(WebError::NotFound);
    }
    let years = state.store.evaluation_history(&person.id()).await?;
    let results: Vec<YearResult> = years
        .iter()
        .map(|y| YearResult {
            fiscal_year: y.fiscal_year,
            standing: y.standing,
            passed: y.outcome.as_ref().map(|o| o.passed),
        })
        .collect();
    let hint = rank_hint(&results, person.standing(), &state.config.evaluation);
    let rows = years
        .into_iter()
        .map(|y| {
            let form = Catalog::embedded().get(&y.form_id);
            YearRow {
                fiscal_year: y.fiscal_year,
                agreement: y.agreement_id.0.clone(),
                form: form.map_or(y.form_id.clone(), |f| f.codes.pa1.clone()),
                standing: match (person.position(), y.standing) {
                    (Some(p), Some(s)) => s.title(p),
                    _ => "-".to_owned(),
                },
                state: y.state.thai(),
                result: match &y.outcome {
                    Some(o) if o.passed => "ผ่านเกณฑ์".to_owned(),
                    Some(_) => "ไม่ผ่านเกณฑ์".to_owned(),
                    None => "ยังไม่มีผล".to_owned(),
                },
                passed: y.outcome.as_ref().map(|o| o.passed),
                scores: y
                    .outcome
                    .as_ref()
                    .map(|o| {
                        o.members
                            .iter()
                            .map(|m| points(m.total))
                            .collect::<Vec<_>>()
                            .join(" / ")
                    })
                    .unwrap_or_default(),
                rounds: y.rounds,
            }
        })
        .collect();
    Ok(render(&HistoryPage {
        layout: Layout::of(&user),
        name: person.full_name(),
        position: position_line(&person),
        own: person.id == user.person.id,
        rows,
        hint,
    }))
}
