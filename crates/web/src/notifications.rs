//! In-app notifications: what happened to agreements this person makes or approves, newest
//! first, each linking to the agreement (`/agreements/{id}/open` lands on the maker's page or
//! the review page, whichever this person has).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

use crate::agreements::when;
use crate::auth::CurrentUser;
use crate::pages::{Layout, render};
use crate::{AppState, WebError};

/// How many notifications the page lists; older ones stay in the database.
const SHOWN: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list))
        .route("/notifications/read", post(mark_read))
}

pub struct Item {
    pub message: String,
    pub when: String,
    pub read: bool,
    pub link: Option<String>,
}

#[derive(Template)]
#[template(path = "reviews/notifications.html")]
struct NotificationsPage {
    layout: Layout,
    items: Vec<Item>,
    unread: usize,
}

async fn list(State(state): State<AppState>, user: CurrentUser) -> Result<Response, WebError> {
    let items: Vec<Item> = state
        .store
        .notifications(&user.person_id(), SHOWN)
        .await?
        .into_iter()
        .map(|n| Item {
            message: n.message,
            when: when(n.created_at),
            read: n.read,
            link: n.agreement_id.map(|id| format!("/agreements/{id}/open")),
        })
        .collect();
    Ok(render(&NotificationsPage {
        layout: Layout::of(&user),
        unread: items.iter().filter(|i| !i.read).count(),
        items,
    }))
}

#[derive(Deserialize)]
struct ReadForm {
    csrf: String,
}

async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<ReadForm>,
) -> Result<Response, WebError> {
    user.verify_csrf(&f.csrf)?;
    state
        .store
        .mark_notifications_read(&user.person_id())
        .await?;
    Ok(Redirect::to("/notifications").into_response())
}
