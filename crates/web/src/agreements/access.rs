//! Loading an agreement for the person asking, with their relation to it. Someone who may not
//! see it gets the same 404 as for an id that does not exist: ids reveal nothing.

use domain::catalog::{Catalog, Form};
use store::agreements::StoredAgreement;
use store::people::Person;
use store::{AgreementId, PersonId};

use crate::auth::CurrentUser;
use crate::{AppState, WebError};

/// How the person asking stands to the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// ผู้จัดทำข้อตกลง.
    Maker,
    /// The approver recorded at its last submission.
    Approver,
    /// Anyone else allowed to read it: an approver or officer above the maker, an administrator.
    Reader,
}

pub struct Viewed {
    pub stored: StoredAgreement,
    pub maker: Person,
    pub approver: Option<PersonId>,
    pub relation: Relation,
}

/// The agreement `id` as `user` may see it, or 404.
pub async fn load(state: &AppState, user: &CurrentUser, id: &str) -> Result<Viewed, WebError> {
    let id = AgreementId(id.to_owned());
    let stored = state.store.agreement(&id).await?;
    let maker = state.store.person(&stored.person_id).await?;
    let approver = state.store.agreement_approver(&id).await?;
    let me = user.person_id();
    let relation = if stored.person_id == me {
        Relation::Maker
    } else if approver.as_ref() == Some(&me) {
        Relation::Approver
    } else if user.principal.may_view_person(&maker.id, &maker.unit_id) {
        Relation::Reader
    } else {
        return Err(WebError::NotFound);
    };
    Ok(Viewed {
        stored,
        maker,
        approver,
        relation,
    })
}

/// The agreement `id` if `user` is its maker; 404 for anyone else, as for an unknown id.
pub async fn load_own(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<StoredAgreement, WebError> {
    let viewed = load(state, user, id).await?;
    if viewed.relation == Relation::Maker {
        Ok(viewed.stored)
    } else {
        Err(WebError::NotFound)
    }
}

/// The catalog form an agreement was written on.
pub fn form_of(stored: &StoredAgreement) -> Result<&'static Form, WebError> {
    Catalog::embedded()
        .get(&stored.form_id)
        .ok_or_else(|| WebError::BadRequest(format!("ไม่พบแบบฟอร์ม {} ในแคตตาล็อก", stored.form_id)))
}
