//! GET /agreements/{id}: the maker's page for their agreement: where it stands, what to do
//! next, the approver's suggestions, and its history. Everyone else reads it on /reviews/{id}.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::catalog::Catalog;
use domain::editing;
use domain::thai::{Digits, date};
use domain::workflow::{Actor, AgreementAction, AgreementState};
use serde::Deserialize;
use store::workflow::{HistoryEntry, ReviewKind};

use super::{Relation, load};
use crate::auth::CurrentUser;
use crate::pages::{Layout, render};
use crate::print::PrintView;
use crate::{AppState, WebError};

pub struct Comment {
    pub label: String,
    pub text: String,
}

pub struct Step {
    pub when: String,
    pub who: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "agreements/view.html")]
struct MakerPage {
    layout: Layout,
    id: String,
    flash: Option<&'static str>,
    title: String,
    fiscal_year: i64,
    state: &'static str,
    editable: bool,
    amendable: bool,
    suggestions: Option<String>,
    comments: Vec<Comment>,
    /// The numbers of the stored (submitted) versions, oldest first.
    versions: Vec<i64>,
    history: Vec<Step>,
    /// The agreement as it prints; none if its form left the catalog.
    sheet: Option<PrintView>,
    /// Finalised evaluation rounds, newest first (PA 3 with each member's comments).
    results: Vec<crate::evaluations::ResultView>,
    /// A committee is scoring now: the maker sees that, not the scores.
    evaluating: bool,
    /// Evidence and the self-report are reachable: approved or later.
    evidence_open: bool,
    person_id: String,
}

#[derive(Deserialize)]
pub struct ViewQuery {
    done: Option<String>,
}

/// A Unix-ms time as a Thai date and time (UTC+7).
pub fn when(ms: i64) -> String {
    let t = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
        + chrono::Duration::hours(7);
    format!(
        "{} {}",
        date::format_short(t.date_naive(), Digits::Arabic),
        t.format("%H:%M")
    )
}

pub fn steps(history: Vec<HistoryEntry>) -> Vec<Step> {
    history
        .into_iter()
        .map(|h| Step {
            when: when(h.at),
            who: h.actor_name,
            what: h.what,
        })
        .collect()
}

pub async fn view(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<ViewQuery>,
) -> Result<Response, WebError> {
    let viewed = load(&state, &user, &id).await?;
    if viewed.relation != Relation::Maker {
        return Ok(Redirect::to(&format!("/reviews/{id}")).into_response());
    }
    let s = &viewed.stored;
    let form = Catalog::embedded().get(&s.form_id);
    let reviews = state.store.reviews(&s.id).await?;
    let open_return = (s.state == AgreementState::Returned)
        .then(|| reviews.iter().rev().find(|r| r.kind == ReviewKind::Return))
        .flatten();
    let comments = open_return
        .map(|r| {
            r.field_comments
                .iter()
                .map(|(path, text)| Comment {
                    label: form
                        .map(|f| editing::label(f, &s.content, path))
                        .unwrap_or_else(|| path.clone()),
                    text: text.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let flash = match q.done.as_deref() {
        Some("submitted") => Some("เสนอข้อตกลงแล้ว ระบบแจ้งผู้ให้ความเห็นชอบแล้ว"),
        Some("amendment") => Some("ส่งคำขอแก้ไขข้อตกลงแล้ว รอผู้บังคับบัญชาพิจารณา"),
        _ => None,
    };
    let rounds = state.store.committees_of(&s.id).await?;
    let evaluating = rounds
        .last()
        .is_some_and(|c| c.status == store::workflow::evaluation::CommitteeStatus::Scoring);
    let results = form
        .map(|f| {
            rounds
                .iter()
                .rev()
                .filter_map(|c| crate::evaluations::ResultView::of(&state, c, f))
                .collect()
        })
        .unwrap_or_default();
    Ok(render(&MakerPage {
        results,
        evaluating,
        evidence_open: matches!(
            s.state,
            AgreementState::Approved
                | AgreementState::AmendmentRequested
                | AgreementState::SelfReportSubmitted
                | AgreementState::UnderEvaluation
                | AgreementState::Evaluated
        ),
        person_id: user.person.id.clone(),
        layout: Layout::of(&user),
        id,
        flash,
        title: form.map(|f| f.title.clone()).unwrap_or_default(),
        fiscal_year: s.fiscal_year,
        state: s.state.thai(),
        editable: s.state.apply(Actor::Maker, &AgreementAction::Edit).is_ok(),
        amendable: s.state == AgreementState::Approved,
        suggestions: open_return.map(|r| r.text.clone()),
        comments,
        versions: state
            .store
            .agreement_versions(&s.id)
            .await?
            .into_iter()
            .map(|(n, _)| n)
            .collect(),
        history: steps(state.store.agreement_history(&s.id).await?),
        sheet: form.map(|f| PrintView::new(f, &s.content)),
    })
    .into_response())
}
