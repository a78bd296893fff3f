//! POST /reviews/{id}/decision and /reviews/{id}/amendment: the recorded approver approves or
//! returns a submitted agreement (with suggestions, and comments per printed field), or allows
//! or refuses an amendment request. What the workflow refuses comes back beside the field it
//! concerns, with everything typed kept.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::agreement::Decision;
use domain::editing::MAX_TEXT_CHARS;
use domain::workflow::{Actor, AgreementAction, WorkflowError};

use super::page::{Draft, form_of, refused};
use crate::agreements::{Relation, Viewed, load, notify};
use crate::auth::CurrentUser;
use crate::print::PrintView;
use crate::{AppState, WebError};

/// The prefix of a per-field comment's input name: `comment:/part1/0/tasks`.
const COMMENT: &str = "comment:";

/// The agreement, if this user is its recorded approver.
async fn as_approver(state: &AppState, user: &CurrentUser, id: &str) -> Result<Viewed, WebError> {
    let viewed = load(state, user, id).await?;
    match viewed.relation {
        Relation::Approver => Ok(viewed),
        Relation::Maker | Relation::Reader => Err(WebError::Forbidden),
    }
}

fn too_long(text: &str) -> bool {
    text.chars().count() > MAX_TEXT_CHARS
}

fn length_error() -> String {
    format!("ข้อความยาวเกิน {MAX_TEXT_CHARS} ตัวอักษร กรุณาสรุปให้สั้นลง")
}

pub async fn decision(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    user.verify_csrf(&field("csrf"))?;
    let viewed = as_approver(&state, &user, &id).await?;
    let form = form_of(&viewed)?;
    let sheet = PrintView::new(form, &viewed.stored.content);
    let comments: BTreeMap<String, String> = fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(COMMENT)?.to_owned(), v.clone())))
        .filter(|(path, _)| sheet.has_slot(path))
        .collect();
    let mut draft = Draft {
        decision: field("decision"),
        suggestions: field("suggestions"),
        comments,
        ..Draft::default()
    };
    let decision = match draft.decision.as_str() {
        "approve" => Decision::Approve,
        "return" => Decision::Return,
        _ => {
            draft.decision_error = Some("กรุณาเลือก เห็นชอบ หรือ ไม่เห็นชอบ".into());
            return refused(&state, &user, &viewed, draft).await;
        }
    };
    if too_long(&draft.suggestions) {
        draft.suggestions_error = Some(length_error());
    }
    if draft.comments.values().any(|c| too_long(c)) {
        draft.error = Some(format!("ข้อเสนอแนะรายช่อง: {}", length_error()));
    }
    let action = match decision {
        Decision::Approve => AgreementAction::Approve,
        Decision::Return => AgreementAction::Return {
            suggestions: draft.suggestions.clone(),
        },
    };
    match viewed.stored.state.apply(Actor::Approver, &action) {
        Ok(_) => {}
        Err(e @ WorkflowError::TextRequired(_)) => draft.suggestions_error = Some(e.to_string()),
        Err(e) => draft.error = Some(e.to_string()),
    }
    if draft.error.is_some() || draft.suggestions_error.is_some() {
        return refused(&state, &user, &viewed, draft).await;
    }
    state
        .store
        .review_agreement(
            &user.person_id(),
            &viewed.stored.id,
            decision,
            &draft.suggestions,
            &draft.comments,
            &notify(&state),
        )
        .await?;
    state.mail.wake();
    let done = match decision {
        Decision::Approve => "approved",
        Decision::Return => "returned",
    };
    Ok(Redirect::to(&format!("/reviews?done={done}")).into_response())
}

#[derive(serde::Deserialize)]
pub struct AmendmentForm {
    csrf: String,
    #[serde(default)]
    choice: String,
    #[serde(default)]
    reason: String,
}

pub async fn amendment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<AmendmentForm>,
) -> Result<Response, WebError> {
    user.verify_csrf(&f.csrf)?;
    let viewed = as_approver(&state, &user, &id).await?;
    let mut draft = Draft {
        amendment: f.choice.clone(),
        reason: f.reason.clone(),
        ..Draft::default()
    };
    let allow = match f.choice.as_str() {
        "allow" => true,
        "refuse" => false,
        _ => {
            draft.decision_error = Some("กรุณาเลือก อนุญาต หรือ ไม่อนุญาต".into());
            return refused(&state, &user, &viewed, draft).await;
        }
    };
    let action = if allow {
        AgreementAction::GrantAmendment
    } else {
        AgreementAction::DenyAmendment {
            reason: f.reason.clone(),
        }
    };
    if too_long(&f.reason) {
        draft.reason_error = Some(length_error());
    }
    match viewed.stored.state.apply(Actor::Approver, &action) {
        Ok(_) => {}
        Err(e @ WorkflowError::TextRequired(_)) => draft.reason_error = Some(e.to_string()),
        Err(e) => draft.error = Some(e.to_string()),
    }
    if draft.error.is_some() || draft.reason_error.is_some() {
        return refused(&state, &user, &viewed, draft).await;
    }
    state
        .store
        .decide_amendment(
            &user.person_id(),
            &viewed.stored.id,
            allow,
            &f.reason,
            &notify(&state),
        )
        .await?;
    state.mail.wake();
    let done = if allow { "allowed" } else { "refused" };
    Ok(Redirect::to(&format!("/reviews?done={done}")).into_response())
}
