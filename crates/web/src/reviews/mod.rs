//! The approver's side: the inbox, the review page with what changed, the decision.
//!
//! Who may decide is the store's call (only the approver recorded at submission); these pages
//! show the decision form to that person alone and everyone else allowed to read the agreement
//! (an officer above the maker, an administrator) reads it without one.

mod decide;
mod inbox;
mod page;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post};
use domain::access::Role;
use domain::workflow::AgreementState;

use crate::auth::CurrentUser;
use crate::{AppState, WebError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reviews", get(inbox::inbox))
        .route("/reviews/{id}", get(page::show))
        .route("/reviews/{id}/decision", post(decide::decision))
        .route("/reviews/{id}/amendment", post(decide::amendment))
}

/// Someone with agreements to read or decide on: an approver, a unit officer or an
/// administrator.
#[derive(Debug, Clone)]
pub struct RequireReviewer(pub CurrentUser);

impl FromRequestParts<AppState> for RequireReviewer {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if [Role::Approver, Role::UnitOfficer, Role::Admin]
            .iter()
            .any(|r| user.has(*r))
        {
            Ok(RequireReviewer(user))
        } else {
            Err(WebError::Forbidden)
        }
    }
}

/// The badge tone of a state (the stylesheet knows tones, not states).
fn tone(state: AgreementState) -> &'static str {
    match state {
        AgreementState::Submitted | AgreementState::AmendmentRequested => "warn",
        AgreementState::Returned => "error",
        AgreementState::Approved | AgreementState::Evaluated => "ok",
        AgreementState::SelfReportSubmitted | AgreementState::UnderEvaluation => "info",
        AgreementState::Draft => "",
    }
}

/// "ครู วิทยฐานะครูชำนาญการพิเศษ", or the position alone for someone without a standing.
pub fn position_line(p: &store::people::Person) -> String {
    use domain::people::Standing;
    match (p.position(), p.standing()) {
        (Some(pos), Some(Standing::None | Standing::Assistant) | None) => pos.thai().to_owned(),
        (Some(pos), Some(s)) => format!("{} วิทยฐานะ{}", pos.thai(), s.title(pos)),
        (None, _) => p.position.clone(),
    }
}
