//! Starting this year's agreement: the form chosen from the catalog by the maker's position,
//! affiliation and วิทยฐานะ, the header filled from their profile; blank, or carried over from
//! last year's approved agreement.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::agreement::Maker;
use domain::catalog::{Catalog, Form as CatalogForm};
use domain::editing;
use domain::people::{Affiliation, Standing};
use domain::thai::fiscal;
use serde::Deserialize;
use store::people::Person;

use super::{Relation, load};
use crate::auth::CurrentUser;
use crate::home::thai_today;
use crate::{AppState, WebError};

/// The fiscal year (BE) a maker writes for today.
pub fn current_fiscal_year() -> u16 {
    fiscal::fiscal_year(thai_today())
}

/// The header of a maker's PA 1 as their profile gives it, and the form that fits them.
pub async fn profile_header(
    state: &AppState,
    person: &Person,
    fiscal_year: u16,
) -> Result<(Maker, Result<&'static CatalogForm, String>), WebError> {
    let unit = state
        .store
        .unit(&store::UnitId(person.unit_id.clone()))
        .await?;
    let parent = match &unit.parent_id {
        Some(p) => Some(state.store.unit(&store::UnitId(p.clone())).await?),
        None => None,
    };
    let affiliation: Option<Affiliation> =
        serde_json::from_value(serde_json::Value::String(unit.affiliation.clone())).ok();
    let (position, standing) = (person.position(), person.standing());
    let maker = Maker {
        title: person.title.clone(),
        first_name: person.first_name.clone(),
        last_name: person.last_name.clone(),
        position,
        standing,
        standing_title: match (position, standing) {
            (Some(p), Some(s)) if s != Standing::None => s.title(p),
            _ => String::new(),
        },
        unit: unit.name.clone(),
        // สังกัด: the office the unit belongs to (a school's area office), else the body.
        affiliation: parent
            .map(|p| p.name)
            .or_else(|| affiliation.map(|a| a.thai().to_owned()))
            .unwrap_or_default(),
        district: String::new(),
        province: String::new(),
        salary_scale: person
            .salary_scale
            .clone()
            .or_else(|| standing.and_then(|s| s.salary_scale()).map(str::to_owned))
            .unwrap_or_default(),
        salary: person.salary.clone().unwrap_or_default(),
    };
    let form =
        match (position, standing, affiliation) {
            (_, Some(Standing::Assistant), _) => Err(
                "ครูผู้ช่วยไม่ต้องจัดทำข้อตกลงในการพัฒนางาน ให้เตรียมความพร้อมและพัฒนาอย่างเข้มจนได้รับแต่งตั้งเป็นครู"
                    .to_owned(),
            ),
            (Some(p), Some(s), Some(a)) => Catalog::embedded()
                .find(p, a, s, fiscal_year)
                .ok_or_else(|| {
                    format!(
                        "ยังไม่มีแบบข้อตกลงสำหรับตำแหน่ง{}ในแคตตาล็อกของระบบ กรุณาแจ้งเจ้าหน้าที่",
                        p.thai()
                    )
                }),
            _ => Err("ข้อมูลตำแหน่งหรือวิทยฐานะในระบบไม่ครบ กรุณาแจ้งเจ้าหน้าที่ให้แก้ไข".to_owned()),
        };
    Ok((maker, form))
}

#[derive(Deserialize)]
pub struct StartForm {
    csrf: String,
    /// `blank` or `previous` (last year's approved agreement).
    #[serde(default)]
    from: String,
}

/// POST /agreements: starts this year's agreement, or opens it if it exists already.
pub async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<StartForm>,
) -> Result<Response, WebError> {
    user.verify_csrf(&f.csrf)?;
    let me = user.person_id();
    let fy = current_fiscal_year();
    if let Some(existing) = state.store.agreement_of(&me, i64::from(fy)).await? {
        return Ok(Redirect::to(&format!("/agreements/{}/edit", existing.id)).into_response());
    }
    let (maker, form) = profile_header(&state, &user.person, fy).await?;
    let form = form.map_err(WebError::BadRequest)?;
    let content = if f.from == "previous" {
        let previous = state
            .store
            .latest_approved_before(&me, i64::from(fy))
            .await?
            .ok_or_else(|| {
                WebError::BadRequest("ไม่พบข้อตกลงที่ได้รับความเห็นชอบของปีก่อน กรุณาเริ่มจากแบบฟอร์มว่าง".into())
            })?;
        editing::carry_over(&previous, form, maker, fy)
    } else {
        editing::blank(form, maker, fy)
    };
    let id = state.store.create_agreement(&me, &content).await?;
    Ok(Redirect::to(&format!("/agreements/{id}/edit")).into_response())
}

/// GET /agreements/mine: this year's agreement, or the home page to start it.
pub async fn mine(State(state): State<AppState>, user: CurrentUser) -> Result<Redirect, WebError> {
    let fy = current_fiscal_year();
    Ok(
        match state
            .store
            .agreement_of(&user.person_id(), i64::from(fy))
            .await?
        {
            Some(a) => Redirect::to(&format!("/agreements/{}", a.id)),
            None => Redirect::to("/#pa"),
        },
    )
}

/// GET /agreements/{id}/open: where a link to an agreement (a notification) should land for
/// this person: the maker's page, or the review page for everyone else.
pub async fn open(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Redirect, WebError> {
    let viewed = load(&state, &user, &id).await?;
    Ok(Redirect::to(&match viewed.relation {
        Relation::Maker => format!("/agreements/{id}"),
        Relation::Approver | Relation::Reader => format!("/reviews/{id}"),
    }))
}
