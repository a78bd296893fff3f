//! Extractors that state, in a handler's signature, who may call it.

use std::collections::BTreeSet;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::access::{Principal, Role};
use store::PersonId;
use store::people::Person;

use super::cookies;
use crate::{AppState, WebError};

/// A signed-in person: their record, grants, reach, and the session's CSRF token.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub person: Person,
    pub principal: Principal,
    pub csrf_token: String,
    pub must_change_password: bool,
    /// Unread notifications, for the menu's badge. Counted for full page loads only (a GET
    /// without `HX-Request`): autosaves and form posts render no menu and need no count.
    pub unread: i64,
    /// Agreements waiting for this approver's decision, for the menu's badge; same rule.
    pub waiting: i64,
    /// Committee seats held (any), and those whose sheet is still to score; same rule.
    pub seats: i64,
    pub to_score: i64,
}

impl CurrentUser {
    pub fn person_id(&self) -> PersonId {
        self.person.id()
    }

    /// Every state-changing form carries the session's token.
    pub fn verify_csrf(&self, token: &str) -> Result<(), WebError> {
        if cookies::same(token, &self.csrf_token) {
            Ok(())
        } else {
            Err(WebError::Csrf)
        }
    }

    pub fn has(&self, role: Role) -> bool {
        self.principal.has(role)
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        let token = cookies::get(&parts.headers, cookies::SESSION_COOKIE)
            .ok_or(WebError::Unauthenticated)?;
        let session = state
            .store
            .session(&token)
            .await?
            .ok_or(WebError::Unauthenticated)?;
        let person = state.store.person(&session.person_id).await?;
        let grants = state.store.grants_of(&session.person_id).await?;
        let mut officer_units = BTreeSet::new();
        for g in grants.iter().filter(|g| g.role == Role::UnitOfficer) {
            if let Some(unit) = &g.unit {
                for u in state
                    .store
                    .units_under(&store::UnitId(unit.clone()))
                    .await?
                {
                    officer_units.insert(u.id);
                }
            }
        }
        let must_change_password = state
            .store
            .account_of(&session.person_id)
            .await?
            .is_some_and(|a| a.must_change_password != 0);
        let page_load =
            parts.method == axum::http::Method::GET && !parts.headers.contains_key("hx-request");
        let (unread, waiting, seats, to_score) = if page_load {
            let unread = state.store.unread_notifications(&session.person_id).await?;
            let waiting = if grants.iter().any(|g| g.role == Role::Approver) {
                i64::try_from(state.store.inbox(&session.person_id).await?.len())
                    .unwrap_or(i64::MAX)
            } else {
                0
            };
            let (seats, to_score) = state.store.seat_counts(&session.person_id).await?;
            (unread, waiting, seats, to_score)
        } else {
            (0, 0, 0, 0)
        };
        let user = CurrentUser {
            principal: Principal {
                person_id: person.id.clone(),
                unit_id: person.unit_id.clone(),
                grants,
                officer_units,
            },
            person,
            csrf_token: session.csrf_token,
            must_change_password,
            unread,
            waiting,
            seats,
            to_score,
        };
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

macro_rules! require {
    ($name:ident, $role:expr, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone)]
        pub struct $name(pub CurrentUser);

        impl FromRequestParts<AppState> for $name {
            type Rejection = WebError;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, Self::Rejection> {
                let user = CurrentUser::from_request_parts(parts, state).await?;
                if user.has($role) || user.has(Role::Admin) {
                    Ok($name(user))
                } else {
                    Err(WebError::Forbidden)
                }
            }
        }
    };
}

require!(
    RequireApprover,
    Role::Approver,
    "An approver (ผู้บังคับบัญชา) of some unit, or an administrator."
);
require!(
    RequireUnitOfficer,
    Role::UnitOfficer,
    "A unit officer, or an administrator."
);
require!(RequireAdmin, Role::Admin, "A system administrator.");
