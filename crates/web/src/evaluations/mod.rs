//! The committee's evaluation: appointing committees (one agreement or a whole school at once),
//! a member's worklist, the evaluation page with the approved agreement beside the PA 2 sheet,
//! signing, the chair's finalisation into PA 3, an officer's reopening or next round, the
//! PA 2 / PA 3 documents, and a person's results across fiscal years.
//!
//! Who may do what with a sheet or a committee is the store's call (the seat holder, the
//! chair, an officer with a reason); these handlers decide only what a page shows, through
//! `domain::evaluation::may_see_others`.

mod appoint;
mod documents;
mod history;
mod page;
mod worklist;

use axum::Router;
use axum::routing::{get, post};
use domain::catalog::{Catalog, Form};
use domain::evaluation::Reader;
use domain::scoring::Seat;
use store::people::Person;
use store::workflow::evaluation::{Committee, CommitteeId, CommitteeStatus, Member};

use crate::agreements::{Relation, Viewed, load};
use crate::auth::CurrentUser;
use crate::error::InternalError;
use crate::{AppState, WebError};

pub use page::ResultView;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evaluations", get(worklist::worklist))
        .route(
            "/evaluations/appoint",
            get(appoint::show).post(appoint::appoint),
        )
        .route("/evaluations/experts", post(appoint::register_expert))
        .route("/evaluations/{id}", get(page::show))
        .route("/evaluations/{id}/sheet", post(page::save))
        .route("/evaluations/{id}/finalize", post(page::finalize))
        .route("/evaluations/{id}/reopen", post(page::reopen))
        .route("/evaluations/{id}/next", post(page::next_round))
        .route("/evaluations/{id}/{file}", get(documents::download))
        .route("/people/{id}/evaluations", get(history::history))
}

/// A committee as the person asking may see it.
pub struct Seen {
    pub committee: Committee,
    pub agreement: store::agreements::StoredAgreement,
    pub maker: Person,
    pub form: &'static Form,
    /// The caller's seat, if they hold one.
    pub seat: Option<Member>,
    pub reader: Reader,
    /// An officer above the maker (or an administrator): may reopen and start rounds.
    pub officer: bool,
}

impl Seen {
    /// Whether the caller may see the levels of sheets other than their own.
    pub fn sees_others(&self, state: &AppState) -> bool {
        domain::evaluation::may_see_others(
            self.reader,
            state.config.evaluation.blind_until_signed,
            self.committee.all_signed(),
            self.committee.status == CommitteeStatus::Finalized,
        )
    }

    /// Whether the caller may see `member`'s levels and comment.
    pub fn sees(&self, state: &AppState, member: &Member) -> bool {
        self.seat.as_ref().is_some_and(|s| s.id == member.id) || self.sees_others(state)
    }

    pub fn is_chair(&self) -> bool {
        self.seat.as_ref().is_some_and(|s| s.seat == Seat::Chair)
    }
}

pub fn form_named(id: &str) -> Result<&'static Form, WebError> {
    Catalog::embedded().get(id).ok_or_else(|| {
        WebError::Internal(InternalError(format!("form {id} missing from the catalog")))
    })
}

/// Whether the user is an officer over the maker's unit (or an administrator).
pub fn officer_over(user: &CurrentUser, maker: &Person) -> bool {
    user.principal.is_admin() || user.principal.officer_units.contains(&maker.unit_id)
}

/// The committee `id` for `user`: a seat holder, the maker once the result is final, the
/// approver or an officer above the maker; anyone else gets the 404 of an unknown id.
pub async fn seen(state: &AppState, user: &CurrentUser, id: &str) -> Result<Seen, WebError> {
    let committee = state.store.committee(&CommitteeId(id.to_owned())).await?;
    let agreement = state.store.agreement(&committee.agreement_id).await?;
    let maker = state.store.person(&agreement.person_id).await?;
    let seat = committee.member_of(&user.person_id()).cloned();
    let form = form_named(&agreement.form_id)?;
    let officer = officer_over(user, &maker);
    let reader = if seat.is_some() {
        Reader::Member
    } else if agreement.person_id == user.person_id() {
        if committee.status != CommitteeStatus::Finalized {
            return Err(WebError::NotFound);
        }
        Reader::Maker
    } else {
        let Viewed { relation, .. } = load(state, user, agreement.id.as_str()).await?;
        match relation {
            Relation::Approver | Relation::Reader => Reader::Officer,
            Relation::Maker => return Err(WebError::NotFound),
        }
    };
    Ok(Seen {
        committee,
        agreement,
        maker,
        form,
        seat,
        reader,
        officer,
    })
}

/// A posted form field, trimmed; empty when absent.
pub fn field(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// "ประธานกรรมการผู้ประเมิน" or "กรรมการผู้ประเมิน คนที่ n".
pub fn seat_title(m: &Member) -> String {
    match m.seat {
        Seat::Chair => "ประธานกรรมการผู้ประเมิน".to_owned(),
        Seat::Member => format!("กรรมการผู้ประเมิน คนที่ {}", m.ordinal),
    }
}

/// A YYYY-MM-DD date as Thai people read it ("15 กันยายน 2569"); the text itself otherwise.
pub fn thai_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| domain::thai::date::format_long(d, domain::thai::Digits::Arabic))
        .unwrap_or_else(|_| iso.to_owned())
}
