//! The maker's agreement (PA 1): start it, write it with autosave, submit it, ask to amend it,
//! download it as the official document (PDF or Word), current or as submitted.

mod access;
pub mod document;
mod edit;
mod findings;
mod save;
mod start;
mod submit;
mod view;

pub use access::{Relation, Viewed, load};
use access::{form_of, load_own};
pub use start::current_fiscal_year;
pub use view::{Step, steps, when};

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agreements", post(start::start))
        .route("/agreements/mine", get(start::mine))
        .route("/agreements/{id}", get(view::view))
        .route("/agreements/{id}/open", get(start::open))
        .route("/agreements/{id}/pa1.pdf", get(document::pdf))
        .route("/agreements/{id}/pa1.docx", get(document::docx))
        .route("/agreements/{id}/edit", get(edit::edit))
        .route("/agreements/{id}/save", post(save::save))
        .route(
            "/agreements/{id}/submit",
            get(submit::confirm).post(submit::submit),
        )
        .route(
            "/agreements/{id}/amendment",
            post(submit::request_amendment),
        )
}

/// How the store should tell people of a step: in-app always, by mail when SMTP is set up.
pub fn notify(state: &AppState) -> store::workflow::Notify {
    store::workflow::Notify {
        mail: state.config.smtp.is_some(),
        base_url: state.config.base_url.clone(),
    }
}
